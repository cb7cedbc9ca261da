"""Upgrades as JupyterHub does them (#21): `c.NerdUp.upgrade_db`, a backup of the SQLite
file first, one transaction per migration so a kill at any statement leaves the previous
schema, an advisory lock for PostgreSQL replicas starting at once, redacted URLs."""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Cli, isolated_config  # noqa: F401
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import make_url

from nerdup_lab.core import migrate
from nerdup_lab.core.db import Database

REVISIONS = migrate._steps(None, str(migrate.head_revision()))


def _tables(db: Database) -> set[str]:
    return set(inspect(db.engine).get_table_names())


def _count_statements(start: str | None) -> int:
    """How many statements a start-up runs to bring a SQLite file at `start` to head."""
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'count.sqlite'}")
        if start is not None:
            migrate.upgrade(db, start)
        seen = [0]
        event.listen(
            db.engine, "before_cursor_execute", lambda *a: seen.__setitem__(0, seen[0] + 1)
        )
        migrate.prepare(db, upgrade_db=True)
        db.dispose()
        return seen[0]


def _tables_at_each_revision() -> dict[str | None, set[str]]:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'tables.sqlite'}")
        found: dict[str | None, set[str]] = {None: set()}
        for rev in REVISIONS:
            migrate.upgrade(db, rev)
            found[rev] = _tables(db)
        db.dispose()
        return found


TABLES = _tables_at_each_revision()
# A fresh install (every migration), and an upgrade of an existing file from 0003.
CRASHES = [(None, i) for i in range(_count_statements(None))] + [
    ("0003_rhythm", i) for i in range(_count_statements("0003_rhythm"))
]


@pytest.mark.parametrize(("start", "kill_at"), CRASHES)
def test_a_kill_at_any_statement_leaves_a_schema_the_next_start_upgrades(tmp_path, start, kill_at):
    url = f"sqlite:///{tmp_path / 'nerdup.sqlite'}"
    if start is not None:
        db = Database(url)
        migrate.upgrade(db, start)
        db.dispose()
    pid = os.fork()
    if pid == 0:  # the server starting up, killed (no clean-up at all) at statement kill_at
        try:
            child = Database(url)
            seen = [0]

            def kill(*_: Any) -> None:
                if seen[0] == kill_at:
                    os._exit(9)
                seen[0] += 1

            event.listen(child.engine, "before_cursor_execute", kill)
            migrate.prepare(child, upgrade_db=True)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9, "the start-up was not killed"
    db = Database(url)
    try:
        left = migrate.current_revision(db)
        assert left in TABLES, left
        # Exactly the schema of a revision: no table of a half-applied migration.
        assert _tables(db) - {"alembic_version"} == TABLES[left] - {"alembic_version"}
        migrate.prepare(db, upgrade_db=True)
        assert migrate.current_revision(db) == migrate.head_revision()
        assert _tables(db) == TABLES[REVISIONS[-1]]
    finally:
        db.dispose()


def _old_database(url: str) -> Database:
    """A database at 0004 with one group, written with plain SQL as that release stored it
    (today's models name columns a 0004 schema does not have, e.g. groups.join_rule)."""
    db = Database(url)
    migrate.upgrade(db, "0004_hub_groups")
    now = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO users (username, display_name, created) VALUES ('alice', '', :c)"),
            {"c": now},
        )
        conn.execute(
            text(
                "INSERT INTO groups (title, description, links, status, visibility, "
                "adoption_rule, created_at, created_by, version) VALUES "
                "('Kaggle club', '', '[]', 'forming', 'open', 'organizer', :c, 'alice', 1)"
            ),
            {"c": now},
        )
    return db


def test_upgrade_db_off_refuses_an_old_schema_with_the_command(db_url):
    db = _old_database(db_url)
    try:
        with pytest.raises(migrate.SchemaTooOld) as refused:
            migrate.prepare(db, upgrade_db=False)
        assert "jupyter nerdup db upgrade" in refused.value.message
        assert "0004_hub_groups" in refused.value.message
        assert migrate.current_revision(db) == "0004_hub_groups"
    finally:
        db.dispose()


def test_an_empty_database_is_created_even_with_upgrade_db_off(db_url):
    db = Database(db_url)
    try:
        migrate.prepare(db, upgrade_db=False)
        assert migrate.current_revision(db) == migrate.head_revision()
    finally:
        db.dispose()


def test_the_hub_service_refuses_an_old_schema_by_default(db_url):
    from nerdup_lab.backend.local import LocalBackend
    from nerdup_lab.config import NerdUp

    _old_database(db_url).dispose()
    with pytest.raises(migrate.SchemaTooOld):
        LocalBackend.open(NerdUp(db_url=db_url), upgrade_by_default=False)
    # Embedded mode upgrades by default; the service does when told to.
    LocalBackend.open(NerdUp(db_url=db_url, upgrade_db=True), upgrade_by_default=False)
    db = Database(db_url)
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()


def test_an_sqlite_upgrade_backs_the_file_up_first(tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'nerdup.sqlite'}"
    db = _old_database(url)
    with caplog.at_level(logging.INFO, logger="nerdup_lab"):
        migrate.prepare(db, upgrade_db=True)
    db.dispose()
    backups = list(tmp_path.glob("nerdup.sqlite.0004_hub_groups.*.bak"))
    assert len(backups) == 1
    copy = Database(f"sqlite:///{backups[0]}")
    try:
        assert migrate.current_revision(copy) == "0004_hub_groups"
        with copy.engine.connect() as conn:
            assert conn.execute(text("SELECT title FROM groups")).scalar() == "Kaggle club"
    finally:
        copy.dispose()
    assert str(backups[0]) in caplog.text


def test_postgresql_replicas_starting_at_once_migrate_once(pg_url):
    replicas = [Database(pg_url) for _ in range(3)]
    upgrades = [0]
    for db in replicas:
        event.listen(
            db.engine,
            "before_cursor_execute",
            lambda _c, _cur, sql, *a: upgrades.__setitem__(
                0, upgrades[0] + sql.lstrip().upper().startswith("CREATE TABLE USERS")
            ),
        )
    start = threading.Barrier(len(replicas))
    errors: list[BaseException] = []

    def boot(db: Database) -> None:
        start.wait()
        try:
            migrate.prepare(db, upgrade_db=True)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=boot, args=(db,)) for db in replicas]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert errors == []
        assert upgrades[0] == 1
        assert {migrate.current_revision(db) for db in replicas} == {migrate.head_revision()}
    finally:
        for db in replicas:
            db.dispose()


def test_database_urls_are_redacted():
    shown = migrate.redacted("postgresql+psycopg://nerdup:hunter2@db.example.org/nerdup")
    assert "hunter2" not in shown and "nerdup:***@db.example.org" in shown


def test_cli_init_shows_the_url_without_its_password(capsys, pg_url, isolated_config):  # noqa: F811
    with_password = make_url(pg_url).set(password="hunter2").render_as_string(hide_password=False)
    out = Cli(capsys, with_password).ok("init").out
    assert "Created the nerdup database" in out and "hunter2" not in out and "***" in out
