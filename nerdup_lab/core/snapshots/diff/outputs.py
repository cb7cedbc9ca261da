"""Outputs of a modified cell, compared by hash and summarised.

Equal hashes mean equal outputs: nothing is loaded. Changed text outputs (streams, errors,
plain-text results) get a line diff; images, HTML and other rich data are reported as
changed with their MIME types, since a line diff of base64 or generated HTML helps nobody.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from .text import as_text, line_diff

TEXT_MIMES = {"text/plain"}


def _describe(output: dict[str, Any]) -> dict[str, Any]:
    kind = output.get("output_type", "")
    info: dict[str, Any] = {"output_type": kind}
    if kind == "stream":
        info["name"] = output.get("name")
    elif kind == "error":
        info["ename"] = output.get("ename")
    else:
        info["mime_types"] = sorted(output.get("data", {}))
    return info


def _text_of(output: dict[str, Any]) -> str | None:
    kind = output.get("output_type")
    if kind == "stream":
        return as_text(output.get("text"))
    if kind == "error":
        return "\n".join(as_text(line) for line in output.get("traceback", []))
    data = output.get("data", {})
    if set(data) <= TEXT_MIMES and "text/plain" in data:
        return as_text(data["text/plain"])
    return None


def changed_pair(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    item = {"status": "changed", **_describe(new)}
    old_text, new_text = _text_of(old), _text_of(new)
    if old_text is not None and new_text is not None:
        item["hunks"] = line_diff(old_text, new_text)
    return item


def output_hashes_needed(a_refs: list[list[Any]], b_refs: list[list[Any]]) -> set[str]:
    """Output blobs that a summary of these two output lists will read."""
    a = [r[0] for r in a_refs]
    b = [r[0] for r in b_refs]
    needed: set[str] = set()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            needed.update(a[i1:i2])
            needed.update(b[j1:j2])
    return needed


def summarise(
    a_refs: list[list[Any]], b_refs: list[list[Any]], values: dict[str, Any]
) -> list[dict[str, Any]]:
    """One item per output position of the new cell (plus removed ones)."""
    a = [r[0] for r in a_refs]
    b = [r[0] for r in b_refs]
    items: list[dict[str, Any]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            # Equal hashes: nothing was loaded, nothing to describe.
            items.extend({"status": "unchanged"} for _ in b[j1:j2])
            continue
        olds, news = a[i1:i2], b[j1:j2]
        common = min(len(olds), len(news)) if tag == "replace" else 0
        for old, new in zip(olds[:common], news[:common], strict=True):
            items.append(changed_pair(values[old], values[new]))
        items.extend({"status": "removed", **_describe(values[h])} for h in olds[common:])
        items.extend({"status": "added", **_describe(values[h])} for h in news[common:])
    return items
