"""Committing a notebook: one database transaction, so a snapshot is whole or absent.

Blobs go in first (idempotently), then the snapshot row and its activity, in the same
transaction. If the process dies before COMMIT the database rolls everything back; the
worst a crash can leave on a database without transactional DDL guarantees is blobs that
nothing refers to, which `verify` reports and which cost only space.

A commit may carry the client's `Idempotency-Key`: a retry with the same key (the client saw
a dropped connection, not the answer) finds the snapshot the first attempt stored and
answers it, instead of storing a second one. The key is the author's own: the same key sent
for another notebook or group is refused (409). On PostgreSQL two attempts with one key at
once are serialised by a transaction-scoped advisory lock on the (author, key) pair; on
SQLite the write transaction is already alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import activity
from ..db import Database
from ..errors import Conflict, InvalidInput
from ..models import Task
from ..paths import message_text, notebook_path
from ..permissions import Action, require
from . import blobstore
from .canonical import hash_value
from .delta import apply_delta, make_delta, worth_it
from .diff.text import as_text
from .manifest import manifest_hashes, manifest_refs, split_notebook
from .models import Snapshot, SnapshotSettings, path_notebook_id, record_notebook_id
from .policy import check_policy, output_limit, strip_outputs
from .prepare import check_size, inherit_ids, normalize_notebook, validate_new_cells
from .records import latest, load_manifests, to_json

DEFAULT_POLICY = "drop_large"


@dataclass(frozen=True)
class Limits:
    """From configuration: `c.NerdUp.max_snapshot_bytes` and `c.NerdUp.max_output_bytes`."""

    max_snapshot_bytes: int = 25 * 1024 * 1024
    max_output_bytes: int = 1024 * 1024


def group_policy(session: Session, group_id: int, limits: Limits) -> tuple[str, int]:
    settings = session.get(SnapshotSettings, group_id)
    if settings is None:
        return DEFAULT_POLICY, limits.max_output_bytes
    return settings.policy, settings.max_output_bytes or limits.max_output_bytes


def _check_task(session: Session, group_id: int, task_id: int | None) -> None:
    if task_id is None:
        return
    task = session.get(Task, task_id)
    if task is None or task.group_id != group_id:
        raise InvalidInput(
            f"Task {task_id} is not a task of this group.", fields={"task_id": "unknown"}
        )


def _previous(
    session: Session, group_id: int, path: str, author: str
) -> tuple[Snapshot | None, str | None, dict[str, Any] | None]:
    """The snapshot a new one of `path` follows, the hash of the full manifest a delta
    would be based on, and that manifest."""
    prev = latest(session, group_id, path, author) or latest(session, group_id, path)
    if prev is None:
        return None, None, None
    stored = load_manifests(session, [prev.manifest_hash])[0]
    if prev.manifest_hash == prev.content_hash:
        return prev, prev.manifest_hash, stored
    # A delta: base the next one on the same full manifest, so chains stay one deep.
    raw = blobstore.get_one(session, prev.manifest_hash)
    base_hash = str(raw["base"])
    return prev, base_hash, load_manifests(session, [base_hash])[0]


def _manifest_blob(
    prev: Snapshot | None,
    base_hash: str | None,
    base: dict[str, Any] | None,
    manifest: dict[str, Any],
) -> tuple[str, dict[str, tuple[bytes, Any]], int | None]:
    """(manifest hash to store, blobs to add, id of an identical previous snapshot)."""
    content_hash, full = hash_value(manifest)
    if prev is not None and prev.content_hash == content_hash:
        return prev.manifest_hash, {}, prev.id
    if base_hash is not None and base is not None:
        delta = make_delta(base_hash, base, manifest)
        # The check costs one pass over the entries and guards every later read-back.
        if worth_it(delta, full) and apply_delta(delta, base) == manifest:
            delta_hash, delta_bytes = hash_value(delta)
            return delta_hash, {delta_hash: (delta_bytes, delta)}, None
    return content_hash, {content_hash: (full, manifest)}, None


def _replayed(
    session: Session, group_id: int, author: str, path: str, key: str
) -> dict[str, Any] | None:
    """The answer of an earlier commit with this key, if the author sent one."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"{author}\n{key}"))))
    first = session.scalars(
        select(Snapshot).where(Snapshot.author == author, Snapshot.idempotency_key == key)
    ).one_or_none()
    if first is None:
        return None
    if first.group_id != group_id or first.path != path:
        raise Conflict(
            "This Idempotency-Key was already used for another commit "
            f"(snapshot {first.id} of {first.path}); send a new key for a new commit.",
            fields={"Idempotency-Key": "already used"},
        )
    result = to_json(first)
    result["unchanged_since"] = None
    return result


def commit_in_session(
    session: Session,
    *,
    group_id: int,
    author: str,
    path: str,
    notebook: dict[str, Any],
    message: str = "",
    task_id: int | None = None,
    policy: str | None = None,
    limits: Limits | None = None,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    limits = limits or Limits()
    require(session, group_id, author, Action.COMMIT_SNAPSHOT)
    path = notebook_path(path)
    if idempotency_key is not None:
        replayed = _replayed(session, group_id, author, path, idempotency_key)
        if replayed is not None:
            return replayed
    _check_task(session, group_id, task_id)
    message = message_text(message)
    chosen, max_output = group_policy(session, group_id, limits)
    chosen = check_policy(policy or chosen)
    nb = normalize_notebook(notebook)  # checks the shape before anything reads the cells
    prev, base_hash, base = _previous(session, group_id, path, author)
    if prev is not None and any(not isinstance(c.get("id"), str) for c in notebook["cells"]):

        def texts(hashes: set[str]) -> dict[str, str]:
            found = blobstore.get_many(session, hashes) if hashes else {}
            return {h: as_text(v.get("source")) for h, v in found.items()}

        previous = load_manifests(session, [prev.manifest_hash])[0]
        nb = normalize_notebook(notebook, inherit_ids(notebook, previous, texts))
    if chosen == "strip":
        nb = strip_outputs(nb)
    pieces = split_notebook(nb, output_limit(chosen, max_output))
    manifest = pieces.manifest
    content_bytes = sum(len(pieces.blobs[h][0]) for h in manifest_refs(manifest))
    check_size(content_bytes, limits.max_snapshot_bytes)
    # Blobs are never deleted, so whatever the previous snapshot's manifest (and the base
    # of its delta) refers to is stored: only the rest needs a look-up.
    known = (manifest_hashes(base) if base else set()) & pieces.blobs.keys()
    if prev is not None and prev.manifest_hash != base_hash:
        known |= (
            manifest_hashes(load_manifests(session, [prev.manifest_hash])[0]) & pieces.blobs.keys()
        )
    stored = known | blobstore.existing(session, pieces.blobs.keys() - known)
    validate_new_cells(nb, manifest, stored)
    content_hash, _ = hash_value(manifest)
    manifest_hash, extra, same_as = _manifest_blob(prev, base_hash, base, manifest)
    new_bytes = blobstore.put_many(session, pieces.blobs, stored)
    new_bytes += blobstore.put_many(session, extra) if extra else 0
    snap = Snapshot(
        group_id=group_id,
        author=author,
        message=message,
        task_id=task_id,
        path=path,
        notebook_id=record_notebook_id(notebook) or path_notebook_id(group_id, path),
        policy=chosen,
        content_hash=content_hash,
        manifest_hash=manifest_hash,
        metadata_hash=manifest["metadata"],
        nbformat=manifest["nbformat"],
        nbformat_minor=manifest["nbformat_minor"],
        cell_count=len(manifest["cells"]),
        content_bytes=content_bytes,
        new_bytes=new_bytes,
        idempotency_key=idempotency_key,
    )
    session.add(snap)
    session.flush()
    summary = f"{author} committed a snapshot of {path}" + (f": {message}" if message else "")
    activity.record(
        session,
        group_id,
        author,
        "snapshot.committed",
        summary,
        {"snapshot_id": snap.id, "path": path, "task_id": task_id},
    )
    result = to_json(snap)
    result["unchanged_since"] = same_as
    return result


def commit_snapshot(db: Database, **kwargs: Any) -> dict[str, Any]:
    """Commit a notebook dict as a snapshot; see `commit_in_session` for the arguments."""
    with db.session() as session:
        return commit_in_session(session, **kwargs)
