"""Parsers for the rhythm's request fields (on top of `core.validate`)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .. import validate as v


def timestamp(value: Any) -> dt.datetime:
    """An ISO 8601 date-time with a UTC offset (`2026-03-02T18:00:00+01:00`, or `Z`)."""
    if not isinstance(value, str):
        raise ValueError("Must be an ISO 8601 date-time with an offset.")
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("Must be an ISO 8601 date-time with an offset.") from None
    if parsed.tzinfo is None:
        raise ValueError("Must carry a UTC offset, e.g. 2026-03-02T18:00:00+01:00.")
    # Before the conversion, which overflows at year 1 or 9999 with an offset.
    v.check_date_range(parsed.date())
    return parsed.astimezone(dt.UTC)


def timezone(value: Any) -> str:
    """An IANA time zone name (`Europe/Berlin`, `UTC`), as the browser's Intl reports it."""
    if not isinstance(value, str) or not value or len(value) > 64:
        raise ValueError("Must be an IANA time zone name, e.g. Europe/Berlin.")
    if value.startswith(("/", ".")) or ".." in value or "\\" in value:
        raise ValueError("Must be an IANA time zone name, e.g. Europe/Berlin.")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        unknown = f"Unknown time zone {value!r}; use an IANA name, e.g. Europe/Berlin."
        raise ValueError(unknown) from None
    return value


def minutes(value: Any) -> int:
    number: int = v.positive_int(value)
    if number > 24 * 60:
        raise ValueError("Must be at most 1440 minutes (a day).")
    return number


def url(*, allow_empty: bool = False) -> v.Parser:
    def parse(value: Any) -> str:
        if allow_empty and value in ("", None):
            return ""
        if not isinstance(value, str) or urlparse(value.strip()).scheme not in ("http", "https"):
            raise ValueError("Must be an http(s) URL.")
        if len(value) > 2000:
            raise ValueError("Must be at most 2000 characters.")
        return value.strip()

    return parse


def optional_id(value: Any) -> int | None:
    if value is None:
        return None
    result: int = v.positive_int(value)
    return result


def cell_id(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 64:
        raise ValueError("Must be a cell id (at most 64 characters).")
    return value


def occurrence_of(raw: str | None) -> dt.datetime | None:
    """An `?occurrence=` query value, parsed; 400 when it is not a timestamp."""
    if raw is None or raw == "":
        return None
    return v.clean({"occurrence": raw}, {"occurrence": timestamp})["occurrence"]  # type: ignore[no-any-return]
