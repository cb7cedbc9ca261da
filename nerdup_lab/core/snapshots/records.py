"""Snapshot rows as the API shows them, and the look-ups every operation shares."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..permissions import Action
from ..records import load_in_group
from . import blobstore
from .delta import apply_delta, is_delta
from .manifest import build_notebook, manifest_hashes
from .models import Snapshot, path_notebook_id


def to_json(snap: Snapshot) -> dict[str, Any]:
    return {
        "id": snap.id,
        "group_id": snap.group_id,
        "author": snap.author,
        "created_at": snap.created_at.isoformat(),
        "message": snap.message,
        "task_id": snap.task_id,
        "path": snap.path,
        "notebook_id": snap.notebook_id or path_notebook_id(snap.group_id, snap.path),
        "policy": snap.policy,
        "content_hash": snap.content_hash,
        "nbformat": f"{snap.nbformat}.{snap.nbformat_minor}",
        "cell_count": snap.cell_count,
        "content_bytes": snap.content_bytes,
        "new_bytes": snap.new_bytes,
    }


def get_snapshot(session: Session, snapshot_id: int, username: str) -> Snapshot:
    """The snapshot, if `username` may view its group (404 otherwise, never 403)."""
    return load_in_group(session, Snapshot, snapshot_id, "snapshot", username, Action.VIEW_GROUP)


def latest(
    session: Session, group_id: int, path: str, author: str | None = None
) -> Snapshot | None:
    query = select(Snapshot).where(Snapshot.group_id == group_id, Snapshot.path == path)
    if author is not None:
        query = query.where(Snapshot.author == author)
    return session.scalars(query.order_by(Snapshot.id.desc()).limit(1)).first()


# Decoded full manifests by the hash of the blob that stores them. Blobs never change, so
# the cache can never be stale; it saves the decompress-and-parse of the previous snapshot's
# manifest on every commit and of both sides on every diff. Treat entries as read-only.
_CACHE: OrderedDict[str, dict[str, Any]] = OrderedDict()
_CACHE_SIZE = 64
_LOCK = threading.Lock()


def clear_manifest_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def _remember(h: str, manifest: dict[str, Any]) -> None:
    with _LOCK:
        _CACHE[h] = manifest
        _CACHE.move_to_end(h)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)


def load_manifests(session: Session, hashes: list[str]) -> list[dict[str, Any]]:
    """The full manifests stored under `hashes` (resolving deltas), in two queries at most."""
    with _LOCK:
        cached = {h: _CACHE[h] for h in hashes if h in _CACHE}
    missing = [h for h in hashes if h not in cached]
    if missing:
        stored = blobstore.get_many(session, missing)
        bases = {m["base"] for m in stored.values() if is_delta(m)}
        found = blobstore.get_many(session, bases - stored.keys()) if bases else {}
        found.update(stored)
        for h in missing:
            m = stored[h]
            cached[h] = apply_delta(m, found[m["base"]]) if is_delta(m) else m
            _remember(h, cached[h])
    return [cached[h] for h in hashes]


def load_manifest(session: Session, manifest_hash: str) -> dict[str, Any]:
    """The full manifest stored under `manifest_hash` (resolving a delta)."""
    return load_manifests(session, [manifest_hash])[0]


def read_notebook(session: Session, snap: Snapshot) -> dict[str, Any]:
    """The notebook exactly as it was committed (after its output policy)."""
    manifest = load_manifest(session, snap.manifest_hash)
    blobs = blobstore.get_many(session, manifest_hashes(manifest))
    return build_notebook(manifest, blobs)
