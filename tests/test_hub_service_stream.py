"""The service's event stream and a user's server's relay of it, outside a Hub: a stopping
service ends every stream with a finished response (a cut one can stay open behind the
proxy, and its reader then hears nothing for seconds), and a relay whose cursor was taken
at start relays what was published before its stream opened. End to end, through a real
Hub and proxy, in tests/hub.

The service's identity provider is swapped for one that takes the token as the user name
(the real one asks JupyterHub about a token)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jupyter_server.auth.identity import User
from tornado.httpclient import AsyncHTTPClient, HTTPRequest, HTTPResponse
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import HTTPError

from nerdup_lab.backend.base import Caller
from nerdup_lab.backend.hub_relay import EventRelay
from nerdup_lab.config import NerdUp
from nerdup_lab.hub.app import HubService
from nerdup_lab.hub.identity import HubTokenIdentityProvider

PREFIX = "/services/nerdup/"
# What a failing test waits at most; never a latency claim (those are in `make bench`).
FAILURE_BOUND = 30.0


class TokenIsUserIdentity(HubTokenIdentityProvider):
    async def get_user(self, handler: Any) -> User | None:
        auth = handler.request.headers.get("Authorization", "")
        name = auth.removeprefix("token ").strip()
        if not name:
            raise HTTPError(401)
        return User(username=name, name=name, display_name=name)


@dataclass
class Running:
    hub: HubService
    server: HTTPServer
    events_url: str


@pytest.fixture
def running(tmp_path: Path, jp_asyncio_loop: Any) -> Iterator[Running]:
    config = NerdUp(db_url=f"sqlite:///{tmp_path / 'nerdup.sqlite'}")
    hub = HubService(config, PREFIX, logging.getLogger("nerdup-test"))
    hub.identity = TokenIsUserIdentity(log=hub.log)
    jp_asyncio_loop.run_until_complete(hub.start())
    sock, port = bind_unused_port()
    server = HTTPServer(hub.make_app())
    server.add_sockets([sock])
    try:
        yield Running(hub, server, f"http://127.0.0.1:{port}{PREFIX}nerdup/api/v1/events")
    finally:
        server.stop()
        jp_asyncio_loop.run_until_complete(hub.stop())


async def new_group(hub: HubService, title: str) -> int:
    made = await hub.backend.create_group(Caller("alice"), {"title": title})
    return int(made["id"])


async def test_a_stopping_service_finishes_every_event_stream(running: Running) -> None:
    opened: list[asyncio.Event] = []
    fetches: list[asyncio.Future[HTTPResponse]] = []
    chunks: list[bytes] = []

    def received(chunk: bytes, seen: asyncio.Event) -> None:
        chunks.append(chunk)
        seen.set()

    for user in ("alice", "bob"):
        hello = asyncio.Event()
        request = HTTPRequest(
            running.events_url,
            headers={"Authorization": f"token {user}"},
            streaming_callback=lambda chunk, seen=hello: received(chunk, seen),
            request_timeout=FAILURE_BOUND,
        )
        fetches.append(asyncio.ensure_future(AsyncHTTPClient(force_instance=True).fetch(request)))
        opened.append(hello)
    await asyncio.wait_for(asyncio.gather(*(e.wait() for e in opened)), FAILURE_BOUND)

    await running.hub.drain(running.server, FAILURE_BOUND)

    # Each response ended as HTTP says (a cut connection would be a 599 "Stream closed").
    for fetch in fetches:
        response = await asyncio.wait_for(fetch, FAILURE_BOUND)
        assert response.code == 200
    assert b"".join(chunks).count(b"event: hello") == 2


async def test_a_relay_resumes_from_the_cursor_it_took_at_start(running: Running) -> None:
    received: list[dict[str, Any]] = []
    arrived = asyncio.Event()

    def emit(event: dict[str, Any]) -> None:
        received.append(event)
        arrived.set()

    relay = EventRelay(running.events_url, "alice", emit, logging.getLogger("nerdup-test"))
    before = await new_group(running.hub, "Made before the server started")
    # What a starting server does before it listens (synchronously, so here in a thread:
    # the service answers on this test's event loop).
    assert await asyncio.to_thread(relay.take_cursor)
    # Published after the server started and before its stream opened ...
    gid = await new_group(running.hub, "Made while the stream was not open yet")
    relay.start()
    try:
        await asyncio.wait_for(arrived.wait(), FAILURE_BOUND)
    finally:
        await relay.stop()
    # ... is relayed; what came before the server's start is not.
    assert [(e["group_id"], e["kind"]) for e in received] == [(gid, "group.created")]
    assert before != gid


async def test_a_relay_without_a_reachable_service_starts_without_a_cursor(
    running: Running,
) -> None:
    unused, port = bind_unused_port()
    unused.close()
    url = f"http://127.0.0.1:{port}{PREFIX}nerdup/api/v1/events"
    relay = EventRelay(url, "alice", lambda event: None, logging.getLogger("nerdup-test"))
    assert await asyncio.to_thread(relay.take_cursor, 2.0) is False
    assert relay.last_id is None
    assert "Connection refused" in relay.last_error
