"""/groups/{id}/members: join, add, switch role, leave, remove; the last organizer stays."""

from __future__ import annotations

import pytest
from api_setup import add, new_group, study_group


@pytest.mark.parametrize("role", ["participant", "follower"])
async def test_anyone_joins_an_open_group_as_participant_or_follower(api, role):
    group = await new_group(api("alice"))
    reply = await api("bob").post(f"/groups/{group['id']}/members", {"role": role})
    assert reply.status == 201
    assert reply.json["username"] == "bob" and reply.json["role"] == role
    detail = (await api("bob").get(f"/groups/{group['id']}")).json
    assert detail["my_role"] == role and detail["member_count"] == 2


async def test_join_defaults_to_participant(api):
    group = await new_group(api("alice"))
    reply = await api("bob").post(f"/groups/{group['id']}/members")
    assert reply.json["role"] == "participant"


@pytest.mark.parametrize("role", ["organizer", "mentor"])
async def test_cannot_join_with_a_role_that_is_handed_out(api, role):
    group = await new_group(api("alice"))
    reply = await api("bob").post(f"/groups/{group['id']}/members", {"role": role})
    assert reply.status == 400
    assert "role" in reply.error["fields"]


async def test_unknown_role_is_400(api):
    group = await new_group(api("alice"))
    reply = await api("bob").post(f"/groups/{group['id']}/members", {"role": "boss"})
    assert reply.status == 400
    assert "role" in reply.error["fields"]


async def test_joining_twice_is_a_conflict(api):
    group = await new_group(api("alice"))
    await api("bob").post(f"/groups/{group['id']}/members")
    reply = await api("bob").post(f"/groups/{group['id']}/members")
    assert reply.status == 409


async def test_organizer_invites_a_mentor_to_a_members_only_group(api):
    alice = api("alice")
    group = await new_group(alice, visibility="members")
    await add(alice, group["id"], "dan", "mentor")
    reply = await api("dan").get(f"/groups/{group['id']}")
    assert reply.status == 200 and reply.json["my_role"] == "mentor"


async def test_participant_cannot_add_people(api):
    s = await study_group(api)
    reply = await s["bob"].post(
        f"/groups/{s['gid']}/members", {"username": "eve", "role": "participant"}
    )
    assert reply.status == 403


async def test_member_switches_between_participant_and_follower(api):
    s = await study_group(api)
    reply = await s["bob"].patch(f"/groups/{s['gid']}/members/bob", {"role": "follower"})
    assert reply.status == 200 and reply.json["role"] == "follower"
    # A follower tracks progress without taking tasks.
    assert (await s["bob"].post(f"/tasks/{s['tid']}/claim")).status == 403
    reply = await s["bob"].patch(f"/groups/{s['gid']}/members/bob", {"role": "participant"})
    assert reply.json["role"] == "participant"
    assert (await s["bob"].post(f"/tasks/{s['tid']}/claim")).status == 200


@pytest.mark.parametrize("role", ["organizer", "mentor"])
async def test_member_cannot_promote_themselves(api, role):
    s = await study_group(api)
    reply = await s["bob"].patch(f"/groups/{s['gid']}/members/bob", {"role": role})
    assert reply.status == 403


async def test_participant_cannot_change_someone_elses_role(api):
    s = await study_group(api)
    reply = await s["bob"].patch(f"/groups/{s['gid']}/members/carol", {"role": "participant"})
    assert reply.status == 403


async def test_organizer_hands_over_and_then_steps_down(api):
    s = await study_group(api)
    alice, gid = s["alice"], s["gid"]
    reply = await alice.patch(f"/groups/{gid}/members/bob", {"role": "organizer"})
    assert reply.json["role"] == "organizer"
    reply = await alice.patch(f"/groups/{gid}/members/alice", {"role": "participant"})
    assert reply.status == 200 and reply.json["role"] == "participant"
    # alice no longer edits the plan; bob does.
    assert (await alice.post(f"/groups/{gid}/milestones", {"title": "W2"})).status == 403
    assert (await s["bob"].post(f"/groups/{gid}/milestones", {"title": "W2"})).status == 201


async def test_last_organizer_cannot_drop_the_role(api):
    s = await study_group(api)
    reply = await s["alice"].patch(f"/groups/{s['gid']}/members/alice", {"role": "participant"})
    assert reply.status == 409
    assert "organizer" in reply.error["message"]


async def test_last_organizer_cannot_leave(api):
    s = await study_group(api)
    reply = await s["alice"].delete(f"/groups/{s['gid']}/members/alice")
    assert reply.status == 409
    await s["alice"].patch(f"/groups/{s['gid']}/members/dan", {"role": "organizer"})
    assert (await s["alice"].delete(f"/groups/{s['gid']}/members/alice")).status == 204


async def test_leaving_releases_claims_and_ends_access_to_members_only_groups(api):
    s = await study_group(api, visibility="members")
    await s["bob"].post(f"/tasks/{s['tid']}/claim")
    assert (await s["bob"].delete(f"/groups/{s['gid']}/members/bob")).status == 204
    task = (await s["alice"].get(f"/tasks/{s['tid']}")).json
    assert task["claimed_by"] == []
    assert (await s["bob"].get(f"/groups/{s['gid']}")).status == 404
    # The feed tells the group which tasks came free (#16: switching groups tells the group).
    left = (await s["alice"].get(f"/groups/{s['gid']}/activity")).json["items"][0]
    assert left["kind"] == "member.left"
    assert left["summary"] == f"left the group; free to claim now: “{task['title']}”"
    assert left["subject"]["freed_task_ids"] == [s["tid"]]


async def test_organizer_removes_a_member_but_participant_cannot(api):
    s = await study_group(api)
    assert (await s["bob"].delete(f"/groups/{s['gid']}/members/carol")).status == 403
    assert (await s["alice"].delete(f"/groups/{s['gid']}/members/carol")).status == 204
    members = (await s["alice"].get(f"/groups/{s['gid']}")).json["members"]
    assert "carol" not in {m["username"] for m in members}


async def test_unknown_member_is_404(api):
    s = await study_group(api)
    reply = await s["alice"].patch(f"/groups/{s['gid']}/members/nobody", {"role": "follower"})
    assert reply.status == 404
    assert (await s["alice"].delete(f"/groups/{s['gid']}/members/nobody")).status == 404


async def test_stale_if_match_on_role_change_is_409(api):
    s = await study_group(api)
    gid = s["gid"]
    first = await s["alice"].patch(f"/groups/{gid}/members/bob", {"role": "follower"}, if_match=1)
    assert first.status == 200 and first.json["version"] == 2
    stale = await s["alice"].patch(f"/groups/{gid}/members/bob", {"role": "mentor"}, if_match=1)
    assert stale.status == 409
    assert stale.error["current"]["role"] == "follower"


async def test_a_person_can_be_in_several_groups(api):
    alice, bob = api("alice"), api("bob")
    first = await new_group(alice, title="One")
    second = await new_group(alice, title="Two")
    await bob.post(f"/groups/{first['id']}/members")
    await bob.post(f"/groups/{second['id']}/members", {"role": "follower"})
    me = (await bob.get("/me")).json
    assert {g["title"]: g["my_role"] for g in me["groups"]} == {
        "One": "participant", "Two": "follower"
    }  # fmt: skip


async def test_a_finished_group_is_followed_not_joined(api):
    """Its round is over: joining to work in it is a 409 `finished` that says what to do;
    following it (to read its journey) still works, and an organiser may still add someone."""
    s = await study_group(api)
    alice, eve = s["alice"], s["eve"]
    gid = s["gid"]
    group = (await alice.get(f"/groups/{gid}")).json
    finished = await alice.patch(
        f"/groups/{gid}", {"status": "finished"}, headers={"If-Match": f'"{group["version"]}"'}
    )
    assert finished.status == 200
    refused = await eve.post(f"/groups/{gid}/members", {"role": "participant"})
    assert refused.status == 409
    assert refused.json["error"]["code"] == "finished"
    assert "follow it" in refused.json["error"]["message"]
    followed = await eve.post(f"/groups/{gid}/members", {"role": "follower"})
    assert followed.status == 201 and followed.json["role"] == "follower"
    added = await alice.post(f"/groups/{gid}/members", {"username": "fay"})
    assert added.status == 201 and added.json["role"] == "participant"
