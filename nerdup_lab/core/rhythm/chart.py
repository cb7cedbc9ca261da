"""The progress chart of the journey: done weight over time, as numbers an inline SVG
template draws (no script, no network)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 640, 220, 36


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: str  # "x,y x,y ..." for <polyline>
    total_y: float  # y of the "everything done" line
    x_labels: list[tuple[float, str]]
    y_labels: list[tuple[float, str]]
    done: int
    total: int


def progress_chart(
    done_at: list[tuple[dt.date, int]], total: int, start: dt.date, end: dt.date
) -> Chart:
    """`done_at`: (day a task was done, its weight); `total`: the weight of all tasks."""
    end = max(end, start + dt.timedelta(days=1))
    span = (end - start).days
    top = max(total, 1)

    def x(day: dt.date) -> float:
        return round(PAD + (WIDTH - 2 * PAD) * (day - start).days / span, 1)

    def y(value: int) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / top, 1)

    steps = [(start, 0)]
    reached = 0
    for day, weight in sorted(done_at):
        reached += weight
        steps.append((min(max(day, start), end), reached))
    steps.append((end, reached))
    points = " ".join(f"{x(d)},{y(v)}" for d, v in steps)
    x_labels = [(x(start), start.isoformat()), (x(end), end.isoformat())]
    y_labels = [(y(0), "0"), (y(top), str(total))]
    return Chart(WIDTH, HEIGHT, points, y(top), x_labels, y_labels, reached, total)
