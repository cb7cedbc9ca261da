"""A group decides tasks too, and an adopted milestone goes where its proposer asked, with a
due date. Through the real server, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from api_setup import add, new_group, new_milestone, study_group


async def _propose_task(user: Any, gid: int, mid: int, **fields: Any) -> dict[str, Any]:
    body = {"kind": "task", "title": "Plot the residuals", "for_milestone_id": mid, **fields}
    reply = await user.post(f"/groups/{gid}/proposals", body)
    assert reply.status == 201, reply.json
    return reply.json


async def _tasks(user: Any, mid: int) -> list[dict[str, Any]]:
    return (await user.get(f"/milestones/{mid}/tasks")).json["tasks"]


async def test_a_participants_task_is_voted_on_and_adopted_into_its_milestone(api):
    s = await study_group(api)
    proposal = await _propose_task(
        s["bob"], s["gid"], s["mid"], description="With *seaborn*.", next_session=True
    )
    assert (proposal["kind"], proposal["for_milestone_id"], proposal["status"]) == (
        "task",
        s["mid"],
        "open",
    )
    for user, value in (("bob", "up"), ("carol", "up"), ("dan", "down")):
        reply = await s[user].post(f"/proposals/{proposal['id']}/vote", {"value": value})
        assert reply.status == 200, reply.json
    assert reply.json["tally"] == {"up": 2, "down": 1}
    assert reply.json["version"] == proposal["version"]  # votes are their own rows

    adopted = await s["alice"].post(
        f"/proposals/{proposal['id']}/adopt", if_match=proposal["version"]
    )
    assert adopted.status == 200, adopted.json
    assert adopted.json["status"] == "adopted" and adopted.json["decided_by"] == "alice"
    assert adopted.json["milestone_id"] == s["mid"]
    tasks = await _tasks(s["alice"], s["mid"])
    assert [t["title"] for t in tasks] == ["Clean data", "Plot the residuals"]
    new = tasks[-1]
    assert new["id"] == adopted.json["task_id"]
    assert (new["description"], new["next_session"], new["personal"]) == (
        "With *seaborn*.",
        True,
        False,
    )
    assert new["created_by"] == "bob"  # the proposer's idea; alice adopted it
    feed = (await s["alice"].get(f"/groups/{s['gid']}/activity")).json["items"]
    assert feed[0]["kind"] == "proposal.adopted"
    assert feed[0]["subject"]["task_id"] == new["id"]
    assert "as a task of “Week 1” for the next session" in feed[0]["summary"]
    # The adoption is the one activity of the change: no second "added the task".
    assert feed[1]["kind"] == "proposal.voted"


async def test_followers_and_mentors_propose_tasks_outsiders_do_not(api):
    s = await study_group(api)
    for user in ("carol", "dan"):
        await _propose_task(s[user], s["gid"], s["mid"], title=f"{user}'s idea")
    reply = await s["eve"].post(
        f"/groups/{s['gid']}/proposals",
        {"kind": "task", "title": "x", "for_milestone_id": s["mid"]},
    )
    assert reply.status == 403


async def test_only_organizers_adopt_or_reject_a_task_proposal(api):
    s = await study_group(api)
    proposal = await _propose_task(s["bob"], s["gid"], s["mid"])
    for user in ("bob", "carol", "dan"):
        for decision in ("adopt", "reject"):
            assert (await s[user].post(f"/proposals/{proposal['id']}/{decision}")).status == 403
    rejected = await s["alice"].post(f"/proposals/{proposal['id']}/reject")
    assert rejected.json["status"] == "rejected" and rejected.json["task_id"] is None
    assert [t["title"] for t in await _tasks(s["alice"], s["mid"])] == ["Clean data"]


async def test_the_majority_rule_adopts_a_task_proposal(api):
    alice = api("alice")
    group = await new_group(alice, adoption_rule="majority")
    gid = group["id"]
    for name in ("bob", "carol"):
        await add(alice, gid, name, "participant")
    await add(alice, gid, "fred", "follower")
    milestone = await new_milestone(alice, gid)
    proposal = await _propose_task(api("fred"), gid, milestone["id"])
    path = f"/proposals/{proposal['id']}/vote"
    assert (await api("fred").post(path)).json["status"] == "open"  # not in the electorate
    assert (await api("bob").post(path)).json["status"] == "open"
    decided = await api("carol").post(path)  # 2 of 3 participants
    assert decided.json["status"] == "adopted" and decided.json["decided_by"] is None
    tasks = await _tasks(alice, milestone["id"])
    assert [t["id"] for t in tasks] == [decided.json["task_id"]]
    assert tasks[0]["created_by"] == "fred"


async def test_deleting_the_milestone_deletes_its_task_proposals(api):
    s = await study_group(api)
    await _propose_task(s["bob"], s["gid"], s["mid"])
    milestone = (await s["alice"].get(f"/milestones/{s['mid']}")).json
    deleted = await s["alice"].delete(f"/milestones/{s['mid']}", if_match=milestone["version"])
    assert deleted.status == 204
    assert (await s["bob"].get(f"/groups/{s['gid']}/proposals")).json["proposals"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "task", "title": "x"}, "for_milestone_id"),
        ({"kind": "task", "title": "x", "for_milestone_id": 999999}, "for_milestone_id"),
        ({"kind": "task", "title": "x", "for_milestone_id": "MID", "goal": "g"}, "goal"),
        ({"kind": "task", "title": "x", "for_milestone_id": "MID", "due": "2026-12-01"}, "due"),
        ({"kind": "chore", "title": "x"}, "kind"),
        ({"title": "x", "description": "d"}, "description"),
        ({"title": "x", "place": "after"}, "after_milestone_id"),
        ({"title": "x", "place": "last", "after_milestone_id": "MID"}, "after_milestone_id"),
        ({"title": "x", "after_milestone_id": 999999}, "after_milestone_id"),
        ({"title": "x", "place": "first"}, "place"),
    ],
)
async def test_bad_proposals_name_the_field(api, body, field):
    s = await study_group(api)
    body = {k: (s["mid"] if v == "MID" else v) for k, v in body.items()}
    reply = await s["bob"].post(f"/groups/{s['gid']}/proposals", body)
    assert reply.status == 400, reply.json
    assert field in reply.error["fields"]


async def test_a_task_proposal_for_another_groups_milestone_is_400(api):
    s = await study_group(api)
    other = await new_group(s["alice"], title="Other club")
    theirs = await new_milestone(s["alice"], other["id"])
    reply = await s["bob"].post(
        f"/groups/{s['gid']}/proposals",
        {"kind": "task", "title": "x", "for_milestone_id": theirs["id"]},
    )
    assert reply.status == 400 and "for_milestone_id" in reply.error["fields"]


class TestPlacement:
    """Plan: A (done, due 12-01), B (active, due 12-08), C (planned, due 12-15)."""

    async def _plan(self, api, **group_fields):
        alice = api("alice")
        group = await new_group(alice, **group_fields)
        gid = group["id"]
        await add(alice, gid, "bob", "participant")
        ids = {}
        for title, status, due in (
            ("A", "done", "2026-12-01"),
            ("B", "active", "2026-12-08"),
            ("C", "planned", "2026-12-15"),
        ):
            ids[title] = (await new_milestone(alice, gid, title=title, status=status, due=due))[
                "id"
            ]
        return gid, ids

    async def _adopt(self, api, gid, **fields):
        reply = await api("bob").post(f"/groups/{gid}/proposals", {"title": "New", **fields})
        assert reply.status == 201, reply.json
        adopted = await api("alice").post(f"/proposals/{reply.json['id']}/adopt")
        assert adopted.status == 200, adopted.json
        plan = (await api("alice").get(f"/groups/{gid}/milestones")).json["milestones"]
        new = next(m for m in plan if m["id"] == adopted.json["milestone_id"])
        return [m["title"] for m in plan], new, adopted.json

    async def test_by_default_after_the_current_stage_due_one_typical_stage_later(self, api):
        gid, _ = await self._plan(api)
        titles, new, proposal = await self._adopt(api, gid)
        assert proposal["place"] == "after_current"
        assert titles == ["A", "B", "New", "C"]
        assert (new["due"], new["status"]) == ("2026-12-15", "planned")
        feed = (await api("alice").get(f"/groups/{gid}/activity")).json["items"]
        assert "as a milestone after “B”, due 2026-12-15" in feed[0]["summary"]

    async def test_after_a_named_milestone_with_its_own_due_date(self, api):
        gid, ids = await self._plan(api)
        titles, new, _ = await self._adopt(
            api, gid, place="after", after_milestone_id=ids["A"], due="2026-12-04"
        )
        assert titles == ["A", "New", "B", "C"]
        assert new["due"] == "2026-12-04"

    async def test_naming_a_milestone_implies_after_it(self, api):
        gid, ids = await self._plan(api)
        titles, _, proposal = await self._adopt(api, gid, after_milestone_id=ids["C"])
        assert proposal["place"] == "after" and titles == ["A", "B", "C", "New"]

    async def test_last(self, api):
        gid, _ = await self._plan(api)
        titles, new, _ = await self._adopt(api, gid, place="last")
        assert titles == ["A", "B", "C", "New"]
        assert new["due"] == "2026-12-22"

    async def test_the_due_date_stops_at_the_groups_deadline(self, api):
        gid, _ = await self._plan(api, deadline="2026-12-20")
        _, new, _ = await self._adopt(api, gid, place="last")
        assert new["due"] == "2026-12-20"

    async def test_a_named_milestone_deleted_meanwhile_means_after_the_current(self, api):
        gid, ids = await self._plan(api)
        reply = await api("bob").post(
            f"/groups/{gid}/proposals",
            {"title": "New", "place": "after", "after_milestone_id": ids["C"]},
        )
        c = (await api("alice").get(f"/milestones/{ids['C']}")).json
        await api("alice").delete(f"/milestones/{ids['C']}", if_match=c["version"])
        assert (await api("bob").get(f"/proposals/{reply.json['id']}")).json[
            "after_milestone_id"
        ] is None
        await api("alice").post(f"/proposals/{reply.json['id']}/adopt")
        plan = (await api("alice").get(f"/groups/{gid}/milestones")).json["milestones"]
        assert [m["title"] for m in plan] == ["A", "B", "New"]
        assert [m["position"] for m in plan] == [0, 1, 2]

    async def test_without_any_date_in_the_group_no_due_date(self, api):
        alice = api("alice")
        gid = (await new_group(alice))["id"]
        await new_milestone(alice, gid, title="A", status="active")
        reply = await alice.post(f"/groups/{gid}/proposals", {"title": "New"})
        adopted = await alice.post(f"/proposals/{reply.json['id']}/adopt")
        plan = (await alice.get(f"/groups/{gid}/milestones")).json["milestones"]
        assert [(m["title"], m["due"]) for m in plan] == [("A", None), ("New", None)]
        assert adopted.json["due"] is None  # the proposal keeps what was proposed

    async def test_from_the_start_date_when_no_stage_is_dated(self, api):
        alice = api("alice")
        gid = (await new_group(alice, start_date="2026-11-02"))["id"]
        reply = await alice.post(f"/groups/{gid}/proposals", {"title": "First"})
        await alice.post(f"/proposals/{reply.json['id']}/adopt")
        plan = (await alice.get(f"/groups/{gid}/milestones")).json["milestones"]
        assert [(m["title"], m["due"]) for m in plan] == [("First", "2026-11-16")]
