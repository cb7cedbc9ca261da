"""A retried commit (#21): the client lost the answer, not the commit. With the same
`Idempotency-Key` the retry answers the snapshot the first attempt stored; without a key,
or with a new one, a commit stores a new snapshot as before. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from api_setup import study_group

from tests.snapshots.helpers import notebook
from tests.test_snapshot_api import save


async def _club(api, root):
    club = await study_group(api)
    save(root, "work/eda.ipynb", notebook(["# EDA", "print(1)"]))
    return club


def _commit(user, gid, key=None, path="work/eda.ipynb", message="First look"):
    headers = {"Idempotency-Key": key} if key is not None else None
    return user.post(
        f"/groups/{gid}/snapshots", {"path": path, "message": message}, headers=headers
    )


async def _history(user, gid):
    return (await user.get(f"/groups/{gid}/snapshots")).json["items"]


async def test_a_retry_with_the_same_key_answers_the_first_snapshot(api, jp_root_dir):
    club = await _club(api, jp_root_dir)
    alice, gid = club["alice"], club["gid"]
    first = await _commit(alice, gid, "dialog-1")
    assert first.status == 201, first.json
    # The notebook moved on meanwhile: the retry still means the first commit.
    save(jp_root_dir, "work/eda.ipynb", notebook(["# EDA", "print(2)"]))
    retry = await _commit(alice, gid, "dialog-1")
    assert retry.status == 201, retry.json
    assert retry.json["id"] == first.json["id"]
    assert [s["id"] for s in await _history(alice, gid)] == [first.json["id"]]
    feed = (await alice.get(f"/groups/{gid}/activity")).json["items"]
    assert [a["kind"] for a in feed].count("snapshot.committed") == 1
    # A new key (the next commit dialog) is a new snapshot.
    second = await _commit(alice, gid, "dialog-2")
    assert second.status == 201 and second.json["id"] != first.json["id"]


async def test_retries_in_flight_at_once_store_one_snapshot(api, jp_root_dir):
    club = await _club(api, jp_root_dir)
    alice, gid = club["alice"], club["gid"]
    replies = await asyncio.gather(*(_commit(alice, gid, "same") for _ in range(5)))
    assert [r.status for r in replies] == [201] * 5, [r.json for r in replies]
    assert len({r.json["id"] for r in replies}) == 1
    assert len(await _history(alice, gid)) == 1


async def test_without_a_key_every_commit_is_stored(api, jp_root_dir):
    club = await _club(api, jp_root_dir)
    alice, gid = club["alice"], club["gid"]
    await _commit(alice, gid)
    await _commit(alice, gid)
    assert len(await _history(alice, gid)) == 2


async def test_the_key_is_the_authors_own(api, jp_root_dir):
    club = await _club(api, jp_root_dir)
    gid = club["gid"]
    mine = await _commit(club["alice"], gid, "k")
    theirs = await _commit(club["bob"], gid, "k")
    assert theirs.status == 201 and theirs.json["id"] != mine.json["id"]
    assert theirs.json["author"] == "bob"


async def test_the_same_key_for_another_notebook_is_409(api, jp_root_dir):
    club = await _club(api, jp_root_dir)
    alice, gid = club["alice"], club["gid"]
    save(jp_root_dir, "work/other.ipynb", notebook(["# Other"]))
    await _commit(alice, gid, "k")
    reply = await _commit(alice, gid, "k", path="work/other.ipynb")
    assert reply.status == 409
    assert "Idempotency-Key" in reply.error["fields"]


async def test_a_malformed_key_is_400(api, jp_root_dir):
    club = await _club(api, jp_root_dir)
    reply = await _commit(club["alice"], club["gid"], "x" * 256)
    assert reply.status == 400
    assert "Idempotency-Key" in reply.error["fields"]
    assert await _history(club["alice"], club["gid"]) == []
