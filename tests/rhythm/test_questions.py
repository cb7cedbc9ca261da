"""Questions and answers: anchors, the states open -> answered -> accepted -> resolved,
upvotes, the FAQ, and the mentors' overview. Core services, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from core_world import build_world
from sqlalchemy import select

from nerdup_lab.core import milestones, tasks
from nerdup_lab.core.errors import Conflict, Forbidden, InvalidInput
from nerdup_lab.core.models import Activity, Membership, Milestone, Task, TaskClaim
from nerdup_lab.core.rhythm import mentoring, questions
from nerdup_lab.core.snapshots.commit import commit_in_session
from nerdup_lab.core.snapshots.models import Snapshot

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


def test_mentor_sees_stalled_claims_by_person_with_their_real_age(db_url):
    """A claim whose claimer committed nothing in the group for `stale_after_days` since
    claiming is stalled, with how long it has been quiet; a snapshot since ends it."""
    world = build_world(db_url)
    world.call("pat", tasks.claim, world.group_task_id)
    now = dt.datetime.now(dt.UTC)
    with world.session() as s:
        (claim,) = s.scalars(select(TaskClaim).where(TaskClaim.task_id == world.group_task_id))
        claim.claimed_at = now - dt.timedelta(days=20)
    (group,) = world.call("mina", mentoring.overview, 14, now)["groups"]
    (stalled,) = group["stalled_claims"]
    assert stalled["username"] == "pat" and stalled["title"] == "Clean data"
    assert stalled["quiet_days"] == 20 and stalled["last_snapshot_at"] is None
    assert "pat" in world.call("mina", mentoring.overview, 14, now)["people"]
    # Quiet for 20 days, under a threshold of 30: not stalled.
    assert world.call("mina", mentoring.overview, 30, now)["groups"][0]["stalled_claims"] == []
    # A snapshot 16 days ago: quiet for 16 days now, stalled still; one today ends it.
    with world.session("pat") as s:
        snap = commit_in_session(
            s, group_id=world.group_id, author="pat", path="eda.ipynb", notebook=notebook()
        )
    with world.session() as s:
        s.get(Snapshot, snap["id"]).created_at = now - dt.timedelta(days=16)
    (group,) = world.call("mina", mentoring.overview, 14, now)["groups"]
    assert [c["quiet_days"] for c in group["stalled_claims"]] == [16]
    with world.session("pat") as s:
        commit_in_session(
            s, group_id=world.group_id, author="pat", path="eda.ipynb", notebook=notebook()
        )
    assert world.call("mina", mentoring.overview, 14, now)["groups"][0]["stalled_claims"] == []
    world.db.dispose()


def test_mentor_sees_who_has_not_done_their_part_of_a_task_everyone_does(db_url):
    """An "everyone does this one" task: each doer (organizers, participants) who has not
    done their part, once the stage is due and they have been quiet for the threshold, is
    listed by name with the real age; a part done, a stage not yet due, or a recent
    snapshot takes them off the list; mentors and followers are not doers."""
    world = build_world(db_url)
    now = dt.datetime.now(dt.UTC)
    everyone = world.call(
        "olga",
        tasks.create_task,
        world.milestone_id,
        {"title": "Write your goal", "per_member": True},
    )
    with world.session() as s:
        s.get(Milestone, world.milestone_id).due = (now - dt.timedelta(days=3)).date()
        s.get(Task, everyone["id"]).created_at = now - dt.timedelta(days=25)
        for m in s.scalars(select(Membership).where(Membership.group_id == world.group_id)):
            m.joined_at = now - dt.timedelta(days=30)
    world.call("oscar", tasks.complete_mine, everyone["id"])

    (group,) = world.call("mina", mentoring.overview, 14, now)["groups"]
    parts = group["stalled_parts"]
    # olga and pat have not done it (oscar has; mina mentors, fred follows): 25 days quiet.
    assert [(p["username"], p["quiet_days"]) for p in parts] == [("olga", 25), ("pat", 25)]
    assert parts[0]["title"] == "Write your goal"
    assert parts[0]["due"] == (now - dt.timedelta(days=3)).date().isoformat()
    assert parts[0]["last_snapshot_at"] is None
    assert {"olga", "pat"} <= set(world.call("mina", mentoring.overview, 14, now)["people"])

    # Pat committed 16 days ago: still quiet for 16 days; her part done: off the list.
    with world.session("pat") as s:
        snap = commit_in_session(
            s, group_id=world.group_id, author="pat", path="goal.ipynb", notebook=notebook()
        )
    with world.session() as s:
        s.get(Snapshot, snap["id"]).created_at = now - dt.timedelta(days=16)
    parts = world.call("mina", mentoring.overview, 14, now)["groups"][0]["stalled_parts"]
    assert [(p["username"], p["quiet_days"]) for p in parts] == [("olga", 25), ("pat", 16)]
    world.call("pat", tasks.complete_mine, everyone["id"])
    parts = world.call("mina", mentoring.overview, 14, now)["groups"][0]["stalled_parts"]
    assert [p["username"] for p in parts] == ["olga"]

    # The stage due in a week: nobody is late yet.
    with world.session() as s:
        s.get(Milestone, world.milestone_id).due = (now + dt.timedelta(days=7)).date()
    assert world.call("mina", mentoring.overview, 14, now)["groups"][0]["stalled_parts"] == []
    world.db.dispose()


def test_a_stage_not_yet_due_is_not_stale_and_a_stale_one_shows_its_real_age(db_url):
    world = build_world(db_url)
    now = dt.datetime.now(dt.UTC)
    ahead = world.call(
        "olga",
        milestones.create_milestone,
        world.group_id,
        {"title": "Later", "due": (now + dt.timedelta(days=30)).date().isoformat()},
    )
    with world.session() as s:
        for m in s.scalars(select(Milestone).where(Milestone.group_id == world.group_id)):
            m.created_at = now - dt.timedelta(days=40)
        for a in s.scalars(select(Activity).where(Activity.group_id == world.group_id)):
            a.created_at = now - dt.timedelta(days=40)
    stale = world.call("mina", mentoring.overview, 14, now)["groups"][0]["stale_milestones"]
    assert [m["title"] for m in stale] == ["Week 1"]  # "Later" is due in 30 days
    assert stale[0]["quiet_days"] == 40
    assert ahead["id"] not in {m["id"] for m in stale}
    world.db.dispose()
