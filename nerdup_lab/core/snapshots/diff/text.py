"""Line-level differences of cell sources and text outputs.

difflib is used on purpose: cell sources are tens of lines, where its matcher runs in
microseconds and gives the readable grouped hunks people know from `diff -u`. The
libraries that beat it (diff-match-patch, Myers in C) win only on large texts or at the
character level, and would add a dependency for no visible gain here.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

CONTEXT = 3


def as_text(value: Any) -> str:
    """nbformat multiline strings may be a string or a list of lines."""
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return "" if value is None else str(value)


def line_diff(old: str, new: str) -> list[dict[str, Any]]:
    """Hunks: {"a_start", "b_start" (1-based), "lines": [[" "|"-"|"+", text], ...]}."""
    a = old.splitlines()
    b = new.splitlines()
    hunks = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(CONTEXT):
        lines: list[list[str]] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend([" ", line] for line in a[i1:i2])
                continue
            lines.extend(["-", line] for line in a[i1:i2])
            lines.extend(["+", line] for line in b[j1:j2])
        hunks.append({"a_start": group[0][1] + 1, "b_start": group[0][3] + 1, "lines": lines})
    return hunks
