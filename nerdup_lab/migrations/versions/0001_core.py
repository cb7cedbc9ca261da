"""Core tables: users, groups, memberships, milestones, tasks, claims, proposals, votes, activities.

Revision ID: 0001_core
Revises:
Create Date: 2026-11-21

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_core"
down_revision = None
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _version() -> sa.Column[object]:
    return sa.Column("version", sa.Integer(), nullable=False, server_default="1")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(255), primary_key=True),
        sa.Column("display_name", sa.String(255), nullable=False, server_default=""),
        _ts("created"),
    )
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False, server_default=""),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False, server_default="forming"),
        sa.Column("visibility", sa.String(20), nullable=False, server_default="open"),
        sa.Column("adoption_rule", sa.String(20), nullable=False, server_default="organizer"),
        _ts("created_at"),
        sa.Column("created_by", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        _version(),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "group_id", sa.Integer(), sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("username", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        _ts("joined_at"),
        _version(),
        sa.UniqueConstraint("group_id", "username", name="uq_memberships_group_user"),
    )
    op.create_index("ix_memberships_group_id", "memberships", ["group_id"])
    op.create_index("ix_memberships_username", "memberships", ["username"])
    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "group_id", sa.Integer(), sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False, server_default=""),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False, server_default="planned"),
        sa.Column("resources", sa.JSON(), nullable=False),
        sa.Column("obstacles", sa.Text(), nullable=False, server_default=""),
        sa.Column("solutions", sa.Text(), nullable=False, server_default=""),
        _ts("created_at"),
        _version(),
    )
    op.create_index("ix_milestones_group_id", "milestones", ["group_id"])
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "milestone_id",
            sa.Integer(),
            sa.ForeignKey("milestones.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "group_id", sa.Integer(), sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False, server_default=""),
        sa.Column("weight", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("status", sa.String(20), nullable=False, server_default="todo"),
        sa.Column("next_session", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("owner", sa.String(255), sa.ForeignKey("users.username"), nullable=True),
        sa.Column("notebooks", sa.JSON(), nullable=False),
        _ts("created_at"),
        sa.Column("created_by", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        _ts("done_at", nullable=True),
        _version(),
        sa.CheckConstraint("weight > 0", name="ck_tasks_weight_positive"),
    )
    op.create_index("ix_tasks_milestone_id", "tasks", ["milestone_id"])
    op.create_index("ix_tasks_group_id", "tasks", ["group_id"])
    op.create_table(
        "task_claims",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "task_id", sa.Integer(), sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("username", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        _ts("claimed_at"),
        sa.UniqueConstraint("task_id", "username", name="uq_task_claims_task_user"),
    )
    op.create_index("ix_task_claims_task_id", "task_claims", ["task_id"])
    op.create_index("ix_task_claims_username", "task_claims", ["username"])
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "group_id", sa.Integer(), sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False, server_default=""),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False, server_default="open"),
        sa.Column("created_by", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        _ts("created_at"),
        _ts("decided_at", nullable=True),
        sa.Column("decided_by", sa.String(255), nullable=True),
        sa.Column(
            "milestone_id",
            sa.Integer(),
            sa.ForeignKey("milestones.id", ondelete="SET NULL"),
            nullable=True,
        ),
        _version(),
    )
    op.create_index("ix_proposals_group_id", "proposals", ["group_id"])
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "proposal_id",
            sa.Integer(),
            sa.ForeignKey("proposals.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("username", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("value", sa.String(10), nullable=False, server_default="up"),
        _ts("created_at"),
        sa.UniqueConstraint("proposal_id", "username", name="uq_votes_proposal_user"),
    )
    op.create_index("ix_votes_proposal_id", "votes", ["proposal_id"])
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "group_id", sa.Integer(), sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False, server_default=""),
        sa.Column("subject", sa.JSON(), nullable=False),
        _ts("created_at"),
    )
    op.create_index("ix_activities_group_id_id", "activities", ["group_id", "id"])


def downgrade() -> None:
    for table in (
        "activities",
        "votes",
        "proposals",
        "task_claims",
        "tasks",
        "milestones",
        "memberships",
        "groups",
        "users",
    ):
        op.drop_table(table)
