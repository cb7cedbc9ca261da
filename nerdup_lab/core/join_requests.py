"""Join requests (#14): a group whose join rule is "request" takes participants by asking.

- An organizer sets the rule (`groups.join_rule`, "anyone" by default, "request"). The rule
  is about becoming a *participant* of an open group: following stays free, and a
  members-only group is still joined only by an organizer adding the person.
- Someone outside the group, or a follower of it, asks to join (an optional short message);
  asking again while the request is pending answers the same request. They may withdraw it.
- Organizers read the pending requests and accept (the person becomes a participant, or a
  follower moves up to participant) or decline. Each step is an activity, so the event bus
  tells an organizer's open lab about a new request at once.
- A members-only group answers 404 to outsiders here as everywhere (`require`).

One row per person and group: asking again after a decline or a withdrawal reopens it.
Every write locks the group's row first (as membership changes do), so two organizers
deciding at once, or a double click on "Ask to join", are taken one after the other.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import validate as v
from .activity import record
from .errors import Conflict, Finished, Forbidden, NotFound
from .models import Group, JoinRequest, Membership, utcnow
from .permissions import OUTSIDER, Action, Rule, membership_of, require, rule_for
from .records import lock
from .users import people

MESSAGE_MAX = 500
ASK_FIELDS: dict[str, v.Parser] = {"message": v.text(max_len=MESSAGE_MAX, allow_empty=True)}


class AskToJoin(Conflict):
    """Joining a "by request" group as a participant directly: ask instead (409)."""

    code = "ask_to_join"


def ask_instead() -> AskToJoin:
    return AskToJoin(
        "This group takes participants by request: ask to join (an organizer answers), "
        "or follow it meanwhile.",
        fields={"role": "ask_to_join"},
    )


def to_json(request: JoinRequest) -> dict[str, Any]:
    return {
        "id": request.id,
        "group_id": request.group_id,
        "username": request.username,
        "message": request.message,
        "status": request.status,
        "created_at": request.created_at.isoformat(),
        "decided_by": request.decided_by,
        "decided_at": request.decided_at.isoformat() if request.decided_at else None,
    }


def _request_of(session: Session, group_id: int, username: str) -> JoinRequest | None:
    return session.scalars(
        select(JoinRequest).where(
            JoinRequest.group_id == group_id, JoinRequest.username == username
        )
    ).one_or_none()


def _pending_or_404(session: Session, group_id: int, username: str, whose: str) -> JoinRequest:
    found = _request_of(session, group_id, username)
    if found is None or found.status != "pending":
        raise NotFound(f"{whose} no pending request to join this group.")
    return found


def _close(request: JoinRequest, status: str, by: str) -> None:
    request.status, request.decided_by, request.decided_at = status, by, utcnow()


def ask(session: Session, username: str, group_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Ask to join as a participant. A pending request answers as it is (idempotent)."""
    message = v.clean(data, ASK_FIELDS).get("message", "")
    lock(session, Group, group_id)
    membership = require(session, group_id, username, Action.VIEW_GROUP)
    if membership is not None and membership.role != "follower":
        raise Conflict(f"You are already a {membership.role} of this group.")
    require(session, group_id, username, Action.REQUEST_TO_JOIN)
    group = session.get(Group, group_id)  # loaded by `require`: no query
    assert group is not None
    if group.join_rule != "request":
        raise Conflict(
            "Anyone may join this group: join it as a participant, no request needed.",
            fields={"join_rule": "anyone"},
        )
    if group.status == "finished":
        raise Finished(
            "This group has finished its round: follow it to read its journey, or ask an "
            "organizer to reopen it.",
            fields={"role": "finished"},
        )
    found = _request_of(session, group_id, username)
    if found is not None and found.status == "pending":
        return to_json(found)
    if found is None:
        found = JoinRequest(group_id=group_id, username=username, message=message)
        session.add(found)
    else:  # declined, withdrawn, or accepted before the person left: asked anew
        found.message, found.status, found.created_at = message, "pending", utcnow()
        found.decided_by = found.decided_at = None
    session.flush()
    record(
        session,
        group_id,
        username,
        "join_request.created",
        "asked to join as participant",
        {"username": username, "request_id": found.id},
    )
    return to_json(found)


def withdraw(session: Session, username: str, group_id: int, target: str) -> None:
    """Withdraw one's own pending request (`target` is the caller; an organizer declines
    someone else's instead)."""
    lock(session, Group, group_id)
    require(session, group_id, username, Action.VIEW_GROUP)
    if target != username:
        raise Forbidden(
            "You can withdraw only your own request; an organizer declines a request instead."
        )
    found = _pending_or_404(session, group_id, username, "You have")
    require(session, group_id, username, Action.REQUEST_TO_JOIN)
    _close(found, "withdrawn", username)
    session.flush()
    record(
        session,
        group_id,
        username,
        "join_request.withdrawn",
        "withdrew their request to join",
        {"username": username, "request_id": found.id},
    )


def _may_decide(session: Session, group_id: int, username: str) -> None:
    """Organizers only; a read, so it also works on an archived group."""
    membership = require(session, group_id, username, Action.VIEW_GROUP)
    role = membership.role if membership is not None else OUTSIDER
    if rule_for(role, Action.DECIDE_JOIN_REQUEST) is not Rule.ALLOW:
        who = f"a {role}" if membership is not None else "someone outside the group"
        raise Forbidden(f"As {who}, you may not read this group's join requests.")


def list_requests(session: Session, username: str, group_id: int) -> dict[str, Any]:
    """The group's pending requests, oldest first, with the askers' display names."""
    _may_decide(session, group_id, username)
    found = session.scalars(
        select(JoinRequest)
        .where(JoinRequest.group_id == group_id, JoinRequest.status == "pending")
        .order_by(JoinRequest.created_at, JoinRequest.id)
    ).all()
    return {
        "items": [to_json(r) for r in found],
        "people": people(session, [r.username for r in found]),
    }


def decide(
    session: Session, username: str, group_id: int, target: str, accept: bool
) -> dict[str, Any]:
    """Accept (the person becomes a participant) or decline `target`'s pending request."""
    lock(session, Group, group_id)
    require(session, group_id, username, Action.VIEW_GROUP)
    require(session, group_id, username, Action.DECIDE_JOIN_REQUEST)
    found = _pending_or_404(session, group_id, target, f"{target} has")
    name = people(session, [target])[target]["display_name"]
    subject: dict[str, Any] = {"username": target, "request_id": found.id}
    if not accept:
        _close(found, "declined", username)
        session.flush()
        record(
            session, group_id, username, "join_request.declined", "declined a request to join",
            subject,
        )  # fmt: skip
        return to_json(found)
    _close(found, "accepted", username)
    membership = membership_of(session, group_id, target)
    if membership is None:
        session.add(Membership(group_id=group_id, username=target, role="participant"))
        session.flush()
        kind, summary = "member.joined", f"accepted {name}'s request to join as participant"
        subject |= {"role": "participant"}
    elif membership.role == "follower":
        membership.role = "participant"
        session.flush()
        kind = "member.role_changed"
        summary = f"accepted {name}'s request: now a participant (was follower)"
        subject |= {"role": "participant", "previous_role": "follower"}
    else:  # made a member some other way meanwhile (an organizer added them)
        session.flush()
        return to_json(found)
    record(session, group_id, username, kind, summary, subject)
    return to_json(found)


def settle(session: Session, group_id: int, username: str, by: str) -> None:
    """`username` became a participant (or more) some other way: their pending request,
    if any, is answered by that. Called by `members.join`."""
    found = _request_of(session, group_id, username)
    if found is not None and found.status == "pending":
        _close(found, "accepted", by)
        session.flush()


def pending_of(session: Session, username: str, groups: list[Group]) -> dict[int, dict[str, Any]]:
    """The viewer's pending requests among `groups`, by group id: one query, and none at all
    when no group there takes participants by request from someone in the viewer's place."""
    asking = [
        g.id
        for g in groups
        if g.join_rule == "request"
        and all(m.role == "follower" for m in g.memberships if m.username == username)
    ]
    if not asking or not username:
        return {}
    found = session.scalars(
        select(JoinRequest).where(
            JoinRequest.username == username,
            JoinRequest.status == "pending",
            JoinRequest.group_id.in_(asking),
        )
    ).all()
    return {r.group_id: to_json(r) for r in found}
