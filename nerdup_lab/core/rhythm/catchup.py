"""The catch-up brief: what a newcomer reads first about a group's rhythm.

The lab's "Where we are" card shows it next to the current milestone: the next session
and its agenda, the latest session recaps, the unanswered questions, and the FAQ size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import utcnow
from ..permissions import Action, require
from . import recap, schedule, views
from .mentoring import unanswered
from .models import Question, StudySession
from .sessions import agenda, stopped


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
    require(session, group_id, username, Action.VIEW_GROUP)
    now = now or utcnow()
    studies = list(
        session.scalars(
            select(StudySession)
            .where(StudySession.group_id == group_id)
            .order_by(StudySession.starts_at, StudySession.id)
        )
    )

    def with_agenda(found: tuple[StudySession, schedule.Occurrence] | None) -> Any:
        if found is None:
            return None
        body = agenda(session, username, found[0].id, found[1].start, now)
        return {**body["occurrence"], "agenda": body["tasks"]}

    if stopped(session, group_id):  # a finished group's sessions ended with it
        studies_on: list[StudySession] = []
    else:
        studies_on = studies
    current = _soonest(studies_on, lambda rule: schedule.in_progress(rule, now))
    coming = _soonest(studies_on, lambda rule: schedule.next_unstarted(rule, now))
    faq_size = session.scalar(
        select(func.count(Question.id)).where(
            Question.group_id == group_id, Question.status == "resolved"
        )
    )
    recaps = recap.recent(session, group_id, now)
    return {
        "group_id": group_id,
        "current_session": with_agenda(current),
        "current_recap": recap.build(session, *current, now) if current else None,
        "next_session": with_agenda(coming),
        "last_session": recaps[0] if recaps else None,
        "recaps": recaps,
        "unanswered": unanswered(session, group_id),
        "faq_count": int(faq_size or 0),
    }
