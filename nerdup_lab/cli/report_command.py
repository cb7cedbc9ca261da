"""`report GROUP [--output FILE]`: the group's journey as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from traitlets import Unicode

from ..core.errors import NotFound
from ..core.models import Group
from ..core.rhythm import pages
from .base import COMMON_ALIASES, NerdUpCommand, UsageError, viewer_for


class ReportCommand(NerdUpCommand):
    description = (
        "Render a group's journey (goal, milestones with dates, retrospectives, progress "
        "chart, contributors, selected snapshots) as one self-contained HTML file for a "
        "meetup presentation: inline CSS and SVG, nothing fetched from the network. GROUP is "
        "the group's id or its exact title."
    )
    examples = "jupyter nerdup report 3 --output kaggle-club.html"
    arguments = ("GROUP",)
    aliases = {
        **COMMON_ALIASES,
        "output": ("ReportCommand.output", "File to write (default: group-<id>-report.html)."),
    }
    output = Unicode("", help="File to write; `-` prints the page.").tag(config=True)

    def _group_id(self, raw: str) -> int:
        if raw.isdigit():
            return int(raw)
        with self.session() as session:
            found = session.scalars(select(Group.id).where(Group.title == raw)).all()
        if len(found) != 1:
            what = "no group" if not found else f"{len(found)} groups"
            raise (NotFound if not found else UsageError)(
                f"There is {what} titled {raw!r}; give the group's id instead."
            )
        return int(found[0])

    def run(self) -> None:
        (raw,) = self.args()
        group_id = self._group_id(raw)
        with self.session() as session:
            html = pages.report(session, viewer_for(self, session, group_id), group_id)
        if self.output == "-":
            self.out(html)
            return
        target = Path(self.output or f"group-{group_id}-report.html")
        target.write_text(html, encoding="utf-8")
        self.out(f"Wrote {target} ({len(html.encode()) // 1024 + 1} KB).")
