"""Group notebooks (paths a group shares) and a group's snapshot settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import activity
from .. import validate as v
from ..errors import NotFound
from ..paths import notebook_path
from ..permissions import Action, require
from .commit import DEFAULT_POLICY, Limits
from .models import GroupNotebook, Snapshot, SnapshotSettings
from .policy import check_policy
from .records import latest, to_json


def _path(path: Any) -> str:
    return notebook_path(path.lstrip("/") if isinstance(path, str) else path)


def list_notebooks(session: Session, username: str, group_id: int) -> list[dict[str, Any]]:
    """Each group notebook with its latest snapshot and the latest version per member:
    the newest snapshot per notebook and author is one aggregate for all the notebooks,
    and those snapshots one more query (5 statements however many notebooks)."""
    require(session, group_id, username, Action.VIEW_GROUP)
    marks = list(
        session.scalars(
            select(GroupNotebook)
            .where(GroupNotebook.group_id == group_id)
            .order_by(GroupNotebook.path)
        )
    )
    versions: dict[str, list[dict[str, Any]]] = {mark.path: [] for mark in marks}
    if marks:
        newest = (
            select(func.max(Snapshot.id))
            .where(Snapshot.group_id == group_id, Snapshot.path.in_(list(versions)))
            .group_by(Snapshot.path, Snapshot.author)
        )
        for found in session.scalars(
            select(Snapshot).where(Snapshot.id.in_(newest)).order_by(Snapshot.id.desc())
        ):
            versions[found.path].append(to_json(found))
    return [
        {
            "path": mark.path,
            "marked_by": mark.marked_by,
            "marked_at": mark.marked_at.isoformat(),
            "latest": versions[mark.path][0] if versions[mark.path] else None,
            "versions": versions[mark.path],
        }
        for mark in marks
    ]


def mark(session: Session, username: str, group_id: int, data: dict[str, Any]) -> dict[str, Any]:
    require(session, group_id, username, Action.COMMIT_SNAPSHOT)
    path = _path(data.get("path"))
    if session.get(GroupNotebook, (group_id, path)) is None:
        session.add(GroupNotebook(group_id=group_id, path=path, marked_by=username))
        session.flush()
        activity.record(
            session,
            group_id,
            username,
            "notebook.shared",
            f"{username} marked {path} as a group notebook",
            {"path": path},
        )
    found = session.get(GroupNotebook, (group_id, path))
    assert found is not None
    return {"path": path, "marked_by": found.marked_by, "marked_at": found.marked_at.isoformat()}


def unmark(session: Session, username: str, group_id: int, path: str) -> None:
    require(session, group_id, username, Action.COMMIT_SNAPSHOT)
    found = session.get(GroupNotebook, (group_id, _path(path)))
    if found is None:
        raise NotFound(f"{path} is not a group notebook.")
    session.delete(found)


def latest_snapshot(
    session: Session, username: str, group_id: int, path: str, author: str | None
) -> dict[str, Any]:
    """The newest snapshot of `path` in the group (of `author`, when given)."""
    require(session, group_id, username, Action.VIEW_GROUP)
    snap = latest(session, group_id, _path(path), author)
    if snap is None:
        who = f" by {author}" if author else ""
        raise NotFound(f"No snapshot of {path}{who} in this group yet.")
    return to_json(snap)


def get_settings(session: Session, username: str, group_id: int, limits: Limits) -> dict[str, Any]:
    require(session, group_id, username, Action.VIEW_GROUP)
    found = session.get(SnapshotSettings, group_id)
    return {
        "policy": found.policy if found else DEFAULT_POLICY,
        "max_output_bytes": (found.max_output_bytes if found else None) or limits.max_output_bytes,
        "max_snapshot_bytes": limits.max_snapshot_bytes,
    }


def update_settings(
    session: Session, username: str, group_id: int, data: dict[str, Any], limits: Limits
) -> dict[str, Any]:
    require(session, group_id, username, Action.EDIT_GROUP)
    found = session.get(SnapshotSettings, group_id)
    if found is None:
        found = SnapshotSettings(group_id=group_id, policy=DEFAULT_POLICY)
        session.add(found)
    if "policy" in data:
        found.policy = check_policy(str(data["policy"]))
    if "max_output_bytes" in data:
        value = data["max_output_bytes"]
        if value is not None:
            value = v.clean({"max_output_bytes": value}, {"max_output_bytes": v.positive_int})[
                "max_output_bytes"
            ]
        found.max_output_bytes = value
    session.flush()
    return get_settings(session, username, group_id, limits)
