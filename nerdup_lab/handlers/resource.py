"""Shared parsing for the resource handlers: ids in paths, query parameters, If-Match.

Versions travel as ETags: a GET of one record answers `ETag: "<version>"` and the JSON
carries the same `version`. A PATCH or DELETE sends it back as `If-Match: "<version>"`
(quotes optional). See `nerdup_lab.core.records` for what happens when it is stale or absent.
"""

from __future__ import annotations

from typing import Any

from ..core import validate as v
from ..core.errors import InvalidInput, NotFound
from .base import NerdUpHandler


def _is_digits(raw: str) -> bool:
    # At most 19 digits, so int() never meets a huge string.
    return 0 < len(raw) <= 19 and raw.isascii() and raw.isdigit()


class ResourceHandler(NerdUpHandler):
    def path_id(self, raw: str, what: str) -> int:
        """A numeric id from the URL; anything else names no record (404, not 400).

        ASCII digits only (`str.isdigit` takes "²" too) and within the database's integer
        range: a larger id names no record either, rather than overflowing a query.
        """
        if not _is_digits(raw) or int(raw) > v.INT_MAX:
            raise NotFound(f"There is no {what} {raw}.")
        return int(raw)

    def if_match(self) -> int | None:
        header = self.request.headers.get("If-Match")
        if header is None:
            return None
        value = header.strip()
        if value.startswith("W/"):
            value = value[2:]
        value = value.strip('"')
        if not _is_digits(value) or int(value) > v.INT_MAX:
            raise InvalidInput(
                'If-Match must carry the record\'s version, e.g. If-Match: "3".',
                fields={"If-Match": "Must be a version number."},
            )
        return int(value)

    def query_int(self, name: str, default: int | None) -> int | None:
        """`?name=` as a whole number (ASCII digits, optional minus) within the database's
        integer range; 400 naming the parameter otherwise."""
        raw = self.get_query_argument(name, None)
        if raw is None or raw == "":
            return default
        number = raw[1:] if raw.startswith("-") else raw
        if not _is_digits(number) or not v.INT_MIN <= int(raw) <= v.INT_MAX:
            raise InvalidInput(
                f"`{name}` must be a whole number between {v.INT_MIN} and {v.INT_MAX}.",
                fields={name: "Must be a whole number."},
            )
        return int(raw)

    def query_text(self, name: str) -> str | None:
        raw = self.get_query_argument(name, None)
        return raw if raw else None

    def send_record(self, record: dict[str, Any], status: int = 200) -> None:
        """A single versioned record, with its version as the ETag."""
        if "version" in record:
            self.set_header("ETag", f'"{record["version"]}"')
        self.send(record, status)

    def send_nothing(self) -> None:
        self.set_status(204)
        self.finish()
