"""Co-coding sessions: schedule (once or weekly), the community's upcoming sessions, the
agenda of an occurrence, picking tasks for the next one, and check-in.

Every function takes `now` (UTC) so tests can stand at the edges of a check-in window;
the backend passes None, which means the current time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from .. import serialize
from .. import validate as v
from ..activity import record
from ..errors import Conflict, InvalidInput, NotFound
from ..models import Group, Membership, Task, utcnow
from ..permissions import Action, require
from ..records import check_version, load_in_group
from . import fields as f
from . import schedule, views
from .models import RECURRENCES, SessionAgendaItem, SessionCheckin, StudySession

SESSION_FIELDS: dict[str, v.Parser] = {
    "title": v.text(max_len=200, allow_empty=True),
    "starts_at": f.timestamp,
    "duration_minutes": f.minutes,
    "place": v.text(max_len=500, allow_empty=True),
    "link": f.url(allow_empty=True),
    "recurrence": v.choice(RECURRENCES),
    "repeat_until": v.optional_date,
}
UPCOMING_DAYS = 14


def load(session: Session, username: str, session_id: int, action: Action) -> StudySession:
    return load_in_group(session, StudySession, session_id, "session", username, action)


def occurrence_at(found: StudySession, start: dt.datetime) -> schedule.Occurrence:
    item = schedule.find(views.rule(found), start)
    if item is None:
        raise NotFound(f"Session {found.id} has no occurrence starting at {start.isoformat()}.")
    return item


def _with_next(found: StudySession, now: dt.datetime) -> dict[str, Any]:
    body = views.study_session(found)
    upcoming = schedule.between(views.rule(found), now, now + dt.timedelta(days=UPCOMING_DAYS))
    nxt = schedule.next_after(views.rule(found), now)
    body["next"] = views.occurrence(found, nxt, now) if nxt is not None else None
    body["upcoming"] = [views.occurrence(found, o, now) for o in upcoming]
    return body


def list_sessions(
    session: Session, username: str, group_id: int, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    require(session, group_id, username, Action.VIEW_GROUP)
    now = now or utcnow()
    found = session.scalars(
        select(StudySession)
        .where(StudySession.group_id == group_id)
        .order_by(StudySession.starts_at, StudySession.id)
    )
    return [_with_next(s, now) for s in found]


def get_session(
    session: Session, username: str, session_id: int, now: dt.datetime | None = None
) -> dict[str, Any]:
    return _with_next(load(session, username, session_id, Action.VIEW_GROUP), now or utcnow())


def create_session(
    session: Session, username: str, group_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    require(session, group_id, username, Action.SCHEDULE_SESSION)
    values = v.clean(data, SESSION_FIELDS, required=("starts_at",))
    found = StudySession(group_id=group_id, created_by=username, **values)
    session.add(found)
    session.flush()
    when = found.starts_at.strftime("%Y-%m-%d %H:%M UTC")
    weekly = " (weekly)" if found.recurrence == "weekly" else ""
    record(
        session,
        group_id,
        username,
        "session.scheduled",
        f"scheduled a session for {when}{weekly}",
        {"session_id": found.id},
    )
    return _with_next(found, utcnow())


def update_session(
    session: Session, username: str, session_id: int, data: dict[str, Any], if_match: int | None
) -> dict[str, Any]:
    found = load(session, username, session_id, Action.SCHEDULE_SESSION)
    values = v.clean(data, SESSION_FIELDS)
    check_version(found, if_match, views.study_session, required=False)
    changed = sorted(k for k, value in values.items() if getattr(found, k) != value)
    for key, value in values.items():
        setattr(found, key, value)
    session.flush()
    record(
        session,
        found.group_id,
        username,
        "session.updated",
        f"changed a session ({', '.join(changed) or 'no change'})",
        {"session_id": found.id, "fields": changed},
    )
    return _with_next(found, utcnow())


def delete_session(session: Session, username: str, session_id: int, if_match: int | None) -> None:
    found = load(session, username, session_id, Action.SCHEDULE_SESSION)
    check_version(found, if_match, views.study_session, required=False)
    record(
        session,
        found.group_id,
        username,
        "session.cancelled",
        "cancelled a session",
        {"session_id": found.id},
    )
    session.delete(found)
    session.flush()


def community(
    session: Session, username: str, days: int = UPCOMING_DAYS, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Upcoming occurrences of every open group's sessions (and the caller's own groups'),
    soonest first."""
    if not 1 <= days <= 90:
        raise InvalidInput("Bad range.", fields={"days": "Must be between 1 and 90."})
    now = now or utcnow()
    until = now + dt.timedelta(days=days)
    member = exists().where(Membership.group_id == Group.id, Membership.username == username)
    rows = session.execute(
        select(StudySession, Group)
        .join(Group, Group.id == StudySession.group_id)
        .where(or_(Group.visibility == "open", member))
        .where(Group.status.in_(("forming", "active")))
    ).all()
    found = []
    for study, group in rows:
        for item in schedule.between(views.rule(study), now, until):
            found.append({**views.occurrence(study, item, now), "group_title": group.title})
    return sorted(found, key=lambda o: (o["start"], o["session_id"]))


def _agenda_tasks(
    session: Session, found: StudySession, start: dt.datetime, is_next: bool
) -> list[dict[str, Any]]:
    picked = session.scalars(
        select(Task)
        .join(SessionAgendaItem, SessionAgendaItem.task_id == Task.id)
        .where(SessionAgendaItem.session_id == found.id, SessionAgendaItem.occurrence == start)
        .order_by(SessionAgendaItem.id)
    ).all()
    tasks = [{**serialize.task(t), "source": "picked"} for t in picked]
    if is_next:
        # The "next session" flag on a task puts it on the coming occurrence's agenda.
        seen = {t.id for t in picked}
        flagged = session.scalars(
            select(Task)
            .where(Task.group_id == found.group_id, Task.next_session.is_(True))
            .order_by(Task.id)
        ).all()
        tasks += [
            {**serialize.task(t), "source": "next_session"} for t in flagged if t.id not in seen
        ]
    return tasks


def agenda(
    session: Session,
    username: str,
    session_id: int,
    start: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The tasks for one occurrence (default: the one going on, or the next)."""
    found = load(session, username, session_id, Action.VIEW_GROUP)
    now = now or utcnow()
    nxt = schedule.next_after(views.rule(found), now)
    item = occurrence_at(found, start) if start is not None else nxt
    if item is None:
        raise NotFound(f"Session {session_id} has no coming occurrence.")
    return {
        "occurrence": views.occurrence(found, item, now),
        "tasks": _agenda_tasks(session, found, item.start, item == nxt),
    }


def pick_tasks(
    session: Session,
    username: str,
    session_id: int,
    data: dict[str, Any],
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Put tasks on the agenda of the next occurrence that has not started (or the one
    named by `occurrence`), and flag them for the next session."""
    found = load(session, username, session_id, Action.PICK_SESSION_TASKS)
    spec = {"task_ids": v.int_list, "occurrence": f.timestamp}
    values = v.clean(data, spec, required=("task_ids",))
    now = now or utcnow()
    item: schedule.Occurrence | None
    if "occurrence" in values:
        item = occurrence_at(found, values["occurrence"])
    else:
        item = next((o for o in schedule.occurrences(views.rule(found)) if o.start > now), None)
    if item is None:
        raise Conflict("This session has no coming occurrence to plan for; schedule one first.")
    tasks = {t.id: t for t in session.scalars(select(Task).where(Task.id.in_(values["task_ids"])))}
    wrong = [i for i in values["task_ids"] if i not in tasks or tasks[i].group_id != found.group_id]
    if wrong:
        raise InvalidInput(
            "Only tasks of this group can go on its agenda.",
            fields={"task_ids": f"Not tasks of this group: {wrong}."},
        )
    existing = set(
        session.scalars(
            select(SessionAgendaItem.task_id).where(
                SessionAgendaItem.session_id == found.id,
                SessionAgendaItem.occurrence == item.start,
            )
        )
    )
    for task_id in values["task_ids"]:
        if task_id not in existing:
            session.add(
                SessionAgendaItem(
                    session_id=found.id, occurrence=item.start, task_id=task_id, added_by=username
                )
            )
        tasks[task_id].next_session = True
    session.flush()
    titles = ", ".join(f"“{tasks[i].title}”" for i in values["task_ids"]) or "nothing"
    record(
        session,
        found.group_id,
        username,
        "session.agenda",
        f"picked {titles} for the session on {item.start:%Y-%m-%d}",
        {
            "session_id": found.id,
            "occurrence": item.start.isoformat(),
            "task_ids": values["task_ids"],
        },
    )
    return agenda(session, username, session_id, item.start, now)


def attendees(session: Session, session_id: int, start: dt.datetime) -> list[str]:
    return list(
        session.scalars(
            select(SessionCheckin.username)
            .where(SessionCheckin.session_id == session_id, SessionCheckin.occurrence == start)
            .order_by(SessionCheckin.id)
        )
    )


def check_in(
    session: Session, username: str, session_id: int, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Mark the caller present at the occurrence whose check-in window holds `now`."""
    found = load(session, username, session_id, Action.CHECK_IN)
    now = now or utcnow()
    item = schedule.open_at(views.rule(found), now)
    if item is None:
        nxt = schedule.next_after(views.rule(found), now)
        when = f" It opens at {nxt.opens.isoformat()}." if nxt is not None else ""
        raise Conflict(
            "Check-in is open from 15 minutes before a session starts until it ends." + when
        )
    present = attendees(session, found.id, item.start)
    if username not in present:
        session.add(SessionCheckin(session_id=found.id, occurrence=item.start, username=username))
        session.flush()
        record(
            session,
            found.group_id,
            username,
            "session.checkin",
            "checked in to the session",
            {"session_id": found.id, "occurrence": item.start.isoformat()},
        )
        present.append(username)
    return {**views.occurrence(found, item, now), "attendees": present}
