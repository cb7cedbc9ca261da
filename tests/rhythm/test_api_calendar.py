"""The calendar feed over a real jupyter-server (#19): a member gets a secret URL, a calendar
app fetches it without logging in and sees the member's groups' sessions (parsed back with
icalendar, across the Berlin DST change), a new URL or a revoke makes the old one 404."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import dateutil.rrule as rr
import icalendar
from api_setup import new_group, study_group
from tornado.httpclient import HTTPClientError

NO_LOGIN = {"Authorization": ""}
BERLIN = ZoneInfo("Europe/Berlin")


async def _feed(jp_fetch: Any, url: str, **params: str) -> tuple[int, bytes]:
    # jp_fetch adds the server's base_url itself.
    parts = ["nerdup", *urlparse(url).path.split("/nerdup/", 1)[1].split("/")]
    try:
        reply = await jp_fetch(*parts, headers=NO_LOGIN, params=params or None)
    except HTTPClientError as err:
        return err.code, err.response.body if err.response else b""
    assert reply.headers["Content-Type"].startswith("text/calendar")
    return reply.code, reply.body


async def test_a_members_feed_url_serves_their_groups_and_404s_once_revoked(api, jp_fetch):
    g = await study_group(api)
    alice, bob, eve = g["alice"], g["bob"], g["eve"]
    first = dt.datetime(2026, 3, 19, 19, 0, tzinfo=BERLIN)
    body = {
        "title": "Thursday club",
        "starts_at": first.isoformat(),
        "timezone": "Europe/Berlin",
        "recurrence": "weekly",
        "repeat_until": "2026-04-09",
    }
    made = await alice.post(f"/groups/{g['gid']}/sessions", body)
    assert made.status == 201 and made.json["timezone"] == "Europe/Berlin"
    other = await new_group(eve, title="Eve's", visibility="members")
    assert (
        await eve.post(f"/groups/{other['id']}/sessions", {**body, "title": "Eve only"})
    ).status == 201

    assert (await bob.get("/me/calendar")).json == {"active": False, "created_at": None}
    given = await bob.post("/me/calendar")
    assert given.status == 201 and given.json["url"].endswith(f"/{given.json['token']}.ics")
    # The path the lab joins to the browser's address is the URL's own, from the root.
    assert given.json["path"].startswith("/") and given.json["url"].endswith(given.json["path"])
    assert urlparse(given.json["url"]).path == given.json["path"]
    assert (await bob.get("/me/calendar")).json["active"] is True

    code, text = await _feed(jp_fetch, given.json["url"])
    assert code == 200
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Thursday club"]  # not Eve's group
    event = events[0]
    assert str(event["UID"]) == f"session-{made.json['id']}@nerdup-lab"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    seen = list(rr.rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.decoded("DTSTART")))
    assert [o.astimezone(dt.UTC).strftime("%m-%d %H:%M") for o in seen] == [
        "03-19 18:00", "03-26 18:00", "04-02 17:00", "04-09 17:00",
    ]  # fmt: skip
    assert {o.strftime("%H:%M") for o in seen} == {"19:00"}
    assert (await _feed(jp_fetch, given.json["url"], group=str(other["id"])))[0] == 404
    # ?community=1: every open group's evenings too, still not a members-only group's.
    opened = await new_group(eve, title="Eve's open evening")
    assert (
        await eve.post(f"/groups/{opened['id']}/sessions", {**body, "title": "Open evening"})
    ).status == 201
    code, text = await _feed(jp_fetch, given.json["url"], community="1")
    titles = sorted(str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert code == 200 and titles == ["Open evening", "Thursday club"]

    again = await bob.post("/me/calendar")
    assert (await _feed(jp_fetch, given.json["url"]))[0] == 404  # the old URL is gone
    assert (await _feed(jp_fetch, again.json["url"]))[0] == 200
    assert (await bob.delete("/me/calendar")).status == 204
    assert (await _feed(jp_fetch, again.json["url"]))[0] == 404
    assert (await _feed(jp_fetch, again.json["url"].replace(again.json["token"], "x" * 43)))[
        0
    ] == 404
