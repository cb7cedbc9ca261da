"""The rhythm's rows of the Role x Action table, each cell doing the real operation.
Merged into tests/test_permission_table.py, which runs every cell on both databases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core_world import World

from nerdup_lab.core.permissions import Action
from nerdup_lab.core.rhythm import pages, questions, recap, reflections, sessions

# ok / forbidden / own (ok on one's own record only)
RHYTHM_EXPECTED: dict[Action, tuple[str, str, str, str, str]] = {
    #                           organizer    participant  mentor       follower     outsider
    Action.SCHEDULE_SESSION:   ("ok",        "forbidden", "forbidden", "forbidden", "forbidden"),
    Action.PICK_SESSION_TASKS: ("ok",        "ok",        "ok",        "forbidden", "forbidden"),
    Action.CHECK_IN:           ("ok",        "ok",        "ok",        "ok",        "forbidden"),
    Action.EDIT_RECAP:         ("ok",        "ok",        "ok",        "forbidden", "forbidden"),
    Action.ASK_QUESTION:       ("ok",        "ok",        "ok",        "ok",        "forbidden"),
    Action.ANSWER_QUESTION:    ("ok",        "ok",        "ok",        "forbidden", "forbidden"),
    Action.UPVOTE:             ("ok",        "ok",        "ok",        "ok",        "forbidden"),
    Action.ACCEPT_ANSWER:      ("ok",        "own",       "own",       "own",       "forbidden"),
    Action.RESOLVE_QUESTION:   ("ok",        "own",       "own",       "own",       "forbidden"),
    Action.EDIT_OWN_POST:      ("own",       "own",       "own",       "own",       "forbidden"),
    Action.POST_REFLECTION:    ("ok",        "ok",        "ok",        "ok",        "forbidden"),
    Action.SHARE_POST:         ("ok",        "ok",        "ok",        "ok",        "forbidden"),
    Action.MAKE_REPORT:        ("ok",        "forbidden", "ok",        "forbidden", "forbidden"),
}  # fmt: skip

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _session(world: World) -> int:
    """A session going on right now, with its check-in window open."""
    start = (NOW - dt.timedelta(minutes=5)).isoformat()
    made = world.call(
        "olga",
        sessions.create_session,
        world.group_id,
        {"starts_at": start, "recurrence": "weekly"},
    )
    return int(made["id"])


def _question(world: World, asker: str) -> tuple[int, int]:
    """A question asked by `asker` (made directly, whatever the asker's role), with one
    answer by olga: (question id, answer id)."""
    with world.session(asker) as s:
        from nerdup_lab.core.rhythm.models import Answer, Question

        q = Question(group_id=world.group_id, title="Why NaN?", author=asker, status="answered")
        q.answers.append(Answer(group_id=world.group_id, body="Because.", author="olga"))
        s.add(q)
        s.flush()
        return q.id, q.answers[0].id


def rhythm_attempt(world: World, user: str, action: Action, owned: bool) -> str:
    gid = world.group_id
    other = "oscar"  # the second organizer: someone else's records
    do: dict[Action, Callable[[], str]] = {
        Action.SCHEDULE_SESSION: lambda: world.outcome(
            user, sessions.create_session, gid, {"starts_at": NOW.isoformat()}
        ),
        Action.PICK_SESSION_TASKS: lambda: world.outcome(
            user, sessions.pick_tasks, _session(world), {"task_ids": [world.group_task_id]}
        ),
        Action.CHECK_IN: lambda: world.outcome(user, sessions.check_in, _session(world)),
        Action.EDIT_RECAP: lambda: world.outcome(
            user, recap.edit_recap, _session(world), {"body": "We met."}, None
        ),
        Action.ASK_QUESTION: lambda: world.outcome(user, questions.ask, gid, {"title": "How?"}),
        Action.ANSWER_QUESTION: lambda: world.outcome(
            user, questions.answer, _question(world, other)[0], {"body": "Like so."}
        ),
        Action.UPVOTE: lambda: world.outcome(
            user, questions.upvote, "question", _question(world, other)[0], True
        ),
        Action.POST_REFLECTION: lambda: world.outcome(
            user,
            reflections.post_reflection,
            gid,
            {"milestone_id": world.milestone_id, "learned": "pandas"},
        ),
        Action.SHARE_POST: lambda: world.outcome(
            user, reflections.share_post, gid, {"title": "My post", "url": "https://e.org/p"}
        ),
        Action.MAKE_REPORT: lambda: world.outcome(user, pages.report, gid),
    }
    asker = user if owned else other
    if action is Action.ACCEPT_ANSWER:
        qid, aid = _question(world, asker)
        return world.outcome(user, questions.accept, qid, {"answer_id": aid})
    if action is Action.RESOLVE_QUESTION:
        qid, _ = _question(world, asker)
        return world.outcome(user, questions.resolve, qid, True)
    if action is Action.EDIT_OWN_POST:
        qid, _ = _question(world, asker)
        return world.outcome(user, questions.edit_question, qid, {"title": "Why NaN here?"}, None)
    return do[action]()
