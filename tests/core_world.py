"""A small study group built through the core services, for tests that need no server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from nerdup_lab.core import groups, members, migrate, milestones, proposals, tasks
from nerdup_lab.core.db import Database
from nerdup_lab.core.errors import NerdUpError
from nerdup_lab.core.users import ensure_user

T = TypeVar("T")

# One member per role, plus a second organizer so the first may step down or leave.
ROLE_OF = {
    "olga": "organizer",
    "pat": "participant",
    "mina": "mentor",
    "fred": "follower",
}
OUTSIDER = "otto"
ACTOR_FOR_ROLE = {role: name for name, role in ROLE_OF.items()} | {"outsider": OUTSIDER}


def make_db(url: str) -> Database:
    db = Database(url)
    migrate.upgrade(db)
    return db


@dataclass
class World:
    db: Database
    group_id: int
    milestone_id: int
    group_task_id: int
    proposal_id: int

    @contextmanager
    def session(self, user: str | None = None) -> Iterator[Session]:
        with self.db.session() as session:
            if user:
                ensure_user(session, user)
            yield session

    def call(self, user: str, fn: Callable[..., T], *args: Any) -> T:
        with self.session(user) as session:
            return fn(session, user, *args)

    def outcome(self, user: str, fn: Callable[..., Any], *args: Any) -> str:
        """ "ok", or the error code the call failed with (forbidden, not_found, ...)."""
        try:
            self.call(user, fn, *args)
        except NerdUpError as err:
            return err.code
        return "ok"

    def version(self, model: Any, record_id: int) -> int:
        with self.session() as session:
            return int(session.get(model, record_id).version)


def build_world(
    where: str | Database, *, visibility: str = "open", rule: str = "organizer"
) -> World:
    """A new group in `where`: a database URL (migrated here) or a migrated Database.
    Groups are independent, so many worlds can share one database."""
    db = make_db(where) if isinstance(where, str) else where
    world = World(db, 0, 0, 0, 0)
    group = world.call(
        "olga",
        groups.create_group,
        {"title": "Kaggle club", "visibility": visibility, "adoption_rule": rule},
    )
    gid = group["id"]
    for name in ("pat", "mina", "fred", "oscar"):
        role = ROLE_OF.get(name, "organizer")
        world.call("olga", members.join, gid, {"username": name, "role": role})
    milestone = world.call("olga", milestones.create_milestone, gid, {"title": "Week 1"})
    task = world.call("olga", tasks.create_task, milestone["id"], {"title": "Clean data"})
    proposal = world.call("pat", proposals.propose, gid, {"title": "Week 2: models"})
    world.group_id, world.milestone_id = gid, milestone["id"]
    world.group_task_id, world.proposal_id = task["id"], proposal["id"]
    return world
