"""Reading and writing blobs: idempotent inserts, batched reads, decoded values.

Blob inserts use INSERT ... ON CONFLICT DO NOTHING, so two members committing the same
cell at the same moment both succeed and the piece is stored once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..errors import NotFound
from . import codec
from .models import Blob

# Bound parameters per query stay well under SQLite's and PostgreSQL's limits.
_BATCH = 500


_SELECT = select(Blob.hash, Blob.data).where(Blob.hash.in_(bindparam("hashes", expanding=True)))


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def existing(session: Session, hashes: Iterable[str]) -> set[str]:
    """The subset of `hashes` already stored."""
    wanted = sorted(set(hashes))
    found: set[str] = set()
    for chunk in _chunks(wanted):
        found.update(session.scalars(select(Blob.hash).where(Blob.hash.in_(chunk))))
    return found


def put_many(
    session: Session, blobs: dict[str, tuple[bytes, Any]], stored: set[str] | None = None
) -> int:
    """Store the blobs not yet stored (`stored`: those known to be there already);
    returns the encoded bytes written."""
    if stored is None:
        stored = existing(session, blobs)
    missing = [h for h in blobs if h not in stored]
    if not missing:
        return 0
    rows: list[dict[str, Any]] = []
    written = 0
    for h in missing:
        data, value = blobs[h]
        encoded = codec.encode(data, value)
        rows.append({"hash": h, "size": len(data), "stored_size": len(encoded), "data": encoded})
        written += len(encoded)
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for start in range(0, len(rows), _BATCH):
        stmt = insert(Blob).values(rows[start : start + _BATCH])
        session.execute(stmt.on_conflict_do_nothing(index_elements=["hash"]))
    return written


def get_many(session: Session, hashes: Iterable[str]) -> dict[str, Any]:
    """Decoded JSON values of the given blobs; NotFound if one is missing."""
    wanted = sorted(set(hashes))
    values: dict[str, Any] = {}
    # Core-level execution: the ORM's per-row bookkeeping is most of the cost of a diff.
    conn = session.connection()
    for chunk in _chunks(wanted):
        for h, data in conn.execute(_SELECT, {"hashes": chunk}):
            values[h] = json.loads(codec.decode(data))
    if len(values) != len(wanted):
        missing = sorted(set(wanted) - set(values))
        raise NotFound(f"Snapshot storage is missing {len(missing)} blob(s), e.g. {missing[0]}.")
    return values


def get_one(session: Session, h: str) -> Any:
    return get_many(session, [h])[h]
