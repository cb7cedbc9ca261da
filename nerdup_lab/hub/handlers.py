"""The two routes only the service has: its health check and the activity event stream."""

from __future__ import annotations

import asyncio
import json

from jupyter_server.auth.decorator import authorized
from tornado.iostream import StreamClosedError
from tornado.web import RequestHandler, authenticated

from .._version import __version__
from ..events import STREAM_HEARTBEAT_SECONDS
from ..handlers.base import NerdUpHandler
from .stream import ActivityStream, Event, Subscription


class HealthHandler(RequestHandler):
    """`GET <prefix>nerdup/api/v1/health`, unauthenticated, for JupyterHub and load balancers."""

    def get(self) -> None:
        storage = self.settings["nerdup_backend"].db.engine.dialect.name
        public = bool(self.settings["nerdup_config"].public_pages)
        self.set_header("Content-Type", "application/json")
        body = {"status": "ok", "version": __version__, "storage": storage, "public_pages": public}
        self.finish(json.dumps(body))


def sse(event: Event, kind: str = "activity") -> str:
    return f"id: {event['activity_id']}\nevent: {kind}\ndata: {json.dumps(event)}\n\n"


class EventStreamHandler(NerdUpHandler):
    """`GET <prefix>nerdup/api/v1/events`: server-sent events of the groups the caller sees.

    Each event's `id` is its activity id. The stream opens with a `hello` event whose id is
    the newest stored activity, so a client always holds a cursor; a client that reconnects
    with `Last-Event-ID: <id>` first receives every visible event stored after it.
    """

    _sub: Subscription | None = None

    @property
    def stream(self) -> ActivityStream:
        found: ActivityStream = self.settings["nerdup_stream"]
        return found

    def _last_event_id(self) -> int | None:
        raw = self.request.headers.get("Last-Event-ID") or self.get_query_argument("after", "")
        return int(raw) if raw.strip().isdigit() else None

    @authenticated
    @authorized
    async def get(self) -> None:
        username = self.caller.username
        self._sub = sub = await self.stream.subscribe(username)
        try:
            await self._serve(sub, username)
            if not self._finished:
                # Awaited, so a stopping service closes the connection only after the
                # end of the response is written (see ActivityStream.ended).
                await self.finish()
        except StreamClosedError:
            pass
        finally:
            self.stream.unsubscribe(sub)

    async def _serve(self, sub: Subscription, username: str) -> None:
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Accel-Buffering", "no")  # nginx: do not buffer the stream
        after = self._last_event_id()
        newest = await asyncio.to_thread(self.stream.newest_id)
        hello = {"activity_id": newest, "resumed_after": after}
        self.write(f"retry: 1000\nid: {newest}\nevent: hello\ndata: {json.dumps(hello)}\n\n")
        await self.flush()
        replayed: set[int] = set()
        if after is not None:
            for old in await self.stream.missed(username, after):
                replayed.add(int(old["activity_id"]))
                await self._send(username, old)
        while True:
            try:
                event: Event | None = await asyncio.wait_for(
                    sub.queue.get(), STREAM_HEARTBEAT_SECONDS
                )
            except TimeoutError:
                self.write(": keep-alive\n\n")
                await self.flush()
                continue
            if event is None:  # the service is stopping, or the reader fell behind
                return
            if int(event["activity_id"]) not in replayed:
                await self._send(username, event)

    async def _send(self, username: str, event: Event) -> None:
        # Only events the reader may see reach its queue (the stream checks, see
        # visibility.py); replayed ones are filtered by `missed`.
        self.write(sse(event))
        await self.flush()

    def on_connection_close(self) -> None:
        if self._sub is not None:
            self._sub.put(None)
