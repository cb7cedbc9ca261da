"""The service's activity stream: one in-process fan-out to every open event stream.

`LocalBackend.publish` hands each stored activity to `ActivityStream.emit` (the same call
it makes on jupyter-server's EventLogger in embedded mode). With several replicas on
PostgreSQL, `emit` goes through LISTEN/NOTIFY instead (see `fanout.py`) and comes back to
every replica, this one included, through `deliver`.

A subscriber that reconnects sends the last event id it saw; the missed events are read
back from the activities table, which every replica shares and which survives restarts,
so nothing is lost and no ring buffer has to agree between processes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import func, select

from ..core.activity import to_json
from ..core.db import Database
from ..core.errors import NerdUpError
from ..core.models import Activity
from ..core.permissions import Action, require
from ..events import activity_event

Event = dict[str, Any]
# Replay at most this many missed events on reconnect; an older client resynchronises
# through REST (the event says which group to reload).
REPLAY_LIMIT = 1000
QUEUE_LIMIT = 1000


class Subscription:
    """One open event stream: a queue of events for one user."""

    def __init__(self, username: str) -> None:
        self.username = username
        self.queue: asyncio.Queue[Event | None] = asyncio.Queue(QUEUE_LIMIT)

    def put(self, event: Event | None) -> None:
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:  # a stalled reader: end its stream, it resumes by id
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(None)


class ActivityStream:
    def __init__(self, db: Database, log: logging.Logger) -> None:
        self.db = db
        self.log = log
        self.subscribers: set[Subscription] = set()
        # Set by the PostgreSQL fan-out: publish an activity id to every replica.
        self.notify: Callable[[int], Awaitable[bool]] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    # -- EventLogger-compatible entry point, called by LocalBackend.publish ----------
    def emit(self, *, schema_id: str, data: Event) -> None:
        if self.notify is None:
            self.deliver(data)
            return
        task = asyncio.ensure_future(self._notify_or_deliver(data))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _notify_or_deliver(self, data: Event) -> None:
        assert self.notify is not None
        if not await self.notify(int(data["activity_id"])):
            self.deliver(data)  # no NOTIFY possible: at least this replica's readers see it

    def deliver(self, event: Event) -> None:
        """Hand one event to every subscriber (visibility is checked per reader)."""
        for sub in list(self.subscribers):
            sub.put(event)

    async def deliver_id(self, activity_id: int) -> None:
        """A NOTIFY arrived: load the activity and deliver it."""
        found = await asyncio.to_thread(self._load, [activity_id])
        for event in found:
            self.deliver(event)

    # -- subscribers -----------------------------------------------------------------
    def subscribe(self, username: str) -> Subscription:
        sub = Subscription(username)
        self.subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self.subscribers.discard(sub)

    def close_all(self) -> None:
        for sub in list(self.subscribers):
            sub.put(None)

    async def missed(self, after: int) -> list[Event]:
        """Events stored after id `after`, oldest first (for Last-Event-ID)."""
        return await asyncio.to_thread(self._since, after)

    async def visible(self, username: str, event: Event) -> bool:
        return await asyncio.to_thread(self._may_view, username, int(event["group_id"]))

    # -- database work, in worker threads ----------------------------------------------
    def newest_id(self) -> int:
        with self.db.session() as session:
            return int(session.scalar(select(func.max(Activity.id))) or 0)

    def _load(self, ids: list[int]) -> list[Event]:
        with self.db.session() as session:
            rows = session.scalars(select(Activity).where(Activity.id.in_(ids)))
            return [activity_event(to_json(a)) for a in rows]

    def _since(self, after: int) -> list[Event]:
        query = select(Activity).where(Activity.id > after).order_by(Activity.id)
        with self.db.session() as session:
            rows = session.scalars(query.limit(REPLAY_LIMIT))
            return [activity_event(to_json(a)) for a in rows]

    def _may_view(self, username: str, group_id: int) -> bool:
        with self.db.session() as session:
            try:
                require(session, group_id, username, Action.VIEW_GROUP)
            except NerdUpError:
                return False
        return True
