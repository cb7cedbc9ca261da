"""What a mentor sees across their groups: unanswered questions, stale milestones and
stalled claims.

A milestone is stale when it is not done, already due (or without a due date), and nothing
happened to it (no activity naming it or one of its tasks, and it was not created) for
`stale_after_days` days (`c.NerdUp.stale_after_days`). A claim is stalled when its task is
open and its claimer committed no snapshot in the group for that long since claiming it.
Both carry their real age, `quiet_days`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Activity, Group, Membership, Milestone, Task, TaskClaim, utcnow
from ..snapshots.models import Snapshot
from ..users import people
from . import views
from .models import Question


def _last_touches(session: Session, group_id: int) -> dict[int, dt.datetime]:
    """When something last happened to each milestone: an activity naming it or one of its
    tasks (the newest wins)."""
    task_to_milestone = dict(
        session.execute(select(Task.id, Task.milestone_id).where(Task.group_id == group_id)).all()
    )
    last: dict[int, dt.datetime] = {}
    for subject, at in session.execute(
        select(Activity.subject, Activity.created_at).where(Activity.group_id == group_id)
    ):
        if not isinstance(subject, dict):
            continue
        task_id = subject.get("task_id")
        named = {
            subject.get("milestone_id"),
            task_to_milestone.get(task_id) if isinstance(task_id, int) else None,
        }
        for milestone_id in named:
            if isinstance(milestone_id, int) and (
                milestone_id not in last or at > last[milestone_id]
            ):
                last[milestone_id] = at
    return last


def _days(since: dt.datetime, now: dt.datetime) -> int:
    return max(0, (now - since).days)


def stale_milestones(
    session: Session, group_id: int, days: int, now: dt.datetime
) -> list[dict[str, Any]]:
    """Stages not done with nothing happening for `days` days, and due already (a stage
    whose due date is still ahead is not stale); `quiet_days` is the real age."""
    since = now - dt.timedelta(days=days)
    last = _last_touches(session, group_id)
    found = session.scalars(
        select(Milestone)
        .where(Milestone.group_id == group_id, Milestone.status != "done")
        .order_by(Milestone.position, Milestone.id)
    )
    stale = []
    for m in found:
        quiet_since = max(m.created_at, last.get(m.id, m.created_at))
        if quiet_since >= since or (m.due is not None and m.due > now.date()):
            continue
        stale.append(
            {
                "id": m.id,
                "group_id": group_id,
                "title": m.title,
                "status": m.status,
                "quiet_days": _days(quiet_since, now),
            }
        )
    return stale


def stalled_claims(
    session: Session, group_id: int, days: int, now: dt.datetime
) -> list[dict[str, Any]]:
    """Work that stopped, by person: a claim on an open task whose claimer committed no
    snapshot in the group for `days` days since claiming it (the quieter first)."""
    since = now - dt.timedelta(days=days)
    last_snapshot = dict(
        session.execute(
            select(Snapshot.author, func.max(Snapshot.created_at))
            .where(Snapshot.group_id == group_id)
            .group_by(Snapshot.author)
        ).all()
    )
    claims = session.execute(
        select(TaskClaim.username, TaskClaim.claimed_at, Task.id, Task.title, Task.milestone_id)
        .join(Task, Task.id == TaskClaim.task_id)
        .where(Task.group_id == group_id, Task.status != "done", TaskClaim.claimed_at < since)
    ).all()
    stalled = []
    for username, claimed_at, task_id, title, milestone_id in claims:
        snapshot_at = last_snapshot.get(username)
        quiet_since = max(claimed_at, snapshot_at) if snapshot_at else claimed_at
        if quiet_since >= since:
            continue
        stalled.append(
            {
                "task_id": task_id,
                "milestone_id": milestone_id,
                "title": title,
                "username": username,
                "claimed_at": views.ts(claimed_at),
                "last_snapshot_at": views.ts(snapshot_at) if snapshot_at else None,
                "quiet_days": _days(quiet_since, now),
            }
        )
    return sorted(stalled, key=lambda c: (-c["quiet_days"], c["task_id"]))


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
        claims = stalled_claims(session, g.id, stale_after_days, now)
        askers += [q["author"] for q in questions] + [c["username"] for c in claims]
        groups.append(
            {
                "group_id": g.id,
                "title": g.title,
                "unanswered": questions,
                "stale_milestones": stale_milestones(session, g.id, stale_after_days, now),
                "stalled_claims": claims,
            }
        )
    return {
        "stale_after_days": stale_after_days,
        "groups": groups,
        # The askers and claimers by their display names, in one query (#15).
        "people": people(session, askers),
    }
