"""Fixtures of the snapshot core tests: a migrated store (SQLite and PostgreSQL) with a group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from nerdup_lab.core.db import Database

from .helpers import make_db, make_group


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = make_db(db_url)
    yield database
    database.dispose()


@pytest.fixture
def group(db: Database) -> int:
    return make_group(
        db, {"alice": "organizer", "bob": "participant", "fiona": "follower", "mia": "mentor"}
    )


@pytest.fixture
def commit(db: Database, group: int) -> Any:
    """commit(nb, author="alice", path="nb.ipynb", **kwargs) -> snapshot JSON."""
    from nerdup_lab.core.snapshots import commit_snapshot

    def _commit(nb: dict[str, Any], author: str = "alice", path: str = "nb.ipynb", **kw: Any):
        kw.setdefault("group_id", group)
        return commit_snapshot(db, author=author, path=path, notebook=nb, **kw)

    return _commit
