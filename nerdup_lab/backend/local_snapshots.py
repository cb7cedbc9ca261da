"""The snapshot operations of LocalBackend: each runs one core function in a worker thread
inside one transaction (see `LocalBackend.read` / `LocalBackend.write`), so hashing,
storage and diffs of large notebooks never block the event loop."""

from __future__ import annotations

import io
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..core import portfolio
from ..core.snapshots import Limits, export_git, service
from ..core.snapshots import group_notebooks as notebooks
from .base import Caller

if TYPE_CHECKING:
    from ..config import NerdUp
    from ..core.db import Database

T = TypeVar("T")
Json = dict[str, Any]


class SnapshotOperations:
    """Mixin of LocalBackend; relies on its `read`, `write`, `run`, `db` and `config`."""

    if TYPE_CHECKING:
        db: Database
        config: NerdUp

        async def read(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

        async def write(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

        async def run(self, fn: Callable[..., T], *args: Any) -> T: ...

    @property
    def snapshot_limits(self) -> Limits:
        return Limits(self.config.max_snapshot_bytes, self.config.max_output_bytes)

    async def commit_snapshot(
        self, caller: Caller, group_id: int, path: str, notebook: Json, options: Json
    ) -> Json:
        return await self.write(
            service.commit, caller, group_id, path, notebook, options, self.snapshot_limits
        )

    async def list_snapshots(self, caller: Caller, group_id: int, filters: Json) -> Json:
        return await self.read(service.history, caller, group_id, filters)

    async def get_snapshot(self, caller: Caller, snapshot_id: int) -> Json:
        return await self.read(service.get, caller, snapshot_id)

    async def get_snapshot_notebook(self, caller: Caller, snapshot_id: int) -> Json:
        return await self.read(service.notebook, caller, snapshot_id)

    async def diff_snapshots(
        self, caller: Caller, a: int, b: int, include_metadata: bool = False
    ) -> Json:
        return await self.read(service.diff, caller, a, b, include_metadata)

    async def diff_snapshot_with_notebook(
        self, caller: Caller, a: int, notebook: Json, path: str, include_metadata: bool = False
    ) -> Json:
        return await self.read(service.diff_with_file, caller, a, notebook, path, include_metadata)

    async def restore_snapshot(self, caller: Caller, snapshot_id: int, target: str) -> Json:
        return await self.write(service.restore, caller, snapshot_id, target)

    async def latest_snapshot(
        self, caller: Caller, group_id: int, path: str, author: str | None
    ) -> Json:
        return await self.read(notebooks.latest_snapshot, caller, group_id, path, author)

    async def list_group_notebooks(self, caller: Caller, group_id: int) -> list[Json]:
        return await self.read(notebooks.list_notebooks, caller, group_id)

    async def mark_group_notebook(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(notebooks.mark, caller, group_id, data)

    async def unmark_group_notebook(self, caller: Caller, group_id: int, path: str) -> None:
        await self.write(notebooks.unmark, caller, group_id, path)

    async def get_snapshot_settings(self, caller: Caller, group_id: int) -> Json:
        return await self.read(notebooks.get_settings, caller, group_id, self.snapshot_limits)

    async def update_snapshot_settings(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(
            notebooks.update_settings, caller, group_id, data, self.snapshot_limits
        )

    async def export_git_archive(self, caller: Caller, group_id: int, author: str | None) -> bytes:
        """The history as a git repository, packed as a .tar.gz."""
        return await self.run(self._export_archive, caller.username, group_id, author)

    async def export_portfolio(self, caller: Caller) -> bytes:
        """The caller's portfolio (own snapshots of all their groups, README) as a .tar.gz;
        NotFound when there is nothing in it."""
        return await self.run(self._portfolio_archive, caller.username)

    def _portfolio_archive(self, username: str) -> bytes:
        with tempfile.TemporaryDirectory(prefix="nerdup-portfolio-") as tmp:
            repo = Path(tmp) / "portfolio"
            portfolio.export_portfolio(self.db, username, repo)
            buffer = io.BytesIO()
            with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
                tar.add(repo, arcname=repo.name)
            return buffer.getvalue()

    def _export_archive(self, viewer: str, group_id: int, author: str | None) -> bytes:
        with tempfile.TemporaryDirectory(prefix="nerdup-export-") as tmp:
            name = f"group-{group_id}" + ("" if author is None else f"-{author}")
            repo = Path(tmp) / name
            export_git(self.db, group_id, repo, author, viewer=viewer)
            buffer = io.BytesIO()
            with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
                tar.add(repo, arcname=repo.name)
            return buffer.getvalue()
