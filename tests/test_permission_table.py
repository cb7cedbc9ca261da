"""The whole Role x Action table, one test per cell, each doing the real operation.

The expectations are written out here independently of nerdup_lab.core.permissions, so a
change to the table has to be made twice, on purpose. "own" cells are checked both ways:
allowed on the caller's own record, forbidden on someone else's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from conftest import _drop_pg_database, _new_pg_database
from core_world import ACTOR_FOR_ROLE, World, build_world, make_db
from rhythm.permission_cells import RHYTHM_EXPECTED, rhythm_attempt

from nerdup_lab.core import groups, hub_groups, join_requests, members, milestones, proposals, tasks
from nerdup_lab.core.db import Database
from nerdup_lab.core.models import Group, JoinRequest, Task, TaskClaim
from nerdup_lab.core.permissions import Action, require, rule_for

ROLES = ("organizer", "participant", "mentor", "follower", "outsider")

# What happens when each role tries each action in an open group.
# ok / forbidden / own (ok on one's own record only) / conflict / not_found
EXPECTED: dict[Action, tuple[str, str, str, str, str]] = {
    #                             organizer    participant  mentor       follower     outsider
    Action.VIEW_GROUP:           ("ok",        "ok",        "ok",        "ok",        "ok"),
    # Members are already in: joining again is a conflict, not a permission question.
    Action.JOIN_GROUP:           ("conflict",  "conflict",  "conflict",  "conflict",  "ok"),
    Action.LEAVE_GROUP:          ("ok",        "ok",        "ok",        "ok",        "not_found"),
    # A participant or more is already in; a follower asks to become a participant.
    Action.REQUEST_TO_JOIN:      ("conflict",  "conflict",  "conflict",  "ok",        "ok"),
    Action.DECIDE_JOIN_REQUEST:  ("ok",        "forbidden", "forbidden", "forbidden", "forbidden"),
    Action.SWITCH_OWN_ROLE:      ("ok",        "ok",        "ok",        "ok",        "not_found"),
    Action.MANAGE_MEMBERS:       ("ok",        "forbidden", "forbidden", "forbidden", "forbidden"),
    Action.EDIT_GROUP:           ("ok",        "forbidden", "forbidden", "forbidden", "forbidden"),
    Action.ARCHIVE_GROUP:        ("ok",        "forbidden", "forbidden", "forbidden", "forbidden"),
    Action.DELETE_GROUP:         ("ok",        "forbidden", "forbidden", "forbidden", "forbidden"),
    Action.EDIT_PLAN:            ("ok",        "forbidden", "forbidden", "forbidden", "forbidden"),
    Action.CREATE_PERSONAL_TASK: ("ok",        "ok",        "ok",        "forbidden", "forbidden"),
    Action.EDIT_TASK:            ("ok",        "own",       "own",       "forbidden", "forbidden"),
    Action.WORK_ON_TASK:         ("ok",        "own",       "own",       "forbidden", "forbidden"),
    Action.CLAIM_TASK:           ("ok",        "ok",        "ok",        "forbidden", "forbidden"),
    Action.PROPOSE:              ("ok",        "ok",        "ok",        "ok",        "forbidden"),
    Action.VOTE:                 ("ok",        "ok",        "ok",        "ok",        "forbidden"),
    Action.DECIDE_PROPOSAL:      ("ok",        "forbidden", "forbidden", "forbidden", "forbidden"),
    Action.COMMIT_SNAPSHOT:      ("ok",        "ok",        "ok",        "ok",        "forbidden"),
    Action.LINK_HUB_GROUP:       ("ok",        "forbidden", "forbidden", "forbidden", "forbidden"),
}  # fmt: skip
EXPECTED.update(RHYTHM_EXPECTED)  # sessions, Q&A, reflections, publishing


def _personal_task_of(world: World, owner: str) -> int:
    """A personal task owned by `owner`, made directly (followers cannot create one)."""
    with world.session(owner) as s:
        task = Task(
            milestone_id=world.milestone_id, group_id=world.group_id, title="Mine",
            created_by=owner, owner=owner, notebooks=[],
        )  # fmt: skip
        s.add(task)
        s.flush()
        return task.id


def _claimed_task_of(world: World, user: str) -> int:
    with world.session(user) as s:
        s.add(TaskClaim(task_id=world.group_task_id, username=user))
    return world.group_task_id


def _by_request(world: World, asker: str | None = None) -> int:
    """The world's group takes participants by request; `asker` has a pending request
    (stored directly, so it works in a members-only group too)."""
    with world.session(asker) as s:
        group = s.get(Group, world.group_id)
        assert group is not None
        group.join_rule = "request"
        if asker:
            s.add(JoinRequest(group_id=world.group_id, username=asker, message=""))
    return world.group_id


def _other_role(current: str) -> str:
    return "follower" if current != "follower" else "participant"


def attempt(world: World, user: str, role: str, action: Action, owned: bool) -> str:
    if action in RHYTHM_EXPECTED:
        return rhythm_attempt(world, user, action, owned)
    gid, version = world.group_id, world.version(Group, world.group_id)
    do: dict[Action, Callable[[], str]] = {
        Action.VIEW_GROUP: lambda: world.outcome(user, groups.get_group, gid),
        Action.JOIN_GROUP: lambda: world.outcome(user, members.join, gid, {}),
        Action.LEAVE_GROUP: lambda: world.outcome(user, members.leave, gid, user),
        Action.REQUEST_TO_JOIN: lambda: world.outcome(
            user, join_requests.ask, _by_request(world), {"message": "May I?"}
        ),
        Action.DECIDE_JOIN_REQUEST: lambda: world.outcome(
            user, join_requests.decide, _by_request(world, "newbie"), "newbie", True
        ),
        Action.SWITCH_OWN_ROLE: lambda: world.outcome(
            user, members.change_role, gid, user, {"role": _other_role(role)}, None
        ),
        Action.MANAGE_MEMBERS: lambda: world.outcome(
            user, members.join, gid, {"username": "newbie", "role": "mentor"}
        ),
        Action.EDIT_GROUP: lambda: world.outcome(
            user, groups.update_group, gid, {"title": "Renamed"}, version
        ),
        Action.ARCHIVE_GROUP: lambda: world.outcome(
            user, groups.update_group, gid, {"status": "archived"}, version
        ),
        Action.DELETE_GROUP: lambda: world.outcome(user, groups.delete_group, gid, version),
        Action.EDIT_PLAN: lambda: world.outcome(
            user, milestones.create_milestone, gid, {"title": "Week 9"}
        ),
        Action.CREATE_PERSONAL_TASK: lambda: world.outcome(
            user, tasks.create_task, world.milestone_id, {"title": "Read", "personal": True}
        ),
        Action.CLAIM_TASK: lambda: world.outcome(user, tasks.claim, world.group_task_id),
        Action.PROPOSE: lambda: world.outcome(user, proposals.propose, gid, {"title": "Week 3"}),
        Action.VOTE: lambda: world.outcome(user, proposals.vote, world.proposal_id, {}),
        Action.DECIDE_PROPOSAL: lambda: world.outcome(
            user, proposals.decide, world.proposal_id, True, None
        ),
        Action.COMMIT_SNAPSHOT: lambda: world.outcome(
            user, lambda s, u: require(s, gid, u, Action.COMMIT_SNAPSHOT)
        ),
        Action.LINK_HUB_GROUP: lambda: world.outcome(
            user, hub_groups.link, gid, "students", ["newbie"]
        ),
    }
    if action is Action.EDIT_TASK:
        task_id = _personal_task_of(world, user) if owned else world.group_task_id
        v = world.version(Task, task_id)
        return world.outcome(user, tasks.update_task, task_id, {"title": "Better"}, v)
    if action is Action.WORK_ON_TASK:
        task_id = _claimed_task_of(world, user) if owned else world.group_task_id
        v = world.version(Task, task_id)
        return world.outcome(user, tasks.update_task, task_id, {"status": "doing"}, v)
    return do[action]()


CELLS = [(role, action) for action in Action for role in ROLES]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def matrix_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """One migrated database per storage for the whole table: each cell builds its own
    group in it, which keeps cells independent at a fraction of a database per cell."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'nerdup.sqlite'}"
        db = make_db(url)
        yield db
        db.dispose()
        return
    admin = request.getfixturevalue("pg_admin")
    url = _new_pg_database(admin)
    db = make_db(url)
    try:
        yield db
    finally:
        db.dispose()
        _drop_pg_database(admin, url)


@pytest.mark.parametrize(
    ("role", "action"), CELLS, ids=[f"{role}-{action.value}" for role, action in CELLS]
)
def test_role_may_or_may_not_do_action(matrix_db: Database, role: str, action: Action) -> None:
    expected = EXPECTED[action][ROLES.index(role)]
    world = build_world(matrix_db)
    user = ACTOR_FOR_ROLE[role]
    if expected == "own":
        assert attempt(world, user, role, action, owned=False) == "forbidden"
        assert attempt(world, user, role, action, owned=True) == "ok"
    else:
        assert attempt(world, user, role, action, owned=False) == expected


def test_expectations_cover_the_whole_table() -> None:
    assert set(EXPECTED) == set(Action)
    for action, row in EXPECTED.items():
        for role, expected in zip(ROLES, row, strict=True):
            rule = rule_for(role, action).value
            if expected in ("ok", "forbidden", "own"):
                assert {"ok": "allow", "forbidden": "deny", "own": "own"}[expected] == rule


@pytest.mark.parametrize("action", list(Action), ids=[a.value for a in Action])
def test_members_only_group_is_not_found_for_outsiders(matrix_db: Database, action: Action) -> None:
    world = build_world(matrix_db, visibility="members")
    assert attempt(world, "otto", "outsider", action, owned=False) == "not_found"
