"""A hub service outside a Hub, for the tests of its routes: a real `HubService` app on a
free port, whose identity provider reads the user from a test header (the real one asks
JupyterHub about a token; the proxy and Hub path is tested end to end in tests/hub)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from jupyter_server.auth.identity import User
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import HTTPError

from nerdup_lab.backend.base import Caller
from nerdup_lab.config import NerdUp
from nerdup_lab.hub.app import HubService
from nerdup_lab.hub.identity import HubTokenIdentityProvider, allows_anonymous

PREFIX = "/services/nerdup/"
API = f"{PREFIX}nerdup/api/v1"


class HeaderUserIdentity(HubTokenIdentityProvider):
    async def get_user(self, handler: Any) -> User | None:
        if allows_anonymous(handler):  # as the real provider: public routes ask for nobody
            return None
        name = handler.request.headers.get("X-Test-User")
        if not name:
            raise HTTPError(401)
        return User(username=name, name=name, display_name=name)


class Service:
    def __init__(self, service: HubService, url: str) -> None:
        self.service, self.url = service, url

    async def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        reply = await AsyncHTTPClient().fetch(
            f"{self.url}{path}",
            method=method,
            body=json.dumps(body) if body is not None else None,
            headers={"X-Test-User": "alice", "Content-Type": "application/json"},
            raise_error=False,
        )
        return reply.code, json.loads(reply.body) if reply.body else None

    async def group(self) -> int:
        made = await self.service.backend.create_group(Caller("alice"), {"title": "Club"})
        return int(made["id"])


def serve(config: NerdUp, loop: Any) -> Iterator[Service]:
    hub = HubService(config, PREFIX, logging.getLogger("nerdup-test"))
    hub.identity = HeaderUserIdentity(log=hub.log)
    loop.run_until_complete(hub.start())
    sock, port = bind_unused_port()
    server = HTTPServer(hub.make_app())
    server.add_sockets([sock])
    try:
        yield Service(hub, f"http://127.0.0.1:{port}{API}")
    finally:
        server.stop()
        loop.run_until_complete(hub.stop())
