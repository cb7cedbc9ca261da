"""Progress arithmetic in core: pure functions, no database."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nerdup_lab.core.progress import (
    DUE_SOON_DAYS,
    TaskFacts,
    deadline_state,
    group_progress,
    member_progress,
    milestone_progress,
    task_progress,
)

TODAY = dt.date(2026, 11, 21)


def t(weight: int, status: str, owner: str | None = None, *claimants: str) -> TaskFacts:
    return TaskFacts(weight=weight, status=status, owner=owner, claimants=claimants)


def test_a_task_counts_only_when_done():
    assert task_progress(t(3, "done")) == 1.0
    assert task_progress(t(3, "doing")) == 0.0
    assert task_progress(t(3, "todo")) == 0.0


def test_milestone_progress_is_weighted_by_task_weight():
    progress = milestone_progress([t(3, "done"), t(1, "todo"), t(1, "doing")])
    assert (progress.done_weight, progress.total_weight) == (3, 5)
    assert progress.fraction == pytest.approx(0.6)
    assert progress.to_json()["percent"] == 60
    assert (progress.tasks_done, progress.tasks_total) == (1, 3)


def test_personal_tasks_do_not_count_towards_the_milestone_or_group():
    tasks = [t(1, "done"), t(5, "todo", "bob")]
    assert milestone_progress(tasks).fraction == 1.0
    assert group_progress([tasks]).total_weight == 1


def test_group_progress_sums_all_milestones():
    progress = group_progress([[t(2, "done"), t(2, "todo")], [t(4, "done")], []])
    assert (progress.done_weight, progress.total_weight) == (6, 8)
    assert progress.fraction == pytest.approx(0.75)


def test_member_progress_counts_claimed_and_personal_tasks():
    tasks = [
        t(2, "done", None, "alice"),
        t(1, "todo", None, "alice", "bob"),
        t(3, "done", "alice"),
        t(5, "done", "bob"),
        t(7, "todo"),
    ]
    alice = member_progress(tasks, "alice")
    assert (alice.done_weight, alice.total_weight) == (5, 6)
    bob = member_progress(tasks, "bob")
    assert (bob.done_weight, bob.total_weight) == (5, 6)
    assert member_progress(tasks, "carol").fraction == 0.0


def test_no_tasks_is_zero_unless_the_milestone_is_marked_done():
    assert milestone_progress([]).fraction == 0.0
    assert milestone_progress([], milestone_done=True).fraction == 1.0
    assert group_progress([]).to_json()["percent"] == 0


@pytest.mark.parametrize(
    ("due", "fraction", "state"),
    [
        (None, 0.0, "on_track"),
        (TODAY + dt.timedelta(days=DUE_SOON_DAYS + 1), 0.0, "on_track"),
        (TODAY + dt.timedelta(days=DUE_SOON_DAYS), 0.0, "due_soon"),
        (TODAY, 0.5, "due_soon"),
        (TODAY - dt.timedelta(days=1), 0.5, "overdue"),
        (TODAY - dt.timedelta(days=1), 1.0, "on_track"),
        (TODAY, 1.0, "on_track"),
    ],
)
def test_deadline_state(due, fraction, state):
    assert deadline_state(due, fraction, TODAY) == state


def test_due_soon_window_is_configurable():
    due = TODAY + dt.timedelta(days=7)
    assert deadline_state(due, 0.0, TODAY, soon_days=7) == "due_soon"
    assert deadline_state(due, 0.0, TODAY, soon_days=6) == "on_track"


tasks_strategy = st.lists(
    st.builds(
        TaskFacts,
        weight=st.integers(min_value=1, max_value=20),
        status=st.sampled_from(["todo", "doing", "done"]),
    ),
    max_size=30,
)


@given(tasks_strategy)
def test_progress_is_a_fraction_and_full_only_when_everything_is_done(tasks):
    progress = milestone_progress(tasks)
    assert 0.0 <= progress.fraction <= 1.0
    assert (progress.fraction == 1.0) == (bool(tasks) and all(x.done for x in tasks))
