"""Notebook histories that behave like the real ones of book and course repositories (#18).

Measured on real histories (public data-science books and courses), four things the generated
`notebooks.py` workloads never do matter for storage and pairing; each history here does them:

- nbformat 4.4 files without cell ids (most real history predates ids);
- plots re-rendered from slightly changed data (a changed line in a PNG: deflate streams
  that differ from the changed row on, as matplotlib's do);
- base64 images wrapped at 76 columns (older Jupyter) in the early versions, unwrapped later,
  and sources sometimes a string, sometimes a list of lines (two tools, one notebook);
- long cells, and cells inserted, deleted and reordered as an author revises a chapter.

A history is a list of notebook dicts (oldest first), seeded, so every run measures the same
bytes. Nothing here is third-party content: the text is generated.
"""

from __future__ import annotations

import base64
import copy
import functools
import itertools
import random
import struct
import zlib
from collections.abc import Callable
from typing import Any

from notebooks import WORDS, dataframe_html

Notebook = dict[str, Any]

WIDTH, HEIGHT = 432, 288


def plot_png(series: list[float], style: int = 0) -> bytes:
    """An RGB line plot of `series` like matplotlib's inline backend draws: white figure,
    grey frame and grid, one 2-px line. The same series gives the same bytes."""
    top, left, bottom, right = 20, 40, HEIGHT - 30, WIDTH - 15
    white, grey, frame = (255, 255, 255), (225, 225, 225), (60, 60, 60)
    colour = [(31, 119, 180), (255, 127, 14), (44, 160, 44)][style % 3]
    rows = [bytearray(bytes(white) * WIDTH) for _ in range(HEIGHT)]

    def put(x: int, y: int, rgb: tuple[int, int, int]) -> None:
        if 0 <= x < WIDTH and 0 <= y < HEIGHT:
            rows[y][3 * x : 3 * x + 3] = bytes(rgb)

    for gx in range(left, right, 48):
        for y in range(top, bottom):
            put(gx, y, grey)
    for gy in range(top, bottom, 36):
        for x in range(left, right):
            put(x, gy, grey)
    for x in range(left, right + 1):
        put(x, top, frame)
        put(x, bottom, frame)
    for y in range(top, bottom + 1):
        put(left, y, frame)
        put(right, y, frame)
    lo, hi = min(series), max(series)
    span = (hi - lo) or 1.0
    points = [
        (
            left + round(k * (right - left) / (len(series) - 1)),
            bottom - 5 - round((v - lo) / span * (bottom - top - 10)),
        )
        for k, v in enumerate(series)
    ]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for s in range(steps + 1):
            x = x0 + (x1 - x0) * s // steps
            y = y0 + (y1 - y0) * s // steps
            put(x, y, colour)
            put(x, y + 1, colour)
    raw = b"".join(b"\x00" + bytes(r) for r in rows)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 6))


def _b64(data: bytes, wrapped: bool) -> str:
    text = base64.b64encode(data).decode("ascii")
    if not wrapped:
        return text
    return "\n".join(text[k : k + 76] for k in range(0, len(text), 76)) + "\n"


def _code_line(rng: random.Random) -> str:
    a, b = rng.choice(WORDS), rng.choice(WORDS)
    return f"{a}_{b} = {rng.choice(WORDS)}({rng.randint(0, 99)}, key={rng.choice(WORDS)!r})"


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


class Chapter:
    """One chapter notebook as its author revises it: a list of cells with the state needed
    to re-run them (a plot's data series, a table's seed)."""

    def __init__(self, rng: random.Random, cells: int, plots: int, long_cells: int) -> None:
        self.rng = rng
        self.count = 0
        self.next_uid = 0
        # The uid of the cell the last revision moved (None: nothing moved): ground truth.
        self.moved: int | None = None
        self.cells: list[dict[str, Any]] = []
        plot_at = set(rng.sample(range(1, cells), plots))
        long_at = set(rng.sample(range(1, cells), long_cells)) - plot_at
        for i in range(cells):
            if i in plot_at:
                self.cells.append(self._plot_cell())
            elif i in long_at:
                self.cells.append(self._code_cell(lines=rng.randint(120, 260)))
            elif i % 3 == 0:
                self.cells.append(self._markdown_cell())
            else:
                self.cells.append(self._code_cell())

    def _new(self, cell: dict[str, Any]) -> dict[str, Any]:
        # Each cell's identity through the history (never written into the file): the
        # pairing every diff should find.
        self.next_uid += 1
        cell["uid"] = self.next_uid
        return cell

    # --- cells -------------------------------------------------------------------------------

    def _markdown_cell(self) -> dict[str, Any]:
        text = f"## {_prose(self.rng, 3).title()}\n\n" + "\n".join(
            _prose(self.rng, 14) for _ in range(self.rng.randint(1, 5))
        )
        return self._new({"kind": "markdown", "source": text})

    def _code_cell(self, lines: int | None = None) -> dict[str, Any]:
        n = lines or self.rng.randint(2, 9)
        cell = {"kind": "code", "source": "\n".join(_code_line(self.rng) for _ in range(n))}
        cell["table"] = self.rng.random() < 0.15
        cell["seed"] = self.rng.getrandbits(32)
        return self._new(cell)

    def _plot_cell(self) -> dict[str, Any]:
        walk, value = [], 0.0
        for _ in range(60):
            value += self.rng.gauss(0, 1)
            walk.append(value)
        return self._new(
            {
                "kind": "plot",
                "source": "fig, ax = plt.subplots()\nax.plot(x, y)\nax.set_title('"
                + _prose(self.rng, 2)
                + "')",
                "series": walk,
                "style": self.rng.randint(0, 2),
                "seed": self.rng.getrandbits(32),
            }
        )

    # --- revisions ---------------------------------------------------------------------------

    def revise(self) -> None:
        """One commit's worth of work: mostly an edit and a re-run, sometimes an insertion,
        a deletion, a move, or Run All."""
        rng = self.rng
        self.moved = None
        roll = rng.random()
        if roll < 0.45:
            self._edit(rng.randrange(len(self.cells)))
        elif roll < 0.6:
            at = rng.randrange(1, len(self.cells) + 1)
            self.cells.insert(at, self._plot_cell() if rng.random() < 0.3 else self._code_cell())
        elif roll < 0.68 and len(self.cells) > 8:
            del self.cells[rng.randrange(1, len(self.cells))]
        elif roll < 0.76:
            # A cell moved a few places, as when an author reorders an explanation.
            src = rng.randrange(1, len(self.cells))
            dest = max(1, min(len(self.cells) - 1, src + rng.choice((-3, -2, 2, 3))))
            if dest != src:
                cell = self.cells.pop(src)
                self.cells.insert(dest, cell)
                self.moved = cell["uid"]
        elif roll < 0.86:
            self._run_all()
        else:
            for k in rng.sample(range(len(self.cells)), 3):
                self._edit(k)

    def _edit(self, k: int) -> None:
        cell = self.cells[k]
        rng = self.rng
        lines = cell["source"].split("\n")
        at = rng.randrange(len(lines))
        if cell["kind"] == "markdown":
            lines[at] = lines[at] + " " + _prose(rng, 4)
        elif rng.random() < 0.5:
            lines[at] = _code_line(rng)
        else:
            lines.insert(at, _code_line(rng))
        cell["source"] = "\n".join(lines)
        if cell["kind"] == "plot":
            # Slightly changed data: a few points of the series move.
            for p in rng.sample(range(len(cell["series"])), 3):
                cell["series"][p] += rng.gauss(0, 0.5)
        elif cell["kind"] == "code":
            cell["seed"] = rng.getrandbits(32)
        cell["ran"] = True

    def _run_all(self) -> None:
        for cell in self.cells:
            if cell["kind"] == "code":
                cell["ran"] = True

    # --- the file --------------------------------------------------------------------------

    def notebook(self, *, wrapped: bool, lists: bool) -> Notebook:
        """The chapter as an nbformat 4.4 notebook without cell ids."""
        out_cells = []
        for cell in self.cells:
            source: Any = cell["source"]
            if lists:
                source = source.splitlines(keepends=True)
            if cell["kind"] == "markdown":
                out_cells.append({"cell_type": "markdown", "metadata": {}, "source": source})
                continue
            if cell.pop("ran", False) or "count" not in cell:
                self.count += 1
                cell["count"] = self.count
            count = cell["count"]
            outputs: list[dict[str, Any]]
            if cell["kind"] == "plot":
                outputs = [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {
                            "image/png": _b64(plot_png(cell["series"], cell["style"]), wrapped),
                            "text/plain": ["<Figure size 432x288 with 1 Axes>"],
                        },
                    }
                ]
            elif cell["table"]:
                html, plain = dataframe_html(random.Random(cell["seed"]), rows=20)
                outputs = [
                    {
                        "output_type": "execute_result",
                        "execution_count": count,
                        "metadata": {},
                        "data": {"text/html": html, "text/plain": plain},
                    }
                ]
            else:
                value = random.Random(cell["seed"]).random()
                outputs = [{"output_type": "stream", "name": "stdout", "text": f"{value:.6f}\n"}]
            out_cells.append(
                {
                    "cell_type": "code",
                    "execution_count": count,
                    "metadata": {},
                    "outputs": outputs,
                    "source": source,
                }
            )
        return {
            "cells": copy.deepcopy(out_cells),
            "metadata": {
                "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                "language_info": {"name": "python", "version": "3.7.3"},
            },
            "nbformat": 4,
            "nbformat_minor": 4,
        }


class Version:
    """One commit of a history: the notebook, the uid of each of its cells, in order, and
    the uid of the cell this revision moved (None when nothing moved)."""

    def __init__(self, notebook: Notebook, uids: list[int], moved: int | None) -> None:
        self.notebook = notebook
        self.uids = uids
        self.moved = moved


def history(seed: int, *, versions: int, cells: int, plots: int, long_cells: int) -> list[Version]:
    """`versions` successive commits of one chapter; the first third wrap images at 76
    columns (an older Jupyter), sources switch between strings and lists of lines now and
    then (another tool saved the file)."""
    rng = random.Random(seed)
    chapter = Chapter(rng, cells, plots, long_cells)
    lists = True
    out = []
    for k in range(versions):
        if k:
            chapter.revise()
        if rng.random() < 0.2:
            lists = not lists
        nb = chapter.notebook(wrapped=k < versions // 3, lists=lists)
        out.append(Version(nb, [c["uid"] for c in chapter.cells], chapter.moved))
    return out


# (kind, seed, versions, cells, plots, long cells): sizes like the chapters of the books
# and courses measured in #18.
_SHAPES = [
    ("intro chapter", 11, 20, 25, 2, 0),
    ("pandas chapter", 12, 40, 60, 4, 1),
    ("plotting chapter", 13, 40, 40, 14, 0),
    ("linear models chapter", 14, 50, 90, 8, 6),
    ("course exercise", 15, 60, 15, 1, 0),
    ("capstone notebook", 16, 30, 150, 10, 4),
]


def _name(kind: str, versions: int, cells: int, plots: int, long: int) -> str:
    plotted = f"{plots} plot" + ("s" if plots != 1 else "")
    return f"{kind} ({cells} cells, {plotted}{', long cells' if long else ''}, {versions} versions)"


HISTORIES: dict[str, Callable[[], list[Version]]] = {
    _name(kind, versions, cells, plots, long): functools.partial(
        history, seed, versions=versions, cells=cells, plots=plots, long_cells=long
    )
    for kind, seed, versions, cells, plots, long in _SHAPES
}
