"""Who may do what in a group: one table of Role x Action, and `require` to check it.

Every service function calls `require` before it reads or writes a group's records, so
this table is the single place the rules live. A cell is one of:

- ALLOW: the role may do it.
- OWN:   the role may do it only to records it owns (its personal task, a task it claimed);
         the caller passes the owners of the record as `owners=`.
- DENY:  403 Forbidden.

Outsiders (not a member) of a members-only group get 404 for every action, so such a group
never leaks its existence. An archived group is read-only history: once the table allows an
action, every action outside `ALLOWED_WHEN_ARCHIVED` is refused with 409 `archived` until an
organizer brings the group back. Rules that depend on the rest of the group rather than on the
caller's role (the last organizer cannot leave) live in the service functions.
"""

from __future__ import annotations

import enum
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import Archived, Forbidden, NotFound
from .models import Group, Membership


class Action(enum.StrEnum):
    VIEW_GROUP = "view_group"  # read the group, its plan, progress and activity
    JOIN_GROUP = "join_group"  # become a participant or follower of an open group
    LEAVE_GROUP = "leave_group"
    # Join requests (#14): an outsider or a follower asks to become a participant of a
    # "by request" group (or withdraws the request); organizers read the requests and
    # accept or decline them.
    REQUEST_TO_JOIN = "request_to_join"
    DECIDE_JOIN_REQUEST = "decide_join_request"
    SWITCH_OWN_ROLE = "switch_own_role"  # between participant and follower
    MANAGE_MEMBERS = "manage_members"  # add, remove, or change the role of someone else
    EDIT_GROUP = "edit_group"  # title, description, links, deadline, visibility, rule
    ARCHIVE_GROUP = "archive_group"
    DELETE_GROUP = "delete_group"
    EDIT_PLAN = "edit_plan"  # milestones, their order and retrospectives, group tasks
    CREATE_PERSONAL_TASK = "create_personal_task"
    EDIT_TASK = "edit_task"  # title, description, weight, notebooks of a task
    WORK_ON_TASK = "work_on_task"  # move a task through todo/doing/done, next-session flag
    CLAIM_TASK = "claim_task"
    PROPOSE = "propose"
    VOTE = "vote"
    DECIDE_PROPOSAL = "decide_proposal"  # adopt or reject
    COMMIT_SNAPSHOT = "commit_snapshot"
    # The group rhythm (nerdup_lab.core.rhythm): sessions, Q&A, reflections, publishing.
    SCHEDULE_SESSION = "schedule_session"  # create, edit, cancel co-coding sessions
    PICK_SESSION_TASKS = "pick_session_tasks"  # the agenda of the next session
    CHECK_IN = "check_in"  # mark oneself present during a session
    EDIT_RECAP = "edit_recap"
    ASK_QUESTION = "ask_question"
    ANSWER_QUESTION = "answer_question"
    UPVOTE = "upvote"
    ACCEPT_ANSWER = "accept_answer"  # the asker (OWN) or an organizer
    RESOLVE_QUESTION = "resolve_question"  # the asker (OWN) or an organizer
    EDIT_OWN_POST = "edit_own_post"  # a question, answer, reflection or post: its author
    POST_REFLECTION = "post_reflection"
    SHARE_POST = "share_post"  # link a blog post to the showcase
    MAKE_REPORT = "make_report"  # the journey report for a meetup presentation
    # JupyterHub mode: link the group to a JupyterHub group, import (sync) its members.
    LINK_HUB_GROUP = "link_hub_group"


class Rule(enum.Enum):
    ALLOW = "allow"
    OWN = "own"
    DENY = "deny"


ALLOW, OWN, DENY = Rule.ALLOW, Rule.OWN, Rule.DENY

# Role used for callers who are not members of the group.
OUTSIDER = "outsider"

# fmt: off
#                                organizer participant mentor  follower outsider
_TABLE: dict[Action, tuple[Rule, Rule, Rule, Rule, Rule]] = {
    Action.VIEW_GROUP:               (ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
    Action.JOIN_GROUP:               (DENY, DENY,  DENY,  DENY,  ALLOW),
    Action.LEAVE_GROUP:              (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.REQUEST_TO_JOIN:          (DENY,  DENY,  DENY,  ALLOW, ALLOW),
    Action.DECIDE_JOIN_REQUEST:      (ALLOW, DENY,  DENY,  DENY,  DENY),
    Action.SWITCH_OWN_ROLE:          (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.MANAGE_MEMBERS:           (ALLOW, DENY,  DENY,  DENY,  DENY),
    Action.EDIT_GROUP:               (ALLOW, DENY,  DENY,  DENY,  DENY),
    Action.ARCHIVE_GROUP:            (ALLOW, DENY,  DENY,  DENY,  DENY),
    Action.DELETE_GROUP:             (ALLOW, DENY,  DENY,  DENY,  DENY),
    Action.EDIT_PLAN:                (ALLOW, DENY,  DENY,  DENY,  DENY),
    Action.CREATE_PERSONAL_TASK:     (ALLOW, ALLOW, ALLOW, DENY,  DENY),
    Action.EDIT_TASK:                (ALLOW, OWN,   OWN  , DENY,  DENY),
    Action.WORK_ON_TASK:             (ALLOW, OWN,   OWN  , DENY,  DENY),
    Action.CLAIM_TASK:               (ALLOW, ALLOW, ALLOW, DENY,  DENY),
    Action.PROPOSE:                  (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.VOTE:                     (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.DECIDE_PROPOSAL:          (ALLOW, DENY,  DENY,  DENY,  DENY),
    Action.COMMIT_SNAPSHOT:          (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.SCHEDULE_SESSION:         (ALLOW, DENY,  DENY,  DENY,  DENY),
    Action.PICK_SESSION_TASKS:       (ALLOW, ALLOW, ALLOW, DENY,  DENY),
    Action.CHECK_IN:                 (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.EDIT_RECAP:               (ALLOW, ALLOW, ALLOW, DENY,  DENY),
    Action.ASK_QUESTION:             (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.ANSWER_QUESTION:          (ALLOW, ALLOW, ALLOW, DENY,  DENY),
    Action.UPVOTE:                   (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.ACCEPT_ANSWER:            (ALLOW, OWN,   OWN,   OWN,   DENY),
    Action.RESOLVE_QUESTION:         (ALLOW, OWN,   OWN,   OWN,   DENY),
    Action.EDIT_OWN_POST:            (OWN,   OWN,   OWN,   OWN,   DENY),
    Action.POST_REFLECTION:          (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.SHARE_POST:               (ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    Action.MAKE_REPORT:              (ALLOW, DENY,  ALLOW, DENY,  DENY),
    Action.LINK_HUB_GROUP:           (ALLOW, DENY,  DENY,  DENY,  DENY),
}
# fmt: on
_COLUMNS = ("organizer", "participant", "mentor", "follower", OUTSIDER)


# What still works in an archived group: reading it (restoring, opening and diffing
# snapshots, exporting, the report are reads), archiving or bringing it back, deleting it,
# and leaving it. Everything else writes to the group's history and is refused.
ALLOWED_WHEN_ARCHIVED = frozenset(
    {
        Action.VIEW_GROUP,
        Action.ARCHIVE_GROUP,
        Action.DELETE_GROUP,
        Action.LEAVE_GROUP,
        Action.MAKE_REPORT,
    }
)


def rule_for(role: str, action: Action) -> Rule:
    """The table cell for `role` (a membership role, or OUTSIDER) and `action`."""
    return _TABLE[action][_COLUMNS.index(role)]


def table() -> dict[str, dict[str, str]]:
    """The whole table as JSON-friendly data (role -> action -> allow/own/deny)."""
    return {
        role: {action.value: rule_for(role, action).value for action in Action} for role in _COLUMNS
    }


def membership_of(session: Session, group_id: int, username: str) -> Membership | None:
    return session.scalars(
        select(Membership).where(Membership.group_id == group_id, Membership.username == username)
    ).one_or_none()


def require(
    session: Session,
    group_id: int,
    username: str,
    action: Action,
    *,
    owners: Collection[str] = (),
) -> Membership | None:
    """Check that `username` may do `action` in group `group_id`.

    Returns the caller's membership (None for an outsider who is allowed, e.g. to view an
    open group or to join it). Raises NotFound when the group does not exist or is
    members-only and the caller is not a member; Forbidden when the table says no, or says
    OWN and the caller is not among `owners`; Archived (409) when the caller may do it but
    the group is archived and `action` would write to it.
    """
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound(f"There is no group {group_id}.")
    membership = membership_of(session, group_id, username)
    if membership is None and group.visibility != "open":
        # Same answer as a missing group: a members-only group never leaks.
        raise NotFound(f"There is no group {group_id}.")
    role = membership.role if membership is not None else OUTSIDER
    rule = rule_for(role, action)
    if rule is Rule.ALLOW or (rule is Rule.OWN and username in owners):
        if group.status == "archived" and action not in ALLOWED_WHEN_ARCHIVED:
            raise Archived(
                f"“{group.title}” is archived, so it is read-only. An organizer can bring it "
                "back from the archive (group settings)."
            )
        return membership
    who = f"a {role}" if membership is not None else "someone outside the group"
    raise Forbidden(f"As {who}, you may not {action.value.replace('_', ' ')} in this group.")
