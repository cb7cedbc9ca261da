"""GET /me: the caller's groups and open tasks, for the lab's home view."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from .resource import ResourceHandler


class MeHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.backend.me(self.caller))
