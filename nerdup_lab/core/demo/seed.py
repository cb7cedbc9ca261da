"""Seed the demo community: real service calls, back-dated, idempotent.

A group of the demo is recognised by its title and organizer; one that exists already is
left alone, so seeding twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import groups, members, milestones, plans, proposals, tasks, templates
from ..db import Database
from ..models import Group, Milestone, Task
from ..snapshots.commit import commit_in_session
from ..users import ensure_user
from .clock import DemoClock
from .community import GROUPS, PEOPLE, GroupSpec

Action = Callable[[], object]
Step = tuple[int, Action]  # (days ago, action)
Progress = Callable[[int, int], None]


def _exists(session: Session, spec: GroupSpec) -> bool:
    found = select(Group.id).where(Group.title == spec.title, Group.created_by == spec.organizer)
    return session.scalars(found).first() is not None


class _GroupSeeder:
    """Builds the timeline of one group as steps, then runs them oldest first."""

    def __init__(self, session: Session, spec: GroupSpec, today: dt.date) -> None:
        self.session = session
        self.spec = spec
        self.today = today
        self.start = today - dt.timedelta(days=spec.started_days_ago)
        self.template = templates.shipped(spec.template)
        self.gid = 0
        self.steps: list[Step] = []

    # -- helpers ---------------------------------------------------------------------------

    def ago(self, day: dt.date) -> int:
        return max((self.today - day).days, 0)

    def at(self, days_ago: int, action: Action) -> None:
        self.steps.append((max(days_ago, 0), action))

    def plan(self) -> list[Milestone]:
        query = select(Milestone).where(Milestone.group_id == self.gid)
        return list(self.session.scalars(query.order_by(Milestone.position)))

    def task_named(self, title: str) -> Task:
        query = select(Task).where(Task.group_id == self.gid, Task.title == title)
        return self.session.scalars(query).one()

    def workers(self) -> list[str]:
        return [self.spec.organizer] + [u for u, r in self.spec.members if r == "participant"]

    def set_task(self, who: str, task: Task, **fields: Any) -> None:
        tasks.update_task(self.session, who, task.id, fields, if_match=task.version)

    def set_milestone(self, index: int, **fields: Any) -> None:
        milestone = self.plan()[index]
        who = self.spec.organizer
        milestones.update_milestone(self.session, who, milestone.id, fields, milestone.version)

    def set_group(self, status: str) -> None:
        group = groups.load(self.session, self.gid)
        groups.update_group(
            self.session, self.spec.organizer, self.gid, {"status": status}, group.version
        )

    # -- the timeline ----------------------------------------------------------------------

    def create(self) -> None:
        spec = self.spec
        for username, name in PEOPLE.items():
            ensure_user(self.session, username, name)
        body = plans.start_group(
            self.session,
            spec.organizer,
            self.template,
            start=self.start,
            fields={"title": spec.title},
            source=spec.template,
        )
        self.gid = body["id"]

    def schedule(self) -> None:
        spec = self.spec
        created = spec.started_days_ago + 7 if spec.started_days_ago > 0 else 6
        for i, (username, role) in enumerate(spec.members):
            self.at(created - 1 - i, self._adder(username, role))
        if spec.status in ("active", "finished"):
            self.at(spec.started_days_ago, lambda: self.set_group("active"))
        dates = templates.schedule(self.template, self.start)
        for index in range(min(spec.done_milestones + int(spec.active), len(dates))):
            self._milestone_steps(index, dates[index], done=index < spec.done_milestones)
        for i, (member, title) in enumerate(spec.personal_tasks):
            self.at(3 + i, self._personal(member, title))
        for snap in spec.snapshots:
            self.at(snap.days_ago, self._snapshot(snap))
        for proposal in spec.proposals:
            self._proposal_steps(proposal)
        if spec.status == "finished":
            self.at(self.ago(dates[-1].due_on), lambda: self.set_group("finished"))

    def _adder(self, username: str, role: str) -> Action:
        return lambda: members.join(
            self.session, self.spec.organizer, self.gid, {"username": username, "role": role}
        )

    def _milestone_steps(self, index: int, dates: templates.ScheduledMilestone, done: bool) -> None:
        begin, due = self.ago(dates.starts_on), self.ago(dates.due_on)
        self.at(begin, lambda: self.set_milestone(index, status="active"))
        workers = self.workers()
        count = len(self.template["milestones"][index].get("tasks", []))
        for n in range(count):
            who = workers[(index + n) % len(workers)]
            state = "done" if done else ("doing", "next", "done", "todo")[n % 4]
            if state == "todo":
                continue
            self.at(begin - 1 if begin > due + 1 else begin, self._work(index, n, who, "claim"))
            if state == "next":
                self.at(max(begin - 2, 0), self._work(index, n, who, "next"))
            else:
                self.at(max(begin - 2, due + 1, 0), self._work(index, n, who, "doing"))
            if state == "done":
                # "Everyone does this one": in a finished stage everyone did their part.
                what = "all_done" if done else "done"
                self.at(due + 1 if done else max(begin - 3, 0), self._work(index, n, who, what))
        if done:
            retro = self.spec.retrospectives[index] if index < len(self.spec.retrospectives) else ()
            fields: dict[str, Any] = {"status": "done"}
            if retro and retro[0]:
                fields.update(obstacles=retro[0], solutions=retro[1])
            self.at(due, lambda: self.set_milestone(index, **fields))

    def _work(self, index: int, n: int, who: str, what: str) -> Action:
        def run() -> None:
            milestone = self.plan()[index]
            task = [t for t in milestone.tasks if t.owner is None][n]
            if task.per_member:
                # Done by each member separately: no claim, no status, one part each.
                if what in ("done", "all_done"):
                    for person in self.workers() if what == "all_done" else [who]:
                        tasks.complete_mine(self.session, person, task.id)
                elif what == "next":
                    self.set_task(who, task, next_session=True)
                return
            if what == "claim":
                tasks.claim(self.session, who, task.id)
            elif what == "next":
                self.set_task(who, task, next_session=True)
            else:
                self.set_task(who, task, status="done" if what == "all_done" else what)

        return run

    def _personal(self, member: str, title: str) -> Action:
        def run() -> None:
            current = next((m for m in self.plan() if m.status == "active"), self.plan()[0])
            tasks.create_task(self.session, member, current.id, {"title": title, "personal": True})

        return run

    def _snapshot(self, snap: Any) -> Action:
        def run() -> None:
            commit_in_session(
                self.session,
                group_id=self.gid,
                author=snap.author,
                path=snap.path,
                notebook=snap.build(),
                message=snap.message,
                task_id=self.task_named(snap.task).id if snap.task else None,
            )

        return run

    def _proposal_steps(self, spec: Any) -> None:
        made: dict[str, int] = {}

        def propose() -> None:
            body = proposals.propose(
                self.session, spec.author, self.gid, {"title": spec.title, "goal": spec.goal}
            )
            made["id"] = body["id"]

        self.at(spec.days_ago, propose)
        for i, (voter, value) in enumerate(spec.votes):
            self.at(spec.days_ago - 1 - i // 2, self._voter(made, voter, value))
        if spec.decision:
            adopt = spec.decision == "adopt"
            self.at(
                spec.days_ago - 2,
                lambda: proposals.decide(
                    self.session, self.spec.organizer, made["id"], adopt, None
                ),
            )

    def _voter(self, made: dict[str, int], voter: str, value: str) -> Action:
        return lambda: proposals.vote(self.session, voter, made["id"], {"value": value})


def _when(today: dt.date, days_ago: int, order: int, now: dt.datetime) -> dt.datetime:
    """Evening meetups: 18:00 plus a few minutes per step, never later than now."""
    day = dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(18), tzinfo=dt.UTC)
    when = day + dt.timedelta(minutes=3 * order)
    return min(when, now - dt.timedelta(minutes=max(1, 500 - order)))


def seed_group(session: Session, spec: GroupSpec, today: dt.date, now: dt.datetime) -> int:
    clock = DemoClock(session)
    try:
        seeder = _GroupSeeder(session, spec, today)
        created_ago = spec.started_days_ago + 7 if spec.started_days_ago > 0 else 6
        clock.set(_when(today, created_ago, 0, now))
        seeder.create()
        seeder.schedule()
        ordered = sorted(enumerate(seeder.steps), key=lambda item: (-item[1][0], item[0]))
        for order, (_, (days_ago, action)) in enumerate(ordered, start=1):
            clock.set(_when(today, days_ago, order, now))
            action()
        session.flush()
        return seeder.gid
    finally:
        clock.close()


def seed(
    db: Database,
    *,
    if_empty: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Seed the demo community; returns {"created": [titles], "skipped": [titles]}.

    With `if_empty`, seeds only a database that has no group at all.
    """
    now = dt.datetime.now(dt.UTC)
    today = today or now.date()
    created: list[str] = []
    skipped: list[str] = []
    with db.session() as session:
        if if_empty and session.scalar(select(func.count()).select_from(Group)):
            return {"created": [], "skipped": [g.title for g in GROUPS], "reason": "not empty"}
    for done, spec in enumerate(GROUPS, start=1):
        with db.session() as session:
            if _exists(session, spec):
                skipped.append(spec.title)
            else:
                seed_group(session, spec, today, now)
                created.append(spec.title)
        if progress:
            progress(done, len(GROUPS))
    return {"created": created, "skipped": skipped}
