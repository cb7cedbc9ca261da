"""Snapshot operations as the backend calls them: `fn(session, username, ...)`, each inside
the one transaction the backend opens, each checking the caller's role first."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from .. import activity
from .. import validate as v
from ..errors import InvalidInput
from ..paths import message_text, notebook_path
from ..permissions import Action, require
from ..users import people
from .commit import Limits, commit_in_session
from .diff import diff_snapshot_with_notebook, diff_snapshots
from .models import Snapshot
from .records import get_snapshot, read_notebook, to_json

DEFAULT_PAGE = 50
MAX_PAGE = 200


def commit(
    session: Session,
    username: str,
    group_id: int,
    path: str,
    notebook: dict[str, Any],
    options: dict[str, Any],
    limits: Limits,
) -> dict[str, Any]:
    """Commit `notebook` (read from `path`); options: message, task_id, policy, and the
    request's idempotency_key (see commit.py)."""
    message = options.get("message") or ""
    task_id = options.get("task_id")
    policy = options.get("policy")
    message = message_text(message)
    if task_id is not None:
        task_id = v.clean({"task_id": task_id}, {"task_id": v.positive_int})["task_id"]
    if policy is not None and not isinstance(policy, str):
        raise InvalidInput("policy must be text.", fields={"policy": "invalid"})
    return commit_in_session(
        session,
        group_id=group_id,
        author=username,
        path=path,
        notebook=notebook,
        message=message,
        task_id=task_id,
        policy=policy,
        limits=limits,
        idempotency_key=options.get("idempotency_key"),
    )


def history(
    session: Session,
    username: str,
    group_id: int,
    filters: dict[str, Any],
) -> dict[str, Any]:
    """One page of a group's snapshots, newest first; filters: notebook_id (else path),
    author, task_id, limit, before (the `next` cursor of the previous page). With
    `per_task="latest"`, what each task's row shows instead (see `latest_per_task`)."""
    require(session, group_id, username, Action.VIEW_GROUP)
    if filters.get("per_task") is not None:
        if filters["per_task"] != "latest":
            raise InvalidInput(
                "per_task can only be 'latest'.", fields={"per_task": "Must be: latest."}
            )
        return latest_per_task(session, username, group_id)
    limit = max(1, min(int(filters.get("limit") or DEFAULT_PAGE), MAX_PAGE))
    query = select(Snapshot).where(Snapshot.group_id == group_id)
    if filters.get("notebook_id"):
        # One line of history across renames; `path` narrows nothing further then.
        query = query.where(Snapshot.notebook_id == str(filters["notebook_id"]).lower())
    elif filters.get("path"):
        query = query.where(Snapshot.path == filters["path"])
    if filters.get("author"):
        query = query.where(Snapshot.author == filters["author"])
    if filters.get("task_id") is not None:
        query = query.where(Snapshot.task_id == filters["task_id"])
    if filters.get("before") is not None:
        query = query.where(Snapshot.id < filters["before"])
    rows = list(session.scalars(query.order_by(Snapshot.id.desc()).limit(limit + 1)))
    items = rows[:limit]
    return {
        "items": [to_json(s) for s in items],
        "next": items[-1].id if len(rows) > limit else None,
        "people": people(session, (s.author for s in items)),
    }


def latest_per_task(session: Session, username: str, group_id: int) -> dict[str, Any]:
    """For each task of the group with a snapshot: its newest snapshot, and the caller's
    newest when that is another one (the task row shows the caller's notebook, wherever
    it was renamed to, and the latest work on the task). One query whatever the history's
    length: two grouped maxima on the indexed task column. Newest first, no paging (at most
    two rows per task)."""

    def newest(mine: bool) -> Select[Any]:
        query = select(func.max(Snapshot.id)).where(
            Snapshot.group_id == group_id, Snapshot.task_id.is_not(None)
        )
        if mine:
            query = query.where(Snapshot.author == username)
        return query.group_by(Snapshot.task_id)

    rows = list(
        session.scalars(
            select(Snapshot)
            .where(or_(Snapshot.id.in_(newest(False)), Snapshot.id.in_(newest(True))))
            .order_by(Snapshot.id.desc())
        )
    )
    return {
        "items": [to_json(s) for s in rows],
        "next": None,
        "people": people(session, (s.author for s in rows)),
    }


def get(session: Session, username: str, snapshot_id: int) -> dict[str, Any]:
    return to_json(get_snapshot(session, snapshot_id, username))


def notebook(session: Session, username: str, snapshot_id: int) -> dict[str, Any]:
    return read_notebook(session, get_snapshot(session, snapshot_id, username))


def diff(session: Session, username: str, a: int, b: int, include_metadata: bool) -> dict[str, Any]:
    old, new = get_snapshot(session, a, username), get_snapshot(session, b, username)
    return diff_snapshots(session, old, new, include_metadata=include_metadata)


def diff_with_file(
    session: Session,
    username: str,
    a: int,
    nb: dict[str, Any],
    path: str,
    include_metadata: bool,
) -> dict[str, Any]:
    old = get_snapshot(session, a, username)
    return diff_snapshot_with_notebook(session, old, nb, path, include_metadata=include_metadata)


def restore_name(path: str, when: dt.datetime) -> str:
    """`dir/name (snapshot YYYY-MM-DD HH:MM).ipynb` next to where the notebook was."""
    p = PurePosixPath(path)
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    return str(p.with_name(f"{p.stem} (snapshot {stamp}){p.suffix or '.ipynb'}"))


def restore(session: Session, username: str, snapshot_id: int, target: str) -> dict[str, Any]:
    """The notebook of a snapshot for writing to `target`, recorded as activity.

    A read (VIEW_GROUP): taking a copy out of an archived group still works; only the
    activity line that says who took it is added to the archive's history."""
    snap = get_snapshot(session, snapshot_id, username)
    target = notebook_path(target, "target")
    nb = read_notebook(session, snap)
    activity.record(
        session,
        snap.group_id,
        username,
        "snapshot.restored",
        f"{username} opened snapshot {snap.id} of {snap.path} as {target}",
        {"snapshot_id": snap.id, "path": snap.path, "target": target},
    )
    return {"snapshot": to_json(snap), "notebook": nb}
