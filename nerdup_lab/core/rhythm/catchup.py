"""The catch-up brief: what a newcomer reads first about a group's rhythm.

The lab's "Where we are" card shows it next to the current milestone: the next session
and its agenda, the latest session recaps, the unanswered questions, and the FAQ size.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import utcnow
from ..permissions import Action, require
from . import recap, schedule, views
from .mentoring import unanswered
from .models import Question, StudySession
from .sessions import agenda


def catchup(
    session: Session, username: str, group_id: int, now: dt.datetime | None = None
) -> dict[str, Any]:
    require(session, group_id, username, Action.VIEW_GROUP)
    now = now or utcnow()
    coming: tuple[StudySession, schedule.Occurrence] | None = None
    for study in session.scalars(select(StudySession).where(StudySession.group_id == group_id)):
        item = schedule.next_after(views.rule(study), now)
        if item is not None and (coming is None or item.start < coming[1].start):
            coming = (study, item)
    next_session = None
    if coming is not None:
        found = agenda(session, username, coming[0].id, coming[1].start, now)
        next_session = {**found["occurrence"], "agenda": found["tasks"]}
    faq_size = session.scalar(
        select(func.count(Question.id)).where(
            Question.group_id == group_id, Question.status == "resolved"
        )
    )
    return {
        "group_id": group_id,
        "next_session": next_session,
        "recaps": recap.recent(session, group_id, now),
        "unanswered": unanswered(session, group_id),
        "faq_count": int(faq_size or 0),
    }
