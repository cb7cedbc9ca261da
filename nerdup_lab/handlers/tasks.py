"""/milestones/{id}/tasks, /tasks/{id}, /tasks/{id}/claim and /tasks/{id}/completion."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from .resource import ResourceHandler


class MilestoneTasksHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, milestone_id: str) -> None:
        mid = self.path_id(milestone_id, "milestone")
        self.send({"tasks": await self.backend.list_tasks(self.caller, mid)})

    @authenticated
    @authorized
    async def post(self, milestone_id: str) -> None:
        mid = self.path_id(milestone_id, "milestone")
        body = self.json_body()
        self.send_record(await self.backend.create_task(self.caller, mid, body), 201)


class TaskHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, task_id: str) -> None:
        tid = self.path_id(task_id, "task")
        self.send_record(await self.backend.get_task(self.caller, tid))

    @authenticated
    @authorized
    async def patch(self, task_id: str) -> None:
        tid = self.path_id(task_id, "task")
        body = self.json_body()
        self.send_record(await self.backend.update_task(self.caller, tid, body, self.if_match()))

    @authenticated
    @authorized
    async def delete(self, task_id: str) -> None:
        tid = self.path_id(task_id, "task")
        await self.backend.delete_task(self.caller, tid, self.if_match())
        self.send_nothing()


class TaskClaimHandler(ResourceHandler):
    """The caller's own claim on a task: POST takes it on, DELETE gives it back."""

    @authenticated
    @authorized
    async def post(self, task_id: str) -> None:
        tid = self.path_id(task_id, "task")
        self.send_record(await self.backend.claim_task(self.caller, tid))

    @authenticated
    @authorized
    async def delete(self, task_id: str) -> None:
        tid = self.path_id(task_id, "task")
        self.send_record(await self.backend.release_task(self.caller, tid))


class TaskCompletionHandler(ResourceHandler):
    """The caller's own part of an "everyone does this one" task: POST marks it done,
    DELETE takes that back."""

    @authenticated
    @authorized
    async def post(self, task_id: str) -> None:
        tid = self.path_id(task_id, "task")
        self.send_record(await self.backend.complete_task_part(self.caller, tid))

    @authenticated
    @authorized
    async def delete(self, task_id: str) -> None:
        tid = self.path_id(task_id, "task")
        self.send_record(await self.backend.uncomplete_task_part(self.caller, tid))
