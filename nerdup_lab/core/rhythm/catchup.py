"""The catch-up brief: what a newcomer reads first about a group's rhythm.

The lab's "Where we are" card shows it next to the current milestone: the next session
and its agenda, the latest session recaps, the unanswered questions, and the FAQ size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .. import loading
from ..models import Group, Task, utcnow
from ..permissions import Action, require
from . import recap, schedule, views
from .models import Question, StudySession
from .sessions import FLAGGED, agenda_json, agenda_picks, agenda_rows, stopped


def _soonest(
    studies: list[StudySession], pick: Callable[[schedule.Rule], schedule.Occurrence | None]
) -> tuple[StudySession, schedule.Occurrence] | None:
    found: tuple[StudySession, schedule.Occurrence] | None = None
    for study in studies:
        item = pick(views.rule(study))
        if item is not None and (found is None or item.start < found[1].start):
            found = (study, item)
    return found


def catchup(
    session: Session, username: str, group_id: int, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Where the group's rhythm stands at `now`:

    - `current_session`: the occurrence going on, with `agenda`: tonight's picks;
    - `next_session`: the next occurrence that has not started, with the picks for it;
    - `current_recap`: the recap of the occurrence going on, so the group can write it
      at the session's end (the newcomer's catch-up never shows it as "last session");
    - `last_session`: the recap of the last occurrence that has ended (never the one going
      on), and `recaps`: the latest ended ones, newest first.
    """
    # The group (held, so the checks below find it loaded) with its FAQ's size, in one
    # statement. The whole brief costs 10 statements whatever the group's history (#21),
    # 12 with "everyone does this one" tasks on an agenda (their completions and roles).
    resolved = (
        select(func.count(Question.id))
        .where(Question.group_id == group_id, Question.status == "resolved")
        .scalar_subquery()
    )
    held = session.execute(select(Group, resolved).where(Group.id == group_id)).one_or_none()
    require(session, group_id, username, Action.VIEW_GROUP)
    faq_size = held[1] if held is not None else 0
    now = now or utcnow()
    studies = list(
        session.scalars(
            select(StudySession)
            .where(StudySession.group_id == group_id)
            .order_by(StudySession.starts_at, StudySession.id)
        )
    )
    if stopped(session, group_id):  # a finished group's sessions ended with it
        studies_on: list[StudySession] = []
    else:
        studies_on = studies
    current = _soonest(studies_on, lambda rule: schedule.in_progress(rule, now))
    coming = _soonest(studies_on, lambda rule: schedule.next_unstarted(rule, now))
    shown = [found for found in (current, coming) if found is not None]
    # The recaps: of the last sessions that ended, and of the one going on.
    last = recap.ended(studies, now)
    recapped = last + ([current] if current else [])
    # One read of the tasks serves the agendas (the flagged ones) and the recaps (those
    # done during them); one of the agenda rows, one of the shown tasks' claims.
    wanted = [FLAGGED] + ([recap.during(Task.done_at, recapped)] if recapped else [])
    tasks = session.scalars(
        select(Task).where(Task.group_id == group_id, or_(*wanted)).order_by(Task.id)
    ).all()
    flagged = [t for t in tasks if t.next_session and t.status != "done"]
    rows = (
        agenda_rows(session, [s for s, _ in shown], max(i.start for _, i in shown)) if shown else {}
    )
    picks = [
        (found, agenda_picks(session, *found, now, rows[found[0].id], flagged)) for found in shown
    ]
    facts = loading.task_facts(session, (t for _, picked in picks for t, _ in picked))
    agendas = {
        id(found): {
            **views.occurrence(found[0], found[1], now),
            "agenda": agenda_json(picked, facts),
        }
        for found, picked in picks
    }
    # The open questions serve the recaps and the unanswered list.
    questions = recap.open_questions(session, group_id)
    built = recap.build_many(session, group_id, recapped, now, questions, tasks)
    recaps = built[: len(last)]
    return {
        "group_id": group_id,
        "current_session": agendas[id(current)] if current else None,
        "current_recap": built[-1] if current else None,
        "next_session": agendas[id(coming)] if coming else None,
        "last_session": recaps[0] if recaps else None,
        "recaps": recaps,
        "unanswered": [
            {
                "id": q.id,
                "group_id": q.group_id,
                "title": q.title,
                "author": q.author,
                "created_at": views.ts(q.created_at),
            }
            for q in questions
            if q.status == "open"
        ],
        "faq_count": int(faq_size or 0),
    }
