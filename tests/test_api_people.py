"""People by their display name (#15): answers that name people carry a `people` map,
read in one query whatever the group's size."""

from __future__ import annotations

from collections.abc import Iterator

import nbformat
import pytest
from api_setup import study_group
from large_group import build_large_group
from statement_budget import describe, read_statements

from nerdup_lab.core import activity, groups, migrate
from nerdup_lab.core.db import Database
from tests.snapshots.helpers import notebook


async def test_group_and_activity_name_people_by_display_name(api):
    s = await study_group(api)
    await s["bob"].post(f"/tasks/{s['tid']}/claim")  # bob's first request stores his name
    group = (await s["alice"].get(f"/groups/{s['gid']}")).json
    people = group["people"]
    assert set(people) == {"alice", "bob", "carol", "dan"}
    assert people["alice"] == {"display_name": "Alice"}
    assert people["bob"] == {"display_name": "Bob"}
    feed = (await s["carol"].get(f"/groups/{s['gid']}/activity")).json
    assert {a["actor"] for a in feed["items"]} == set(feed["people"]) == {"alice", "bob"}
    assert feed["people"]["bob"]["display_name"] == "Bob"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    migrate.upgrade(database)
    yield database
    database.dispose()


def test_the_people_map_is_one_statement_whatever_the_groups_size(db):
    big = build_large_group(db)
    assert len(big.members) >= 30
    group, statements = read_statements(db, groups.get_group, big.organizer, big.group_id)
    assert set(group["people"]) >= set(big.members)
    user_reads = [st for st in statements if " FROM users " in f"{' '.join(st.split())} "]
    assert len(user_reads) == 1, describe(statements)

    def feed(session, _username, gid):
        return activity.feed(session, gid, limit=200)

    page, statements = read_statements(db, feed, big.organizer, big.group_id)
    assert set(page["people"]) == {a["actor"] for a in page["items"]}
    user_reads = [st for st in statements if " FROM users " in f"{' '.join(st.split())} "]
    assert len(user_reads) == 1, describe(statements)


async def test_snapshot_history_names_its_authors(api, jp_root_dir):
    s = await study_group(api)
    (jp_root_dir / "eda.ipynb").write_text(
        nbformat.writes(nbformat.from_dict(notebook(["# EDA", "print(1)"])))
    )
    reply = await s["bob"].post(f"/groups/{s['gid']}/snapshots", {"path": "eda.ipynb"})
    assert reply.status == 201, reply.json
    page = (await s["alice"].get(f"/groups/{s['gid']}/snapshots")).json
    assert [i["author"] for i in page["items"]] == ["bob"]
    assert page["people"] == {"bob": {"display_name": "Bob"}}


async def test_membership_activity_names_the_person_by_display_name(api):
    """The feed's text of an organiser adding, promoting or removing someone names that
    person as the lab shows them ("added Eve as participant"), not by username."""
    s = await study_group(api)
    alice, eve = s["alice"], s["eve"]
    gid = s["gid"]
    # eve's first write stores her display name, "Eve": she joins, then leaves.
    assert (await eve.post(f"/groups/{gid}/members", {"role": "follower"})).status == 201
    assert (await eve.delete(f"/groups/{gid}/members/eve")).status == 204
    assert (await alice.post(f"/groups/{gid}/members", {"username": "eve"})).status == 201
    member = (await alice.get(f"/groups/{gid}")).json["members"]
    version = next(m["version"] for m in member if m["username"] == "eve")
    promoted = await alice.patch(
        f"/groups/{gid}/members/eve", {"role": "mentor"}, headers={"If-Match": f'"{version}"'}
    )
    assert promoted.status == 200
    assert (await alice.delete(f"/groups/{gid}/members/eve")).status == 204
    feed = (await s["bob"].get(f"/groups/{gid}/activity")).json["items"]
    texts = [a["summary"] for a in feed if a["kind"].startswith("member.")]
    assert "added Eve as participant" in texts
    assert "made Eve a mentor (was participant)" in texts
    assert "removed Eve from the group" in texts
    assert not any(" eve " in f" {t} " for t in texts)
