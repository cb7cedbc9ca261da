"""/groups/{id}/milestones (list, create, reorder) and /milestones/{id}."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from .resource import ResourceHandler


class GroupMilestonesHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send({"milestones": await self.backend.list_milestones(self.caller, gid)})

    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        self.send_record(await self.backend.create_milestone(self.caller, gid, body), 201)


class MilestoneOrderHandler(ResourceHandler):
    @authenticated
    @authorized
    async def put(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        self.send({"milestones": await self.backend.reorder_milestones(self.caller, gid, body)})


class MilestoneHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, milestone_id: str) -> None:
        mid = self.path_id(milestone_id, "milestone")
        self.send_record(await self.backend.get_milestone(self.caller, mid))

    @authenticated
    @authorized
    async def patch(self, milestone_id: str) -> None:
        mid = self.path_id(milestone_id, "milestone")
        body = self.json_body()
        self.send_record(
            await self.backend.update_milestone(self.caller, mid, body, self.if_match())
        )

    @authenticated
    @authorized
    async def delete(self, milestone_id: str) -> None:
        mid = self.path_id(milestone_id, "milestone")
        await self.backend.delete_milestone(self.caller, mid, self.if_match())
        self.send_nothing()
