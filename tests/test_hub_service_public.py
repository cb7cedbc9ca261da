"""The hub service's public page, outside a Hub: `<prefix>nerdup/public/groups/{id}` is
served to anyone without a token (its identity provider asks for nobody there), only with
the service's own `public_pages`, and with the embedded page's 404 rules and headers.
The same path through a real Hub's proxy: tests/hub/test_public_pages.py."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPResponse
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from nerdup_lab.backend.base import Caller
from nerdup_lab.backend.hub import SERVICE_HEADER
from nerdup_lab.config import NerdUp
from nerdup_lab.hub.app import HubService

PREFIX = "/services/nerdup/"


class Running:
    def __init__(self, service: HubService, url: str) -> None:
        self.service, self.url = service, url

    async def get(self, path: str, **headers: str) -> HTTPResponse:
        client = AsyncHTTPClient()
        return await client.fetch(
            f"{self.url}{path}", headers=headers, raise_error=False, follow_redirects=False
        )

    async def group(self, title: str, visibility: str) -> int:
        made = await self.service.backend.create_group(
            Caller("alice"), {"title": title, "visibility": visibility}
        )
        return int(made["id"])


def _serve(tmp_path: Path, loop: Any, public_pages: bool) -> Iterator[Running]:
    config = NerdUp(db_url=f"sqlite:///{tmp_path / 'nerdup.sqlite'}", public_pages=public_pages)
    service = HubService(config, PREFIX, logging.getLogger("nerdup-test"))
    loop.run_until_complete(service.start())
    sock, port = bind_unused_port()
    server = HTTPServer(service.make_app())
    server.add_sockets([sock])
    try:
        yield Running(service, f"http://127.0.0.1:{port}{PREFIX}")
    finally:
        server.stop()
        loop.run_until_complete(service.stop())


@pytest.fixture
def public_service(tmp_path: Path, jp_asyncio_loop: Any) -> Iterator[Running]:
    yield from _serve(tmp_path, jp_asyncio_loop, public_pages=True)


@pytest.fixture
def private_service(tmp_path: Path, jp_asyncio_loop: Any) -> Iterator[Running]:
    yield from _serve(tmp_path, jp_asyncio_loop, public_pages=False)


async def test_an_open_groups_page_needs_no_token(public_service):
    gid = await public_service.group("Open <club>", "open")
    reply = await public_service.get(f"nerdup/public/groups/{gid}")
    assert reply.code == 200
    assert "Open &lt;club&gt;" in reply.body.decode()
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert reply.headers["X-Robots-Tag"] == "noindex"
    assert reply.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert SERVICE_HEADER in reply.headers
    # A token, even one the Hub would refuse, changes nothing: the page asks for nobody.
    again = await public_service.get(f"nerdup/public/groups/{gid}", Authorization="token junk")
    assert again.code == 200 and again.body == reply.body


async def test_members_only_and_missing_groups_are_the_same_404(public_service):
    secret = await public_service.group("Secret squirrels", "members")
    hidden = await public_service.get(f"nerdup/public/groups/{secret}")
    missing = await public_service.get("nerdup/public/groups/9999")
    odd = await public_service.get("nerdup/public/groups/x1")
    assert hidden.code == missing.code == odd.code == 404
    assert hidden.body == missing.body == odd.body
    assert b"Secret" not in hidden.body
    assert SERVICE_HEADER in hidden.headers


async def test_the_api_still_wants_a_token(public_service):
    gid = await public_service.group("Open club", "open")
    reply = await public_service.get(f"nerdup/api/v1/groups/{gid}")
    assert reply.code == 401


async def test_without_public_pages_the_service_answers_404(private_service):
    gid = await private_service.group("Open club", "open")
    reply = await private_service.get(f"nerdup/public/groups/{gid}")
    assert reply.code == 404 and b"Open club" not in reply.body
    assert SERVICE_HEADER in reply.headers


async def test_the_index_lists_open_groups_without_a_token(public_service):
    await public_service.group("Open club", "open")
    await public_service.group("Secret squirrels", "members")
    reply = await public_service.get("nerdup/public/groups")
    assert reply.code == 200 and SERVICE_HEADER in reply.headers
    body = reply.body.decode()
    assert "Open club" in body and "Secret" not in body
    assert reply.headers["Content-Security-Policy"].startswith("default-src 'none'")


async def test_without_public_pages_the_index_is_the_same_404(private_service):
    await private_service.group("Open club", "open")
    index = await private_service.get("nerdup/public/groups")
    page = await private_service.get("nerdup/public/groups/1")
    assert index.code == page.code == 404 and index.body == page.body
