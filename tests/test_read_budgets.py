"""Reads that do not grow with history (#21): every read the lab makes of a group costs at
most READ_BUDGET SQL statements, counted on the server's own engine while a real
jupyter-server answers the request, for a group of 30 members, 300 tasks and 5,000
snapshots (tests/large_group.py), and for the directory of many such groups.

The answers are checked too (a read that stops early would also be cheap): each one shows
the large group's size, so a budget is only met by reading all of it in a few queries.
The one exception: the catch-up with "everyone does this one" tasks on an agenda costs two
more (their completions and the group's roles), asserted as such below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from core_world import build_world
from large_group import LargeGroup, build_large_group
from sqlalchemy import insert, select
from statement_budget import READ_BUDGET, count_statements, describe, read_statements

from nerdup_lab.core import migrate
from nerdup_lab.core.db import Database
from nerdup_lab.core.models import (
    Activity,
    Group,
    Membership,
    Milestone,
    Task,
    TaskClaim,
    TaskCompletion,
)
from nerdup_lab.core.rhythm import catchup, mentoring
from nerdup_lab.core.rhythm.models import StudySession
from nerdup_lab.core.snapshots.models import GroupNotebook

EXTRA_GROUPS = 40


def _many_groups(db: Database, big: LargeGroup, count: int = EXTRA_GROUPS) -> None:
    """`count` more open groups, each with two stages of five tasks, members and claims,
    so the directory lists over forty groups with plans and the mentor mentors over forty;
    and the large group's notebooks marked as group notebooks."""
    now = dt.datetime.now(dt.UTC)
    with db.session() as s:
        gids = list(
            s.scalars(
                insert(Group).returning(Group.id, sort_by_parameter_order=True),
                [
                    {
                        "title": f"Meetup round {i}",
                        "description": "Two weeks of pandas.",
                        "links": [],
                        "status": "active",
                        "visibility": "open",
                        "adoption_rule": "organizer",
                        "created_at": now - dt.timedelta(days=i),
                        "created_by": big.organizer,
                        "version": 1,
                    }
                    for i in range(count)
                ],
            )
        )
        s.execute(
            insert(Membership),
            [
                {"group_id": g, "username": n, "role": r, "joined_at": now, "version": 1}
                for g in gids
                for n, r in (
                    (big.organizer, "organizer"),
                    (big.mentor, "mentor"),
                    (big.members[5], "participant"),
                )
            ],
        )
        mids = list(
            s.scalars(
                insert(Milestone).returning(Milestone.id, sort_by_parameter_order=True),
                [
                    {
                        "group_id": g,
                        "position": p,
                        "title": f"Stage {p + 1}",
                        "goal": "",
                        "status": "active" if p == 0 else "planned",
                        "resources": [],
                        "obstacles": "",
                        "solutions": "",
                        "created_at": now,
                        "version": 1,
                    }
                    for g in gids
                    for p in range(2)
                ],
            )
        )
        tids = list(
            s.scalars(
                insert(Task).returning(Task.id, sort_by_parameter_order=True),
                [
                    {
                        "milestone_id": m,
                        "group_id": gids[i // 2],
                        "title": f"Task {t}",
                        "description": "",
                        "weight": 1 + t % 2,
                        "status": "done" if t < 2 else "todo",
                        "next_session": False,
                        "owner": None,
                        "notebooks": [],
                        "created_at": now,
                        "created_by": big.organizer,
                        "version": 1,
                    }
                    for i, m in enumerate(mids)
                    for t in range(5)
                ],
            )
        )
        s.execute(
            insert(TaskClaim),
            [{"task_id": t, "username": big.members[5], "claimed_at": now} for t in tids[::2]],
        )
        # The large group's twenty notebooks (250 snapshots each) are group notebooks.
        s.execute(
            insert(GroupNotebook),
            [
                {
                    "group_id": big.group_id,
                    "path": f"notebooks/part{i}.ipynb",
                    "marked_by": big.organizer,
                    "marked_at": now,
                }
                for i in range(20)
            ],
        )


def _group(big: LargeGroup, body: Any) -> None:
    assert body["progress"]["tasks_total"] > 250
    assert len(body["members"]) == len(big.members)
    assert set(body["people"]) >= set(big.members)


def _milestones(big: LargeGroup, body: Any) -> None:
    body = body["milestones"]
    assert [m["id"] for m in body] == big.milestone_ids
    assert sum(len(m["tasks"]) for m in body) == len(big.task_ids)
    assert all(t["claimed_by"] for m in body for t in m["tasks"])


def _catchup(big: LargeGroup, body: Any) -> None:
    assert body["group_id"] == big.group_id, body


def _activity(big: LargeGroup, body: Any) -> None:
    assert len(body["items"]) == 50 and body["next"] is not None


def _mentoring(big: LargeGroup, body: Any) -> None:
    ids = {g["group_id"] for g in body["groups"]}
    assert len(ids) > EXTRA_GROUPS and ids >= {big.group_id, *big.small_group_ids}, body
    assert any(g["stale_milestones"] for g in body["groups"])
    assert sum(len(g["unanswered"]) for g in body["groups"]) >= 8


def _snapshots(big: LargeGroup, body: Any) -> None:
    assert body["items"] and body["next"] is not None


def _notebooks(big: LargeGroup, body: Any) -> None:
    assert len(body["notebooks"]) == 20
    assert all(n["latest"] and len(n["versions"]) == 3 for n in body["notebooks"])


def _sessions(big: LargeGroup, body: Any) -> None:
    assert len(body["sessions"]) == 1


def _questions(big: LargeGroup, body: Any) -> None:
    assert len(body["questions"]) == 24


def _directory(big: LargeGroup, body: Any) -> None:
    body = body["groups"]
    assert len(body) >= EXTRA_GROUPS + 1
    mine = next(g for g in body if g["id"] == big.group_id)
    assert mine["progress"]["tasks_total"] > 250 and mine["member_count"] == len(big.members)


def _progress(big: LargeGroup, body: Any) -> None:
    assert body["group"]["tasks_total"] > 250


def _me(big: LargeGroup, body: Any) -> None:
    mine = next(g for g in body["groups"] if g["id"] == big.group_id)
    assert mine["progress"]["tasks_total"] > 250
    assert len(body["tasks"]) > 10 and all(t["claimed_by"] for t in body["tasks"])


def _milestone(big: LargeGroup, body: Any) -> None:
    assert len(body["tasks"]) == 30 and all(t["claimed_by"] for t in body["tasks"])


def _tasks(big: LargeGroup, body: Any) -> None:
    assert len(body["tasks"]) == 30 and all(t["claimed_by"] for t in body["tasks"])


def _task(big: LargeGroup, body: Any) -> None:
    assert body["id"] == big.task_ids[95] and body["claimed_by"]


def _agenda(big: LargeGroup, body: Any) -> None:
    assert len(body["tasks"]) > 4 and all(t["claimed_by"] for t in body["tasks"])


def _recap(big: LargeGroup, body: Any) -> None:
    assert body["facts"]["snapshots"] and body["generated"].startswith("## Thursday co-coding")


def _faq(big: LargeGroup, body: Any) -> None:
    assert len(body["faq"]) == 8


def _reflections(big: LargeGroup, body: Any) -> None:
    assert len(body["reflections"]) == 12


def _retrospective(big: LargeGroup, body: Any) -> None:
    assert body["milestone_id"] == big.milestone_ids[0] and len(body["reflections"]) == 4


# read -> (path, who reads it, what the answer must show); the path's {gid} is the large
# group, {mid} its active stage (30 tasks), {done} its first (finished, with reflections),
# {tid} one of its tasks, {sid} its weekly session.
READS: dict[str, tuple[str, str, Callable[[LargeGroup, Any], None]]] = {
    "group": ("/groups/{gid}", "organizer", _group),
    "milestones": ("/groups/{gid}/milestones", "participant", _milestones),
    "catchup": ("/groups/{gid}/catchup", "participant", _catchup),
    "activity": ("/groups/{gid}/activity", "participant", _activity),
    "mentoring": ("/me/mentoring", "mentor", _mentoring),
    "snapshots": ("/groups/{gid}/snapshots", "participant", _snapshots),
    "notebooks": ("/groups/{gid}/notebooks", "participant", _notebooks),
    "sessions": ("/groups/{gid}/sessions", "participant", _sessions),
    "questions": ("/groups/{gid}/questions", "participant", _questions),
    "directory": ("/groups", "participant", _directory),
    "progress": ("/groups/{gid}/progress", "participant", _progress),
    "progress_series": ("/groups/{gid}/progress/series", "participant", _progress),
    "me": ("/me", "participant", _me),
    "milestone": ("/milestones/{mid}", "participant", _milestone),
    "tasks": ("/milestones/{mid}/tasks", "participant", _tasks),
    "task": ("/tasks/{tid}", "participant", _task),
    "agenda": ("/sessions/{sid}/agenda", "participant", _agenda),
    "recap": ("/sessions/{sid}/recap", "participant", _recap),
    "faq": ("/groups/{gid}/faq", "participant", _faq),
    "reflections": ("/groups/{gid}/reflections", "participant", _reflections),
    "retrospective": ("/milestones/{done}/retrospective", "participant", _retrospective),
}


@pytest.mark.parametrize("read", list(READS))
async def test_a_read_of_a_large_group_stays_within_the_statement_budget(api, jp_serverapp, read):
    db: Database = jp_serverapp.web_app.settings["nerdup_backend"].db
    big = build_large_group(db)
    _many_groups(db, big)
    path, role, shows = READS[read]
    client = api(getattr(big, role))
    with db.session() as s:
        sid = s.scalar(select(StudySession.id).where(StudySession.group_id == big.group_id))
    ids = big.group_id, big.milestone_ids[3], big.milestone_ids[0], big.task_ids[95], sid
    where = dict(zip(("gid", "mid", "done", "tid", "sid"), ids, strict=True))
    with count_statements(db.engine) as statements:
        reply = await client.get(path.format(**where))
    assert reply.status == 200, reply.json
    shows(big, reply.json)
    assert len(statements) <= READ_BUDGET, describe(statements)


def _activity(gid: int, subject: dict[str, Any], when: dt.datetime) -> dict[str, Any]:
    return {"group_id": gid, "actor": "olga", "kind": "x", "summary": "", "subject": subject,
            "created_at": when}  # fmt: skip


def test_a_stage_is_touched_by_the_newest_activity_naming_it_or_its_tasks(db_url):
    """The mentoring overview's last touch is an aggregate in SQL now: the newest activity
    naming the stage or one of its tasks gives the real age; a subject naming something by
    another kind of value (text, a fraction, true) names nothing, on both databases."""
    world = build_world(db_url)
    now, day = dt.datetime.now(dt.UTC), dt.timedelta(days=1)
    gid, mid, tid = world.group_id, world.milestone_id, world.group_task_id
    with world.session() as s:
        for m in s.scalars(select(Milestone).where(Milestone.group_id == gid)):
            m.created_at = now - 60 * day
        for a in s.scalars(select(Activity).where(Activity.group_id == gid)):
            a.created_at = now - 60 * day
        odd = [{"task_id": "x"}, {"milestone_id": 1.5}, {"milestone_id": True}, {"task_id": None}]
        rows = [_activity(gid, subject, now - day) for subject in odd]
        rows += [
            _activity(gid, {"task_id": tid}, now - 25 * day),
            _activity(gid, {"milestone_id": mid}, now - 33 * day),
        ]
        s.execute(insert(Activity), rows)

    def quiet() -> list[tuple[int, int]]:
        (group,) = world.call("mina", mentoring.overview, 14, now)["groups"]
        return [(m["id"], m["quiet_days"]) for m in group["stale_milestones"]]

    assert quiet() == [(mid, 25)]  # through its task, the newer of the two
    with world.session() as s:
        s.execute(insert(Activity), [_activity(gid, {"milestone_id": mid}, now - 20 * day)])
    assert quiet() == [(mid, 20)]
    world.db.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    migrate.upgrade(database)
    yield database
    database.dispose()


def test_the_catchup_during_a_session_and_with_everyone_tasks_stays_bounded(db):
    """The catch-up's other shapes: while a session is going on (its agenda and its recap
    as well as the next one's), 10 statements; with "everyone does this one" tasks on the
    agenda, two more (their completions and the group's roles), whatever the history."""
    now = dt.datetime.now(dt.UTC)
    big = build_large_group(db, now=now)
    during = now - dt.timedelta(hours=2)  # the weekly session started an hour before
    brief, statements = read_statements(
        db, lambda s, u, g: catchup.catchup(s, u, g, during), big.participant, big.group_id
    )
    assert brief["current_session"]["agenda"] and brief["current_recap"] is not None
    assert brief["next_session"]["agenda"] and len(brief["recaps"]) == 3
    assert all(r["facts"]["attendees"] and r["facts"]["snapshots"] for r in brief["recaps"])
    assert len(statements) <= READ_BUDGET, describe(statements)
    with db.session() as s:
        flagged = s.scalars(
            select(Task).where(Task.group_id == big.group_id, Task.next_session.is_(True))
        ).all()
        for t in flagged[:5]:
            t.per_member = True
        s.execute(
            insert(TaskCompletion),
            [{"task_id": t.id, "username": n, "done_at": now} for t in flagged[:5]
             for n in big.members[:10]],
        )  # fmt: skip
    brief, statements = read_statements(db, catchup.catchup, big.participant, big.group_id)
    everyone = [t for t in brief["next_session"]["agenda"] if t["per_member"]]
    assert len(everyone) == 5 and all(t["members_done"] >= 8 for t in everyone)
    assert len(statements) <= READ_BUDGET + 2, describe(statements)
