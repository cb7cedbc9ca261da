"""`group list | create | show | archive`."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from traitlets import Enum, Unicode

from ..core import groups, plans, serialize
from ..core.models import Group
from ..core.users import ensure_user
from .base import COMMON_ALIASES, NerdUpCommand, UsageError, viewer_for
from .plan_commands import parse_date, parse_group_id, resolve_template


def _progress(body: dict[str, Any]) -> str:
    share = body.get("progress", {}).get("fraction")
    return f"{round(100 * share):>3}%" if isinstance(share, int | float) else "  -"


class GroupListCommand(NerdUpCommand):
    description = "List the groups (all of them; with --user, those that user can see)."
    aliases = {
        **COMMON_ALIASES,
        "format": ("GroupListCommand.format", "text or json"),
    }
    format = Enum(["text", "json"], "text", help="Output format.").tag(config=True)

    def run(self) -> None:
        with self.session() as session:
            if self.user:
                rows = groups.list_groups(session, str(self.user))
            else:
                found = session.scalars(select(Group).order_by(Group.id)).all()
                rows = serialize.groups(found, "")
        if self.format == "json":
            self.out(json.dumps(rows, indent=2, default=str))
            return
        if not rows:
            self.out("No groups yet. Create one with `jupyter nerdup group create`.")
            return
        for row in sorted(rows, key=lambda r: r["id"]):
            self.out(
                f"{row['id']:>4}  {row['status']:<9} {row['visibility']:<8} "
                f"{row['member_count']:>3} members {_progress(row)}  {row['title']}"
            )


class GroupCreateCommand(NerdUpCommand):
    description = (
        "Create a group with --user as its organizer; with --template, its plan comes from "
        "a plan template, dated from --start (default today)."
    )
    examples = (
        'jupyter nerdup group create "Food reviews, spring" '
        "--template amazon-fine-food-recommender --start 2026-03-02 --user alice"
    )
    optional_arguments = ("TITLE",)
    aliases = {
        **COMMON_ALIASES,
        "template": ("GroupCreateCommand.template", "Shipped template id or template file."),
        "start": ("GroupCreateCommand.start_date", "Start date (YYYY-MM-DD)."),
        "description": ("GroupCreateCommand.description_text", "Group description (markdown)."),
        "visibility": ("GroupCreateCommand.visibility", "open or members"),
    }
    template = Unicode("", help="Plan template: a shipped template's id or a file.").tag(
        config=True
    )
    start_date = Unicode("", help="The group's start date (YYYY-MM-DD).").tag(config=True)
    description_text = Unicode("", help="The group's description (markdown).").tag(config=True)
    visibility = Enum(["open", "members"], None, allow_none=True, help="Who sees it.").tag(
        config=True
    )

    def run(self) -> None:
        given = self.args()
        user = self.acting_user()
        fields: dict[str, Any] = {}
        if given:
            fields["title"] = given[0]
        if self.description_text:
            fields["description"] = self.description_text
        if self.visibility:
            fields["visibility"] = self.visibility
        start = parse_date(self.start_date, "--start")
        with self.session() as session:
            if self.template:
                template, source = resolve_template(self.template)
                body = plans.start_group(
                    session, user, template, start=start, fields=fields, source=source
                )
            else:
                if not given:
                    raise UsageError("Give the group a TITLE, or a --template to take it from.")
                if start is not None:
                    fields["start_date"] = start.isoformat()
                ensure_user(session, user)
                body = groups.create_group(session, user, fields)
        self.out(f"Created group {body['id']}: {body['title']}")


class GroupShowCommand(NerdUpCommand):
    description = "Show a group: its state, members and plan."
    arguments = ("GROUP",)
    aliases = {
        **COMMON_ALIASES,
        "format": ("GroupShowCommand.format", "text or json"),
    }
    format = Enum(["text", "json"], "text", help="Output format.").tag(config=True)

    def run(self) -> None:
        group_id = parse_group_id(self.args()[0])
        with self.session() as session:
            viewer = viewer_for(self, session, group_id)
            body = groups.get_group(session, viewer, group_id)  # checks the viewer may
            plan = [serialize.milestone(m) for m in groups.load(session, group_id).milestones]
        if self.format == "json":
            self.out(json.dumps({**body, "milestones": plan}, indent=2, default=str))
            return
        self.out(f"#{body['id']} {body['title']}  [{body['status']}, {body['visibility']}]")
        dates = f"starts {body['start_date'] or '-'}, deadline {body['deadline'] or '-'}"
        self.out(f"  {dates}, progress {_progress(body).strip()}")
        members = ", ".join(f"{m['username']} ({m['role']})" for m in body.get("members", []))
        self.out(f"  members: {members or '-'}")
        for milestone in plan:
            tasks = milestone["tasks"]
            done = sum(1 for t in tasks if t["status"] == "done")
            self.out(
                f"  - {milestone['title']}  (due {milestone['due'] or '-'}, "
                f"{milestone['status']}, {done}/{len(tasks)} tasks done)"
            )


class GroupArchiveCommand(NerdUpCommand):
    description = "Archive a group (organizers only): it stays readable, nothing moves."
    arguments = ("GROUP",)

    def run(self) -> None:
        group_id = parse_group_id(self.args()[0])
        user = self.acting_user()
        with self.session() as session:
            group = groups.load(session, group_id)
            groups.update_group(
                session, user, group_id, {"status": "archived"}, if_match=group.version
            )
        self.out(f"Archived group {group_id}.")


class GroupCommand(NerdUpCommand):
    description = "Study groups: list, create, show, archive."
    subcommands = {
        "list": (GroupListCommand, GroupListCommand.description),
        "create": (GroupCreateCommand, GroupCreateCommand.description),
        "show": (GroupShowCommand, GroupShowCommand.description),
        "archive": (GroupArchiveCommand, GroupArchiveCommand.description),
    }
