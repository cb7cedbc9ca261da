"""A group's journey as data, for the meetup report and the public page: goal, milestones
with dates, retrospectives and reflections, progress over time, contributors, selected
snapshots, sessions and the showcase. Reading it is the caller's permission check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, func, inspect, select
from sqlalchemy.orm import Session

from .. import progress, serialize
from ..models import Activity, Group, Milestone, utcnow
from ..overview import loaded, snapshots_by_author
from ..snapshots.models import Snapshot
from . import chart, schedule, views
from .models import StudySession
from .reflections import showcase_of

SELECTED_SNAPSHOTS = 6


def _activity_counts(session: Session, group_id: int) -> tuple[dict[str, int], dt.datetime | None]:
    """Activities per person, and when a milestone was last completed: one aggregate."""
    completed = case((Activity.kind == "milestone.completed", Activity.created_at))
    rows = session.execute(
        select(Activity.actor, func.count(Activity.id), func.max(completed))
        .where(Activity.group_id == group_id)
        .group_by(Activity.actor)
    ).all()
    found = [when for _, _, when in rows if when is not None]
    last = max(found) if found else None
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)  # SQLite hands the aggregate back naive
    return {actor: int(n) for actor, n, _ in rows}, last


def _finished_on(milestone: Milestone, last: dt.datetime | None) -> dt.date | None:
    if milestone.status != "done":
        return None
    done = [t.done_at for t in milestone.tasks if t.done_at is not None]
    when = max(done) if done else last
    return when.date() if when is not None else None


def _milestones(
    group: Group,
    figures: progress.Figures,
    reflections: list[dict[str, Any]],
    last: dt.datetime | None,
) -> list[dict[str, Any]]:
    about: dict[int, list[dict[str, Any]]] = {}
    for r in sorted(reflections, key=lambda r: int(r["id"])):
        if r["milestone_id"] is not None:
            about.setdefault(r["milestone_id"], []).append(r)
    items = []
    for m in group.milestones:
        shown = serialize.milestone(m, with_tasks=False, figures=figures)
        finished = _finished_on(m, last)
        items.append(
            {
                **shown,
                "finished": finished.isoformat() if finished else None,
                # The tasks its progress counts (the group's, not members' own).
                "task_count": figures.milestones[m.id].tasks_total,
                "reflections": about.get(m.id, []),
            }
        )
    return items


def _contributors(acts: dict[str, int], drawn: progress.Series) -> list[dict[str, Any]]:
    rows = [
        {**c, "activities": acts.get(c["username"], 0)}
        for c in drawn.contributions
        if c["snapshots"] or c["tasks_done"] or acts.get(c["username"])
    ]
    seen = {r["username"] for r in rows}
    rows += [
        {"username": p, "snapshots": 0, "tasks_done": 0, "activities": n}
        for p, n in acts.items()
        if p not in seen
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


def _chart(drawn: progress.Series) -> chart.Chart:
    """The journey's chart: the dashboard's burn-up (done weight over time), by day."""
    done = [
        (b.at.date(), b.value - a.value)
        for a, b in zip(drawn.done, drawn.done[1:], strict=False)
        if b.value != a.value
    ]
    return chart.progress_chart(done, drawn.scope[-1].value, drawn.start.date(), drawn.end.date())


def _sessions(session: Session, group_id: int, now: dt.datetime) -> list[dict[str, Any]]:
    found = session.scalars(select(StudySession).where(StudySession.group_id == group_id)).all()
    coming = [
        views.occurrence(s, o, now)
        for s in found
        for o in schedule.between(views.rule(s), now, now + dt.timedelta(days=28))
    ]
    return sorted(coming, key=lambda o: o["start"])


def journey(session: Session, group: Group, now: dt.datetime | None = None) -> dict[str, Any]:
    """The journey; its figures are `progress.figures` and `progress.series`, as the lab's."""
    now = now or utcnow()
    if {"memberships", "milestones"} & inspect(group).unloaded:
        group = loaded(session, group.id)
    figures = progress.figures(group)
    drawn = progress.series(group, now, snapshots_by_author=snapshots_by_author(session, group.id))
    acts, last_completed = _activity_counts(session, group.id)
    showcase = showcase_of(session, group.id)
    return {
        "group": serialize.group(group, figures=figures),
        "generated_at": now.isoformat(timespec="minutes"),
        "milestones": _milestones(group, figures, showcase["reflections"], last_completed),
        "chart": _chart(drawn),
        "contributors": _contributors(acts, drawn),
        "snapshots": _snapshots(session, group.id),
        "sessions": _sessions(session, group.id, now),
        "showcase": showcase,
    }
