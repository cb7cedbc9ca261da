"""The group rhythm: co-coding sessions, Q&A, reflections and posts.

Revision ID: 0003_rhythm
Revises: 0002_snapshots
Create Date: 2026-11-21

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_rhythm"
down_revision = "0002_snapshots"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(name: str, target: str, ondelete: str | None = "CASCADE", null: bool = False) -> sa.Column:  # type: ignore[type-arg]
    kind = sa.String(255) if target == "users.username" else sa.Integer()
    return sa.Column(name, kind, sa.ForeignKey(target, ondelete=ondelete), nullable=null)


def _version() -> sa.Column[int]:
    return sa.Column("version", sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "study_sessions",
        _id(),
        _fk("group_id", "groups.id"),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("starts_at", TS, nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(500), nullable=False),
        sa.Column("link", sa.String(2000), nullable=False),
        sa.Column("recurrence", sa.String(20), nullable=False),
        sa.Column("repeat_until", sa.Date(), nullable=True),
        _fk("created_by", "users.username", None),
        sa.Column("created_at", TS, nullable=False),
        _version(),
    )
    op.create_index("ix_study_sessions_group_id", "study_sessions", ["group_id"])
    op.create_table(
        "session_checkins",
        _id(),
        _fk("session_id", "study_sessions.id"),
        sa.Column("occurrence", TS, nullable=False),
        _fk("username", "users.username", None),
        sa.Column("checked_in_at", TS, nullable=False),
        sa.UniqueConstraint("session_id", "occurrence", "username", name="uq_session_checkins"),
    )
    op.create_index("ix_session_checkins_session_id", "session_checkins", ["session_id"])
    op.create_table(
        "session_agenda",
        _id(),
        _fk("session_id", "study_sessions.id"),
        sa.Column("occurrence", TS, nullable=False),
        _fk("task_id", "tasks.id"),
        sa.Column("added_by", sa.String(255), nullable=False),
        sa.Column("added_at", TS, nullable=False),
        sa.UniqueConstraint("session_id", "occurrence", "task_id", name="uq_session_agenda"),
    )
    op.create_index("ix_session_agenda_session_id", "session_agenda", ["session_id"])
    op.create_table(
        "session_recaps",
        _id(),
        _fk("session_id", "study_sessions.id"),
        _fk("group_id", "groups.id"),
        sa.Column("occurrence", TS, nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("edited_by", sa.String(255), nullable=False),
        sa.Column("edited_at", TS, nullable=False),
        _version(),
        sa.UniqueConstraint("session_id", "occurrence", name="uq_session_recaps"),
    )
    op.create_index("ix_session_recaps_session_id", "session_recaps", ["session_id"])
    op.create_index("ix_session_recaps_group_id", "session_recaps", ["group_id"])
    op.create_table(
        "questions",
        _id(),
        _fk("group_id", "groups.id"),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        _fk("author", "users.username", None),
        _fk("task_id", "tasks.id", "SET NULL", null=True),
        _fk("snapshot_id", "snapshots.id", "SET NULL", null=True),
        sa.Column("cell_id", sa.String(64), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("accepted_answer_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", TS, nullable=True),
        sa.Column("resolved_by", sa.String(255), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _version(),
    )
    op.create_index("ix_questions_group_status", "questions", ["group_id", "status"])
    op.create_table(
        "answers",
        _id(),
        _fk("question_id", "questions.id"),
        _fk("group_id", "groups.id"),
        sa.Column("body", sa.Text(), nullable=False),
        _fk("author", "users.username", None),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _version(),
    )
    op.create_index("ix_answers_question_id", "answers", ["question_id"])
    op.create_table(
        "upvotes",
        _id(),
        _fk("group_id", "groups.id"),
        sa.Column("target", sa.String(20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        _fk("username", "users.username", None),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("target", "target_id", "username", name="uq_upvotes_target_user"),
    )
    op.create_index("ix_upvotes_target", "upvotes", ["target", "target_id"])
    op.create_table(
        "reflections",
        _id(),
        _fk("group_id", "groups.id"),
        _fk("milestone_id", "milestones.id", null=True),
        sa.Column("round", sa.String(200), nullable=False),
        _fk("author", "users.username", None),
        sa.Column("did", sa.Text(), nullable=False),
        sa.Column("learned", sa.Text(), nullable=False),
        sa.Column("hard", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _version(),
    )
    op.create_index("ix_reflections_group_id", "reflections", ["group_id"])
    op.create_index("ix_reflections_milestone_id", "reflections", ["milestone_id"])
    op.create_table(
        "posts",
        _id(),
        _fk("group_id", "groups.id"),
        _fk("author", "users.username", None),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        _fk("snapshot_id", "snapshots.id", "SET NULL", null=True),
        sa.Column("created_at", TS, nullable=False),
        _version(),
    )
    op.create_index("ix_posts_group_id", "posts", ["group_id"])


def downgrade() -> None:
    for table in (
        "posts",
        "reflections",
        "upvotes",
        "answers",
        "questions",
        "session_recaps",
        "session_agenda",
        "session_checkins",
        "study_sessions",
    ):
        op.drop_table(table)
