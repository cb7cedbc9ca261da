"""`jupyter nerdup hub`: run the nerdup hub as a JupyterHub service.

Managed by the Hub (a `command` in `c.JupyterHub.services`), it reads what the Hub puts in
its environment: `JUPYTERHUB_SERVICE_URL` (where to listen), `JUPYTERHUB_SERVICE_PREFIX`
(the routes' prefix), `JUPYTERHUB_API_URL`, `JUPYTERHUB_API_TOKEN` and
`JUPYTERHUB_SERVICE_NAME`. Run externally (`url` + `api_token` in the Hub's config), give
the same variables or the options below. The database is `c.NerdUp.db_url`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from urllib.parse import urlparse

from traitlets import Int, Unicode, default

from .base import NerdUpCommand

# Open event streams are told to end at once; this bounds the wait for the rest.
SHUTDOWN_GRACE_SECONDS = 0.5


class HubCommand(NerdUpCommand):
    description = "Run the nerdup hub service for JupyterHub (the API, its database, events)."
    aliases = {
        **NerdUpCommand.aliases,
        "ip": ("HubCommand.ip", "Interface to listen on."),
        "port": ("HubCommand.port", "Port to listen on."),
        "prefix": ("HubCommand.prefix", "URL prefix of every route."),
    }

    ip = Unicode(help="Interface to listen on (default: from $JUPYTERHUB_SERVICE_URL).").tag(
        config=True
    )
    port = Int(help="Port to listen on (default: from $JUPYTERHUB_SERVICE_URL).").tag(config=True)
    prefix = Unicode(
        help="URL prefix of every route (default: $JUPYTERHUB_SERVICE_PREFIX or /services/nerdup/)."
    ).tag(config=True)

    @default("ip")
    def _default_ip(self) -> str:
        return urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "")).hostname or "127.0.0.1"

    @default("port")
    def _default_port(self) -> int:
        return urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "")).port or 10101

    @default("prefix")
    def _default_prefix(self) -> str:
        name = os.environ.get("JUPYTERHUB_SERVICE_NAME", "nerdup")
        return os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{name}/")

    def run(self) -> None:
        asyncio.run(self._serve())
        # Everything is closed by now. Tearing down the interpreter's modules (SQLAlchemy,
        # JupyterHub, tornado) takes one to two seconds more, and the Hub waits for its
        # services on shutdown: leave at once.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

    async def _serve(self) -> None:
        from tornado.httpserver import HTTPServer

        from ..hub.app import HubService

        # Signals first: a Hub that stops us while we start must not wait for us.
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stopping.set)
        service = HubService(self.settings, self.prefix, self.log)
        await service.start()
        server = HTTPServer(service.make_app(), xheaders=True)
        server.listen(self.port, self.ip)
        self.log.info(
            "nerdup hub listening on http://%s:%s%s (%s)",
            self.ip,
            self.port,
            service.prefix,
            service.backend.db.engine.dialect.name,
        )
        await stopping.wait()
        self.log.info("nerdup hub stopping")
        await service.drain(server, SHUTDOWN_GRACE_SECONDS)
        await asyncio.wait_for(service.stop(), SHUTDOWN_GRACE_SECONDS * 2)
