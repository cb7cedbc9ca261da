"""Migration 0003_rhythm: its tables match the models, and a 0002 database upgrades."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from nerdup_lab.core import migrate
from nerdup_lab.core.db import Database
from nerdup_lab.core.models import Base
from nerdup_lab.core.rhythm import models  # noqa: F401  (registers the tables)

RHYTHM_TABLES = {
    "study_sessions", "session_checkins", "session_agenda", "session_recaps",
    "questions", "answers", "upvotes", "reflections", "posts", "calendar_feeds",
}  # fmt: skip


def test_rhythm_tables_match_the_models(db_url):
    db = Database(db_url)
    migrate.upgrade(db)
    assert set(inspect(db.engine).get_table_names()) >= RHYTHM_TABLES

    def mine(obj, name, kind, reflected, other):
        table = obj if kind == "table" else getattr(obj, "table", None)
        return table is None or table.name in RHYTHM_TABLES

    only = {"include_object": mine}
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts=only)
        assert compare_metadata(context, Base.metadata) == []
    db.dispose()


def test_a_0002_database_upgrades_and_downgrades(db_url):
    db = Database(db_url)
    migrate.upgrade(db, "0002_snapshots")
    assert not RHYTHM_TABLES & set(inspect(db.engine).get_table_names())
    migrate.upgrade(db)
    assert set(inspect(db.engine).get_table_names()) >= RHYTHM_TABLES
    db.dispose()
