"""/groups: create, list and search, read, edit, archive, delete; bad input; privacy."""

from __future__ import annotations

import pytest
from api_setup import add, new_group, new_milestone, new_task, study_group


async def test_creator_becomes_first_organizer(api):
    alice = api("alice")
    reply = await alice.post(
        "/groups",
        {
            "title": "  Titanic study  ",
            "description": "# Goals\nLearn *pandas*.",
            "links": [{"title": "Data", "url": "https://example.org/titanic.csv"}],
            "deadline": "2026-12-24",
            "adoption_rule": "majority",
        },
    )
    assert reply.status == 201
    group = reply.json
    assert group["title"] == "Titanic study"
    assert group["members"] == [
        {"username": "alice", "role": "organizer", "also_mentor": False,
         "joined_at": group["members"][0]["joined_at"], "version": 1}
    ]  # fmt: skip
    assert group["my_role"] == "organizer"
    assert group["created_by"] == "alice"
    assert group["status"] == "forming" and group["visibility"] == "open"
    assert group["permissions"]["edit_plan"] == "allow"
    assert reply.headers["Etag"] == '"1"'


async def test_identity_comes_from_the_server_not_the_body(api):
    reply = await api("alice").post("/groups", {"title": "X", "created_by": "mallory"})
    assert reply.json["created_by"] == "alice"
    assert [m["username"] for m in reply.json["members"]] == ["alice"]


async def test_list_shows_open_groups_with_progress_and_current_milestone(api):
    alice, bob = api("alice"), api("bob")
    group = await new_group(alice)
    milestone = await new_milestone(alice, group["id"], status="active")
    task = await new_task(alice, milestone["id"], weight=3)
    await new_task(alice, milestone["id"], weight=1)
    await alice.patch(f"/tasks/{task['id']}", {"status": "done"}, if_match=task["version"])

    reply = await bob.get("/groups")
    assert reply.status == 200
    [listed] = reply.json["groups"]
    assert listed["id"] == group["id"]
    assert listed["my_role"] is None
    assert listed["progress"]["percent"] == 75
    assert listed["current_milestone"]["id"] == milestone["id"]
    assert "members" not in listed


async def test_search_matches_title_and_description(api):
    alice = api("alice")
    await new_group(alice, title="Titanic survival", description="classification")
    await new_group(alice, title="House prices", description="Regression with Titanic-free data")
    await new_group(alice, title="NLP reading club")

    async def titles(q):
        reply = await alice.get("/groups", params={"q": q})
        return sorted(g["title"] for g in reply.json["groups"])

    assert await titles("titanic") == ["House prices", "Titanic survival"]
    assert await titles("NLP") == ["NLP reading club"]
    assert await titles("nothing like this") == []


async def test_status_filter_and_bad_status(api):
    alice = api("alice")
    await new_group(alice, title="A", status="active")
    await new_group(alice, title="B")
    reply = await alice.get("/groups", params={"status": "active"})
    assert [g["title"] for g in reply.json["groups"]] == ["A"]
    reply = await alice.get("/groups", params={"status": "sleeping"})
    assert reply.status == 400
    assert "status" in reply.error["fields"]


async def test_get_group_has_members_and_etag(api):
    s = await study_group(api)
    reply = await s["bob"].get(f"/groups/{s['gid']}")
    assert reply.status == 200
    assert reply.headers["Etag"] == f'"{reply.json["version"]}"'
    roles = {m["username"]: m["role"] for m in reply.json["members"]}
    assert roles == {"alice": "organizer", "bob": "participant", "carol": "follower",
                     "dan": "mentor"}  # fmt: skip
    assert reply.json["my_role"] == "participant"
    assert reply.json["permissions"]["edit_plan"] == "deny"
    assert reply.json["permissions"]["edit_task"] == "own"


async def test_organizer_edits_group_and_version_moves(api):
    alice = api("alice")
    group = await new_group(alice)
    reply = await alice.patch(
        f"/groups/{group['id']}",
        {"description": "New text", "deadline": None, "visibility": "members"},
        if_match=group["version"],
    )
    assert reply.status == 200
    assert reply.json["description"] == "New text"
    assert reply.json["visibility"] == "members"
    assert reply.json["version"] == group["version"] + 1
    assert reply.headers["Etag"] == f'"{group["version"] + 1}"'


async def test_participant_cannot_edit_or_archive_group(api):
    s = await study_group(api)
    group = (await s["bob"].get(f"/groups/{s['gid']}")).json
    for body in ({"title": "Mine now"}, {"status": "archived"}):
        reply = await s["bob"].patch(f"/groups/{s['gid']}", body, if_match=group["version"])
        assert reply.status == 403
        assert reply.error["code"] == "forbidden"


async def test_organizer_archives_and_restores_group(api):
    alice = api("alice")
    group = await new_group(alice)
    reply = await alice.patch(f"/groups/{group['id']}", {"status": "archived"}, if_match=1)
    assert reply.json["status"] == "archived"
    feed = (await alice.get(f"/groups/{group['id']}/activity")).json["items"]
    assert feed[0]["kind"] == "group.archived"
    reply = await alice.patch(f"/groups/{group['id']}", {"status": "active"}, if_match=2)
    assert reply.json["status"] == "active"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": 42}, "title"),
        ({}, "title"),
        ({"title": "ok", "deadline": "2026-02-30"}, "deadline"),
        ({"title": "ok", "deadline": "next friday"}, "deadline"),
        ({"title": "ok", "start_date": 20260101}, "start_date"),
        ({"title": "ok", "visibility": "secret"}, "visibility"),
        ({"title": "ok", "status": "sleeping"}, "status"),
        ({"title": "ok", "adoption_rule": "dictator"}, "adoption_rule"),
        ({"title": "ok", "links": [{"url": "javascript:alert(1)"}]}, "links"),
        ({"title": "ok", "links": "https://example.org"}, "links"),
        ({"title": "ok", "colour": "red"}, "colour"),
    ],
)
async def test_bad_group_input_is_400_with_field_errors(api, body, field):
    reply = await api("alice").post("/groups", body)
    assert reply.status == 400
    assert reply.error["code"] == "invalid"
    assert field in reply.error["fields"]


async def test_several_bad_fields_are_reported_together(api):
    reply = await api("alice").post("/groups", {"title": "", "deadline": "soon"})
    assert set(reply.error["fields"]) == {"title", "deadline"}


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"text"'])
async def test_body_must_be_a_json_object(api, raw):
    reply = await api("alice").call("POST", "/groups", raw_body=raw)
    assert reply.status == 400
    assert reply.error["code"] == "bad_request"


@pytest.mark.parametrize("path", ["/groups/999", "/groups/abc", "/groups/999/progress"])
async def test_unknown_group_is_404(api, path):
    reply = await api("alice").get(path)
    assert reply.status == 404
    assert reply.error["code"] == "not_found"


async def test_organizer_deletes_group(api):
    alice = api("alice")
    group = await new_group(alice)
    assert (await alice.delete(f"/groups/{group['id']}", if_match=1)).status == 204
    assert (await alice.get(f"/groups/{group['id']}")).status == 404


async def test_requests_without_login_are_refused(api):
    reply = await api("").get("/groups", headers={"Authorization": ""})
    assert reply.status == 403  # jupyter-server refuses an API request without login


class TestMembersOnlyGroupNeverLeaks:
    async def _setup(self, api):
        alice = api("alice")
        group = await new_group(alice, title="Secret club", visibility="members")
        await add(alice, group["id"], "bob", "participant")
        milestone = await new_milestone(alice, group["id"])
        task = await new_task(alice, milestone["id"])
        proposal = (await alice.post(f"/groups/{group['id']}/proposals", {"title": "P"})).json
        return group["id"], milestone["id"], task["id"], proposal["id"]

    async def test_outsider_gets_the_same_404_as_for_a_missing_group(self, api):
        gid, *_ = await self._setup(api)
        eve = api("eve")
        hidden = await eve.get(f"/groups/{gid}")
        missing = await eve.get("/groups/987654")
        assert hidden.status == missing.status == 404
        assert hidden.json == {
            "error": {
                **missing.error,
                "message": missing.error["message"].replace("987654", str(gid)),
            }
        }

    async def test_outsider_cannot_reach_anything_inside(self, api):
        gid, mid, tid, pid = await self._setup(api)
        eve = api("eve")
        for path in (
            f"/groups/{gid}/progress", f"/groups/{gid}/activity", f"/groups/{gid}/milestones",
            f"/groups/{gid}/proposals", f"/milestones/{mid}", f"/milestones/{mid}/tasks",
            f"/tasks/{tid}", f"/proposals/{pid}",
        ):  # fmt: skip
            assert (await eve.get(path)).status == 404, path
        assert (await eve.post(f"/groups/{gid}/members", {})).status == 404
        assert (await eve.post(f"/tasks/{tid}/claim")).status == 404
        assert (await eve.post(f"/proposals/{pid}/vote", {})).status == 404

    async def test_outsider_does_not_see_it_in_lists_or_search(self, api):
        await self._setup(api)
        assert (await api("eve").get("/groups")).json["groups"] == []
        assert (await api("eve").get("/groups", params={"q": "secret"})).json["groups"] == []
        listed = (await api("bob").get("/groups", params={"q": "secret"})).json["groups"]
        assert [g["title"] for g in listed] == ["Secret club"]
