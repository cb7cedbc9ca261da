"""GET /nerdup/api/v1/status: version, mode and storage, for the lab's start-up check."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from .base import NerdUpHandler


class StatusHandler(NerdUpHandler):
    forward_in_hub_mode = False  # answered here, in every mode

    @authenticated
    @authorized
    async def get(self) -> None:
        info = await self.backend.status()
        caller = self.caller
        self.send(
            {
                "version": self.settings["nerdup_version"],
                **info,
                "user": {"username": caller.username, "display_name": caller.display_name},
            }
        )
