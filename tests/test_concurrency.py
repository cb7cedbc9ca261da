"""Twenty people acting at the same moment, as a meetup does, against a real server on
SQLite and PostgreSQL. The requests run concurrently (`asyncio.gather` on the server's
loop); the server runs each one's database work in its own worker thread, so the
transactions really overlap.

- Every vote and every claim is stored (a vote or a claim is its own row, and does not
  bump the proposal's or the task's version, so nobody gets "Someone changed this").
- The same person's vote or claim sent twice at once is stored once.
- Two organizers stepping down at once leave the group with an organizer.
- A majority proposal (a milestone or a task) is adopted exactly once, whichever vote made
  the majority.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from api_setup import add, new_group, new_milestone, new_task
from core_world import make_db

from nerdup_lab.core import groups, members
from nerdup_lab.core.errors import Conflict
from nerdup_lab.core.users import ensure_user

PEOPLE = [f"p{i:02d}" for i in range(20)]


async def _crowd(api: Any, **group_fields: Any) -> dict[str, Any]:
    alice = api("alice")
    group = await new_group(alice, **group_fields)
    for name in PEOPLE:
        await add(alice, group["id"], name, "participant")
    return {"gid": group["id"], "alice": alice}


async def _proposal(alice: Any, gid: int, kind: str = "milestone") -> dict[str, Any]:
    body: dict[str, Any] = {"title": "Week 2: models"}
    if kind == "task":
        milestone = await new_milestone(alice, gid)
        body.update(kind="task", for_milestone_id=milestone["id"])
    reply = await alice.post(f"/groups/{gid}/proposals", body)
    assert reply.status == 201, reply.json
    return reply.json


KINDS = pytest.mark.parametrize("kind", ["milestone", "task"])


@KINDS
async def test_twenty_simultaneous_votes_are_twenty_votes(api, kind):
    c = await _crowd(api)
    proposal = await _proposal(c["alice"], c["gid"], kind)
    path = f"/proposals/{proposal['id']}/vote"
    replies = await asyncio.gather(*(api(name).post(path, {"value": "up"}) for name in PEOPLE))
    assert [r.status for r in replies] == [200] * 20, [r.json for r in replies]
    stored = (await c["alice"].get(f"/proposals/{proposal['id']}")).json
    assert sorted(v["username"] for v in stored["votes"]) == PEOPLE
    assert stored["tally"] == {"up": 20, "down": 0}
    # A vote is not an edit of the proposal: the organizer's loaded version still decides.
    assert stored["version"] == proposal["version"]
    decided = await c["alice"].post(
        f"/proposals/{proposal['id']}/adopt", if_match=proposal["version"]
    )
    assert decided.status == 200, decided.json


async def test_simultaneous_withdrawals_and_changes_all_hold(api):
    c = await _crowd(api)
    proposal = await _proposal(c["alice"], c["gid"])
    path = f"/proposals/{proposal['id']}/vote"
    await asyncio.gather(*(api(name).post(path, {"value": "up"}) for name in PEOPLE))
    half = len(PEOPLE) // 2
    replies = await asyncio.gather(
        *(api(name).delete(path) for name in PEOPLE[:half]),
        *(api(name).post(path, {"value": "down"}) for name in PEOPLE[half:]),
    )
    assert [r.status for r in replies] == [200] * 20, [r.json for r in replies]
    stored = (await c["alice"].get(f"/proposals/{proposal['id']}")).json
    assert stored["tally"] == {"up": 0, "down": half}


async def test_one_persons_vote_sent_twice_at_once_is_one_vote(api):
    c = await _crowd(api)
    proposal = await _proposal(c["alice"], c["gid"])
    path = f"/proposals/{proposal['id']}/vote"
    replies = await asyncio.gather(*(api("p00").post(path, {"value": "up"}) for _ in range(5)))
    assert [r.status for r in replies] == [200] * 5, [r.json for r in replies]
    stored = (await c["alice"].get(f"/proposals/{proposal['id']}")).json
    assert stored["votes"] == [{"username": "p00", "value": "up"}]
    activity = (await c["alice"].get(f"/groups/{c['gid']}/activity")).json
    assert sum(1 for a in activity["items"] if a["kind"] == "proposal.voted") == 1


@KINDS
async def test_a_majority_proposal_is_adopted_once_under_simultaneous_votes(api, kind):
    c = await _crowd(api, adoption_rule="majority")
    proposal = await _proposal(c["alice"], c["gid"], kind)
    path = f"/proposals/{proposal['id']}/vote"
    replies = await asyncio.gather(*(api(name).post(path, {"value": "up"}) for name in PEOPLE))
    # Electorate of 21 (alice + 20): the 11th vote adopts; a vote after that is refused
    # because the proposal is decided, never because another vote happened.
    ok = [r for r in replies if r.status == 200]
    late = [r for r in replies if r.status != 200]
    assert len(ok) >= 11
    assert all(r.status == 409 and "already adopted" in r.error["message"] for r in late)
    stored = (await c["alice"].get(f"/proposals/{proposal['id']}")).json
    assert stored["status"] == "adopted"
    assert stored["tally"]["up"] == len(ok)
    milestones = (await c["alice"].get(f"/groups/{c['gid']}/milestones")).json["milestones"]
    made = [m["title"] for m in milestones]
    if kind == "task":
        made = [t["title"] for m in milestones for t in m["tasks"]]
    assert made.count("Week 2: models") == 1


async def test_twenty_simultaneous_claims_are_twenty_claims(api):
    c = await _crowd(api)
    milestone = await new_milestone(c["alice"], c["gid"])
    task = await new_task(c["alice"], milestone["id"])
    path = f"/tasks/{task['id']}/claim"
    replies = await asyncio.gather(*(api(name).post(path) for name in PEOPLE))
    assert [r.status for r in replies] == [200] * 20, [r.json for r in replies]
    stored = (await c["alice"].get(f"/tasks/{task['id']}")).json
    assert sorted(stored["claimed_by"]) == PEOPLE
    # An edit loaded before the claims still saves: a claim is not an edit of the task.
    edited = await c["alice"].patch(f"/tasks/{task['id']}", {"weight": 3}, if_match=task["version"])
    assert edited.status == 200, edited.json
    released = await asyncio.gather(*(api(name).delete(path) for name in PEOPLE[:10]))
    assert [r.status for r in released] == [200] * 10, [r.json for r in released]
    stored = (await c["alice"].get(f"/tasks/{task['id']}")).json
    assert sorted(stored["claimed_by"]) == PEOPLE[10:]


async def test_one_persons_claim_sent_twice_at_once_is_one_claim(api):
    c = await _crowd(api)
    milestone = await new_milestone(c["alice"], c["gid"])
    task = await new_task(c["alice"], milestone["id"])
    path = f"/tasks/{task['id']}/claim"
    replies = await asyncio.gather(*(api("p00").post(path) for _ in range(5)))
    assert [r.status for r in replies] == [200] * 5, [r.json for r in replies]
    assert (await c["alice"].get(f"/tasks/{task['id']}")).json["claimed_by"] == ["p00"]


async def test_two_organizers_stepping_down_at_once_leave_one(api):
    alice, bob = api("alice"), api("bob")
    groups = []
    for _ in range(10):
        group = await new_group(alice)
        await add(alice, group["id"], "bob", "organizer")
        groups.append(group["id"])
    # In each group, alice leaves while bob steps down to participant, all at once.
    replies = await asyncio.gather(
        *(alice.delete(f"/groups/{gid}/members/alice") for gid in groups),
        *(bob.patch(f"/groups/{gid}/members/bob", {"role": "participant"}) for gid in groups),
    )
    for i, gid in enumerate(groups):
        left, stepped = replies[i], replies[len(groups) + i]
        assert sorted([left.status < 300, stepped.status < 300]) == [False, True], (
            left.status,
            stepped.status,
        )
        refused = stepped if stepped.status >= 300 else left
        assert refused.status == 409 and "needs an organizer" in refused.error["message"]
        viewer = bob if left.status < 300 else alice
        members = (await viewer.get(f"/groups/{gid}")).json["members"]
        assert len([m for m in members if m["role"] == "organizer"]) == 1


def test_a_second_organizer_leaving_waits_for_the_first_and_is_refused(db_url):
    """The race made certain: alice's departure is in flight (uncommitted) when bob steps
    down. Bob's transaction waits for alice's (the group row's lock on PostgreSQL, the
    write lock on SQLite), then counts one organizer and is refused."""
    db = make_db(db_url)
    try:
        with db.session() as session:
            ensure_user(session, "alice")
            gid = groups.create_group(session, "alice", {"title": "Kaggle club"})["id"]
            members.join(session, "alice", gid, {"username": "bob", "role": "organizer"})
        outcome: list[str] = []

        def bob_steps_down() -> None:
            try:
                with db.session() as session:
                    members.change_role(session, "bob", gid, "bob", {"role": "participant"}, None)
                outcome.append("ok")
            except Conflict as err:
                outcome.append(str(err))

        with db.session() as session:
            members.leave(session, "alice", gid, "alice")
            bob = threading.Thread(target=bob_steps_down)
            bob.start()
            bob.join(timeout=1.0)
            assert bob.is_alive(), "bob's step-down did not wait for alice's departure"
        bob.join(timeout=30)
        assert len(outcome) == 1 and "needs an organizer" in outcome[0]
        with db.session(write=False) as session:
            assert members._organizer_count(session, gid) == 1
    finally:
        db.dispose()
