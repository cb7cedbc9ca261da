"""Short steps for API tests: make a group, add people, plan a milestone and a task."""

from __future__ import annotations

from typing import Any

from nerdup_api import Api


async def new_group(organizer: Api, **fields: Any) -> dict[str, Any]:
    reply = await organizer.post("/groups", {"title": "Kaggle club", **fields})
    assert reply.status == 201, reply.json
    return reply.json


async def add(organizer: Api, group_id: int, username: str, role: str) -> dict[str, Any]:
    reply = await organizer.post(
        f"/groups/{group_id}/members", {"username": username, "role": role}
    )
    assert reply.status == 201, reply.json
    return reply.json


async def new_milestone(organizer: Api, group_id: int, **fields: Any) -> dict[str, Any]:
    reply = await organizer.post(f"/groups/{group_id}/milestones", {"title": "Week 1", **fields})
    assert reply.status == 201, reply.json
    return reply.json


async def new_task(user: Api, milestone_id: int, **fields: Any) -> dict[str, Any]:
    reply = await user.post(f"/milestones/{milestone_id}/tasks", {"title": "Clean data", **fields})
    assert reply.status == 201, reply.json
    return reply.json


async def study_group(api: Any, **fields: Any) -> dict[str, Any]:
    """alice organizes; bob participates; carol follows; dan mentors. One milestone with
    one group task. Returns the ids and the clients."""
    alice, bob, carol, dan = api("alice"), api("bob"), api("carol"), api("dan")
    group = await new_group(alice, **fields)
    gid = group["id"]
    await add(alice, gid, "bob", "participant")
    await add(alice, gid, "carol", "follower")
    await add(alice, gid, "dan", "mentor")
    milestone = await new_milestone(alice, gid)
    task = await new_task(alice, milestone["id"])
    return {
        "gid": gid, "mid": milestone["id"], "tid": task["id"],
        "alice": alice, "bob": bob, "carol": carol, "dan": dan, "eve": api("eve"),
    }  # fmt: skip
