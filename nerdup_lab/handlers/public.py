"""The read-only public pages: the index of open groups, `<base_url>/nerdup/public/groups`,
and an open group's page, `<base_url>/nerdup/public/groups/{id}`.

Served without login, and only when the admin sets `c.NerdUp.public_pages = True`.
Otherwise, and for members-only or missing groups, the answer is the same plain 404, so
a members-only group's existence and title never leak.

The same handler runs in both hosts. In embedded mode the extension serves the page from
its database. In JupyterHub mode the service owns the data and serves the page under its
prefix (`/services/<name>/nerdup/public/groups/{id}`, through the Hub's proxy, no token:
the service's identity provider asks for nobody on an `@allow_unauthenticated` method),
honouring the *service's* `public_pages`; a user's server answers with a redirect there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from urllib.parse import quote, urlparse

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado.web import RequestHandler

from ..backend import Backend
from ..config import NerdUp
from ..core.errors import NotFound
from ..core.validate import INT_MAX

PUBLIC_PREFIX = "nerdup/public"
NOT_FOUND = "<!DOCTYPE html><title>Not found</title><p>There is no such page.</p>"

_SERVICE_PATH = re.compile(r"/services/([^/]+)/?$")


def service_public_url(config: NerdUp, env: Mapping[str, str], group_id: int | None) -> str | None:
    """Where a browser finds the hub service's public page of `group_id` (the index when
    None): a path on the Hub's public origin (user servers and services share it behind
    the Hub's proxy).

    `<$JUPYTERHUB_BASE_URL>services/<hub_service_name>/nerdup/public/groups/<id>`. Without
    `hub_service_name` the name is read from `hub_url`, whose path ends with the service's
    prefix `services/<name>/` (the service serves under that prefix however it is reached).
    None when neither says which service it is.
    """
    name = config.hub_service_name
    if not name:
        found = _SERVICE_PATH.search(urlparse(config.hub_url).path)
        name = found.group(1) if found else ""
    if not name:
        return None
    base = env.get("JUPYTERHUB_BASE_URL") or "/"
    base = base if base.endswith("/") else base + "/"
    base = base if base.startswith("/") else "/" + base
    tail = "" if group_id is None else f"/{group_id}"
    return f"{base}services/{quote(name)}/{PUBLIC_PREFIX}/groups{tail}"


class PublicPageHandler(ExtensionHandlerMixin, JupyterHandler):
    """What the index and a group's page share: off unless `public_pages`, one plain
    404 for everything not shown, the headers, the redirect in JupyterHub mode."""

    def check_xsrf_cookie(self) -> None:  # GET only; nothing to protect
        return

    def _not_found(self) -> None:
        self.set_status(404)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(NOT_FOUND)

    async def serve(self, group_id: int | None) -> None:
        config: NerdUp | None = self.settings.get("nerdup_config")
        if config is None:
            self._not_found()
            return
        backend: Backend = self.settings["nerdup_backend"]
        if getattr(backend, "forwards", False):
            self._to_service(config, group_id)
            return
        if not config.public_pages:
            self._not_found()
            return
        try:
            if group_id is None:
                html = await backend.public_index()
            else:
                html = await backend.public_group_page(group_id)
        except NotFound:
            self._not_found()
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("X-Robots-Tag", "noindex")
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        self.finish(html)

    def _to_service(self, config: NerdUp, group_id: int | None) -> None:
        """JupyterHub mode: the service owns the data and serves the page to anyone.

        Unconditional (this server's own `public_pages` is not consulted): the service's
        setting decides, and its 404 for a page that is off, members-only or missing is
        the same as for any other. The redirect itself says nothing about the group.
        """
        url = service_public_url(config, os.environ, group_id)
        if url is None:
            self._not_found()
            return
        # RequestHandler's own redirect: JupyterHub's single-user identity provider
        # replaces `handler.redirect` with a 403 for a logged-in visitor who may not use
        # this server, and the public page is for everyone.
        RequestHandler.redirect(self, url, status=302)


class PublicGroupHandler(PublicPageHandler):
    @allow_unauthenticated
    async def get(self, group_id: str) -> None:
        if not (group_id.isascii() and group_id.isdigit() and len(group_id) <= 10) or (
            int(group_id) > INT_MAX
        ):
            self._not_found()
            return
        await self.serve(int(group_id))


class PublicIndexHandler(PublicPageHandler):
    """Every open group with its stage, progress and deadline; finished ones with their
    posts and FAQ."""

    @allow_unauthenticated
    async def get(self) -> None:
        await self.serve(None)
