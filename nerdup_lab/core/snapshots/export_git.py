"""Write a group's (or one member's) snapshot history as a git repository.

One commit per snapshot, oldest first, with the member as author and the snapshot time as
author and committer date, so `git log` tells the same story as the history panel and the
repository can be pushed to a portfolio as it is.

This drives the `git` binary through subprocess with GIT_AUTHOR_* / GIT_COMMITTER_* in the
environment rather than a Python git library: git is already installed wherever someone
wants to push the result, the environment variables are git's stable interface for
attribution, and dulwich or GitPython would add a dependency (GitPython shells out to the
same binary anyway).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath
from typing import Any

import nbformat
from sqlalchemy import select

from ..db import Database
from ..errors import Conflict, Unavailable
from ..models import User
from ..paths import path_problem
from ..permissions import Action, require
from .models import Snapshot
from .records import read_notebook

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def notebook_text(nb: dict[str, Any]) -> str:
    """The notebook as `nbformat.write` (and so Jupyter) saves it."""
    text: str = nbformat.writes(nbformat.from_dict(nb))  # type: ignore[no-untyped-call]
    return text + "\n"


def _git(dest: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-C", str(dest), *args],
        check=True,
        capture_output=True,
        env=env,
    )


def _safe_relpath(snap: Snapshot) -> PurePosixPath:
    """Where the snapshot's notebook goes in the repository: its own path, or, for a path
    stored before paths were checked (`..`, `.git`, NUL, absolute...), a name of its own
    under `unsafe-paths/`, so one member's bad path never breaks the group's export."""
    if path_problem(snap.path) is None:
        return PurePosixPath(snap.path)
    return PurePosixPath("unsafe-paths", f"snapshot-{snap.id}.ipynb")


def _author_dir(author: str) -> str:
    if path_problem(author) is None and "/" not in author:
        return author
    return "user-" + hashlib.sha256(author.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _plain(text: str) -> str:
    """Text git and the environment can carry: no NUL or control character but newlines."""
    return _CONTROL.sub("", text)


def export_git(
    db: Database,
    group_id: int,
    dest: str | Path,
    author: str | None = None,
    *,
    viewer: str | None = None,
) -> dict[str, Any]:
    """Write the history to the new or empty folder `dest`; returns {"commits", "path"}.

    With `author`, only that member's snapshots, at their own paths; otherwise every
    member's snapshots under `<member>/<path>`. With `viewer`, checks that they may view
    the group (the CLI, run by the database owner, passes none).
    """
    if shutil.which("git") is None:
        raise Unavailable("export-git needs the `git` program, which is not installed.")
    target = Path(dest)
    if target.exists() and any(target.iterdir()):
        raise Conflict(f"{target} exists and is not empty; choose a new folder.")
    with db.session() as s:
        if viewer is not None:
            require(s, group_id, viewer, Action.VIEW_GROUP)
        query = select(Snapshot).where(Snapshot.group_id == group_id)
        if author is not None:
            query = query.where(Snapshot.author == author)
        snaps = list(s.scalars(query.order_by(Snapshot.created_at, Snapshot.id)))
        names = {u.username: u.display_name for u in s.scalars(select(User))}
    target.mkdir(parents=True, exist_ok=True)
    _git(target, "init", "-q", "-b", "main")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    for snap in snaps:
        with db.session() as s:
            nb = read_notebook(s, snap)
        rel = _safe_relpath(snap)
        if author is None:
            rel = PurePosixPath(_author_dir(snap.author)) / rel
        file = target / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        # nbformat.write's exact bytes, as Jupyter saves them.
        file.write_text(notebook_text(nb), encoding="utf-8")
        when = snap.created_at.isoformat()
        who = _plain(names.get(snap.author) or snap.author).strip("<> \n") or "member"
        email = f"{re.sub(r'[^A-Za-z0-9._-]', '-', snap.author) or 'member'}@users.nerdup.invalid"
        env = {
            **base_env,
            "GIT_AUTHOR_NAME": who,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": who,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": when,
        }
        message = _plain(snap.message or f"Snapshot of {snap.path}").strip() or "Snapshot"
        trailer = f"Nerdup-Snapshot: {snap.id}"
        _git(target, "add", "--", str(rel))
        _git(target, "commit", "-q", "--allow-empty", "-m", message, "-m", trailer, env=env)
    return {"commits": len(snaps), "path": str(target)}
