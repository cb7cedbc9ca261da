"""LocalBackend: runs the core on a database in this process.

Database work is synchronous SQLAlchemy, so every call goes to a worker thread and the
event loop never waits on the disk.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..config import NerdUp
from ..core import activity, migrate
from ..core.db import Database, storage_name
from ..core.errors import Conflict
from ..core.models import Group
from ..core.users import ensure_user
from ..events import ACTIVITY_SCHEMA_ID, activity_event
from .base import Caller
from .local_hub_groups import HubGroupOperations
from .local_plans import TemplateOperations
from .local_rhythm import RhythmOperations
from .local_snapshots import SnapshotOperations
from .plan_ops import PlanOperations

T = TypeVar("T")


def _members_only(session: Any, group_ids: set[int]) -> set[int]:
    """Which of `group_ids` only their members may see (a group gone in this very
    transaction counts as such: its events carry ids only)."""
    if not group_ids:
        return set()
    query = select(Group.id).where(Group.id.in_(group_ids), Group.visibility == "open")
    return group_ids - set(session.scalars(query))


class LocalBackend(
    SnapshotOperations, PlanOperations, RhythmOperations, TemplateOperations, HubGroupOperations
):
    mode = "embedded"

    # The embedded bus is heard by every user of this server, so a members-only group's
    # events carry ids only; the hub service's stream checks each reader and sends all.
    private_events_ids_only = True

    def __init__(
        self,
        db: Database,
        config: NerdUp,
        log: logging.Logger | None = None,
        event_logger: Any = None,
    ) -> None:
        self.db = db
        self.config = config
        self.log = log or logging.getLogger("nerdup_lab")
        # jupyter_server's EventLogger (None outside a server, e.g. in the CLI).
        self.event_logger = event_logger
        # Database work has its own threads (c.NerdUp.db_threads), so it neither competes
        # with nor is starved by other to_thread users of the event loop's default pool.
        self.executor = ThreadPoolExecutor(
            max_workers=max(1, int(config.db_threads)), thread_name_prefix="nerdup-db"
        )

    @classmethod
    def open(
        cls,
        config: NerdUp,
        log: logging.Logger | None = None,
        event_logger: Any = None,
        *,
        upgrade_by_default: bool = True,
    ) -> LocalBackend:
        """Open the database and bring its schema up to date (`migrate.prepare`):
        `c.NerdUp.upgrade_db`, unset, is `upgrade_by_default` (on in embedded mode, off
        for the hub service)."""
        db = Database(config.db_url, pool_size=max(1, int(config.db_pool_size)))
        allowed = upgrade_by_default if config.upgrade_db is None else bool(config.upgrade_db)
        # Start-up is before the event loop serves requests, so a blocking upgrade is fine.
        try:
            migrate.prepare(db, upgrade_db=allowed, logger=log)
        except Exception:
            db.dispose()
            raise
        return cls(db, config, log, event_logger)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking core work off the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, lambda: fn(*args))

    def _transaction(
        self, fn: Callable[..., T], caller: Caller, args: tuple[Any, ...], write: bool
    ) -> tuple[T, list[dict[str, Any]]]:
        """One core call in one transaction; returns its result and the activities it
        recorded (as JSON, read before the commit while the rows are at hand)."""
        try:
            with self.db.session(write=write) as session:
                if write:
                    ensure_user(session, caller.username, caller.display_name)
                result = fn(session, caller.username, *args)
                recorded = [activity.to_json(a) for a in activity.pending(session)]
                hidden = _members_only(session, {item["group_id"] for item in recorded})
                for item in recorded:
                    item["members_only"] = item["group_id"] in hidden
        except (StaleDataError, IntegrityError) as err:
            # Two writes raced past the version check (or both inserted the same
            # membership, claim or vote): the later one loses, as with a stale If-Match.
            raise Conflict(
                "Someone changed this at the same moment; reload and try again."
            ) from err
        return result, recorded

    async def read(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T:
        """Run a core read `fn(session, username, *args)` off the event loop."""
        done: tuple[T, list[dict[str, Any]]] = await self.run(
            self._transaction, fn, caller, args, False
        )
        result, _ = done
        return result

    async def write(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T:
        """Run a core write off the event loop, then announce what it recorded."""
        done: tuple[T, list[dict[str, Any]]] = await self.run(
            self._transaction, fn, caller, args, True
        )
        result, recorded = done
        for item in recorded:
            self.publish(item)
        return result

    def publish(self, recorded: dict[str, Any]) -> None:
        """Announce one stored activity on the event bus. The one place events leave this
        backend, so hub mode can relay the hub's stream through the same call."""
        if self.event_logger is None:
            return
        try:
            # Every user of this server hears the bus: a members-only group's event
            # carries ids only (see events.activity_event).
            private = self.private_events_ids_only and bool(recorded.get("members_only"))
            event = activity_event(recorded, ids_only=private)
            self.event_logger.emit(schema_id=ACTIVITY_SCHEMA_ID, data=event)
        except Exception:  # a live-update hiccup must never undo a stored change
            self.log.exception("nerdup: could not emit activity %s", recorded.get("id"))

    async def status(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "storage": storage_name(self.db.engine),
            "public_pages": bool(self.config.public_pages),
        }

    async def close(self) -> None:
        await asyncio.to_thread(self.db.dispose)
        self.executor.shutdown(wait=False)
