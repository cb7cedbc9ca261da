"""Co-coding sessions: schedule (once or weekly), the community's upcoming sessions, the
agenda of an occurrence, picking tasks for the next one, and check-in.

Every function takes `now` (UTC) so tests can stand at the edges of a check-in window;
the backend passes None, which means the current time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session

from .. import loading, progress, serialize
from .. import validate as v
from ..activity import record
from ..errors import Conflict, InvalidInput, NotFound
from ..models import Group, Membership, Task, utcnow
from ..permissions import Action, require
from ..records import check_version, load_in_group
from . import fields as f
from . import schedule, views
from .models import (
    RECURRENCES,
    UNFINISHED_PICKS,
    SessionAgendaItem,
    SessionCheckin,
    StudySession,
)

SESSION_FIELDS: dict[str, v.Parser] = {
    "title": v.text(max_len=200, allow_empty=True),
    "starts_at": f.timestamp,
    "timezone": f.timezone,
    "duration_minutes": f.minutes,
    "place": v.text(max_len=500, allow_empty=True),
    "link": f.url(allow_empty=True),
    "recurrence": v.choice(RECURRENCES),
    "repeat_until": v.optional_date,
    "unfinished_picks": v.choice(UNFINISHED_PICKS),
}
UPCOMING_DAYS = 14


def load(session: Session, username: str, session_id: int, action: Action) -> StudySession:
    return load_in_group(session, StudySession, session_id, "session", username, action)


def occurrence_at(found: StudySession, start: dt.datetime) -> schedule.Occurrence:
    item = schedule.find(views.rule(found), start)
    if item is None:
        raise NotFound(f"Session {found.id} has no occurrence starting at {start.isoformat()}.")
    return item


STOPPED = ("finished", "archived")


def stopped(session: Session, group_id: int) -> bool:
    """A finished (or archived) group's rhythm has stopped: its sessions ended with it."""
    group = session.get(Group, group_id)
    return group is not None and group.status in STOPPED


def _refuse_if_stopped(session: Session, found: StudySession) -> None:
    if stopped(session, found.group_id):
        raise Conflict("This group has finished; its sessions ended with it.")


def _with_next(found: StudySession, now: dt.datetime) -> dict[str, Any]:
    body = views.study_session(found)
    if stopped(Session.object_session(found), found.group_id):  # type: ignore[arg-type]
        return {**body, "next": None, "upcoming": []}
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
    session: Session,
    username: str,
    session_id: int,
    data: dict[str, Any],
    if_match: int | None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    found = load(session, username, session_id, Action.SCHEDULE_SESSION)
    values = v.clean(data, SESSION_FIELDS)
    check_version(found, if_match, views.study_session, required=False)
    settle(session, found, now or utcnow())  # what ended so far ended under the old rule
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


def _done_by(task: Task, when: dt.datetime) -> bool:
    return task.status == "done" and task.done_at is not None and task.done_at < when


AgendaRows = list[tuple[dt.datetime, Task]]


def agenda_rows(
    session: Session, studies: list[StudySession], upto: dt.datetime
) -> dict[int, AgendaRows]:
    """The agenda rows of `studies` for occurrences up to `upto` with their tasks, per
    session, in agenda order (one query for all of them)."""
    found: dict[int, AgendaRows] = {s.id: [] for s in studies}
    if not studies:
        return found
    rows = session.execute(
        select(SessionAgendaItem.session_id, SessionAgendaItem.occurrence, Task)
        .join(Task, Task.id == SessionAgendaItem.task_id)
        .where(SessionAgendaItem.session_id.in_(list(found)), SessionAgendaItem.occurrence <= upto)
        .order_by(SessionAgendaItem.occurrence, SessionAgendaItem.id)
    ).all()
    for session_id, start, task in rows:
        found[session_id].append((start, task))
    return found


def _picks(
    session: Session,
    found: StudySession,
    item: schedule.Occurrence,
    now: dt.datetime,
    rows: AgendaRows | None = None,
) -> list[tuple[Task, str]]:
    """The tasks picked for one occurrence: its own agenda rows, then (when the session
    rolls unfinished picks over, and the previous occurrence has ended by `now`) what the
    previous occurrences left unfinished at their end.

    Computed on read from the agenda rows and the tasks' done times, so it does not
    depend on when, or whether, anything was written at a session's end. `rows` are the
    session's agenda rows up to at least this occurrence (`agenda_rows`), else read here."""
    if rows is None:
        rows = agenda_rows(session, [found], item.start)[found.id]
    by_start: dict[dt.datetime, list[Task]] = {}
    for start, task in rows:
        if start <= item.start:
            by_start.setdefault(start, []).append(task)
    own = by_start.get(item.start, [])
    if found.unfinished_picks != "roll_over" or not by_start:
        return [(t, "picked") for t in own]
    carried: list[Task] = []
    first = min(by_start)
    for earlier in schedule.occurrences(views.rule(found)):
        if earlier.start >= item.start:
            break
        if earlier.end > now:  # not over yet: nothing is carried from it (nor past it)
            carried = []
            break
        if earlier.start < first:
            continue
        seen = {t.id for t in carried}
        carried += [t for t in by_start.get(earlier.start, []) if t.id not in seen]
        carried = [t for t in carried if not _done_by(t, earlier.end)]
    own_ids = {t.id for t in own}
    return [(t, "picked") for t in own] + [
        (t, "rolled_over") for t in carried if t.id not in own_ids
    ]


def _flags_stand(found: StudySession, now: dt.datetime) -> bool:
    """Whether the tasks' "next session" flags still mean the coming occurrence. Under
    "clear" an occurrence that ended since the flags were last settled dropped them
    (settle() writes that down on the next change; reads already see it)."""
    if found.unfinished_picks == "roll_over":
        return True
    return not schedule.ended_between(views.rule(found), found.settled_through, now)


# An open task flagged for the next session: it is on the coming occurrence's agenda.
FLAGGED = and_(Task.next_session.is_(True), Task.status != "done")


def agenda_picks(
    session: Session,
    found: StudySession,
    item: schedule.Occurrence,
    now: dt.datetime,
    rows: AgendaRows | None = None,
    flagged: Sequence[Task] | None = None,
) -> list[tuple[Task, str]]:
    """The tasks on one occurrence's agenda with why (picked, rolled_over, next_session);
    `rows` as for `_picks`, `flagged` the group's tasks that are `FLAGGED`, in id order;
    either is read here when not given."""
    if rows is None:  # read once: tonight's picks below come from the same rows
        rows = agenda_rows(session, [found], item.start)[found.id]
    picked = _picks(session, found, item, now, rows)
    rule = views.rule(found)
    if item == schedule.next_unstarted(rule, now) and _flags_stand(found, now):
        # The "next session" flag on a task puts it on the coming occurrence's agenda,
        # not on the one going on: tonight's picks stay tonight's.
        seen = {t.id for t, _ in picked}
        tonight = schedule.in_progress(rule, now)
        if tonight is not None:
            seen |= {t.id for t, _ in _picks(session, found, tonight, now, rows)}
        if flagged is None:
            flagged = session.scalars(
                select(Task).where(Task.group_id == found.group_id, FLAGGED).order_by(Task.id)
            ).all()
        picked += [(t, "next_session") for t in flagged if t.id not in seen]
    return picked


def agenda_json(
    picked: list[tuple[Task, str]], facts: dict[int, progress.TaskFacts]
) -> list[dict[str, Any]]:
    """An agenda's tasks as shown; `facts` from `loading.task_facts` of those tasks."""
    return [{**serialize.task(t, facts[t.id]), "source": source} for t, source in picked]


def _agenda_tasks(
    session: Session, found: StudySession, item: schedule.Occurrence, now: dt.datetime
) -> list[dict[str, Any]]:
    picked = agenda_picks(session, found, item, now)
    return agenda_json(picked, loading.task_facts(session, (t for t, _ in picked)))


def settle(session: Session, found: StudySession, now: dt.datetime) -> None:
    """Write down what the occurrences that ended since the last call did to the "next
    session" flags: a finished pick loses its flag; an unfinished one keeps it when the
    session rolls picks over, and loses it when the organiser chose to clear them."""
    ended = schedule.ended_between(views.rule(found), found.settled_through, now)
    if not ended:
        return
    # Plain UPDATEs: settling is bookkeeping, it must not bump the versions that an
    # organiser's or a member's edit of the session or the task is checked against.
    dropped = update(Task).where(Task.group_id == found.group_id, Task.next_session.is_(True))
    if found.unfinished_picks != "clear":
        dropped = dropped.where(Task.status == "done")
    session.execute(
        dropped.values(next_session=False).execution_options(synchronize_session="fetch")
    )
    session.execute(
        update(StudySession)
        .where(StudySession.id == found.id)
        .values(settled_through=ended[-1].end)
        .execution_options(synchronize_session="fetch")
    )


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
        "tasks": _agenda_tasks(session, found, item, now),
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
    _refuse_if_stopped(session, found)
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
    settle(session, found, now)
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
    _refuse_if_stopped(session, found)
    now = now or utcnow()
    settle(session, found, now)
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
