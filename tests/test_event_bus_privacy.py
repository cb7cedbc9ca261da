"""The embedded event bus is heard by every user of the server: an event of a members-only
group carries ids only (no summary, no title, no path), an open group's the whole line
(issue #12)."""

from __future__ import annotations

import json

from api_setup import new_group, new_milestone
from nerdup_api import wait_for

SECRET = "Operation Nightjar"


async def test_members_only_events_carry_ids_only(api, activity_events, jp_root_dir) -> None:
    alice = api("alice")
    hidden = (await new_group(alice, title=f"{SECRET} club", visibility="members"))["id"]
    await new_milestone(alice, hidden, title=f"{SECRET}: week 1")
    made = await alice.post(f"/groups/{hidden}/notebooks", {"path": f"{SECRET}.ipynb"})
    assert made.status == 201, made.json
    await wait_for(lambda: len(activity_events) >= 3)
    private = [e for e in activity_events if e["group_id"] == hidden]
    assert {e["kind"] for e in private} >= {"milestone.created"}
    for event in private:
        assert SECRET not in json.dumps(event), event
        assert "summary" not in event
        assert all(k.endswith("_id") and isinstance(v, int) for k, v in event["subject"].items())
    milestone = next(e for e in private if e["kind"] == "milestone.created")
    assert "milestone_id" in milestone["subject"]

    open_gid = (await new_group(alice, title="Open club"))["id"]
    await new_milestone(alice, open_gid, title="Open week")
    await wait_for(
        lambda: any(
            e["group_id"] == open_gid and e["kind"] == "milestone.created" for e in activity_events
        )
    )
    shown = next(
        e for e in activity_events if e["group_id"] == open_gid and e["kind"] == "milestone.created"
    )
    assert "Open week" in shown["summary"]
