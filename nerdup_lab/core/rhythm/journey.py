"""A group's journey as data, for the meetup report and the public page: goal, milestones
with dates, retrospectives and reflections, progress over time, contributors, selected
snapshots, sessions and the showcase. Reading it is the caller's permission check."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import serialize
from ..models import Activity, Group, Milestone, Task, utcnow
from ..snapshots.models import Snapshot
from . import chart, schedule, views
from .models import Reflection, StudySession
from .reflections import showcase_of

SELECTED_SNAPSHOTS = 6


def _finished_on(session: Session, milestone: Milestone) -> dt.date | None:
    if milestone.status != "done":
        return None
    last = session.scalar(
        select(func.max(Activity.created_at)).where(
            Activity.group_id == milestone.group_id, Activity.kind == "milestone.completed"
        )
    )
    done = [t.done_at for t in milestone.tasks if t.done_at is not None]
    when = max(done) if done else last
    return when.date() if when is not None else None


def _milestones(session: Session, group: Group) -> list[dict[str, Any]]:
    reflections: dict[int, list[dict[str, Any]]] = {}
    for r in session.scalars(
        select(Reflection).where(Reflection.group_id == group.id).order_by(Reflection.id)
    ):
        if r.milestone_id is not None:
            reflections.setdefault(r.milestone_id, []).append(views.reflection(r))
    items = []
    for m in group.milestones:
        shown = serialize.milestone(m, with_tasks=False)
        finished = _finished_on(session, m)
        items.append(
            {
                **shown,
                "finished": finished.isoformat() if finished else None,
                "task_count": len(m.tasks),
                "reflections": reflections.get(m.id, []),
            }
        )
    return items


def _contributors(session: Session, group_id: int) -> list[dict[str, Any]]:
    acts = Counter(
        dict(
            session.execute(
                select(Activity.actor, func.count(Activity.id))
                .where(Activity.group_id == group_id)
                .group_by(Activity.actor)
            ).all()
        )
    )
    snaps = dict(
        session.execute(
            select(Snapshot.author, func.count(Snapshot.id))
            .where(Snapshot.group_id == group_id)
            .group_by(Snapshot.author)
        ).all()
    )
    tasks: Counter[str] = Counter()
    for task in session.scalars(
        select(Task).where(Task.group_id == group_id, Task.status == "done")
    ):
        for person in {c.username for c in task.claims} | ({task.owner} if task.owner else set()):
            tasks[person] += 1
    people = set(acts) | set(snaps) | set(tasks)
    rows = [
        {
            "username": p,
            "activities": int(acts.get(p, 0)),
            "snapshots": int(snaps.get(p, 0)),
            "tasks_done": tasks.get(p, 0),
        }
        for p in people
    ]
    return sorted(rows, key=lambda r: (-r["activities"], r["username"]))


def _snapshots(session: Session, group_id: int) -> list[dict[str, Any]]:
    found = session.scalars(
        select(Snapshot)
        .where(Snapshot.group_id == group_id, Snapshot.message != "")
        .order_by(Snapshot.id.desc())
        .limit(SELECTED_SNAPSHOTS)
    ).all()
    return [
        {
            "id": s.id,
            "path": s.path,
            "author": s.author,
            "message": s.message,
            "created_at": s.created_at.date().isoformat(),
            "cell_count": s.cell_count,
        }
        for s in reversed(found)
    ]


def _chart(session: Session, group: Group, today: dt.date) -> chart.Chart:
    tasks = [t for m in group.milestones for t in m.tasks]
    done = [(t.done_at.date(), t.weight) for t in tasks if t.done_at is not None]
    start = group.start_date or group.created_at.date()
    dues = [m.due for m in group.milestones if m.due is not None]
    end = max([today, *(d for d, _ in done), *dues, *([group.deadline] if group.deadline else [])])
    return chart.progress_chart(done, sum(t.weight for t in tasks), start, end)


def _sessions(session: Session, group_id: int, now: dt.datetime) -> list[dict[str, Any]]:
    found = session.scalars(select(StudySession).where(StudySession.group_id == group_id)).all()
    coming = [
        views.occurrence(s, o, now)
        for s in found
        for o in schedule.between(views.rule(s), now, now + dt.timedelta(days=28))
    ]
    return sorted(coming, key=lambda o: o["start"])


def journey(session: Session, group: Group, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    return {
        "group": serialize.group(group),
        "generated_at": now.isoformat(timespec="minutes"),
        "milestones": _milestones(session, group),
        "chart": _chart(session, group, now.date()),
        "contributors": _contributors(session, group.id),
        "snapshots": _snapshots(session, group.id),
        "sessions": _sessions(session, group.id, now),
        "showcase": showcase_of(session, group.id),
    }
