"""A study group linked to a JupyterHub group: a read-only import of its members.

For hubs that already manage groups (a course's `students`, a team): an organizer links
the study group to a JupyterHub group by name, and the group's members become members of
the study group. Nothing is ever written to JupyterHub. The members come from the Hub
(`nerdup_lab.hub.hub_groups`, with the service's own token); this module only decides
what changes in the study group, in one transaction:

- a Hub-group member who is not in the study group joins it as a participant, and is
  remembered as *added by the link*;
- a Hub-group member who already is in the study group keeps their role (an organizer or
  a mentor is never demoted) and is remembered as *not added* by the link;
- on a later sync, someone who is no longer in the Hub group is removed from the study
  group only if the link added them and they are still a participant or follower; anyone
  else stays (members from before the link, and imported people since made mentor or
  organizer);
- someone the link added who then left the study group is not added again while they
  stay in the Hub group (the link remembers them); they come back if they leave the Hub
  group and are later added to it again.

Linking again with another name switches the link: the sync then runs against the new
Hub group. Unlinking keeps every member; those the link added become ordinary members.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import validate as v
from ..activity import record
from ..errors import Conflict, NerdUpError, NotFound
from ..members import drop
from ..models import Membership, utcnow
from ..permissions import Action, membership_of, require
from ..users import ensure_user
from .models import HubGroupLink, HubGroupMember

# The role a Hub-group member is imported with, and the roles a sync may remove again.
IMPORTED_ROLE = "participant"
REMOVABLE_ROLES = ("participant", "follower")
# The scope the nerdup service's role needs to read a Hub group's members.
READ_SCOPE = "read:groups"


class NeedsJupyterHub(Conflict):
    """The request names JupyterHub groups, but nerdup runs without a JupyterHub."""

    code = "needs_jupyterhub"


class HubMisconfigured(NerdUpError):
    """JupyterHub refused the service's own request (a scope missing from its role)."""

    status = 502
    code = "hub_misconfigured"


def clean_name(data: dict[str, Any]) -> str:
    """The JupyterHub group name of a link request (`{"name": ...}`); 400 otherwise."""
    fields = v.clean(data, {"name": v.text(max_len=255)}, required=("name",))
    name: str = fields["name"]
    return name


def _link_of(session: Session, group_id: int) -> HubGroupLink | None:
    return session.scalars(
        select(HubGroupLink).where(HubGroupLink.group_id == group_id)
    ).one_or_none()


def _ts(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _to_json(session: Session, group_id: int, link: HubGroupLink | None) -> dict[str, Any]:
    if link is None:
        return {
            "group_id": group_id,
            "linked": False,
            "hub_group": None,
            "linked_by": None,
            "linked_at": None,
            "synced_at": None,
            "synced_by": None,
            "imported": [],
        }
    members = {
        m.username
        for m in session.scalars(select(Membership).where(Membership.group_id == group_id))
    }
    return {
        "group_id": group_id,
        "linked": True,
        "hub_group": link.hub_group,
        "linked_by": link.linked_by,
        "linked_at": _ts(link.linked_at),
        "synced_at": _ts(link.synced_at),
        "synced_by": link.synced_by,
        # Who the link brought in and who is still a member.
        "imported": [m.username for m in link.members if m.added and m.username in members],
    }


def get_link(session: Session, username: str, group_id: int) -> dict[str, Any]:
    """The group's link (`linked: false` when there is none); for whoever sees the group."""
    require(session, group_id, username, Action.VIEW_GROUP)
    return _to_json(session, group_id, _link_of(session, group_id))


def may_link(session: Session, username: str, group_id: int) -> None:
    """Checked before the Hub is asked anything: only organizers link and sync."""
    require(session, group_id, username, Action.LINK_HUB_GROUP)


def linked_name(session: Session, username: str, group_id: int) -> str:
    """The linked Hub group's name, for a sync; 409 when the group is not linked."""
    require(session, group_id, username, Action.LINK_HUB_GROUP)
    link = _link_of(session, group_id)
    if link is None:
        raise Conflict(
            "This group is not linked to a JupyterHub group; link one first "
            '(PUT /groups/{id}/hub-group with {"name": ...}).'
        )
    return link.hub_group


def _apply(
    session: Session, link: HubGroupLink, hub_members: Iterable[str]
) -> tuple[list[str], list[str]]:
    """Bring the study group in line with the Hub group's members: (added, removed)."""
    group_id = link.group_id
    wanted = {name for name in hub_members if name}
    seen = {row.username: row for row in link.members}
    added: list[str] = []
    removed: list[str] = []
    for name in sorted(wanted - seen.keys()):
        already = membership_of(session, group_id, name) is not None
        if not already:
            ensure_user(session, name)
            session.add(Membership(group_id=group_id, username=name, role=IMPORTED_ROLE))
            added.append(name)
        link.members.append(HubGroupMember(username=name, added=not already))
    for name in sorted(seen.keys() - wanted):
        row = seen[name]
        membership = membership_of(session, group_id, name) if row.added else None
        link.members.remove(row)
        if membership is not None and membership.role in REMOVABLE_ROLES:
            drop(session, membership)
            removed.append(name)
    session.flush()
    return added, removed


def _changes(added: list[str], removed: list[str]) -> str:
    parts = []
    if added:
        parts.append("added " + ", ".join(added))
    if removed:
        parts.append("removed " + ", ".join(removed))
    return "; ".join(parts) if parts else "no change"


def _result(
    session: Session, link: HubGroupLink, added: list[str], removed: list[str]
) -> dict[str, Any]:
    return {**_to_json(session, link.group_id, link), "added": added, "removed": removed}


def link(
    session: Session, username: str, group_id: int, hub_group: str, hub_members: list[str]
) -> dict[str, Any]:
    """Link the group to `hub_group` (or switch the link to it) and import `hub_members`,
    the Hub group's members as the Hub just listed them."""
    require(session, group_id, username, Action.LINK_HUB_GROUP)
    now = utcnow()
    current = _link_of(session, group_id)
    if current is None:
        current = HubGroupLink(
            group_id=group_id, hub_group=hub_group, linked_by=username, linked_at=now
        )
        session.add(current)
        session.flush()
    elif current.hub_group != hub_group:
        current.hub_group, current.linked_by, current.linked_at = hub_group, username, now
    current.synced_at, current.synced_by = now, username
    added, removed = _apply(session, current, hub_members)
    record(
        session,
        group_id,
        username,
        "hub_group.linked",
        f"linked the JupyterHub group “{hub_group}” ({_changes(added, removed)})",
        {"hub_group": hub_group, "added": added, "removed": removed},
    )
    return _result(session, current, added, removed)


def sync(
    session: Session, username: str, group_id: int, hub_group: str, hub_members: list[str]
) -> dict[str, Any]:
    """Import the linked Hub group's members again. `hub_group` is the name the members
    were read for: if the link changed meanwhile, nothing is applied (409)."""
    require(session, group_id, username, Action.LINK_HUB_GROUP)
    current = _link_of(session, group_id)
    if current is None or current.hub_group != hub_group:
        raise Conflict("The group's JupyterHub link changed meanwhile; reload and try again.")
    current.synced_at, current.synced_by = utcnow(), username
    added, removed = _apply(session, current, hub_members)
    if added or removed:
        record(
            session,
            group_id,
            username,
            "hub_group.synced",
            f"synced the JupyterHub group “{hub_group}”: {_changes(added, removed)}",
            {"hub_group": hub_group, "added": added, "removed": removed},
        )
    return _result(session, current, added, removed)


def unlink(session: Session, username: str, group_id: int) -> None:
    """Drop the link; every member stays (those it added become ordinary members)."""
    require(session, group_id, username, Action.LINK_HUB_GROUP)
    current = _link_of(session, group_id)
    if current is None:
        raise NotFound("This group is not linked to a JupyterHub group.")
    name = current.hub_group
    session.delete(current)
    session.flush()
    record(
        session,
        group_id,
        username,
        "hub_group.unlinked",
        f"unlinked the JupyterHub group “{name}” (its members stay)",
        {"hub_group": name},
    )
