"""Session recaps: generated from what happened during an occurrence, editable by members.

What happened "during" an occurrence is what happened inside its check-in window, from 15
minutes before the start to the end: who checked in, which tasks were finished, which
snapshots were committed (with links), and which questions were still open at the end.
Until someone edits it, the recap's body is the generated markdown; an edit is stored and
wins from then on (the facts stay generated, so they remain checkable).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from .. import validate as v
from ..activity import record
from ..errors import Conflict, NotFound
from ..models import Task, utcnow
from ..permissions import Action
from ..records import check_version
from ..snapshots.models import Snapshot
from . import fields as f
from . import schedule, views
from .models import Question, SessionCheckin, SessionRecap, StudySession
from .sessions import load, occurrence_at

# Links are relative to the REST API root (`<base_url>/nerdup/api/v1/`).
SNAPSHOT_LINK = "snapshots/{id}"


Occurrences = list[tuple[StudySession, schedule.Occurrence]]


def _in(at: dt.datetime | None, item: schedule.Occurrence) -> bool:
    return at is not None and item.opens <= at < item.end


def during(column: Any, items: Occurrences) -> Any:
    """`column` within the check-in window of one of `items`."""
    return or_(*(and_(column >= item.opens, column < item.end) for _, item in items))


def _at(session_id: Any, occurrence: Any, items: Occurrences) -> Any:
    """Rows of one of `items`: its session at its start."""
    return or_(*(and_(session_id == found.id, occurrence == i.start) for found, i in items))


def open_questions(session: Session, group_id: int) -> list[Question]:
    """The group's questions still open or answered (not resolved), oldest first."""
    return list(
        session.scalars(
            select(Question)
            .where(Question.group_id == group_id, Question.status.in_(("open", "answered")))
            .order_by(Question.id)
        )
    )


def facts_of(
    session: Session,
    group_id: int,
    items: Occurrences,
    questions: list[Question] | None = None,
    tasks: Sequence[Task] | None = None,
) -> list[dict[str, Any]]:
    """The facts of several occurrences of a group's sessions, in their order: one query per
    table for all of them (a window each), whatever the group's history. `questions` are
    `open_questions(group_id)`, and `tasks` the group's tasks done `during(items)` (among
    others), when the caller has them already."""
    if not items:
        return []
    if tasks is None:
        tasks = session.scalars(
            select(Task).where(Task.group_id == group_id, during(Task.done_at, items))
        ).all()
    done = sorted((t for t in tasks if t.done_at is not None), key=lambda t: (t.done_at, t.id))
    snaps = session.scalars(
        select(Snapshot)
        .where(Snapshot.group_id == group_id, during(Snapshot.created_at, items))
        .order_by(Snapshot.id)
    ).all()
    if questions is None:
        questions = open_questions(session, group_id)
    checkins = session.execute(
        select(SessionCheckin.session_id, SessionCheckin.occurrence, SessionCheckin.username)
        .where(_at(SessionCheckin.session_id, SessionCheckin.occurrence, items))
        .order_by(SessionCheckin.id)
    ).all()
    found_facts = []
    for found, item in items:
        found_facts.append(
            {
                "attendees": [u for sid, at, u in checkins if sid == found.id and at == item.start],
                "tasks_done": [
                    {"id": t.id, "title": t.title} for t in done if _in(t.done_at, item)
                ],
                "snapshots": [
                    {
                        "id": s.id,
                        "path": s.path,
                        "author": s.author,
                        "message": s.message,
                        "created_at": s.created_at.isoformat(),
                        "link": SNAPSHOT_LINK.format(id=s.id),
                    }
                    for s in snaps
                    if _in(s.created_at, item)
                ],
                "open_questions": [
                    {"id": q.id, "title": q.title} for q in questions if q.created_at < item.end
                ],
            }
        )
    return found_facts


def facts(session: Session, found: StudySession, item: schedule.Occurrence) -> dict[str, Any]:
    return facts_of(session, found.group_id, [(found, item)])[0]


def generated_body(found: StudySession, item: schedule.Occurrence, known: dict[str, Any]) -> str:
    title = found.title or "Co-coding session"
    lines = [f"## {title}, {item.start:%Y-%m-%d %H:%M} UTC", ""]
    people = ", ".join(known["attendees"]) or "nobody checked in"
    lines += [f"**Who came:** {people}", "", "**Tasks finished:**"]
    lines += [f"- {t['title']}" for t in known["tasks_done"]] or ["- none"]
    lines += ["", "**Snapshots committed:**"]
    lines += [
        f"- [{s['path']}]({s['link']}) by {s['author']}"
        + (f": {s['message']}" if s["message"] else "")
        for s in known["snapshots"]
    ] or ["- none"]
    lines += ["", "**Open questions:**"]
    lines += [f"- {q['title']}" for q in known["open_questions"]] or ["- none"]
    return "\n".join(lines) + "\n"


def _stored(session: Session, session_id: int, start: dt.datetime) -> SessionRecap | None:
    return session.scalars(
        select(SessionRecap).where(
            SessionRecap.session_id == session_id, SessionRecap.occurrence == start
        )
    ).one_or_none()


def build_many(
    session: Session,
    group_id: int,
    items: Occurrences,
    now: dt.datetime,
    questions: list[Question] | None = None,
    tasks: Sequence[Task] | None = None,
) -> list[dict[str, Any]]:
    """The recaps of several occurrences of a group's sessions (5 statements for all;
    `questions` and `tasks` as for `facts_of`)."""
    if not items:
        return []
    known_all = facts_of(session, group_id, items, questions, tasks)
    stored_all = session.scalars(
        select(SessionRecap).where(_at(SessionRecap.session_id, SessionRecap.occurrence, items))
    ).all()
    recaps = []
    for (found, item), known in zip(items, known_all, strict=True):
        generated = generated_body(found, item, known)
        stored = next(
            (r for r in stored_all if r.session_id == found.id and r.occurrence == item.start),
            None,
        )
        recaps.append(
            {
                "occurrence": views.occurrence(found, item, now),
                "facts": known,
                "generated": generated,
                "body": stored.body if stored is not None else generated,
                "edited": stored is not None,
                "edited_by": stored.edited_by if stored is not None else None,
                "edited_at": views.ts(stored.edited_at) if stored is not None else None,
                "version": stored.version if stored is not None else 0,
            }
        )
    return recaps


def build(
    session: Session, found: StudySession, item: schedule.Occurrence, now: dt.datetime
) -> dict[str, Any]:
    return build_many(session, found.group_id, [(found, item)], now)[0]


def _which(found: StudySession, start: dt.datetime | None, now: dt.datetime) -> schedule.Occurrence:
    if start is not None:
        item = occurrence_at(found, start)
    else:
        last = schedule.last_started(views.rule(found), now)
        if last is None:
            raise NotFound(f"Session {found.id} has not happened yet; there is nothing to recap.")
        item = last
    if item.start > now:
        raise Conflict("A session can be recapped once it has started.")
    return item


def get_recap(
    session: Session,
    username: str,
    session_id: int,
    start: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The recap of one occurrence (default: the latest one that has started)."""
    found = load(session, username, session_id, Action.VIEW_GROUP)
    now = now or utcnow()
    return build(session, found, _which(found, start, now), now)


def edit_recap(
    session: Session,
    username: str,
    session_id: int,
    data: dict[str, Any],
    if_match: int | None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Store an edited recap body; `version` 0 (or no If-Match) for the first edit."""
    found = load(session, username, session_id, Action.EDIT_RECAP)
    values = v.clean(data, {"occurrence": f.timestamp, "body": v.markdown()}, required=("body",))
    now = now or utcnow()
    item = _which(found, values.get("occurrence"), now)
    stored = _stored(session, found.id, item.start)
    if stored is None:
        if if_match not in (None, 0):
            raise Conflict("This recap has not been edited yet; send version 0.")
        stored = SessionRecap(
            session_id=found.id, group_id=found.group_id, occurrence=item.start, edited_by=username
        )
        session.add(stored)
    else:
        check_version(stored, if_match, lambda r: build(session, found, item, now), required=False)
    stored.body = values["body"]
    stored.edited_by = username
    stored.edited_at = utcnow()
    session.flush()
    record(
        session,
        found.group_id,
        username,
        "session.recap_edited",
        f"edited the recap of the session on {item.start:%Y-%m-%d}",
        {"session_id": found.id, "occurrence": item.start.isoformat()},
    )
    return build(session, found, item, now)


def ended(studies: list[StudySession], now: dt.datetime, limit: int = 3) -> Occurrences:
    """The latest occurrences of `studies` that have ended, newest first (the one going on
    is not "last session" yet)."""
    started: Occurrences = []
    for study in sorted(studies, key=lambda s: s.id):
        for item in schedule.occurrences(views.rule(study)):
            if item.end > now:
                break
            started.append((study, item))
    started.sort(key=lambda pair: pair[1].start, reverse=True)
    return started[:limit]


def recent(
    session: Session, group_id: int, now: dt.datetime, limit: int = 3
) -> list[dict[str, Any]]:
    """The recaps of the group's latest occurrences that have ended, newest first."""
    found = session.scalars(select(StudySession).where(StudySession.group_id == group_id)).all()
    return build_many(session, group_id, ended(list(found), now, limit), now)
