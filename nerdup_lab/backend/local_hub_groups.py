"""The JupyterHub-group link operations of LocalBackend (hub service only).

The Hub is asked for the group's members between two short transactions, never inside
one: first the caller's right to link is checked (so only organizers make the service
call the Hub), then the members are read, then applied in one write.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..core import hub_groups
from .base import Caller

T = TypeVar("T")
Json = dict[str, Any]
# Reads a JupyterHub group's member names (nerdup_lab.hub.hub_groups.HubGroups.members).
FetchMembers = Callable[[str], Awaitable[list[str]]]


class HubGroupOperations:
    """Mixin of LocalBackend; relies on its `read` and `write`."""

    if TYPE_CHECKING:

        async def read(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

        async def write(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

    async def get_hub_group_link(self, caller: Caller, group_id: int) -> Json:
        return await self.read(hub_groups.get_link, caller, group_id)

    async def link_hub_group(
        self, caller: Caller, group_id: int, data: Json, fetch: FetchMembers
    ) -> Json:
        name = hub_groups.clean_name(data)
        await self.read(hub_groups.may_link, caller, group_id)
        members = await fetch(name)
        return await self.write(hub_groups.link, caller, group_id, name, members)

    async def sync_hub_group(self, caller: Caller, group_id: int, fetch: FetchMembers) -> Json:
        name = await self.read(hub_groups.linked_name, caller, group_id)
        members = await fetch(name)
        return await self.write(hub_groups.sync, caller, group_id, name, members)

    async def unlink_hub_group(self, caller: Caller, group_id: int) -> None:
        await self.write(hub_groups.unlink, caller, group_id)
