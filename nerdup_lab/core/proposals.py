"""Deciding the plan together: propose a milestone or a task, vote, adopt (or reject).

Any member may propose and vote (one vote each, up or down, changeable while the proposal
is open). An organizer adopts or rejects. When the group's adoption rule is "majority",
a proposal is adopted as soon as more than half of the group's participants (members with
the organizer or participant role; followers and mentors vote but are not counted in the
electorate) have voted up. The same rules hold for both kinds of proposal:

- a milestone proposal (`kind` "milestone") becomes a planned milestone, placed where the
  proposer asked (`place`: after the current stage by default, after a named milestone, or
  last) and due on the proposal's date, else on a default from the plan (`placement`);
- a task proposal (`kind` "task") names the milestone it is for and becomes a group task
  there (through `tasks.add_task`, the one way a task is made), for the next session if the
  proposer asked so.

A vote is its own row (one per person and proposal): casting or withdrawing one does not
bump the proposal's version, so votes never conflict with each other. On PostgreSQL a vote
locks the proposal's row first, so simultaneous votes are counted one after the other and
the majority rule adopts exactly once; SQLite's write transaction is already alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import placement, serialize, tasks
from . import validate as v
from .activity import record
from .errors import Conflict, InvalidInput, NotFound
from .milestones import add_milestone
from .models import (
    PROPOSAL_KINDS,
    PROPOSAL_PLACES,
    PROPOSAL_STATUSES,
    VOTE_VALUES,
    Group,
    Membership,
    Milestone,
    Proposal,
    Vote,
    utcnow,
)
from .permissions import Action, require
from .records import check_version, get, lock

PROPOSAL_FIELDS: dict[str, v.Parser] = {
    "title": v.text(max_len=200),
    "goal": v.markdown(),
    "due": v.optional_date,
    "place": v.choice(PROPOSAL_PLACES),
    "after_milestone_id": v.optional_int,
}
TASK_PROPOSAL_FIELDS: dict[str, v.Parser] = {
    "title": v.text(max_len=200),
    "description": v.markdown(),
    "for_milestone_id": v.positive_int,
    "next_session": v.boolean,
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


def _milestone_of(session: Session, group_id: int, milestone_id: int, field: str) -> Milestone:
    found = session.get(Milestone, milestone_id)
    if found is None or found.group_id != group_id:
        raise InvalidInput(
            "That milestone is not in this group's plan.",
            fields={field: "No such milestone in this group."},
        )
    return found


def _milestone_fields(session: Session, group_id: int, data: dict[str, Any]) -> dict[str, Any]:
    fields = v.clean(data, PROPOSAL_FIELDS, required=("title",))
    after = fields.pop("after_milestone_id", None)
    place = fields.setdefault("place", "after" if after is not None else "after_current")
    if place == "after":
        if after is None:
            raise InvalidInput(
                "Name the milestone the new one comes after.",
                fields={"after_milestone_id": "Required with “after”."},
            )
        fields["after_milestone_id"] = _milestone_of(
            session, group_id, after, "after_milestone_id"
        ).id
    elif after is not None:
        raise InvalidInput(
            "A milestone to come after is named only with “after”.",
            fields={"after_milestone_id": f"Not with “{place}”."},
        )
    return fields


def _task_fields(session: Session, group_id: int, data: dict[str, Any]) -> dict[str, Any]:
    fields = v.clean(data, TASK_PROPOSAL_FIELDS, required=("title", "for_milestone_id"))
    # The task it becomes is checked as a task is, now and not only at adoption.
    tasks.task_fields({k: val for k, val in fields.items() if k != "for_milestone_id"})
    _milestone_of(session, group_id, fields["for_milestone_id"], "for_milestone_id")
    return fields


def propose(session: Session, username: str, group_id: int, data: dict[str, Any]) -> dict[str, Any]:
    require(session, group_id, username, Action.PROPOSE)
    data = dict(data)
    kind = v.clean({"kind": data.pop("kind", "milestone")}, {"kind": v.choice(PROPOSAL_KINDS)})
    if kind["kind"] == "task":
        fields = _task_fields(session, group_id, data)
    else:
        fields = _milestone_fields(session, group_id, data)
    proposal = Proposal(group_id=group_id, created_by=username, **kind, **fields)
    session.add(proposal)
    session.flush()
    what = "the task" if proposal.kind == "task" else "the milestone"
    subject: dict[str, Any] = {"proposal_id": proposal.id, "kind": proposal.kind}
    if proposal.for_milestone_id is not None:
        subject["milestone_id"] = proposal.for_milestone_id
    record(
        session,
        group_id,
        username,
        "proposal.created",
        f"proposed {what} “{proposal.title}”",
        subject,
    )
    return serialize.proposal(proposal)


def _adopt_milestone(session: Session, proposal: Proposal, actor: str) -> tuple[Milestone, str]:
    group = get(session, Group, proposal.group_id, "group")
    ordered = placement.plan_order(session, group.id)
    index = placement.insertion_index(group, ordered, proposal)
    due = proposal.due
    if due is None:
        due = placement.default_due(group, ordered, index, serialize.today())
    position = placement.make_room(ordered, index)
    milestone = add_milestone(
        session,
        proposal.group_id,
        actor,
        {"title": proposal.title, "goal": proposal.goal, "due": due, "position": position},
        kind="",  # the adoption is the one activity of this change
    )
    where = f"after “{ordered[index - 1].title}”" if index > 0 else "as the first stage"
    when = f", due {due.isoformat()}" if due is not None else ""
    return milestone, f"as a milestone {where}{when}"


def _adopt_task(session: Session, proposal: Proposal, actor: str) -> tuple[Milestone, str]:
    milestone = get(session, Milestone, proposal.for_milestone_id or 0, "milestone")
    fields, _ = tasks.task_fields(
        {
            "title": proposal.title,
            "description": proposal.description,
            "next_session": proposal.next_session,
        }
    )
    task = tasks.add_task(
        session, milestone, actor, fields, created_by=proposal.created_by, kind=""
    )
    proposal.task_id = task.id
    soon = " for the next session" if proposal.next_session else ""
    return milestone, f"as a task of “{milestone.title}”{soon}"


def _adopt(session: Session, proposal: Proposal, actor: str, *, by_rule: bool) -> None:
    if proposal.kind == "task":
        milestone, became = _adopt_task(session, proposal, actor)
    else:
        milestone, became = _adopt_milestone(session, proposal, actor)
    proposal.status = "adopted"
    proposal.decided_at = utcnow()
    proposal.decided_by = None if by_rule else actor
    proposal.milestone_id = milestone.id
    session.flush()
    how = " (their vote made the majority)" if by_rule else ""
    subject: dict[str, Any] = {
        "proposal_id": proposal.id,
        "kind": proposal.kind,
        "milestone_id": milestone.id,
    }
    if proposal.task_id is not None:
        subject["task_id"] = proposal.task_id
    record(
        session,
        proposal.group_id,
        actor,
        "proposal.adopted",
        f"adopted “{proposal.title}” {became}{how}",
        subject,
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
