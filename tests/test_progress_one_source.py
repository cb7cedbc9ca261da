"""Progress has one source (#16, #21): the group view, the progress report, the dashboard's
series, the public page and the journey report show the same numbers, personal and
"everyone does this one" tasks included; each read costs a bounded number of statements."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from large_group import build_large_group
from sqlalchemy import insert, select
from statement_budget import READ_BUDGET, describe, read_statements

from nerdup_lab.core import groups, members, migrate, milestones, overview, tasks
from nerdup_lab.core.db import Database
from nerdup_lab.core.errors import Conflict, Forbidden
from nerdup_lab.core.models import Task, TaskCompletion
from nerdup_lab.core.rhythm import pages
from nerdup_lab.core.users import ensure_user

ROLES = {"bob": "participant", "carol": "participant", "dan": "participant", "fred": "follower"}


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    migrate.upgrade(database)
    yield database
    database.dispose()


def _call(db: Database, user: str, fn: Any, *args: Any) -> Any:
    with db.session() as s:
        ensure_user(s, user)
        return fn(s, user, *args)


def _set_status(db: Database, user: str, task_id: int, status: str) -> dict[str, Any]:
    version = _call(db, user, tasks.get_task, task_id)["version"]
    return _call(db, user, tasks.update_task, task_id, {"status": status}, version)  # type: ignore[no-any-return]


def ensure_user_and_join(db: Database, gid: int, user: str, role: str) -> None:
    with db.session() as s:
        ensure_user(s, user)
    _call(db, "alice", members.join, gid, {"username": user, "role": role})


def _club(db: Database) -> dict[str, Any]:
    """alice organizes; bob, carol, dan participate; fred follows. Two stages:

    - stage 1: "Load" (weight 3, done by bob), "Explore" (weight 2, todo), bob's own
      personal task (weight 5, done: counts for bob only);
    - stage 2: "Write your goal" (weight 4, everyone does it: bob and carol did),
      "Present" (weight 1, todo).

    Group: done weight 3 + 4 * 2/4 = 5 of 10, tasks done 1 of 4.
    """
    gid = _call(db, "alice", groups.create_group, {"title": "Round 1", "visibility": "open"})["id"]
    for user, role in ROLES.items():
        ensure_user_and_join(db, gid, user, role)
    m1 = _call(db, "alice", milestones.create_milestone, gid, {"title": "Stage 1"})["id"]
    m2 = _call(db, "alice", milestones.create_milestone, gid, {"title": "Stage 2"})["id"]
    load = _call(db, "alice", tasks.create_task, m1, {"title": "Load", "weight": 3})
    _call(db, "alice", tasks.create_task, m1, {"title": "Explore", "weight": 2})
    _call(db, "bob", tasks.claim, load["id"])
    _set_status(db, "bob", load["id"], "done")
    own = {"title": "Read the paper", "weight": 5, "personal": True, "status": "done"}
    _call(db, "bob", tasks.create_task, m1, own)
    goal = _call(
        db,
        "alice",
        tasks.create_task,
        m2,
        {"title": "Write your goal", "weight": 4, "per_member": True},
    )
    _call(db, "alice", tasks.create_task, m2, {"title": "Present", "weight": 1})
    _call(db, "bob", tasks.complete_mine, goal["id"])
    _call(db, "carol", tasks.complete_mine, goal["id"])
    return {"gid": gid, "m1": m1, "m2": m2, "goal": goal["id"]}


def _page_numbers(html: str) -> dict[str, Any]:
    percent = re.search(r"· (\d+)% done", html)
    chart = re.search(r'aria-label="Done weight over time: ([\d.]+) of ([\d.]+)"', html)
    cards = re.findall(r"· (\d+)% of (\d+) tasks?", html)
    assert percent and chart, html[:2000]
    return {
        "percent": int(percent.group(1)),
        "done_weight": float(chart.group(1)),
        "total_weight": float(chart.group(2)),
        "milestones": [(int(p), int(n)) for p, n in cards],
    }


def test_the_same_numbers_in_every_place(db):
    club = _club(db)
    gid = club["gid"]
    shown = _call(db, "alice", groups.get_group, gid)["progress"]
    report = _call(db, "alice", overview.group_progress, gid)
    dashboard = _call(db, "alice", overview.progress_series, gid)
    with db.session() as s:
        public = _page_numbers(pages.public_page(s, gid))
        journey = _page_numbers(pages.report(s, "alice", gid))

    expected = {"done_weight": 5, "total_weight": 10, "tasks_done": 1, "tasks_total": 4}
    assert {k: shown[k] for k in expected} == expected
    assert shown["percent"] == 50 and shown["complete"] is False
    assert report["group"] == shown
    assert dashboard["group"] == shown
    # The burn-up ends where the progress stands, and plans the same weight.
    assert dashboard["done"][-1]["value"] == dashboard["done_weight"] == 5
    assert dashboard["scope"][-1]["value"] == dashboard["total_weight"] == 10
    for page in (public, journey):
        assert page["percent"] == 50
        assert (page["done_weight"], page["total_weight"]) == (5, 10)
        # Stage 1: 3 of 5 (the personal task is bob's, not the plan's); stage 2: 2 of 5.
        assert page["milestones"] == [(60, 2), (40, 2)]
    by_id = {m["id"]: m for m in report["milestones"]}
    assert (by_id[club["m1"]]["percent"], by_id[club["m1"]]["tasks_total"]) == (60, 2)
    assert (by_id[club["m2"]]["percent"], by_id[club["m2"]]["tasks_total"]) == (40, 2)
    assert by_id[club["m2"]]["done_weight"] == 2


def test_everyone_does_this_one_counts_per_person(db):
    club = _club(db)
    report = _call(db, "alice", overview.group_progress, club["gid"])
    people = {m["username"]: m for m in report["members"]}
    # bob: Load (3, claimed, done) + his own paper (5, done) + his part of the goal (4, done).
    assert (people["bob"]["done_weight"], people["bob"]["total_weight"]) == (12, 12)
    assert (people["carol"]["done_weight"], people["carol"]["total_weight"]) == (4, 4)
    assert (people["dan"]["done_weight"], people["dan"]["total_weight"]) == (0, 4)
    assert (people["alice"]["tasks_done"], people["alice"]["tasks_total"]) == (0, 1)
    # A follower is not expected to do it.
    assert people["fred"]["tasks_total"] == 0
    task = _call(db, "dan", tasks.get_task, club["goal"])
    assert (task["members_done"], task["members_total"]) == (2, 4)
    assert task["completed_by"] == ["bob", "carol"] and task["per_member"] is True
    dashboard = _call(db, "alice", overview.progress_series, club["gid"])
    credited = {c["username"]: c["tasks_done"] for c in dashboard["contributions"]}
    assert credited == {"alice": 0, "bob": 3, "carol": 1, "dan": 0, "fred": 0}


def test_marking_ones_part_is_ones_own_and_harmless_twice(db):
    club = _club(db)
    again = _call(db, "bob", tasks.complete_mine, club["goal"])
    assert again["completed_by"] == ["bob", "carol"]
    with pytest.raises(Forbidden):
        _call(db, "fred", tasks.complete_mine, club["goal"])
    undone = _call(db, "carol", tasks.uncomplete_mine, club["goal"])
    assert (undone["members_done"], undone["members_total"]) == (1, 4)
    load = next(t for t in _call(db, "alice", tasks.list_tasks, club["m1"]) if t["title"] == "Load")
    with pytest.raises(Conflict):
        _call(db, "bob", tasks.complete_mine, load["id"])
    # Nobody claims a task everyone does.
    with pytest.raises(Conflict):
        _call(db, "dan", tasks.claim, club["goal"])
    # A per-member task has no one status to set.
    with pytest.raises(Conflict):
        _set_status(db, "alice", club["goal"], "done")


def test_a_finished_round_reads_complete(db):
    club = _club(db)
    gid = club["gid"]
    for user in ("alice", "dan"):
        _call(db, user, tasks.complete_mine, club["goal"])
    for t in _call(db, "alice", tasks.list_tasks, club["m1"]) + _call(
        db, "alice", tasks.list_tasks, club["m2"]
    ):
        if not t["per_member"] and t["status"] != "done":
            _set_status(db, "alice", t["id"], "done")
    shown = _call(db, "alice", groups.get_group, gid)["progress"]
    assert (shown["percent"], shown["complete"]) == (100, True)
    assert (shown["tasks_done"], shown["tasks_total"]) == (4, 4)
    with db.session() as s:
        assert _page_numbers(pages.public_page(s, gid))["percent"] == 100


def test_almost_done_never_reads_100_percent(db):
    gid = _call(db, "alice", groups.create_group, {"title": "Long plan"})["id"]
    mid = _call(db, "alice", milestones.create_milestone, gid, {"title": "All of it"})["id"]
    big = _call(db, "alice", tasks.create_task, mid, {"title": "Big", "weight": 999})
    _call(db, "alice", tasks.create_task, mid, {"title": "Small", "weight": 1})
    _set_status(db, "alice", big["id"], "done")
    shown = _call(db, "alice", groups.get_group, gid)["progress"]
    assert (shown["percent"], shown["complete"]) == (99, False)


def _with_per_member_tasks(db: Database, gid: int, names: list[str]) -> None:
    """Ten of the large group's tasks become "everyone does this one", each done by 20."""
    with db.session() as s:
        ids = list(s.scalars(select(Task.id).where(Task.group_id == gid, Task.owner.is_(None))))
        chosen = ids[::30][:10]
        for tid in chosen:
            s.get(Task, tid).per_member = True  # type: ignore[union-attr]
        now = dt.datetime.now(dt.UTC)
        s.execute(
            insert(TaskCompletion),
            [{"task_id": t, "username": n, "done_at": now} for t in chosen for n in names[:20]],
        )


READS = {
    "group_progress": (overview.group_progress, "participant"),
    "progress_series": (overview.progress_series, "participant"),
    "public_page": (lambda s, _u, gid: pages.public_page(s, gid), "participant"),
    "report": (pages.report, "organizer"),
}


@pytest.mark.parametrize("read", ["group_progress", "progress_series"])
def test_progress_reads_stay_within_the_statement_budget(db, read):
    big = build_large_group(db)
    _with_per_member_tasks(db, big.group_id, big.members)
    fn, role = READS[read]
    result, statements = read_statements(db, fn, getattr(big, role), big.group_id)
    assert result["group"]["tasks_total"] > 250
    assert len(statements) <= READ_BUDGET, describe(statements)


PROGRESS_TABLES = ("milestones", "tasks", "task_claims", "task_completions")


@pytest.mark.parametrize("read", ["public_page", "report"])
def test_journey_pages_read_the_plan_once_whatever_the_groups_size(db, read):
    """The pages' progress figures cost what the series costs: each table of the plan read
    once, and snapshots only as one aggregate, for a small group as for a large one. (Their
    other sections, the public page's layout, are counted in the report of #21.)"""
    club = _club(db)
    big = build_large_group(db)
    _with_per_member_tasks(db, big.group_id, big.members)
    fn, role = READS[read]
    for user, gid in (("alice" if role == "organizer" else "bob", club["gid"]),
                      (getattr(big, role), big.group_id)):  # fmt: skip
        _, statements = read_statements(db, fn, user, gid)
        reads = [" ".join(st.split()) for st in statements]
        for table in PROGRESS_TABLES:
            assert sum(f" FROM {table} " in f"{r} " for r in reads) == 1, describe(statements)
        snapshot_reads = [r for r in reads if " FROM snapshots " in f"{r} "]
        assert any("count(snapshots.id)" in r for r in snapshot_reads)
        assert all("LIMIT" in r or "count(" in r for r in snapshot_reads), describe(statements)
