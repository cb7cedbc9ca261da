"""Notebook snapshots: content-addressed storage, exact read-back, diff, verify, export.

Public entry points (used by the backend and the `jupyter nerdup` command line):
`commit_snapshot`, `read_notebook`, `verify`, `export_git`, and the diff engine in `diff`.
"""

from __future__ import annotations

from .commit import Limits, commit_snapshot
from .records import read_notebook

__all__ = ["Limits", "commit_snapshot", "read_notebook"]
