"""The hub service's tornado application: the extension's REST routes under the service
prefix, plus health and the event stream, on a LocalBackend that owns the database."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from types import SimpleNamespace
from typing import Any

from jupyter_server.auth import AllowAllAuthorizer
from sqlalchemy.engine import make_url
from tornado.httpserver import HTTPServer
from tornado.web import Application

from .._version import __version__
from ..backend.hub import SERVICE_HEADER
from ..backend.local import LocalBackend
from ..config import NerdUp
from ..handlers import routes
from ..handlers.base import API_PREFIX
from .fanout import PgFanout
from .handlers import EventStreamHandler, HealthHandler
from .hub_groups import HubGroups
from .identity import HubTokenIdentityProvider
from .stream import ActivityStream


class HubService:
    """Everything one service process holds; `start()` then serve, `stop()` on the way out."""

    def __init__(self, config: NerdUp, prefix: str, log: logging.Logger) -> None:
        self.config = config
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        self.log = log
        # Replicas share one database: upgrading it is the operator's step unless asked.
        self.backend = LocalBackend.open(config, log=log, upgrade_by_default=False)
        self.stream = ActivityStream(self.backend.db, log)
        # The backend announces each stored activity through the same `emit` call it
        # makes on jupyter-server's EventLogger in embedded mode.
        self.backend.event_logger = self.stream
        self.backend.private_events_ids_only = False  # the stream filters per reader
        is_pg = make_url(config.db_url).get_backend_name() == "postgresql"
        self.fanout = PgFanout(config.db_url, self.stream, log) if is_pg else None
        self.identity = HubTokenIdentityProvider(log=log)
        # Reads JupyterHub groups with the service's own token (handlers/hub_groups.py).
        self.hub_groups = HubGroups.from_hub_auth(
            self.identity.hub_auth, timeout=config.hub_request_timeout
        )

    def make_app(self) -> Application:
        api = f"{self.prefix}{API_PREFIX}"
        ext = {"name": "nerdup_lab"}  # what ExtensionHandlerMixin expects
        table: list[Any] = [
            (f"{api}/health", HealthHandler),
            (f"{self.prefix.rstrip('/')}/?", HealthHandler),
            (f"{api}/events", EventStreamHandler, ext),
        ]
        for path, cls in routes():
            table.append((f"{self.prefix}{path.lstrip('/')}", cls, ext))
        settings: dict[str, Any] = {
            "identity_provider": self.identity,
            # The identity provider already refused tokens without the service's access
            # scope; what a user may do is decided per group by the core's permissions.
            "authorizer": AllowAllAuthorizer(identity_provider=self.identity),
            "nerdup_backend": self.backend,
            "nerdup_config": self.config,
            "nerdup_version": __version__,
            "nerdup_stream": self.stream,
            # Handlers that read the user's workspace take its content from the request.
            "nerdup_hub_service": True,
            "nerdup_hub_groups": self.hub_groups,
            # ExtensionHandlerMixin finds its log on the extension app's entry.
            "nerdup_lab": SimpleNamespace(log=self.log),
            "base_url": self.prefix,
            # Behind JupyterHub's proxy; every request carries a Hub token.
            "allow_remote_access": True,
            "disable_check_xsrf": True,
            # On every answer, so the extension tells the service's own answers (any
            # status, any content type) from the proxy's or the Hub's error pages.
            "headers": {SERVICE_HEADER: __version__},
        }
        return Application(table, **settings)

    async def start(self) -> None:
        if self.fanout is not None:
            await self.fanout.start()

    async def drain(self, server: HTTPServer, grace: float) -> None:
        """Stop serving: accept nothing new, end every event stream with a finished
        response (each reader reconnects at once), then close what is left. `grace` bounds
        each of the two waits."""
        server.stop()
        self.stream.close_all()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stream.ended(), grace)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.close_all_connections(), grace)

    async def stop(self) -> None:
        await self.stream.stop()
        if self.fanout is not None:
            await self.fanout.stop()
        await self.hub_groups.close()
        await self.backend.close()
