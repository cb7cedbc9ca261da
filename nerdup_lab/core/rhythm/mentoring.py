"""What a mentor sees across their groups: unanswered questions and stale milestones.

A milestone is stale when it is not done and nothing happened to it (no activity naming
it or one of its tasks, and it was not created) for `stale_after_days` days
(`c.NerdUp.stale_after_days`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Activity, Group, Membership, Milestone, Task, utcnow
from ..users import people
from . import views
from .models import Question


def _touched_milestones(session: Session, group_id: int, since: dt.datetime) -> set[int]:
    task_to_milestone = dict(
        session.execute(select(Task.id, Task.milestone_id).where(Task.group_id == group_id)).all()
    )
    touched: set[int] = set()
    for subject in session.scalars(
        select(Activity.subject).where(Activity.group_id == group_id, Activity.created_at >= since)
    ):
        if not isinstance(subject, dict):
            continue
        if isinstance(subject.get("milestone_id"), int):
            touched.add(subject["milestone_id"])
        task_id = subject.get("task_id")
        if isinstance(task_id, int) and task_id in task_to_milestone:
            touched.add(task_to_milestone[task_id])
    return touched


def stale_milestones(
    session: Session, group_id: int, days: int, now: dt.datetime
) -> list[dict[str, Any]]:
    since = now - dt.timedelta(days=days)
    touched = _touched_milestones(session, group_id, since)
    found = session.scalars(
        select(Milestone)
        .where(Milestone.group_id == group_id, Milestone.status != "done")
        .order_by(Milestone.position, Milestone.id)
    )
    return [
        {"id": m.id, "group_id": group_id, "title": m.title, "status": m.status}
        for m in found
        if m.id not in touched and m.created_at < since
    ]


def unanswered(session: Session, group_id: int) -> list[dict[str, Any]]:
    found = session.scalars(
        select(Question)
        .where(Question.group_id == group_id, Question.status == "open")
        .order_by(Question.id)
    )
    return [
        {
            "id": q.id,
            "group_id": q.group_id,
            "title": q.title,
            "author": q.author,
            "created_at": views.ts(q.created_at),
        }
        for q in found
    ]


def overview(
    session: Session, username: str, stale_after_days: int, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Per group the caller mentors: its unanswered questions and its stale milestones."""
    now = now or utcnow()
    mentored = session.scalars(
        select(Group)
        .join(Membership, Membership.group_id == Group.id)
        .where(Membership.username == username, Membership.role == "mentor")
        .order_by(Group.id)
    ).all()
    groups: list[dict[str, Any]] = []
    askers: list[str] = []
    for g in mentored:
        questions = unanswered(session, g.id)
        askers += [q["author"] for q in questions]
        groups.append(
            {
                "group_id": g.id,
                "title": g.title,
                "unanswered": questions,
                "stale_milestones": stale_milestones(session, g.id, stale_after_days, now),
            }
        )
    return {
        "stale_after_days": stale_after_days,
        "groups": groups,
        # The askers by their display names, in one query (#15: never a raw username).
        "people": people(session, askers),
    }
