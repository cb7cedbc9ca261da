"""Activity: every change in a group is recorded as who, what, when.

`record` is called once by every write (the snapshot code calls it too). It also notes the
new activity on the session, so the backend can publish it on the event bus once the
transaction has committed, and only then.

The feed is newest first and paginated by cursor: `before=<activity id>` returns the
activities older than that one. Each page says `next`, the cursor of the following page,
or null on the last page. Cursors stay correct while new activity arrives, which offsets
would not.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Activity
from .users import people

PENDING_KEY = "nerdup_pending_activities"
DEFAULT_PAGE = 50
MAX_PAGE = 200


def record(
    session: Session, group_id: int, actor: str, kind: str, summary: str, subject: dict[str, Any]
) -> Activity:
    """Store one activity, e.g. kind "task.claimed", subject {"task_id": 3}."""
    activity = Activity(
        group_id=group_id, actor=actor, kind=kind, summary=summary, subject=dict(subject)
    )
    session.add(activity)
    session.flush()  # assigns the id the event and the feed refer to
    session.info.setdefault(PENDING_KEY, []).append(activity)
    return activity


def pending(session: Session) -> list[Activity]:
    """The activities recorded in this session's transaction, oldest first."""
    found: list[Activity] = session.info.get(PENDING_KEY, [])
    return list(found)


def to_json(activity: Activity) -> dict[str, Any]:
    return {
        "id": activity.id,
        "group_id": activity.group_id,
        "actor": activity.actor,
        "kind": activity.kind,
        "summary": activity.summary,
        "subject": activity.subject,
        "created_at": activity.created_at.isoformat(),
    }


def feed(
    session: Session, group_id: int, *, limit: int = DEFAULT_PAGE, before: int | None = None
) -> dict[str, Any]:
    """One page of a group's activity, newest first: {"items": [...], "next": cursor|None}.

    The caller checks that the reader may view the group.
    """
    limit = max(1, min(limit, MAX_PAGE))
    query = select(Activity).where(Activity.group_id == group_id)
    if before is not None:
        query = query.where(Activity.id < before)
    # One row more than asked tells whether another page exists.
    rows = list(session.scalars(query.order_by(Activity.id.desc()).limit(limit + 1)))
    items = rows[:limit]
    return {
        "items": [to_json(a) for a in items],
        "next": items[-1].id if len(rows) > limit else None,
        "people": people(session, (a.actor for a in items)),
    }
