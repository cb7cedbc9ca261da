"""Pairing the cells of two notebooks: by id, then in order (`pairing.align`).

Ids are exact when present. The cells left (a notebook that lost or regenerated its ids)
are aligned in order: identical sources as anchors, identical cells that left their
neighbours as moves, similarity (line hashes and length first, full text for close
candidates) only inside the gaps between anchors.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..pairing import align


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
    free_a = [i for i in range(len(a)) if i not in m.pairs]
    taken_b = set(m.pairs.values())
    free_b = [j for j in range(len(b)) if j not in taken_b]
    if free_a and free_b:
        # The rest in order (pairing.align): anchors by content, moves, then similarity.
        hashes = {a[i][2] for i in free_a} | {b[j][2] for j in free_b}
        source = text(sorted(hashes)) if hashes else (lambda h: "")
        pairs, how = align(
            [a[i][2] for i in free_a],
            [b[j][2] for j in free_b],
            [a[i][1] for i in free_a],
            [b[j][1] for j in free_b],
            lambda k: source(a[free_a[k]][2]),
            lambda k: source(b[free_b[k]][2]),
        )
        for k, n in pairs.items():
            m.pairs[free_a[k]] = free_b[n]
            m.how[free_a[k]] = "similar" if how[k] == "similar" else "content"
    _moves(m)
    return m
