"""Rhythm records to JSON (the one place that decides what the API shows of them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import Answer, Post, Question, Reflection, StudySession
from .schedule import Occurrence, Rule


def ts(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def rule(record: StudySession) -> Rule:
    return Rule(
        record.starts_at,
        record.duration_minutes,
        record.recurrence,
        record.repeat_until,
        record.timezone or "UTC",
    )


def occurrence(record: StudySession, item: Occurrence, now: dt.datetime) -> dict[str, Any]:
    return {
        "session_id": record.id,
        "group_id": record.group_id,
        "title": record.title,
        "start": item.start.isoformat(),
        "end": item.end.isoformat(),
        "checkin_opens": item.opens.isoformat(),
        "checkin_open": item.is_open(now),
        "place": record.place,
        "link": record.link,
    }


def study_session(record: StudySession) -> dict[str, Any]:
    return {
        "id": record.id,
        "group_id": record.group_id,
        "title": record.title,
        "starts_at": record.starts_at.isoformat(),
        "timezone": record.timezone or "UTC",
        "duration_minutes": record.duration_minutes,
        "place": record.place,
        "link": record.link,
        "recurrence": record.recurrence,
        "repeat_until": record.repeat_until.isoformat() if record.repeat_until else None,
        "unfinished_picks": record.unfinished_picks,
        "created_by": record.created_by,
        "created_at": ts(record.created_at),
        "version": record.version,
    }


def answer(record: Answer, votes: dict[tuple[str, int], list[str]]) -> dict[str, Any]:
    voters = votes.get(("answer", record.id), [])
    return {
        "id": record.id,
        "question_id": record.question_id,
        "group_id": record.group_id,
        "body": record.body,
        "author": record.author,
        "accepted": record.question.accepted_answer_id == record.id,
        "upvotes": len(voters),
        "upvoted_by": voters,
        "created_at": ts(record.created_at),
        "updated_at": ts(record.updated_at),
        "version": record.version,
    }


def question(
    record: Question, votes: dict[tuple[str, int], list[str]], *, with_answers: bool = True
) -> dict[str, Any]:
    voters = votes.get(("question", record.id), [])
    body: dict[str, Any] = {
        "id": record.id,
        "group_id": record.group_id,
        "title": record.title,
        "body": record.body,
        "author": record.author,
        "anchor": {
            "task_id": record.task_id,
            "snapshot_id": record.snapshot_id,
            "cell_id": record.cell_id,
        },
        "status": record.status,
        "accepted_answer_id": record.accepted_answer_id,
        "answer_count": len(record.answers),
        "upvotes": len(voters),
        "upvoted_by": voters,
        "resolved_at": ts(record.resolved_at),
        "resolved_by": record.resolved_by,
        "created_at": ts(record.created_at),
        "updated_at": ts(record.updated_at),
        "version": record.version,
    }
    if with_answers:
        body["answers"] = [answer(a, votes) for a in record.answers]
    return body


def reflection(record: Reflection) -> dict[str, Any]:
    return {
        "id": record.id,
        "group_id": record.group_id,
        "milestone_id": record.milestone_id,
        "round": record.round,
        "author": record.author,
        "did": record.did,
        "learned": record.learned,
        "hard": record.hard,
        "created_at": ts(record.created_at),
        "updated_at": ts(record.updated_at),
        "version": record.version,
    }


def post(record: Post) -> dict[str, Any]:
    return {
        "id": record.id,
        "group_id": record.group_id,
        "author": record.author,
        "title": record.title,
        "url": record.url,
        "snapshot_id": record.snapshot_id,
        "created_at": ts(record.created_at),
        "version": record.version,
    }
