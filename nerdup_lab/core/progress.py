"""Progress arithmetic: pure functions over plain facts, no database.

- A task is either done (counts fully) or not (counts nothing); "doing" is not half-done,
  because a half-finished notebook is not half of a result.
- A milestone's and the group's progress are weighted by task weight and count the
  group's tasks only. Personal tasks (owned by one member) count towards that member.
- A member's progress counts the tasks they claimed plus their personal tasks.
- With no tasks at all, progress is 0, except a milestone marked done, which is 1.
- Deadline state: `overdue` when the due date has passed and the work is not complete,
  `due_soon` when it falls within DUE_SOON_DAYS days from today (inclusive) and the work is
  not complete, `on_track` otherwise (also when there is no due date or all is done).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class TaskFacts:
    weight: int
    status: str  # todo / doing / done
    owner: str | None = None  # set for a personal task
    claimants: tuple[str, ...] = field(default_factory=tuple)

    @property
    def done(self) -> bool:
        return self.status == "done"


@dataclass(frozen=True)
class Progress:
    done_weight: int
    total_weight: int
    tasks_done: int
    tasks_total: int
    complete_without_tasks: bool = False

    @property
    def fraction(self) -> float:
        if self.total_weight == 0:
            return 1.0 if self.complete_without_tasks else 0.0
        return self.done_weight / self.total_weight

    def to_json(self) -> dict[str, float | int]:
        return {
            "done_weight": self.done_weight,
            "total_weight": self.total_weight,
            "tasks_done": self.tasks_done,
            "tasks_total": self.tasks_total,
            "fraction": round(self.fraction, 4),
            "percent": round(self.fraction * 100),
        }


def task_progress(task: TaskFacts) -> float:
    return 1.0 if task.done else 0.0


def weighted(tasks: Iterable[TaskFacts], *, complete_without_tasks: bool = False) -> Progress:
    tasks = list(tasks)
    return Progress(
        done_weight=sum(t.weight for t in tasks if t.done),
        total_weight=sum(t.weight for t in tasks),
        tasks_done=sum(1 for t in tasks if t.done),
        tasks_total=len(tasks),
        complete_without_tasks=complete_without_tasks,
    )


def group_tasks(tasks: Iterable[TaskFacts]) -> list[TaskFacts]:
    return [t for t in tasks if t.owner is None]


def milestone_progress(tasks: Iterable[TaskFacts], *, milestone_done: bool = False) -> Progress:
    return weighted(group_tasks(tasks), complete_without_tasks=milestone_done)


def group_progress(milestones: Iterable[Iterable[TaskFacts]]) -> Progress:
    return weighted(t for tasks in milestones for t in group_tasks(tasks))


def member_progress(tasks: Iterable[TaskFacts], username: str) -> Progress:
    return weighted(t for t in tasks if t.owner == username or username in t.claimants)


def deadline_state(
    due: dt.date | None,
    fraction: float,
    today: dt.date,
    *,
    soon_days: int = DUE_SOON_DAYS,
) -> str:
    if due is None or fraction >= 1.0:
        return "on_track"
    if today > due:
        return "overdue"
    if (due - today).days <= soon_days:
        return "due_soon"
    return "on_track"
