"""Plan-template operations of LocalBackend: the shipped templates, importing a template into
a group, exporting a group's plan. Each runs in a worker thread (see `LocalBackend.read` /
`LocalBackend.write`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..core import plan_requests, plans, templates
from .base import Caller

T = TypeVar("T")
Json = dict[str, Any]


class TemplateOperations:
    """Mixin of LocalBackend; relies on its `run`, `read` and `write`."""

    if TYPE_CHECKING:

        async def run(self, fn: Callable[..., T], *args: Any) -> T: ...

        async def read(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

        async def write(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

    async def list_templates(self, caller: Caller) -> list[Json]:
        return await self.run(templates.catalogue)

    async def get_template(self, caller: Caller, name: str) -> Json:
        return await self.run(templates.shipped_detail, name)

    async def import_plan(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(plan_requests.import_plan, caller, group_id, data)

    async def export_plan(self, caller: Caller, group_id: int) -> Json:
        return await self.read(plans.export_plan, caller, group_id)
