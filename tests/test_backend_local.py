"""LocalBackend around the core: races end in 409, events leave only after a commit."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from core_world import build_world
from sqlalchemy.orm.exc import StaleDataError

from nerdup_lab.backend.base import Caller
from nerdup_lab.backend.local import LocalBackend
from nerdup_lab.config import NerdUp
from nerdup_lab.core import tasks
from nerdup_lab.core.errors import Conflict, Forbidden
from nerdup_lab.core.models import Task


class RecordingLogger:
    def __init__(self, fail: bool = False) -> None:
        self.emitted: list[dict[str, Any]] = []
        self.fail = fail

    def emit(self, *, schema_id: str, data: dict[str, Any]) -> None:
        if self.fail:
            raise RuntimeError("bus down")
        self.emitted.append({"schema_id": schema_id, **data})


def test_a_write_racing_past_the_version_check_is_refused_by_the_database(pg_url):
    """Both editors pass the If-Match check on version 1; the versioned UPDATE lets only
    the first one through (PostgreSQL: writers run side by side)."""
    world = build_world(pg_url)
    with world.db.session() as first, world.db.session() as second:
        mine = first.get(Task, world.group_task_id)
        theirs = second.get(Task, world.group_task_id)
        assert mine.version == theirs.version == 1
        mine.title = "First"
        first.flush()
        first.commit()
        theirs.title = "Second"
        with pytest.raises(StaleDataError):
            second.flush()
        second.rollback()
    world.db.dispose()


def test_on_sqlite_a_second_writer_waits_and_sees_the_first_ones_change(sqlite_url):
    """A write transaction takes SQLite's write lock when it begins, so the second one
    starts only after the first committed and reads version 2: it cannot race at all."""
    world = build_world(sqlite_url)
    first_wrote, second_read = threading.Event(), threading.Event()
    seen: list[int] = []

    def first() -> None:
        with world.db.session() as session:
            session.get(Task, world.group_task_id).title = "First"
            session.flush()
            first_wrote.set()
            # Without the lock the second writer would read version 1 meanwhile; with it,
            # it cannot read before this commits (the wait runs out first).
            second_read.wait(2)

    def second() -> None:
        first_wrote.wait()
        with world.db.session() as session:
            seen.append(session.get(Task, world.group_task_id).version)
        second_read.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [2]
    world.db.dispose()


def _backend(world, event_logger=None) -> LocalBackend:
    return LocalBackend(world.db, NerdUp(db_url=world.db.url), event_logger=event_logger)


def test_backend_turns_a_race_into_409(sqlite_url):
    world = build_world(sqlite_url)

    def racing(session, username):
        raise StaleDataError("UPDATE statement on table 'tasks' expected to update 1 row")

    with pytest.raises(Conflict):
        asyncio.run(_backend(world).write(racing, Caller("olga")))


def test_events_are_published_after_commit_and_not_for_failed_writes(sqlite_url):
    world = build_world(sqlite_url)
    bus = RecordingLogger()
    backend = _backend(world, bus)
    asyncio.run(backend.claim_task(Caller("pat"), world.group_task_id))
    assert [e["kind"] for e in bus.emitted] == ["task.claimed"]
    assert bus.emitted[0]["schema_id"] == "https://events.nerdup-lab.org/activity/v1"
    with pytest.raises(Forbidden):
        asyncio.run(backend.claim_task(Caller("fred"), world.group_task_id))
    assert len(bus.emitted) == 1


def test_a_broken_event_bus_never_undoes_a_stored_change(sqlite_url):
    world = build_world(sqlite_url)
    backend = _backend(world, RecordingLogger(fail=True))
    claimed = asyncio.run(backend.claim_task(Caller("pat"), world.group_task_id))
    assert claimed["claimed_by"] == ["pat"]
    with world.db.session() as s:
        assert tasks.get_task(s, "pat", world.group_task_id)["claimed_by"] == ["pat"]
