"""Bulk loading for reads (#21): what a list of records shows, in one query per table
instead of one lazy load per record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from . import progress
from .models import Membership, Task, TaskClaim, TaskCompletion


def _fill(session: Session, tasks: list[Task], key: str, model: Any) -> None:
    """Set `task.<key>` (claims or completions) on the tasks that have not loaded it, from
    one query, in the relationship's order (by id)."""
    todo = [t for t in tasks if key in inspect(t).unloaded]
    if not todo:
        return
    found: dict[int, list[Any]] = defaultdict(list)
    rows = session.scalars(
        select(model).where(model.task_id.in_([t.id for t in todo])).order_by(model.id)
    )
    for row in rows:
        found[row.task_id].append(row)
    for t in todo:
        set_committed_value(t, key, found.get(t.id, []))


def task_facts(session: Session, tasks: Iterable[Task]) -> dict[int, progress.TaskFacts]:
    """The progress facts of `tasks` (for `serialize.task`), with their claims loaded in one
    query and, for "everyone does this one" tasks, their completions and their groups'
    roles in one more each (none when there is no such task)."""
    unique = list({t.id: t for t in tasks}.values())
    _fill(session, unique, "claims", TaskClaim)
    per_member = [t for t in unique if t.per_member]
    roles: dict[int, dict[str, str]] = defaultdict(dict)
    if per_member:
        _fill(session, per_member, "completions", TaskCompletion)
        groups = {t.group_id for t in per_member}
        for gid, username, role in session.execute(
            select(Membership.group_id, Membership.username, Membership.role).where(
                Membership.group_id.in_(groups)
            )
        ):
            roles[gid][username] = role
    return {
        t.id: progress.task_facts(t, roles[t.group_id] if t.per_member else None) for t in unique
    }
