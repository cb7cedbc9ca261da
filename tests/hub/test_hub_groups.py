"""A study group linked to a JupyterHub group, end to end: a real Hub with a real group,
the nerdup service reading it with its own token (role `nerdup-service`: read:groups),
and every request made from the users' own servers, as the lab makes them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hubkit import EventBus, Hub

HUB_GROUP = "nerdup-e2e-students"


@pytest.fixture
def hub_group(hub: Hub) -> Iterator[str]:
    """A JupyterHub group with alice and bob, made through the Hub's admin API."""
    made = hub.admin("POST", f"groups/{HUB_GROUP}", {"users": ["alice", "bob"]})
    assert made.status == 201, made.body
    yield HUB_GROUP
    hub.admin("DELETE", f"groups/{HUB_GROUP}")


def my_role(hub: Hub, user: str, gid: int) -> str | None:
    reply = hub.as_user(user, "GET", f"/groups/{gid}")
    assert reply.status == 200, reply.body
    role: str | None = reply.body["my_role"]
    return role


def test_an_organizer_links_a_hub_group_and_syncs_it(hub: Hub, hub_group: str) -> None:
    made = hub.as_user("alice", "POST", "/groups", {"title": "Course study group"})
    assert made.status == 201, made.body
    gid = int(made.body["id"])
    path = f"/groups/{gid}/hub-group"

    # bob may not link; alice may.
    assert hub.as_user("bob", "PUT", path, {"name": hub_group}).status == 403
    linked = hub.as_user("alice", "PUT", path, {"name": hub_group})
    assert linked.status == 200, linked.body
    assert linked.body["added"] == ["bob"] and linked.body["hub_group"] == hub_group

    # bob sees the group in his own server, as a participant.
    listed = hub.as_user("bob", "GET", "/groups")
    assert gid in [g["id"] for g in listed.body["groups"]]
    assert my_role(hub, "bob", gid) == "participant"
    assert my_role(hub, "alice", gid) == "organizer"
    assert hub.as_user("bob", "GET", path).body["imported"] == ["bob"]

    # carol joins the Hub group; a sync imports her, and the live stream says so.
    added = hub.admin("POST", f"groups/{hub_group}/users", {"users": ["carol"]})
    assert added.status == 200, added.body
    hub.wait_live("alice")
    with EventBus(hub, "alice", hub.tokens["alice"]) as alices_bus:
        synced = hub.as_user("alice", "POST", f"{path}/sync")
        assert synced.status == 200, synced.body
        assert (synced.body["added"], synced.body["removed"]) == (["carol"], [])
        event = alices_bus.wait_for(group_id=gid, kind="hub_group.synced")
        assert event["actor"] == "alice"
    assert my_role(hub, "carol", gid) == "participant"

    # bob leaves the Hub group; the next sync removes him, alice (organizer) stays.
    gone = hub.admin("DELETE", f"groups/{hub_group}/users", {"users": ["bob"]})
    assert gone.status == 200, gone.body
    synced = hub.as_user("alice", "POST", f"{path}/sync")
    assert synced.status == 200, synced.body
    assert (synced.body["added"], synced.body["removed"]) == ([], ["bob"])
    assert my_role(hub, "bob", gid) is None
    members = hub.as_user("alice", "GET", f"/groups/{gid}").body["members"]
    assert sorted(m["username"] for m in members) == ["alice", "carol"]

    # Read-only: the Hub group is as the admin left it.
    model = hub.admin("GET", f"groups/{hub_group}").body
    assert sorted(model["users"]) == ["alice", "carol"]

    # Unlinking keeps the members.
    assert hub.as_user("alice", "DELETE", path).status == 204
    assert my_role(hub, "carol", gid) == "participant"


def test_an_unknown_hub_group_is_a_404_naming_it(hub: Hub) -> None:
    made = hub.as_user("alice", "POST", "/groups", {"title": "Typo"})
    gid = int(made.body["id"])
    reply = hub.as_user("alice", "PUT", f"/groups/{gid}/hub-group", {"name": "no-such-group"})
    assert reply.status == 404, reply.body
    assert "no-such-group" in reply.body["error"]["message"]
    assert hub.as_user("alice", "GET", f"/groups/{gid}/hub-group").body["linked"] is False
