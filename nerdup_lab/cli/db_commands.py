"""`init`, `db upgrade` and `verify`: the database itself."""

from __future__ import annotations

from typing import Any

from ..core import migrate
from ..core.errors import NerdUpError
from .base import NerdUpCommand


class InitCommand(NerdUpCommand):
    description = "Create the nerdup database, or upgrade it to this release's schema."
    examples = "jupyter nerdup init --db-url=sqlite:////srv/nerdup/nerdup.sqlite"

    def run(self) -> None:
        before = migrate.current_revision(self.db)
        migrate.upgrade(self.db)
        after = migrate.current_revision(self.db)
        if before is None:
            self.out(f"Created the nerdup database at schema {after}: {self.settings.db_url}")
        elif before == after:
            self.out(f"The nerdup database is up to date (schema {after}).")
        else:
            self.out(f"Upgraded the nerdup database from schema {before} to {after}.")


class UpgradeCommand(NerdUpCommand):
    description = "Upgrade an existing nerdup database in place to this release's schema."

    def run(self) -> None:
        before = migrate.current_revision(self.db)
        if before is None:
            raise NerdUpError("The database is empty; create it with `jupyter nerdup init`.")
        migrate.upgrade(self.db)
        after = migrate.current_revision(self.db)
        if before == after:
            self.out(f"Already at the newest schema ({after}).")
        else:
            self.out(f"Upgraded from schema {before} to {after}.")


class DbCommand(NerdUpCommand):
    description = "Database maintenance."
    subcommands = {
        "upgrade": (UpgradeCommand, UpgradeCommand.description),
    }


class VerifyCommand(NerdUpCommand):
    description = (
        "Check the storage: the schema is current and every snapshot can be read back "
        "whole (missing or corrupt blobs are reported). Exits with 1 when a problem is found."
    )

    def run(self) -> None:
        current, head = migrate.current_revision(self.db), migrate.head_revision()
        if current != head:
            raise NerdUpError(
                f"The database is at schema {current}, this release needs {head}: "
                "run `jupyter nerdup db upgrade`."
            )
        from ..core import snapshots

        verify = getattr(snapshots, "verify", None)
        if verify is None:
            self.out(f"Schema {current} is current. (Snapshot checks are not in this build.)")
            return
        report: Any = verify(self.db)
        problems = _problems(report)
        for line in _describe(report):
            self.out(line)
        if problems:
            raise NerdUpError(f"Storage check found {problems} problem(s); see above.")
        self.out("Storage is intact.")


def _problems(report: Any) -> int:
    if isinstance(report, dict):
        for key in ("problems", "errors"):
            found = report.get(key)
            if isinstance(found, list):
                return len(found)
            if isinstance(found, int):
                return found
        return 0 if report.get("ok", True) else 1
    found = getattr(report, "problems", None)
    if isinstance(found, list | tuple):
        return len(found)
    return 0 if getattr(report, "ok", True) else 1


def _describe(report: Any) -> list[str]:
    if isinstance(report, dict):
        return [f"{key}: {value}" for key, value in report.items() if key != "ok"]
    return [str(report)]
