"""An organizer who also mentors: `memberships.also_mentor`.

Revision ID: 0013_organizer_mentors
Revises: 0012_join_requests
Create Date: 2026-12-04

A membership has one role; a person who started a mentorship stream organises it and
mentors it too (#16). `also_mentor` says so for an organizer (false for everyone else):
such a member is listed among the group's mentors and sees it in `GET /me/mentoring`.
Every existing membership keeps false.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_organizer_mentors"
down_revision = "0012_join_requests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy (a copy of memberships on SQLite is not needed for
    # a column with a default, and would rebuild a table others refer to).
    op.add_column(
        "memberships",
        sa.Column("also_mentor", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("memberships") as batch:
        batch.drop_column("also_mentor")
