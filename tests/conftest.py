"""Shared fixtures: a fresh database per test on SQLite *and* PostgreSQL, and a real
jupyter-server with the nerdup extension loaded (pytest-jupyter).

PostgreSQL is never skipped: if it cannot be reached, the tests that need it fail with
a message saying how to start it. Each test gets its own empty PostgreSQL database (the
extension migrates it at start-up, as in production), so tests do not see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

pytest_plugins = ["pytest_jupyter.jupyter_server", "nerdup_api"]
# tests/hub starts a real JupyterHub and is its own pytest run (see tests/hub/conftest.py).
collect_ignore = ["hub"]

PG_ADMIN_URL = os.environ.get(
    "NERDUP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _pg_admin() -> Any:
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as err:  # pragma: no cover - only when the database is down
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({err}). Start it with "
            "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` "
            "or set NERDUP_TEST_PG_URL.",
            pytrace=False,
        )
    return engine


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Any]:
    engine = _pg_admin()
    yield engine
    engine.dispose()


def _new_pg_database(admin: Any) -> str:
    name = f"nerdup_t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(admin: Any, url: str) -> None:
    name = make_url(url).database
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL; tests that take it run once per storage backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'nerdup.sqlite'}"
        return
    admin = request.getfixturevalue("pg_admin")
    url = _new_pg_database(admin)
    try:
        yield url
    finally:
        _drop_pg_database(admin, url)


@pytest.fixture
def pg_url(pg_admin: Any) -> Iterator[str]:
    """An empty PostgreSQL database, for tests of what only PostgreSQL does."""
    url = _new_pg_database(pg_admin)
    try:
        yield url
    finally:
        _drop_pg_database(pg_admin, url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite database for tests whose subject does not depend on the storage."""
    return f"sqlite:///{tmp_path / 'nerdup.sqlite'}"


@pytest.fixture
def jp_server_config(db_url: str) -> dict[str, Any]:
    """A real jupyter-server with the extension enabled, on a fresh database."""
    return {
        "ServerApp": {
            "jpserver_extensions": {"nerdup_lab": True},
            # Token auth as usual, then the user named by a test header (tests/nerdup_api.py).
            "identity_provider_class": "nerdup_api.HeaderIdentityProvider",
        },
        "NerdUp": {"db_url": db_url},
    }
