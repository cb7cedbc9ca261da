"""Questions and answers in a group.

A question may be anchored to a task, a snapshot, or a cell of a snapshot (by cell id).
Its state moves open -> answered (someone answered) -> accepted (the asker or an
organizer accepted an answer) -> resolved (marked done; it then rolls up into the FAQ).
A question can also be resolved without an accepted answer. Upvotes go on questions and
answers, one per member each. Bodies are markdown, stored as written; the lab renders
them sanitized.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import validate as v
from ..activity import record
from ..errors import Conflict, InvalidInput
from ..models import Task, utcnow
from ..permissions import Action, require
from ..records import check_version, load_in_group
from ..snapshots.models import Snapshot
from . import fields as f
from . import views
from .models import QUESTION_STATES, Answer, Question, Upvote

QUESTION_FIELDS: dict[str, v.Parser] = {
    "title": v.text(max_len=200),
    "body": v.markdown(),
    "task_id": f.optional_id,
    "snapshot_id": f.optional_id,
    "cell_id": f.cell_id,
}
SHOWN = v.READ_ONLY | {"author", "status", "answers", "anchor", "upvotes", "upvoted_by"}
Votes = dict[tuple[str, int], list[str]]


def votes_for(session: Session, questions: list[Question]) -> Votes:
    ids = {("question", q.id) for q in questions} | {
        ("answer", a.id) for q in questions for a in q.answers
    }
    if not ids:
        return {}
    found: Votes = defaultdict(list)
    targets = {i for _, i in ids}
    for vote in session.scalars(
        select(Upvote).where(Upvote.target_id.in_(targets)).order_by(Upvote.id)
    ):
        if (vote.target, vote.target_id) in ids:
            found[(vote.target, vote.target_id)].append(vote.username)
    return dict(found)


def show(session: Session, question: Question) -> dict[str, Any]:
    return views.question(question, votes_for(session, [question]))


def load(session: Session, username: str, question_id: int, action: Action) -> Question:
    return load_in_group(
        session, Question, question_id, "question", username, action, lambda q: {q.author}
    )


def _load_answer(session: Session, username: str, answer_id: int, action: Action) -> Answer:
    return load_in_group(
        session, Answer, answer_id, "answer", username, action, lambda a: {a.author}
    )


def _check_anchor(session: Session, group_id: int, fields: dict[str, Any]) -> None:
    errors = {}
    task_id, snap_id = fields.get("task_id"), fields.get("snapshot_id")
    if task_id is not None:
        task = session.get(Task, task_id)
        if task is None or task.group_id != group_id:
            errors["task_id"] = "Not a task of this group."
    if snap_id is not None:
        snap = session.get(Snapshot, snap_id)
        if snap is None or snap.group_id != group_id:
            errors["snapshot_id"] = "Not a snapshot of this group."
    if fields.get("cell_id") and snap_id is None:
        errors["cell_id"] = "A cell is named within a snapshot: give `snapshot_id` too."
    if errors:
        raise InvalidInput("The question's anchor is not in this group.", fields=errors)


def _refresh_status(question: Question) -> None:
    if question.resolved_at is not None:
        question.status = "resolved"
    elif question.accepted_answer_id is not None:
        question.status = "accepted"
    else:
        question.status = "answered" if question.answers else "open"


def list_questions(
    session: Session, username: str, group_id: int, status: str | None = None
) -> list[dict[str, Any]]:
    """The group's questions, newest first; `status` filters (open, answered, ...)."""
    require(session, group_id, username, Action.VIEW_GROUP)
    query = select(Question).where(Question.group_id == group_id)
    if status is not None:
        chosen = v.clean({"status": status}, {"status": v.choice(QUESTION_STATES)})["status"]
        query = query.where(Question.status == chosen)
    found = list(
        session.scalars(query.options(selectinload(Question.answers)).order_by(Question.id.desc()))
    )
    votes = votes_for(session, found)
    return [views.question(q, votes) for q in found]


def faq(session: Session, username: str, group_id: int) -> list[dict[str, Any]]:
    """Resolved questions, each with its accepted (else most upvoted) answer."""
    resolved = list_questions(session, username, group_id, "resolved")
    items = []
    for q in reversed(resolved):
        answers = q.pop("answers")
        best = next((a for a in answers if a["accepted"]), None) or max(
            answers, key=lambda a: a["upvotes"], default=None
        )
        items.append({"question": q, "answer": best})
    return items


def get_question(session: Session, username: str, question_id: int) -> dict[str, Any]:
    return show(session, load(session, username, question_id, Action.VIEW_GROUP))


def ask(session: Session, username: str, group_id: int, data: dict[str, Any]) -> dict[str, Any]:
    require(session, group_id, username, Action.ASK_QUESTION)
    fields = v.clean(data, QUESTION_FIELDS, required=("title",), read_only=SHOWN)
    _check_anchor(session, group_id, fields)
    question = Question(group_id=group_id, author=username, status="open", **fields)
    session.add(question)
    session.flush()
    record(
        session,
        group_id,
        username,
        "question.asked",
        f"asked “{question.title}”",
        {"question_id": question.id, "task_id": question.task_id},
    )
    return show(session, question)


def edit_question(
    session: Session, username: str, question_id: int, data: dict[str, Any], if_match: int | None
) -> dict[str, Any]:
    question = load(session, username, question_id, Action.EDIT_OWN_POST)
    fields = v.clean(data, QUESTION_FIELDS, read_only=SHOWN)
    merged = {k: fields.get(k, getattr(question, k)) for k in ("task_id", "snapshot_id", "cell_id")}
    _check_anchor(session, question.group_id, merged)
    check_version(question, if_match, lambda q: show(session, q), required=False)
    for key, value in fields.items():
        setattr(question, key, value)
    question.updated_at = utcnow()
    session.flush()
    record(
        session,
        question.group_id,
        username,
        "question.edited",
        f"edited the question “{question.title}”",
        {"question_id": question.id},
    )
    return show(session, question)


def answer(
    session: Session, username: str, question_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    question = load(session, username, question_id, Action.ANSWER_QUESTION)
    body = v.clean(data, {"body": v.text(max_len=100_000)}, required=("body",))["body"]
    if question.status == "resolved":
        raise Conflict("This question is resolved; reopen it to answer.")
    question.answers.append(Answer(group_id=question.group_id, body=body, author=username))
    _refresh_status(question)
    question.updated_at = utcnow()
    session.flush()
    record(
        session,
        question.group_id,
        username,
        "question.answered",
        f"answered “{question.title}”",
        {"question_id": question.id, "answer_id": question.answers[-1].id},
    )
    return show(session, question)


def edit_answer(
    session: Session, username: str, answer_id: int, data: dict[str, Any], if_match: int | None
) -> dict[str, Any]:
    found = _load_answer(session, username, answer_id, Action.EDIT_OWN_POST)
    body = v.clean(data, {"body": v.text(max_len=100_000)}, required=("body",))["body"]
    check_version(found, if_match, lambda a: show(session, a.question), required=False)
    found.body = body
    found.updated_at = utcnow()
    session.flush()
    record(
        session,
        found.group_id,
        username,
        "question.answer_edited",
        f"edited an answer to “{found.question.title}”",
        {"question_id": found.question_id, "answer_id": found.id},
    )
    return show(session, found.question)


def upvote(
    session: Session, username: str, target: str, target_id: int, up: bool = True
) -> dict[str, Any]:
    """Upvote (or with `up=False` take back the upvote of) a question or an answer."""
    if target == "question":
        question = load(session, username, target_id, Action.UPVOTE)
    else:
        question = _load_answer(session, username, target_id, Action.UPVOTE).question
    mine = session.scalars(
        select(Upvote).where(
            Upvote.target == target, Upvote.target_id == target_id, Upvote.username == username
        )
    ).one_or_none()
    if up and mine is None:
        session.add(
            Upvote(
                group_id=question.group_id, target=target, target_id=target_id, username=username
            )
        )
    elif not up and mine is not None:
        session.delete(mine)
    else:
        return show(session, question)
    session.flush()
    what = "an answer to " if target == "answer" else ""
    record(
        session,
        question.group_id,
        username,
        "question.upvoted" if up else "question.upvote_withdrawn",
        f"{'upvoted' if up else 'took back an upvote on'} {what}“{question.title}”",
        {"question_id": question.id, "target": target, "target_id": target_id},
    )
    return show(session, question)


def accept(
    session: Session, username: str, question_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    """The asker (or an organizer) accepts one answer; `answer_id: null` takes it back."""
    question = load(session, username, question_id, Action.ACCEPT_ANSWER)
    answer_id = v.clean(data, {"answer_id": f.optional_id}, required=("answer_id",))["answer_id"]
    if answer_id is not None and answer_id not in {a.id for a in question.answers}:
        raise InvalidInput(
            "Accept one of this question's answers.", fields={"answer_id": "Not an answer here."}
        )
    question.accepted_answer_id = answer_id
    _refresh_status(question)
    session.flush()
    record(
        session,
        question.group_id,
        username,
        "question.accepted",
        f"accepted an answer to “{question.title}”"
        if answer_id
        else f"took back the accepted answer of “{question.title}”",
        {"question_id": question.id, "answer_id": answer_id},
    )
    return show(session, question)


def resolve(
    session: Session, username: str, question_id: int, resolved: bool = True
) -> dict[str, Any]:
    """Mark resolved (it joins the FAQ), or reopen it with `resolved=False`."""
    question = load(session, username, question_id, Action.RESOLVE_QUESTION)
    if resolved == (question.resolved_at is not None):
        return show(session, question)
    question.resolved_at = utcnow() if resolved else None
    question.resolved_by = username if resolved else None
    _refresh_status(question)
    session.flush()
    record(
        session,
        question.group_id,
        username,
        "question.resolved" if resolved else "question.reopened",
        f"{'resolved' if resolved else 'reopened'} “{question.title}”",
        {"question_id": question.id},
    )
    return show(session, question)
