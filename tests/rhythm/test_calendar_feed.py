"""The calendar feed (#19): parsed back with icalendar, a weekly Berlin session's
occurrences stay 19:00 local across the DST change, only the person's groups are in it,
and a revoked token is NotFound."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import dateutil.rrule as rr
import icalendar
import pytest
from core_world import build_world

from nerdup_lab.core import groups
from nerdup_lab.core.errors import NotFound
from nerdup_lab.core.rhythm import calendar, sessions
from nerdup_lab.core.rhythm.models import CalendarFeed

BERLIN = ZoneInfo("Europe/Berlin")
FIRST = dt.datetime(2026, 3, 19, 19, 0, tzinfo=BERLIN)


def _session(world, group_id, title, **extra):
    data = {"title": title, "starts_at": FIRST.isoformat(), "timezone": "Europe/Berlin", **extra}
    return world.call("olga", sessions.create_session, group_id, data)


def test_the_feed_parses_back_with_the_occurrences_a_member_sees(db_url):
    world = build_world(db_url)
    weekly = _session(
        world, world.group_id, "Thursday club", recurrence="weekly", repeat_until="2026-04-09",
        place="Room 4", link="https://meet.example.org/club",
    )  # fmt: skip
    secret = world.call(
        "olga", groups.create_group, {"title": "Olga's own", "visibility": "members"}
    )
    _session(world, secret["id"], "Not for pat")
    with world.session() as s:
        token = calendar.new_token(s, "pat")["token"]
    with world.session() as s:
        text = calendar.feed(s, token)
        stored = s.query(CalendarFeed).one()
    assert stored.token_hash == calendar.token_hash(token) and token not in stored.token_hash

    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Thursday club"]
    event = events[0]
    assert str(event["UID"]) == f"session-{weekly['id']}@nerdup-lab"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [str(t["TZID"]) for t in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert str(event["LOCATION"]) == "Room 4" and str(event["URL"]).endswith("/club")
    # The occurrences a calendar app computes from the feed, across 29 March 2026.
    start = event.decoded("DTSTART")
    rule = rr.rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    seen = list(rule)
    assert [o.strftime("%m-%d %H:%M") for o in seen] == [
        "03-19 19:00", "03-26 19:00", "04-02 19:00", "04-09 19:00",
    ]  # fmt: skip
    utc = [o.astimezone(dt.UTC).hour for o in seen]
    assert utc == [18, 18, 17, 17]
    # The server's own occurrences are the same instants.
    with world.session() as s:
        ours = sessions.get_session(s, "pat", weekly["id"], FIRST - dt.timedelta(hours=1))
    assert [o["start"] for o in ours["upcoming"]] == [
        o.astimezone(dt.UTC).isoformat() for o in seen[:2]
    ]
    world.db.dispose()


def test_a_new_token_revokes_the_last_and_a_revoked_token_is_not_found(db_url):
    world = build_world(db_url)
    _session(world, world.group_id, "Once")
    with world.session() as s:
        first = calendar.new_token(s, "pat")["token"]
    with world.session() as s:
        second = calendar.new_token(s, "pat")["token"]
        assert calendar.feed_state(s, "pat")["active"] is True
    with world.session() as s, pytest.raises(NotFound):
        calendar.feed(s, first)
    with world.session() as s:
        assert b"BEGIN:VEVENT" in calendar.feed(s, second)
        calendar.revoke(s, "pat")
    with world.session() as s:
        assert calendar.feed_state(s, "pat") == {"active": False, "created_at": None}
        for bad in (second, "", "x" * 300, "guess"):
            with pytest.raises(NotFound):
                calendar.feed(s, bad)
    world.db.dispose()


def test_the_community_feed_adds_every_open_groups_sessions_and_no_members_only_one(db_url):
    world = build_world(db_url)
    _session(world, world.group_id, "Thursday club")
    other = world.call("olga", groups.create_group, {"title": "Open evening", "visibility": "open"})
    _session(world, other["id"], "Pandas night")
    secret = world.call(
        "olga", groups.create_group, {"title": "Olga's own", "visibility": "members"}
    )
    _session(world, secret["id"], "Not for pat")
    with world.session() as s:
        token = calendar.new_token(s, "pat")["token"]

    def summaries(**kwargs):
        with world.session() as s:
            cal = icalendar.Calendar.from_ical(calendar.feed(s, token, **kwargs))
        return sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")), str(cal["X-WR-CALNAME"])

    assert summaries() == (["Thursday club"], "nerdup sessions")  # pat's groups only
    assert summaries(community=True) == (
        ["Pandas night", "Thursday club"],
        "nerdup community sessions",
    )
    world.db.dispose()
