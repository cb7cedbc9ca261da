"""Join requests: how people become participants of an open group, and their requests.

Revision ID: 0012_join_requests
Revises: 0011_task_proposals
Create Date: 2026-12-04

`groups.join_rule` is "anyone" (a person joins an open group as a participant at once, as
before this revision: every existing group keeps that) or "request" (a person asks, an
organizer accepts or declines). Following a group stays free either way.

`join_requests` holds one row per person and group; asking again after a decline or a
withdrawal reopens that row, so at most one request per person is pending.

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# After 0011 (task proposals), which reached main first from 0009: one line of history, so
# a database already at 0011 upgrades with this and nothing is skipped.
revision = "0012_join_requests"
down_revision = "0011_task_proposals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy (a copy of groups on SQLite would cascade-delete
    # everything in every group with foreign keys on).
    op.add_column(
        "groups",
        sa.Column("join_rule", sa.String(20), nullable=False, server_default="anyone"),
    )
    op.create_table(
        "join_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "group_id",
            sa.Integer(),
            sa.ForeignKey("groups.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("username", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(255), sa.ForeignKey("users.username"), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("group_id", "username", name="uq_join_requests_group_user"),
    )
    op.create_index("ix_join_requests_group_id", "join_requests", ["group_id"])
    op.create_index("ix_join_requests_username", "join_requests", ["username"])


def downgrade() -> None:
    op.drop_index("ix_join_requests_username", table_name="join_requests")
    op.drop_index("ix_join_requests_group_id", table_name="join_requests")
    op.drop_table("join_requests")
    op.drop_column("groups", "join_rule")
