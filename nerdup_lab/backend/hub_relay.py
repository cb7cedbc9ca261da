"""Hub mode's live updates: one server-sent-event stream from the service, relayed onto
this server's event bus with the schema embedded mode uses.

The stream is read with the server's own token (`$JUPYTERHUB_API_TOKEN`, the owner's),
so it carries what the owner may see: this is a read-only feed, not an act on anyone's
behalf. Every event id is an activity id; after a lost connection or a service restart
the relay reconnects with `Last-Event-ID` and the service replays what was missed.

The first cursor is taken while the server starts, before it listens (`take_cursor`):
the stream itself only opens once the event loop runs, after JupyterHub already sees
the server as ready, and an event published in between would otherwise never be relayed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from ..events import STREAM_HEARTBEAT_SECONDS, activity_event

# A stream is re-opened at least this often (ids make the reconnect lossless).
STREAM_TIMEOUT_SECONDS = 120.0
# A stream that has sent nothing, not even a heartbeat, for this long is dead: the proxy
# in front of a stopped service may keep the connection open without ever closing it.
IDLE_LIMIT_SECONDS = 2.5 * STREAM_HEARTBEAT_SECONDS
# Short enough that a restarted service is back in a user's lab within seconds.
MIN_BACKOFF, MAX_BACKOFF = 0.5, 5.0
# How long a starting server waits for the service's cursor before it starts without one.
CURSOR_TIMEOUT_SECONDS = 5.0


class EventRelay:
    def __init__(
        self,
        url: str,
        token: str,
        emit: Callable[[dict[str, Any]], None],
        log: logging.Logger,
    ) -> None:
        self.url = url
        self.token = token
        self.emit = emit
        self.log = log
        self.last_id: int | None = None
        self.connected = False
        self.last_error = ""
        self.connected_at = 0.0
        self._last_seen = 0.0
        # Chunks of a stream given up as dead must not be mixed into the next one.
        self._generation = 0
        self._buffer = ""
        self._status_ok = False
        self._task: asyncio.Task[None] | None = None

    @property
    def live(self) -> bool:
        """Connected, and heard from lately (a heartbeat at least): live updates flow."""
        recent = time.monotonic() - self._last_seen < 2 * STREAM_HEARTBEAT_SECONDS
        return self.connected and recent

    def take_cursor(self, timeout: float = CURSOR_TIMEOUT_SECONDS) -> bool:
        """Read the stream's opening `hello` (the newest activity id) synchronously, so the
        first connection resumes from this moment. Called before the server listens; an
        unreachable service costs at most `timeout` and leaves the cursor unset (the first
        connection then starts from the newest activity, as a reconnect after a fresh
        database does). True when a cursor was taken."""
        request = urllib.request.Request(self.url, headers=self._headers())
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                block: list[str] = []
                for raw in response:
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    if line:
                        block.append(line)
                        continue
                    fields = _fields("\n".join(block))
                    if fields.get("event") == "hello" and fields.get("id", "").isdigit():
                        self.last_id = int(fields["id"])
                        return True
                    block = []
        except (OSError, urllib.error.URLError, ValueError) as err:
            self.last_error = f"{type(err).__name__}: {err}"
            self.log.warning("nerdup: no event cursor from the hub service at start (%s)", err)
        return False

    def _headers(self) -> dict[str, str]:
        headers = {"Authorization": f"token {self.token}", "Accept": "text/event-stream"}
        if self.last_id is not None:
            headers["Last-Event-ID"] = str(self.last_id)
        return headers

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None

    async def _run(self) -> None:
        backoff = MIN_BACKOFF
        while True:
            try:
                await self._read_stream()
            except asyncio.CancelledError:
                raise
            except HTTPClientError as err:
                self.last_error = f"HTTP {err.code}: {err.message}"
            except Exception as err:
                self.last_error = f"{type(err).__name__}: {err}"
            if self.connected:  # the stream was up: a fresh start, not a failure streak
                backoff = MIN_BACKOFF
            self.connected = False
            self.log.debug("nerdup: hub event stream closed (%s)", self.last_error)
            # Jitter, so many servers do not reconnect in lockstep after a service restart.
            await asyncio.sleep(backoff * (0.5 + random.random()))
            backoff = min(backoff * 2, MAX_BACKOFF)

    async def _read_stream(self) -> None:
        headers = self._headers()
        self._generation += 1
        generation = self._generation
        self._buffer = ""
        self._status_ok = False
        self._last_seen = time.monotonic()
        request = HTTPRequest(
            self.url,
            headers=headers,
            streaming_callback=lambda chunk: self._on_chunk(chunk, generation),
            header_callback=self._on_header,
            connect_timeout=5,
            request_timeout=STREAM_TIMEOUT_SECONDS,
        )
        fetch = asyncio.ensure_future(AsyncHTTPClient().fetch(request))
        while not fetch.done():
            await asyncio.wait([fetch], timeout=1.0)
            if not fetch.done() and time.monotonic() - self._last_seen > IDLE_LIMIT_SECONDS:
                # Give the silent stream up; its socket closes at its own timeout.
                fetch.add_done_callback(lambda f: f.cancelled() or f.exception())
                raise TimeoutError(f"no heartbeat from the service for {IDLE_LIMIT_SECONDS} s")
        try:
            fetch.result()
        except HTTPClientError as err:
            if err.code != 599 or not self.connected:  # 599 after data: our own timeout
                raise
        self.last_error = "stream ended"

    def _on_header(self, line: str) -> None:
        if line.startswith("HTTP/"):
            parts = line.split()
            self._status_ok = len(parts) > 1 and parts[1] == "200"

    def _on_chunk(self, chunk: bytes, generation: int) -> None:
        if generation != self._generation:
            return
        if not self._status_ok:  # an error page, not the stream; fetch() raises for it
            return
        self._last_seen = time.monotonic()
        if not self.connected:
            self.connected = True
            self.connected_at = time.monotonic()
            self.last_error = ""
        self._buffer += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        while "\n\n" in self._buffer:
            block, self._buffer = self._buffer.split("\n\n", 1)
            self._on_message(block)

    def _on_message(self, block: str) -> None:
        fields = _fields(block)
        kind, raw_id = fields.get("event", "message"), fields.get("id", "")
        if kind == "hello":
            newest = int(raw_id) if raw_id.isdigit() else 0
            # A first connection, or a service whose history is shorter than what we saw
            # (a fresh database): continue from the service's newest activity.
            if self.last_id is None or newest < self.last_id:
                self.last_id = newest
            return
        if kind != "activity" or "data" not in fields:
            return
        try:
            event = activity_event(_as_activity(json.loads(fields["data"])))
        except (ValueError, KeyError, TypeError):
            self.log.warning("nerdup: ignored a malformed hub event %r", block[:200])
            return
        if raw_id.isdigit():
            self.last_id = max(self.last_id or 0, int(raw_id))
        self.emit(event)


def _fields(block: str) -> dict[str, str]:
    """One server-sent event's fields (`id`, `event`, `data`; comments skipped)."""
    fields: dict[str, str] = {}
    for line in block.split("\n"):
        if not line or line.startswith(":"):
            continue
        key, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        fields[key] = fields[key] + "\n" + value if key in fields else value
    return fields


def _as_activity(data: dict[str, Any]) -> dict[str, Any]:
    """The stream carries event payloads; `activity_event` takes an activity record."""
    return {**data, "id": data["activity_id"]}
