"""The calendar feed from the hub service, outside a Hub: the feed address it hands out is
under the service's prefix (where JupyterHub's proxy serves it on the Hub's own address),
and the feed there answers a calendar app that has no token at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hub_service_kit import PREFIX, Service, serve
from tornado.httpclient import AsyncHTTPClient

from nerdup_lab.config import NerdUp


@pytest.fixture
def service(tmp_path: Path, jp_asyncio_loop: Any) -> Iterator[Service]:
    yield from serve(NerdUp(db_url=f"sqlite:///{tmp_path / 'nerdup.sqlite'}"), jp_asyncio_loop)


async def test_the_feed_path_is_under_the_service_prefix_and_needs_no_token(service):
    gid = await service.group()
    status, _ = await service.call(
        "POST",
        f"/groups/{gid}/sessions",
        {"title": "Thursday club", "starts_at": "2026-03-19T19:00:00+02:00",
         "timezone": "Europe/Sofia", "recurrence": "weekly"},
    )  # fmt: skip
    assert status == 201
    status, given = await service.call("POST", "/me/calendar", {})
    assert status == 201
    assert given["path"] == f"{PREFIX}nerdup/api/v1/calendar/feeds/{given['token']}.ics"

    root = service.url.split(PREFIX, 1)[0]
    feed = await AsyncHTTPClient().fetch(f"{root}{given['path']}", raise_error=False)
    assert feed.code == 200, feed.body
    events = list(icalendar.Calendar.from_ical(feed.body).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Thursday club"]
    assert events[0]["DTSTART"].params["TZID"] == "Europe/Sofia"

    assert (await service.call("DELETE", "/me/calendar"))[0] == 204
    gone = await AsyncHTTPClient().fetch(f"{root}{given['path']}", raise_error=False)
    assert gone.code == 404
