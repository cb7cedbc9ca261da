"""A study group linked to a JupyterHub group: the sync rules of nerdup_lab.core.hub_groups
(on SQLite and PostgreSQL), and migration 0004_hub_groups. The Hub itself is not involved:
these functions get the Hub group's members as a list. The real Hub: tests/hub."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from core_world import World, build_world
from sqlalchemy import inspect, select

from nerdup_lab.core import activity, groups, hub_groups, members, migrate, tasks
from nerdup_lab.core.db import Database
from nerdup_lab.core.errors import InvalidInput
from nerdup_lab.core.hub_groups.models import HubGroupLink, HubGroupMember
from nerdup_lab.core.models import Base, Group, TaskClaim

HUB_TABLES = {"hub_group_links", "hub_group_members"}


@pytest.fixture
def world(db_url: str) -> Iterator[World]:
    """olga and oscar organize, pat participates, mina mentors, fred follows."""
    found = build_world(db_url)
    yield found
    found.db.dispose()


def roles(world: World) -> dict[str, str]:
    group = world.call("olga", groups.get_group, world.group_id)
    return {m["username"]: m["role"] for m in group["members"]}


def link(world: World, names: list[str], hub_group: str = "students") -> dict:
    return world.call("olga", hub_groups.link, world.group_id, hub_group, names)


def sync(world: World, names: list[str], hub_group: str = "students") -> dict:
    return world.call("olga", hub_groups.sync, world.group_id, hub_group, names)


def kinds(world: World) -> list[str]:
    with world.session() as s:
        feed = activity.feed(s, world.group_id, limit=5)
    return [a["kind"] for a in feed["items"]]


def test_linking_imports_the_hub_groups_members_as_participants(world):
    before = roles(world)
    done = link(world, ["ann", "ben", "olga", "mina"])
    assert done["linked"] is True and done["hub_group"] == "students"
    assert done["added"] == ["ann", "ben"] and done["removed"] == []
    assert done["imported"] == ["ann", "ben"]
    assert done["linked_by"] == "olga" and done["synced_by"] == "olga"
    after = roles(world)
    assert after == {**before, "ann": "participant", "ben": "participant"}
    # Organizers and mentors who are in the Hub group keep their role.
    assert after["olga"] == "organizer" and after["mina"] == "mentor"
    with world.session() as s:
        latest = activity.feed(s, world.group_id, limit=1)["items"][0]
    assert latest["kind"] == "hub_group.linked" and latest["actor"] == "olga"
    assert latest["subject"] == {"hub_group": "students", "added": ["ann", "ben"], "removed": []}
    assert "students" in latest["summary"] and "ann, ben" in latest["summary"]


def test_sync_adds_newcomers_and_removes_only_whom_the_link_added(world):
    link(world, ["ann", "ben", "pat", "fred", "mina"])
    # The Hub group loses everyone but ann and gains cid.
    done = sync(world, ["ann", "cid"])
    assert done["added"] == ["cid"] and done["removed"] == ["ben"]
    after = roles(world)
    assert "ben" not in after
    assert after["cid"] == "participant" and after["ann"] == "participant"
    # Members from before the link stay, whatever their role.
    assert (after["pat"], after["fred"], after["mina"]) == ("participant", "follower", "mentor")
    assert kinds(world)[0] == "hub_group.synced"
    assert done["imported"] == ["ann", "cid"]


def test_a_sync_without_changes_records_no_activity(world):
    link(world, ["ann"])
    count = len(kinds(world))
    done = sync(world, ["ann"])
    assert (done["added"], done["removed"]) == ([], [])
    assert kinds(world)[0] == "hub_group.linked"
    assert len(kinds(world)) == count
    assert done["synced_at"] >= done["linked_at"]


def test_imported_people_made_mentor_or_organizer_are_never_removed(world):
    link(world, ["ann", "ben", "cid"])
    gid = world.group_id
    world.call("olga", members.change_role, gid, "ann", {"role": "mentor"}, None)
    world.call("olga", members.change_role, gid, "ben", {"role": "organizer"}, None)
    world.call("cid", members.change_role, gid, "cid", {"role": "follower"}, None)
    done = sync(world, [])
    # cid is still only a follower: the link added him, the sync removes him.
    assert done["removed"] == ["cid"]
    after = roles(world)
    assert after["ann"] == "mentor" and after["ben"] == "organizer" and "cid" not in after


def test_someone_who_left_is_not_added_back_until_they_rejoin_the_hub_group(world):
    link(world, ["ann"])
    world.call("ann", members.leave, world.group_id, "ann")
    assert sync(world, ["ann"])["added"] == []
    assert "ann" not in roles(world)
    # Out of the Hub group and back in: a new import.
    sync(world, [])
    assert sync(world, ["ann"])["added"] == ["ann"]
    assert roles(world)["ann"] == "participant"


def test_a_removed_member_releases_their_claims(world):
    link(world, ["ann"])
    world.call("ann", tasks.claim, world.group_task_id)
    sync(world, [])
    with world.session() as s:
        claims = s.scalars(select(TaskClaim.username).where(TaskClaim.username == "ann"))
        assert list(claims) == []


def test_switching_the_link_syncs_against_the_new_hub_group(world):
    link(world, ["ann", "ben"])
    done = link(world, ["ben", "cid"], hub_group="tutors")
    assert done["hub_group"] == "tutors"
    assert done["added"] == ["cid"] and done["removed"] == ["ann"]
    assert set(roles(world)) >= {"ben", "cid"} and "ann" not in roles(world)


def test_unlinking_keeps_every_member(world):
    link(world, ["ann"])
    world.call("olga", hub_groups.unlink, world.group_id)
    assert roles(world)["ann"] == "participant"
    got = world.call("pat", hub_groups.get_link, world.group_id)
    assert got["linked"] is False and got["hub_group"] is None and got["imported"] == []
    assert kinds(world)[0] == "hub_group.unlinked"
    with world.session() as s:
        assert s.scalars(select(HubGroupMember)).all() == []
    # A later link does not treat ann as imported: she stays when she is not in it.
    assert link(world, ["ben"], hub_group="tutors")["removed"] == []
    assert sync(world, [], hub_group="tutors")["removed"] == ["ben"]
    assert "ann" in roles(world)


def test_only_organizers_link_sync_and_unlink(world):
    gid = world.group_id
    for user in ("pat", "mina", "fred", "otto"):
        assert world.outcome(user, hub_groups.link, gid, "students", ["ann"]) == "forbidden"
        assert world.outcome(user, hub_groups.may_link, gid) == "forbidden"
        assert world.outcome(user, hub_groups.linked_name, gid) == "forbidden"
        assert world.outcome(user, hub_groups.unlink, gid) == "forbidden"
    assert world.outcome("pat", hub_groups.get_link, gid) == "ok"
    assert "ann" not in roles(world)


def test_a_members_only_group_is_not_found_for_outsiders(db_url):
    world = build_world(db_url, visibility="members")
    gid = world.group_id
    assert world.outcome("otto", hub_groups.get_link, gid) == "not_found"
    assert world.outcome("otto", hub_groups.link, gid, "students", ["otto"]) == "not_found"
    world.db.dispose()


def test_sync_and_unlink_need_a_link_and_a_changed_link_is_refused(world):
    gid = world.group_id
    assert world.outcome("olga", hub_groups.linked_name, gid) == "conflict"
    assert world.outcome("olga", hub_groups.sync, gid, "students", ["ann"]) == "conflict"
    assert world.outcome("olga", hub_groups.unlink, gid) == "not_found"
    link(world, ["ann"])
    assert world.call("oscar", hub_groups.linked_name, gid) == "students"
    # Members read for "students" while oscar switched the link to "tutors": not applied.
    link(world, [], hub_group="tutors")
    assert world.outcome("olga", hub_groups.sync, gid, "students", ["zed"]) == "conflict"
    assert "zed" not in roles(world)


def test_the_link_name_is_checked():
    with pytest.raises(InvalidInput) as missing:
        hub_groups.clean_name({})
    assert missing.value.fields == {"name": "This field is required."}
    with pytest.raises(InvalidInput) as empty:
        hub_groups.clean_name({"name": "  "})
    assert empty.value.fields == {"name": "Must not be empty."}
    assert hub_groups.clean_name({"name": " students "}) == "students"


def test_deleting_the_group_deletes_its_link(world):
    link(world, ["ann"])
    with world.session() as s:
        version = s.get(Group, world.group_id).version
    world.call("olga", groups.delete_group, world.group_id, version)
    with world.session() as s:
        assert s.scalars(select(HubGroupLink)).all() == []
        assert s.scalars(select(HubGroupMember)).all() == []


def test_migration_0004_tables_match_the_models(db_url):
    db = Database(db_url)
    migrate.upgrade(db, "0003_rhythm")
    assert not HUB_TABLES & set(inspect(db.engine).get_table_names())
    migrate.upgrade(db)
    assert set(inspect(db.engine).get_table_names()) >= HUB_TABLES

    def mine(obj, name, kind, reflected, other):
        table = obj if kind == "table" else getattr(obj, "table", None)
        return table is None or table.name in HUB_TABLES

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": mine})
        assert compare_metadata(context, Base.metadata) == []
    # And back down: 0004 drops only its own tables.
    config = migrate.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003_rhythm")
    assert not HUB_TABLES & set(inspect(db.engine).get_table_names())
    assert "memberships" in inspect(db.engine).get_table_names()
    db.dispose()
