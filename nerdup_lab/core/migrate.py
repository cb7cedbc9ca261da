"""Bring a database to the newest schema with Alembic, configured in code.

`upgrade(db)` runs at every start-up (`LocalBackend.open`), so a database made by an older
release upgrades in place without the operator doing anything. Production code never
calls `metadata.create_all`: the migrations are the only way tables come to exist.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .db import Database

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    # ConfigParser interpolation treats '%' specially; a path may contain one.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    return config


def upgrade(db: Database, revision: str = "head") -> None:
    """Apply every migration up to `revision` (default: the newest) in one transaction."""
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(db: Database) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision this release knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
