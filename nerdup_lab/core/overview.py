"""Read-only views across a group or across groups: progress, activity, "my" page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from . import activity, serialize
from .errors import InvalidInput
from .groups import load as load_group
from .models import Group, Membership, Milestone, Task, TaskClaim, User
from .permissions import Action, require


def group_progress(session: Session, username: str, group_id: int) -> dict[str, Any]:
    require(session, group_id, username, Action.VIEW_GROUP)
    return serialize.progress_report(load_group(session, group_id))


def group_activity(
    session: Session, username: str, group_id: int, limit: int, before: int | None
) -> dict[str, Any]:
    require(session, group_id, username, Action.VIEW_GROUP)
    if limit < 1 or limit > activity.MAX_PAGE:
        raise InvalidInput(
            "Bad page size.", fields={"limit": f"Must be between 1 and {activity.MAX_PAGE}."}
        )
    return activity.feed(session, group_id, limit=limit, before=before)


def me(session: Session, username: str) -> dict[str, Any]:
    """The caller's groups (with role and progress) and their open tasks across groups."""
    user = session.get(User, username)
    groups = session.scalars(
        select(Group)
        .join(Membership, Membership.group_id == Group.id)
        .where(Membership.username == username)
        .options(
            selectinload(Group.memberships),
            selectinload(Group.milestones).selectinload(Milestone.tasks).selectinload(Task.claims),
        )
        .order_by(Group.id)
    ).all()
    claimed = select(TaskClaim.task_id).where(TaskClaim.username == username)
    tasks = session.scalars(
        select(Task)
        .join(Membership, Membership.group_id == Task.group_id)
        .where(Membership.username == username)
        .where(or_(Task.owner == username, Task.id.in_(claimed)))
        .where(Task.status != "done")
        .order_by(Task.next_session.desc(), Task.id)
    ).all()
    return {
        "user": {
            "username": username,
            "display_name": user.display_name if user is not None else username,
        },
        "groups": serialize.groups(groups, username),
        "tasks": [serialize.task(t) for t in tasks],
    }
