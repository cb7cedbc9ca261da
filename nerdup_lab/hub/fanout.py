"""Events between replicas: PostgreSQL LISTEN/NOTIFY.

Each service process keeps one dedicated connection that LISTENs on `nerdup_activity`
and one small autocommit connection to NOTIFY. The payload is only the activity id (a
NOTIFY payload must stay under 8000 bytes); every replica, the sender included, loads the
row and delivers it to its own readers. NOTIFY has no history, so after the listening
connection comes back the replica delivers what was stored meanwhile from the table.
Not through a transaction-pooling pgbouncer: LISTEN needs a session of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from .stream import ActivityStream

CHANNEL = "nerdup_activity"
MAX_BACKOFF = 10.0


def libpq_url(db_url: str) -> str:
    """The SQLAlchemy URL (`postgresql+psycopg://...`) as a libpq connection string."""
    return make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)


class PgFanout:
    def __init__(self, db_url: str, stream: ActivityStream, log: logging.Logger) -> None:
        self.conninfo = libpq_url(db_url)
        self.stream = stream
        self.log = log
        self.listening = asyncio.Event()
        self._sender: psycopg.AsyncConnection[Any] | None = None
        self._task: asyncio.Task[None] | None = None
        self._last_seen = 0

    async def start(self) -> None:
        self._last_seen = await asyncio.to_thread(self.stream.newest_id)
        self.stream.notify = self.notify
        self._task = asyncio.ensure_future(self._listen_forever())
        with contextlib.suppress(TimeoutError):  # keeps retrying in the background
            await asyncio.wait_for(self.listening.wait(), 5)

    async def _listen_forever(self) -> None:
        backoff = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self.conninfo, autocommit=True
                ) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    backoff = 0.5
                    await self._catch_up()
                    async for note in conn.notifies():
                        await self._received(note.payload)
            except asyncio.CancelledError:
                raise
            except Exception as err:
                self.listening.clear()
                self.log.warning("nerdup: LISTEN connection lost (%s); retrying", err)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF)

    async def _received(self, payload: str) -> None:
        if not payload.isdigit():
            return
        activity_id = int(payload)
        self._last_seen = max(self._last_seen, activity_id)
        await self.stream.deliver_id(activity_id)

    async def _catch_up(self) -> None:
        """Deliver what was stored while this replica was not listening."""
        for event in await self.stream.since(self._last_seen):
            self._last_seen = max(self._last_seen, int(event["activity_id"]))
            self.stream.deliver(event)

    async def notify(self, activity_id: int) -> bool:
        """Tell every replica (this one too) about a stored activity; False if impossible."""
        try:
            if self._sender is None or self._sender.closed:
                self._sender = await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True)
            await self._sender.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(activity_id)))
            return True
        except Exception as err:
            self.log.warning("nerdup: NOTIFY failed (%s)", err)
            self._sender = None
            return False

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._sender is not None:
            await self._sender.close()
