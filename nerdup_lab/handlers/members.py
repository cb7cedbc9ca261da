"""/groups/{id}/members: join or add; /groups/{id}/members/{username}: switch role, leave."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from .resource import ResourceHandler


class MembersHandler(ResourceHandler):
    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send_record(await self.backend.join_group(self.caller, gid, self.json_body()), 201)


class MemberHandler(ResourceHandler):
    @authenticated
    @authorized
    async def patch(self, group_id: str, username: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        member = await self.backend.change_member_role(
            self.caller, gid, username, body, self.if_match()
        )
        self.send_record(member)

    @authenticated
    @authorized
    async def delete(self, group_id: str, username: str) -> None:
        gid = self.path_id(group_id, "group")
        await self.backend.remove_member(self.caller, gid, username)
        self.send_nothing()
