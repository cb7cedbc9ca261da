"""JupyterHub mode, the routes that touch a user's workspace: restore a snapshot, open a
group notebook, diff a snapshot against the saved file. The service has no workspace, so
the user's own server does the file part and asks the service, as the caller, for the
rest; these tests look at both halves (the file in the right workspace, the activity
under the right name)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from hubkit import API, Hub, call, notebook


def new_group(hub: Hub, user: str, title: str) -> int:
    reply = hub.as_user(user, "POST", "/groups", {"title": title})
    assert reply.status == 201, reply.body
    return int(reply.body["id"])


def save(hub: Hub, user: str, path: str, source: str) -> None:
    """Save a notebook in `user`'s workspace through his server's contents API."""
    model = {"type": "notebook", "format": "json", "content": notebook(source)}
    saved = call("PUT", f"{contents(hub, user)}/{path}", hub.tokens[user], model)
    assert saved.status == 201, saved.body  # every test saves a new file


def contents(hub: Hub, user: str) -> str:
    return f"{hub.local.url}/user/{user}/api/contents"


def read(hub: Hub, user: str, path: str) -> dict[str, Any] | None:
    """The notebook at `path` in `user`'s workspace, or None if there is no such file."""
    reply = call("GET", f"{contents(hub, user)}/{quote(path)}", hub.tokens[user])
    if reply.status == 404:
        return None
    assert reply.status == 200, reply.body
    content: dict[str, Any] = reply.body["content"]
    return content


def source(nb: dict[str, Any] | None) -> str:
    assert nb is not None
    return "".join(nb["cells"][0]["source"])


def commit(hub: Hub, user: str, gid: int, path: str) -> dict[str, Any]:
    reply = hub.as_user(user, "POST", f"/groups/{gid}/snapshots", {"path": path})
    assert reply.status == 201, reply.body
    found: dict[str, Any] = reply.body
    return found


def actors_of(hub: Hub, gid: int, kind: str) -> list[str]:
    feed = hub.as_user("alice", "GET", f"/groups/{gid}/activity")
    return [item["actor"] for item in feed.body["items"] if item["kind"] == kind]


def test_bob_restores_alices_snapshot_into_his_own_workspace(hub: Hub) -> None:
    gid = new_group(hub, "alice", "Restore across servers")
    assert hub.as_user("bob", "POST", f"/groups/{gid}/members", {}).status == 201
    save(hub, "alice", "restore-me.ipynb", "alice_wrote = 1")
    snap = commit(hub, "alice", gid, "restore-me.ipynb")

    first = hub.as_user("bob", "POST", f"/snapshots/{snap['id']}/restore", {})
    assert first.status == 201, first.body
    assert first.body["path"].startswith("restore-me (snapshot ")
    assert "notebook" not in first.body  # the service's half; the lab gets path + snapshot
    assert source(read(hub, "bob", first.body["path"])) == "alice_wrote = 1"
    assert read(hub, "alice", first.body["path"]) is None  # bob's workspace, not alice's
    assert actors_of(hub, gid, "snapshot.restored") == ["bob"]

    # The same name again is a 409 decided on bob's server; nothing is recorded or written.
    again = hub.as_user("bob", "POST", f"/snapshots/{snap['id']}/restore", {})
    assert again.status == 409, again.body
    assert again.body["error"]["fields"] == {"target": "exists"}
    assert "overwrite" in again.body["error"]["message"]
    assert actors_of(hub, gid, "snapshot.restored") == ["bob"]

    save(hub, "bob", "mine.ipynb", "bobs_own = 2")
    kept = hub.as_user("bob", "POST", f"/snapshots/{snap['id']}/restore", {"target": "mine.ipynb"})
    assert kept.status == 409
    assert source(read(hub, "bob", "mine.ipynb")) == "bobs_own = 2"
    forced = hub.as_user(
        "bob",
        "POST",
        f"/snapshots/{snap['id']}/restore",
        {"target": "mine.ipynb", "overwrite": True},
    )
    assert forced.status == 201, forced.body
    assert source(read(hub, "bob", "mine.ipynb")) == "alice_wrote = 1"


def test_an_outsider_cannot_restore_a_members_only_snapshot(hub: Hub) -> None:
    made = hub.as_user(
        "alice", "POST", "/groups", {"title": "Closed circle", "visibility": "members"}
    )
    assert made.status == 201, made.body
    gid = int(made.body["id"])
    save(hub, "alice", "secret.ipynb", "secret = 42")
    snap = commit(hub, "alice", gid, "secret.ipynb")
    refused = hub.as_user(
        "carol", "POST", f"/snapshots/{snap['id']}/restore", {"target": "s.ipynb"}
    )
    unknown = hub.as_user("carol", "POST", "/snapshots/999999/restore", {"target": "s.ipynb"})
    # A members-only group's snapshot is, to an outsider, the same 404 as one that does
    # not exist: nothing in the answer says there is something behind the id.
    assert refused.status == unknown.status == 404, (refused.body, unknown.body)
    assert refused.body["error"]["code"] == unknown.body["error"]["code"]
    assert refused.body["error"]["message"].replace(str(snap["id"]), "N") == unknown.body["error"][
        "message"
    ].replace("999999", "N")
    assert read(hub, "carol", "s.ipynb") is None


def test_bob_opens_a_group_notebook_version_from_his_server(hub: Hub) -> None:
    gid = new_group(hub, "alice", "Shared notebooks")
    assert hub.as_user("bob", "POST", f"/groups/{gid}/members", {}).status == 201
    save(hub, "alice", "analysis.ipynb", "alice_version = 1")
    commit(hub, "alice", gid, "analysis.ipynb")
    marked = hub.as_user("alice", "POST", f"/groups/{gid}/notebooks", {"path": "analysis.ipynb"})
    assert marked.status == 201, marked.body

    opened = hub.as_user(
        "bob",
        "POST",
        f"/groups/{gid}/notebooks/open",
        {"path": "analysis.ipynb", "author": "alice", "target": "alices-analysis.ipynb"},
    )
    assert opened.status == 201, opened.body
    assert opened.body["path"] == "alices-analysis.ipynb"
    assert source(read(hub, "bob", "alices-analysis.ipynb")) == "alice_version = 1"

    nothing = hub.as_user(
        "bob", "POST", f"/groups/{gid}/notebooks/open", {"path": "never-committed.ipynb"}
    )
    assert nothing.status == 404
    assert "No snapshot of never-committed.ipynb" in nothing.body["error"]["message"]


def test_diff_of_a_snapshot_against_the_saved_file(hub: Hub) -> None:
    gid = new_group(hub, "alice", "Diffs in hub mode")
    save(hub, "alice", "diffme.ipynb", "x = 1")
    snap = commit(hub, "alice", gid, "diffme.ipynb")
    same = hub.as_user("alice", "GET", f"/snapshots/{snap['id']}/diff?path=diffme.ipynb")
    assert same.status == 200, same.body
    assert same.body["summary"]["modified"] == 0
    # Alice edits her saved file: her server reads it and the service compares.
    edited = read(hub, "alice", "diffme.ipynb")
    assert edited is not None
    edited["cells"][0]["source"] = "x = 2"
    model = {"type": "notebook", "format": "json", "content": edited}
    assert (
        call("PUT", f"{contents(hub, 'alice')}/diffme.ipynb", hub.tokens["alice"], model).status
        == 200
    )
    changed = hub.as_user("alice", "GET", f"/snapshots/{snap['id']}/diff?path=diffme.ipynb")
    assert changed.status == 200, changed.body
    assert changed.body["summary"]["modified"] == 1
    assert changed.body["b"] == {"path": "diffme.ipynb"}
    missing = hub.as_user("alice", "GET", f"/snapshots/{snap['id']}/diff?path=nope.ipynb")
    assert missing.status == 404
    assert "nope.ipynb" in missing.body["error"]["message"]


def test_a_visitor_restoring_on_a_shared_server_is_recorded_as_himself(hub: Hub) -> None:
    gid = new_group(hub, "alice", "Pairing on alice's server")
    assert hub.as_user("bob", "POST", f"/groups/{gid}/members", {}).status == 201
    save(hub, "alice", "pair.ipynb", "pair = 1")
    snap = commit(hub, "alice", gid, "pair.ipynb")
    shared = hub.admin("POST", "shares/alice/", {"user": "bob"})
    assert shared.status == 200, shared.body
    on_alices = f"{hub.local.url}/user/alice/{API}"
    restored = call(
        "POST",
        f"{on_alices}/snapshots/{snap['id']}/restore",
        hub.tokens["bob"],
        {"target": "pair-copy.ipynb"},
    )
    assert restored.status == 201, restored.body
    assert source(read(hub, "alice", "pair-copy.ipynb")) == "pair = 1"  # her server's files
    assert actors_of(hub, gid, "snapshot.restored") == ["bob"]  # ... but bob did it
