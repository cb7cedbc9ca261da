"""The diff of two notebooks given as manifests: hashes first, text only where they differ.

`values(hashes)` loads blob values on demand (from the store, or from a notebook in
memory), so a diff of two snapshots that share most cells reads only the changed ones.
The result follows `schema/snapshot-diff.v1.schema.json`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .match import Matching, match_cells
from .outputs import output_hashes_needed, summarise
from .text import as_text, line_diff

Values = Callable[[set[str]], dict[str, Any]]
SCHEMA = "snapshot-diff.v1"


def _outputs_equal(ea: list[Any], eb: list[Any]) -> bool:
    ra, rb = ea[5] or [], eb[5] or []
    return len(ra) == len(rb) and all(x[0] == y[0] for x, y in zip(ra, rb, strict=True))


def _source(values: dict[str, Any], h: str) -> str:
    return as_text(values[h].get("source"))


def _changed_keys(old: Any, new: Any) -> list[str]:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return ["*"]
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


class _Diff:
    def __init__(self, a: dict[str, Any], b: dict[str, Any], values: Values, meta: bool) -> None:
        self.a, self.b = a["cells"], b["cells"]
        self.a_nb, self.b_nb = a, b
        self.values = values
        self.meta = meta
        self.cache: dict[str, Any] = {}

    def load(self, hashes: set[str]) -> dict[str, Any]:
        missing = hashes - self.cache.keys()
        if missing:
            self.cache.update(self.values(missing))
        return self.cache

    def texts(self, hashes: list[str]) -> Callable[[str], str]:
        loaded = self.load(set(hashes))
        return lambda h: _source(loaded, h)

    def run(self) -> dict[str, Any]:
        m = match_cells(self.a, self.b, self.texts)
        changed = self._changed(m)
        self._preload(m, changed)
        cells = self._entries(m, changed)
        summary = {k: 0 for k in ("added", "removed", "modified", "moved", "unchanged")}
        for entry in cells:
            summary[entry["status"]] += 1
            summary["moved"] += 1 if entry.get("moved") else 0
        result: dict[str, Any] = {"schema": SCHEMA, "summary": summary, "cells": cells}
        if self.meta:
            old, new = self.a_nb["metadata"], self.b_nb["metadata"]
            keys: list[str] = []
            if old != new:
                loaded = self.load({old, new})
                keys = _changed_keys(loaded[old], loaded[new])
            result["metadata"] = {"changed": bool(keys), "keys": keys}
        return result

    def _changed(self, m: Matching) -> dict[int, tuple[bool, bool, bool, bool]]:
        """a index -> (source, outputs, metadata, execution count) differ, for pairs that do."""
        changed = {}
        for i, j in m.pairs.items():
            ea, eb = self.a[i], self.b[j]
            flags = (
                ea[2] != eb[2] or ea[1] != eb[1],
                not _outputs_equal(ea, eb),
                self.meta and ea[3] != eb[3],
                self.meta and ea[4] != eb[4],
            )
            if any(flags):
                changed[i] = flags
        return changed

    def _preload(self, m: Matching, changed: dict[int, tuple[bool, bool, bool, bool]]) -> None:
        need: set[str] = set()
        taken_b = set(m.pairs.values())
        need.update(self.a[i][2] for i in range(len(self.a)) if i not in m.pairs)
        need.update(self.b[j][2] for j in range(len(self.b)) if j not in taken_b)
        for i, (src, outs, meta, _) in changed.items():
            ea, eb = self.a[i], self.b[m.pairs[i]]
            if src:
                need.update((ea[2], eb[2]))
            if outs:
                need.update(output_hashes_needed(ea[5] or [], eb[5] or []))
            if meta:
                need.update((ea[3], eb[3]))
        self.load(need)

    def _entry(self, i: int | None, j: int | None) -> dict[str, Any]:
        e = self.b[j] if j is not None else self.a[i]
        return {"a_index": i, "b_index": j, "cell_id": e[0], "cell_type": e[1]}

    def _modified(self, i: int, j: int, flags: tuple[bool, bool, bool, bool]) -> dict[str, Any]:
        ea, eb = self.a[i], self.b[j]
        v = self.cache
        entry = self._entry(i, j)
        entry["status"] = "modified"
        if ea[0] != eb[0]:
            entry["a_cell_id"] = ea[0]
        if flags[0]:
            entry["source"] = {"hunks": line_diff(_source(v, ea[2]), _source(v, eb[2]))}
        if flags[1]:
            entry["outputs"] = summarise(ea[5] or [], eb[5] or [], v)
        if flags[2]:
            entry["metadata"] = {"keys": _changed_keys(v[ea[3]], v[eb[3]])}
        if flags[3]:
            entry["execution_count"] = [ea[4], eb[4]]
        return entry

    def _entries(
        self, m: Matching, changed: dict[int, tuple[bool, bool, bool, bool]]
    ) -> list[dict[str, Any]]:
        b_to_a = {j: i for i, j in m.pairs.items()}
        # A removed cell is shown just before the new position of the next kept cell.
        removed_at: dict[int, list[int]] = {}
        next_b = len(self.b)
        for i in range(len(self.a) - 1, -1, -1):
            if i in m.pairs and i not in m.moved:
                next_b = m.pairs[i]
            elif i not in m.pairs:
                removed_at.setdefault(next_b, []).insert(0, i)
        out: list[dict[str, Any]] = []
        for j in range(len(self.b) + 1):
            for i in removed_at.get(j, ()):
                entry = self._entry(i, None)
                entry["status"] = "removed"
                entry["source"] = {"text": _source(self.cache, self.a[i][2])}
                out.append(entry)
            if j == len(self.b):
                break
            a_i = b_to_a.get(j)
            if a_i is None:
                entry = self._entry(None, j)
                entry["status"] = "added"
                entry["source"] = {"text": _source(self.cache, self.b[j][2])}
            elif a_i in changed:
                entry = self._modified(a_i, j, changed[a_i])
            else:
                entry = self._entry(a_i, j)
                entry["status"] = "unchanged"
            if a_i is not None:
                entry["match"] = m.how[a_i]
                entry["moved"] = a_i in m.moved
            out.append(entry)
        return out


def diff_manifests(
    a: dict[str, Any], b: dict[str, Any], values: Values, *, include_metadata: bool = False
) -> dict[str, Any]:
    """Differences from manifest `a` (old) to manifest `b` (new)."""
    return _Diff(a, b, values, include_metadata).run()
