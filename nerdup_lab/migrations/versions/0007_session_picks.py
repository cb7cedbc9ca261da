"""What a session's unfinished picks do at its end (roll over or clear), and how far the
"next session" flags have been settled.

Revision ID: 0007_session_picks
Revises: 0006_snapshot_notebook_id
Create Date: 2026-12-03

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_session_picks"
down_revision = "0006_snapshot_notebook_id"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("study_sessions") as batch:
        batch.add_column(
            sa.Column("unfinished_picks", sa.String(20), nullable=False, server_default="roll_over")
        )
        batch.add_column(sa.Column("settled_through", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("study_sessions") as batch:
        batch.drop_column("settled_through")
        batch.drop_column("unfinished_picks")
