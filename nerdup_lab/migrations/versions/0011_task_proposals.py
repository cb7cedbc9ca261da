"""Task proposals, and where an adopted milestone proposal goes.

Revision ID: 0011_task_proposals
Revises: 0009_calendars
Create Date: 2026-12-04

`proposals.kind` is "milestone" (every proposal until now) or "task". A task proposal names
the milestone it is for (`for_milestone_id`; deleting that milestone deletes the proposal,
as it deletes the milestone's tasks), has a `description`, may be meant for the next
session, and once adopted names the task it became (`task_id`). A milestone proposal says
where it goes once adopted: `place` "after_current" (the default, and what every older
proposal gets), "after" (with `after_milestone_id`) or "last".

PostgreSQL adds the columns. SQLite cannot add a foreign key with its ON DELETE rule to a
table (an inline REFERENCES in ADD COLUMN works, but is not read back as the models say,
so the schema would not match them), so there `proposals` is rebuilt. Never by dropping
the old table while `votes` refers to it: with foreign keys on, that would cascade-delete
every vote. Instead the new `proposals` and a new `votes` (referring to the new table) are
filled first, the old `votes` dropped, then the old `proposals`, and the new ones renamed.
All of it is one transaction, like every migration, so a kill at any statement leaves 0009.

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011_task_proposals"
down_revision = "0009_calendars"
branch_labels = None
depends_on = None

OLD_COLUMNS = (
    "id, group_id, title, goal, due, status, created_by, created_at, decided_at, decided_by, "
    "milestone_id, version"
)
VOTE_COLUMNS = "id, proposal_id, username, value, created_at"


def _ts(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _ref(name: str, target: str, ondelete: str) -> sa.Column[Any]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(f"{target}.id", ondelete=ondelete), nullable=True
    )


def _new_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("kind", sa.String(20), nullable=False, server_default="milestone"),
        sa.Column("place", sa.String(20), nullable=False, server_default="after_current"),
        _ref("after_milestone_id", "milestones", "SET NULL"),
        _ref("for_milestone_id", "milestones", "CASCADE"),
        sa.Column("description", sa.Text(), nullable=False, server_default=""),
        sa.Column("next_session", sa.Boolean(), nullable=False, server_default=sa.false()),
        _ref("task_id", "tasks", "SET NULL"),
    ]


def _rebuild_sqlite() -> None:
    op.create_table(
        "_proposals_0011",
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
        _ref("milestone_id", "milestones", "SET NULL"),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        *_new_columns(),
    )
    op.execute(f"INSERT INTO _proposals_0011 ({OLD_COLUMNS}) SELECT {OLD_COLUMNS} FROM proposals")
    op.create_table(
        "_votes_0011",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "proposal_id",
            sa.Integer(),
            sa.ForeignKey("_proposals_0011.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("username", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("value", sa.String(10), nullable=False, server_default="up"),
        _ts("created_at"),
        sa.UniqueConstraint("proposal_id", "username", name="uq_votes_proposal_user"),
    )
    op.execute(f"INSERT INTO _votes_0011 ({VOTE_COLUMNS}) SELECT {VOTE_COLUMNS} FROM votes")
    # The old votes first: nothing refers to them. Then the old proposals: nothing refers
    # to them any more, so dropping them cascades nowhere.
    op.drop_table("votes")
    op.drop_table("proposals")
    # Renaming rewrites _votes_0011's reference to the new name (SQLite >= 3.26).
    op.rename_table("_proposals_0011", "proposals")
    op.rename_table("_votes_0011", "votes")
    op.create_index("ix_proposals_group_id", "proposals", ["group_id"])
    op.create_index("ix_votes_proposal_id", "votes", ["proposal_id"])


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite()
    else:
        for column in _new_columns():
            op.add_column("proposals", column)
    op.create_index("ix_proposals_for_milestone_id", "proposals", ["for_milestone_id"])


_proposals = sa.table("proposals", sa.column("kind", sa.String(20)))


def downgrade() -> None:
    # Before this revision every proposal was a milestone; task proposals have no place.
    # (On SQLite the batch below copies the table, as 0007's downgrade does.)
    op.execute(_proposals.delete().where(_proposals.c.kind == "task"))
    op.drop_index("ix_proposals_for_milestone_id", table_name="proposals")
    with op.batch_alter_table("proposals") as batch:
        for column in reversed(_new_columns()):
            batch.drop_column(column.name)
