"""The JupyterHub-group link over REST, every response checked against schema/openapi.json.

Embedded (no JupyterHub) GET says `available: false` and the writes answer 409
`needs_jupyterhub`. The hub service's way of
reading groups (`settings["nerdup_hub_groups"]`) is then pointed at a stand-in of the Hub
API, which answers like JupyterHub: the group, 404, 403 without the scope, a group without
`users` for `read:groups:name` only. The real Hub: tests/hub/test_hub_groups.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from api_setup import new_group
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import Application, RequestHandler

from nerdup_lab.hub.hub_groups import HubGroups

SERVICE_TOKEN = "the-service-token"


@dataclass
class StandInHub:
    url: str
    groups: dict[str, Any] = field(default_factory=dict)  # name -> users, or an HTTP status
    seen: list[dict[str, str]] = field(default_factory=list)


class _Group(RequestHandler):
    def initialize(self, hub: StandInHub) -> None:
        self.hub = hub

    def get(self, name: str) -> None:
        from urllib.parse import unquote

        name = unquote(name)
        self.hub.seen.append({"name": name, "auth": self.request.headers.get("Authorization", "")})
        found = self.hub.groups.get(name)
        self.set_header("Content-Type", "application/json")
        if found is None:
            self.set_status(404)
            self.finish(json.dumps({"status": 404, "message": f"No such group: {name}"}))
        elif isinstance(found, int):
            self.set_status(found)
            self.finish(json.dumps({"status": found, "message": "refused"}))
        elif found == "name-only":
            self.finish(json.dumps({"kind": "group", "name": name}))
        else:
            self.finish(json.dumps({"kind": "group", "name": name, "users": found}))


@pytest.fixture
def stand_in(jp_asyncio_loop: Any) -> Iterator[StandInHub]:
    sock, port = bind_unused_port()
    hub = StandInHub(f"http://127.0.0.1:{port}/hub/api")
    server = HTTPServer(Application([(r"/hub/api/groups/([^/]+)", _Group, {"hub": hub})]))
    server.add_sockets([sock])
    yield hub
    server.stop()


@pytest.fixture
def as_service(jp_serverapp: Any, stand_in: StandInHub) -> StandInHub:
    """This server answers as the hub service does, reading groups from the stand-in."""
    settings = jp_serverapp.web_app.settings
    settings["nerdup_hub_groups"] = HubGroups(stand_in.url, SERVICE_TOKEN, timeout=5)
    yield stand_in
    settings.pop("nerdup_hub_groups", None)


async def test_embedded_mode_shows_no_link_and_refuses_writes_with_409(api):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    path = f"/groups/{gid}/hub-group"
    shown = await alice.get(path)
    assert shown.status == 200
    assert (shown.json["linked"], shown.json["available"]) == (False, False)
    for reply in (
        await alice.put(path, {"name": "students"}),
        await alice.delete(path),
        await alice.post(f"{path}/sync"),
    ):
        assert reply.status == 409
        assert reply.error["code"] == "needs_jupyterhub"
        assert "JupyterHub mode" in reply.error["message"]


async def test_link_sync_and_unlink(api, as_service, activity_events):
    alice, bob = api("alice"), api("bob")
    gid = (await new_group(alice))["id"]
    path = f"/groups/{gid}/hub-group"
    shown = (await alice.get(path)).json
    assert (shown["linked"], shown["available"]) == (False, True)
    as_service.groups["students"] = ["alice", "bob"]

    linked = await alice.put(path, {"name": "students"})
    assert linked.status == 200, linked.json
    assert linked.json["added"] == ["bob"] and linked.json["hub_group"] == "students"
    assert as_service.seen[-1] == {"name": "students", "auth": f"token {SERVICE_TOKEN}"}
    mine = (await bob.get(f"/groups/{gid}")).json
    assert mine["my_role"] == "participant"
    seen = (await bob.get(path)).json
    assert seen["linked"] is True and seen["imported"] == ["bob"]

    as_service.groups["students"] = ["alice", "carol"]
    synced = await alice.post(f"{path}/sync")
    assert synced.status == 200, synced.json
    assert (synced.json["added"], synced.json["removed"]) == (["carol"], ["bob"])
    names = [m["username"] for m in (await alice.get(f"/groups/{gid}")).json["members"]]
    assert sorted(names) == ["alice", "carol"]
    kinds = [e["kind"] for e in activity_events if e["group_id"] == gid]
    assert kinds[-2:] == ["hub_group.linked", "hub_group.synced"]

    assert (await alice.delete(path)).status == 204
    assert (await alice.get(path)).json["linked"] is False
    assert "carol" in [m["username"] for m in (await alice.get(f"/groups/{gid}")).json["members"]]
    assert (await alice.delete(path)).status == 404
    assert (await alice.post(f"{path}/sync")).status == 409


async def test_only_organizers_link_and_the_hub_is_not_asked_otherwise(api, as_service):
    alice, bob = api("alice"), api("bob")
    gid = (await new_group(alice))["id"]
    assert (await bob.post(f"/groups/{gid}/members", {})).status == 201
    as_service.groups["students"] = ["bob", "dan"]
    refused = await bob.put(f"/groups/{gid}/hub-group", {"name": "students"})
    assert refused.status == 403
    assert as_service.seen == []
    assert (await bob.post(f"/groups/{gid}/hub-group/sync")).status == 403
    bad = await alice.put(f"/groups/{gid}/hub-group", {"title": "students"})
    assert bad.status == 400 and set(bad.error["fields"]) == {"name", "title"}
    assert (await alice.get("/groups/999/hub-group")).status == 404


async def test_hub_errors_are_clear(api, as_service):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    path = f"/groups/{gid}/hub-group"

    unknown = await alice.put(path, {"name": "no such / group"})
    assert unknown.status == 404
    assert "no such / group" in unknown.error["message"]
    assert as_service.seen[-1]["name"] == "no such / group"

    as_service.groups["locked"] = 403
    refused = await alice.put(path, {"name": "locked"})
    assert refused.status == 502 and refused.error["code"] == "hub_misconfigured"
    assert "read:groups" in refused.error["message"]

    as_service.groups["names-only"] = "name-only"
    partial = await alice.put(path, {"name": "names-only"})
    assert partial.status == 502 and "read:groups" in partial.error["message"]

    as_service.groups["broken"] = 500
    broken = await alice.put(path, {"name": "broken"})
    assert broken.status == 503 and broken.error["code"] == "unavailable"

    assert (await alice.get(path)).json["linked"] is False  # nothing was changed


async def test_an_unreachable_hub_is_a_503(api, jp_serverapp, as_service):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    sock, port = bind_unused_port()
    sock.close()
    jp_serverapp.web_app.settings["nerdup_hub_groups"] = HubGroups(
        f"http://127.0.0.1:{port}/hub/api", SERVICE_TOKEN, timeout=5
    )
    reply = await alice.put(f"/groups/{gid}/hub-group", {"name": "students"})
    assert reply.status == 503
    assert "not reachable" in reply.error["message"]
    assert "Nothing was changed" in reply.error["message"]
