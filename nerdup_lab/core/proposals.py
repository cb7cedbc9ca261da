"""Deciding the next milestone together: propose, vote, adopt (or reject).

Any member may propose and vote (one vote each, up or down, changeable while the proposal
is open). An organizer adopts or rejects. When the group's adoption rule is "majority",
a proposal is adopted as soon as more than half of the group's participants (members with
the organizer or participant role; followers and mentors vote but are not counted in the
electorate) have voted up. Adopting appends the proposal as a planned milestone.

A vote is its own row (one per person and proposal): casting or withdrawing one does not
bump the proposal's version, so votes never conflict with each other. On PostgreSQL a vote
locks the proposal's row first, so simultaneous votes are counted one after the other and
the majority rule adopts exactly once; SQLite's write transaction is already alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import serialize
from . import validate as v
from .activity import record
from .errors import Conflict, NotFound
from .milestones import add_milestone
from .models import PROPOSAL_STATUSES, VOTE_VALUES, Group, Membership, Proposal, Vote, utcnow
from .permissions import Action, require
from .records import check_version, get, lock

PROPOSAL_FIELDS: dict[str, v.Parser] = {
    "title": v.text(max_len=200),
    "goal": v.markdown(),
    "due": v.optional_date,
}
ELECTORATE = ("organizer", "participant")


def load(session: Session, username: str, proposal_id: int, action: Action) -> Proposal:
    proposal = get(session, Proposal, proposal_id, "proposal")
    require(session, proposal.group_id, username, action)
    return proposal


def _open(proposal: Proposal) -> None:
    if proposal.status != "open":
        raise Conflict(
            f"This proposal was already {proposal.status}.", current=serialize.proposal(proposal)
        )


def list_proposals(
    session: Session, username: str, group_id: int, status: str | None = None
) -> list[dict[str, Any]]:
    require(session, group_id, username, Action.VIEW_GROUP)
    query = select(Proposal).where(Proposal.group_id == group_id)
    if status is not None:
        wanted = v.clean({"status": status}, {"status": v.choice(PROPOSAL_STATUSES)})["status"]
        query = query.where(Proposal.status == wanted)
    return [serialize.proposal(p) for p in session.scalars(query.order_by(Proposal.id.desc()))]


def get_proposal(session: Session, username: str, proposal_id: int) -> dict[str, Any]:
    return serialize.proposal(load(session, username, proposal_id, Action.VIEW_GROUP))


def propose(session: Session, username: str, group_id: int, data: dict[str, Any]) -> dict[str, Any]:
    require(session, group_id, username, Action.PROPOSE)
    fields = v.clean(data, PROPOSAL_FIELDS, required=("title",))
    proposal = Proposal(group_id=group_id, created_by=username, **fields)
    session.add(proposal)
    session.flush()
    record(
        session,
        group_id,
        username,
        "proposal.created",
        f"proposed “{proposal.title}”",
        {"proposal_id": proposal.id},
    )
    return serialize.proposal(proposal)


def _adopt(session: Session, proposal: Proposal, actor: str, *, by_rule: bool) -> None:
    milestone = add_milestone(
        session,
        proposal.group_id,
        actor,
        {"title": proposal.title, "goal": proposal.goal, "due": proposal.due},
        kind="",  # the adoption below is the one activity of this change
    )
    proposal.status = "adopted"
    proposal.decided_at = utcnow()
    proposal.decided_by = None if by_rule else actor
    proposal.milestone_id = milestone.id
    session.flush()
    how = " (their vote made the majority)" if by_rule else ""
    record(
        session,
        proposal.group_id,
        actor,
        "proposal.adopted",
        f"adopted “{proposal.title}” as the next milestone{how}",
        {"proposal_id": proposal.id, "milestone_id": milestone.id},
    )


def has_majority(session: Session, proposal: Proposal) -> bool:
    rows = session.execute(
        select(Membership.username, Membership.role).where(Membership.group_id == proposal.group_id)
    ).all()
    roles = {name: role for name, role in rows}
    electorate = {name for name, role in roles.items() if role in ELECTORATE}
    ups = {vote.username for vote in proposal.votes if vote.value == "up"} & electorate
    return len(ups) * 2 > len(electorate)


def vote(session: Session, username: str, proposal_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Cast or change one's vote; may adopt the proposal under the majority rule. Casting
    the same vote again changes nothing (no activity either)."""
    value = v.clean(data, {"value": v.choice(VOTE_VALUES)}).get("value", "up")
    lock(session, Proposal, proposal_id)
    proposal = load(session, username, proposal_id, Action.VOTE)
    _open(proposal)
    mine = next((vote for vote in proposal.votes if vote.username == username), None)
    if mine is None:
        proposal.votes.append(Vote(username=username, value=value))
    elif mine.value == value:
        return serialize.proposal(proposal)
    else:
        mine.value = value
    session.flush()
    record(
        session,
        proposal.group_id,
        username,
        "proposal.voted",
        f"voted {value} on “{proposal.title}”",
        {"proposal_id": proposal.id, "value": value},
    )
    group = get(session, Group, proposal.group_id, "group")
    if group.adoption_rule == "majority" and has_majority(session, proposal):
        _adopt(session, proposal, username, by_rule=True)
    return serialize.proposal(proposal)


def withdraw_vote(session: Session, username: str, proposal_id: int) -> dict[str, Any]:
    lock(session, Proposal, proposal_id)
    proposal = load(session, username, proposal_id, Action.VOTE)
    _open(proposal)
    mine = next((vote for vote in proposal.votes if vote.username == username), None)
    if mine is None:
        raise NotFound("You have not voted on this proposal.")
    proposal.votes.remove(mine)
    session.flush()
    record(
        session,
        proposal.group_id,
        username,
        "proposal.vote_withdrawn",
        f"withdrew their vote on “{proposal.title}”",
        {"proposal_id": proposal.id},
    )
    return serialize.proposal(proposal)


def decide(
    session: Session, username: str, proposal_id: int, adopt: bool, if_match: int | None
) -> dict[str, Any]:
    """An organizer adopts (creating the milestone) or rejects an open proposal.
    `If-Match` is checked when sent, so a decision is not taken on a proposal whose text
    changed (votes do not move the version: the tally is read in this transaction)."""
    proposal = load(session, username, proposal_id, Action.DECIDE_PROPOSAL)
    _open(proposal)
    check_version(proposal, if_match, serialize.proposal, required=False)
    if adopt:
        _adopt(session, proposal, username, by_rule=False)
    else:
        proposal.status = "rejected"
        proposal.decided_at = utcnow()
        proposal.decided_by = username
        session.flush()
        record(
            session,
            proposal.group_id,
            username,
            "proposal.rejected",
            f"rejected “{proposal.title}”",
            {"proposal_id": proposal.id},
        )
    return serialize.proposal(proposal)
