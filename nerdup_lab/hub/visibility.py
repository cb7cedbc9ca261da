"""Who may see which group's events, kept in memory so one event costs O(1) queries.

The event stream used to ask the database, for every event and every open stream, whether
that reader may view the event's group: two queries per subscriber per event, a thousand
for 500 open labs. Here the answer comes from two caches:

- per group, its visibility ("open" or "members") and the usernames of its members,
  loaded the first time an event of that group arrives;
- per subscriber nothing but the username: `may_see` looks the reader up in the group.

An event that changes who belongs to a group or who may see it (a member joined, left, was
added from a JupyterHub group; the group was created, edited, imported) reloads that one
group: one query, whatever the number of readers. The rule is `permissions.require`'s for
VIEW_GROUP: an open group is seen by everyone, a members-only group by its members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.models import Group, Membership

# Kinds after which a group's visibility or membership may differ. Prefixes, so a new
# kind in one of these families (member.*, hub_group.*, group.*) is covered by default.
RELOADING_PREFIXES = ("member.", "hub_group.", "group.")


@dataclass
class GroupView:
    visibility: str
    members: set[str] = field(default_factory=set)

    def may_see(self, username: str) -> bool:
        return self.visibility == "open" or username in self.members


class VisibilityCache:
    """Group id → GroupView; filled and refreshed from the events themselves."""

    def __init__(self) -> None:
        self.groups: dict[int, GroupView | None] = {}
        self._gone: set[int] = set()

    @staticmethod
    def reloads(event: dict[str, Any]) -> bool:
        return str(event.get("kind", "")).startswith(RELOADING_PREFIXES)

    def needs(self, events: list[dict[str, Any]]) -> set[int]:
        """The groups that must be (re)loaded before `events` can be checked."""
        wanted: set[int] = set()
        for event in events:
            group_id = int(event["group_id"])
            if group_id not in self.groups or self.reloads(event):
                wanted.add(group_id)
        return wanted

    def load(self, session: Session, group_ids: set[int]) -> None:
        """Two queries for any number of groups: their visibility, then their members."""
        if not group_ids:
            return
        rows = session.execute(
            select(Group.id, Group.visibility).where(Group.id.in_(group_ids))
        ).all()
        found = {int(gid): GroupView(str(vis)) for gid, vis in rows}
        members = session.execute(
            select(Membership.group_id, Membership.username).where(Membership.group_id.in_(found))
        ).all()
        for gid, username in members:
            found[int(gid)].members.add(str(username))
        for gid in group_ids:
            if gid in found:
                self.groups[gid] = found[gid]
            elif self.groups.get(gid) is not None:
                # Deleted: those who could see it still get its last events (its deletion
                # among them); forgotten once they are delivered.
                self._gone.add(gid)
            else:
                self.groups[gid] = None

    def may_see(self, username: str, event: dict[str, Any]) -> bool:
        view = self.groups.get(int(event["group_id"]))
        return view is not None and view.may_see(username)

    def forget_gone(self) -> None:
        for gid in self._gone:
            self.groups.pop(gid, None)
        self._gone.clear()
