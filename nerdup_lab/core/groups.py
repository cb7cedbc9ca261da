"""Groups: list and search, create, read, edit, archive, delete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, selectinload

from . import serialize
from . import validate as v
from .activity import record
from .models import (
    ADOPTION_RULES,
    GROUP_STATUSES,
    JOIN_RULES,
    VISIBILITIES,
    Group,
    Membership,
    Milestone,
    Task,
)
from .overview import loaded
from .permissions import Action, require
from .records import check_version, get

GROUP_FIELDS: dict[str, v.Parser] = {
    "title": v.text(max_len=200),
    "description": v.markdown(),
    "links": v.links,
    "deadline": v.optional_date,
    "start_date": v.optional_date,
    "status": v.choice(GROUP_STATUSES),
    "visibility": v.choice(VISIBILITIES),
    "adoption_rule": v.choice(ADOPTION_RULES),
    "join_rule": v.choice(JOIN_RULES),
}

# Load everything a group summary shows in a few queries instead of one per group.
_WITH_PLAN = (
    selectinload(Group.memberships),
    selectinload(Group.milestones).selectinload(Milestone.tasks).selectinload(Task.claims),
    selectinload(Group.milestones).selectinload(Milestone.tasks).selectinload(Task.completions),
)


def _visible_to(username: str) -> Any:
    member = exists().where(Membership.group_id == Group.id, Membership.username == username)
    return or_(Group.visibility == "open", member)


def list_groups(
    session: Session, username: str, *, q: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Open groups and the caller's own, newest first; `q` searches title and description."""
    query = select(Group).where(_visible_to(username)).options(*_WITH_PLAN)
    if q:
        # `%` and `_` typed by a user are searched for, not wildcards.
        escaped = q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            or_(
                Group.title.ilike(pattern, escape="\\"),
                Group.description.ilike(pattern, escape="\\"),
            )
        )
    if status is not None:
        query = query.where(Group.status == v.clean({"status": status}, GROUP_FIELDS)["status"])
    found = session.scalars(query.order_by(Group.created_at.desc(), Group.id.desc())).all()
    return serialize.groups(found, username)


def create_group(session: Session, username: str, data: dict[str, Any]) -> dict[str, Any]:
    """A new group; its creator is its first organizer."""
    fields = v.clean(data, GROUP_FIELDS, required=("title",))
    group = Group(created_by=username, **fields)
    group.memberships.append(Membership(username=username, role="organizer"))
    session.add(group)
    session.flush()
    record(
        session,
        group.id,
        username,
        "group.created",
        f"created the group “{group.title}”",
        {"group_id": group.id},
    )
    return serialize.group(group, viewer=username, detail=True)


def load(session: Session, group_id: int) -> Group:
    return get(session, Group, group_id, "group")


def get_group(session: Session, username: str, group_id: int) -> dict[str, Any]:
    """The group with its members and progress: 9 statements whatever its size (the
    permission check, the plan in one query per table, the people map)."""
    require(session, group_id, username, Action.VIEW_GROUP)
    return serialize.group(loaded(session, group_id), viewer=username, detail=True)


def _current(username: str) -> Any:
    return lambda g: serialize.group(g, viewer=username, detail=True)


def update_group(
    session: Session, username: str, group_id: int, data: dict[str, Any], if_match: int | None
) -> dict[str, Any]:
    """Edit a group. Archiving (or bringing a group back from the archive) is its own
    permission, so the table can tell it apart from editing."""
    require(session, group_id, username, Action.VIEW_GROUP)
    fields = v.clean(data, GROUP_FIELDS)
    group = load(session, group_id)
    archiving = (
        "status" in fields
        and fields["status"] != group.status
        and "archived" in (fields["status"], group.status)
    )
    if archiving:
        require(session, group_id, username, Action.ARCHIVE_GROUP)
    if not archiving or set(fields) - {"status"}:
        require(session, group_id, username, Action.EDIT_GROUP)
    check_version(group, if_match, _current(username))
    changed = sorted(k for k, value in fields.items() if getattr(group, k) != value)
    for key, value in fields.items():
        setattr(group, key, value)
    session.flush()
    if archiving and group.status == "archived":
        kind, summary = "group.archived", "archived the group"
    else:
        kind, summary = "group.updated", f"edited the group ({', '.join(changed) or 'no change'})"
    record(session, group.id, username, kind, summary, {"group_id": group.id, "fields": changed})
    return serialize.group(group, viewer=username, detail=True)


def delete_group(session: Session, username: str, group_id: int, if_match: int | None) -> None:
    """Delete a group and everything in it (its activity too, by cascade)."""
    require(session, group_id, username, Action.DELETE_GROUP)
    group = load(session, group_id)
    check_version(group, if_match, _current(username))
    # Recorded so the deletion is still announced on the event bus; the row itself goes
    # with the group.
    record(
        session,
        group.id,
        username,
        "group.deleted",
        f"deleted the group “{group.title}”",
        {"group_id": group.id},
    )
    session.delete(group)
    session.flush()
