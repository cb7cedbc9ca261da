"""/groups, /groups/{id}, and the group's read-only views (progress, activity)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from ..core.activity import DEFAULT_PAGE
from .resource import ResourceHandler


class GroupsHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self) -> None:
        found = await self.backend.list_groups(
            self.caller, q=self.query_text("q"), status=self.query_text("status")
        )
        self.send({"groups": found})

    @authenticated
    @authorized
    async def post(self) -> None:
        self.send_record(await self.backend.create_group(self.caller, self.json_body()), 201)


class GroupHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send_record(await self.backend.get_group(self.caller, gid))

    @authenticated
    @authorized
    async def patch(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        self.send_record(await self.backend.update_group(self.caller, gid, body, self.if_match()))

    @authenticated
    @authorized
    async def delete(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        await self.backend.delete_group(self.caller, gid, self.if_match())
        self.send_nothing()


class GroupProgressHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.group_progress(self.caller, gid))


class GroupProgressSeriesHandler(ResourceHandler):
    """The dashboard's burn-up and contributions, computed on the server."""

    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.progress_series(self.caller, gid))


class GroupActivityHandler(ResourceHandler):
    """Newest first; `?limit=` (1-200, default 50) and `?before=<activity id>` to page."""

    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        limit = self.query_int("limit", None)
        before = self.query_int("before", None)
        page = DEFAULT_PAGE if limit is None else limit
        self.send(await self.backend.group_activity(self.caller, gid, page, before))
