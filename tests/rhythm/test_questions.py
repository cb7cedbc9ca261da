"""Questions and answers: anchors, the states open -> answered -> accepted -> resolved,
upvotes, the FAQ, and the mentors' overview. Core services, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from core_world import build_world

from nerdup_lab.core import milestones
from nerdup_lab.core.errors import Conflict, Forbidden, InvalidInput
from nerdup_lab.core.models import Milestone
from nerdup_lab.core.rhythm import mentoring, questions
from nerdup_lab.core.snapshots.commit import commit_in_session

from .notebooks import notebook


def test_question_moves_open_answered_accepted_resolved_and_joins_the_faq(db_url):
    world = build_world(db_url)
    gid = world.group_id
    asked = world.call("fred", questions.ask, gid, {"title": "Why NaN?", "body": "**help**"})
    assert asked["status"] == "open"
    answered = world.call("pat", questions.answer, asked["id"], {"body": "Use `fillna`."})
    assert answered["status"] == "answered"
    answer_id = answered["answers"][0]["id"]
    world.call("mina", questions.upvote, "answer", answer_id, True)
    world.call("mina", questions.upvote, "answer", answer_id, True)  # once per member
    with world.session("pat") as s, pytest.raises(Forbidden):
        questions.accept(s, "pat", asked["id"], {"answer_id": answer_id})  # not the asker
    accepted = world.call("fred", questions.accept, asked["id"], {"answer_id": answer_id})
    assert accepted["status"] == "accepted" and accepted["answers"][0]["accepted"]
    assert accepted["answers"][0]["upvotes"] == 1
    assert world.call("olga", questions.faq, gid) == []
    resolved = world.call("olga", questions.resolve, asked["id"], True)  # organizer may
    assert (resolved["status"], resolved["resolved_by"]) == ("resolved", "olga")
    faq = world.call("otto", questions.faq, gid)
    assert [(f["question"]["title"], f["answer"]["body"]) for f in faq] == [
        ("Why NaN?", "Use `fillna`.")
    ]
    with world.session("pat") as s, pytest.raises(Conflict):
        questions.answer(s, "pat", asked["id"], {"body": "late"})
    reopened = world.call("fred", questions.resolve, asked["id"], False)
    assert reopened["status"] == "accepted"
    world.db.dispose()


def test_question_anchored_to_a_cell_of_a_snapshot(db_url):
    world = build_world(db_url)
    with world.session("pat") as s:
        snap = commit_in_session(
            s, group_id=world.group_id, author="pat", path="eda.ipynb", notebook=notebook()
        )
    data = {"title": "This plot?", "snapshot_id": snap["id"], "cell_id": "plot"}
    asked = world.call("pat", questions.ask, world.group_id, data)
    assert asked["anchor"] == {"task_id": None, "snapshot_id": snap["id"], "cell_id": "plot"}
    with world.session("pat") as s, pytest.raises(InvalidInput) as err:
        questions.ask(s, "pat", world.group_id, {"title": "x", "cell_id": "plot"})
    assert "cell_id" in err.value.fields
    with world.session("pat") as s, pytest.raises(InvalidInput):
        questions.ask(s, "pat", world.group_id, {"title": "x", "task_id": 999})
    world.db.dispose()


def test_only_the_author_edits_a_question(db_url):
    world = build_world(db_url)
    asked = world.call("pat", questions.ask, world.group_id, {"title": "Typo"})
    with world.session("olga") as s, pytest.raises(Forbidden):
        questions.edit_question(s, "olga", asked["id"], {"title": "Fixed"}, None)
    edited = world.call("pat", questions.edit_question, asked["id"], {"title": "Fixed"}, 1)
    assert edited["title"] == "Fixed"
    world.db.dispose()


def test_mentor_sees_unanswered_questions_and_stale_milestones(db_url):
    world = build_world(db_url)
    world.call("pat", questions.ask, world.group_id, {"title": "Stuck"})
    fresh = world.call("olga", milestones.create_milestone, world.group_id, {"title": "Fresh"})
    with world.session() as s:  # an old milestone, untouched for 30 days
        old = s.get(Milestone, world.milestone_id)
        old.created_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
        s.get(Milestone, fresh["id"]).created_at = old.created_at
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=20)
    seen = world.call("mina", mentoring.overview, 14, later)
    (group,) = seen["groups"]
    assert [q["title"] for q in group["unanswered"]] == ["Stuck"]
    assert {m["title"] for m in group["stale_milestones"]} == {"Week 1", "Fresh"}
    # Activity on a milestone's task within the window keeps it fresh.
    soon = world.call(
        "mina", mentoring.overview, 14, dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    )
    assert {m["title"] for m in soon["groups"][0]["stale_milestones"]} == set()
    assert world.call("pat", mentoring.overview, 14)["groups"] == []  # not a mentor
    world.db.dispose()
