"""What a mentor sees across their groups: unanswered questions, stale milestones, stalled
claims and stalled parts.

A milestone is stale when it is not done, already due (or without a due date), and nothing
happened to it (no activity naming it or one of its tasks, and it was not created) for
`stale_after_days` days (`c.NerdUp.stale_after_days`). A claim is stalled when its task is
open and its claimer committed no snapshot in the group for that long since claiming it.
A part is stalled when a doer (organizer or participant) of an "everyone does this one" task
has not done their part, the task's stage is due already (or has no due date), and the
doer committed no snapshot in the group for that long since the task was made or they
joined, whichever came later. Each carries its real age, `quiet_days`.

The overview reads all the mentored groups at once, in a fixed number of statements however
many groups and however long their history (#21): when a stage was last touched is an
aggregate in SQL (the newest activity naming the stage or one of its tasks), not a walk over
every activity of the group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from ..models import (
    Activity,
    Group,
    Membership,
    Milestone,
    Task,
    TaskClaim,
    TaskCompletion,
    utcnow,
)
from ..progress import DOER_ROLES
from ..snapshots.models import Snapshot
from ..users import people
from . import views
from .models import Question


def _subject_id(session: Session, key: str) -> Any:
    """The integer `subject[key]` of an activity as SQL, NULL where the subject names
    nothing by that key or names it by another kind of value (CASE, so PostgreSQL never
    casts a value that is not a number)."""
    if session.get_bind().dialect.name == "postgresql":
        text = Activity.subject[key].as_string()
        return case((text.op("~")("^-?[0-9]{1,9}$"), cast(text, Integer)), else_=None)
    is_integer = func.json_type(Activity.subject, f"$.{key}") == "integer"
    return case((is_integer, Activity.subject[key].as_integer()), else_=None)


def _last_touches(session: Session, group_ids: Sequence[int]) -> dict[int, dt.datetime]:
    """When something last happened to each milestone of the groups: the newest activity
    naming it (`milestone_id`) or one of its tasks (`task_id`), as two aggregates."""
    if not group_ids:
        return {}
    milestone_id = _subject_id(session, "milestone_id")
    task_id = _subject_id(session, "task_id")
    named = session.execute(
        select(milestone_id, func.max(Activity.created_at))
        .where(Activity.group_id.in_(group_ids), milestone_id.is_not(None))
        .group_by(milestone_id)
    ).all()
    # Through a task: the task's milestone now (a task moved keeps its history with it).
    through = session.execute(
        select(Task.milestone_id, func.max(Activity.created_at))
        .join(Task, and_(Task.id == task_id, Task.group_id == Activity.group_id))
        .where(Activity.group_id.in_(group_ids))
        .group_by(Task.milestone_id)
    ).all()
    last: dict[int, dt.datetime] = {}
    for mid, at in [*named, *through]:
        # max() over a UTC column: SQLite hands back a naive value.
        at = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at
        if mid is not None and (mid not in last or at > last[mid]):
            last[mid] = at
    return last


def _days(since: dt.datetime, now: dt.datetime) -> int:
    return max(0, (now - since).days)


def _stale_by_group(
    session: Session, group_ids: Sequence[int], days: int, now: dt.datetime
) -> dict[int, list[dict[str, Any]]]:
    since = now - dt.timedelta(days=days)
    last = _last_touches(session, group_ids)
    found = session.scalars(
        select(Milestone)
        .where(Milestone.group_id.in_(group_ids), Milestone.status != "done")
        .order_by(Milestone.position, Milestone.id)
    )
    stale: dict[int, list[dict[str, Any]]] = {g: [] for g in group_ids}
    for m in found:
        quiet_since = max(m.created_at, last.get(m.id, m.created_at))
        if quiet_since >= since or (m.due is not None and m.due > now.date()):
            continue
        stale[m.group_id].append(
            {
                "id": m.id,
                "group_id": m.group_id,
                "title": m.title,
                "status": m.status,
                "quiet_days": _days(quiet_since, now),
            }
        )
    return stale


def stale_milestones(
    session: Session, group_id: int, days: int, now: dt.datetime
) -> list[dict[str, Any]]:
    """Stages not done with nothing happening for `days` days, and due already (a stage
    whose due date is still ahead is not stale); `quiet_days` is the real age."""
    return _stale_by_group(session, [group_id], days, now)[group_id]


LastSnapshots = dict[tuple[int, str], dt.datetime]


def _last_snapshots(session: Session, group_ids: Sequence[int]) -> LastSnapshots:
    """When each member last committed in each group (one aggregate)."""
    return {
        (gid, author): at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at
        for gid, author, at in session.execute(
            select(Snapshot.group_id, Snapshot.author, func.max(Snapshot.created_at))
            .where(Snapshot.group_id.in_(group_ids))
            .group_by(Snapshot.group_id, Snapshot.author)
        )
    }


def _stalled_by_group(
    session: Session,
    group_ids: Sequence[int],
    days: int,
    now: dt.datetime,
    last_snapshot: LastSnapshots | None = None,
) -> dict[int, list[dict[str, Any]]]:
    since = now - dt.timedelta(days=days)
    if last_snapshot is None:
        last_snapshot = _last_snapshots(session, group_ids)
    claims = session.execute(
        select(
            Task.group_id,
            TaskClaim.username,
            TaskClaim.claimed_at,
            Task.id,
            Task.title,
            Task.milestone_id,
        )
        .join(Task, Task.id == TaskClaim.task_id)
        .where(Task.group_id.in_(group_ids), Task.status != "done", TaskClaim.claimed_at < since)
    ).all()
    stalled: dict[int, list[dict[str, Any]]] = {g: [] for g in group_ids}
    for gid, username, claimed_at, task_id, title, milestone_id in claims:
        snapshot_at = last_snapshot.get((gid, username))
        quiet_since = max(claimed_at, snapshot_at) if snapshot_at else claimed_at
        if quiet_since >= since:
            continue
        stalled[gid].append(
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
    return {
        g: sorted(found, key=lambda c: (-c["quiet_days"], c["task_id"]))
        for g, found in stalled.items()
    }


def stalled_claims(
    session: Session, group_id: int, days: int, now: dt.datetime
) -> list[dict[str, Any]]:
    """Work that stopped, by person: a claim on an open task whose claimer committed no
    snapshot in the group for `days` days since claiming it (the quieter first)."""
    return _stalled_by_group(session, [group_id], days, now)[group_id]


def _stalled_parts_by_group(
    session: Session,
    group_ids: Sequence[int],
    days: int,
    now: dt.datetime,
    last_snapshot: LastSnapshots,
) -> dict[int, list[dict[str, Any]]]:
    """Per group, the doers of "everyone does this one" tasks whose part is stalled: one
    query for every (task, doer) pair not done yet, whatever the group's size."""
    since = now - dt.timedelta(days=days)
    pairs = session.execute(
        select(
            Task.group_id,
            Task.id,
            Task.title,
            Task.milestone_id,
            Task.created_at,
            Milestone.due,
            Membership.username,
            Membership.joined_at,
        )
        .join(Milestone, Milestone.id == Task.milestone_id)
        .join(
            Membership,
            and_(Membership.group_id == Task.group_id, Membership.role.in_(DOER_ROLES)),
        )
        .outerjoin(
            TaskCompletion,
            and_(
                TaskCompletion.task_id == Task.id,
                TaskCompletion.username == Membership.username,
            ),
        )
        .where(
            Task.group_id.in_(group_ids),
            Task.per_member.is_(True),
            Task.status != "done",
            Milestone.status != "done",
            # A stage still ahead of its due date is not late (#16).
            or_(Milestone.due.is_(None), Milestone.due < now.date()),
            TaskCompletion.id.is_(None),
        )
    ).all()
    stalled: dict[int, list[dict[str, Any]]] = {g: [] for g in group_ids}
    for gid, task_id, title, milestone_id, created_at, due, username, joined_at in pairs:
        snapshot_at = last_snapshot.get((gid, username))
        quiet_since = max(t for t in (created_at, joined_at, snapshot_at) if t is not None)
        if quiet_since >= since:
            continue
        stalled[gid].append(
            {
                "task_id": task_id,
                "milestone_id": milestone_id,
                "title": title,
                "username": username,
                "due": due.isoformat() if due else None,
                "last_snapshot_at": views.ts(snapshot_at) if snapshot_at else None,
                "quiet_days": _days(quiet_since, now),
            }
        )
    return {
        g: sorted(found, key=lambda c: (-c["quiet_days"], c["task_id"], c["username"]))
        for g, found in stalled.items()
    }


def _unanswered_by_group(
    session: Session, group_ids: Sequence[int]
) -> dict[int, list[dict[str, Any]]]:
    found = session.scalars(
        select(Question)
        .where(Question.group_id.in_(group_ids), Question.status == "open")
        .order_by(Question.id)
    )
    by_group: dict[int, list[dict[str, Any]]] = {g: [] for g in group_ids}
    for q in found:
        by_group[q.group_id].append(
            {
                "id": q.id,
                "group_id": q.group_id,
                "title": q.title,
                "author": q.author,
                "created_at": views.ts(q.created_at),
            }
        )
    return by_group


def unanswered(session: Session, group_id: int) -> list[dict[str, Any]]:
    return _unanswered_by_group(session, [group_id])[group_id]


def overview(
    session: Session, username: str, stale_after_days: int, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Per group the caller mentors: its unanswered questions, its stale milestones, its
    stalled claims and stalled parts (9 statements however many groups)."""
    now = now or utcnow()
    mentored = session.execute(
        select(Group.id, Group.title)
        .join(Membership, Membership.group_id == Group.id)
        .where(
            Membership.username == username,
            # A mentor, or an organizer who mentors the group too (#16).
            or_(Membership.role == "mentor", Membership.also_mentor.is_(True)),
        )
        .order_by(Group.id)
    ).all()
    ids = [gid for gid, _ in mentored]
    questions = _unanswered_by_group(session, ids)
    last_snapshot = _last_snapshots(session, ids)
    claims = _stalled_by_group(session, ids, stale_after_days, now, last_snapshot)
    parts = _stalled_parts_by_group(session, ids, stale_after_days, now, last_snapshot)
    stale = _stale_by_group(session, ids, stale_after_days, now)
    groups: list[dict[str, Any]] = []
    askers: list[str] = []
    for gid, title in mentored:
        askers += [q["author"] for q in questions[gid]]
        askers += [c["username"] for c in claims[gid] + parts[gid]]
        groups.append(
            {
                "group_id": gid,
                "title": title,
                "unanswered": questions[gid],
                "stale_milestones": stale[gid],
                "stalled_claims": claims[gid],
                "stalled_parts": parts[gid],
            }
        )
    return {
        "stale_after_days": stale_after_days,
        "groups": groups,
        # The askers and claimers by their display names, in one query (#15).
        "people": people(session, askers),
    }
