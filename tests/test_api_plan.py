"""Milestones and tasks: the plan, claims, personal tasks, /me."""

from __future__ import annotations

import pytest
from api_setup import new_group, new_milestone, new_task, study_group


async def test_organizer_builds_the_plan_in_order(api):
    alice = api("alice")
    group = await new_group(alice)
    gid = group["id"]
    first = await new_milestone(
        alice, gid, title="EDA", goal="Know the data", due="2026-12-01",
        resources=[{"title": "pandas", "url": "https://pandas.pydata.org"}],
    )  # fmt: skip
    second = await new_milestone(alice, gid, title="Models")
    assert (first["position"], second["position"]) == (0, 1)
    assert first["resources"] == [{"title": "pandas", "url": "https://pandas.pydata.org"}]
    reply = await alice.get(f"/groups/{gid}/milestones")
    assert [m["title"] for m in reply.json["milestones"]] == ["EDA", "Models"]
    assert reply.json["milestones"][0]["tasks"] == []
    single = await alice.get(f"/milestones/{first['id']}")
    assert single.headers["Etag"] == '"1"' and single.json["goal"] == "Know the data"


async def test_reorder_milestones(api):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    ids = [(await new_milestone(alice, gid, title=t))["id"] for t in ("A", "B", "C")]
    reply = await alice.put(f"/groups/{gid}/milestones/order", {"order": ids[::-1]})
    assert reply.status == 200
    assert [m["title"] for m in reply.json["milestones"]] == ["C", "B", "A"]
    listed = (await alice.get(f"/groups/{gid}/milestones")).json["milestones"]
    assert [m["position"] for m in listed] == [0, 1, 2]


@pytest.mark.parametrize("order", [[1], [1, 2, 3, 4], [1, 1, 2], "1,2,3", [True, 2, 3]])
async def test_reorder_must_list_every_milestone_once(api, order):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    for title in ("A", "B", "C"):
        await new_milestone(alice, gid, title=title)
    reply = await alice.put(f"/groups/{gid}/milestones/order", {"order": order})
    assert reply.status == 400
    assert "order" in reply.error["fields"]


async def test_closing_a_milestone_with_a_retrospective(api):
    s = await study_group(api)
    milestone = (await s["alice"].get(f"/milestones/{s['mid']}")).json
    reply = await s["alice"].patch(
        f"/milestones/{s['mid']}",
        {"status": "done", "retrospective": {"obstacles": "Missing values", "solutions": "Impute"}},
        if_match=milestone["version"],
    )
    assert reply.status == 200
    assert reply.json["retrospective"] == {"obstacles": "Missing values", "solutions": "Impute"}
    feed = (await s["alice"].get(f"/groups/{s['gid']}/activity")).json["items"]
    assert feed[0]["kind"] == "milestone.completed"


async def test_only_organizers_edit_milestones(api):
    s = await study_group(api)
    for user in ("bob", "carol", "dan"):
        reply = await s[user].patch(f"/milestones/{s['mid']}", {"title": "Mine"}, if_match=1)
        assert reply.status == 403, user
        assert (await s[user].post(f"/groups/{s['gid']}/milestones", {"title": "X"})).status == 403


async def test_deleting_a_milestone_deletes_its_tasks(api):
    s = await study_group(api)
    assert (await s["alice"].delete(f"/milestones/{s['mid']}", if_match=1)).status == 204
    assert (await s["alice"].get(f"/milestones/{s['mid']}")).status == 404
    assert (await s["alice"].get(f"/tasks/{s['tid']}")).status == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "ok", "due": "2026-13-01"}, "due"),
        ({"title": "ok", "status": "someday"}, "status"),
        ({"title": "ok", "resources": [{"title": "x"}]}, "resources"),
        ({"title": "ok", "retrospective": "fine"}, "retrospective"),
        ({"goal": "no title"}, "title"),
    ],
)
async def test_bad_milestone_input_is_400(api, body, field):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    reply = await alice.post(f"/groups/{gid}/milestones", body)
    assert reply.status == 400
    assert field in reply.error["fields"]


async def test_unknown_milestone_is_404(api):
    alice = api("alice")
    assert (await alice.get("/milestones/4242")).status == 404
    assert (await alice.get("/milestones/4242/tasks")).status == 404
    assert (await alice.post("/milestones/4242/tasks", {"title": "x"})).status == 404


async def test_group_task_defaults(api):
    s = await study_group(api)
    task = (await s["bob"].get(f"/tasks/{s['tid']}")).json
    assert task["weight"] == 1 and task["status"] == "todo" and task["next_session"] is False
    assert task["personal"] is False and task["owner"] is None and task["claimed_by"] == []
    listed = (await s["bob"].get(f"/milestones/{s['mid']}/tasks")).json["tasks"]
    assert [t["id"] for t in listed] == [s["tid"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "ok", "weight": 0}, "weight"),
        ({"title": "ok", "weight": -2}, "weight"),
        ({"title": "ok", "weight": 1.5}, "weight"),
        ({"title": "ok", "weight": "2"}, "weight"),
        ({"title": "ok", "weight": True}, "weight"),
        ({"title": "ok", "status": "blocked"}, "status"),
        ({"title": "ok", "next_session": "yes"}, "next_session"),
        ({"title": "ok", "notebooks": ["../../etc/passwd"]}, "notebooks"),
        ({"title": "ok", "notebooks": "a.ipynb"}, "notebooks"),
        ({"title": ""}, "title"),
    ],
)
async def test_bad_task_input_is_400(api, body, field):
    s = await study_group(api)
    reply = await s["alice"].post(f"/milestones/{s['mid']}/tasks", body)
    assert reply.status == 400
    assert field in reply.error["fields"]


async def test_claim_work_and_finish_a_task(api):
    s = await study_group(api)
    bob, tid = s["bob"], s["tid"]
    # Not claimed yet: bob may not move it.
    assert (await bob.patch(f"/tasks/{tid}", {"status": "doing"}, if_match=1)).status == 403
    claimed = await bob.post(f"/tasks/{tid}/claim")
    assert claimed.status == 200 and claimed.json["claimed_by"] == ["bob"]
    again = await bob.post(f"/tasks/{tid}/claim")
    assert again.json["claimed_by"] == ["bob"]
    shared = await s["dan"].post(f"/tasks/{tid}/claim")
    # A claim is its own row, not an edit: the task's version stays (#21), so a teammate's
    # claim never makes an edit stale.
    assert shared.json["version"] == claimed.json["version"]
    assert shared.json["claimed_by"] == ["bob", "dan"]
    doing = await bob.patch(
        f"/tasks/{tid}", {"status": "doing", "next_session": True}, if_match=shared.json["version"]
    )
    assert doing.status == 200 and doing.json["next_session"] is True
    done = await bob.patch(f"/tasks/{tid}", {"status": "done"}, if_match=doing.json["version"])
    assert done.json["status"] == "done" and done.json["done_at"] is not None
    assert done.json["claimed_by"] == ["bob", "dan"]
    reopened = await bob.patch(f"/tasks/{tid}", {"status": "todo"}, if_match=done.json["version"])
    assert reopened.json["done_at"] is None
    # Claimants work on a task; they do not redefine it.
    reply = await bob.patch(f"/tasks/{tid}", {"weight": 5}, if_match=reopened.json["version"])
    assert reply.status == 403


async def test_release_a_claim(api):
    s = await study_group(api)
    await s["bob"].post(f"/tasks/{s['tid']}/claim")
    released = await s["bob"].delete(f"/tasks/{s['tid']}/claim")
    assert released.status == 200 and released.json["claimed_by"] == []
    assert (await s["bob"].delete(f"/tasks/{s['tid']}/claim")).status == 404


async def test_follower_cannot_claim(api):
    s = await study_group(api)
    reply = await s["carol"].post(f"/tasks/{s['tid']}/claim")
    assert reply.status == 403
    assert "follower" in reply.error["message"]


async def test_members_keep_personal_tasks(api):
    s = await study_group(api)
    bob, dan = s["bob"], s["dan"]
    mine = await new_task(bob, s["mid"], title="Read chapter 3", personal=True, weight=2)
    assert mine["personal"] is True and mine["owner"] == "bob"
    edited = await bob.patch(
        f"/tasks/{mine['id']}", {"title": "Read chapters 3-4", "notebooks": ["notes/ch3.ipynb"]},
        if_match=mine["version"],
    )  # fmt: skip
    assert edited.status == 200 and edited.json["notebooks"] == ["notes/ch3.ipynb"]
    # Visible to the group, but only its owner (or an organizer) changes it.
    assert (await s["carol"].get(f"/tasks/{mine['id']}")).status == 200
    assert (
        await dan.patch(f"/tasks/{mine['id']}", {"title": "x"}, if_match=edited.json["version"])
    ).status == 403
    assert (await dan.post(f"/tasks/{mine['id']}/claim")).status == 409
    assert (await s["carol"].post(f"/milestones/{s['mid']}/tasks",
                                  {"title": "x", "personal": True})).status == 403  # fmt: skip
    assert (await bob.delete(f"/tasks/{mine['id']}", if_match=edited.json["version"])).status == 204


async def test_participant_cannot_create_group_tasks(api):
    s = await study_group(api)
    assert (await s["bob"].post(f"/milestones/{s['mid']}/tasks", {"title": "x"})).status == 403


async def test_move_task_within_the_group_only(api):
    s = await study_group(api)
    alice = s["alice"]
    other_milestone = await new_milestone(alice, s["gid"], title="Week 2")
    moved = await alice.patch(
        f"/tasks/{s['tid']}", {"milestone_id": other_milestone["id"]}, if_match=1
    )
    assert moved.status == 200 and moved.json["milestone_id"] == other_milestone["id"]
    elsewhere = await new_milestone(alice, (await new_group(alice, title="Other"))["id"])
    reply = await alice.patch(
        f"/tasks/{s['tid']}", {"milestone_id": elsewhere["id"]}, if_match=moved.json["version"]
    )
    assert reply.status == 400 and "milestone_id" in reply.error["fields"]


async def test_unknown_task_is_404(api):
    alice = api("alice")
    assert (await alice.get("/tasks/999")).status == 404
    assert (await alice.patch("/tasks/999", {"title": "x"}, if_match=1)).status == 404
    assert (await alice.post("/tasks/999/claim")).status == 404
    assert (await alice.get("/tasks/nope")).status == 404


async def test_me_lists_my_groups_and_open_tasks(api):
    s = await study_group(api)
    bob = s["bob"]
    await bob.post(f"/tasks/{s['tid']}/claim")
    personal = await new_task(bob, s["mid"], title="Mine", personal=True, next_session=True)
    finished = await new_task(bob, s["mid"], title="Old", personal=True, status="done")
    me = (await bob.get("/me")).json
    assert me["user"]["username"] == "bob"
    assert [g["id"] for g in me["groups"]] == [s["gid"]]
    assert [t["id"] for t in me["tasks"]] == [personal["id"], s["tid"]]
    assert finished["id"] not in [t["id"] for t in me["tasks"]]
    assert (await api("nobody").get("/me")).json["groups"] == []
