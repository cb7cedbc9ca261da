"""A member's portfolio as a git repository: their own snapshots across all their groups,
one commit each (oldest first, their name and the snapshot's time, as `export_git` does),
then a README listing the groups (role, status, dates), the tasks they owned or claimed
and the blog posts they linked.

Only groups the member may still view count (a group they belong to, or an open one), so
leaving a members-only group takes its history out of the portfolio as it takes it out of
the lab. Nothing to export (no snapshot and no post) is a 404 that says so, never an
empty repository.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .db import Database
from .errors import Conflict, NotFound, Unavailable
from .models import Group, Membership, Task, TaskClaim, User, utcnow
from .rhythm.models import Post
from .snapshots.export_git import _git, _plain, _safe_relpath, notebook_text
from .snapshots.models import Snapshot
from .snapshots.records import read_notebook

EMPTY = (
    "Your portfolio is empty: commit a snapshot of a notebook, or link a blog post, in one of "
    "your groups first."
)


def _folder(group: Group) -> str:
    """A folder name for the group: its title in plain ASCII words, then its id."""
    words = re.sub(r"[^A-Za-z0-9]+", "-", group.title).strip("-").lower()[:60].strip("-")
    return f"{words or 'group'}-{group.id}"


def _visible_groups(session: Session, username: str) -> list[Group]:
    mine = select(Membership.group_id).where(Membership.username == username)
    authored = select(Snapshot.group_id).where(Snapshot.author == username)
    posted = select(Post.group_id).where(Post.author == username)
    found = session.scalars(
        select(Group)
        .where(
            or_(
                Group.id.in_(mine),
                (Group.visibility == "open") & (Group.id.in_(authored) | Group.id.in_(posted)),
            )
        )
        .order_by(Group.id)
    )
    return list(found)


def _tasks(session: Session, username: str, group_ids: list[int]) -> dict[int, list[Task]]:
    claimed = select(TaskClaim.task_id).where(TaskClaim.username == username)
    found = session.scalars(
        select(Task)
        .where(Task.group_id.in_(group_ids))
        .where(or_(Task.owner == username, Task.id.in_(claimed)))
        .order_by(Task.id)
    )
    by_group: dict[int, list[Task]] = {}
    for task in found:
        by_group.setdefault(task.group_id, []).append(task)
    return by_group


def _md(text: str) -> str:
    """Plain text for a Markdown line: no markup, no link, no HTML of its own."""
    return re.sub(r"([\\`*_{}\[\]()#+!<>|~])", r"\\\1", _plain(text).replace("\n", " ")).strip()


def readme(
    name: str,
    groups: list[Group],
    roles: dict[int, str],
    snapshots: dict[int, int],
    tasks: dict[int, list[Task]],
    posts: list[Post],
    folders: dict[int, str],
    when: dt.datetime,
) -> str:
    lines = [f"# {_md(name)}: study portfolio", ""]
    lines += [f"Exported from nerdup-lab on {when.date().isoformat()}.", ""]
    lines += ["## Groups", ""]
    for g in groups:
        dates = " · ".join(
            p
            for p in (
                f"started {g.start_date}" if g.start_date else "",
                f"deadline {g.deadline}" if g.deadline else "",
            )
            if p
        )
        role = roles.get(g.id, "no longer a member")
        count = snapshots.get(g.id, 0)
        where = f" in `{folders[g.id]}/`" if count else ""
        lines.append(
            f"- **{_md(g.title)}** ({g.status}; {role}{'; ' + dates if dates else ''}): "
            f"{count} snapshot{'s' if count != 1 else ''}{where}"
        )
        for task in tasks.get(g.id, []):
            mark = "x" if task.status == "done" else " "
            lines.append(f"  - [{mark}] {_md(task.title)}")
    lines.append("")
    lines += ["## Blog posts", ""]
    if posts:
        titles = {g.id: g.title for g in groups}
        for post in posts:
            url = post.url if re.match(r"^https?://[^\s<>()]+$", post.url) else ""
            title = _md(post.title)
            shown = f"[{title}]({url})" if url else title
            lines.append(f"- {shown} ({_md(titles.get(post.group_id, ''))})")
    else:
        lines.append("No posts linked yet.")
    lines.append("")
    return "\n".join(lines)


def export_portfolio(db: Database, username: str, dest: str | Path) -> dict[str, Any]:
    """Write the portfolio to the new or empty folder `dest`; {"commits", "path"}."""
    if shutil.which("git") is None:
        raise Unavailable("The portfolio needs the `git` program, which is not installed.")
    target = Path(dest)
    if target.exists() and any(target.iterdir()):
        raise Conflict(f"{target} exists and is not empty; choose a new folder.")
    with db.session() as s:
        groups = _visible_groups(s, username)
        ids = [g.id for g in groups]
        snaps = list(
            s.scalars(
                select(Snapshot)
                .where(Snapshot.author == username, Snapshot.group_id.in_(ids))
                .order_by(Snapshot.created_at, Snapshot.id)
            )
        )
        mine = select(Post).where(Post.author == username, Post.group_id.in_(ids))
        posts = list(s.scalars(mine.order_by(Post.id)))
        if not snaps and not posts:
            raise NotFound(EMPTY)
        roles = dict(
            s.execute(
                select(Membership.group_id, Membership.role).where(Membership.username == username)
            ).all()
        )
        tasks = _tasks(s, username, ids)
        user = s.get(User, username)
        name = (user.display_name if user is not None else "") or username
        folders = {g.id: _folder(g) for g in groups}
        counts: dict[int, int] = {}
        for snap in snaps:
            counts[snap.group_id] = counts.get(snap.group_id, 0) + 1
        text = readme(name, groups, roles, counts, tasks, posts, folders, utcnow())
    target.mkdir(parents=True, exist_ok=True)
    _git(target, "init", "-q", "-b", "main")
    who = _plain(name).strip("<> \n") or "member"
    email = f"{re.sub(r'[^A-Za-z0-9._-]', '-', username) or 'member'}@users.nerdup.invalid"
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}

    def commit(message: str, when: dt.datetime, *paths: str) -> None:
        env = {
            **base_env,
            "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": when.isoformat(),
            "GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": when.isoformat(),
        }  # fmt: skip
        _git(target, "add", "--", *paths)
        _git(target, "commit", "-q", "--allow-empty", "-m", message, env=env)

    for snap in snaps:
        with db.session() as s:
            nb = read_notebook(s, snap)
        rel = PurePosixPath(folders[snap.group_id]) / _safe_relpath(snap)
        file = target / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(notebook_text(nb), encoding="utf-8")
        message = _plain(snap.message or f"Snapshot of {snap.path}").strip() or "Snapshot"
        commit(f"{message}\n\nNerdup-Snapshot: {snap.id}", snap.created_at, str(rel))
    (target / "README.md").write_text(text, encoding="utf-8")
    commit("Portfolio README: groups, tasks and posts", utcnow(), "README.md")
    return {"commits": len(snaps) + 1, "path": str(target)}
