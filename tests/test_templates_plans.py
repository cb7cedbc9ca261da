"""Plans in the store: start a group from a template, append one, export a group's plan."""

from __future__ import annotations

import datetime as dt

import pytest

from nerdup_lab.core import members, migrate, plans, templates
from nerdup_lab.core.db import Database
from nerdup_lab.core.errors import Forbidden, InvalidInput
from nerdup_lab.core.models import Milestone, Task


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    migrate.upgrade(database)
    yield database
    database.dispose()


def _plan(db, group_id):
    with db.session() as s:
        rows = s.query(Milestone).filter_by(group_id=group_id).order_by(Milestone.position)
        return [(m.position, m.title, m.due, [t.title for t in m.tasks]) for m in rows]


def _strip(value):
    if isinstance(value, str):
        return value.rstrip()
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def test_start_from_template_dates_milestones_from_the_start_date(db):
    template = templates.shipped("amazon-fine-food-recommender")
    start = dt.date(2026, 3, 2)
    with db.session() as s:
        group = plans.start_group(s, "alice", template, start=start, source="amazon")
    assert group["title"] == template["name"]
    assert group["start_date"] == "2026-03-02"
    assert group["deadline"] == "2026-06-08"  # 7 stages of 14 days
    assert group["members"][0] == {**group["members"][0], "username": "alice", "role": "organizer"}
    plan = _plan(db, group["id"])
    assert [p[2] for p in plan] == [start + dt.timedelta(days=14 * i) for i in range(1, 8)]
    assert plan[0][3][0] == "Download the data and write a loader notebook"


def test_tasks_keep_weight_session_hint_and_per_member_scope(db):
    with db.session() as s:
        group = plans.start_group(s, "alice", templates.shipped("learning-club-round"))
        task = s.query(Task).filter_by(group_id=group["id"], title="Pick your own small goal").one()
        assert task.weight == 1
        assert task.description.endswith("_For session 1._")
        # The template's `scope: personal` is the task's column, no longer words in its text.
        assert task.per_member is True
        assert "everyone" not in task.description.lower()


def test_import_appends_after_the_last_milestone(db):
    with db.session() as s:
        group = plans.start_group(
            s, "alice", templates.shipped("learning-club-round"), start=dt.date(2026, 1, 5)
        )
        plans.apply_template(s, "alice", group["id"], templates.shipped("learning-club-round"))
    plan = _plan(db, group["id"])
    assert [p[0] for p in plan] == list(range(8))
    assert plan[3][2] == dt.date(2026, 1, 19)
    assert plan[4][2] == dt.date(2026, 1, 21)  # 2 days after the last due date
    assert plan[7][2] == dt.date(2026, 2, 2)


def test_only_organizers_import_plans(db):
    with db.session() as s:
        group = plans.start_group(s, "alice", templates.shipped("learning-club-round"))
        members.join(s, "alice", group["id"], {"username": "bob", "role": "participant"})
    with db.session() as s, pytest.raises(Forbidden):
        plans.apply_template(s, "bob", group["id"], templates.shipped("learning-club-round"))


def test_invalid_inline_template_is_refused_before_anything_changes(db):
    with db.session() as s:
        group = plans.start_group(s, "alice", templates.shipped("learning-club-round"))
    before = _plan(db, group["id"])
    with db.session() as s, pytest.raises(InvalidInput, match="milestones"):
        plans.apply_template(
            s, "alice", group["id"], {"version": 1, "name": "x", "kind": "project"}
        )
    assert _plan(db, group["id"]) == before


@pytest.mark.parametrize("name", templates.shipped_names())
def test_export_gives_back_the_template_it_started_from(db, name):
    template = templates.shipped(name)
    with db.session() as s:
        group = plans.start_group(s, "alice", template, start=dt.date(2026, 1, 5), source=name)
        exported = plans.export_plan(s, "alice", group["id"])
    assert templates.validate(exported) == exported
    assert _strip(exported) == _strip(template)


def test_exported_plan_reimports_to_the_same_milestones(db):
    with db.session() as s:
        first = plans.start_group(
            s, "alice", templates.shipped("ml-mentorship-stream-2"), start=dt.date(2026, 2, 2)
        )
        exported = plans.export_plan(s, "alice", first["id"])
        second = plans.start_group(s, "bob", exported, start=dt.date(2026, 2, 2))
    assert _plan(db, first["id"]) == _plan(db, second["id"])


def test_export_of_a_hand_made_plan_is_a_valid_template(db):
    with db.session() as s:
        group = plans.start_group(s, "alice", templates.shipped("learning-club-round"))
        s.add(Milestone(group_id=group["id"], position=9, title="Undated extra", due=None))
        s.flush()
        exported = plans.export_plan(s, "alice", group["id"])
    assert exported["milestones"][-1] == {"title": "Undated extra", "duration_days": 7}
