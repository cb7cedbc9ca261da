"""Write one group, with everything that belongs to it, into a zip archive."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from ..._version import __version__
from .. import migrate
from ..db import Database
from ..errors import NotFound
from ..permissions import Action, require
from ..snapshots import blobstore
from ..snapshots.delta import is_delta
from ..snapshots.manifest import manifest_hashes
from ..snapshots.records import load_manifest
from .format import (
    ARCHIVE_FORMAT,
    ARCHIVE_VERSION,
    BLOB_TABLE,
    ROOT,
    encode_row,
    metadata,
    owned_tables,
)

Progress = Callable[[int, int], None]
_CHUNK = 500


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


Rows = list[dict[str, Any]]


def _select_owned(session: Session, table: Table, picked: dict[str, Rows]) -> Rows:
    """Rows of `table` that refer to rows already picked (any owned foreign key)."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    keys = list(table.primary_key.columns)
    for fk in table.foreign_keys:
        parent = fk.column.table.name
        if parent not in picked or parent == table.name:
            continue
        values = sorted({r[fk.column.name] for r in picked[parent]}, key=str)
        for chunk in _chunks(values):
            for row in session.execute(select(table).where(fk.parent.in_(chunk))).mappings():
                found[tuple(row[k.name] for k in keys)] = dict(row)
    return [found[k] for k in sorted(found, key=_order)]


def _order(key: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    """Rows in key order (numbers as numbers), so an import makes them in the same order."""
    return tuple((0, v) if isinstance(v, int) else (1, str(v)) for v in key)


def collect(session: Session, group_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row that belongs to the group, plus the shared rows they refer to (no blobs)."""
    md = metadata()
    picked: dict[str, list[dict[str, Any]]] = {}
    for table in owned_tables(md):
        if table.name == ROOT:
            root = session.execute(select(table).where(table.c.id == group_id)).mappings()
            picked[ROOT] = [dict(r) for r in root]
            if not picked[ROOT]:
                raise NotFound(f"There is no group {group_id}.")
        else:
            picked[table.name] = _select_owned(session, table, picked)
    users = md.tables["users"]
    names: set[str] = set()
    for name, rows in list(picked.items()):
        for fk in md.tables[name].foreign_keys:
            if fk.column.table is users:
                names.update(r[fk.parent.name] for r in rows if r[fk.parent.name] is not None)
    found = session.execute(select(users).where(users.c.username.in_(sorted(names)))).mappings()
    picked["users"] = sorted((dict(r) for r in found), key=lambda r: r["username"])
    return picked


def snapshot_blobs(session: Session, snapshots: list[dict[str, Any]]) -> list[str]:
    """Hashes of every blob the snapshots need: manifests, delta bases and pieces."""
    needed: set[str] = set()
    for snap in snapshots:
        stored = blobstore.get_one(session, snap["manifest_hash"])
        needed.add(snap["manifest_hash"])
        if is_delta(stored):
            needed.add(stored["base"])
        needed.update(manifest_hashes(load_manifest(session, snap["manifest_hash"])))
    return sorted(needed)


def export_group(
    db: Database,
    username: str,
    group_id: int,
    target: str | Path,
    *,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Write the group to the zip file `target`; returns the archive's manifest.

    `username` must be allowed to view the group.
    """
    md = metadata()
    with db.session() as session:
        require(session, group_id, username, Action.VIEW_GROUP)
        picked = collect(session, group_id)
        hashes = snapshot_blobs(session, picked.get("snapshots", []))
        revision = migrate.current_revision(db)
        total = len(hashes) + len(picked)
        done = 0
        group = picked[ROOT][0]
        manifest: dict[str, Any] = {
            "format": ARCHIVE_FORMAT,
            "version": ARCHIVE_VERSION,
            "nerdup_version": __version__,
            "schema_revision": revision,
            "exported_at": dt.datetime.now(dt.UTC).isoformat(),
            "exported_by": username,
            "group": {"id": group["id"], "title": group["title"]},
            "tables": {name: len(rows) for name, rows in picked.items()},
            "blobs": len(hashes),
        }
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, rows in picked.items():
                table = md.tables[name]
                data = [encode_row(table, r) for r in rows]
                archive.writestr(f"tables/{name}.json", json.dumps(data, ensure_ascii=False))
                done += 1
                if progress:
                    progress(done, total)
            blobs = md.tables[BLOB_TABLE]
            rows_of: dict[str, dict[str, Any]] = {}
            for chunk in _chunks(hashes):
                for row in session.execute(select(blobs).where(blobs.c.hash.in_(chunk))):
                    rows_of[row.hash] = dict(row._mapping)
            index = []
            for h in hashes:
                blob = rows_of[h]
                # Blob data is compressed already: stored as is, byte for byte.
                archive.writestr(f"blobs/{h}", blob["data"], compress_type=zipfile.ZIP_STORED)
                index.append({k: v for k, v in blob.items() if k != "data"})
                done += 1
                if progress:
                    progress(done, total)
            archive.writestr("tables/blobs.json", json.dumps(index))
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return manifest
