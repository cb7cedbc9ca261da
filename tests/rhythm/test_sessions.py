"""Sessions: schedule and weekly expansion, the community view, agenda and picking tasks,
the check-in window's edges, and what a recap holds. Core services, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from core_world import build_world

from nerdup_lab.core import groups, tasks
from nerdup_lab.core.errors import Conflict
from nerdup_lab.core.models import Group, Task
from nerdup_lab.core.rhythm import catchup, questions, recap, sessions
from nerdup_lab.core.snapshots.commit import commit_in_session

from .notebooks import notebook

START = dt.datetime(2026, 3, 2, 18, 0, tzinfo=dt.UTC)
EARLY = dt.timedelta(minutes=15)


def _weekly(world, until="2026-03-23", minutes=90):
    data = {
        "title": "Thursday club",
        "starts_at": START.isoformat(),
        "duration_minutes": minutes,
        "recurrence": "weekly",
        "repeat_until": until,
        "link": "https://meet.example.org/club",
    }
    return world.call("olga", sessions.create_session, world.group_id, data)


def test_weekly_rule_expands_into_occurrences_until_its_last_day(db_url):
    world = build_world(db_url)
    made = _weekly(world)
    listed = world.call("pat", sessions.list_sessions, world.group_id, START - dt.timedelta(days=1))
    starts = [o["start"] for o in listed[0]["upcoming"]]
    assert starts == [(START + dt.timedelta(weeks=i)).isoformat() for i in range(2)]  # 14 days
    with world.session() as s:
        agenda = sessions.agenda(s, "pat", made["id"], START + dt.timedelta(weeks=3), START)
    assert agenda["occurrence"]["end"] == (START + dt.timedelta(weeks=3, minutes=90)).isoformat()
    with world.session() as s, pytest.raises(Exception, match="no occurrence"):
        sessions.agenda(s, "pat", made["id"], START + dt.timedelta(weeks=4), START)
    world.db.dispose()


def test_community_lists_open_groups_sessions_but_not_members_only_ones(db_url):
    world = build_world(db_url)
    _weekly(world, until=None)
    secret = world.call("olga", groups.create_group, {"title": "Secret", "visibility": "members"})
    world.call("olga", sessions.create_session, secret["id"], {"starts_at": START.isoformat()})
    seen = world.call("otto", sessions.community, 14, START - dt.timedelta(hours=1))
    assert {o["group_title"] for o in seen} == {"Kaggle club"}
    assert len(seen) == 2
    mine = world.call("olga", sessions.community, 14, START - dt.timedelta(hours=1))
    assert {o["group_title"] for o in mine} == {"Kaggle club", "Secret"}
    world.db.dispose()


@pytest.mark.parametrize(
    ("offset", "allowed"),
    [
        (-EARLY - dt.timedelta(seconds=1), False),  # just before the window opens
        (-EARLY, True),  # the window opens 15 minutes before the start
        (dt.timedelta(minutes=90) - dt.timedelta(seconds=1), True),  # last second
        (dt.timedelta(minutes=90), False),  # the end closes it
    ],
    ids=["before-open", "opens", "last-second", "at-end"],
)
def test_check_in_window_edges(db_url, offset, allowed):
    world = build_world(db_url)
    made = _weekly(world)
    when = START + dt.timedelta(weeks=1) + offset
    with world.session("fred") as s:
        if allowed:
            result = sessions.check_in(s, "fred", made["id"], when)
            assert result["attendees"] == ["fred"]
            assert result["start"] == (START + dt.timedelta(weeks=1)).isoformat()
        else:
            with pytest.raises(Conflict, match="15 minutes before"):
                sessions.check_in(s, "fred", made["id"], when)
    world.db.dispose()


def test_checking_in_twice_counts_once(db_url):
    world = build_world(db_url)
    made = _weekly(world)
    for _ in range(2):
        with world.session("pat") as s:
            result = sessions.check_in(s, "pat", made["id"], START)
    assert result["attendees"] == ["pat"]
    world.db.dispose()


def test_picked_tasks_form_the_next_agenda_and_get_the_next_session_flag(db_url):
    world = build_world(db_url)
    made = _weekly(world)
    during = START + dt.timedelta(minutes=80)
    with world.session("pat") as s:
        picked = sessions.pick_tasks(
            s, "pat", made["id"], {"task_ids": [world.group_task_id]}, during
        )
    nxt = (START + dt.timedelta(weeks=1)).isoformat()
    assert picked["occurrence"]["start"] == nxt
    assert [(t["id"], t["source"]) for t in picked["tasks"]] == [(world.group_task_id, "picked")]
    with world.session() as s:
        assert s.get(Task, world.group_task_id).next_session is True
        flagged = tasks.create_task(
            s, "olga", world.milestone_id, {"title": "Plot", "next_session": True}
        )
        after = sessions.agenda(s, "pat", made["id"], None, START + dt.timedelta(hours=2))
    assert [(t["id"], t["source"]) for t in after["tasks"]] == [
        (world.group_task_id, "picked"),
        (flagged["id"], "next_session"),
    ]
    world.db.dispose()


def test_recap_holds_who_came_tasks_done_snapshots_and_open_questions(db_url):
    world = build_world(db_url)
    now = dt.datetime.now(dt.UTC)
    made = world.call(
        "olga",
        sessions.create_session,
        world.group_id,
        {"starts_at": (now - dt.timedelta(minutes=30)).isoformat(), "title": "Sprint"},
    )
    world.call("pat", sessions.check_in, made["id"])
    world.call("mina", sessions.check_in, made["id"])
    version = world.version(Task, world.group_task_id)
    world.call("olga", tasks.update_task, world.group_task_id, {"status": "done"}, version)
    with world.session("pat") as s:
        snap = commit_in_session(
            s, group_id=world.group_id, author="pat", path="eda.ipynb",
            notebook=notebook(), message="first plots",
        )  # fmt: skip
    asked = world.call("pat", questions.ask, world.group_id, {"title": "Why NaN?"})
    got = world.call("fred", recap.get_recap, made["id"])
    facts = got["facts"]
    assert facts["attendees"] == ["pat", "mina"]
    assert facts["tasks_done"] == [{"id": world.group_task_id, "title": "Clean data"}]
    assert [(s["id"], s["link"]) for s in facts["snapshots"]] == [
        (snap["id"], f"snapshots/{snap['id']}")
    ]
    assert facts["open_questions"] == [{"id": asked["id"], "title": "Why NaN?"}]
    assert "**Who came:** pat, mina" in got["body"] and not got["edited"]
    assert f"[eda.ipynb](snapshots/{snap['id']})" in got["body"]

    edited = world.call("mina", recap.edit_recap, made["id"], {"body": "We cleaned."}, 0)
    assert (edited["body"], edited["edited"], edited["version"]) == ("We cleaned.", True, 1)
    assert edited["generated"] != edited["body"]
    with world.session("pat") as s, pytest.raises(Conflict):
        recap.edit_recap(s, "pat", made["id"], {"body": "Stale."}, 7)
    brief = world.call("otto", catchup.catchup, world.group_id)
    assert brief["current_session"]["session_id"] == made["id"]
    assert brief["last_session"] is None and brief["recaps"] == []  # still going on
    assert [q["title"] for q in brief["unanswered"]] == ["Why NaN?"]
    later = world.call("otto", catchup.catchup, world.group_id, now + dt.timedelta(hours=2))
    assert later["current_session"] is None
    assert later["last_session"]["body"] == "We cleaned."
    world.db.dispose()


def test_a_session_that_has_not_started_has_no_recap(db_url):
    world = build_world(db_url)
    made = _weekly(world)
    with world.session() as s, pytest.raises(Exception, match="not happened yet"):
        recap.get_recap(s, "pat", made["id"], None, START - dt.timedelta(days=1))
    world.db.dispose()


def _brief(world, at):
    return world.call("otto", catchup.catchup, world.group_id, at)


def _ids(tasks_):
    return [(t["id"], t["source"]) for t in tasks_]


def test_catchup_before_during_and_after_a_session(db_url):
    """Last session is the last that ended, tonight is this one's picks, the next
    session's picks are their own list (issue #16, the co-coding meetup)."""
    world = build_world(db_url)
    made = _weekly(world)
    week = dt.timedelta(weeks=1)
    with world.session("pat") as s:  # before session 1: picked for session 1
        sessions.pick_tasks(
            s, "pat", made["id"], {"task_ids": [world.group_task_id]}, START - EARLY
        )
    before = _brief(world, START - dt.timedelta(hours=1))
    assert before["current_session"] is None and before["last_session"] is None
    assert before["current_recap"] is None
    assert before["next_session"]["start"] == START.isoformat()
    assert _ids(before["next_session"]["agenda"]) == [(world.group_task_id, "picked")]

    during = START + dt.timedelta(minutes=30)
    with world.session() as s:  # during session 1: a pick for session 2
        other = tasks.create_task(s, "olga", world.milestone_id, {"title": "Plot"})
        sessions.pick_tasks(s, "olga", made["id"], {"task_ids": [other["id"]]}, during)
    brief = _brief(world, during)
    assert brief["current_session"]["start"] == START.isoformat()
    assert _ids(brief["current_session"]["agenda"]) == [(world.group_task_id, "picked")]
    assert brief["next_session"]["start"] == (START + week).isoformat()
    # The pick for session 2 is not tonight's, and tonight's is not on session 2's list.
    assert _ids(brief["next_session"]["agenda"]) == [(other["id"], "picked")]
    assert brief["last_session"] is None  # session 1 has not ended
    # ... but its recap can be written at its end: tonight's recap.
    assert brief["current_recap"]["occurrence"]["start"] == START.isoformat()

    # Session 2 has started, with a late joiner: last session is still session 1.
    world.call("pat", sessions.check_in, made["id"], START + 2 * EARLY)  # in session 1
    second = START + week + dt.timedelta(minutes=20)
    world.call("mina", sessions.check_in, made["id"], second)
    brief = _brief(world, second)
    assert brief["last_session"]["occurrence"]["start"] == START.isoformat()
    assert brief["last_session"]["facts"]["attendees"] == ["pat"]
    assert brief["current_session"]["start"] == (START + week).isoformat()
    tonight = _ids(brief["current_session"]["agenda"])
    assert tonight == [(other["id"], "picked"), (world.group_task_id, "rolled_over")]
    assert brief["next_session"]["start"] == (START + 2 * week).isoformat()
    world.db.dispose()


def test_unfinished_picks_roll_over_or_clear_as_the_organiser_chooses(db_url):
    world = build_world(db_url)
    made = _weekly(world)
    week = dt.timedelta(weeks=1)
    with world.session() as s:
        done_one = tasks.create_task(s, "olga", world.milestone_id, {"title": "Done one"})
        ids = [world.group_task_id, done_one["id"]]
        sessions.pick_tasks(s, "olga", made["id"], {"task_ids": ids}, START - EARLY)
        task = s.get(Task, done_one["id"])
        task.status, task.done_at = "done", START + dt.timedelta(minutes=10)
    after = _brief(world, START + dt.timedelta(hours=3))
    # Rolled over: the unfinished pick is on session 2; the finished one is not.
    assert _ids(after["next_session"]["agenda"]) == [(world.group_task_id, "rolled_over")]

    version = world.call("olga", sessions.get_session, made["id"])["version"]
    at = START + dt.timedelta(hours=3)
    change = {"unfinished_picks": "clear"}
    world.call("olga", sessions.update_session, made["id"], change, version, at)
    with world.session() as s:  # the update settled session 1's end first
        assert s.get(Task, done_one["id"]).next_session is False
        assert s.get(Task, world.group_task_id).next_session is True  # it ended rolling over
    with world.session() as s:
        third_task = tasks.create_task(s, "olga", world.milestone_id, {"title": "Third"})
        sessions.pick_tasks(s, "olga", made["id"], {"task_ids": [third_task["id"]]}, at)
    second = world.call("pat", sessions.agenda, made["id"], START + week, at)
    assert _ids(second["tasks"]) == [
        (third_task["id"], "picked"),
        (world.group_task_id, "next_session"),
    ]
    # Session 2 ends under "clear": nothing of it is carried to session 3, flag or pick.
    third = _brief(world, START + 2 * week - dt.timedelta(hours=1))
    assert third["next_session"]["start"] == (START + 2 * week).isoformat()
    assert third["next_session"]["agenda"] == []
    world.call("pat", sessions.check_in, made["id"], START + 2 * week)  # settles on a write
    with world.session() as s:
        assert s.get(Task, world.group_task_id).next_session is False
        assert s.get(Task, third_task["id"]).next_session is False
    assert world.call("olga", sessions.get_session, made["id"])["version"] == version + 1
    world.db.dispose()


def test_session_boundaries_hold_in_any_time_zone(db_url):
    """A start sent with an offset (19:00 in Sofia, +02:00 in winter) is the same instant:
    before, during and after are decided in UTC, never by the server's or sender's clock."""
    world = build_world(db_url)
    sofia = dt.timezone(dt.timedelta(hours=2))
    local = dt.datetime(2026, 3, 5, 19, 0, tzinfo=sofia)
    made = world.call(
        "olga",
        sessions.create_session,
        world.group_id,
        {"starts_at": local.isoformat(), "duration_minutes": 60},
    )
    assert made["starts_at"] == "2026-03-05T17:00:00+00:00"
    new_york = dt.timezone(dt.timedelta(hours=-5))
    at_ny = dt.datetime(2026, 3, 5, 12, 30, tzinfo=new_york)  # 17:30 UTC: during
    assert _brief(world, at_ny)["current_session"]["session_id"] == made["id"]
    tokyo = dt.timezone(dt.timedelta(hours=9))
    at_tokyo = dt.datetime(2026, 3, 6, 2, 0, tzinfo=tokyo)  # 17:00 UTC: it just started
    assert _brief(world, at_tokyo)["current_session"] is not None
    just_before = dt.datetime(2026, 3, 5, 18, 59, tzinfo=sofia)
    brief = _brief(world, just_before)
    assert brief["current_session"] is None and brief["next_session"] is not None
    ended = dt.datetime(2026, 3, 5, 20, 0, tzinfo=sofia)  # its end: ended, not going on
    brief = _brief(world, ended)
    assert brief["current_session"] is None and brief["next_session"] is None
    assert brief["last_session"]["occurrence"]["session_id"] == made["id"]
    world.db.dispose()


def test_a_finished_group_stops_its_rhythm(db_url):
    world = build_world(db_url)
    made = _weekly(world, until=None)
    during = START + dt.timedelta(minutes=10)
    assert _brief(world, during)["current_session"] is not None
    with world.session() as s:
        s.get(Group, world.group_id).status = "finished"
    brief = _brief(world, during)
    assert brief["current_session"] is None and brief["next_session"] is None
    with world.session("pat") as s, pytest.raises(Conflict, match="finished"):
        sessions.check_in(s, "pat", made["id"], during)
    with world.session("pat") as s, pytest.raises(Conflict, match="finished"):
        sessions.pick_tasks(s, "pat", made["id"], {"task_ids": [world.group_task_id]}, during)
    listed = world.call("pat", sessions.get_session, made["id"], during)
    assert (listed["next"], listed["upcoming"]) == (None, [])
    assert world.call("otto", sessions.community, 14, during) == []
    world.db.dispose()
