"""When sessions happen: occurrences of a schedule, and the check-in window.

Pure functions, no database. A session starts at `starts_at` (UTC) and lasts
`duration_minutes`; a weekly one repeats every seven days of its `timezone`'s wall clock
(an IANA name, `zoneinfo`) until `repeat_until` (inclusive, by the local date of the
start), or without end. So a 19:00 Europe/Berlin meetup stays 19:00 in Berlin across a
daylight-saving change, and its UTC start moves by the hour. Occurrences are expanded on
read.

The check-in window of an occurrence opens CHECKIN_EARLY before its start and closes at
its end: `start - 15 min <= now < end`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

CHECKIN_EARLY = dt.timedelta(minutes=15)
WEEK = dt.timedelta(days=7)
# A weekly rule without end still yields a finite list when asked for a range.
MAX_OCCURRENCES = 520


@dataclass(frozen=True)
class Rule:
    starts_at: dt.datetime
    duration_minutes: int
    recurrence: str = "none"
    repeat_until: dt.date | None = None
    timezone: str = "UTC"


@dataclass(frozen=True)
class Occurrence:
    start: dt.datetime
    end: dt.datetime

    @property
    def opens(self) -> dt.datetime:
        """When check-in opens."""
        return self.start - CHECKIN_EARLY

    def is_open(self, now: dt.datetime) -> bool:
        return self.opens <= now < self.end


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _local_start(rule: Rule, index: int) -> dt.datetime:
    """The wall-clock start of the index-th occurrence, in the rule's zone."""
    tz = zone(rule.timezone)
    first = rule.starts_at.astimezone(tz)
    naive = first.replace(tzinfo=None) + index * WEEK
    # fold=0: an ambiguous wall time (the hour repeated in autumn) is its first instance; a
    # wall time in the spring gap comes out an hour later, as zoneinfo reads it.
    return naive.replace(tzinfo=tz)


def _at(rule: Rule, index: int) -> Occurrence:
    local = _local_start(rule, index)
    start = local.astimezone(dt.UTC)
    return Occurrence(start, start + dt.timedelta(minutes=rule.duration_minutes))


def local_date(rule: Rule, start: dt.datetime) -> dt.date:
    return start.astimezone(zone(rule.timezone)).date()


def occurrences(rule: Rule) -> Iterator[Occurrence]:
    """Every occurrence in order (at most MAX_OCCURRENCES)."""
    if rule.recurrence != "weekly":
        yield _at(rule, 0)
        return
    for index in range(MAX_OCCURRENCES):
        found = _at(rule, index)
        if rule.repeat_until is not None and local_date(rule, found.start) > rule.repeat_until:
            return
        yield found


def between(rule: Rule, since: dt.datetime, until: dt.datetime) -> list[Occurrence]:
    """Occurrences that have not ended by `since` and start before `until`."""
    found = []
    for item in occurrences(rule):
        if item.start >= until:
            break
        if item.end > since:
            found.append(item)
    return found


def next_after(rule: Rule, now: dt.datetime) -> Occurrence | None:
    """The first occurrence that has not ended yet (the one going on, or the next)."""
    for item in occurrences(rule):
        if item.end > now:
            return item
    return None


def open_at(rule: Rule, now: dt.datetime) -> Occurrence | None:
    """The occurrence whose check-in window holds `now`, if any."""
    for item in occurrences(rule):
        if item.is_open(now):
            return item
        if item.opens > now:
            return None
    return None


def last_started(rule: Rule, now: dt.datetime) -> Occurrence | None:
    """The most recent occurrence that has started by `now`."""
    last = None
    for item in occurrences(rule):
        if item.start > now:
            break
        last = item
    return last


def in_progress(rule: Rule, now: dt.datetime) -> Occurrence | None:
    """The occurrence going on at `now` (started, not ended), if any."""
    for item in occurrences(rule):
        if item.start > now:
            return None
        if item.end > now:
            return item
    return None


def next_unstarted(rule: Rule, now: dt.datetime) -> Occurrence | None:
    """The first occurrence that has not started by `now`."""
    return next((item for item in occurrences(rule) if item.start > now), None)


def last_ended(rule: Rule, now: dt.datetime) -> Occurrence | None:
    """The most recent occurrence that has ended by `now`."""
    last = None
    for item in occurrences(rule):
        if item.end > now:
            break
        last = item
    return last


def ended_between(rule: Rule, since: dt.datetime | None, now: dt.datetime) -> list[Occurrence]:
    """Occurrences that ended after `since` (any, if None) and by `now`, in order."""
    found = []
    for item in occurrences(rule):
        if item.end > now:
            break
        if since is None or item.end > since:
            found.append(item)
    return found


def find(rule: Rule, start: dt.datetime) -> Occurrence | None:
    """The occurrence starting exactly at `start`, if the rule has one."""
    for item in occurrences(rule):
        if item.start == start:
            return item
        if item.start > start:
            return None
    return None
