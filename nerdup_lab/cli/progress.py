"""A small progress bar on stderr for long commands (`import`, `export`, `demo`).

tqdm is not a dependency of nerdup-lab, so this draws its own bar: redrawn in place on a
terminal, a single final line otherwise (so logs and CI output stay readable).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
WIDTH = 30


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = max(total, 0)
        self.done = 0
        self.stream = stream or sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())

    def _line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = int(WIDTH * share)
        bar = "#" * filled + "-" * (WIDTH - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total}"

    def advance(self, step: int = 1) -> None:
        self.done = min(self.total, self.done + step)
        if self.live:
            self.stream.write("\r" + self._line())
            self.stream.flush()

    def close(self) -> None:
        self.stream.write(("\r" if self.live else "") + self._line() + "\n")
        self.stream.flush()


def track(items: Iterable[T], label: str, total: int) -> Iterator[T]:
    """Iterate over `items` while drawing a bar of `total` steps."""
    bar = Progress(label, total)
    try:
        for item in items:
            yield item
            bar.advance()
    finally:
        bar.close()
