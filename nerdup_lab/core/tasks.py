"""Tasks: group tasks (organizers plan them, members claim them) and personal tasks
(visible to the group, created and edited by their owner).

Two kinds of change are told apart, because the permission table treats them apart:
editing what a task is (title, description, weight, notebooks, milestone) and working on
it (status, next-session flag), which its claimants and owner may do.

A claim is its own row (one per person and task): claiming or releasing does not bump the
task's version, so twenty people claiming at once are twenty claims, and an edit loaded
before someone's claim still saves. Claiming twice is harmless.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import loading, serialize
from . import validate as v
from .activity import record
from .errors import Conflict, InvalidInput, NotFound
from .models import TASK_STATUSES, Milestone, Task, TaskClaim, TaskCompletion, utcnow
from .permissions import Action, require
from .records import check_version, get, lock

CONTENT_FIELDS: dict[str, v.Parser] = {
    "title": v.text(max_len=200),
    "description": v.markdown(),
    "weight": v.weight,
    "notebooks": v.notebook_paths,
    "milestone_id": v.positive_int,
    # "Everyone does this one": each member does it and marks their own completion.
    "per_member": v.boolean,
}
WORK_FIELDS: dict[str, v.Parser] = {
    "status": v.choice(TASK_STATUSES),
    "next_session": v.boolean,
}
SHOWN_ONLY = v.READ_ONLY | {
    "claimed_by",
    "owner",
    "progress",
    "done_at",
    "done_by",
    "completed_by",
    "members_done",
    "members_total",
}


def _owners(task: Task) -> set[str]:
    return {task.owner} if task.owner is not None else set()


def _workers(task: Task) -> set[str]:
    return _owners(task) | {c.username for c in task.claims}


def load(session: Session, username: str, task_id: int) -> Task:
    task = get(session, Task, task_id, "task")
    require(session, task.group_id, username, Action.VIEW_GROUP)
    return task


def _set_status(task: Task, status: str, username: str) -> None:
    if status == task.status:
        return
    task.status = status
    task.done_at = utcnow() if status == "done" else None
    task.done_by = username if status == "done" else None


def list_tasks(session: Session, username: str, milestone_id: int) -> list[dict[str, Any]]:
    milestone = get(session, Milestone, milestone_id, "milestone")
    require(session, milestone.group_id, username, Action.VIEW_GROUP)
    # The tasks' claims (and completions) in one query, not one per task (#21).
    facts = loading.task_facts(session, milestone.tasks)
    return [serialize.task(t, facts[t.id]) for t in milestone.tasks]


def get_task(session: Session, username: str, task_id: int) -> dict[str, Any]:
    return serialize.task(load(session, username, task_id))


def task_fields(data: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A new task's fields as the API takes them, and whether it is personal."""
    spec = {**CONTENT_FIELDS, **WORK_FIELDS, "personal": v.boolean}
    spec.pop("milestone_id")
    fields = v.clean(data, spec, required=("title",), read_only=SHOWN_ONLY)
    personal = fields.pop("personal", False)
    if personal and fields.get("per_member"):
        raise InvalidInput(
            "A personal task is one member's own; it cannot also be one everyone does.",
            fields={"per_member": "Not with “personal”."},
        )
    return fields, personal


def add_task(
    session: Session,
    milestone: Milestone,
    actor: str,
    fields: dict[str, Any],
    *,
    personal: bool = False,
    created_by: str | None = None,
    kind: str = "task.created",
) -> Task:
    """Store a new task in `milestone` (its permission already checked): the one way a task
    comes to exist, also when a task proposal is adopted (with `kind=""`: the adoption is
    then the one activity of the change, and `created_by` the proposer)."""
    fields = dict(fields)
    status = fields.pop("status", "todo")
    task = Task(
        milestone_id=milestone.id,
        group_id=milestone.group_id,
        created_by=created_by or actor,
        owner=actor if personal else None,
        **fields,
    )
    task.status = "todo"
    _set_status(task, status, actor)
    session.add(task)
    session.flush()
    if kind:
        what = "a personal task" if personal else "the task"
        record(
            session,
            task.group_id,
            actor,
            kind,
            f"added {what} “{task.title}”",
            {"task_id": task.id, "milestone_id": milestone.id},
        )
    return task


def create_task(
    session: Session, username: str, milestone_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    """A group task (organizers), or with `"personal": true` the caller's own task."""
    milestone = get(session, Milestone, milestone_id, "milestone")
    fields, personal = task_fields(data)
    action = Action.CREATE_PERSONAL_TASK if personal else Action.EDIT_PLAN
    require(session, milestone.group_id, username, action)
    return serialize.task(add_task(session, milestone, username, fields, personal=personal))


def update_task(
    session: Session, username: str, task_id: int, data: dict[str, Any], if_match: int | None
) -> dict[str, Any]:
    task = load(session, username, task_id)
    fields = v.clean(data, {**CONTENT_FIELDS, **WORK_FIELDS}, read_only=SHOWN_ONLY)
    if set(fields) & set(CONTENT_FIELDS):
        require(session, task.group_id, username, Action.EDIT_TASK, owners=_owners(task))
    if set(fields) & set(WORK_FIELDS) or not fields:
        require(session, task.group_id, username, Action.WORK_ON_TASK, owners=_workers(task))
    if "status" in fields and (task.per_member or fields.get("per_member")):
        raise Conflict(
            f"Everyone does “{task.title}” separately: each member marks their own part done "
            "(POST /tasks/{id}/completion) instead of setting its status."
        )
    if "milestone_id" in fields and fields["milestone_id"] != task.milestone_id:
        target = session.get(Milestone, fields["milestone_id"])
        if target is None or target.group_id != task.group_id:
            raise InvalidInput(
                "A task can move only to another milestone of the same group.",
                fields={"milestone_id": "No such milestone in this group."},
            )
    if fields.get("per_member") and task.owner is not None:
        raise InvalidInput(
            "A personal task is one member's own; it cannot also be one everyone does.",
            fields={"per_member": "Not for a personal task."},
        )
    check_version(task, if_match, serialize.task)
    changed = sorted(k for k, value in fields.items() if getattr(task, k) != value)
    if "status" in fields:
        _set_status(task, fields.pop("status"), username)
    for key, value in fields.items():
        setattr(task, key, value)
    session.flush()
    kind = "task.completed" if "status" in changed and task.status == "done" else "task.updated"
    summary = f"updated “{task.title}” ({', '.join(changed) or 'no change'})"
    if kind == "task.completed":
        summary = f"finished “{task.title}”"
    record(
        session,
        task.group_id,
        username,
        kind,
        summary,
        {"task_id": task.id, "milestone_id": task.milestone_id, "fields": changed},
    )
    return serialize.task(task)


def delete_task(session: Session, username: str, task_id: int, if_match: int | None) -> None:
    task = load(session, username, task_id)
    require(session, task.group_id, username, Action.EDIT_TASK, owners=_owners(task))
    check_version(task, if_match, serialize.task)
    record(
        session,
        task.group_id,
        username,
        "task.deleted",
        f"deleted “{task.title}”",
        {"task_id": task.id, "milestone_id": task.milestone_id},
    )
    session.delete(task)
    session.flush()


def _recorded(
    session: Session, username: str, task: Task, kind: str, summary: str
) -> dict[str, Any]:
    """Store one person's claim or part, record it in the feed, answer the task."""
    session.flush()
    record(
        session,
        task.group_id,
        username,
        kind,
        summary,
        {"task_id": task.id, "milestone_id": task.milestone_id},
    )
    return serialize.task(task)


def claim(session: Session, username: str, task_id: int) -> dict[str, Any]:
    """Take a group task on (several members may share one). Claiming twice is harmless."""
    lock(session, Task, task_id)  # the same person's two tabs claiming at once
    task = load(session, username, task_id)
    require(session, task.group_id, username, Action.CLAIM_TASK)
    if task.owner is not None and task.owner != username:
        raise Conflict(f"“{task.title}” is {task.owner}'s personal task; it cannot be claimed.")
    if task.per_member:
        raise Conflict(
            f"Everyone does “{task.title}” separately, so nobody claims it: mark your own part "
            "done when you have done it."
        )
    if username in _workers(task):
        return serialize.task(task)
    task.claims.append(TaskClaim(username=username))
    return _recorded(session, username, task, "task.claimed", f"took on “{task.title}”")


def release(session: Session, username: str, task_id: int) -> dict[str, Any]:
    """Give one's claim on a task back (any member; followers too, after a role switch)."""
    lock(session, Task, task_id)
    task = load(session, username, task_id)
    mine = session.scalars(
        select(TaskClaim).where(TaskClaim.task_id == task.id, TaskClaim.username == username)
    ).one_or_none()
    if mine is None:
        raise NotFound(f"You have not claimed “{task.title}”.")
    task.claims.remove(mine)
    return _recorded(session, username, task, "task.released", f"gave back “{task.title}”")


def _per_member(task: Task) -> None:
    if not task.per_member:
        raise Conflict(
            f"“{task.title}” is done once for the group: set its status instead of marking "
            "your own part done."
        )


def complete_mine(session: Session, username: str, task_id: int) -> dict[str, Any]:
    """Mark one's own part of an "everyone does this one" task done. Twice is harmless."""
    lock(session, Task, task_id)
    task = load(session, username, task_id)
    require(session, task.group_id, username, Action.CLAIM_TASK)
    _per_member(task)
    if any(c.username == username for c in task.completions):
        return serialize.task(task)
    task.completions.append(TaskCompletion(username=username))
    return _recorded(
        session, username, task, "task.member_done", f"did their part of “{task.title}”"
    )


def uncomplete_mine(session: Session, username: str, task_id: int) -> dict[str, Any]:
    """Take back one's own completion of an "everyone does this one" task."""
    lock(session, Task, task_id)
    task = load(session, username, task_id)
    _per_member(task)
    mine = next((c for c in task.completions if c.username == username), None)
    if mine is None:
        raise NotFound(f"You have not marked “{task.title}” done.")
    require(session, task.group_id, username, Action.CLAIM_TASK)
    task.completions.remove(mine)
    return _recorded(
        session, username, task, "task.member_undone", f"took back their part of “{task.title}”"
    )
