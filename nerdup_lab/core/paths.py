"""Notebook paths the service stores (snapshots, group notebooks, restore targets, task
links): relative to the Jupyter root, `/`-separated and normalised, so every stored path
is one that a workspace, a zip and a git repository can all hold.

Refused, with a 400 naming the field: anything but text, empty, absolute (`/x`, `C:x`,
`\\\\host`), a backslash, a NUL or other control character, an empty, `.` or `..`
component, a `.git` component (any case, and its 8.3 / trailing-dot spellings), a component
over 255 bytes or a path over MAX_PATH characters.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import InvalidInput

MAX_PATH = 1024  # the snapshot tables' column (String(1024))
MAX_COMPONENT_BYTES = 255  # most file systems' limit for one name
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"^[A-Za-z]:")


def path_problem(path: str) -> str | None:
    """Why `path` cannot be stored, or None if it can."""
    if not path:
        return "is empty"
    if len(path) > MAX_PATH:
        return f"is longer than {MAX_PATH} characters"
    if _CONTROL.search(path):
        return "contains a NUL or control character"
    if "\\" in path:
        return "contains a backslash (use / between folders)"
    if path.startswith("/") or _DRIVE.match(path):
        return "is absolute (give it relative to the Jupyter root)"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return "is not normalised (empty, . or .. component)"
        bare = part.rstrip(". ").lower()
        if bare in (".git", "git~1"):
            return "has a .git component"
        if len(part.encode("utf-8", "surrogatepass")) > MAX_COMPONENT_BYTES:
            return f"has a name longer than {MAX_COMPONENT_BYTES} bytes"
    return None


def notebook_path(raw: Any, field: str = "path") -> str:
    """`raw` as a stored path (surrounding spaces dropped); 400 naming `field` if it cannot
    be one."""
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidInput(
            f"Give `{field}`: the notebook's path in the workspace.", fields={field: "required"}
        )
    path = raw.strip()
    problem = path_problem(path)
    if problem:
        shown = _CONTROL.sub("?", path[:80]) + ("..." if len(path) > 80 else "")
        raise InvalidInput(f"`{field}` {problem}: {shown!r}.", fields={field: "invalid"})
    return path


def message_text(raw: Any, field: str = "message", max_len: int = 2000) -> str:
    """A commit message: text of at most `max_len` characters, no NUL or control character
    other than tab and newlines (PostgreSQL refuses NUL in text; git cuts a message at one)."""
    if not isinstance(raw, str) or len(raw) > max_len:
        raise InvalidInput(
            f"`{field}` must be text of at most {max_len} characters.", fields={field: "invalid"}
        )
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw):
        raise InvalidInput(
            f"`{field}` contains a NUL or control character.", fields={field: "invalid"}
        )
    return raw
