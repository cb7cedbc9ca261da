"""Tables of snapshot storage (created by migration 0002_snapshots).

- ``blobs``: content-addressed pieces (hash of the canonical JSON -> encoded bytes), shared
  by every snapshot, member and group.
- ``snapshots``: one immutable record per commit, pointing at a manifest blob that lists
  the notebook's pieces in order. (A row per cell per snapshot would cost ~150 bytes of
  uncompressible hashes per cell per commit: 48k rows for 30 commits of a 1600-cell
  notebook, more than git needs for the whole history; manifests delta-compress instead.)
- ``group_notebooks``: paths marked as a group's shared notebooks.
- ``snapshot_settings``: a group's output policy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..models import UTCDateTime, utcnow

HASH = String(64)
PATH = String(1024)
NOTEBOOK_ID = re.compile(r"^[0-9a-fA-F]{32}$")


def path_notebook_id(group_id: int, path: str) -> str:
    """The notebook id of a notebook known only by its path in a group (32 hex)."""
    return hashlib.sha256(f"{group_id}\0{path}".encode()).hexdigest()[:32]


def record_notebook_id(notebook: Any) -> str | None:
    """`metadata.nerdup.notebook_id` of a notebook (docs/lab-shell.md), if it is one."""
    meta = notebook.get("metadata") if isinstance(notebook, dict) else None
    record = meta.get("nerdup") if isinstance(meta, dict) else None
    value = record.get("notebook_id") if isinstance(record, dict) else None
    if isinstance(value, str) and NOTEBOOK_ID.match(value):
        return value.lower()
    return None


class Blob(Base):
    __tablename__ = "blobs"

    hash: Mapped[str] = mapped_column(HASH, primary_key=True)
    # Length of the canonical JSON (what the hash covers) and of what is stored.
    size: Mapped[int] = mapped_column(Integer)
    stored_size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Snapshot(Base):
    __tablename__ = "snapshots"
    __table_args__ = (
        Index("ix_snapshots_group_id_id", "group_id", "id"),
        Index("ix_snapshots_group_path_author", "group_id", "path", "author", "id"),
        Index("ix_snapshots_group_author", "group_id", "author", "id"),
        Index("ix_snapshots_task_id", "task_id"),
        Index("ux_snapshots_author_idempotency_key", "author", "idempotency_key", unique=True),
        Index("ix_snapshots_group_notebook", "group_id", "notebook_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(ForeignKey("users.username"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    message: Mapped[str] = mapped_column(Text, default="")
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("tasks.id", ondelete="SET NULL"), nullable=True
    )
    path: Mapped[str] = mapped_column(PATH)
    # The notebook's line of history (migration 0006): `metadata.nerdup.notebook_id` of the
    # committed notebook, kept through renames; for a notebook without that record, derived
    # from group and path (`path_notebook_id`), as for snapshots made before it existed.
    notebook_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    policy: Mapped[str] = mapped_column(String(20))
    # Hash of the full manifest: equal content <=> equal hash.
    content_hash: Mapped[str] = mapped_column(HASH)
    # The blob holding the manifest (the full one, or a delta against a full one).
    manifest_hash: Mapped[str] = mapped_column(ForeignKey("blobs.hash"))
    metadata_hash: Mapped[str] = mapped_column(HASH)
    nbformat: Mapped[int] = mapped_column(Integer)
    nbformat_minor: Mapped[int] = mapped_column(Integer)
    cell_count: Mapped[int] = mapped_column(Integer)
    content_bytes: Mapped[int] = mapped_column(Integer)
    # Bytes this commit added to the store (0 when everything was already there).
    new_bytes: Mapped[int] = mapped_column(Integer, default=0)
    # The client's `Idempotency-Key` of the commit (migration 0005): a retry with the
    # same key answers this snapshot instead of storing a second one.
    idempotency_key: Mapped[str | None] = mapped_column(String(255), nullable=True, default=None)


class GroupNotebook(Base):
    __tablename__ = "group_notebooks"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    path: Mapped[str] = mapped_column(PATH, primary_key=True)
    marked_by: Mapped[str] = mapped_column(String(255))
    marked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SnapshotSettings(Base):
    __tablename__ = "snapshot_settings"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    policy: Mapped[str] = mapped_column(String(20), default="drop_large")
    # None: c.NerdUp.max_output_bytes.
    max_output_bytes: Mapped[int | None] = mapped_column(Integer, nullable=True)
