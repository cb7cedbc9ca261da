"""Counting the SQL statements a read costs, for the statement budgets (#21).

    with count_statements(db.engine) as statements:
        ...
    assert len(statements) <= 10, describe(statements)

`count_statements` listens to SQLAlchemy's `before_cursor_execute` on an engine and keeps
every statement sent to the database while the block runs, except transaction control
(BEGIN/COMMIT/ROLLBACK/SAVEPOINT: SQLite's BEGIN is sent by `core.db`, PostgreSQL's is
implicit in the driver, so counting it would make the two databases disagree).

`read_statements(db, fn, username, *args)` runs one core read as `LocalBackend.read` does
(one read-only session, one transaction) and returns what it returned and the statements.
The large group the budgets are asserted on is built by `tests/large_group.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, event

from nerdup_lab.core.db import Database

T = TypeVar("T")

# The budget of every read of a group, whatever the group's size.
READ_BUDGET = 10

_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@contextmanager
def count_statements(engine: Engine) -> Iterator[list[str]]:
    """The statements `engine` runs inside the block, in order (the list fills as they run)."""
    statements: list[str] = []

    def seen(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
        if not statement.lstrip().upper().startswith(_CONTROL):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def read_statements(
    db: Database, fn: Callable[..., T], username: str, *args: Any
) -> tuple[T, list[str]]:
    """Run the core read `fn(session, username, *args)` in one read-only transaction, as
    the backend does, and return its result and the statements it ran."""
    with count_statements(db.engine) as statements, db.session(write=False) as session:
        result = fn(session, username, *args)
    return result, statements


def describe(statements: list[str]) -> str:
    """The statements, one line each and first line only, for a failing assertion."""
    lines = [" ".join(s.split())[:160] for s in statements]
    return f"{len(statements)} statements:\n" + "\n".join(f"  {line}" for line in lines)
