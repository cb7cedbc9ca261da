"""The demo community: lively at first sight, and seeding it twice changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from cli_helpers import Cli, isolated_config  # noqa: F401
from sqlalchemy import func, select

from nerdup_lab.core import demo, migrate
from nerdup_lab.core.archive.format import metadata
from nerdup_lab.core.db import Database
from nerdup_lab.core.models import Activity, Group, Membership, Milestone, Proposal, Task, Vote
from nerdup_lab.core.snapshots.models import Snapshot


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    migrate.upgrade(database)
    yield database
    database.dispose()


def everything(db):
    """Every row of every table, to compare a database before and after."""
    md = metadata()
    with db.session() as s:
        return {t.name: sorted(map(repr, s.execute(select(t)).all())) for t in md.sorted_tables}


def test_demo_seeding_is_idempotent(db):
    first = demo.seed(db)
    assert len(first["created"]) == len(demo.GROUPS)
    before = everything(db)
    second = demo.seed(db)
    assert second["created"] == []
    assert everything(db) == before


def test_if_empty_seeds_only_an_empty_database(db):
    from nerdup_lab.core import groups
    from nerdup_lab.core.users import ensure_user

    with db.session() as s:
        ensure_user(s, "zoe")
        groups.create_group(s, "zoe", {"title": "Someone's own group"})
    before = everything(db)
    assert demo.seed(db, if_empty=True)["created"] == []
    assert everything(db) == before


def test_demo_community_looks_alive(db):
    demo.seed(db)
    with db.session() as s:
        people = set(s.scalars(select(Membership.username)))
        assert people == set(demo.PEOPLE)
        statuses = set(s.scalars(select(Group.status)))
        assert {"forming", "active", "finished"} <= statuses
        assert set(s.scalars(select(Task.status))) == {"todo", "doing", "done"}
        assert s.scalar(select(func.count()).select_from(Task).where(Task.next_session)) > 0
        assert s.scalar(select(func.count()).select_from(Task).where(Task.owner.is_not(None))) > 0
        assert set(s.scalars(select(Milestone.status))) == {"planned", "active", "done"}
        done = s.scalars(select(Milestone).where(Milestone.obstacles != "")).all()
        assert done and all(m.solutions for m in done)
        assert set(s.scalars(select(Proposal.status))) == {"open", "adopted", "rejected"}
        assert s.scalar(select(func.count()).select_from(Vote)) >= 8
        assert {r for r in s.scalars(select(Membership.role))} == {
            "organizer",
            "participant",
            "follower",
            "mentor",
        }
        assert s.scalar(select(func.count()).select_from(Snapshot)) >= 5
        times = s.scalars(select(Activity.created_at).order_by(Activity.id)).all()
    now = dt.datetime.now(dt.UTC)
    assert all(t <= now for t in times)
    assert min(times) < now - dt.timedelta(weeks=4)
    # Activity ids follow time within the demo, so the feed reads in order.
    with db.session() as s:
        for group_id in s.scalars(select(Group.id)):
            stamps = s.scalars(
                select(Activity.created_at)
                .where(Activity.group_id == group_id)
                .order_by(Activity.id)
            ).all()
            assert stamps == sorted(stamps)


def test_demo_snapshots_read_back_as_notebooks(db):
    import nbformat

    from nerdup_lab.core.snapshots.records import read_notebook

    demo.seed(db)
    with db.session() as s:
        for snap in s.scalars(select(Snapshot)):
            nb = nbformat.from_dict(read_notebook(s, snap))
            nbformat.validate(nb)
            assert any(c.cell_type == "code" for c in nb.cells)


def test_cli_demo_and_if_empty(capsys, db_url, isolated_config):  # noqa: F811
    cli = Cli(capsys, db_url)
    first = cli.ok("demo", "--if-empty")
    assert first.out.count("created: ") == len(demo.GROUPS)
    assert "seeding [" in first.err
    assert "nothing changed" in cli.ok("demo").out
    assert "not seeded" in cli.ok("demo", "--if-empty").out
    assert (
        cli("demo", "--NerdUp.db_url=postgresql+psycopg://nobody@127.0.0.1:1/x", db=False).code == 1
    )
