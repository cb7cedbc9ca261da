"""Where an adopted milestone proposal goes in the plan, and when it is due.

Place: the proposer chose "after_current" (the default: right after the group's current
stage, `serialize.current_milestone`; last when no stage is current), "after" a named
milestone (if it was deleted meanwhile: after the current stage), or "last".

Due date: the proposal's own, else a default from the plan's rhythm:

- the anchor is the latest due date of the stages before the new one, else the group's
  start date, else today;
- the step is the group's typical stage length: the median of the gaps between consecutive
  dated stages in plan order, else the time from the start date to the first dated stage,
  else two weeks (a learning-club round);
- due = anchor + step, but never after the group's deadline (when the deadline is not
  before the anchor);
- no due date only when the group has no dates at all (no stage due, no start date, no
  deadline).
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import serialize
from .models import Group, Milestone, Proposal

DEFAULT_STAGE_DAYS = 14


def plan_order(session: Session, group_id: int) -> list[Milestone]:
    return list(
        session.scalars(
            select(Milestone)
            .where(Milestone.group_id == group_id)
            .order_by(Milestone.position, Milestone.id)
        )
    )


def insertion_index(group: Group, ordered: list[Milestone], proposal: Proposal) -> int:
    """The index in `ordered` (the plan without the new stage) the new stage takes."""
    if proposal.place == "last" or not ordered:
        return len(ordered)
    after: Milestone | None = None
    if proposal.place == "after" and proposal.after_milestone_id is not None:
        after = next((m for m in ordered if m.id == proposal.after_milestone_id), None)
    if after is None:
        after = serialize.current_milestone(group)
    if after is None:
        return len(ordered)
    return ordered.index(after) + 1


def typical_stage_days(group: Group, ordered: list[Milestone]) -> int:
    dated = [m.due for m in ordered if m.due is not None]
    gaps = [(b - a).days for a, b in pairwise(dated) if b > a]
    if gaps:
        return max(1, round(median(gaps)))
    if group.start_date is not None and dated and dated[0] > group.start_date:
        return (dated[0] - group.start_date).days
    return DEFAULT_STAGE_DAYS


def default_due(
    group: Group, ordered: list[Milestone], index: int, today: dt.date
) -> dt.date | None:
    """The due date of a new stage at `index` of `ordered` that came without one."""
    if all(m.due is None for m in ordered) and group.start_date is None and group.deadline is None:
        return None
    before = [m.due for m in ordered[:index] if m.due is not None]
    anchor = max(before) if before else (group.start_date or today)
    due = anchor + dt.timedelta(days=typical_stage_days(group, ordered))
    if group.deadline is not None and group.deadline >= anchor:
        due = min(due, group.deadline)
    return due


def make_room(ordered: list[Milestone], index: int) -> int:
    """Renumber the plan 0, 1, ... leaving `index` free for the new stage; its position.
    Only stages whose position changes are written."""
    for number, milestone in enumerate(ordered):
        wanted = number if number < index else number + 1
        if milestone.position != wanted:
            milestone.position = wanted
    return index
