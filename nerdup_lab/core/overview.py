"""Read-only views across a group or across groups: progress, activity, "my" page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from . import activity, loading, progress, serialize
from .errors import InvalidInput
from .models import Group, Membership, Milestone, Task, TaskClaim, User, utcnow
from .permissions import Action, require
from .snapshots.models import Snapshot

# What `progress.figures` reads, in one query per table whatever the group's size.
WITH_TASKS = (
    selectinload(Group.memberships),
    selectinload(Group.milestones).selectinload(Milestone.tasks).selectinload(Task.claims),
    selectinload(Group.milestones).selectinload(Milestone.tasks).selectinload(Task.completions),
)


def load_for_progress(session: Session, group_id: int) -> Group | None:
    """The group with everything its progress figures read (6 statements), or None."""
    return session.scalars(
        select(Group)
        .where(Group.id == group_id)
        .options(*WITH_TASKS)
        .execution_options(populate_existing=True)
    ).one_or_none()


def loaded(session: Session, group_id: int) -> Group:
    group = load_for_progress(session, group_id)
    assert group is not None  # require() has checked it exists
    return group


def group_progress(session: Session, username: str, group_id: int) -> dict[str, Any]:
    require(session, group_id, username, Action.VIEW_GROUP)
    return serialize.progress_report(loaded(session, group_id))


def snapshots_by_author(session: Session, group_id: int) -> dict[str, int]:
    """Snapshots per author: one indexed aggregate (ix_snapshots_group_author)."""
    rows = session.execute(
        select(Snapshot.author, func.count(Snapshot.id))
        .where(Snapshot.group_id == group_id)
        .group_by(Snapshot.author)
    ).all()
    return {author: int(count) for author, count in rows}


def progress_series(session: Session, username: str, group_id: int) -> dict[str, Any]:
    """The dashboard: the group's figures, its burn-up and contributions per member."""
    require(session, group_id, username, Action.VIEW_GROUP)
    group = loaded(session, group_id)
    figures = progress.figures(group)
    drawn = progress.series(
        group, utcnow(), snapshots_by_author=snapshots_by_author(session, group_id)
    )
    return {
        "group_id": group.id,
        **serialize.progress_report(group, figures),
        **drawn.to_json(),
    }


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
        .options(*WITH_TASKS)
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
    # Their claims in one query, not one per task (#21).
    facts = loading.task_facts(session, tasks)
    return {
        "user": {
            "username": username,
            "display_name": user.display_name if user is not None else username,
        },
        "groups": serialize.groups(groups, username),
        "tasks": [serialize.task(t, facts[t.id]) for t in tasks],
    }
