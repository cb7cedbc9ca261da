"""Through a real server: "everyone does this one" tasks and the dashboard's series, each
answer checked against schema/openapi.json."""

from __future__ import annotations

from api_setup import new_task, study_group


async def test_each_member_marks_their_own_part_and_the_progress_follows(api):
    s = await study_group(api)
    alice, bob, carol = s["alice"], s["bob"], s["carol"]
    task = await new_task(alice, s["mid"], title="Write your goal", weight=4, per_member=True)
    path = f"/tasks/{task['id']}/completion"
    assert task["per_member"] is True and task["completed_by"] == []
    # alice and bob are its doers (organizer, participant); carol follows, dan mentors.
    assert (task["members_done"], task["members_total"]) == (0, 2)

    done = await bob.post(path)
    assert done.status == 200
    assert (done.json["completed_by"], done.json["members_done"]) == (["bob"], 1)
    assert (await bob.post(path)).json["members_done"] == 1  # twice is harmless
    assert (await carol.post(path)).status == 403

    progress = (await alice.get(f"/groups/{s['gid']}/progress")).json
    assert (progress["group"]["done_weight"], progress["group"]["total_weight"]) == (2, 5)
    bob_row = next(m for m in progress["members"] if m["username"] == "bob")
    assert (bob_row["done_weight"], bob_row["total_weight"]) == (4, 4)

    series = await alice.get(f"/groups/{s['gid']}/progress/series")
    assert series.status == 200
    assert series.json["group"] == progress["group"]
    assert series.json["done"][-1]["value"] == 2 and series.json["total_weight"] == 5
    bob_credit = next(c for c in series.json["contributions"] if c["username"] == "bob")
    assert bob_credit["tasks_done"] == 1

    undone = await bob.delete(path)
    assert undone.status == 200 and undone.json["completed_by"] == []
    assert (await bob.delete(path)).status == 404
    # A task done once for the group has no parts.
    assert (await bob.post(f"/tasks/{s['tid']}/completion")).status == 409
    # Setting a per-member task's status is refused, with the reason.
    stale = await alice.patch(
        f"/tasks/{task['id']}", {"status": "done"}, headers={"If-Match": str(task["version"])}
    )
    assert stale.status == 409 and "marks their own part" in stale.json["error"]["message"]


async def test_series_is_for_those_who_may_see_the_group(api):
    s = await study_group(api, visibility="members")
    assert (await s["eve"].get(f"/groups/{s['gid']}/progress/series")).status == 404
