"""Database engine and sessions: SQLite (embedded default) or PostgreSQL.

SQLite runs in WAL mode with foreign keys on and a busy timeout, so readers never block the
single writer. Everything here is synchronous; the backend runs it in a worker thread.

SQLite transactions are ours, not the driver's. Python's sqlite3 module (legacy transaction
control, Python < 3.12) begins a transaction only before INSERT/UPDATE/DELETE and commits
on its own before DDL, so a `CREATE TABLE` in a migration was committed while the revision
row rolled back, and a crash left a half-upgraded file. SQLAlchemy's documented recipe
turns that off (`isolation_level = None` on connect) and emits BEGIN itself on the "begin"
event, so every statement of a transaction, DDL included, commits or rolls back together,
and SAVEPOINTs work. A write transaction begins IMMEDIATE: it takes SQLite's write lock at
the start (waiting up to the busy timeout), so two writers never read the same state and
then both write it (the last organizer leaving twice), and a writer never fails late with
"database is locked" because its snapshot went stale.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


class Base(DeclarativeBase):
    """Declarative base of every nerdup table."""


# Execution option that marks an engine (and its connections) as one for writes.
WRITE_OPTION = "nerdup_write"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # No implicit BEGIN/COMMIT from the driver: `_sqlite_begin` starts transactions.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str, pool_size: int | None = None) -> Engine:
    """An engine for `url`; creates the parent folder of a SQLite file if needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if pool_size is not None:
        return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size)
    return create_engine(url, pool_pre_ping=True)


def storage_name(engine: Engine) -> str:
    """'sqlite' or 'postgresql', as shown by `GET /status`."""
    return engine.dialect.name


class Database:
    """An engine plus a session factory; `with db.session() as s:` commits or rolls back.

    `db.session(write=False)` for a read: on SQLite it does not take the write lock, so
    reads run side by side with each other and with the one writer.
    """

    def __init__(self, url: str, pool_size: int | None = None) -> None:
        self.url = url
        self.engine = make_engine(url, pool_size)
        self.write_engine = self.engine.execution_options(**{WRITE_OPTION: True})
        self._reads = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self.write_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, write: bool = True) -> Iterator[Session]:
        factory = self._writes if write else self._reads
        with factory() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
