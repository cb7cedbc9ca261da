"""Notebook snapshots: content-addressed storage, exact read-back, diff, verify, export.

Public entry points (used by the backend and the `jupyter nerdup` command line):
`commit_snapshot`, `read_notebook`, `verify`, `export_git`, and the diff engine in `diff`.
"""

from __future__ import annotations

from .commit import Limits, commit_snapshot
from .export_git import export_git
from .records import read_notebook
from .verify import VerifyReport, verify

__all__ = ["Limits", "VerifyReport", "commit_snapshot", "export_git", "read_notebook", "verify"]
