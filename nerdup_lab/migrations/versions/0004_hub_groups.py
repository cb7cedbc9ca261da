"""A study group's link to a JupyterHub group, and who the link brought in.

Revision ID: 0004_hub_groups
Revises: 0003_rhythm
Create Date: 2026-12-01

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_hub_groups"
down_revision = "0003_rhythm"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "hub_group_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "group_id",
            sa.Integer(),
            sa.ForeignKey("groups.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("hub_group", sa.String(255), nullable=False),
        sa.Column("linked_by", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("linked_at", TS, nullable=False),
        sa.Column("synced_at", TS, nullable=True),
        sa.Column("synced_by", sa.String(255), nullable=True),
    )
    op.create_table(
        "hub_group_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "link_id",
            sa.Integer(),
            sa.ForeignKey("hub_group_links.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("username", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("added", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("link_id", "username", name="uq_hub_group_members_link_user"),
    )
    op.create_index("ix_hub_group_members_link_id", "hub_group_members", ["link_id"])


def downgrade() -> None:
    op.drop_table("hub_group_members")
    op.drop_table("hub_group_links")
