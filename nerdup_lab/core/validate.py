"""Input checking for request bodies: every problem is reported at once, per field.

A resource declares a spec (field name -> parser). `clean` runs each parser on the fields
present in the body and raises one InvalidInput whose `fields` names every bad field, so a
form can mark them all. Absent fields are left out of the result, which makes the same
spec serve POST (with `required`) and PATCH (only what was sent changes).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Mapping
from typing import Any
from urllib.parse import urlparse

from .errors import InvalidInput, NerdUpError
from .paths import path_problem
from .users import username_problem

Parser = Callable[[Any], Any]

# The database's integer columns (ids, versions, positions, weights, byte limits) are
# `Integer`: 32-bit signed on PostgreSQL, so that is the range every number must fit.
INT_MAX = 2**31 - 1
INT_MIN = -(2**31)
# JSON nesting a request body or a notebook may have; checked before anything recurses.
MAX_JSON_DEPTH = 100
# Dates and times a session, deadline or due date may carry.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)
# A task's weight (its share of its milestone's progress).
WEIGHT_MAX = 1000

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
        # NUL too: PostgreSQL's text columns refuse it.
        if "\x00" in value or _bad_text(value):
            raise ValueError("Must be valid Unicode text without NUL characters.")
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
        # NUL too: PostgreSQL's text columns refuse it.
        if "\x00" in value or _bad_text(value):
            raise ValueError("Must be valid Unicode text without NUL characters.")
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


def check_date_range(day: dt.date) -> None:
    if not DATE_MIN <= day <= DATE_MAX:
        raise ValueError(f"Must be between {DATE_MIN.isoformat()} and {DATE_MAX.isoformat()}.")


def optional_date(value: Any) -> dt.date | None:
    """An ISO date `YYYY-MM-DD` between DATE_MIN and DATE_MAX, or null to clear it."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("Must be a date as YYYY-MM-DD, or null.")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("Must be a real date as YYYY-MM-DD, or null.") from None
    check_date_range(day)
    return day


def bounded_int(low: int, high: int) -> Parser:
    """A whole number in [low, high] (bool is an int in Python; `true` is not a number)."""

    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("Must be a whole number.")
        if not low <= value <= high:
            raise ValueError(f"Must be between {low} and {high}.")
        return value

    return parse


def positive_int(value: Any) -> int:
    """A whole number from 1 to INT_MAX: what an id in a body must be."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("Must be a whole number.")
    if value <= 0:
        raise ValueError("Must be greater than 0.")
    if value > INT_MAX:
        raise ValueError(f"Must be at most {INT_MAX}.")
    return value


weight = bounded_int(1, WEIGHT_MAX)


def optional_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("Must be a whole number, or null.")
    if not INT_MIN <= value <= INT_MAX:
        raise ValueError(f"Must be between {INT_MIN} and {INT_MAX}, or null.")
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
    """A list of ids, each from 1 to INT_MAX, at most 1000 of them."""
    if not isinstance(value, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in value
    ):
        raise ValueError("Must be a list of ids.")
    if len(value) > 1000:
        raise ValueError("Must hold at most 1000 ids.")
    if not all(1 <= i <= INT_MAX for i in value):
        raise ValueError(f"Every id must be between 1 and {INT_MAX}.")
    return list(value)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def loads(
    raw: str | bytes,
    what: str,
    *,
    by_field: bool = False,
    not_json: type[NerdUpError] = InvalidInput,
) -> Any:
    """`raw` parsed as strict JSON (no NaN or Infinity), then `check_json` on it.

    InvalidInput (400) naming `what` when it is not JSON or nests deeper than
    MAX_JSON_DEPTH (the parser itself stops at the interpreter's recursion limit).
    """
    try:
        value = json.loads(raw, parse_constant=_reject_constant)
    except RecursionError:
        raise _too_deep(what) from None
    except ValueError as err:
        raise not_json(f"The {what} is not valid JSON: {err}") from err
    check_json(value, what, by_field=by_field)
    return value


def _too_deep(what: str) -> InvalidInput:
    return InvalidInput(
        f"The {what} nests JSON deeper than {MAX_JSON_DEPTH} levels.",
        fields={what: f"Must nest at most {MAX_JSON_DEPTH} levels."},
    )


def _bad_text(value: str) -> bool:
    if value.isascii():
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_json(value: Any, what: str, *, by_field: bool = False) -> None:
    """Bounded depth and valid Unicode everywhere in a parsed JSON value, without recursion.

    A lone surrogate (`"\\ud800"` is valid JSON but no text) or too deep a nesting is a 400
    naming `what`, or with `by_field` (a request body) the top-level field it is in.
    """
    stack: list[tuple[Any, int, str]] = [(value, 1, what)]
    while stack:
        item, depth, field = stack.pop()
        if isinstance(item, str):
            if _bad_text(item):
                raise InvalidInput(
                    f"`{field}` is not valid Unicode text (it holds a lone surrogate).",
                    fields={field: "Must be valid Unicode text."},
                )
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_JSON_DEPTH:
            raise _too_deep(field)
        if isinstance(item, dict):
            for key, sub in item.items():
                name = key if by_field and depth == 1 else field
                if _bad_text(key):
                    raise InvalidInput(
                        f"A key in `{field}` is not valid Unicode text.",
                        fields={field: "Must be valid Unicode text."},
                    )
                stack.append((sub, depth + 1, name))
        else:
            stack.extend((sub, depth + 1, field) for sub in item)


def username(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 255:
        raise ValueError("Must be a user name.")
    if username_problem(value):
        raise ValueError("Must be a user name without NUL or control characters.")
    return value.strip()
