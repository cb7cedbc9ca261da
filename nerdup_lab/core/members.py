"""Membership: join, invite, switch role, leave, remove.

- Anyone may join an open group as a participant or follower, unless its join rule is
  "request": then participants ask and an organizer accepts (core.join_requests); following
  stays free. Organizers add people to any group (members-only groups are joined this way)
  with any role, e.g. as a mentor.
- A member switches between participant and follower; only an organizer hands out the
  organizer and mentor roles, or changes someone else's role.
- The last organizer can neither leave nor drop the role: they hand it over first (409).
  The rule holds under concurrency: a role change or departure locks the group's row
  first (PostgreSQL; SQLite's write transaction is already alone), so two organizers
  stepping down at once are counted one after the other and the second is refused.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from . import join_requests, serialize
from . import validate as v
from .activity import record
from .errors import Conflict, Finished, InvalidInput, NotFound
from .models import ROLES, Group, Membership, Task, TaskClaim
from .permissions import Action, membership_of, require
from .records import check_version, lock
from .users import ensure_user, people

SELF_SERVICE_ROLES = ("participant", "follower")


def shown(session: Session, username: str) -> str:
    """How an activity's text names a person: their display name (#15), else the username."""
    return people(session, [username])[username]["display_name"]


def _member_or_404(session: Session, group_id: int, username: str) -> Membership:
    membership = membership_of(session, group_id, username)
    if membership is None:
        raise NotFound(f"{username} is not a member of this group.")
    return membership


def _organizer_count(session: Session, group_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.group_id == group_id, Membership.role == "organizer")
        )
        or 0
    )


def _keep_an_organizer(session: Session, membership: Membership) -> None:
    if membership.role == "organizer" and _organizer_count(session, membership.group_id) <= 1:
        raise Conflict(
            "The group needs an organizer: make someone else an organizer before you step "
            "down, or stay its organizer and mentor it too (tick “mentors too” beside your "
            "name in the group's Settings)."
        )


def join(session: Session, username: str, group_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Join (no `username` in the body, or one's own) or add someone else (organizers)."""
    fields = v.clean(data, {"role": v.choice(ROLES), "username": v.username})
    target = fields.get("username", username)
    role = fields.get("role", "participant")
    if target == username:
        require(session, group_id, username, Action.VIEW_GROUP)
        if membership_of(session, group_id, username) is not None:
            raise Conflict("You are already a member of this group.")
        require(session, group_id, username, Action.JOIN_GROUP)
        # `require` loaded the group: this read comes from the session, not the database.
        group = session.get(Group, group_id)
        if role == "participant" and group is not None and group.status == "finished":
            raise Finished(
                "This group has finished its round: follow it to read its journey, or ask an "
                "organizer to reopen it.",
                fields={"role": "finished"},
            )
        if role not in SELF_SERVICE_ROLES:
            raise InvalidInput(
                "You can join as a participant or a follower; an organizer can make you more.",
                fields={"role": f"Must be one of: {', '.join(SELF_SERVICE_ROLES)}."},
            )
        if role == "participant" and group is not None and group.join_rule == "request":
            raise join_requests.ask_instead()
    else:
        require(session, group_id, username, Action.MANAGE_MEMBERS)
        if membership_of(session, group_id, target) is not None:
            raise Conflict(f"{target} is already a member of this group.")
        ensure_user(session, target)
    membership = Membership(group_id=group_id, username=target, role=role)
    session.add(membership)
    session.flush()
    if role != "follower":  # a pending join request is answered by this (#14)
        join_requests.settle(session, group_id, target, username)
    summary = (
        f"joined as {role}" if target == username else f"added {shown(session, target)} as {role}"
    )
    record(
        session, group_id, username, "member.joined", summary, {"username": target, "role": role}
    )
    return serialize.member(membership)


def change_role(
    session: Session,
    username: str,
    group_id: int,
    target: str,
    data: dict[str, Any],
    if_match: int | None,
) -> dict[str, Any]:
    """Switch one's own role, or (organizers) anyone's; organizers also say whether an
    organizer mentors the group too (`also_mentor`). `If-Match` is checked when sent."""
    fields = v.clean(data, {"role": v.choice(ROLES), "also_mentor": v.boolean})
    if not fields:
        raise InvalidInput(
            "Send the new role, or also_mentor.",
            fields={"role": "Give role or also_mentor."},
        )
    lock(session, Group, group_id)
    require(session, group_id, username, Action.VIEW_GROUP)
    membership = _member_or_404(session, group_id, target)
    if "also_mentor" in fields:
        _set_also_mentor(session, username, membership, fields, if_match)
        if "role" not in fields:
            return serialize.member(membership)
    role = fields["role"]
    if target == username and role in SELF_SERVICE_ROLES:
        action = Action.SWITCH_OWN_ROLE
    else:
        # Someone else's role, or the organizer and mentor roles, are handed out.
        action = Action.MANAGE_MEMBERS
    require(session, group_id, username, action)
    check_version(membership, if_match, serialize.member, required=False)
    if role == membership.role:
        return serialize.member(membership)
    moving_up = target == username and (membership.role, role) == ("follower", "participant")
    if moving_up and membership.group.join_rule == "request":  # by asking (#14)
        raise join_requests.ask_instead()
    if role != "organizer":
        _keep_an_organizer(session, membership)
        membership.also_mentor = False  # only an organizer mentors beside their role
    old, membership.role = membership.role, role
    session.flush()
    summary = (
        f"switched from {old} to {role}"
        if target == username
        else f"made {shown(session, target)} a {role} (was {old})"
    )
    record(
        session,
        group_id,
        username,
        "member.role_changed",
        summary,
        {"username": target, "role": role, "previous_role": old},
    )
    return serialize.member(membership)


def _set_also_mentor(
    session: Session,
    username: str,
    membership: Membership,
    fields: dict[str, Any],
    if_match: int | None,
) -> None:
    """An organizer mentors the group too, or stops (#16): organizers decide, for an
    organizer (their own membership included); a mentor is a role of its own."""
    require(session, membership.group_id, username, Action.MANAGE_MEMBERS)
    check_version(membership, if_match, serialize.member, required=False)
    wanted = bool(fields["also_mentor"])
    role = fields.get("role", membership.role)
    if wanted and role != "organizer":
        raise InvalidInput(
            "Only an organizer mentors beside their role: make them a mentor instead.",
            fields={"also_mentor": "Only for an organizer."},
        )
    if wanted == membership.also_mentor:
        return
    membership.also_mentor = wanted
    session.flush()
    if membership.username == username:
        summary = "mentors the group too" if wanted else "no longer mentors the group"
    else:
        who = shown(session, membership.username)
        summary = f"made {who} a mentor too" if wanted else f"{who} no longer mentors the group"
    record(
        session,
        membership.group_id,
        username,
        "member.role_changed",
        summary,
        {"username": membership.username, "role": membership.role, "also_mentor": wanted},
    )


def drop(session: Session, membership: Membership) -> list[Task]:
    """Delete a membership and release the person's claims in the group (no checks, no
    activity: the caller does both). Answers the tasks that came free: claimed by this
    person alone, and not done."""
    in_group = select(Task.id).where(Task.group_id == membership.group_id)
    claimed = session.scalars(
        select(Task)
        .join(TaskClaim, TaskClaim.task_id == Task.id)
        .where(TaskClaim.username == membership.username, Task.group_id == membership.group_id)
        .where(Task.status != "done")
        .order_by(Task.id)
    ).all()
    others = set(
        session.scalars(
            select(TaskClaim.task_id).where(
                TaskClaim.task_id.in_([t.id for t in claimed]),
                TaskClaim.username != membership.username,
            )
        )
    )
    freed = [t for t in claimed if t.id not in others]
    session.execute(
        delete(TaskClaim).where(
            TaskClaim.username == membership.username, TaskClaim.task_id.in_(in_group)
        )
    )
    session.delete(membership)
    session.flush()
    session.expire_all()  # claims removed in bulk are not in the identity map's lists
    return freed


def leave(session: Session, username: str, group_id: int, target: str) -> None:
    """Leave a group, or (organizers) remove someone from it. Their claims are released,
    their personal tasks stay in the history."""
    lock(session, Group, group_id)
    require(session, group_id, username, Action.VIEW_GROUP)
    membership = _member_or_404(session, group_id, target)
    action = Action.LEAVE_GROUP if target == username else Action.MANAGE_MEMBERS
    require(session, group_id, username, action)
    _keep_an_organizer(session, membership)
    freed = [(t.id, t.title) for t in drop(session, membership)]
    summary = (
        "left the group"
        if target == username
        else f"removed {shown(session, target)} from the group"
    )
    if freed:
        summary += "; free to claim now: " + ", ".join(f"“{title}”" for _, title in freed)
    data = {"username": target, "freed_task_ids": [i for i, _ in freed]}
    record(session, group_id, username, "member.left", summary, data)
