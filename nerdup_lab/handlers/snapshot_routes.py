"""Routes of notebook snapshots (commit, history, read-back, diff, restore, sharing, export)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import snapshot_workspace as ws
from . import snapshots


def snapshot_routes(r: Callable[[str], str], ID: str) -> list[tuple[str, type[Any]]]:
    return [
        (r(f"/groups/{ID}/snapshots"), snapshots.GroupSnapshotsHandler),
        (r(f"/groups/{ID}/snapshot-settings"), ws.SnapshotSettingsHandler),
        (r(f"/groups/{ID}/notebooks"), ws.GroupNotebooksHandler),
        (r(f"/groups/{ID}/notebooks/open"), ws.GroupNotebookOpenHandler),
        (r(f"/groups/{ID}/notebooks/latest"), ws.GroupNotebookLatestHandler),
        (r(f"/groups/{ID}/export-git"), ws.ExportGitHandler),
        (r("/me/portfolio"), ws.PortfolioHandler),
        (r(f"/snapshots/{ID}"), snapshots.SnapshotHandler),
        (r(f"/snapshots/{ID}/notebook"), snapshots.SnapshotNotebookHandler),
        (r(f"/snapshots/{ID}/diff"), snapshots.SnapshotDiffHandler),
        (r(f"/snapshots/{ID}/diff/{ID}"), snapshots.SnapshotDiffHandler),
        (r(f"/snapshots/{ID}/restore"), ws.SnapshotRestoreHandler),
    ]
