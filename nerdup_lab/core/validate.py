"""Input checking for request bodies: every problem is reported at once, per field.

A resource declares a spec (field name -> parser). `clean` runs each parser on the fields
present in the body and raises one InvalidInput whose `fields` names every bad field, so a
form can mark them all. Absent fields are left out of the result, which makes the same
spec serve POST (with `required`) and PATCH (only what was sent changes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import Any
from urllib.parse import urlparse

from .errors import InvalidInput
from .paths import path_problem

Parser = Callable[[Any], Any]

# Fields a client may echo back from a GET; they are ignored rather than rejected.
READ_ONLY = frozenset({"id", "version", "created_at", "created_by", "group_id"})


def clean(
    data: Mapping[str, Any],
    spec: Mapping[str, Parser],
    *,
    required: Collection[str] = (),
    read_only: Collection[str] = READ_ONLY,
) -> dict[str, Any]:
    """The parsed values of the fields present in `data`; 400 naming every bad field."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for name in required:
        if name not in data:
            errors[name] = "This field is required."
    for name, value in data.items():
        if name in read_only and name not in spec:
            continue
        parser = spec.get(name)
        if parser is None:
            errors[name] = "Unknown field."
            continue
        try:
            cleaned[name] = parser(value)
        except ValueError as err:
            errors[name] = str(err)
    if errors:
        raise InvalidInput("Some fields are not valid; see `fields`.", fields=errors)
    return cleaned


def text(*, max_len: int = 200, allow_empty: bool = False) -> Parser:
    """A string, stripped; not empty unless allowed."""

    def parse(raw: Any) -> str:
        if not isinstance(raw, str):
            raise ValueError("Must be a string.")
        value = raw.strip()
        if not value and not allow_empty:
            raise ValueError("Must not be empty.")
        if len(value) > max_len:
            raise ValueError(f"Must be at most {max_len} characters.")
        return value

    return parse


def markdown(max_len: int = 100_000) -> Parser:
    """Free markdown text; may be empty. Not stripped, since whitespace is meaningful."""

    def parse(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("Must be a string.")
        if len(value) > max_len:
            raise ValueError(f"Must be at most {max_len} characters.")
        return value

    return parse


def choice(options: Collection[str]) -> Parser:
    def parse(value: Any) -> str:
        if value not in options:
            raise ValueError(f"Must be one of: {', '.join(options)}.")
        return str(value)

    return parse


def optional_date(value: Any) -> dt.date | None:
    """An ISO date `YYYY-MM-DD`, or null to clear it."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("Must be a date as YYYY-MM-DD, or null.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("Must be a real date as YYYY-MM-DD, or null.") from None


def positive_int(value: Any) -> int:
    # bool is an int in Python; `true` is not a weight.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("Must be a whole number.")
    if value <= 0:
        raise ValueError("Must be greater than 0.")
    return value


def optional_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("Must be a whole number, or null.")
    return value


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("Must be true or false.")
    return value


def links(value: Any) -> list[dict[str, str]]:
    """A list of {"title", "url"} with http(s) URLs (they are rendered as links)."""
    if not isinstance(value, list):
        raise ValueError("Must be a list of {title, url}.")
    if len(value) > 100:
        raise ValueError("Must hold at most 100 links.")
    result = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or set(item) - {"title", "url"} or "url" not in item:
            raise ValueError(f"Item {index} must be an object with `url` and optional `title`.")
        url, title = item["url"], item.get("title", "")
        if not isinstance(url, str) or urlparse(url).scheme not in ("http", "https"):
            raise ValueError(f"Item {index}: `url` must be an http(s) URL.")
        if not isinstance(title, str) or len(title) > 200 or len(url) > 2000:
            raise ValueError(f"Item {index}: `title` must be a string of at most 200 characters.")
        result.append({"title": title.strip() or url, "url": url})
    return result


def notebook_paths(value: Any) -> list[str]:
    """Relative notebook paths inside the Jupyter root, without duplicates."""
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ValueError("Must be a list of notebook paths.")
    paths: list[str] = []
    for path in value:
        path = path.strip().lstrip("/")
        problem = path_problem(path)
        if problem:
            raise ValueError(f"`{path[:80]!r}` {problem}.")
        if path not in paths:
            paths.append(path)
    return paths


def int_list(value: Any) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in value
    ):
        raise ValueError("Must be a list of ids.")
    return list(value)


def username(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 255:
        raise ValueError("Must be a user name.")
    return value.strip()
