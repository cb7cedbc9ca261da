"""Migration 0011: proposals get a kind, a place and the task fields; on SQLite the table is
rebuilt, and the votes (which refer to it) survive; deleting a milestone still deletes the
task proposals for it and clears what refers to it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from nerdup_lab.core import migrate, milestones, proposals
from nerdup_lab.core.db import Database

NOW = dt.datetime(2026, 11, 5, 12, 0, tzinfo=dt.UTC)


def _seed_at_0009(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO users (username, display_name, created) VALUES (:u, :u, :c)"),
            [{"u": u, "c": NOW} for u in ("alice", "bob")],
        )
        conn.execute(
            text(
                "INSERT INTO groups (title, description, links, status, visibility, "
                "adoption_rule, created_at, created_by, version) VALUES "
                "('Round 1', '', '[]', 'active', 'open', 'organizer', :c, 'alice', 1)"
            ),
            {"c": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO memberships (group_id, username, role, joined_at, version) VALUES "
                "(1, 'alice', 'organizer', :c, 1), (1, 'bob', 'participant', :c, 1)"
            ),
            {"c": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO milestones (group_id, position, title, goal, status, resources, "
                "obstacles, solutions, created_at, version) VALUES "
                "(1, 0, 'Start', '', 'active', '[]', '', '', :c, 1)"
            ),
            {"c": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO proposals (group_id, title, goal, status, created_by, created_at, "
                "version) VALUES (1, 'Week 2', 'Models', 'open', 'bob', :c, 3)"
            ),
            {"c": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO votes (proposal_id, username, value, created_at) VALUES "
                "(1, 'alice', 'up', :c), (1, 'bob', 'down', :c)"
            ),
            {"c": NOW},
        )


def test_an_old_proposal_keeps_its_votes_and_becomes_a_milestone_proposal(db_url):
    db = Database(db_url)
    try:
        migrate.upgrade(db, "0009_calendars")
        _seed_at_0009(db)
        migrate.upgrade(db)
        with db.session() as s:
            old = proposals.get_proposal(s, "alice", 1)
        with db.session() as s:
            task = proposals.propose(
                s, "bob", 1, {"kind": "task", "title": "Plot it", "for_milestone_id": 1}
            )
        with db.session() as s:
            voted = proposals.vote(s, "alice", task["id"], {"value": "up"})
        with db.session() as s:
            milestones.delete_milestone(s, "alice", 1, 1)
        with db.session() as s:
            left = proposals.list_proposals(s, "alice", 1)
    finally:
        db.dispose()
    assert old["votes"] == [
        {"username": "alice", "value": "up"},
        {"username": "bob", "value": "down"},
    ]
    assert (old["kind"], old["place"], old["version"], old["title"]) == (
        "milestone",
        "after_current",
        3,
        "Week 2",
    )
    assert voted["tally"] == {"up": 1, "down": 0}
    # The task proposal went with its milestone (and its vote with it); the old one stays.
    assert [p["title"] for p in left] == ["Week 2"]
