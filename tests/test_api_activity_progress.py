"""What the live views read: the activity feed, events on the bus, progress, the API doc."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from api_setup import new_group, new_milestone, new_task, study_group
from nerdup_api import wait_for
from openapi_core.validation.response.exceptions import InvalidData

from nerdup_lab.events import ACTIVITY_SCHEMA_ID
from nerdup_lab.schema_files import schema_path


async def test_every_write_records_one_activity_newest_first(api):
    s = await study_group(api)
    feed = (await s["alice"].get(f"/groups/{s['gid']}/activity")).json
    kinds = [a["kind"] for a in feed["items"]]
    assert kinds == [
        "task.created", "milestone.created", "member.joined", "member.joined",
        "member.joined", "group.created",
    ]  # fmt: skip
    assert feed["next"] is None
    latest = feed["items"][0]
    assert latest["actor"] == "alice" and latest["subject"]["task_id"] == s["tid"]
    assert "Clean data" in latest["summary"]


async def test_activity_pages_with_a_cursor(api):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    for i in range(6):
        await alice.post(f"/groups/{gid}/proposals", {"title": f"P{i}"})
    path = f"/groups/{gid}/activity"
    first = (await alice.get(path, params={"limit": 3})).json
    assert [a["summary"] for a in first["items"]] == ["proposed the milestone “P5”",
                                                       "proposed the milestone “P4”",
                                                       "proposed the milestone “P3”"]  # fmt: skip
    second = (await alice.get(path, params={"limit": 3, "before": first["next"]})).json
    assert [a["summary"] for a in second["items"]] == ["proposed the milestone “P2”",
                                                        "proposed the milestone “P1”",
                                                        "proposed the milestone “P0”"]  # fmt: skip
    last = (await alice.get(path, params={"limit": 3, "before": second["next"]})).json
    assert [a["kind"] for a in last["items"]] == ["group.created"]
    assert last["next"] is None
    # A newcomer who joins late still sees the whole history.
    await api("zoe").post(f"/groups/{gid}/members")
    everything = (await api("zoe").get(path, params={"limit": 200})).json["items"]
    assert len(everything) == 8


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"limit": "ten"},
                                    {"before": "x"}])  # fmt: skip
async def test_bad_paging_is_400(api, params):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    reply = await alice.get(f"/groups/{gid}/activity", params=params)
    assert reply.status == 400


async def test_writes_are_emitted_on_the_event_bus(api, activity_events):
    s = await study_group(api)
    await s["bob"].post(f"/tasks/{s['tid']}/claim")
    await wait_for(lambda: any(e["kind"] == "task.claimed" for e in activity_events))
    claimed = next(e for e in activity_events if e["kind"] == "task.claimed")
    assert claimed["group_id"] == s["gid"]
    assert claimed["actor"] == "bob"
    assert claimed["subject"] == {"task_id": s["tid"], "milestone_id": s["mid"]}
    feed = (await s["bob"].get(f"/groups/{s['gid']}/activity", params={"limit": 1})).json
    assert claimed["activity_id"] == feed["items"][0]["id"]
    # One event per stored activity, in order.
    assert [e["activity_id"] for e in activity_events] == sorted(
        e["activity_id"] for e in activity_events
    )
    assert len(activity_events) == 7


async def test_reads_and_refused_writes_emit_nothing(api, activity_events):
    s = await study_group(api)
    await wait_for(lambda: len(activity_events) == 6)
    await s["bob"].get(f"/groups/{s['gid']}")
    await s["carol"].post(f"/tasks/{s['tid']}/claim")  # 403: followers do not claim
    await s["alice"].patch(f"/tasks/{s['tid']}", {"title": "x"})  # 428
    assert len(activity_events) == 6


def test_event_schema_is_registered_with_the_server(jp_serverapp):
    assert ACTIVITY_SCHEMA_ID in jp_serverapp.event_logger.schemas.schema_ids
    schema = json.loads(schema_path("events", "activity.v1.json").read_text())
    assert schema["$id"] == ACTIVITY_SCHEMA_ID and schema["version"] == "1"


async def test_progress_is_weighted_per_group_milestone_and_member(api):
    alice, bob = api("alice"), api("bob")
    today = dt.datetime.now(dt.UTC).date()
    group = await new_group(alice, deadline=(today + dt.timedelta(days=60)).isoformat())
    gid = group["id"]
    await bob.post(f"/groups/{gid}/members")
    late = await new_milestone(
        alice, gid, title="Late", due=(today - dt.timedelta(days=2)).isoformat()
    )
    soon = await new_milestone(
        alice, gid, title="Soon", due=(today + dt.timedelta(days=1)).isoformat()
    )
    heavy = await new_task(alice, late["id"], weight=3)
    await new_task(alice, late["id"], weight=1)
    light = await new_task(alice, soon["id"], weight=1)
    await new_task(bob, soon["id"], title="Bob's reading", personal=True, weight=5)
    for task in (heavy, light):
        claimed = (await bob.post(f"/tasks/{task['id']}/claim")).json
        await bob.patch(f"/tasks/{task['id']}", {"status": "done"}, if_match=claimed["version"])

    report = (await bob.get(f"/groups/{gid}/progress")).json
    assert report["group"]["done_weight"] == 4 and report["group"]["total_weight"] == 5
    assert report["group"]["percent"] == 80
    assert report["group"]["deadline_state"] == "on_track"
    by_title = {m["title"]: m for m in report["milestones"]}
    assert by_title["Late"]["percent"] == 75 and by_title["Late"]["deadline_state"] == "overdue"
    assert by_title["Soon"]["percent"] == 100 and by_title["Soon"]["deadline_state"] == "on_track"
    members = {m["username"]: m for m in report["members"]}
    # bob: 4 of his claimed weight done, his personal 5 not.
    assert (members["bob"]["done_weight"], members["bob"]["total_weight"]) == (4, 9)
    assert members["alice"]["total_weight"] == 0
    assert report["due_soon_days"] == 3


async def test_milestone_due_soon_when_unfinished(api):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    due = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=2)).isoformat()
    milestone = await new_milestone(alice, gid, due=due)
    await new_task(alice, milestone["id"])
    fetched = (await alice.get(f"/milestones/{milestone['id']}")).json
    assert fetched["progress"]["deadline_state"] == "due_soon"


async def test_openapi_document_is_served(api):
    reply = await api("alice").get("/openapi.json")
    assert reply.status == 200
    assert reply.json == json.loads(schema_path("openapi.json").read_text())
    assert reply.json["openapi"].startswith("3.1")


async def test_the_response_checker_catches_a_response_that_breaks_the_document(api, openapi):
    """The OpenAPI check in every test is real: a wrong body does not pass."""
    from nerdup_api import _Request, _Response

    request = _Request("http://localhost", "/nerdup/api/v1/groups/1", "get", None, "")
    wrong = _Response(200, "application/json", {}, json.dumps({"id": "one"}).encode())
    with pytest.raises(InvalidData):
        openapi.validate_response(request, wrong)
