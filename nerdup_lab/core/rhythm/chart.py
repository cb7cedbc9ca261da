"""The progress chart of the journey: done weight over time, as numbers an inline SVG
template draws (no script, no network)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

WIDTH, HEIGHT, PAD = 640, 220, 36


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: str  # "x,y x,y ..." for <polyline>
    total_y: float  # y of the "everything done" line
    x_labels: list[tuple[float, str]]
    y_labels: list[tuple[float, str]]
    done: int | float
    total: int | float


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else round(float(value), 2)


def progress_chart(
    done_at: list[tuple[dt.date, Fraction]], total: Fraction, start: dt.date, end: dt.date
) -> Chart:
    """`done_at`: (day weight was done, how much); `total`: the weight of all tasks.
    A per-member task's weight comes in shares, one per member who did it."""
    end = max(end, start + dt.timedelta(days=1))
    span = (end - start).days
    top = max(Fraction(total), Fraction(1))

    def x(day: dt.date) -> float:
        return round(PAD + (WIDTH - 2 * PAD) * (day - start).days / span, 1)

    def y(value: Fraction) -> float:
        return round(float(HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / top), 1)

    steps = [(start, Fraction(0))]
    reached = Fraction(0)
    for day, weight in sorted(done_at):
        reached += weight
        steps.append((min(max(day, start), end), reached))
    steps.append((end, reached))
    points = " ".join(f"{x(d)},{y(v)}" for d, v in steps)
    x_labels = [(x(start), start.isoformat()), (x(end), end.isoformat())]
    y_labels = [(y(Fraction(0)), "0"), (y(top), str(_number(total)))]
    return Chart(
        WIDTH, HEIGHT, points, y(top), x_labels, y_labels, _number(reached), _number(total)
    )
