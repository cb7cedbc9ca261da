"""Milestones: the ordered stages of a group's plan (organizers edit them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from . import progress, serialize
from . import validate as v
from .activity import record
from .errors import InvalidInput
from .models import MILESTONE_STATUSES, Group, Milestone, Task
from .overview import loaded
from .permissions import Action, require
from .records import check_version, get

MILESTONE_FIELDS: dict[str, v.Parser] = {
    "title": v.text(max_len=200),
    "goal": v.markdown(),
    "due": v.optional_date,
    "status": v.choice(MILESTONE_STATUSES),
    "resources": v.links,
    "obstacles": v.markdown(),
    "solutions": v.markdown(),
    "position": v.optional_int,
}


def _fields(data: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """Accepts the retrospective either flat or as {"retrospective": {...}} (as it is shown)."""
    data = dict(data)
    retro = data.pop("retrospective", None)
    if retro is not None:
        if not isinstance(retro, dict):
            raise InvalidInput("Not valid.", fields={"retrospective": "Must be an object."})
        data.update({f"{k}": val for k, val in retro.items()})
    fields = v.clean(
        data, MILESTONE_FIELDS, required=required, read_only=v.READ_ONLY | {"tasks", "progress"}
    )
    if fields.get("position", 0) is None:
        fields.pop("position")
    return fields


def next_position(session: Session, group_id: int) -> int:
    last = session.scalar(
        select(func.max(Milestone.position)).where(Milestone.group_id == group_id)
    )
    return 0 if last is None else last + 1


def load(session: Session, username: str, milestone_id: int, action: Action) -> Milestone:
    milestone = get(session, Milestone, milestone_id, "milestone")
    require(session, milestone.group_id, username, action)
    return milestone


def list_milestones(session: Session, username: str, group_id: int) -> list[dict[str, Any]]:
    """The plan in order, each stage with its tasks and progress: the whole plan is read in
    one query per table (8 statements whatever its size), and counted once."""
    require(session, group_id, username, Action.VIEW_GROUP)
    group = loaded(session, group_id)
    figures = progress.figures(group)
    ordered = sorted(group.milestones, key=lambda m: (m.position, m.id))
    return [serialize.milestone(m, figures=figures) for m in ordered]


def get_milestone(session: Session, username: str, milestone_id: int) -> dict[str, Any]:
    """One stage with its tasks and progress (9 statements however many tasks)."""
    load(session, username, milestone_id, Action.VIEW_GROUP)
    found = session.scalars(
        select(Milestone)
        .where(Milestone.id == milestone_id)
        .options(
            selectinload(Milestone.group).selectinload(Group.memberships),
            selectinload(Milestone.tasks).selectinload(Task.claims),
            selectinload(Milestone.tasks).selectinload(Task.completions),
        )
        .execution_options(populate_existing=True)
    ).one()
    return serialize.milestone(found)


def add_milestone(
    session: Session,
    group_id: int,
    actor: str,
    fields: dict[str, Any],
    *,
    kind: str = "milestone.created",
) -> Milestone:
    """Append a milestone to the plan (also used when a proposal is adopted)."""
    position = fields.pop("position", None)
    milestone = Milestone(
        group_id=group_id,
        position=next_position(session, group_id) if position is None else position,
        **fields,
    )
    session.add(milestone)
    session.flush()
    if kind:
        record(
            session,
            group_id,
            actor,
            kind,
            f"added the milestone “{milestone.title}”",
            {"milestone_id": milestone.id},
        )
    return milestone


def create_milestone(
    session: Session, username: str, group_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    require(session, group_id, username, Action.EDIT_PLAN)
    milestone = add_milestone(session, group_id, username, _fields(data, ("title",)))
    return serialize.milestone(milestone)


def update_milestone(
    session: Session, username: str, milestone_id: int, data: dict[str, Any], if_match: int | None
) -> dict[str, Any]:
    milestone = load(session, username, milestone_id, Action.EDIT_PLAN)
    fields = _fields(data)
    check_version(milestone, if_match, serialize.milestone)
    changed = sorted(k for k, value in fields.items() if getattr(milestone, k) != value)
    for key, value in fields.items():
        setattr(milestone, key, value)
    session.flush()
    kind = (
        "milestone.completed"
        if "status" in changed and milestone.status == "done"
        else "milestone.updated"
    )
    summary = f"edited the milestone “{milestone.title}” ({', '.join(changed) or 'no change'})"
    record(
        session,
        milestone.group_id,
        username,
        kind,
        summary,
        {"milestone_id": milestone.id, "fields": changed},
    )
    return serialize.milestone(milestone)


def delete_milestone(
    session: Session, username: str, milestone_id: int, if_match: int | None
) -> None:
    """Delete a milestone with its tasks."""
    milestone = load(session, username, milestone_id, Action.EDIT_PLAN)
    check_version(milestone, if_match, serialize.milestone)
    record(
        session,
        milestone.group_id,
        username,
        "milestone.deleted",
        f"deleted the milestone “{milestone.title}”",
        {"milestone_id": milestone.id},
    )
    session.delete(milestone)
    session.flush()


def reorder(
    session: Session, username: str, group_id: int, data: dict[str, Any]
) -> list[dict[str, Any]]:
    """Put the milestones in the given order. The list must name each milestone exactly
    once, so a client working from a stale list is told rather than half-applied."""
    require(session, group_id, username, Action.EDIT_PLAN)
    order = v.clean(data, {"order": v.int_list}, required=("order",))["order"]
    milestones = {
        m.id: m for m in session.scalars(select(Milestone).where(Milestone.group_id == group_id))
    }
    if sorted(order) != sorted(milestones):
        raise InvalidInput(
            "The order must list every milestone of the group exactly once.",
            fields={"order": f"Expected the ids {sorted(milestones)} in the new order."},
        )
    for position, milestone_id in enumerate(order):
        if milestones[milestone_id].position != position:
            milestones[milestone_id].position = position
    session.flush()
    record(
        session, group_id, username, "milestone.reordered", "reordered the plan", {"order": order}
    )
    return list_milestones(session, username, group_id)
