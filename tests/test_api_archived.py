"""An archived group over the REST API: writes answer 409 "archived" with a message that
says what to do, reads and restores still work, and bringing the group back opens it again.
Every answer is checked against schema/openapi.json by the test client."""

from __future__ import annotations

import nbformat
from api_setup import study_group

from tests.snapshots.helpers import notebook

MESSAGE = (
    "“Kaggle club” is archived, so it is read-only. An organizer can bring it back from the "
    "archive (group settings)."
)


async def _archive(s):
    group = (await s["alice"].get(f"/groups/{s['gid']}")).json
    reply = await s["alice"].patch(
        f"/groups/{s['gid']}", {"status": "archived"}, if_match=group["version"]
    )
    assert reply.status == 200, reply.json
    return reply.json


def _refused(reply) -> None:
    assert reply.status == 409, reply.json
    assert reply.error["code"] == "archived"
    assert reply.error["message"] == MESSAGE


async def test_writes_to_an_archived_group_are_refused_with_what_to_do(api, jp_root_dir):
    s = await study_group(api)
    gid, alice, bob, carol = s["gid"], s["alice"], s["bob"], s["carol"]
    nbformat.write(nbformat.from_dict(notebook(["x = 1"])), jp_root_dir / "eda.ipynb")
    await _archive(s)
    _refused(await alice.post(f"/groups/{gid}/milestones", {"title": "Week 2"}))
    _refused(await bob.post(f"/milestones/{s['mid']}/tasks", {"title": "Mine", "personal": True}))
    _refused(await bob.post(f"/tasks/{s['tid']}/claim"))
    _refused(await carol.post(f"/groups/{gid}/proposals", {"title": "Week 3"}))
    _refused(await carol.post(f"/groups/{gid}/snapshots", {"path": "eda.ipynb"}))
    _refused(await carol.post(f"/groups/{gid}/questions", {"title": "Why NaN?"}))
    _refused(await bob.post(f"/groups/{gid}/posts", {"title": "Post", "url": "https://e.org/p"}))
    # Editing the archived group itself is a write too; only bringing it back is not.
    group = (await alice.get(f"/groups/{gid}")).json
    _refused(await alice.patch(f"/groups/{gid}", {"title": "New"}, if_match=group["version"]))
    # Nothing was written.
    milestones = (await alice.get(f"/groups/{gid}/milestones")).json["milestones"]
    assert [m["title"] for m in milestones] == ["Week 1"]


async def test_an_archived_group_can_still_be_read_and_restored_from(api, jp_root_dir):
    s = await study_group(api)
    gid, carol = s["gid"], s["carol"]
    nbformat.write(nbformat.from_dict(notebook(["x = 1"])), jp_root_dir / "eda.ipynb")
    snap = (await carol.post(f"/groups/{gid}/snapshots", {"path": "eda.ipynb"})).json
    await _archive(s)
    read = await carol.get(f"/groups/{gid}")
    assert read.status == 200 and read.json["status"] == "archived"
    assert (await carol.get(f"/groups/{gid}/milestones")).status == 200
    assert (await carol.get(f"/groups/{gid}/activity")).status == 200
    assert (await carol.get(f"/snapshots/{snap['id']}/notebook")).status == 200
    restored = await carol.post(f"/snapshots/{snap['id']}/restore", {})
    assert restored.status == 201, restored.json
    assert (jp_root_dir / restored.json["path"]).exists()


async def test_bringing_the_group_back_opens_it_for_writes_again(api):
    s = await study_group(api)
    gid, alice, bob = s["gid"], s["alice"], s["bob"]
    archived = await _archive(s)
    # Only an organizer brings it back (the ordinary 403 for others).
    refused = await bob.patch(f"/groups/{gid}", {"status": "active"}, if_match=archived["version"])
    assert refused.status == 403
    back = await alice.patch(f"/groups/{gid}", {"status": "active"}, if_match=archived["version"])
    assert back.status == 200, back.json
    assert back.json["status"] == "active"
    claimed = await bob.post(f"/tasks/{s['tid']}/claim")
    assert claimed.status == 200, claimed.json
    added = await alice.post(f"/groups/{gid}/milestones", {"title": "Week 2"})
    assert added.status == 201, added.json


async def test_members_may_leave_an_archived_group(api):
    s = await study_group(api)
    await _archive(s)
    reply = await s["bob"].delete(f"/groups/{s['gid']}/members/bob")
    assert reply.status == 204
