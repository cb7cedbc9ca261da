"""A commit's `Idempotency-Key`: a retried commit answers the first snapshot.

Revision ID: 0005_commit_idempotency
Revises: 0004_hub_groups
Create Date: 2026-12-03

One nullable column on `snapshots` and a unique index per author: the same person's key
names one snapshot (NULLs, commits sent without a key, never collide).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_commit_idempotency"
down_revision = "0004_hub_groups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("snapshots", sa.Column("idempotency_key", sa.String(255), nullable=True))
    op.create_index(
        "ux_snapshots_author_idempotency_key",
        "snapshots",
        ["author", "idempotency_key"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("ux_snapshots_author_idempotency_key", table_name="snapshots")
    with op.batch_alter_table("snapshots") as batch:
        batch.drop_column("idempotency_key")
