"""Join requests (#14): a "by request" group takes participants when an organizer accepts.

Over the real server, on SQLite and PostgreSQL (the `api` fixture runs on both), every
answer checked against the OpenAPI document."""

from __future__ import annotations

import asyncio

import pytest
from api_setup import add, new_group, study_group
from nerdup_api import wait_for


async def _by_request(api, **fields):
    """alice organizes an open group that takes participants by request."""
    alice = api("alice")
    group = await new_group(alice, join_rule="request", **fields)
    assert group["join_rule"] == "request"
    return alice, group["id"]


async def test_a_new_group_takes_anyone_and_the_organizer_switches_to_by_request(api):
    alice = api("alice")
    group = await new_group(alice)
    assert group["join_rule"] == "anyone" and group["my_join_request"] is None
    gid, version = group["id"], group["version"]
    reply = await alice.patch(f"/groups/{gid}", {"join_rule": "request"}, if_match=version)
    assert reply.status == 200 and reply.json["join_rule"] == "request"
    reply = await alice.patch(f"/groups/{gid}", {"join_rule": "whoever"}, if_match=version + 1)
    assert reply.status == 400 and "join_rule" in reply.error["fields"]


async def test_only_organizers_change_the_join_rule(api):
    s = await study_group(api)
    version = (await s["bob"].get(f"/groups/{s['gid']}")).json["version"]
    reply = await s["bob"].patch(f"/groups/{s['gid']}", {"join_rule": "request"}, if_match=version)
    assert reply.status == 403


async def test_joining_a_by_request_group_as_participant_says_to_ask(api):
    _, gid = await _by_request(api)
    reply = await api("bob").post(f"/groups/{gid}/members", {"role": "participant"})
    assert reply.status == 409
    assert reply.error["code"] == "ask_to_join" and "ask to join" in reply.error["message"]
    # Following stays free.
    reply = await api("bob").post(f"/groups/{gid}/members", {"role": "follower"})
    assert reply.status == 201 and reply.json["role"] == "follower"


async def test_a_follower_moves_up_to_participant_only_by_asking(api):
    _, gid = await _by_request(api)
    bob = api("bob")
    await bob.post(f"/groups/{gid}/members", {"role": "follower"})
    reply = await bob.patch(f"/groups/{gid}/members/bob", {"role": "participant"})
    assert reply.status == 409 and reply.error["code"] == "ask_to_join"
    assert (await bob.post(f"/groups/{gid}/join-requests")).status == 201
    assert (await api("alice").post(f"/groups/{gid}/join-requests/bob/accept")).status == 200
    detail = (await bob.get(f"/groups/{gid}")).json
    assert detail["my_role"] == "participant" and detail["member_count"] == 2


async def test_ask_accept_makes_a_participant_with_activity(api, activity_events):
    alice, gid = await _by_request(api)
    bob = api("bob")
    reply = await bob.post(f"/groups/{gid}/join-requests", {"message": "  I know pandas  "})
    assert reply.status == 201
    assert (reply.json["username"], reply.json["status"]) == ("bob", "pending")
    assert reply.json["message"] == "I know pandas"
    # The asker's own view shows the request; the organizer's lab hears of it live.
    mine = (await bob.get(f"/groups/{gid}")).json
    assert mine["my_role"] is None and mine["my_join_request"]["status"] == "pending"
    listed = [g for g in (await bob.get("/groups")).json["groups"] if g["id"] == gid]
    assert listed[0]["my_join_request"]["id"] == reply.json["id"]
    await wait_for(lambda: any(e["kind"] == "join_request.created" for e in activity_events))

    requests = (await alice.get(f"/groups/{gid}/join-requests")).json
    assert [r["username"] for r in requests["items"]] == ["bob"]
    assert requests["people"]["bob"]["display_name"]

    reply = await alice.post(f"/groups/{gid}/join-requests/bob/accept")
    assert reply.status == 200 and reply.json["status"] == "accepted"
    assert reply.json["decided_by"] == "alice" and reply.json["decided_at"]
    detail = (await bob.get(f"/groups/{gid}")).json
    assert detail["my_role"] == "participant" and detail["my_join_request"] is None
    assert (await alice.get(f"/groups/{gid}/join-requests")).json["items"] == []
    feed = (await alice.get(f"/groups/{gid}/activity")).json["items"]
    assert feed[0]["kind"] == "member.joined"
    assert "request to join as participant" in feed[0]["summary"]
    assert feed[1]["kind"] == "join_request.created"
    # The message is for the organizers: it is not in the public feed.
    assert all("pandas" not in item["summary"] for item in feed)


async def test_asking_twice_answers_the_same_pending_request(api):
    alice, gid = await _by_request(api)
    bob = api("bob")
    first = (await bob.post(f"/groups/{gid}/join-requests", {"message": "hi"})).json
    again = await bob.post(f"/groups/{gid}/join-requests", {"message": "hi again"})
    assert again.status == 201 and again.json == first
    assert len((await alice.get(f"/groups/{gid}/join-requests")).json["items"]) == 1
    feed = (await alice.get(f"/groups/{gid}/activity")).json["items"]
    assert [i["kind"] for i in feed].count("join_request.created") == 1


async def test_decline_then_the_person_may_ask_again(api):
    alice, gid = await _by_request(api)
    bob = api("bob")
    await bob.post(f"/groups/{gid}/join-requests")
    reply = await alice.post(f"/groups/{gid}/join-requests/bob/decline")
    assert reply.status == 200 and reply.json["status"] == "declined"
    detail = (await bob.get(f"/groups/{gid}")).json
    assert detail["my_role"] is None and detail["my_join_request"] is None
    assert (await alice.get(f"/groups/{gid}/join-requests")).json["items"] == []
    # Deciding again: nothing is pending any more.
    assert (await alice.post(f"/groups/{gid}/join-requests/bob/accept")).status == 404
    again = await bob.post(f"/groups/{gid}/join-requests", {"message": "second try"})
    assert again.status == 201 and again.json["status"] == "pending"
    assert again.json["message"] == "second try" and again.json["decided_by"] is None


async def test_withdraw_my_request(api):
    alice, gid = await _by_request(api)
    bob = api("bob")
    await bob.post(f"/groups/{gid}/join-requests")
    # Only one's own: someone else's request is declined by an organizer, not withdrawn.
    assert (await alice.delete(f"/groups/{gid}/join-requests/bob")).status == 403
    assert (await api("eve").delete(f"/groups/{gid}/join-requests/bob")).status == 403
    assert (await bob.delete(f"/groups/{gid}/join-requests/bob")).status == 204
    assert (await bob.get(f"/groups/{gid}")).json["my_join_request"] is None
    assert (await alice.get(f"/groups/{gid}/join-requests")).json["items"] == []
    assert (await bob.delete(f"/groups/{gid}/join-requests/bob")).status == 404


@pytest.mark.parametrize("who", ["bob", "carol", "dan", "eve"])
async def test_only_organizers_read_and_decide_requests(api, who):
    s = await study_group(api, join_rule="request")
    await api("frank").post(f"/groups/{s['gid']}/join-requests")
    caller = s[who]
    assert (await caller.get(f"/groups/{s['gid']}/join-requests")).status == 403
    for decision in ("accept", "decline"):
        reply = await caller.post(f"/groups/{s['gid']}/join-requests/frank/{decision}")
        assert reply.status == 403
    assert len((await s["alice"].get(f"/groups/{s['gid']}/join-requests")).json["items"]) == 1


@pytest.mark.parametrize("who", ["alice", "bob", "dan"])
async def test_members_cannot_ask_to_join_again(api, who):
    s = await study_group(api, join_rule="request")
    reply = await s[who].post(f"/groups/{s['gid']}/join-requests")
    assert reply.status == 409


async def test_asking_to_join_a_group_that_takes_anyone_says_to_join(api):
    group = await new_group(api("alice"))
    reply = await api("bob").post(f"/groups/{group['id']}/join-requests")
    assert reply.status == 409 and "join it" in reply.error["message"]


async def test_a_members_only_group_stays_invisible(api):
    alice = api("alice")
    group = await new_group(alice, visibility="members", join_rule="request")
    gid, eve = group["id"], api("eve")
    assert (await eve.post(f"/groups/{gid}/join-requests", {"message": "let me in"})).status == 404
    assert (await eve.get(f"/groups/{gid}/join-requests")).status == 404
    assert (await eve.delete(f"/groups/{gid}/join-requests/eve")).status == 404
    assert (await eve.post(f"/groups/{gid}/join-requests/eve/accept")).status == 404
    assert (await eve.post(f"/groups/{gid}/join-requests/eve/decline")).status == 404
    # And nothing was stored for the organizer to find.
    assert (await alice.get(f"/groups/{gid}/join-requests")).json["items"] == []


async def test_an_organizer_adding_the_person_answers_their_request(api):
    alice, gid = await _by_request(api)
    await api("bob").post(f"/groups/{gid}/join-requests")
    await add(alice, gid, "bob", "participant")
    assert (await alice.get(f"/groups/{gid}/join-requests")).json["items"] == []
    assert (await api("bob").get(f"/groups/{gid}")).json["my_role"] == "participant"


async def test_asking_to_join_a_finished_group_is_refused(api):
    _, gid = await _by_request(api, status="finished")
    reply = await api("bob").post(f"/groups/{gid}/join-requests")
    assert reply.status == 409 and reply.error["code"] == "finished"


async def test_a_long_message_is_400(api):
    _, gid = await _by_request(api)
    reply = await api("bob").post(f"/groups/{gid}/join-requests", {"message": "x" * 501})
    assert reply.status == 400 and "message" in reply.error["fields"]


async def test_accepting_a_request_of_someone_who_left_and_asked_again(api):
    alice, gid = await _by_request(api)
    bob = api("bob")
    await bob.post(f"/groups/{gid}/join-requests")
    await alice.post(f"/groups/{gid}/join-requests/bob/accept")
    assert (await bob.delete(f"/groups/{gid}/members/bob")).status == 204
    assert (await bob.post(f"/groups/{gid}/join-requests")).json["status"] == "pending"
    assert (await alice.post(f"/groups/{gid}/join-requests/bob/accept")).status == 200
    assert (await bob.get(f"/groups/{gid}")).json["my_role"] == "participant"


async def test_a_double_click_on_ask_is_one_request(api):
    """Five asks at once (the server runs them in overlapping transactions): one request,
    one activity, every answer the same request."""
    alice, gid = await _by_request(api)
    bob = api("bob")
    other = await new_group(alice)
    await bob.post(f"/groups/{other['id']}/members", {"role": "follower"})  # bob exists
    replies = await asyncio.gather(*(bob.post(f"/groups/{gid}/join-requests") for _ in range(5)))
    assert [r.status for r in replies] == [201] * 5, [r.json for r in replies]
    assert len({r.json["id"] for r in replies}) == 1
    assert len((await alice.get(f"/groups/{gid}/join-requests")).json["items"]) == 1
    feed = (await alice.get(f"/groups/{gid}/activity")).json["items"]
    assert [i["kind"] for i in feed].count("join_request.created") == 1


async def test_two_organizers_accepting_at_once_add_the_person_once(api):
    alice, gid = await _by_request(api)
    await add(alice, gid, "oscar", "organizer")
    await api("bob").post(f"/groups/{gid}/join-requests")
    path = f"/groups/{gid}/join-requests/bob/accept"
    replies = await asyncio.gather(alice.post(path), api("oscar").post(path))
    # The second one finds the request answered already.
    assert sorted(r.status for r in replies) == [200, 404], [r.json for r in replies]
    members = (await alice.get(f"/groups/{gid}")).json["members"]
    assert [m["role"] for m in members if m["username"] == "bob"] == ["participant"]
    feed = (await alice.get(f"/groups/{gid}/activity")).json["items"]
    assert [i["kind"] for i in feed].count("member.joined") == 2  # oscar, then bob


async def test_who_asks_is_the_caller_never_a_name_in_the_body(api):
    alice, gid = await _by_request(api)
    reply = await api("bob").post(f"/groups/{gid}/join-requests", {"username": "eve"})
    assert reply.status == 400 and reply.error["fields"] == {"username": "Unknown field."}
    assert (await alice.get(f"/groups/{gid}/join-requests")).json["items"] == []
