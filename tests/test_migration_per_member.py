"""Migration 0008: the "everyone does this one" trailer of a task's description becomes
the `per_member` column, and `done_by` comes from the feed; claims survive the upgrade."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from nerdup_lab.core import migrate, overview, tasks
from nerdup_lab.core.db import Database

NOW = dt.datetime(2026, 11, 5, 12, 0, tzinfo=dt.UTC)
DESCRIPTIONS = [
    "Say what you want to make.\n\n_For session 1; everyone does this one._",
    "_Everyone does this one._",
    "Clean the data.\n\n_For session 2._",
    "Just text, everyone does this one.",
]


def _seed_at_0007(db: Database) -> None:
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
        for i, description in enumerate(DESCRIPTIONS):
            conn.execute(
                text(
                    "INSERT INTO tasks (milestone_id, group_id, title, description, weight, "
                    "status, next_session, notebooks, created_at, created_by, version) VALUES "
                    "(1, 1, :t, :d, 2, :s, false, '[]', :c, 'alice', 1)"
                ),
                {
                    "t": f"Task {i + 1}",
                    "d": description,
                    "s": "done" if i == 2 else "todo",
                    "c": NOW,
                },
            )
        conn.execute(
            text("INSERT INTO task_claims (task_id, username, claimed_at) VALUES (1, 'bob', :c)"),
            {"c": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO activities (group_id, actor, kind, summary, subject, created_at) "
                "VALUES (1, 'bob', 'task.completed', 'finished', :s, :c)"
            ),
            {"s": '{"task_id": 3, "milestone_id": 1}', "c": NOW},
        )


def test_the_everyone_trailer_becomes_the_per_member_column(db_url):
    db = Database(db_url)
    try:
        migrate.upgrade(db, "0007_session_picks")
        _seed_at_0007(db)
        migrate.upgrade(db)
        with db.session() as s:
            shown = [tasks.get_task(s, "alice", i) for i in range(1, 5)]
            report = overview.progress_series(s, "alice", 1)
    finally:
        db.dispose()
    assert [t["per_member"] for t in shown] == [True, True, False, False]
    assert [t["description"] for t in shown] == [
        "Say what you want to make.\n\n_For session 1._",
        "",
        "Clean the data.\n\n_For session 2._",
        "Just text, everyone does this one.",
    ]
    assert shown[0]["claimed_by"] == ["bob"]  # the upgrade kept the claims
    assert (shown[0]["members_done"], shown[0]["members_total"]) == (0, 2)
    # Task 3 was finished by bob (the feed says so) though nobody claimed it.
    credited = {c["username"]: c["tasks_done"] for c in report["contributions"]}
    assert credited["bob"] == 1
