"""JupyterHub mode end to end: a real Hub, proxy and single-user servers, the nerdup
service, and requests made the way the lab makes them (to the user's own server)."""

from __future__ import annotations

import pytest
from hubkit import API, EventBus, Hub, ServiceProcess, call, notebook


def new_group(hub: Hub, user: str, title: str) -> int:
    reply = hub.as_user(user, "POST", "/groups", {"title": title})
    assert reply.status == 201, reply.body
    return int(reply.body["id"])


def test_status_says_hub_mode_and_service_reachable(hub: Hub) -> None:
    reply = hub.as_user("alice", "GET", "/status")
    assert reply.status == 200
    assert reply.body["mode"] == "hub"
    assert reply.body["hub"]["reachable"] is True
    assert reply.body["user"]["username"] == "alice"


def test_alice_creates_a_group_and_bob_joins_it_from_his_own_server(hub: Hub) -> None:
    gid = new_group(hub, "alice", "Pandas for beginners")
    joined = hub.as_user("bob", "POST", f"/groups/{gid}/members", {"role": "participant"})
    assert joined.status == 201, joined.body
    seen = hub.as_user("bob", "GET", f"/groups/{gid}")
    assert seen.status == 200
    assert seen.body["created_by"] == "alice"
    assert seen.body["my_role"] == "participant"
    listed = hub.as_user("bob", "GET", "/groups")
    assert gid in [g["id"] for g in listed.body["groups"]]


def test_snapshot_from_alices_server_is_listed_and_announced_on_bobs(hub: Hub) -> None:
    gid = new_group(hub, "alice", "Weekly co-coding")
    assert hub.as_user("bob", "POST", f"/groups/{gid}/members", {}).status == 201
    # Alice saves a notebook in her own workspace (her server's contents API) ...
    saved = call(
        "PUT",
        f"{hub.local.url}/user/alice/api/contents/eda.ipynb",
        hub.tokens["alice"],
        {"type": "notebook", "format": "json", "content": notebook("df.describe()")},
    )
    assert saved.status == 201, saved.body  # a new file
    hub.wait_live("bob")
    with EventBus(hub, "bob", hub.tokens["bob"]) as bobs_bus:
        # ... and commits it from there: her server reads the file and sends it on.
        committed = hub.as_user(
            "alice", "POST", f"/groups/{gid}/snapshots", {"path": "eda.ipynb", "message": "EDA"}
        )
        assert committed.status == 201, committed.body

        # Stored once the commit is answered: bob's server lists it at once.
        listed = hub.as_user("bob", "GET", f"/groups/{gid}/snapshots")
        assert listed.status == 200, listed.body
        assert [(s["id"], s["author"]) for s in listed.body["items"]] == [
            (committed.body["id"], "alice")
        ]
        # The live path too: bob's server relays the service's event onto its event bus
        # (how fast: `make bench`, hub_events).
        event = bobs_bus.wait_for(group_id=gid, kind="snapshot.committed")
        assert event["actor"] == "alice"


def test_bob_cannot_edit_alices_milestone(hub: Hub) -> None:
    gid = new_group(hub, "alice", "Capstone")
    made = hub.as_user("alice", "POST", f"/groups/{gid}/milestones", {"title": "Clean data"})
    assert made.status == 201, made.body
    assert hub.as_user("bob", "POST", f"/groups/{gid}/members", {}).status == 201
    mid, version = made.body["id"], made.body["version"]
    refused = hub.as_user(
        "bob", "PATCH", f"/milestones/{mid}", {"title": "Mine now"}, **{"If-Match": f'"{version}"'}
    )
    assert refused.status == 403, refused.body
    assert refused.body["error"]["code"] == "forbidden"
    after = hub.as_user("alice", "GET", f"/milestones/{mid}")
    assert after.body["title"] == "Clean data"


def test_token_without_the_access_scope_is_refused(hub: Hub) -> None:
    service = f"{hub.local.service_url}{API}"
    narrow = hub.token("bob", scopes=["read:users:name!user=bob"])
    refused = call("GET", f"{service}/groups", narrow)
    assert refused.status == 403, refused.body
    assert "access:services!service=nerdup" in refused.body["error"]["message"]
    assert call("GET", f"{service}/groups", None).status == 401
    assert call("GET", f"{service}/groups", "not-a-token").status == 401
    assert call("GET", f"{service}/groups", hub.tokens["bob"]).status == 200


def test_a_visitor_on_a_shared_server_acts_as_himself(hub: Hub) -> None:
    shared = hub.admin("POST", "shares/alice/", {"user": "bob"})
    assert shared.status == 200, shared.body
    on_alices = f"{hub.local.url}/user/alice/{API}"
    me = call("GET", f"{on_alices}/me", hub.tokens["bob"])
    assert me.status == 200, me.body
    assert me.body["user"]["username"] == "bob"
    made = call("POST", f"{on_alices}/groups", hub.tokens["bob"], {"title": "Bob's, via Alice"})
    assert made.status == 201, made.body
    assert made.body["created_by"] == "bob"
    assert made.body["my_role"] == "organizer"
    feed = hub.as_user("alice", "GET", f"/groups/{made.body['id']}/activity")
    assert {item["actor"] for item in feed.body["items"]} == {"bob"}


def test_service_restart_loses_nothing_and_the_stream_resumes(
    hub: Hub, service: ServiceProcess
) -> None:
    gid = new_group(hub, "alice", "Survives restarts")
    hub.wait_live("alice")
    with EventBus(hub, "alice", hub.tokens["alice"]) as alices_bus:
        assert hub.as_user("bob", "POST", f"/groups/{gid}/members", {}).status == 201
        alices_bus.wait_for(group_id=gid, kind="member.joined")

        assert service.stop() == 0, "the service must shut down by itself on SIGTERM"
        down = hub.as_user("alice", "POST", f"/groups/{gid}/milestones", {"title": "Lost?"})
        assert down.status == 503, down.body
        assert "not reachable" in down.body["error"]["message"]
        status = hub.as_user("alice", "GET", "/status")
        assert status.status == 200
        assert status.body["hub"]["reachable"] is False

        service.start()
        # A change that lands before alice's server has reconnected its stream ...
        made = hub.as_user("bob", "PATCH", f"/groups/{gid}/members/bob", {"role": "follower"})
        assert made.status == 200, made.body  # a role switch needs no If-Match
        # ... reaches her event bus once the stream resumes from its last event id.
        alices_bus.wait_for(group_id=gid, kind="member.role_changed")
    group = hub.as_user("alice", "GET", f"/groups/{gid}")
    assert {m["username"] for m in group.body["members"]} == {"alice", "bob"}
    assert hub.as_user("alice", "GET", "/status").body["hub"]["reachable"] is True


@pytest.mark.parametrize("path", ["/groups", "/me"])
def test_every_route_is_forwarded_with_the_callers_identity(hub: Hub, path: str) -> None:
    reply = hub.as_user("carol", "GET", path)
    assert reply.status == 200, reply.body


def test_a_members_only_group_never_reaches_an_outsiders_server(hub: Hub) -> None:
    hub.wait_live("alice", "carol")
    with (
        EventBus(hub, "alice", hub.tokens["alice"]) as alices,
        EventBus(hub, "carol", hub.tokens["carol"]) as carols,
    ):
        secret = hub.as_user(
            "alice", "POST", "/groups", {"title": "Private", "visibility": "members"}
        )
        assert secret.status == 201, secret.body
        open_one = new_group(hub, "alice", "Open to all")
        alices.wait_for(group_id=secret.body["id"], kind="group.created")
        # Carol's server gets the open group's event, and never the private one's: the
        # service sends each reader's events in order, so the private one would be first.
        carols.wait_for(group_id=open_one, kind="group.created")
        assert secret.body["id"] not in [e["group_id"] for e in carols.events]
