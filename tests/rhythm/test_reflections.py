"""Reflections (one per member per milestone or round), the retrospective that shows them
next to obstacles and solutions, linked posts and the showcase."""

from __future__ import annotations

import pytest
from core_world import build_world

from nerdup_lab.core import milestones
from nerdup_lab.core.errors import Conflict, Forbidden, InvalidInput
from nerdup_lab.core.models import Milestone
from nerdup_lab.core.rhythm import reflections


def test_reflections_join_the_milestone_retrospective(db_url):
    world = build_world(db_url)
    version = world.version(Milestone, world.milestone_id)
    retro = {"obstacles": "Dirty data", "solutions": "Regex"}
    world.call(
        "olga",
        milestones.update_milestone,
        world.milestone_id,
        {"retrospective": retro, "status": "done"},
        version,
    )
    mine = {"milestone_id": world.milestone_id, "did": "EDA", "learned": "pandas", "hard": "dates"}
    posted = world.call("pat", reflections.post_reflection, world.group_id, mine)
    world.call("fred", reflections.post_reflection, world.group_id, {**mine, "did": "Read"})
    with world.session("pat") as s, pytest.raises(Conflict):
        reflections.post_reflection(s, "pat", world.group_id, mine)
    got = world.call("otto", reflections.retrospective, world.milestone_id)
    assert (got["obstacles"], got["solutions"]) == ("Dirty data", "Regex")
    assert [(r["author"], r["did"]) for r in got["reflections"]] == [
        ("pat", "EDA"),
        ("fred", "Read"),
    ]
    with world.session("fred") as s, pytest.raises(Forbidden):
        reflections.edit_reflection(s, "fred", posted["id"], {"hard": "x"}, None)
    edited = world.call("pat", reflections.edit_reflection, posted["id"], {"hard": "time zones"}, 1)
    assert edited["hard"] == "time zones" and edited["version"] == 2
    world.db.dispose()


def test_a_round_reflection_needs_a_round_name_or_milestone(db_url):
    world = build_world(db_url)
    with world.session("pat") as s, pytest.raises(InvalidInput):
        reflections.post_reflection(s, "pat", world.group_id, {"learned": "x"})
    got = world.call(
        "pat", reflections.post_reflection, world.group_id, {"round": "Round 3", "learned": "SQL"}
    )
    assert (got["round"], got["milestone_id"]) == ("Round 3", None)
    world.db.dispose()


def test_showcase_lists_posts_and_reflections(db_url):
    world = build_world(db_url)
    post = {"title": "What we learned", "url": "https://blog.example.org/fine-food"}
    shared = world.call("mina", reflections.share_post, world.group_id, post)
    world.call("pat", reflections.post_reflection, world.group_id, {"round": "R1", "did": "x"})
    with world.session("mina") as s, pytest.raises(InvalidInput):
        reflections.share_post(
            s, "mina", world.group_id, {"title": "x", "url": "javascript:alert(1)"}
        )
    shown = world.call("otto", reflections.showcase, world.group_id)
    assert [p["title"] for p in shown["posts"]] == ["What we learned"]
    assert [r["round"] for r in shown["reflections"]] == ["R1"]
    with world.session("pat") as s, pytest.raises(Forbidden):
        reflections.delete_post(s, "pat", shared["id"])
    world.call("mina", reflections.delete_post, shared["id"])
    assert world.call("otto", reflections.showcase, world.group_id)["posts"] == []
    world.db.dispose()
