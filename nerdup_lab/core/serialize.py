"""Records to JSON: the one place that decides what the API shows of each table.

Dates are ISO `YYYY-MM-DD`, timestamps ISO 8601 with a UTC offset. Every versioned record
carries `version`, the value a client sends back in `If-Match`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from . import permissions, progress
from .models import Group, Membership, Milestone, Proposal, Task


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _ts(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def task_facts(task: Task) -> progress.TaskFacts:
    return progress.TaskFacts(
        weight=task.weight,
        status=task.status,
        owner=task.owner,
        claimants=tuple(c.username for c in task.claims),
    )


def task(record: Task) -> dict[str, Any]:
    return {
        "id": record.id,
        "group_id": record.group_id,
        "milestone_id": record.milestone_id,
        "title": record.title,
        "description": record.description,
        "weight": record.weight,
        "status": record.status,
        "next_session": record.next_session,
        "personal": record.owner is not None,
        "owner": record.owner,
        "claimed_by": [c.username for c in record.claims],
        "notebooks": list(record.notebooks or []),
        "progress": progress.task_progress(task_facts(record)),
        "created_at": _ts(record.created_at),
        "created_by": record.created_by,
        "done_at": _ts(record.done_at),
        "version": record.version,
    }


def milestone_progress(record: Milestone) -> dict[str, Any]:
    done = progress.milestone_progress(
        [task_facts(t) for t in record.tasks], milestone_done=record.status == "done"
    )
    return {
        **done.to_json(),
        "deadline_state": progress.deadline_state(record.due, done.fraction, today()),
    }


def milestone(record: Milestone, *, with_tasks: bool = True) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": record.id,
        "group_id": record.group_id,
        "position": record.position,
        "title": record.title,
        "goal": record.goal,
        "due": _date(record.due),
        "status": record.status,
        "resources": list(record.resources or []),
        "retrospective": {"obstacles": record.obstacles, "solutions": record.solutions},
        "progress": milestone_progress(record),
        "created_at": _ts(record.created_at),
        "version": record.version,
    }
    if with_tasks:
        body["tasks"] = [task(t) for t in record.tasks]
    return body


def current_milestone(group: Group) -> Milestone | None:
    """The active milestone, else the first one not done, in plan order."""
    ordered = sorted(group.milestones, key=lambda m: (m.position, m.id))
    for wanted in ("active", "planned"):
        for candidate in ordered:
            if candidate.status == wanted:
                return candidate
    return None


def group_progress(group: Group) -> dict[str, Any]:
    done = progress.group_progress([[task_facts(t) for t in m.tasks] for m in group.milestones])
    return {
        **done.to_json(),
        "deadline_state": progress.deadline_state(group.deadline, done.fraction, today()),
    }


def member(record: Membership) -> dict[str, Any]:
    return {
        "username": record.username,
        "role": record.role,
        "joined_at": _ts(record.joined_at),
        "version": record.version,
    }


def group(record: Group, *, viewer: str | None = None, detail: bool = False) -> dict[str, Any]:
    """A group as listed; with `detail`, also its members."""
    mine = next((m for m in record.memberships if m.username == viewer), None)
    current = current_milestone(record)
    body: dict[str, Any] = {
        "id": record.id,
        "title": record.title,
        "description": record.description,
        "links": list(record.links or []),
        "deadline": _date(record.deadline),
        "start_date": _date(record.start_date),
        "status": record.status,
        "visibility": record.visibility,
        "adoption_rule": record.adoption_rule,
        "created_at": _ts(record.created_at),
        "created_by": record.created_by,
        "member_count": len(record.memberships),
        "my_role": mine.role if mine is not None else None,
        "progress": group_progress(record),
        "current_milestone": (
            milestone(current, with_tasks=False) if current is not None else None
        ),
        "version": record.version,
    }
    if detail:
        body["members"] = [member(m) for m in sorted(record.memberships, key=lambda m: m.id)]
        # What the viewer's role allows, so the lab shows only the buttons that will work.
        role = mine.role if mine is not None else permissions.OUTSIDER
        body["permissions"] = permissions.table()[role]
    return body


def progress_report(record: Group) -> dict[str, Any]:
    """Everything `GET /groups/{id}/progress` shows: group, milestones, members."""
    all_tasks = [task_facts(t) for m in record.milestones for t in m.tasks]
    members = []
    for membership in sorted(record.memberships, key=lambda m: m.id):
        done = progress.member_progress(all_tasks, membership.username)
        members.append({"username": membership.username, "role": membership.role, **done.to_json()})
    return {
        "group_id": record.id,
        "today": today().isoformat(),
        "due_soon_days": progress.DUE_SOON_DAYS,
        "group": group_progress(record),
        "milestones": [
            {"id": m.id, "title": m.title, "due": _date(m.due), **milestone_progress(m)}
            for m in record.milestones
        ],
        "members": members,
    }


def proposal(record: Proposal) -> dict[str, Any]:
    votes = [{"username": v.username, "value": v.value} for v in record.votes]
    return {
        "id": record.id,
        "group_id": record.group_id,
        "title": record.title,
        "goal": record.goal,
        "due": _date(record.due),
        "status": record.status,
        "created_by": record.created_by,
        "created_at": _ts(record.created_at),
        "decided_at": _ts(record.decided_at),
        "decided_by": record.decided_by,
        "milestone_id": record.milestone_id,
        "votes": votes,
        "tally": {
            "up": sum(1 for v in votes if v["value"] == "up"),
            "down": sum(1 for v in votes if v["value"] == "down"),
        },
        "version": record.version,
    }


def groups(records: Iterable[Group], viewer: str) -> list[dict[str, Any]]:
    return [group(g, viewer=viewer) for g in records]
