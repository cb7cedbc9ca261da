"""Reflections and the showcase.

At the end of a milestone or a learning-club round each member may post one reflection
(what I did, what I learned, what was hard); the milestone's retrospective shows them next
to its obstacles and solutions. Members link blog posts (URL + title) to the showcase,
which lists posts and reflections.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import validate as v
from ..activity import record
from ..errors import Conflict, InvalidInput
from ..models import Milestone, utcnow
from ..permissions import Action, require
from ..records import check_version, get, load_in_group
from ..snapshots.models import Snapshot
from . import fields as f
from . import views
from .models import Post, Reflection

REFLECTION_TEXT: dict[str, v.Parser] = {
    "did": v.markdown(20_000),
    "learned": v.markdown(20_000),
    "hard": v.markdown(20_000),
}
SHOWN = v.READ_ONLY | {"author", "updated_at"}


def _find(
    session: Session, group_id: int, milestone_id: int | None, rnd: str, author: str
) -> Reflection | None:
    return session.scalars(
        select(Reflection).where(
            Reflection.group_id == group_id,
            Reflection.milestone_id.is_(None)
            if milestone_id is None
            else Reflection.milestone_id == milestone_id,
            Reflection.round == rnd,
            Reflection.author == author,
        )
    ).first()


def post_reflection(
    session: Session, username: str, group_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    """One reflection per member per milestone (or round); posting again is a 409."""
    require(session, group_id, username, Action.POST_REFLECTION)
    spec = {**REFLECTION_TEXT, "milestone_id": f.optional_id, "round": v.text(allow_empty=True)}
    fields = v.clean(data, spec, read_only=SHOWN)
    milestone_id, rnd = fields.pop("milestone_id", None), fields.pop("round", "")
    if milestone_id is None and not rnd:
        raise InvalidInput(
            "Say what you reflect on.",
            fields={"milestone_id": "Give a milestone, or a `round` name."},
        )
    if milestone_id is not None:
        milestone = session.get(Milestone, milestone_id)
        if milestone is None or milestone.group_id != group_id:
            raise InvalidInput("Not valid.", fields={"milestone_id": "Not a milestone here."})
    if not any(fields.get(k, "").strip() for k in REFLECTION_TEXT):
        raise InvalidInput("Write at least one of did, learned, hard.", fields={"did": "empty"})
    if _find(session, group_id, milestone_id, rnd, username) is not None:
        raise Conflict("You have already reflected on this; edit your reflection instead.")
    found = Reflection(
        group_id=group_id, milestone_id=milestone_id, round=rnd, author=username, **fields
    )
    session.add(found)
    session.flush()
    record(
        session,
        group_id,
        username,
        "reflection.posted",
        "posted a reflection",
        {"reflection_id": found.id, "milestone_id": milestone_id},
    )
    return views.reflection(found)


def edit_reflection(
    session: Session, username: str, reflection_id: int, data: dict[str, Any], if_match: int | None
) -> dict[str, Any]:
    found = get(session, Reflection, reflection_id, "reflection")
    require(session, found.group_id, username, Action.EDIT_OWN_POST, owners={found.author})
    fields = v.clean(data, REFLECTION_TEXT, read_only=SHOWN | {"milestone_id", "round"})
    check_version(found, if_match, views.reflection, required=False)
    for key, value in fields.items():
        setattr(found, key, value)
    found.updated_at = utcnow()
    session.flush()
    record(
        session,
        found.group_id,
        username,
        "reflection.edited",
        "edited a reflection",
        {"reflection_id": found.id, "milestone_id": found.milestone_id},
    )
    return views.reflection(found)


def list_reflections(session: Session, username: str, group_id: int) -> list[dict[str, Any]]:
    require(session, group_id, username, Action.VIEW_GROUP)
    found = session.scalars(
        select(Reflection).where(Reflection.group_id == group_id).order_by(Reflection.id)
    )
    return [views.reflection(r) for r in found]


def retrospective(session: Session, username: str, milestone_id: int) -> dict[str, Any]:
    """The milestone's obstacles and solutions with its members' reflections."""
    milestone = get(session, Milestone, milestone_id, "milestone")
    require(session, milestone.group_id, username, Action.VIEW_GROUP)
    found = session.scalars(
        select(Reflection).where(Reflection.milestone_id == milestone_id).order_by(Reflection.id)
    )
    return {
        "milestone_id": milestone.id,
        "title": milestone.title,
        "status": milestone.status,
        "obstacles": milestone.obstacles,
        "solutions": milestone.solutions,
        "reflections": [views.reflection(r) for r in found],
    }


def share_post(
    session: Session, username: str, group_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    """Link a blog post (URL + title), optionally naming the snapshot it is about."""
    require(session, group_id, username, Action.SHARE_POST)
    spec = {"title": v.text(max_len=200), "url": f.url(), "snapshot_id": f.optional_id}
    fields = v.clean(data, spec, required=("title", "url"), read_only=SHOWN)
    snap_id = fields.get("snapshot_id")
    if snap_id is not None:
        snap = session.get(Snapshot, snap_id)
        if snap is None or snap.group_id != group_id:
            raise InvalidInput("Not valid.", fields={"snapshot_id": "Not a snapshot here."})
    found = Post(group_id=group_id, author=username, **fields)
    session.add(found)
    session.flush()
    record(
        session,
        group_id,
        username,
        "post.shared",
        f"shared the post “{found.title}”",
        {"post_id": found.id},
    )
    return views.post(found)


def delete_post(session: Session, username: str, post_id: int) -> None:
    found = load_in_group(
        session, Post, post_id, "post", username, Action.EDIT_OWN_POST, lambda p: {p.author}
    )
    record(
        session,
        found.group_id,
        username,
        "post.removed",
        f"removed the post “{found.title}”",
        {"post_id": found.id},
    )
    session.delete(found)
    session.flush()


def showcase(session: Session, username: str, group_id: int) -> dict[str, Any]:
    require(session, group_id, username, Action.VIEW_GROUP)
    return showcase_of(session, group_id)


def showcase_of(session: Session, group_id: int) -> dict[str, Any]:
    """Posts (newest first) and reflections; the caller has checked who may see them."""
    posts = session.scalars(select(Post).where(Post.group_id == group_id).order_by(Post.id.desc()))
    found = session.scalars(
        select(Reflection).where(Reflection.group_id == group_id).order_by(Reflection.id.desc())
    )
    return {
        "group_id": group_id,
        "posts": [views.post(p) for p in posts],
        "reflections": [views.reflection(r) for r in found],
    }
