"""Pairing the cells of two notebooks: by id, then by content hash, then by similarity.

Ids are exact when present. When a notebook lost or regenerated its ids, identical sources
pair up by hash in one dictionary pass. Only the cells still unpaired are compared by text
similarity, and each only against the unpaired cells in the same gap between already
paired neighbours (bounded), so the cost stays linear in the notebook size; nbdime's
cubic-time LCS over all cells is what makes it slow without ids.
"""

from __future__ import annotations

import bisect
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

# Below this similarity two sources are not the same cell edited.
SIMILARITY = 0.5
# Largest number of candidates compared for one unpaired cell.
WINDOW = 24


@dataclass
class Matching:
    pairs: dict[int, int] = field(default_factory=dict)  # a index -> b index
    how: dict[int, str] = field(default_factory=dict)  # a index -> "id" | "content" | "similar"
    moved: set[int] = field(default_factory=set)  # a indices whose cell moved


def _by_id(a: list[list[Any]], b: list[list[Any]], m: Matching) -> None:
    where = {e[0]: i for i, e in enumerate(a) if e[0] is not None}
    for j, e in enumerate(b):
        i = where.get(e[0]) if e[0] is not None else None
        if i is not None and i not in m.pairs:
            m.pairs[i] = j
            m.how[i] = "id"


def _by_content(a: list[list[Any]], b: list[list[Any]], m: Matching) -> None:
    taken_b = set(m.pairs.values())
    free: dict[tuple[str, str], deque[int]] = defaultdict(deque)
    for i, e in enumerate(a):
        if i not in m.pairs:
            free[(e[2], e[3])].append(i)
    by_src: dict[str, deque[int]] = defaultdict(deque)
    for key, idx in free.items():
        by_src[key[0]].extend(idx)
    for src, idx in by_src.items():
        by_src[src] = deque(sorted(idx))
    # Same source and metadata first, then same source alone.
    for exact in (True, False):
        for j, e in enumerate(b):
            if j in taken_b:
                continue
            pool = free.get((e[2], e[3])) if exact else by_src.get(e[2])
            while pool and pool[0] in m.pairs:
                pool.popleft()
            if pool:
                i = pool.popleft()
                m.pairs[i] = j
                m.how[i] = "content"
                taken_b.add(j)


def _similar(
    a: list[list[Any]], b: list[list[Any]], m: Matching, text: Callable[[str], str]
) -> None:
    free_a = sorted(i for i in range(len(a)) if i not in m.pairs)
    taken_b = set(m.pairs.values())
    free_b = [j for j in range(len(b)) if j not in taken_b]
    if not free_a or not free_b:
        return
    # Where each b cell's nearest paired predecessor sits in a: search around there.
    b_to_a = {j: i for i, j in m.pairs.items()}
    anchor = -1
    anchors = {}
    for j in range(len(b)):
        if j in b_to_a:
            anchor = b_to_a[j]
        anchors[j] = anchor
    for j in free_b:
        start = bisect.bisect_right(free_a, anchors[j])
        lo = max(0, start - WINDOW // 2)
        candidates = [i for i in free_a[lo : lo + WINDOW] if b[j][1] == a[i][1]]
        best, best_ratio = None, SIMILARITY
        target = text(b[j][2])
        for i in candidates:
            matcher = SequenceMatcher(None, text(a[i][2]), target, autojunk=False)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = i, ratio
        if best is not None:
            m.pairs[best] = j
            m.how[best] = "similar"
            free_a.remove(best)


def _moves(m: Matching) -> None:
    """Pairs outside the longest increasing run of b positions are moves."""
    order = sorted(m.pairs)
    seq = [m.pairs[i] for i in order]
    tails: list[int] = []  # index into seq of the smallest tail of each run length
    values: list[int] = []  # seq[t] for t in tails, kept sorted for bisect
    prev = [-1] * len(seq)
    for k, value in enumerate(seq):
        pos = bisect.bisect_left(values, value)
        if pos > 0:
            prev[k] = tails[pos - 1]
        if pos == len(tails):
            tails.append(k)
            values.append(value)
        else:
            tails[pos] = k
            values[pos] = value
    keep = set()
    k = tails[-1] if tails else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    m.moved = {order[k] for k in range(len(seq)) if k not in keep}


def match_cells(
    a: list[list[Any]],
    b: list[list[Any]],
    text: Callable[[list[str]], Callable[[str], str]],
) -> Matching:
    """Pair manifest entries of `a` and `b`. `text(hashes)` loads sources for similarity."""
    m = Matching()
    _by_id(a, b, m)
    _by_content(a, b, m)
    unpaired_a = [a[i][2] for i in range(len(a)) if i not in m.pairs]
    if unpaired_a and len(m.pairs) < len(b):
        taken_b = set(m.pairs.values())
        unpaired_b = [b[j][2] for j in range(len(b)) if j not in taken_b]
        _similar(a, b, m, text(unpaired_a + unpaired_b))
    _moves(m)
    return m
