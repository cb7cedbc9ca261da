"""Snapshot storage: blobs, snapshots, group notebooks, per-group snapshot settings.

Revision ID: 0002_snapshots
Revises: 0001_core
Create Date: 2026-11-21

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_snapshots"
down_revision = "0001_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("stored_size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "group_id", sa.Integer(), sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("author", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message", sa.Text(), nullable=False, server_default=""),
        sa.Column(
            "task_id", sa.Integer(), sa.ForeignKey("tasks.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("path", sa.String(1024), nullable=False),
        sa.Column("policy", sa.String(20), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("manifest_hash", sa.String(64), sa.ForeignKey("blobs.hash"), nullable=False),
        sa.Column("metadata_hash", sa.String(64), nullable=False),
        sa.Column("nbformat", sa.Integer(), nullable=False),
        sa.Column("nbformat_minor", sa.Integer(), nullable=False),
        sa.Column("cell_count", sa.Integer(), nullable=False),
        sa.Column("content_bytes", sa.Integer(), nullable=False),
        sa.Column("new_bytes", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_snapshots_group_id_id", "snapshots", ["group_id", "id"])
    op.create_index(
        "ix_snapshots_group_path_author", "snapshots", ["group_id", "path", "author", "id"]
    )
    op.create_index("ix_snapshots_group_author", "snapshots", ["group_id", "author", "id"])
    op.create_index("ix_snapshots_task_id", "snapshots", ["task_id"])
    op.create_table(
        "group_notebooks",
        sa.Column(
            "group_id",
            sa.Integer(),
            sa.ForeignKey("groups.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("path", sa.String(1024), primary_key=True),
        sa.Column("marked_by", sa.String(255), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "snapshot_settings",
        sa.Column(
            "group_id",
            sa.Integer(),
            sa.ForeignKey("groups.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("policy", sa.String(20), nullable=False, server_default="drop_large"),
        sa.Column("max_output_bytes", sa.Integer(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("snapshot_settings")
    op.drop_table("group_notebooks")
    op.drop_index("ix_snapshots_task_id", table_name="snapshots")
    op.drop_index("ix_snapshots_group_author", table_name="snapshots")
    op.drop_index("ix_snapshots_group_path_author", table_name="snapshots")
    op.drop_index("ix_snapshots_group_id_id", table_name="snapshots")
    op.drop_table("snapshots")
    op.drop_table("blobs")
