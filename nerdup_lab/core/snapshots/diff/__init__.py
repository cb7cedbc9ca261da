"""Diffs of notebooks and snapshots (see `engine` for the algorithm, `sides` for inputs)."""

from __future__ import annotations

from .engine import SCHEMA, diff_manifests
from .sides import diff_notebooks, diff_snapshot_with_notebook, diff_snapshots

__all__ = [
    "SCHEMA",
    "diff_manifests",
    "diff_notebooks",
    "diff_snapshot_with_notebook",
    "diff_snapshots",
]
