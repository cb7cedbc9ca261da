"""An organizer who mentors the group too (#16): a person who started a mentorship stream
organises it and mentors it, sees it in the mentoring overview and is listed as its mentor;
a sole organizer who wants to mentor is told how, instead of being stuck."""

from __future__ import annotations

from api_setup import study_group


async def test_an_organizer_mentors_the_group_they_created(api):
    club = await study_group(api)
    alice, gid = club["alice"], club["gid"]
    assert (await alice.get("/me/mentoring")).json["groups"] == []
    made = await alice.patch(f"/groups/{gid}/members/alice", {"also_mentor": True})
    assert made.status == 200, made.json
    assert (made.json["role"], made.json["also_mentor"]) == ("organizer", True)
    # The overview lists the group; the group says so to her and to the others.
    seen = (await alice.get("/me/mentoring")).json["groups"]
    assert [g["group_id"] for g in seen] == [gid]
    group = (await alice.get(f"/groups/{gid}")).json
    assert group["i_mentor"] is True and group["my_role"] == "organizer"
    assert {m["username"]: m["also_mentor"] for m in group["members"]}["alice"] is True
    assert (await club["bob"].get(f"/groups/{gid}")).json["i_mentor"] is False
    feed = (await alice.get(f"/groups/{gid}/activity")).json["items"]
    assert feed[0]["summary"] == "mentors the group too"
    # And stops.
    stopped = await alice.patch(f"/groups/{gid}/members/alice", {"also_mentor": False})
    assert stopped.json["also_mentor"] is False
    assert (await alice.get("/me/mentoring")).json["groups"] == []


async def test_only_organizers_decide_and_only_for_an_organizer(api):
    club = await study_group(api)
    alice, bob, gid = club["alice"], club["bob"], club["gid"]
    # A participant may not make themselves (or anyone) a mentor this way.
    refused = await bob.patch(f"/groups/{gid}/members/bob", {"also_mentor": True})
    assert refused.status == 403
    # A participant is made a mentor by role, not by this flag.
    wrong = await alice.patch(f"/groups/{gid}/members/bob", {"also_mentor": True})
    assert wrong.status == 400
    assert "also_mentor" in wrong.error["fields"]
    # Nothing to change: a clear error naming the fields.
    empty = await alice.patch(f"/groups/{gid}/members/bob", {})
    assert empty.status == 400 and "role" in empty.error["fields"]
    # Another organizer, made one and a mentor in one request; stepping down clears it.
    both = await alice.patch(
        f"/groups/{gid}/members/bob", {"role": "organizer", "also_mentor": True}
    )
    assert both.status == 200, both.json
    assert (both.json["role"], both.json["also_mentor"]) == ("organizer", True)
    down = await alice.patch(f"/groups/{gid}/members/bob", {"role": "participant"})
    assert (down.json["role"], down.json["also_mentor"]) == ("participant", False)


async def test_a_sole_organizer_who_wants_to_mentor_is_told_how(api):
    club = await study_group(api)
    alice, gid = club["alice"], club["gid"]
    stuck = await alice.patch(f"/groups/{gid}/members/alice", {"role": "mentor"})
    assert stuck.status == 409
    assert "mentor it too" in stuck.error["message"]
    assert "“mentors too”" in stuck.error["message"]
    # What the message says works, and she stays the organizer.
    done = await alice.patch(f"/groups/{gid}/members/alice", {"also_mentor": True})
    assert (done.json["role"], done.json["also_mentor"]) == ("organizer", True)
