"""Pairing two versions of a notebook's cells the way people edit them.

An order-respecting alignment: cells with identical content hashes are anchors (a longest
common subsequence of the two hash sequences, difflib's matcher without its junk heuristic),
and similarity is measured only inside the gaps between anchors, in order, so an edited
cell pairs with the cell that stood where it stands and never with a look-alike elsewhere.
Similarity is first a cheap signature (the multiset of line hashes, and length); the full
character comparison runs only for candidates whose signature is already close. Identical
cells the alignment left apart (a cell that really left its neighbours) pair next, before
any similarity: those, and only those, are moves.

Used to give id-less notebooks their previous ids (commit) and to pair cells in diffs.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

# Below this similarity two sources are not the same cell edited.
SIMILARITY = 0.5
# A gap larger than this on both sides is aligned by signature only (no full text).
_FULL_TEXT_CELLS = 64


def _signature(text: str) -> Counter[int]:
    return Counter(hash(line.strip()) for line in text.splitlines() if line.strip())


def _cheap(sa: Counter[int], sb: Counter[int], la: int, lb: int) -> float:
    """An upper-bound-like estimate of similarity from line multisets and lengths."""
    if la == 0 and lb == 0:
        return 1.0
    length = 2 * min(la, lb) / (la + lb)
    na, nb = sum(sa.values()), sum(sb.values())
    if na == 0 or nb == 0:
        return length
    common = sum((sa & sb).values())
    lines = 2 * common / (na + nb)
    # A one-line edit changes a line's hash but not its length: trust the length bound
    # for short cells, where one changed line is most of the cell.
    return min(length, max(lines, length if min(na, nb) <= 3 else lines + 0.5))


def _ratio(ta: str, tb: str, floor: float) -> float:
    matcher = SequenceMatcher(None, ta, tb, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def _gap(
    ia: list[int],
    ib: list[int],
    kind_a: Sequence[str],
    kind_b: Sequence[str],
    text_a: Callable[[int], str],
    text_b: Callable[[int], str],
    pairs: dict[int, int],
) -> None:
    """Pair cells inside one gap, in order: each b takes the most similar a at or after the
    a its predecessor took (a one-pass monotone alignment)."""
    if not ia or not ib:
        return
    sig_a = {i: (_signature(text_a(i)), len(text_a(i))) for i in ia}
    full = len(ia) <= _FULL_TEXT_CELLS or len(ib) <= _FULL_TEXT_CELLS
    start = 0
    for j in ib:
        tb = text_b(j)
        sb, lb = _signature(tb), len(tb)
        best, best_score = None, SIMILARITY
        for k in range(start, len(ia)):
            i = ia[k]
            if kind_a[i] != kind_b[j]:
                continue
            sa, la = sig_a[i]
            score = _cheap(sa, sb, la, lb)
            if score <= best_score:
                continue
            if full:
                score = _ratio(text_a(i), tb, best_score)
            if score > best_score:
                best, best_score = k, score
        if best is not None:
            pairs[ia[best]] = j
            start = best + 1


def align(
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    kind_a: Sequence[str],
    kind_b: Sequence[str],
    text_a: Callable[[int], str],
    text_b: Callable[[int], str],
) -> tuple[dict[int, int], dict[int, str]]:
    """Pairs a index -> b index, and how each was found ("content", "similar", "moved")."""
    pairs: dict[int, int] = {}
    how: dict[int, str] = {}
    blocks = SequenceMatcher(None, list(keys_a), list(keys_b), autojunk=False)
    matching = blocks.get_matching_blocks()
    for a0, b0, size in matching:
        for k in range(size):
            pairs[a0 + k] = b0 + k
            how[a0 + k] = "content"
    # Identical cells the alignment left apart: a cell that left its neighbours. Paired
    # before similarity, so an edited look-alike never takes a moved cell's place.
    taken_b = set(pairs.values())
    free: dict[str, deque[int]] = defaultdict(deque)
    for i, key in enumerate(keys_a):
        if i not in pairs:
            free[key].append(i)
    for j, key in enumerate(keys_b):
        if j not in taken_b and free.get(key):
            i = free[key].popleft()
            pairs[i] = j
            how[i] = "moved"
    taken_b = set(pairs.values())
    prev_a = prev_b = 0
    for a0, b0, size in matching:
        gap_a = [i for i in range(prev_a, a0) if i not in pairs]
        gap_b = [j for j in range(prev_b, b0) if j not in taken_b]
        before = set(pairs)
        _gap(gap_a, gap_b, kind_a, kind_b, text_a, text_b, pairs)
        how.update({i: "similar" for i in pairs.keys() - before})
        prev_a, prev_b = a0 + size, b0 + size
    return pairs, how
