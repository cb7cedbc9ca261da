"""JupyterHub mode, one user's server used by another: bob, with his own valid token,
sends nerdup requests to *alice's* server. Without JupyterHub's `access:servers` on that
server (a share) every route is refused with 403 on alice's server itself, before her
files are read and before anything is sent on to the service; with a share bob is let in
and acts as himself.

Each test mints its own tokens for bob: alice's server caches what the Hub says about a
token (HubAuth, 300 s), so a token used before a share was granted or revoked would carry
the old answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hubkit import API, Hub, Reply, call, notebook

SECRET = "AWS_SECRET_KEY = 'alice-only-9f3c1e'"


def alices(hub: Hub) -> str:
    return f"{hub.local.url}/user/alice/{API}"


def contents(hub: Hub, user: str) -> str:
    return f"{hub.local.url}/user/{user}/api/contents"


def save(hub: Hub, user: str, path: str, source: str) -> None:
    model = {"type": "notebook", "format": "json", "content": notebook(source)}
    saved = call("PUT", f"{contents(hub, user)}/{path}", hub.tokens[user], model)
    assert saved.status == 201, saved.body  # a new file each time


def files_of(hub: Hub, user: str) -> set[str]:
    listed = call("GET", contents(hub, user), hub.tokens[user])
    assert listed.status == 200, listed.body
    return {item["path"] for item in listed.body["content"]}


def unshare_alices_server(hub: Hub) -> None:
    gone = hub.admin("DELETE", "shares/alice/")
    assert gone.status == 204, gone.body  # also when nothing was shared


@pytest.fixture
def no_share(hub: Hub) -> Iterator[None]:
    """Alice's server shared with nobody, before and after (another test shares it)."""
    unshare_alices_server(hub)
    yield
    unshare_alices_server(hub)


def group_of(hub: Hub, user: str, title: str, **extra: Any) -> int:
    made = hub.as_user(user, "POST", "/groups", {"title": title, **extra})
    assert made.status == 201, made.body
    return int(made.body["id"])


def snapshots_in(hub: Hub, user: str, gid: int) -> list[dict[str, Any]]:
    listed = hub.as_user(user, "GET", f"/groups/{gid}/snapshots")
    assert listed.status == 200, listed.body
    items: list[dict[str, Any]] = listed.body["items"]
    return items


def activity_in(hub: Hub, user: str, gid: int) -> list[tuple[str, str]]:
    feed = hub.as_user(user, "GET", f"/groups/{gid}/activity")
    assert feed.status == 200, feed.body
    return [(item["kind"], item["actor"]) for item in feed.body["items"]]


def refused(reply: Reply) -> None:
    assert reply.status == 403, (reply.status, reply.body)
    assert SECRET not in json.dumps(reply.body)
    assert "alice-only" not in json.dumps(reply.body)


def test_bob_gets_403_on_every_route_of_alices_server_and_reads_nothing(
    hub: Hub, no_share: None
) -> None:
    # Alice's workspace holds a secret; bob has a group of his own to smuggle it into,
    # and alice has a group bob is a member of (so the service alone would let him in).
    save(hub, "alice", "private_keys.ipynb", SECRET)
    alices_group = group_of(hub, "alice", "Alice's study circle")
    assert hub.as_user("bob", "POST", f"/groups/{alices_group}/members", {}).status == 201
    snap = hub.as_user(
        "alice", "POST", f"/groups/{alices_group}/snapshots", {"path": "private_keys.ipynb"}
    )
    assert snap.status == 201, snap.body
    sid = int(snap.body["id"])
    marked = hub.as_user(
        "alice", "POST", f"/groups/{alices_group}/notebooks", {"path": "private_keys.ipynb"}
    )
    assert marked.status == 201, marked.body
    bobs_group = group_of(hub, "bob", "Bob's loot", visibility="members")
    before_alice = files_of(hub, "alice")
    before_activity = activity_in(hub, "bob", bobs_group)

    bob = hub.token("bob")  # valid, with every scope bob has: none on alice's server
    attempts: list[tuple[str, str, Any]] = [
        # reads, forwarded as they came
        ("GET", "/me", None),
        ("GET", "/groups", None),
        ("GET", f"/groups/{alices_group}/snapshots", None),
        ("GET", f"/snapshots/{sid}", None),
        ("GET", f"/snapshots/{sid}/notebook", None),
        # commit: alice's server would read her file and send it into bob's group
        ("POST", f"/groups/{bobs_group}/snapshots", {"path": "private_keys.ipynb"}),
        ("POST", f"/groups/{bobs_group}/snapshots", {"path": "does-not-exist.ipynb"}),
        ("POST", f"/groups/{bobs_group}/snapshots", {"path": ""}),
        # restore and open: would write into alice's workspace
        ("POST", f"/snapshots/{sid}/restore", {"target": "planted.ipynb"}),
        (
            "POST",
            f"/groups/{alices_group}/notebooks/open",
            {"path": "private_keys.ipynb", "target": "opened.ipynb"},
        ),
        # diff against the saved file: would read alice's file
        ("GET", f"/snapshots/{sid}/diff?path=private_keys.ipynb", None),
        ("GET", f"/snapshots/{sid}/diff?path=does-not-exist.ipynb", None),
        # blog export: the download, and the write into the workspace
        ("GET", f"/snapshots/{sid}/blog?format=html", None),
        ("POST", f"/snapshots/{sid}/blog", {"format": "markdown", "directory": "loot"}),
        # a write that only the service would decide on
        ("POST", "/groups", {"title": "Made through alice's server"}),
    ]
    for method, path, body in attempts:
        reply = call(method, f"{alices(hub)}{path}", bob, body)
        refused(reply)
        # An existing and a missing file look the same: no oracle on alice's files.
        assert reply.body == call(method, f"{alices(hub)}{path}", bob, body).body

    # Nothing reached the service as bob, nothing was written on alice's server.
    assert snapshots_in(hub, "bob", bobs_group) == []
    assert activity_in(hub, "bob", bobs_group) == before_activity
    assert files_of(hub, "alice") == before_alice
    titles = [g["title"] for g in hub.as_user("bob", "GET", "/groups").body["groups"]]
    assert "Made through alice's server" not in titles
    # And bob's own server still serves bob.
    assert hub.as_user("bob", "GET", "/me").status == 200


def test_with_a_share_bob_works_on_alices_server_as_himself(hub: Hub, no_share: None) -> None:
    save(hub, "alice", "pair-work.ipynb", "pairing = True")
    bobs_group = group_of(hub, "bob", "Bob pairs with alice", visibility="members")
    shared = hub.admin("POST", "shares/alice/", {"user": "bob"})
    assert shared.status == 200, shared.body
    bob = hub.token("bob")  # minted after the share: alice's server has no stale answer

    me = call("GET", f"{alices(hub)}/me", bob)
    assert me.status == 200, me.body
    assert me.body["user"]["username"] == "bob"
    committed = call(
        "POST", f"{alices(hub)}/groups/{bobs_group}/snapshots", bob, {"path": "pair-work.ipynb"}
    )
    assert committed.status == 201, committed.body
    assert committed.body["author"] == "bob"  # the visitor, not the server's owner
    assert [s["author"] for s in snapshots_in(hub, "bob", bobs_group)] == ["bob"]
    assert ("snapshot.committed", "bob") in activity_in(hub, "bob", bobs_group)
    # Bob's own group, members-only: alice (whose server it went through) cannot see it.
    assert hub.as_user("alice", "GET", f"/groups/{bobs_group}/snapshots").status == 404
