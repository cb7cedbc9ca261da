"""/groups/{id}/join-requests: ask to join, list (organizers); /{username}: withdraw one's
own; /{username}/accept and /decline (organizers). See core/join_requests."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from .resource import ResourceHandler


class JoinRequestsHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.list_join_requests(self.caller, gid))

    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.ask_to_join(self.caller, gid, self.json_body()), 201)


class JoinRequestHandler(ResourceHandler):
    @authenticated
    @authorized
    async def delete(self, group_id: str, username: str) -> None:
        gid = self.path_id(group_id, "group")
        await self.backend.withdraw_join_request(self.caller, gid, username)
        self.send_nothing()


class JoinDecisionHandler(ResourceHandler):
    @authenticated
    @authorized
    async def post(self, group_id: str, username: str, decision: str) -> None:
        gid = self.path_id(group_id, "group")
        accept = decision == "accept"
        self.send(await self.backend.decide_join_request(self.caller, gid, username, accept))
