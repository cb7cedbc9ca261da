"""What a task's row shows of its work: GET /groups/{id}/snapshots?per_task=latest gives each
task's newest snapshot and the caller's own newest on it, in one query whatever the history."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_setup import new_task, study_group
from large_group import build_large_group
from statement_budget import READ_BUDGET, describe, read_statements

from nerdup_lab.core import migrate
from nerdup_lab.core.db import Database
from nerdup_lab.core.snapshots import service
from tests.snapshots.helpers import notebook
from tests.test_snapshot_notebook_id import save


async def commit(client, gid: int, path: str, task_id: int | None) -> int:
    reply = await client.post(f"/groups/{gid}/snapshots", {"path": path, "task_id": task_id})
    assert reply.status == 201, reply.json
    return int(reply.json["id"])


async def test_each_task_shows_its_latest_work_and_mine(api, jp_root_dir):
    club = await study_group(api)
    alice, bob, carol, gid, tid = (club[k] for k in ("alice", "bob", "carol", "gid", "tid"))
    other = (await new_task(alice, club["mid"]))["id"]
    save(jp_root_dir, "bob/clean.ipynb", notebook(["df = load()"]))
    bob_first = await commit(bob, gid, "bob/clean.ipynb", tid)
    # Bob renames his notebook (JupyterLab's first-save rename) and commits again.
    save(jp_root_dir, "bob/cleaning.ipynb", notebook(["df = load()", "df.dropna()"]))
    bob_latest = await commit(bob, gid, "bob/cleaning.ipynb", tid)
    save(jp_root_dir, "alice/clean.ipynb", notebook(["df = load()", "df.head()"]))
    alice_on_it = await commit(alice, gid, "alice/clean.ipynb", tid)
    save(jp_root_dir, "loose.ipynb", notebook(["x = 1"]))
    await commit(bob, gid, "loose.ipynb", None)  # no task: not a task's work

    seen_by_bob = await bob.get(f"/groups/{gid}/snapshots", params={"per_task": "latest"})
    assert seen_by_bob.status == 200, seen_by_bob.json
    rows = [(s["id"], s["task_id"], s["author"], s["path"]) for s in seen_by_bob.json["items"]]
    # Alice's is the task's latest; Bob's own newest is the renamed file, not the first name.
    assert rows == [
        (alice_on_it, tid, "alice", "alice/clean.ipynb"),
        (bob_latest, tid, "bob", "bob/cleaning.ipynb"),
    ]
    assert bob_first not in [r[0] for r in rows]
    assert seen_by_bob.json["next"] is None
    assert set(seen_by_bob.json["people"]) == {"alice", "bob"}

    # For Alice her own snapshot is also the latest: one row for the task.
    seen_by_alice = await alice.get(f"/groups/{gid}/snapshots", params={"per_task": "latest"})
    assert [s["id"] for s in seen_by_alice.json["items"]] == [alice_on_it]
    # A follower sees the latest work, and has none of their own.
    seen_by_carol = await carol.get(f"/groups/{gid}/snapshots", params={"per_task": "latest"})
    assert [s["id"] for s in seen_by_carol.json["items"]] == [alice_on_it]
    # A task nobody committed to has no row.
    assert other not in [s["task_id"] for s in seen_by_carol.json["items"]]


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    migrate.upgrade(database)
    yield database
    database.dispose()


def test_one_query_whatever_the_historys_length(db):
    big = build_large_group(db)  # 300 tasks, 5,000 snapshots
    page, statements = read_statements(
        db, service.history, big.members[1], big.group_id, {"per_task": "latest"}
    )
    assert {s["task_id"] for s in page["items"]} == set(big.task_ids)
    snapshot_reads = [s for s in statements if "FROM snapshots" in " ".join(s.split())]
    assert len(snapshot_reads) == 1, describe(statements)
    assert len(statements) <= READ_BUDGET, describe(statements)


async def test_an_unknown_per_task_mode_names_the_parameter(api):
    club = await study_group(api)
    reply = await club["bob"].get(f"/groups/{club['gid']}/snapshots", params={"per_task": "oldest"})
    assert reply.status == 400
    assert "per_task" in reply.error["fields"], reply.error


async def test_a_members_only_groups_task_work_stays_hidden(api):
    club = await study_group(api, visibility="members")
    reply = await club["eve"].get(f"/groups/{club['gid']}/snapshots", params={"per_task": "latest"})
    assert reply.status == 404
