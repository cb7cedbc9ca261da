"""The sessions' calendar feed (#19): `/me/calendar` (the caller's feed URL: state, a new
one, revoke) and the feed itself, `/calendar/feeds/<token>.ics`, which calendar apps fetch
without logging in: the token is the only credential, and an unknown or revoked one is a
plain 404 (the same for both)."""

from __future__ import annotations

from jupyter_server.auth.decorator import allow_unauthenticated, authorized
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado.web import authenticated

from ..backend import Backend
from ..core.errors import NotFound
from ..core.validate import INT_MAX
from .base import API_PREFIX
from .resource import ResourceHandler

FEED_PATH = "calendar/feeds"


class MyCalendarHandler(ResourceHandler):
    """GET: whether the caller has a live feed URL. POST: a new URL (shown once; the old
    one stops working). DELETE: revoke it."""

    def _feed_path(self, token: str) -> str:
        # From the server's root: in hub mode the service's prefix (/services/<name>/), which
        # the proxy serves on the Hub's own address.
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return f"{base}{API_PREFIX}/{FEED_PATH}/{token}.ics"

    @authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.backend.calendar_state(self.caller))

    @authenticated
    @authorized
    async def post(self) -> None:
        made = await self.backend.calendar_new_feed(self.caller)
        path = self._feed_path(made["token"])
        # `url` is right where this server is reached directly; behind a proxy that changes
        # the scheme or host (JupyterHub's, TLS ended in front), the lab joins `path` to the
        # address the browser sees.
        url = f"{self.request.protocol}://{self.request.host}{path}"
        self.send({**made, "path": path, "url": url}, 201)

    @authenticated
    @authorized
    async def delete(self) -> None:
        await self.backend.calendar_revoke(self.caller)
        self.send_nothing()


class CalendarFeedHandler(ExtensionHandlerMixin, JupyterHandler):
    """The iCalendar text; `?group=<id>` for one of the owner's groups only."""

    # No login and no authorizer: the token in the path is the credential.
    no_login = True

    def check_xsrf_cookie(self) -> None:  # GET only, by token
        return

    def _not_found(self) -> None:
        self.set_status(404)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("No such calendar.\n")

    @allow_unauthenticated
    async def get(self, token: str) -> None:
        backend: Backend = self.settings["nerdup_backend"]
        raw = self.get_query_argument("group", None)
        group_id = None
        if raw is not None:
            if not (raw.isascii() and raw.isdigit() and len(raw) <= 10) or int(raw) > INT_MAX:
                self._not_found()
                return
            group_id = int(raw)
        # `?community=1`: every open group's sessions too (anything else: the owner's only).
        community = self.get_query_argument("community", "") == "1"
        if getattr(backend, "forwards", False):  # hub mode: the service serves feeds
            self._not_found()
            return
        try:
            body = await backend.calendar_feed(token, group_id, community)
        except NotFound:
            self._not_found()
            return
        self.set_header("Content-Type", "text/calendar; charset=utf-8")
        self.set_header("Cache-Control", "private, max-age=300")
        self.set_header("X-Robots-Tag", "noindex")
        self.finish(body)
