"""Concurrent edits never silently overwrite each other: ETag / If-Match, 409, 428."""

from __future__ import annotations

import pytest
from api_setup import study_group


def _paths(s):
    return {
        "group": f"/groups/{s['gid']}",
        "milestone": f"/milestones/{s['mid']}",
        "task": f"/tasks/{s['tid']}",
    }


@pytest.mark.parametrize("kind", ["group", "milestone", "task"])
async def test_etag_is_the_version(api, kind):
    s = await study_group(api)
    reply = await s["alice"].get(_paths(s)[kind])
    assert reply.headers["Etag"] == f'"{reply.json["version"]}"'


@pytest.mark.parametrize("kind", ["group", "milestone", "task"])
async def test_second_editor_with_the_old_version_gets_409_and_the_current_state(api, kind):
    s = await study_group(api)
    path = _paths(s)[kind]
    await s["alice"].patch(f"/groups/{s['gid']}/members/bob", {"role": "organizer"})
    # alice and bob both load version v...
    version = (await s["alice"].get(path)).json["version"]
    first = await s["alice"].patch(path, {"title": "Alice's title"}, if_match=version)
    assert first.status == 200 and first.json["version"] == version + 1
    # ...bob saves on top of the version he loaded: refused, with what alice saved.
    second = await s["bob"].patch(path, {"title": "Bob's title"}, if_match=version)
    assert second.status == 409
    assert second.error["code"] == "conflict"
    assert second.error["current"]["title"] == "Alice's title"
    assert second.error["current"]["version"] == version + 1
    assert (await s["bob"].get(path)).json["title"] == "Alice's title"
    # Bob re-applies on the current version.
    retry = await s["bob"].patch(path, {"title": "Bob's title"}, if_match=version + 1)
    assert retry.status == 200 and retry.json["title"] == "Bob's title"


@pytest.mark.parametrize("kind", ["group", "milestone", "task"])
async def test_stale_delete_is_409(api, kind):
    s = await study_group(api)
    path = _paths(s)[kind]
    version = (await s["alice"].get(path)).json["version"]
    await s["alice"].patch(path, {"title": "Changed"}, if_match=version)
    reply = await s["alice"].delete(path, if_match=version)
    assert reply.status == 409
    assert (await s["alice"].get(path)).status == 200


@pytest.mark.parametrize("kind", ["group", "milestone", "task"])
@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
async def test_plan_changes_without_if_match_are_428(api, kind, method):
    s = await study_group(api)
    path = _paths(s)[kind]
    body = {"title": "Blind write"} if method == "PATCH" else None
    reply = await s["alice"].call(method, path, body)
    assert reply.status == 428
    assert reply.error["code"] == "precondition_required"
    assert (await s["alice"].get(path)).json["title"] != "Blind write"


@pytest.mark.parametrize("header", ['W/"1"', "1", '"1"'])
async def test_if_match_accepts_quoted_bare_and_weak_forms(api, header):
    s = await study_group(api)
    reply = await s["alice"].patch(f"/tasks/{s['tid']}", {"title": "New"}, if_match=header)
    assert reply.status == 200


async def test_malformed_if_match_is_400(api):
    s = await study_group(api)
    reply = await s["alice"].patch(f"/tasks/{s['tid']}", {"title": "x"}, if_match="*")
    assert reply.status == 400
    assert "If-Match" in reply.error["fields"]


async def test_a_claim_does_not_make_an_earlier_version_stale(api):
    # A claim is its own row, not an edit of the task (#21): the organizer's edit, loaded
    # before bob's claim, saves, and the claim stays.
    s = await study_group(api)
    loaded = (await s["alice"].get(f"/tasks/{s['tid']}")).json
    await s["bob"].post(f"/tasks/{s['tid']}/claim")
    reply = await s["alice"].patch(f"/tasks/{s['tid']}", {"weight": 3}, if_match=loaded["version"])
    assert reply.status == 200
    assert reply.json["claimed_by"] == ["bob"] and reply.json["weight"] == 3
