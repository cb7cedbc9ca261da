"""Tasks that everyone does ("everyone does this one"): a real column, and one completion
row per member; who marked a task done.

Revision ID: 0008_per_member_tasks
Revises: 0007_session_picks
Create Date: 2026-12-03

Until now a template's `scope: personal` lived in the task's description as a trailer
(``_Everyone does this one._`` or ``_For session 3; everyone does this one._``). This sets
`tasks.per_member` for those tasks and takes the words out of the trailer (the session
number stays). A per-member task that was marked done counts as done by nobody yet: who
did it was never recorded. `tasks.done_by` is filled from the latest `task.completed`
activity of each done task.

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0008_per_member_tasks"
down_revision = "0007_session_picks"
branch_labels = None
depends_on = None

_MARKER = re.compile(
    r"\n*_(?:For session (?P<session>\d+); everyone does this one|Everyone does this one)\._\Z"
)

_tasks = sa.table(
    "tasks",
    sa.column("id", sa.Integer()),
    sa.column("description", sa.Text()),
    sa.column("per_member", sa.Boolean()),
    sa.column("status", sa.String(20)),
    sa.column("done_by", sa.String(255)),
)
_activities = sa.table(
    "activities",
    sa.column("id", sa.Integer()),
    sa.column("actor", sa.String(255)),
    sa.column("kind", sa.String(64)),
    sa.column("subject", sa.JSON()),
)


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy: on SQLite that recreates `tasks`, and with
    # foreign keys on, dropping the old table would cascade to every claim.
    op.add_column(
        "tasks", sa.Column("per_member", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("tasks", sa.Column("done_by", sa.String(255), nullable=True))
    op.create_table(
        "task_completions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "task_id", sa.Integer(), sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("username", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("task_id", "username", name="uq_task_completions_task_user"),
    )
    op.create_index("ix_task_completions_task_id", "task_completions", ["task_id"])
    op.create_index("ix_task_completions_username", "task_completions", ["username"])
    bind = op.get_bind()
    _fill_done_by(bind)
    marked = bind.execute(
        sa.select(_tasks.c.id, _tasks.c.description).where(
            sa.func.lower(_tasks.c.description).like("%everyone does this one._")
        )
    ).all()
    for task_id, description in marked:
        found = _MARKER.search(description or "")
        if found is None:
            continue
        text = description[: found.start()].rstrip()
        if found.group("session"):
            trailer = f"_For session {found.group('session')}._"
            text = f"{text}\n\n{trailer}" if text else trailer
        bind.execute(
            _tasks.update().where(_tasks.c.id == task_id).values(description=text, per_member=True)
        )


def _fill_done_by(bind: sa.Connection) -> None:
    done = set(bind.scalars(sa.select(_tasks.c.id).where(_tasks.c.status == "done")))
    latest: dict[int, str] = {}
    found = bind.execute(
        sa.select(_activities.c.actor, _activities.c.subject)
        .where(_activities.c.kind == "task.completed")
        .order_by(_activities.c.id)
    )
    for actor, subject in found:
        task_id = (subject or {}).get("task_id") if isinstance(subject, dict) else None
        if isinstance(task_id, int) and task_id in done:
            latest[task_id] = actor
    for task_id, actor in latest.items():
        bind.execute(_tasks.update().where(_tasks.c.id == task_id).values(done_by=actor))


def downgrade() -> None:
    bind = op.get_bind()
    marked = bind.execute(
        sa.select(_tasks.c.id, _tasks.c.description).where(_tasks.c.per_member == sa.true())
    ).all()
    for task_id, description in marked:
        text = (description or "").rstrip()
        session = re.search(r"\n*_For session (\d+)\._\Z", text)
        if session is not None:
            text = text[: session.start()].rstrip()
            trailer = f"_For session {session.group(1)}; everyone does this one._"
        else:
            trailer = "_Everyone does this one._"
        bind.execute(
            _tasks.update()
            .where(_tasks.c.id == task_id)
            .values(description=f"{text}\n\n{trailer}" if text else trailer)
        )
    op.drop_index("ix_task_completions_username", table_name="task_completions")
    op.drop_index("ix_task_completions_task_id", table_name="task_completions")
    op.drop_table("task_completions")
    op.drop_column("tasks", "done_by")
    op.drop_column("tasks", "per_member")
