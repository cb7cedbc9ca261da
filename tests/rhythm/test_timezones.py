"""A session's time zone: a weekly session keeps its zone's wall clock across a
daylight-saving change (#19), and migration 0009 leaves older sessions' occurrences alone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from core_world import build_world
from sqlalchemy import text

from nerdup_lab.core import migrate
from nerdup_lab.core.db import Database
from nerdup_lab.core.errors import InvalidInput
from nerdup_lab.core.rhythm import schedule, sessions

BERLIN = ZoneInfo("Europe/Berlin")
SOFIA = ZoneInfo("Europe/Sofia")


def _weekly(world, starts_at: dt.datetime, zone: str, until: str = "2026-12-31"):
    data = {
        "title": "Meetup",
        "starts_at": starts_at.isoformat(),
        "timezone": zone,
        "recurrence": "weekly",
        "repeat_until": until,
        "duration_minutes": 120,
    }
    return world.call("olga", sessions.create_session, world.group_id, data)


def test_a_berlin_meetup_stays_at_19_local_across_the_spring_change(db_url):
    world = build_world(db_url)
    first = dt.datetime(2026, 3, 19, 19, 0, tzinfo=BERLIN)  # CET, 18:00 UTC
    made = _weekly(world, first, "Europe/Berlin")
    assert made["timezone"] == "Europe/Berlin"
    since = first.astimezone(dt.UTC) - dt.timedelta(hours=1)
    later = since + dt.timedelta(days=14)  # "upcoming" holds 14 days at a time
    starts = []
    for now in (since, later):
        got = world.call("pat", sessions.get_session, made["id"], now)
        starts += [dt.datetime.fromisoformat(o["start"]) for o in got["upcoming"]]
    # 29 March 2026: clocks go from 02:00 to 03:00 in Berlin.
    assert [s.isoformat() for s in starts] == [
        "2026-03-19T18:00:00+00:00",
        "2026-03-26T18:00:00+00:00",
        "2026-04-02T17:00:00+00:00",
        "2026-04-09T17:00:00+00:00",
    ]
    assert got["next"]["start"] == "2026-04-02T17:00:00+00:00"
    assert {s.astimezone(BERLIN).strftime("%a %H:%M") for s in starts} == {"Thu 19:00"}
    world.db.dispose()


def test_a_sofia_session_stays_at_19_local_across_the_autumn_change(db_url):
    world = build_world(db_url)
    first = dt.datetime(2026, 10, 22, 19, 0, tzinfo=SOFIA)  # EEST, 16:00 UTC
    made = _weekly(world, first, "Europe/Sofia", until="2026-11-05")
    rule = schedule.Rule(
        dt.datetime.fromisoformat(made["starts_at"]), 120, "weekly", dt.date(2026, 11, 5),
        "Europe/Sofia",
    )  # fmt: skip
    starts = [o.start for o in schedule.occurrences(rule)]
    assert [s.astimezone(dt.UTC).hour for s in starts] == [16, 17, 17]
    assert [s.astimezone(SOFIA).hour for s in starts] == [19, 19, 19]
    # The occurrence after the change is found by its own start (agenda, check-in).
    with world.session() as s:
        agenda = sessions.agenda(s, "pat", made["id"], starts[1], starts[0])
    assert agenda["occurrence"]["start"] == "2026-10-29T17:00:00+00:00"
    world.db.dispose()


def test_repeat_until_is_the_local_date_of_the_start():
    # 00:30 in Berlin is the previous day in UTC: the last day counts in Berlin.
    first = dt.datetime(2026, 3, 6, 0, 30, tzinfo=BERLIN)
    rule = schedule.Rule(first.astimezone(dt.UTC), 60, "weekly", dt.date(2026, 3, 13),
                         "Europe/Berlin")  # fmt: skip
    assert [o.start.astimezone(BERLIN).date() for o in schedule.occurrences(rule)] == [
        dt.date(2026, 3, 6),
        dt.date(2026, 3, 13),
    ]


def test_a_session_without_zone_is_utc_and_an_unknown_zone_is_refused(db_url):
    world = build_world(db_url)
    start = dt.datetime(2026, 3, 19, 18, 0, tzinfo=dt.UTC)
    made = world.call(
        "olga", sessions.create_session, world.group_id, {"starts_at": start.isoformat()}
    )
    assert made["timezone"] == "UTC"
    for bad in ("Mars/Olympus", "../etc/passwd", "", 7):
        with pytest.raises(InvalidInput) as refused:
            world.call(
                "olga",
                sessions.create_session,
                world.group_id,
                {"starts_at": start.isoformat(), "timezone": bad},
            )
        assert list(refused.value.fields) == ["timezone"]
    world.db.dispose()


def test_a_0008_weekly_session_upgrades_to_utc_with_the_same_occurrences(db_url):
    db = Database(db_url)
    migrate.upgrade(db, "0008_per_member_tasks")
    now = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    start = dt.datetime(2026, 3, 19, 18, 0, tzinfo=dt.UTC)
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO users (username, display_name, created) VALUES (:u, :u, :c)"),
            {"u": "olga", "c": now},
        )
        conn.execute(
            text(
                "INSERT INTO groups (title, description, links, status, visibility, "
                "adoption_rule, created_at, created_by, version) VALUES "
                "('Club', '', '[]', 'active', 'open', 'organizer', :c, 'olga', 1)"
            ),
            {"c": now},
        )
        conn.execute(
            text(
                "INSERT INTO memberships (group_id, username, role, joined_at, version) "
                "VALUES (1, 'olga', 'organizer', :c, 1)"
            ),
            {"c": now},
        )
        conn.execute(
            text(
                "INSERT INTO study_sessions (group_id, title, starts_at, duration_minutes, "
                "place, link, recurrence, repeat_until, unfinished_picks, created_by, "
                "created_at, version) VALUES (1, 'Old', :s, 90, '', '', 'weekly', "
                "'2026-04-09', 'roll_over', 'olga', :c, 1)"
            ),
            {"s": start, "c": now},
        )
    migrate.upgrade(db)
    assert migrate.current_revision(db) == migrate.head_revision()
    with db.session() as s:
        got = sessions.get_session(s, "olga", 1, start - dt.timedelta(hours=1))
    assert got["timezone"] == "UTC"
    assert [o["start"][11:16] for o in got["upcoming"]] == ["18:00", "18:00"]
    db.dispose()
