"""The service's activity stream: one in-process fan-out to every open event stream.

`LocalBackend.publish` hands each stored activity to `ActivityStream.emit` (the same call
it makes on jupyter-server's EventLogger in embedded mode). With several replicas on
PostgreSQL, `emit` goes through LISTEN/NOTIFY instead (see `fanout.py`) and comes back to
every replica, this one included, through `deliver`.

A subscriber that reconnects sends the last event id it saw; the missed events are read
back from the activities table, which every replica shares and which survives restarts,
so nothing is lost and no ring buffer has to agree between processes.

Who sees what comes from an in-memory cache (`visibility.py`) refreshed by the events that
change it, so an event costs the same few queries whether 1 or 500 labs are open.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import func, select

from ..core.activity import to_json
from ..core.db import Database
from ..core.models import Activity
from ..events import activity_event
from .visibility import VisibilityCache

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
        # Set once the stream's response is finished (its last bytes written) or lost.
        self.done = asyncio.Event()

    def put(self, event: Event | None) -> None:
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:  # a stalled reader: end its stream, it resumes by id
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(None)


class ActivityStream:
    """Fans events out to the open streams, in the order they arrive.

    One worker task takes every event (and every new subscriber) in turn: it refreshes
    the visibility cache when the event needs it (one query for any number of readers),
    then hands the event to each subscriber who may see it. A subscriber is added by the
    same worker, so no event can slip between its first look at the database and its
    first delivery.
    """

    def __init__(self, db: Database, log: logging.Logger) -> None:
        self.db = db
        self.log = log
        self.subscribers: set[Subscription] = set()
        self.visibility = VisibilityCache()
        # Set by the PostgreSQL fan-out: publish an activity id to every replica.
        self.notify: Callable[[int], Awaitable[bool]] | None = None
        self._outbox: asyncio.Queue[Event] | None = None
        self._sender: asyncio.Task[None] | None = None
        self._jobs: asyncio.Queue[_Job] | None = None
        self._worker: asyncio.Task[None] | None = None

    # -- EventLogger-compatible entry point, called by LocalBackend.publish ----------
    def emit(self, *, schema_id: str, data: Event) -> None:
        if self.notify is None:
            self.deliver(data)
            return
        # One sender, in the order of publication: a task per event raced (the first two
        # events after a start both opened a connection and the second could be NOTIFYed
        # first, so readers saw milestone.created before group.created).
        if self._outbox is None or self._sender is None or self._sender.done():
            self._outbox = asyncio.Queue()
            self._sender = asyncio.ensure_future(self._send(self._outbox))
        self._outbox.put_nowait(data)

    async def _send(self, outbox: asyncio.Queue[Event]) -> None:
        while True:
            data = await outbox.get()
            try:
                assert self.notify is not None
                if not await self.notify(int(data["activity_id"])):
                    self.deliver(data)  # no NOTIFY possible: this replica's readers see it
            except Exception:  # one failed notification must not stop the ones after it
                self.log.exception("nerdup: could not publish activity %s", data)
                self.deliver(data)

    def deliver(self, event: Event) -> None:
        """Hand one event to every subscriber who may see it (checked by the worker)."""
        self._queue().put_nowait(("event", event))

    async def deliver_id(self, activity_id: int) -> None:
        """A NOTIFY arrived: the worker loads the activity and delivers it."""
        self._queue().put_nowait(("id", activity_id))

    # -- subscribers -----------------------------------------------------------------
    async def subscribe(self, username: str) -> Subscription:
        """A new stream; once this returns, every later event reaches it."""
        sub = Subscription(username)
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue().put_nowait(("subscribe", (sub, ready)))
        await ready
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self.subscribers.discard(sub)
        sub.done.set()

    def close_all(self) -> None:
        for sub in list(self.subscribers):
            sub.put(None)

    async def ended(self) -> None:
        """Wait until every open stream has finished its response (after `close_all`).

        A stream cut off by closing its connection instead can stay open on the far side
        of a proxy (configurable-http-proxy keeps the client's end open when the service's
        end is reset), and that reader then hears nothing until it gives the stream up as
        silent; a finished response reaches it at once and it reconnects."""
        await asyncio.gather(*(sub.done.wait() for sub in list(self.subscribers)))

    async def stop(self) -> None:
        self.close_all()
        if self._sender is not None:
            self._sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._sender
            self._sender = None
            self._outbox = None
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._worker
            self._worker = None
            self._jobs = None

    async def since(self, after: int) -> list[Event]:
        """Every event stored after id `after`, oldest first, unchecked (for `deliver`)."""
        return await asyncio.to_thread(self._since, after)

    async def missed(self, username: str, after: int) -> list[Event]:
        """The events stored after id `after` that `username` may see, oldest first."""
        events = await asyncio.to_thread(self._since, after)
        # The worker loads the groups it does not know yet: the cache has one writer.
        checked: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue().put_nowait(("check", (events, checked)))
        await checked
        return [event for event in events if self.visibility.may_see(username, event)]

    # -- the worker ------------------------------------------------------------------
    def _queue(self) -> asyncio.Queue[_Job]:
        if self._jobs is None or self._worker is None or self._worker.done():
            self._jobs = asyncio.Queue()
            self._worker = asyncio.ensure_future(self._work(self._jobs))
        return self._jobs

    async def _work(self, jobs: asyncio.Queue[_Job]) -> None:
        while True:
            kind, payload = await jobs.get()
            try:
                if kind == "subscribe":
                    sub, ready = payload
                    self.subscribers.add(sub)
                    if not ready.done():
                        ready.set_result(None)
                    continue
                if kind == "check":  # a replay: make sure its groups are known
                    events, done = payload
                    if self.visibility.needs(events):
                        await asyncio.to_thread(self._refresh, events)
                    if not done.done():
                        done.set_result(None)
                    continue
                if kind == "id":
                    events = await asyncio.to_thread(self._load, [payload])
                else:
                    events = [payload]
                await self._dispatch(events)
            except Exception:  # one bad event must not end every stream's deliveries
                self.log.exception("nerdup: could not deliver activity %s", payload)

    async def _dispatch(self, events: list[Event]) -> None:
        if self.visibility.needs(events):
            await asyncio.to_thread(self._refresh, events)
        for event in events:
            for sub in list(self.subscribers):
                if self.visibility.may_see(sub.username, event):
                    sub.put(event)
        self.visibility.forget_gone()

    # -- database work, in worker threads ----------------------------------------------
    def newest_id(self) -> int:
        with self.db.session(write=False) as session:
            return int(session.scalar(select(func.max(Activity.id))) or 0)

    def _refresh(self, events: list[Event]) -> None:
        with self.db.session(write=False) as session:
            self.visibility.load(session, self.visibility.needs(events))

    def _load(self, ids: list[int]) -> list[Event]:
        with self.db.session(write=False) as session:
            rows = session.scalars(select(Activity).where(Activity.id.in_(ids)))
            return [activity_event(to_json(a)) for a in rows]

    def _since(self, after: int) -> list[Event]:
        query = select(Activity).where(Activity.id > after).order_by(Activity.id)
        with self.db.session(write=False) as session:
            rows = session.scalars(query.limit(REPLAY_LIMIT))
            return [activity_event(to_json(a)) for a in rows]


# ("event", event) | ("id", activity id) | ("subscribe", (subscription, ready future))
# | ("check", (replayed events, done future))
_Job = tuple[str, Any]
