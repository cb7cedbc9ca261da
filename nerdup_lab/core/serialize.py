"""Records to JSON: the one place that decides what the API shows of each table.

Dates are ISO `YYYY-MM-DD`, timestamps ISO 8601 with a UTC offset. Every versioned record
carries `version`, the value a client sends back in `If-Match`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import object_session

from . import join_requests, permissions, progress
from .models import Group, Membership, Milestone, Proposal, Task
from .users import people


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _ts(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _roles(group: Group) -> dict[str, str]:
    return {m.username: m.role for m in group.memberships}


def task_facts(task: Task) -> progress.TaskFacts:
    return progress.task_facts(task)


def task(record: Task, facts: progress.TaskFacts | None = None) -> dict[str, Any]:
    facts = facts or progress.task_facts(record)
    body: dict[str, Any] = {
        "id": record.id,
        "group_id": record.group_id,
        "milestone_id": record.milestone_id,
        "title": record.title,
        "description": record.description,
        "weight": record.weight,
        "status": record.status,
        "next_session": record.next_session,
        "personal": record.owner is not None,
        "per_member": record.per_member,
        "owner": record.owner,
        "claimed_by": [c.username for c in record.claims],
        "notebooks": list(record.notebooks or []),
        "progress": progress.task_progress(facts),
        "created_at": _ts(record.created_at),
        "created_by": record.created_by,
        "done_at": _ts(record.done_at),
        "version": record.version,
    }
    if record.per_member:
        # "3 of 5 done": who finished it, out of whom.
        body["completed_by"] = list(facts.completed_by)
        body["members_done"] = len(set(facts.completed_by) & set(facts.doers))
        body["members_total"] = len(facts.doers)
    return body


def _progress_json(done: progress.Progress, due: dt.date | None) -> dict[str, Any]:
    return {
        **done.to_json(),
        "deadline_state": progress.deadline_state(due, done.fraction, today()),
    }


def milestone_progress(record: Milestone, done: progress.Progress | None = None) -> dict[str, Any]:
    if done is None:
        roles = _roles(record.group)
        done = progress.milestone_progress(
            [progress.task_facts(t, roles) for t in record.tasks],
            milestone_done=record.status == "done",
        )
    return _progress_json(done, record.due)


def milestone(
    record: Milestone, *, with_tasks: bool = True, figures: progress.Figures | None = None
) -> dict[str, Any]:
    """A milestone; `figures` (the group's, from `progress.figures`) saves recounting."""
    done = figures.milestones.get(record.id) if figures is not None else None
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
        "progress": milestone_progress(record, done),
        "created_at": _ts(record.created_at),
        "version": record.version,
    }
    if with_tasks:
        facts = figures.tasks if figures is not None else {}
        body["tasks"] = [task(t, facts.get(t.id)) for t in record.tasks]
    return body


def current_milestone(group: Group) -> Milestone | None:
    """The active milestone, else the first one not done, in plan order."""
    ordered = sorted(group.milestones, key=lambda m: (m.position, m.id))
    for wanted in ("active", "planned"):
        for candidate in ordered:
            if candidate.status == wanted:
                return candidate
    return None


def group_progress(group: Group, figures: progress.Figures | None = None) -> dict[str, Any]:
    figures = figures or progress.figures(group)
    return _progress_json(figures.group, group.deadline)


def member(record: Membership) -> dict[str, Any]:
    return {
        "username": record.username,
        "role": record.role,
        "also_mentor": bool(record.also_mentor),
        "joined_at": _ts(record.joined_at),
        "version": record.version,
    }


def group(
    record: Group,
    *,
    viewer: str | None = None,
    detail: bool = False,
    figures: progress.Figures | None = None,
    my_request: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A group as listed; with `detail`, also its members. `my_request` is the viewer's
    pending join request (`groups` looks them all up at once; `detail` looks it up)."""
    figures = figures or progress.figures(record)
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
        "join_rule": record.join_rule,
        "my_join_request": my_request,
        "created_at": _ts(record.created_at),
        "created_by": record.created_by,
        "member_count": len(record.memberships),
        "my_role": mine.role if mine is not None else None,
        # Whether the viewer mentors the group: as its mentor, or as an organizer who also
        # mentors (#16).
        "i_mentor": mine is not None and (mine.role == "mentor" or bool(mine.also_mentor)),
        "progress": group_progress(record, figures),
        "current_milestone": (
            milestone(current, with_tasks=False, figures=figures) if current is not None else None
        ),
        "version": record.version,
    }
    if detail:
        body["members"] = [member(m) for m in sorted(record.memberships, key=lambda m: m.id)]
        # What the viewer's role allows, so the lab shows only the buttons that will work.
        role = mine.role if mine is not None else permissions.OUTSIDER
        body["permissions"] = permissions.table()[role]
        # Display names of everyone the answer names, one query (the lab never shows a raw id).
        session = object_session(record)
        if session is not None:
            named = [m.username for m in record.memberships] + [record.created_by]
            body["people"] = people(session, named)
            if my_request is None and viewer:
                mine_pending = join_requests.pending_of(session, viewer, [record])
                body["my_join_request"] = mine_pending.get(record.id)
    return body


def progress_report(record: Group, figures: progress.Figures | None = None) -> dict[str, Any]:
    """Everything `GET /groups/{id}/progress` shows: group, milestones, members."""
    figures = figures or progress.figures(record)
    members = [
        {"username": m.username, "role": m.role, **figures.members[m.username].to_json()}
        for m in sorted(record.memberships, key=lambda m: m.id)
    ]
    return {
        "group_id": record.id,
        "today": today().isoformat(),
        "due_soon_days": progress.DUE_SOON_DAYS,
        "group": group_progress(record, figures),
        "milestones": [
            {
                "id": m.id,
                "title": m.title,
                "due": _date(m.due),
                **milestone_progress(m, figures.milestones[m.id]),
            }
            for m in record.milestones
        ],
        "members": members,
    }


def proposal(record: Proposal) -> dict[str, Any]:
    votes = [{"username": v.username, "value": v.value} for v in record.votes]
    return {
        "id": record.id,
        "group_id": record.group_id,
        "kind": record.kind,
        "title": record.title,
        "goal": record.goal,
        "due": _date(record.due),
        "place": record.place,
        "after_milestone_id": record.after_milestone_id,
        "description": record.description,
        "for_milestone_id": record.for_milestone_id,
        "next_session": record.next_session,
        "task_id": record.task_id,
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
    listed = list(records)
    session = object_session(listed[0]) if listed else None
    asked = join_requests.pending_of(session, viewer, listed) if session is not None else {}
    return [group(g, viewer=viewer, my_request=asked.get(g.id)) for g in listed]
