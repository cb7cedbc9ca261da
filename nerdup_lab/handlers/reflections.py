"""Reflections, the milestone retrospective, linked posts and the group's showcase."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from .resource import ResourceHandler


class GroupReflectionsHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send({"reflections": await self.backend.list_reflections(self.caller, gid)})

    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        self.send_record(await self.backend.post_reflection(self.caller, gid, body), 201)


class ReflectionHandler(ResourceHandler):
    @authenticated
    @authorized
    async def patch(self, reflection_id: str) -> None:
        rid = self.path_id(reflection_id, "reflection")
        body = self.json_body()
        self.send_record(
            await self.backend.edit_reflection(self.caller, rid, body, self.if_match())
        )


class RetrospectiveHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, milestone_id: str) -> None:
        mid = self.path_id(milestone_id, "milestone")
        self.send(await self.backend.milestone_retrospective(self.caller, mid))


class GroupPostsHandler(ResourceHandler):
    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        self.send_record(await self.backend.share_post(self.caller, gid, body), 201)


class PostHandler(ResourceHandler):
    @authenticated
    @authorized
    async def delete(self, post_id: str) -> None:
        pid = self.path_id(post_id, "post")
        await self.backend.delete_post(self.caller, pid)
        self.send_nothing()


class ShowcaseHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.group_showcase(self.caller, gid))
