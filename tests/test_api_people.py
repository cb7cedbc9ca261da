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
