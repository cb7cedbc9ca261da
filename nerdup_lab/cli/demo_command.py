"""`demo`: seed the demo community."""

from __future__ import annotations

from typing import Any

from traitlets import Bool

from ..core import demo, migrate
from .archive_commands import _Bar
from .base import COMMON_ALIASES, NerdUpCommand


class DemoCommand(NerdUpCommand):
    description = (
        "Seed a demo community: six people in five groups started from the shipped templates, "
        "at different stages, with tasks, snapshots, proposals and votes over past weeks. "
        "Idempotent: groups already there are left alone. Creates or upgrades the database."
    )
    examples = "jupyter nerdup demo --if-empty"
    aliases: dict[str, Any] = dict(COMMON_ALIASES)
    flags: dict[str, Any] = {
        "if-empty": (
            {"DemoCommand": {"if_empty": True}},
            "Seed only when the database has no group at all (what `make lab` uses).",
        ),
    }
    if_empty = Bool(False, help="Seed only when the database has no group at all.").tag(config=True)

    def run(self) -> None:
        migrate.upgrade(self.db)
        bar = _Bar("seeding")
        try:
            result = demo.seed(self.db, if_empty=bool(self.if_empty), progress=bar)
        finally:
            bar.close()
        if result.get("reason") == "not empty":
            self.out("The database has groups already; the demo was not seeded (--if-empty).")
            return
        for title in result["created"]:
            self.out(f"created: {title}")
        if not result["created"]:
            self.out("The demo community is there already; nothing changed.")
