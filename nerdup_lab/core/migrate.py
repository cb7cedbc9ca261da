"""Bring a database to the newest schema with Alembic, configured in code.

Start-up goes through `prepare(db, upgrade_db=...)` (`LocalBackend.open`), which behaves as
JupyterHub does with `JupyterHub.upgrade_db`:

- an empty database is created at the newest schema (nothing to lose);
- a database at an older schema is upgraded only when `c.NerdUp.upgrade_db` allows it (on
  by default for the embedded mode, off for the hub service); otherwise start-up is refused
  with the command that upgrades it (`SchemaTooOld`);
- before an SQLite file is upgraded, it is backed up next to itself
  (`nerdup.sqlite.<revision>.<UTC timestamp>.bak`, through SQLite's backup API, so what the
  WAL holds is in the copy);
- each migration runs in its own transaction (DDL included: `db.py` makes SQLite's
  transactions ours), so a kill at any statement leaves the schema of the previous
  migration, which the next start upgrades from;
- on PostgreSQL the whole check-and-upgrade runs under a session advisory lock, so of
  several replicas starting at once one migrates and the others wait, then find the
  schema current.

Production code never calls `metadata.create_all`: the migrations are the only way tables
come to exist.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from .db import Database
from .errors import NerdUpError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# pg_advisory_lock key of nerdup's schema upgrades ("nerdupdb" as a 64-bit integer).
ADVISORY_LOCK_KEY = 0x6E65726475706462
UPGRADE_COMMAND = "jupyter nerdup db upgrade"

log = logging.getLogger("nerdup_lab")


class SchemaTooOld(NerdUpError):
    """The database is at an older schema and upgrading at start-up is off."""

    code = "schema_too_old"


def redacted(url: str) -> str:
    """A database URL fit for a log line: the password, if any, is `***`."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy parses: show nothing of it
        return "<unparseable database URL>"


def alembic_config() -> Config:
    config = Config()
    # ConfigParser interpolation treats '%' specially; a path may contain one.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    return config


def _steps(current: str | None, target: str) -> list[str]:
    """The revisions from `current` (exclusive) to `target`, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(script.iterate_revisions(target, current or "base"))
    return [r.revision for r in reversed(revisions)]


def _current(connection: object) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()  # type: ignore[arg-type]


def upgrade(db: Database, revision: str = "head") -> None:
    """Apply every migration up to `revision` (default: the newest), each in its own
    transaction. Under the advisory lock on PostgreSQL."""
    with _schema_lock(db):
        _upgrade_unlocked(db, revision)


def _upgrade_unlocked(db: Database, revision: str) -> None:
    config = alembic_config()
    current = current_revision(db)
    target = head_revision() if revision == "head" else revision
    if target is None or current == target:
        return
    for step in _steps(current, target):
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, step)


@contextmanager
def _schema_lock(db: Database) -> Iterator[None]:
    """One migrator at a time on PostgreSQL (the others wait here); nothing on SQLite,
    whose write transaction is already alone."""
    if db.engine.dialect.name != "postgresql":
        yield
        return
    with db.engine.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        lock.commit()
        try:
            yield
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
            lock.commit()


def backup_sqlite(db: Database, revision: str) -> Path | None:
    """Copy the SQLite file next to itself before an upgrade; the copy's path."""
    name = make_url(db.url).database
    if not db.is_sqlite or not name or name == ":memory:" or not Path(name).exists():
        return None
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(f"{name}.{revision}.{stamp}.bak")
    source = sqlite3.connect(name)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def prepare(db: Database, *, upgrade_db: bool, logger: logging.Logger | None = None) -> None:
    """Start-up: create an empty database, upgrade an old one if allowed (after a backup on
    SQLite), or refuse with the command to run. See the module's docstring."""
    logger = logger or log
    with _schema_lock(db):
        current, head = current_revision(db), head_revision()
        if current == head:
            return
        if current is None:
            logger.info("nerdup: creating the database at schema %s: %s", head, redacted(db.url))
            _upgrade_unlocked(db, "head")
            return
        if not upgrade_db:
            raise SchemaTooOld(
                f"The nerdup database is at schema {current}; this release needs {head}. "
                f"Back it up, then run `{UPGRADE_COMMAND}` (with the same configuration), "
                "or set c.NerdUp.upgrade_db = True to upgrade at start-up."
            )
        backup = backup_sqlite(db, current)
        if backup is not None:
            logger.info("nerdup: backed up the database to %s before upgrading", backup)
        logger.info(
            "nerdup: upgrading the database from schema %s to %s: %s",
            current,
            head,
            redacted(db.url),
        )
        _upgrade_unlocked(db, "head")


def current_revision(db: Database) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with db.engine.connect() as connection:
        return _current(connection)


def head_revision() -> str | None:
    """The newest revision this release knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
