"""The one group every benchmark commits into, in a fresh nerdup database."""

from __future__ import annotations

from nerdup_lab.core.db import Database
from nerdup_lab.core.models import Group, Membership, User


def bench_group(db: Database) -> int:
    """Create user `bench`, organizer of group `bench`; the group's id."""
    with db.session() as s:
        s.add(User(username="bench", display_name="Bench"))
        s.flush()
        group = Group(title="bench", created_by="bench", links=[])
        s.add(group)
        s.flush()
        s.add(Membership(group_id=group.id, username="bench", role="organizer"))
        return group.id
