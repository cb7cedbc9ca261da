"""The rhythm over REST, every response checked against schema/openapi.json: sessions,
check-in, recap and catch-up; questions and answers; reflections and the showcase."""

from __future__ import annotations

import datetime as dt

from api_setup import study_group


def _soon(minutes: int) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)).isoformat()


async def test_session_schedule_checkin_recap_and_catchup(api):
    g = await study_group(api)
    alice, bob, carol, eve = g["alice"], g["bob"], g["carol"], g["eve"]
    body = {
        "title": "Co-coding",
        "starts_at": _soon(-10),
        "recurrence": "weekly",
        "place": "Room 4",
    }
    assert (await bob.post(f"/groups/{g['gid']}/sessions", body)).status == 403
    made = await alice.post(f"/groups/{g['gid']}/sessions", body)
    assert made.status == 201 and made.json["next"]["checkin_open"] is True
    sid = made.json["id"]
    community = await eve.get("/community/sessions")
    assert [s["session_id"] for s in community.json["sessions"]][:1] == [sid]

    checked = await carol.post(f"/sessions/{sid}/checkin")
    assert checked.status == 200 and checked.json["attendees"] == ["carol"]
    assert (await eve.post(f"/sessions/{sid}/checkin")).status == 403

    picked = await bob.post(f"/sessions/{sid}/agenda", {"task_ids": [g["tid"]]})
    assert picked.status == 200 and picked.json["tasks"][0]["id"] == g["tid"]
    recap = await bob.get(f"/sessions/{sid}/recap")
    assert recap.json["facts"]["attendees"] == ["carol"] and recap.json["version"] == 0
    edited = await bob.put(f"/sessions/{sid}/recap", {"body": "Good one."}, if_match=0)
    assert edited.status == 200 and edited.json["body"] == "Good one."
    stale = await alice.put(f"/sessions/{sid}/recap", {"body": "Mine."}, if_match=0)
    assert stale.status == 409

    brief = await eve.get(f"/groups/{g['gid']}/catchup")
    assert brief.status == 200
    # The session going on is tonight's, not "last session"; the pick is for next week.
    assert brief.json["current_session"]["session_id"] == sid
    assert brief.json["last_session"] is None and brief.json["recaps"] == []
    assert brief.json["next_session"]["agenda"][0]["id"] == g["tid"]


async def test_check_in_outside_the_window_is_409(api):
    g = await study_group(api)
    made = await g["alice"].post(f"/groups/{g['gid']}/sessions", {"starts_at": _soon(16)})
    reply = await g["bob"].post(f"/sessions/{made.json['id']}/checkin")
    assert reply.status == 409 and "15 minutes" in reply.error["message"]
    early = await g["alice"].post(f"/groups/{g['gid']}/sessions", {"starts_at": _soon(14)})
    assert (await g["bob"].post(f"/sessions/{early.json['id']}/checkin")).status == 200


async def test_questions_over_rest(api):
    g = await study_group(api)
    alice, bob, carol, dan, eve = g["alice"], g["bob"], g["carol"], g["dan"], g["eve"]
    asked = await carol.post(
        f"/groups/{g['gid']}/questions",
        {"title": "Why NaN?", "body": "<script>x</script> *hm*", "task_id": g["tid"]},
    )
    assert asked.status == 201 and asked.json["anchor"]["task_id"] == g["tid"]
    qid = asked.json["id"]
    assert (await eve.post(f"/groups/{g['gid']}/questions", {"title": "x"})).status == 403
    assert (await carol.post(f"/questions/{qid}/answers", {"body": "me"})).status == 403
    mentor_view = await dan.get("/me/mentoring")
    assert [q["id"] for q in mentor_view.json["groups"][0]["unanswered"]] == [qid]
    # The asker by their display name, for the mentor's list (#15).
    asker = mentor_view.json["groups"][0]["unanswered"][0]["author"]
    assert mentor_view.json["people"][asker]["display_name"]

    answered = await bob.post(f"/questions/{qid}/answers", {"body": "Use fillna."})
    assert answered.status == 201 and answered.json["status"] == "answered"
    aid = answered.json["answers"][0]["id"]
    assert (await dan.put(f"/answers/{aid}/upvote")).json["answers"][0]["upvotes"] == 1
    assert (await dan.delete(f"/answers/{aid}/upvote")).json["answers"][0]["upvotes"] == 0
    assert (await dan.put(f"/questions/{qid}/upvote")).json["upvotes"] == 1
    assert (await bob.put(f"/questions/{qid}/accept", {"answer_id": aid})).status == 403
    accepted = await carol.put(f"/questions/{qid}/accept", {"answer_id": aid})
    assert accepted.json["status"] == "accepted"
    assert (await alice.patch(f"/answers/{aid}", {"body": "hijack"})).status == 403
    assert (await bob.patch(f"/answers/{aid}", {"body": "Use df.fillna(0)."})).status == 200
    resolved = await carol.put(f"/questions/{qid}/resolved")
    assert resolved.json["status"] == "resolved"
    faq = await eve.get(f"/groups/{g['gid']}/faq")
    assert faq.json["faq"][0]["answer"]["body"] == "Use df.fillna(0)."
    listed = await eve.get(f"/groups/{g['gid']}/questions", params={"status": "open"})
    assert listed.json["questions"] == []
    assert (await eve.get(f"/groups/{g['gid']}/questions", params={"status": "x"})).status == 400


async def test_reflections_posts_and_showcase_over_rest(api):
    g = await study_group(api)
    bob, carol, eve = g["bob"], g["carol"], g["eve"]
    body = {"milestone_id": g["mid"], "did": "EDA", "learned": "pandas", "hard": "dates"}
    posted = await bob.post(f"/groups/{g['gid']}/reflections", body)
    assert posted.status == 201
    assert (await bob.post(f"/groups/{g['gid']}/reflections", body)).status == 409
    retro = await eve.get(f"/milestones/{g['mid']}/retrospective")
    assert [r["author"] for r in retro.json["reflections"]] == ["bob"]
    shared = await carol.post(
        f"/groups/{g['gid']}/posts", {"title": "Our EDA", "url": "https://blog.example.org/eda"}
    )
    assert shared.status == 201
    shown = await eve.get(f"/groups/{g['gid']}/showcase")
    assert [p["title"] for p in shown.json["posts"]] == ["Our EDA"]
    assert [r["did"] for r in shown.json["reflections"]] == ["EDA"]
    assert (await bob.delete(f"/posts/{shared.json['id']}")).status == 403
    assert (await carol.delete(f"/posts/{shared.json['id']}")).status == 204
