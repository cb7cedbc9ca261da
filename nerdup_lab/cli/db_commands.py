"""`init`, `db upgrade` and `verify`: the database itself."""

from __future__ import annotations

from ..core import migrate, snapshots
from ..core.errors import NerdUpError
from .base import NerdUpCommand


class InitCommand(NerdUpCommand):
    description = "Create the nerdup database, or upgrade it to this release's schema."
    examples = "jupyter nerdup init --db-url=sqlite:////srv/nerdup/nerdup.sqlite"
    upgrades_database = False

    def run(self) -> None:
        before = migrate.current_revision(self.db)
        migrate.upgrade(self.db)
        after = migrate.current_revision(self.db)
        if before is None:
            where = migrate.redacted(self.settings.db_url)
            self.out(f"Created the nerdup database at schema {after}: {where}")
        elif before == after:
            self.out(f"The nerdup database is up to date (schema {after}).")
        else:
            self.out(f"Upgraded the nerdup database from schema {before} to {after}.")


class UpgradeCommand(NerdUpCommand):
    description = "Upgrade an existing nerdup database in place to this release's schema."
    upgrades_database = False

    def run(self) -> None:
        before = migrate.current_revision(self.db)
        if before is None:
            raise NerdUpError("The database is empty; create it with `jupyter nerdup init`.")
        if before != migrate.head_revision():
            backup = migrate.backup_sqlite(self.db, before)
            if backup is not None:
                self.out(f"Backed up the database to {backup}.")
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
        "Check the storage: the schema is current, every snapshot blob re-hashes to its "
        "name and every snapshot reads back whole. Exits with 1 when a problem is found."
    )
    upgrades_database = False

    def run(self) -> None:
        current, head = migrate.current_revision(self.db), migrate.head_revision()
        if current != head:
            raise NerdUpError(
                f"The database is at schema {current}, this release needs {head}: "
                "run `jupyter nerdup db upgrade`."
            )
        report = snapshots.verify(self.db)
        self.out(f"Schema {current} is current.")
        self.out(str(report))
        if not report.ok:
            raise NerdUpError(f"Storage check found {len(report.problems)} problem(s); see above.")
        self.out("Storage is intact.")
