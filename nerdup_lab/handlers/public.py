"""The read-only public page of an open group: `<base_url>/nerdup/public/groups/{id}`.

Served without login, and only when the admin sets `c.NerdUp.public_pages = True`.
Otherwise, and for members-only or missing groups, the answer is the same plain 404, so
a members-only group's existence and title never leak.
"""

from __future__ import annotations

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin

from ..backend import Backend
from ..core.errors import NotFound

PUBLIC_PREFIX = "nerdup/public"
NOT_FOUND = "<!DOCTYPE html><title>Not found</title><p>There is no such page.</p>"


class PublicGroupHandler(ExtensionHandlerMixin, JupyterHandler):
    def check_xsrf_cookie(self) -> None:  # GET only; nothing to protect
        return

    def _not_found(self) -> None:
        self.set_status(404)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(NOT_FOUND)

    @allow_unauthenticated
    async def get(self, group_id: str) -> None:
        config = self.settings.get("nerdup_config")
        if config is None or not config.public_pages or not group_id.isdigit():
            self._not_found()
            return
        backend: Backend = self.settings["nerdup_backend"]
        if getattr(backend, "forwards", False):
            # JupyterHub mode: the hub service owns the data; its public page is not
            # served through a user's server (which would need that user to be logged in).
            self._not_found()
            return
        try:
            html = await backend.public_group_page(int(group_id))
        except NotFound:
            self._not_found()
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("X-Robots-Tag", "noindex")
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        self.finish(html)
