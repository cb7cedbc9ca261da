"""Progress: the one place that turns tasks into the figures people see.

The group view, the sidebar, the dashboard, the public page and the journey report all read
their numbers from here (`figures` for a group, `series` for its history), so they agree.

The rules:

- A task is either done (counts fully) or not (counts nothing); "doing" is not half-done,
  because a half-finished notebook is not half of a result.
- A milestone's and the group's progress are weighted by task weight and count the
  group's tasks. A personal task (owned by one member) counts towards that member only.
- An "everyone does this one" task (`per_member`) is done by each member separately: it
  counts in the group with its weight times the share of its doers who finished it, and as
  done (in `tasks_done`) when all of them have. Its doers are the group's organizers and
  participants, plus any other member who finished it. For each member it counts like a
  task of their own, done when they finished it.
- A member's progress counts the tasks they claimed, their personal tasks and the
  per-member tasks they are a doer of.
- With no tasks at all, progress is 0, except a milestone marked done, which is 1.
- Deadline state: `overdue` when the due date has passed and the work is not complete,
  `due_soon` when it falls within DUE_SOON_DAYS days from today (inclusive) and the work is
  not complete, `on_track` otherwise (also when there is no due date or all is done).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Group, Task

DUE_SOON_DAYS = 3
# Roles expected to do an "everyone does this one" task.
DOER_ROLES = frozenset({"organizer", "participant"})


@dataclass(frozen=True)
class TaskFacts:
    weight: int
    status: str  # todo / doing / done
    owner: str | None = None  # set for a personal task
    claimants: tuple[str, ...] = field(default_factory=tuple)
    per_member: bool = False
    completed_by: tuple[str, ...] = field(default_factory=tuple)  # per-member tasks
    # Members expected to do a per-member task (see `doers`).
    doers: tuple[str, ...] = field(default_factory=tuple)

    @property
    def done(self) -> bool:
        if self.per_member:
            return bool(self.doers) and set(self.doers) <= set(self.completed_by)
        return self.status == "done"

    @property
    def share_done(self) -> Fraction:
        """How much of the task is done for the group: 0 or 1, a share for per-member ones."""
        if self.per_member:
            if not self.doers:
                return Fraction(0)
            finished = len(set(self.doers) & set(self.completed_by))
            return Fraction(finished, len(self.doers))
        return Fraction(1 if self.status == "done" else 0)


def doers(roles: Mapping[str, str], completed_by: Iterable[str]) -> tuple[str, ...]:
    """Who is to do a per-member task: organizers and participants, and any other current
    member who did it. `roles` maps each current member to their role."""
    finished = set(completed_by)
    return tuple(sorted(u for u, role in roles.items() if role in DOER_ROLES or u in finished))


@dataclass(frozen=True)
class Progress:
    done_weight: Fraction
    total_weight: int
    tasks_done: int
    tasks_total: int
    complete_without_tasks: bool = False

    @property
    def fraction(self) -> float:
        if self.total_weight == 0:
            return 1.0 if self.complete_without_tasks else 0.0
        return float(self.done_weight / self.total_weight)

    def to_json(self) -> dict[str, Any]:
        done = self.done_weight
        return {
            "done_weight": int(done) if done.denominator == 1 else round(float(done), 2),
            "total_weight": self.total_weight,
            "tasks_done": self.tasks_done,
            "tasks_total": self.tasks_total,
            "fraction": round(self.fraction, 4),
            "percent": _percent(self.fraction),
            "complete": self.fraction >= 1.0,
        }


def _percent(fraction: float) -> int:
    """Rounded, but "100%" only when everything is done (99.6% reads 99%)."""
    return 100 if fraction >= 1.0 else min(99, round(fraction * 100))


def task_progress(task: TaskFacts) -> float:
    return float(task.share_done)


def weighted(tasks: Iterable[TaskFacts], *, complete_without_tasks: bool = False) -> Progress:
    tasks = list(tasks)
    return Progress(
        done_weight=sum((t.weight * t.share_done for t in tasks), Fraction(0)),
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


def for_member(task: TaskFacts, username: str) -> TaskFacts | None:
    """The task as it counts for one member (None: it does not count for them)."""
    if task.per_member:
        if username not in task.doers:
            return None
        done = "done" if username in task.completed_by else "todo"
        return TaskFacts(weight=task.weight, status=done)
    if task.owner == username or username in task.claimants:
        return task
    return None


def member_progress(tasks: Iterable[TaskFacts], username: str) -> Progress:
    mine = (for_member(t, username) for t in tasks)
    return weighted(t for t in mine if t is not None)


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


# -- from the store ---------------------------------------------------------------------------


def task_facts(task: Task, roles: Mapping[str, str] | None = None) -> TaskFacts:
    """The facts of a stored task. `roles` (member -> role) is needed for per-member tasks;
    without it they are read from the task's group (one query when not loaded)."""
    per_member = task.per_member
    completed: tuple[str, ...] = ()
    who: tuple[str, ...] = ()
    if per_member:
        if roles is None:
            roles = {m.username: m.role for m in task.milestone.group.memberships}
        completed = tuple(c.username for c in task.completions if c.username in roles)
        who = doers(roles, completed)
    return TaskFacts(
        weight=task.weight,
        status=task.status,
        owner=task.owner,
        claimants=tuple(c.username for c in task.claims),
        per_member=per_member,
        completed_by=completed,
        doers=who,
    )


@dataclass(frozen=True)
class Figures:
    """Every progress figure of one group, from one pass over its tasks."""

    group: Progress
    milestones: dict[int, Progress]
    members: dict[str, Progress]
    tasks: dict[int, TaskFacts]


def figures(group: Group) -> Figures:
    """The group's, each milestone's and each member's progress. Reads the group's
    memberships, milestones, tasks, claims and completions (load them eagerly)."""
    roles = {m.username: m.role for m in group.memberships}
    facts = {t.id: task_facts(t, roles) for m in group.milestones for t in m.tasks}
    milestones = {
        m.id: milestone_progress([facts[t.id] for t in m.tasks], milestone_done=m.status == "done")
        for m in group.milestones
    }
    everything = list(facts.values())
    return Figures(
        group=group_progress([everything]),
        milestones=milestones,
        members={u: member_progress(everything, u) for u in roles},
        tasks=facts,
    )


# -- over time --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    at: dt.datetime
    value: Fraction


@dataclass(frozen=True)
class Series:
    """Done and planned weight over time (the burn-up), with the ideal pace to the deadline."""

    start: dt.datetime
    end: dt.datetime
    deadline: dt.date | None
    done: list[Point]
    scope: list[Point]
    ideal: tuple[Point, Point] | None
    contributions: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        def points(items: Iterable[Point]) -> list[dict[str, Any]]:
            return [{"at": p.at.isoformat(), "value": _number(p.value)} for p in items]

        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "done": points(self.done),
            "scope": points(self.scope),
            "ideal": points(self.ideal) if self.ideal else None,
            "done_weight": _number(self.done[-1].value),
            "total_weight": _number(self.scope[-1].value),
            "contributions": self.contributions,
        }


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else round(float(value), 2)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _cumulative(events: Iterable[tuple[dt.datetime, Fraction]], start: dt.datetime) -> list[Point]:
    points = [Point(start, Fraction(0))]
    value = Fraction(0)
    for at, delta in sorted(events, key=lambda e: e[0]):
        value += delta
        at = max(at, start)
        if points[-1].at == at:
            points[-1] = Point(at, value)
        else:
            points.append(Point(at, value))
    return points


def series(
    group: Group,
    now: dt.datetime,
    *,
    snapshots_by_author: Mapping[str, int],
) -> Series:
    """The burn-up of a group's counted tasks (the same ones as `figures`) and what each
    person contributed.

    - scope: a task's weight from its creation;
    - done: a task's weight when it was done (`done_at`, else its creation); a per-member
      task's weight share for each doer's completion;
    - contributions: snapshots per author and tasks done per person (each claimant or the
      owner of a done task, else whoever marked it done; each member who finished a
      per-member task).
    """
    roles = {m.username: m.role for m in group.memberships}
    scope: list[tuple[dt.datetime, Fraction]] = []
    done: list[tuple[dt.datetime, Fraction]] = []
    tasks_done: Counter[str] = Counter()
    for milestone in group.milestones:
        for task in milestone.tasks:
            facts = task_facts(task, roles)
            if task.owner is not None:
                if task.status == "done":
                    tasks_done[task.owner] += 1
                continue
            created = task.created_at
            scope.append((created, Fraction(task.weight)))
            if facts.per_member:
                finished = [c for c in task.completions if c.username in facts.doers]
                for c in finished:
                    done.append((c.done_at, Fraction(task.weight, len(facts.doers))))
                    tasks_done[c.username] += 1
            elif task.status == "done":
                done.append((task.done_at or created, Fraction(task.weight)))
                people = set(facts.claimants) or ({task.done_by} if task.done_by else set())
                for person in people:
                    tasks_done[person] += 1
    created_day = group.start_date or group.created_at.date()
    first = min([_day_start(created_day), *(at for at, _ in scope), now])
    deadline = group.deadline
    end = max(
        [now, first + dt.timedelta(days=1), *(at for at, _ in done)]
        + ([_day_start(deadline)] if deadline else [])
    )
    scope_points = _cumulative(scope, first)
    done_points = _cumulative(done, first)
    total = scope_points[-1].value
    ideal = None
    if deadline is not None and _day_start(deadline) > first:
        ideal = (Point(first, Fraction(0)), Point(_day_start(deadline), total))
    people = set(roles) | set(snapshots_by_author) | set(tasks_done)
    counts = {p: (int(snapshots_by_author.get(p, 0)), tasks_done.get(p, 0)) for p in people}
    ranked = sorted(people, key=lambda p: (-sum(counts[p]), p))
    rows = [{"username": p, "snapshots": counts[p][0], "tasks_done": counts[p][1]} for p in ranked]
    return Series(first, end, deadline, done_points, scope_points, ideal, rows)
