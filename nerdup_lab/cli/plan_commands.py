"""`templates` (the shipped ones), `plan import` and `plan export`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from traitlets import Enum, Unicode

from ..core import plans, templates
from ..core.errors import InvalidInput
from .base import COMMON_ALIASES, NerdUpCommand, UsageError, viewer_for


def resolve_template(ref: str) -> tuple[templates.Template, str]:
    """A template from a file path, or else a shipped template's id; with its source name."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml", ".json") or path.exists():
        return templates.load_file(path), path.name
    return templates.shipped(ref), ref


def parse_date(value: str, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise UsageError(f"{option} must be a date like 2026-03-01, not {value!r}.") from err


def parse_group_id(value: str) -> int:
    try:
        return int(value)
    except ValueError as err:
        raise UsageError(f"GROUP must be a group id (a number), not {value!r}.") from err


class TemplatesCommand(NerdUpCommand):
    description = "List the plan templates shipped with nerdup-lab."
    aliases = {
        **COMMON_ALIASES,
        "format": ("TemplatesCommand.format", "text or json"),
    }
    format = Enum(["text", "json"], "text", help="Output format.").tag(config=True)

    def run(self) -> None:
        rows = [templates.summary_of(n, templates.shipped(n)) for n in templates.shipped_names()]
        if self.format == "json":
            self.out(json.dumps(rows, indent=2))
            return
        width = max(len(r["id"]) for r in rows)
        for row in rows:
            size = f"{row['milestones']} milestones, {row['tasks']} tasks, {row['days']} days"
            self.out(f"{row['id']:<{width}}  {row['kind']:<13} {row['name']}  ({size})")


class PlanImportCommand(NerdUpCommand):
    description = (
        "Append a plan template's milestones and tasks to a group. TEMPLATE is a shipped "
        "template's id (see `jupyter nerdup templates`) or a .yaml/.json file."
    )
    examples = "jupyter nerdup plan import 3 learning-club-round --user alice --start 2026-03-02"
    arguments = ("GROUP", "TEMPLATE")
    aliases = {
        **COMMON_ALIASES,
        "start": ("PlanImportCommand.start_date", "Date the appended plan starts (YYYY-MM-DD)."),
    }
    start_date = Unicode(
        "", help="Start date of the appended plan; default: the last milestone's due date."
    ).tag(config=True)

    def run(self) -> None:
        group, ref = self.args()
        template, source = resolve_template(ref)
        user = self.acting_user()
        with self.session() as session:
            created = plans.apply_template(
                session,
                user,
                parse_group_id(group),
                template,
                start=parse_date(self.start_date, "--start"),
                source=source,
            )
            tasks = sum(len(m.tasks) for m in created)
            last = created[-1].due
        self.out(f"Added {len(created)} milestones and {tasks} tasks to group {group} (to {last}).")


class PlanExportCommand(NerdUpCommand):
    description = "Write a group's plan as a template (YAML, or JSON for a .json FILE)."
    examples = "jupyter nerdup plan export 3 my-plan.yaml --user alice"
    arguments = ("GROUP",)
    optional_arguments = ("FILE",)

    def run(self) -> None:
        given = self.args()
        with self.session() as session:
            group_id = parse_group_id(given[0])
            template = plans.export_plan(session, viewer_for(self, session, group_id), group_id)
        target = Path(given[1]) if len(given) > 1 else None
        if target is not None and target.suffix == ".json":
            text = json.dumps(template, indent=2, ensure_ascii=False) + "\n"
        else:
            text = templates.dump_yaml(template)
        if target is None:
            sys.stdout.write(text)
            return
        try:
            target.write_text(text, "utf-8")
        except OSError as err:
            raise InvalidInput(f"Cannot write {target}: {err.strerror}.") from err
        self.out(f"Wrote the plan of group {given[0]} to {target}.")


class PlanCommand(NerdUpCommand):
    description = "Plan templates in a group: import one, or export the group's plan as one."
    subcommands = {
        "import": (PlanImportCommand, PlanImportCommand.description),
        "export": (PlanExportCommand, PlanExportCommand.description),
    }
