"""An archived group is read-only history: every action of the permission table is tried
in an archived group, by a member the table allows, on SQLite and PostgreSQL.

Refused actions answer 409 with the code "archived"; reading, bringing the group back,
deleting it, leaving it and the journey report still work.
"""

from __future__ import annotations

from typing import Any

import pytest
from core_world import ACTOR_FOR_ROLE, World, build_world
from sqlalchemy import update
from test_permission_table import EXPECTED, ROLES, attempt, matrix_db  # noqa: F401

from nerdup_lab.core import groups
from nerdup_lab.core.db import Database
from nerdup_lab.core.models import Group
from nerdup_lab.core.permissions import ALLOWED_WHEN_ARCHIVED, Action

# Written out here, independently of ALLOWED_WHEN_ARCHIVED, on purpose.
STILL_WORKS = {
    Action.VIEW_GROUP,
    Action.ARCHIVE_GROUP,  # tried as bringing the group back
    Action.DELETE_GROUP,
    Action.LEAVE_GROUP,
    Action.MAKE_REPORT,  # renders the journey: a read
}


class ArchivedWorld(World):
    """The group is archived just before the attempted call, after the setup of the
    attempt (a session to check in to, a question to answer) was made in the open group.
    The archive is set directly so the group's version (an If-Match) stays valid."""

    def outcome(self, user: str, fn: Any, *args: Any) -> str:
        with self.session() as s:
            s.execute(update(Group).where(Group.id == self.group_id).values(status="archived"))
        return super().outcome(user, fn, *args)


def _archived(world: World) -> ArchivedWorld:
    return ArchivedWorld(
        world.db, world.group_id, world.milestone_id, world.group_task_id, world.proposal_id
    )


def _allowed_role(action: Action) -> tuple[str, bool]:
    """The first role the table lets do `action` (on its own record for "own" cells)."""
    for role, expected in zip(ROLES, EXPECTED[action], strict=True):
        if expected in ("ok", "own"):
            return role, expected == "own"
    raise AssertionError(f"nobody may {action.value}")


@pytest.mark.parametrize("action", list(Action), ids=[a.value for a in Action])
def test_archived_group_refuses_every_write(matrix_db: Database, action: Action) -> None:  # noqa: F811
    world = _archived(build_world(matrix_db))
    role, owned = _allowed_role(action)
    user = ACTOR_FOR_ROLE[role]
    if action is Action.ARCHIVE_GROUP:
        gid, version = world.group_id, world.version(Group, world.group_id)
        got = world.outcome(user, groups.update_group, gid, {"status": "active"}, version)
    else:
        got = attempt(world, user, role, action, owned=owned)
    assert got == ("ok" if action in STILL_WORKS else "archived")


def test_still_allowed_actions_are_written_out_the_same() -> None:
    assert ALLOWED_WHEN_ARCHIVED == STILL_WORKS


def test_role_rules_come_before_the_archive(matrix_db: Database) -> None:  # noqa: F811
    """A follower may never edit the plan: 403 stays 403 in an archive, and the 409 (which
    says an organizer can bring the group back) goes only to those it would help."""
    world = _archived(build_world(matrix_db))
    assert attempt(world, "fred", "follower", Action.EDIT_PLAN, owned=False) == "forbidden"
    assert attempt(world, "olga", "organizer", Action.EDIT_PLAN, owned=False) == "archived"


@pytest.mark.parametrize("action", list(Action), ids=[a.value for a in Action])
def test_archived_members_only_group_is_still_not_found_for_outsiders(
    matrix_db: Database,  # noqa: F811
    action: Action,
) -> None:
    world = _archived(build_world(matrix_db, visibility="members"))
    assert attempt(world, "otto", "outsider", action, owned=False) == "not_found"


def test_archive_message_says_what_to_do(matrix_db: Database) -> None:  # noqa: F811
    from nerdup_lab.core import milestones
    from nerdup_lab.core.errors import Archived

    world = _archived(build_world(matrix_db))
    world.outcome("olga", groups.get_group, world.group_id)  # archives
    with pytest.raises(Archived) as caught:
        world.call("olga", milestones.create_milestone, world.group_id, {"title": "Week 9"})
    assert caught.value.status == 409
    assert caught.value.message == (
        "“Kaggle club” is archived, so it is read-only. An organizer can bring it back "
        "from the archive (group settings)."
    )
