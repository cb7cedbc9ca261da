"""Deciding the next milestone together: propose, vote, adopt or reject."""

from __future__ import annotations

import pytest
from api_setup import add, new_group, study_group


async def _propose(user, gid, **fields):
    reply = await user.post(f"/groups/{gid}/proposals", {"title": "Week 2: models", **fields})
    assert reply.status == 201, reply.json
    return reply.json


async def test_propose_vote_and_adopt_creates_the_next_milestone(api):
    s = await study_group(api)
    gid = s["gid"]
    proposal = await _propose(s["carol"], gid, goal="Try three models", due="2026-12-15")
    assert proposal["status"] == "open" and proposal["created_by"] == "carol"

    for user, value in (("bob", "up"), ("carol", "up"), ("dan", "down")):
        reply = await s[user].post(f"/proposals/{proposal['id']}/vote", {"value": value})
        assert reply.status == 200
    assert reply.json["tally"] == {"up": 2, "down": 1}

    adopted = await s["alice"].post(f"/proposals/{proposal['id']}/adopt")
    assert adopted.status == 200
    assert adopted.json["status"] == "adopted" and adopted.json["decided_by"] == "alice"
    plan = (await s["alice"].get(f"/groups/{gid}/milestones")).json["milestones"]
    assert [m["title"] for m in plan] == ["Week 1", "Week 2: models"]
    new = plan[-1]
    assert new["id"] == adopted.json["milestone_id"]
    assert (new["goal"], new["due"], new["status"]) == ("Try three models", "2026-12-15", "planned")


async def test_vote_defaults_to_up_and_can_change(api):
    s = await study_group(api)
    proposal = await _propose(s["bob"], s["gid"])
    path = f"/proposals/{proposal['id']}/vote"
    assert (await s["bob"].post(path)).json["votes"] == [{"username": "bob", "value": "up"}]
    changed = await s["bob"].post(path, {"value": "down"})
    assert changed.json["votes"] == [{"username": "bob", "value": "down"}]
    withdrawn = await s["bob"].delete(path)
    assert withdrawn.json["votes"] == []
    assert (await s["bob"].delete(path)).status == 404


async def test_bad_vote_is_400(api):
    s = await study_group(api)
    proposal = await _propose(s["bob"], s["gid"])
    reply = await s["bob"].post(f"/proposals/{proposal['id']}/vote", {"value": "maybe"})
    assert reply.status == 400 and "value" in reply.error["fields"]


async def test_only_organizers_decide(api):
    s = await study_group(api)
    proposal = await _propose(s["bob"], s["gid"])
    for user in ("bob", "carol", "dan"):
        for decision in ("adopt", "reject"):
            reply = await s[user].post(f"/proposals/{proposal['id']}/{decision}")
            assert reply.status == 403


async def test_outsider_may_not_propose_or_vote_in_an_open_group(api):
    s = await study_group(api)
    proposal = await _propose(s["bob"], s["gid"])
    assert (await s["eve"].post(f"/groups/{s['gid']}/proposals", {"title": "x"})).status == 403
    assert (await s["eve"].post(f"/proposals/{proposal['id']}/vote")).status == 403
    assert (await s["eve"].get(f"/proposals/{proposal['id']}")).status == 200


async def test_reject_and_then_nothing_more_happens(api):
    s = await study_group(api)
    proposal = await _propose(s["bob"], s["gid"])
    rejected = await s["alice"].post(f"/proposals/{proposal['id']}/reject")
    assert rejected.json["status"] == "rejected" and rejected.json["milestone_id"] is None
    assert (await s["bob"].post(f"/proposals/{proposal['id']}/vote")).status == 409
    late = await s["alice"].post(f"/proposals/{proposal['id']}/adopt")
    assert late.status == 409 and late.error["current"]["status"] == "rejected"
    plan = (await s["alice"].get(f"/groups/{s['gid']}/milestones")).json["milestones"]
    assert len(plan) == 1


async def test_list_proposals_with_status_filter(api):
    s = await study_group(api)
    first = await _propose(s["bob"], s["gid"], title="A")
    await _propose(s["bob"], s["gid"], title="B")
    await s["alice"].post(f"/proposals/{first['id']}/adopt")
    everything = (await s["bob"].get(f"/groups/{s['gid']}/proposals")).json["proposals"]
    assert [p["title"] for p in everything] == ["B", "A"]
    open_ = await s["bob"].get(f"/groups/{s['gid']}/proposals", params={"status": "open"})
    assert [p["title"] for p in open_.json["proposals"]] == ["B"]
    bad = await s["bob"].get(f"/groups/{s['gid']}/proposals", params={"status": "x"})
    assert bad.status == 400


async def test_stale_if_match_on_adopt_is_409(api):
    s = await study_group(api)
    proposal = await _propose(s["bob"], s["gid"])
    reply = await s["alice"].post(
        f"/proposals/{proposal['id']}/adopt", if_match=proposal["version"] + 1
    )
    assert reply.status == 409


async def test_a_vote_does_not_make_the_organizers_version_stale(api):
    # A vote is its own row, not an edit of the proposal (#21).
    s = await study_group(api)
    proposal = await _propose(s["bob"], s["gid"])
    await s["bob"].post(f"/proposals/{proposal['id']}/vote", {"value": "down"})
    reply = await s["alice"].post(
        f"/proposals/{proposal['id']}/adopt", if_match=proposal["version"]
    )
    assert reply.status == 200, reply.json


@pytest.mark.parametrize("bad", [{"title": ""}, {"title": "x", "due": "31/12/2026"}, {}])
async def test_bad_proposal_is_400(api, bad):
    s = await study_group(api)
    assert (await s["bob"].post(f"/groups/{s['gid']}/proposals", bad)).status == 400


class TestMajorityRule:
    """Electorate: organizers and participants. Followers and mentors vote but are not
    counted, so they cannot tip (or block) the majority."""

    async def _group(self, api):
        alice = api("alice")
        group = await new_group(alice, adoption_rule="majority")
        for name in ("bob", "carol"):
            await add(alice, group["id"], name, "participant")
        await add(alice, group["id"], "fred", "follower")
        await add(alice, group["id"], "dan", "mentor")
        return group["id"]

    async def test_adopted_when_more_than_half_of_participants_vote_up(self, api):
        gid = await self._group(api)
        proposal = await _propose(api("bob"), gid)
        path = f"/proposals/{proposal['id']}/vote"
        assert (await api("bob").post(path)).json["status"] == "open"
        assert (await api("fred").post(path)).json["status"] == "open"
        assert (await api("dan").post(path)).json["status"] == "open"
        # 2 of 3 participants (alice, bob, carol): majority.
        decided = await api("carol").post(path)
        assert decided.json["status"] == "adopted"
        assert decided.json["decided_by"] is None
        plan = (await api("alice").get(f"/groups/{gid}/milestones")).json["milestones"]
        assert [m["id"] for m in plan] == [decided.json["milestone_id"]]
        feed = (await api("alice").get(f"/groups/{gid}/activity")).json["items"]
        assert [a["kind"] for a in feed[:2]] == ["proposal.adopted", "proposal.voted"]

    async def test_down_votes_do_not_count_towards_the_majority(self, api):
        gid = await self._group(api)
        proposal = await _propose(api("bob"), gid)
        path = f"/proposals/{proposal['id']}/vote"
        await api("bob").post(path)
        await api("carol").post(path, {"value": "down"})
        assert (await api("alice").post(path, {"value": "down"})).json["status"] == "open"

    async def test_organizer_rule_never_adopts_by_votes(self, api):
        s = await study_group(api)
        proposal = await _propose(s["bob"], s["gid"])
        for user in ("alice", "bob", "carol", "dan"):
            reply = await s[user].post(f"/proposals/{proposal['id']}/vote")
        assert reply.json["status"] == "open"
