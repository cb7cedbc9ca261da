"""Migrations: the first revision's database upgrades to head with its rows intact, and
head matches the models exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from nerdup_lab.core import groups, migrate, tasks
from nerdup_lab.core.db import Database
from nerdup_lab.core.models import Base

CORE_TABLES = {
    "users", "groups", "memberships", "milestones", "tasks",
    "task_claims", "proposals", "votes", "activities", "join_requests",
}  # fmt: skip


def _seed_at_0001(db: Database) -> None:
    """Rows written with plain SQL, as a 0001-era release would have stored them (ids come
    from the database, so the first of each table is 1)."""
    now = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO users (username, display_name, created) VALUES (:u, :d, :c)"),
            [{"u": "alice", "d": "Alice", "c": now}, {"u": "bob", "d": "Bob", "c": now}],
        )
        conn.execute(
            text(
                "INSERT INTO groups (title, description, links, status, visibility, "
                "adoption_rule, created_at, created_by, version, deadline) VALUES "
                "('Old club', 'From 0001', '[]', 'active', 'open', 'organizer', :c, "
                "'alice', 4, '2026-03-01')"
            ),
            {"c": now},
        )
        conn.execute(
            text(
                "INSERT INTO memberships (group_id, username, role, joined_at, version) VALUES "
                "(1, 'alice', 'organizer', :c, 1), (1, 'bob', 'participant', :c, 1)"
            ),
            {"c": now},
        )
        conn.execute(
            text(
                "INSERT INTO milestones (group_id, position, title, goal, status, resources, "
                "obstacles, solutions, created_at, version) VALUES "
                "(1, 0, 'EDA', '', 'active', '[]', '', '', :c, 2)"
            ),
            {"c": now},
        )
        conn.execute(
            text(
                "INSERT INTO tasks (milestone_id, group_id, title, description, weight, "
                "status, next_session, notebooks, created_at, created_by, version) VALUES "
                "(1, 1, 'Load data', '', 3, 'done', false, '[\"eda.ipynb\"]', :c, 'alice', 1)"
            ),
            {"c": now},
        )
        conn.execute(
            text("INSERT INTO task_claims (task_id, username, claimed_at) VALUES (1, 'bob', :c)"),
            {"c": now},
        )


def test_database_at_0001_upgrades_to_head_with_data_intact(db_url):
    db = Database(db_url)
    migrate.upgrade(db, "0001_core")
    assert migrate.current_revision(db) == "0001_core"
    _seed_at_0001(db)

    migrate.upgrade(db)

    assert migrate.current_revision(db) == migrate.head_revision()
    with db.session() as s:
        group = groups.get_group(s, "bob", 1)
        task = tasks.get_task(s, "bob", 1)
    assert (group["title"], group["version"], group["deadline"]) == ("Old club", 4, "2026-03-01")
    assert [m["username"] for m in group["members"]] == ["alice", "bob"]
    assert group["progress"]["percent"] == 100
    assert task["claimed_by"] == ["bob"] and task["notebooks"] == ["eda.ipynb"]
    # The upgraded database takes new writes (sequences and constraints still work).
    with db.session() as s:
        created = groups.create_group(s, "alice", {"title": "New club"})
    assert created["id"] != 1
    db.dispose()


def test_head_matches_the_models(db_url):
    db = Database(db_url)
    migrate.upgrade(db)
    assert set(inspect(db.engine).get_table_names()) >= CORE_TABLES

    # Only the core tables (on both sides): other features' tables have their own tests.
    def core_only(obj: Any, name: str, kind: str, reflected: bool, compare_to: Any) -> bool:
        table = obj if kind == "table" else getattr(obj, "table", None)
        return table is None or table.name in CORE_TABLES

    only_core = {"include_object": core_only}
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts=only_core)
        assert compare_metadata(context, Base.metadata) == []
    db.dispose()


def test_upgrade_is_idempotent(db_url):
    db = Database(db_url)
    migrate.upgrade(db)
    migrate.upgrade(db)
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()
