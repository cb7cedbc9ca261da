"""Snapshots carry the notebook id of their line of history (`metadata.nerdup.notebook_id`),
so a notebook's history survives renames. Existing snapshots get the id derived from their
group and path (what a commit of a notebook without a record gets too).

Revision ID: 0006_snapshot_notebook_id
Revises: 0005_commit_idempotency
Create Date: 2026-12-03

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0006_snapshot_notebook_id"
down_revision = "0005_commit_idempotency"
branch_labels = None
depends_on = None


def _path_notebook_id(group_id: int, path: str) -> str:
    # Frozen copy of nerdup_lab.core.snapshots.models.path_notebook_id.
    return hashlib.sha256(f"{group_id}\0{path}".encode()).hexdigest()[:32]


def upgrade() -> None:
    op.add_column("snapshots", sa.Column("notebook_id", sa.String(32), nullable=True))
    snapshots = sa.table(
        "snapshots",
        sa.column("id", sa.Integer()),
        sa.column("group_id", sa.Integer()),
        sa.column("path", sa.String()),
        sa.column("notebook_id", sa.String()),
    )
    conn = op.get_bind()
    pairs = conn.execute(sa.select(snapshots.c.group_id, snapshots.c.path).distinct()).all()
    for group_id, path in pairs:
        conn.execute(
            snapshots.update()
            .where(snapshots.c.group_id == group_id, snapshots.c.path == path)
            .values(notebook_id=_path_notebook_id(group_id, path))
        )
    op.create_index("ix_snapshots_group_notebook", "snapshots", ["group_id", "notebook_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_snapshots_group_notebook", table_name="snapshots")
    with op.batch_alter_table("snapshots") as batch:
        batch.drop_column("notebook_id")
