"""Plans from templates: start a group from one, append one to a group, export a group's plan.

The store has no columns for a template's "for session N" or its retrospective prompts, so
they travel inside the markdown the group sees anyway: a task's description ends with
``_For session 3._`` and a milestone's goal (or the group's description) with
``**Closing retrospective:** ...``. A task's `scope: personal` ("everyone does this one")
is the task's `per_member` column (before migration 0008 it was a trailer too, which
`split_task_description` still reads). Exporting reads them back, so a plan
survives export → import unchanged. The template's kind and meetup interval are kept in
the subject of the ``plan.imported`` activity.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import groups, templates
from .activity import record
from .models import Activity, Group, Milestone, Task
from .permissions import Action, require
from .serialize import today
from .templates import Template
from .users import ensure_user

RETRO = "**Closing retrospective:** "
_RETRO_RE = re.compile(r"\n*\*\*Closing retrospective:\*\* (?P<prompt>.*)\Z", re.S)
_SESSION_RE = re.compile(
    r"\n*_(?:For session (?P<session>\d+)(?P<both>; everyone does this one)?"
    r"|(?P<everyone>Everyone does this one))\._\Z"
)


# -- markdown carriers -----------------------------------------------------------------------


def with_retrospective(text: str, prompt: str | None) -> str:
    text = text.rstrip()
    if not prompt:
        return text
    return f"{text}\n\n{RETRO}{prompt.strip()}" if text else RETRO + prompt.strip()


def split_retrospective(text: str) -> tuple[str, str | None]:
    found = _RETRO_RE.search(text)
    if found is None:
        return text, None
    return text[: found.start()].rstrip(), found.group("prompt").strip()


def task_description(task: dict[str, Any]) -> str:
    text = str(task.get("description", "")).rstrip()
    if "session" not in task:
        return text
    trailer = f"_For session {task['session']}._"
    return f"{text}\n\n{trailer}" if text else trailer


def split_task_description(text: str) -> tuple[str, int | None, bool]:
    """(description, session, personal) of a stored task description."""
    found = _SESSION_RE.search(text)
    if found is None:
        return text, None, False
    session = int(found.group("session")) if found.group("session") else None
    return (
        text[: found.start()].rstrip(),
        session,
        bool(found.group("both") or found.group("everyone")),
    )


# -- applying a template ---------------------------------------------------------------------


def _append_start(session: Session, group: Group) -> dt.date:
    """Where appended milestones start: after the last dated one, else the group's start."""
    last_due = session.scalar(select(func.max(Milestone.due)).where(Milestone.group_id == group.id))
    return last_due or group.start_date or today()


def apply_template(
    session: Session,
    username: str,
    group_id: int,
    template: Template,
    *,
    start: dt.date | None = None,
    source: str = "",
) -> list[Milestone]:
    """Append the template's milestones and tasks to a group (organizers only).

    Dates count from `start`, by default the last milestone's due date (or the group's
    start date, or today). Returns the new milestones, in order.
    """
    template = templates.validate(template, source=source or "template")
    require(session, group_id, username, Action.EDIT_PLAN)
    group = groups.load(session, group_id)
    start = start or _append_start(session, group)
    last = session.scalar(
        select(func.max(Milestone.position)).where(Milestone.group_id == group_id)
    )
    position = -1 if last is None else int(last)
    created = []
    for spec, dates in zip(
        template["milestones"], templates.schedule(template, start), strict=True
    ):
        position += 1
        milestone = Milestone(
            group_id=group_id,
            position=position,
            title=spec["title"],
            goal=with_retrospective(spec.get("goal", ""), spec.get("retrospective")),
            due=dates.due_on,
            resources=[dict(r) for r in spec.get("resources", [])],
        )
        for task in spec.get("tasks", []):
            milestone.tasks.append(
                Task(
                    group_id=group_id,
                    title=task["title"],
                    description=task_description(task),
                    weight=task.get("weight", 1),
                    per_member=task.get("scope") == "personal",
                    created_by=username,
                )
            )
        group.milestones.append(milestone)
        created.append(milestone)
    session.flush()
    tasks = sum(len(m.tasks) for m in created)
    record(
        session,
        group_id,
        username,
        "plan.imported",
        f"added the plan “{template['name']}” ({len(created)} milestones, {tasks} tasks)",
        {
            "template": source,
            "name": template["name"],
            "kind": template["kind"],
            "summary": template.get("summary", ""),
            "session_every_days": template.get("session_every_days"),
            "milestone_ids": [m.id for m in created],
            "start": start.isoformat(),
        },
    )
    return created


def start_group(
    session: Session,
    username: str,
    template: Template,
    *,
    start: dt.date | None = None,
    fields: dict[str, Any] | None = None,
    source: str = "",
) -> dict[str, Any]:
    """A new group (the caller its organizer) whose plan is the template, dated from `start`.

    `fields` may override the group's title, description, links, visibility, etc.
    """
    template = templates.validate(template, source=source or "template")
    start = start or today()
    last_due = templates.schedule(template, start)[-1].due_on
    data: dict[str, Any] = {
        "title": template["name"],
        "description": with_retrospective(
            str(template.get("description", template.get("summary", ""))),
            template.get("retrospective"),
        ),
        "links": [dict(r) for r in template.get("resources", [])],
        "start_date": start.isoformat(),
        "deadline": last_due.isoformat(),
        **(fields or {}),
    }
    ensure_user(session, username)
    created = groups.create_group(session, username, data)
    apply_template(session, username, created["id"], template, start=start, source=source)
    return groups.get_group(session, username, created["id"])


# -- exporting -------------------------------------------------------------------------------


def _imported_info(session: Session, group_id: int) -> dict[str, Any]:
    """The subject of the group's first `plan.imported` activity (kind, interval, summary)."""
    found = session.scalars(
        select(Activity)
        .where(Activity.group_id == group_id, Activity.kind == "plan.imported")
        .order_by(Activity.id)
        .limit(1)
    ).first()
    return dict(found.subject) if found is not None else {}


def _summary(description: str) -> str:
    first = description.strip().split("\n\n", 1)[0].strip()
    return first[:1000]


def _export_task(task: Task) -> dict[str, Any]:
    description, session_no, personal = split_task_description(task.description or "")
    out: dict[str, Any] = {"title": task.title}
    if description.strip():
        out["description"] = description.rstrip()
    out["weight"] = task.weight
    if session_no is not None:
        out["session"] = session_no
    if task.per_member or personal:
        out["scope"] = "personal"
    return out


def _export_milestone(milestone: Milestone, base: dt.date, previous: int) -> dict[str, Any]:
    goal, retro = split_retrospective(milestone.goal or "")
    out: dict[str, Any] = {"title": milestone.title}
    if goal.strip():
        out["goal"] = goal.rstrip()
    if milestone.due is None:
        out["duration_days"] = templates.DEFAULT_SESSION_EVERY_DAYS
    else:
        offset = max(previous, (milestone.due - base).days)
        if offset > previous:
            out["duration_days"] = offset - previous
        else:
            out["offset_days"] = offset
    resources = [
        {"title": r.get("title") or r["url"], "url": r["url"]} for r in milestone.resources
    ]
    if resources:
        out["resources"] = resources
    tasks = [_export_task(t) for t in milestone.tasks if t.owner is None]
    if tasks:
        out["tasks"] = tasks
    if retro:
        out["retrospective"] = retro
    return out


def export_plan(session: Session, username: str, group_id: int) -> Template:
    """The group's plan as a v1 template (validated), dated relative to its start date."""
    require(session, group_id, username, Action.VIEW_GROUP)
    group = groups.load(session, group_id)
    info = _imported_info(session, group_id)
    description, retro = split_retrospective(group.description or "")
    dues = [
        d for d in session.scalars(select(Milestone.due).where(Milestone.group_id == group_id)) if d
    ]
    base = group.start_date or min([*dues, group.created_at.date()])
    template: Template = {"version": templates.FORMAT_VERSION, "name": group.title}
    summary = info.get("summary") or _summary(description)
    if summary:
        template["summary"] = summary
    if description.strip():
        template["description"] = description.rstrip()
    template["kind"] = info.get("kind") or "project"
    if info.get("session_every_days"):
        template["session_every_days"] = info["session_every_days"]
    if group.links:
        template["resources"] = [
            {"title": r.get("title") or r["url"], "url": r["url"]} for r in group.links
        ]
    milestones = []
    previous = 0
    plan = session.scalars(
        select(Milestone)
        .where(Milestone.group_id == group_id)
        .order_by(Milestone.position, Milestone.id)
    )
    for milestone in plan:
        exported = _export_milestone(milestone, base, previous)
        previous = templates.milestone_due_offset(exported, previous)
        milestones.append(exported)
    if not milestones:
        milestones = [{"title": "First milestone", "duration_days": 7}]
    template["milestones"] = milestones
    if retro:
        template["retrospective"] = retro
    return templates.validate(template, source=f"the plan of group {group_id}")
