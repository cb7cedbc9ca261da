"""The group-and-plan operations of LocalBackend: each one runs one core service function
in a worker thread, inside one transaction (see `LocalBackend.read` / `LocalBackend.write`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..core import (
    groups,
    join_requests,
    members,
    milestones,
    overview,
    plan_requests,
    proposals,
    tasks,
)
from .base import Caller

T = TypeVar("T")
Json = dict[str, Any]


class PlanOperations:
    """Mixin of LocalBackend; relies on its `read` and `write`."""

    if TYPE_CHECKING:

        async def read(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

        async def write(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

    # Groups
    async def list_groups(
        self, caller: Caller, q: str | None = None, status: str | None = None
    ) -> list[Json]:
        return await self.read(
            lambda s, user: groups.list_groups(s, user, q=q, status=status), caller
        )

    async def create_group(self, caller: Caller, data: Json) -> Json:
        # With a `template` field the group starts with that plan, in one transaction.
        return await self.write(plan_requests.create_group, caller, data)

    async def get_group(self, caller: Caller, group_id: int) -> Json:
        return await self.read(groups.get_group, caller, group_id)

    async def update_group(
        self, caller: Caller, group_id: int, data: Json, if_match: int | None
    ) -> Json:
        return await self.write(groups.update_group, caller, group_id, data, if_match)

    async def delete_group(self, caller: Caller, group_id: int, if_match: int | None) -> None:
        await self.write(groups.delete_group, caller, group_id, if_match)

    # Members
    async def join_group(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(members.join, caller, group_id, data)

    async def change_member_role(
        self, caller: Caller, group_id: int, username: str, data: Json, if_match: int | None
    ) -> Json:
        return await self.write(members.change_role, caller, group_id, username, data, if_match)

    async def remove_member(self, caller: Caller, group_id: int, username: str) -> None:
        await self.write(members.leave, caller, group_id, username)

    # Join requests (#14)
    async def ask_to_join(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(join_requests.ask, caller, group_id, data)

    async def withdraw_join_request(self, caller: Caller, group_id: int, username: str) -> None:
        await self.write(join_requests.withdraw, caller, group_id, username)

    async def list_join_requests(self, caller: Caller, group_id: int) -> Json:
        return await self.read(join_requests.list_requests, caller, group_id)

    async def decide_join_request(
        self, caller: Caller, group_id: int, username: str, accept: bool
    ) -> Json:
        return await self.write(join_requests.decide, caller, group_id, username, accept)

    # Milestones
    async def list_milestones(self, caller: Caller, group_id: int) -> list[Json]:
        return await self.read(milestones.list_milestones, caller, group_id)

    async def create_milestone(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(milestones.create_milestone, caller, group_id, data)

    async def reorder_milestones(self, caller: Caller, group_id: int, data: Json) -> list[Json]:
        return await self.write(milestones.reorder, caller, group_id, data)

    async def get_milestone(self, caller: Caller, milestone_id: int) -> Json:
        return await self.read(milestones.get_milestone, caller, milestone_id)

    async def update_milestone(
        self, caller: Caller, milestone_id: int, data: Json, if_match: int | None
    ) -> Json:
        return await self.write(milestones.update_milestone, caller, milestone_id, data, if_match)

    async def delete_milestone(
        self, caller: Caller, milestone_id: int, if_match: int | None
    ) -> None:
        await self.write(milestones.delete_milestone, caller, milestone_id, if_match)

    # Tasks
    async def list_tasks(self, caller: Caller, milestone_id: int) -> list[Json]:
        return await self.read(tasks.list_tasks, caller, milestone_id)

    async def create_task(self, caller: Caller, milestone_id: int, data: Json) -> Json:
        return await self.write(tasks.create_task, caller, milestone_id, data)

    async def get_task(self, caller: Caller, task_id: int) -> Json:
        return await self.read(tasks.get_task, caller, task_id)

    async def update_task(
        self, caller: Caller, task_id: int, data: Json, if_match: int | None
    ) -> Json:
        return await self.write(tasks.update_task, caller, task_id, data, if_match)

    async def delete_task(self, caller: Caller, task_id: int, if_match: int | None) -> None:
        await self.write(tasks.delete_task, caller, task_id, if_match)

    async def claim_task(self, caller: Caller, task_id: int) -> Json:
        return await self.write(tasks.claim, caller, task_id)

    async def release_task(self, caller: Caller, task_id: int) -> Json:
        return await self.write(tasks.release, caller, task_id)

    async def complete_task_part(self, caller: Caller, task_id: int) -> Json:
        return await self.write(tasks.complete_mine, caller, task_id)

    async def uncomplete_task_part(self, caller: Caller, task_id: int) -> Json:
        return await self.write(tasks.uncomplete_mine, caller, task_id)

    # Proposals
    async def list_proposals(
        self, caller: Caller, group_id: int, status: str | None = None
    ) -> list[Json]:
        return await self.read(proposals.list_proposals, caller, group_id, status)

    async def create_proposal(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(proposals.propose, caller, group_id, data)

    async def get_proposal(self, caller: Caller, proposal_id: int) -> Json:
        return await self.read(proposals.get_proposal, caller, proposal_id)

    async def vote(self, caller: Caller, proposal_id: int, data: Json) -> Json:
        return await self.write(proposals.vote, caller, proposal_id, data)

    async def withdraw_vote(self, caller: Caller, proposal_id: int) -> Json:
        return await self.write(proposals.withdraw_vote, caller, proposal_id)

    async def decide_proposal(
        self, caller: Caller, proposal_id: int, adopt: bool, if_match: int | None
    ) -> Json:
        return await self.write(proposals.decide, caller, proposal_id, adopt, if_match)

    # Read-only views
    async def group_progress(self, caller: Caller, group_id: int) -> Json:
        return await self.read(overview.group_progress, caller, group_id)

    async def progress_series(self, caller: Caller, group_id: int) -> Json:
        return await self.read(overview.progress_series, caller, group_id)

    async def group_activity(
        self, caller: Caller, group_id: int, limit: int, before: int | None
    ) -> Json:
        return await self.read(overview.group_activity, caller, group_id, limit, before)

    async def me(self, caller: Caller) -> Json:
        return await self.read(overview.me, caller)
