"""The hub service's event stream under many readers: one event costs the same few SQL
statements whether one lab or twenty are open, and each reader still gets exactly the
events of the groups it may see (a members-only group's events reach its members only,
and reach a newcomer from the moment they join).

Real parts: the service's tornado app on a socket, real SSE connections read by tornado's
HTTP client, a real database (SQLite and PostgreSQL); the user comes from a test header."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hub_service_kit import API, PREFIX, HeaderUserIdentity
from sqlalchemy import event
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from nerdup_lab.backend.base import Caller
from nerdup_lab.config import NerdUp
from nerdup_lab.hub.app import HubService


class Reader:
    """One open `GET /events` stream, collecting the activity events it receives."""

    def __init__(self, url: str, username: str) -> None:
        self.username = username
        self.kinds: list[str] = []
        self.hello = asyncio.Event()
        self.arrived = asyncio.Condition()
        self._buffer = ""
        self._pending: set[asyncio.Future[None]] = set()
        request = HTTPRequest(
            url,
            headers={"X-Test-User": username},
            streaming_callback=self._chunk,
            request_timeout=0,
        )
        self._client = AsyncHTTPClient(force_instance=True)
        self._fetch = asyncio.ensure_future(self._client.fetch(request, raise_error=False))

    def _chunk(self, chunk: bytes) -> None:
        self._buffer += chunk.decode()
        while "\n\n" in self._buffer:
            block, self._buffer = self._buffer.split("\n\n", 1)
            lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
            if lines.get("event") == "hello":
                self.hello.set()
            elif lines.get("event") == "activity":
                self.kinds.append(json.loads(lines["data"])["kind"])
                self._pending.add(asyncio.ensure_future(self._notify()))

    async def _notify(self) -> None:
        async with self.arrived:
            self.arrived.notify_all()

    async def wait_for(self, kind: str, times: int = 1) -> None:
        async with self.arrived:
            await self.arrived.wait_for(lambda: self.kinds.count(kind) >= times)

    def close(self) -> None:
        self._fetch.cancel()
        self._client.close()


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args: Any) -> None:
        self.count += 1


@contextmanager
def counting(engine: Any) -> Iterator[Counter]:
    counter = Counter()
    event.listen(engine, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", counter)


@pytest.fixture
def service(
    db_url: str, jp_asyncio_loop: Any
) -> Iterator[tuple[HubService, Callable[[str], Reader]]]:
    hub = HubService(NerdUp(db_url=db_url), PREFIX, logging.getLogger("nerdup-test"))
    hub.identity = HeaderUserIdentity(log=hub.log)
    jp_asyncio_loop.run_until_complete(hub.start())
    sock, port = bind_unused_port()
    server = HTTPServer(hub.make_app())
    server.add_sockets([sock])
    readers: list[Reader] = []

    def open_reader(username: str) -> Reader:
        reader = Reader(f"http://127.0.0.1:{port}{API}/events", username)
        readers.append(reader)
        return reader

    try:
        yield hub, open_reader
    finally:
        for reader in readers:
            reader.close()
        server.stop()
        jp_asyncio_loop.run_until_complete(hub.stop())


async def _statements_for(hub: HubService, gid: int, title: str, *arrivals: Any) -> int:
    """The statements run while one milestone is created and reaches every reader."""
    with counting(hub.backend.db.engine) as counter:
        await hub.backend.create_milestone(Caller("alice"), gid, {"title": title})
        await asyncio.gather(*arrivals)
    return counter.count


async def test_one_event_costs_the_same_statements_for_one_reader_or_twenty(service):
    hub, open_reader = service
    alice = open_reader("alice")
    await alice.hello.wait()
    gid = int((await hub.backend.create_group(Caller("alice"), {"title": "Club"}))["id"])
    # The group's first event loads who may see it (one query for all readers).
    await alice.wait_for("group.created")
    one = await _statements_for(hub, gid, "First", alice.wait_for("milestone.created"))
    others = [open_reader(f"reader{i}") for i in range(20)]
    await asyncio.gather(*(r.hello.wait() for r in others))
    twenty = await _statements_for(
        hub,
        gid,
        "Second",
        alice.wait_for("milestone.created", 2),
        *(r.wait_for("milestone.created") for r in others),
    )
    # The write's own statements, and nothing per reader.
    assert twenty == one, (one, twenty)


async def test_a_members_only_groups_events_reach_members_and_newcomers_only(service):
    hub, open_reader = service
    alice, bob = Caller("alice"), Caller("bob")
    member, outsider = open_reader("alice"), open_reader("bob")
    await asyncio.gather(member.hello.wait(), outsider.hello.wait())
    gid = int(
        (await hub.backend.create_group(alice, {"title": "Quiet", "visibility": "members"}))["id"]
    )
    await hub.backend.create_milestone(alice, gid, {"title": "Private"})
    await member.wait_for("milestone.created")
    # Bob is added: from that event on, he sees the group's events.
    await hub.backend.join_group(alice, gid, {"username": "bob", "role": "participant"})
    await outsider.wait_for("member.joined")
    await hub.backend.create_proposal(bob, gid, {"title": "Bob's idea"})
    await outsider.wait_for("proposal.created")
    assert outsider.kinds == ["member.joined", "proposal.created"]
    assert member.kinds == [
        "group.created", "milestone.created", "member.joined", "proposal.created"
    ]  # fmt: skip
