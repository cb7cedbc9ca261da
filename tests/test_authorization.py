"""Who may use this server is the deployment's Authorizer's decision (jupyter-server's
`auth_resource` + `@authorized`): every nerdup route asks it about `read`/`write` on
"nerdup", and the routes that read or write files of the workspace about "contents" too,
before a file is touched. What it refuses is a 403 with nothing read, written or stored."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from api_setup import study_group
from authorizers import DENY_HEADER, HeaderAuthorizer
from nerdup_api import USER_HEADER

from nerdup_lab.handlers import routes
from nerdup_lab.handlers.base import API_PREFIX
from tests.snapshots.helpers import notebook
from tests.test_snapshot_api import save

METHODS = ("get", "post", "put", "patch", "delete")
SECRET = "api_key = 'only-on-this-server'"


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    server = {**jp_server_config["ServerApp"], "authorizer_class": "authorizers.HeaderAuthorizer"}
    return {**jp_server_config, "ServerApp": server}


def deny(*what: str) -> dict[str, str]:
    return {DENY_HEADER: ",".join(what)}


def every_route() -> list[tuple[str, str]]:
    """(method, path under the API) of every nerdup REST route, ids filled with 1."""
    found = []
    for pattern, handler in routes():
        if not pattern.startswith(f"/{API_PREFIX}/"):
            continue  # the public page: no login, nothing of the API
        if getattr(handler, "no_login", False):
            continue  # the calendar feed: its secret token is the credential (test_api_calendar)
        path = pattern[len(API_PREFIX) + 1 :].replace("([^/]+)", "1")
        path = re.sub(r"\(([a-z]+)\|[^)]*\)", r"\1", path)
        mine = [c for c in handler.__mro__ if c.__module__.startswith("nerdup_lab")]
        found += [(m.upper(), path) for m in METHODS if any(m in vars(c) for c in mine)]
    return found


async def test_every_route_asks_the_authorizer_first(api, jp_fetch, openapi_document):
    club = await study_group(api)
    alice = club["alice"]
    before = (await alice.get(f"/groups/{club['gid']}/activity")).json["items"]
    swept = every_route()
    assert len(swept) > 80  # the sweep sees the whole API, not a handful
    refused = {USER_HEADER: "alice", **deny("read:nerdup", "write:nerdup")}
    for method, path in swept:
        # Raw requests: some method/path pairs (a POST to a GET route) are not in the
        # OpenAPI document, and they must be refused all the same.
        reply = await jp_fetch(
            API_PREFIX + path,
            method=method,
            body=b"{}" if method != "GET" else None,
            headers=refused,
            raise_error=False,
            allow_nonstandard_methods=True,
        )
        assert reply.code == 403, (method, path, reply.code, reply.body[:200])
        error = json.loads(reply.body)["error"]
        assert error["code"] == "forbidden"
        assert "allowed" in error["message"]
    # ... and the document says so for every operation.
    for path, ops in openapi_document["paths"].items():
        for method, op in ops.items():
            if method in METHODS and op.get("security") != []:  # [] : no login (the feed)
                assert "403" in op["responses"], (method, path)
    assert (await alice.get(f"/groups/{club['gid']}/activity")).json["items"] == before
    # A GET asks about `read`, a write about `write`: a read-only user reads.
    assert (await alice.get("/groups", headers=deny("write:nerdup"))).status == 200
    refused = await alice.post("/groups", {"title": "x"}, headers=deny("write:nerdup"))
    assert refused.status == 403


async def test_without_contents_read_no_file_is_read(api, jp_root_dir):
    club = await study_group(api)
    alice, gid = club["alice"], club["gid"]
    save(jp_root_dir, "keys.ipynb", notebook([SECRET]))
    snap = (await alice.post(f"/groups/{gid}/snapshots", {"path": "keys.ipynb"})).json
    no_read = deny("read:contents")
    for path in ("keys.ipynb", "missing.ipynb"):  # same answer: no oracle on files
        reply = await alice.post(f"/groups/{gid}/snapshots", {"path": path}, headers=no_read)
        assert reply.status == 403, reply.json
        assert reply.error["message"] == "You are not allowed to read contents on this server."
        diff = await alice.get(
            f"/snapshots/{snap['id']}/diff", params={"path": path}, headers=no_read
        )
        assert diff.status == 403
        assert SECRET not in diff.raw.decode()
    assert len((await alice.get(f"/groups/{gid}/snapshots")).json["items"]) == 1
    # What does not touch the workspace still works for that user.
    assert (await alice.get(f"/snapshots/{snap['id']}", headers=no_read)).status == 200
    assert (
        await alice.get(f"/snapshots/{snap['id']}/diff/{snap['id']}", headers=no_read)
    ).status == 200


async def test_a_read_only_share_commits_but_never_writes_a_file(api, jp_root_dir):
    club = await study_group(api)
    bob, gid = club["bob"], club["gid"]
    save(jp_root_dir, "shared.ipynb", notebook(["x = 1"]))
    read_only = deny("write:contents")
    committed = await bob.post(
        f"/groups/{gid}/snapshots", {"path": "shared.ipynb"}, headers=read_only
    )
    assert committed.status == 201, committed.json  # commit reads the file, writes none
    sid = committed.json["id"]
    assert (
        await club["alice"].post(f"/groups/{gid}/notebooks", {"path": "shared.ipynb"})
    ).status == 201
    files_before = sorted(p.name for p in jp_root_dir.rglob("*"))
    attempts = [
        (f"/snapshots/{sid}/restore", {"target": "copy.ipynb"}),
        (f"/groups/{gid}/notebooks/open", {"path": "shared.ipynb", "target": "open.ipynb"}),
        (f"/snapshots/{sid}/blog", {"format": "markdown", "directory": "posts"}),
    ]
    for path, body in attempts:
        reply = await bob.post(path, body, headers=read_only)
        assert reply.status == 403, (path, reply.json)
    assert sorted(p.name for p in jp_root_dir.rglob("*")) == files_before
    kinds = [a["kind"] for a in (await bob.get(f"/groups/{gid}/activity")).json["items"]]
    assert "snapshot.restored" not in kinds
    # The same user with write access restores (the check is the authorizer's, not a rule).
    assert (await bob.post(f"/snapshots/{sid}/restore", {"target": "copy.ipynb"})).status == 201
    asked = {(a, r) for u, a, r in HeaderAuthorizer.asked if u == "bob"}
    assert {("write", "nerdup"), ("write", "contents"), ("read", "contents")} <= asked
