"""Manifests stored as a delta against an earlier full manifest of the same notebook.

A manifest is mostly 64-character hashes, which compress poorly: a 60-cell notebook's
manifest is ~8 KB even after zlib, so 30 snapshots would cost more than the cells that
changed (git avoids this by delta-compressing its trees when it packs). A delta lists
ranges copied from a base manifest plus the new entries, so a one-cell edit costs a few
hundred bytes. The base is always a *full* manifest, so reading any snapshot needs at most
two manifest blobs; a new full manifest is written when the delta stops paying off.

An entry whose pieces are the base's but whose execution counts or form codes differ (after
Run All, or when another tool saved sources as lists of lines) is copied from the base with
only those parts sent (`{"e": [[base index, [count, output counts, forms]], ...]}`): before,
such a save made every entry new and forced a full manifest (10 of 40 snapshots of a real-like
chapter history were full manifests, 80% of its manifest bytes).
"""

from __future__ import annotations

from typing import Any

from .canonical import canonical

# A delta is kept only while it is smaller than this share of the full manifest. Every
# delta holds all changes since its full manifest, so deltas grow along a history: a new full
# manifest at a quarter (was a half) stored the least on the real-like histories of `make
# bench` (pandas chapter 225 -> 188 KB, linear models 389 -> 340 KB at 0.5 vs 0.25-0.3).
KEYFRAME_RATIO = 0.25


def _key(entry: list[Any]) -> tuple[Any, ...]:
    refs = entry[5]
    forms = canonical(entry[6]) if len(entry) > 6 else None
    return (*entry[:5], None if refs is None else tuple(tuple(r) for r in refs), forms)


def _shape(entry: list[Any]) -> tuple[Any, ...]:
    """An entry without what a re-run or another tool's save changes."""
    refs = entry[5]
    return (*entry[:4], None if refs is None else tuple(r[0] for r in refs))


def _volatile(entry: list[Any]) -> list[Any]:
    refs = entry[5]
    # Per output, [] (no execution count key) or [count] (which may be None).
    counts = None if refs is None else [r[1:] for r in refs]
    return [entry[4], counts, entry[6] if len(entry) > 6 else None]


def _patched(base_entry: list[Any], volatile: list[Any]) -> list[Any]:
    count, counts, forms = volatile
    refs = base_entry[5]
    if refs is not None:
        refs = [[r[0], *c] for r, c in zip(refs, counts, strict=True)]
    entry = [*base_entry[:4], count, refs]
    if forms is not None:
        entry.append(forms)
    return entry


def make_delta(base_hash: str, base: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A delta that turns the full manifest `base` into `new`.

    One pass with a dictionary: each new entry found in the base extends the current
    copied range when it follows it there, else starts a range; others are inserted.
    Linear in the number of cells (entries are unique by cell id, so no LCS is needed).
    """
    where: dict[tuple[Any, ...], int] = {}
    shaped: dict[tuple[Any, ...], int] = {}
    for i, entry in enumerate(base["cells"]):
        where.setdefault(_key(entry), i)
        shaped.setdefault(_shape(entry), i)
    ops: list[Any] = []
    for entry in new["cells"]:
        at = where.get(_key(entry))
        last = ops[-1] if ops else None
        if at is None:
            similar = shaped.get(_shape(entry))
            if similar is not None:
                if isinstance(last, dict) and "e" in last:
                    last["e"].append([similar, _volatile(entry)])
                else:
                    ops.append({"e": [[similar, _volatile(entry)]]})
            elif isinstance(last, dict) and "c" in last:
                last["c"].append(entry)
            else:
                ops.append({"c": [entry]})
        elif isinstance(last, list) and last[1] == at:
            last[1] = at + 1
        else:
            ops.append([at, at + 1])
    return {
        "base": base_hash,
        "ops": ops,
        "nbformat": new["nbformat"],
        "nbformat_minor": new["nbformat_minor"],
        "metadata": new["metadata"],
    }


def worth_it(delta: dict[str, Any], full_bytes: bytes) -> bool:
    return len(canonical(delta)) < KEYFRAME_RATIO * len(full_bytes)


def apply_delta(delta: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    cells: list[Any] = []
    for op in delta["ops"]:
        if isinstance(op, dict) and "e" in op:
            cells.extend(_patched(base["cells"][at], volatile) for at, volatile in op["e"])
        elif isinstance(op, dict):
            cells.extend(op["c"])
        else:
            cells.extend(base["cells"][op[0] : op[1]])
    return {
        "nbformat": delta["nbformat"],
        "nbformat_minor": delta["nbformat_minor"],
        "metadata": delta["metadata"],
        "cells": cells,
    }


def is_delta(manifest: dict[str, Any]) -> bool:
    return "base" in manifest
