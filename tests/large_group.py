"""A large study group for the statement budgets (#21), built with bulk inserts.

`build_large_group(db)` makes one group of 30 members, 10 milestones of 30 tasks (300),
claims, 5,000 snapshots with their activities, a weekly session that has met for ten
weeks (agenda picks, check-ins), questions with answers, reflections and posts, and a few
small groups the same mentor also mentors. Rows go in by executemany (`insert()` with a list
of rows), so the whole group costs about a second on SQLite, not one ORM flush per row.

The rows are what the services would have written (same columns, same kinds of activity
subjects), so every read sees the shapes it sees in production.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from nerdup_lab.core.db import Database
from nerdup_lab.core.models import (
    Activity,
    Group,
    Membership,
    Milestone,
    Task,
    TaskClaim,
    User,
)
from nerdup_lab.core.rhythm.models import (
    Answer,
    Post,
    Question,
    Reflection,
    SessionAgendaItem,
    SessionCheckin,
    StudySession,
)
from nerdup_lab.core.snapshots.models import Blob, Snapshot, path_notebook_id

ORGANIZER = "org0"
MENTOR = "mentor0"
SMALL_GROUPS = 5


@dataclass(frozen=True)
class LargeGroup:
    group_id: int
    organizer: str
    mentor: str
    participant: str
    members: list[str]
    milestone_ids: list[int]
    task_ids: list[int]
    snapshot_count: int
    small_group_ids: list[int]


def _ids(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    query = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(query, rows))


def _group(session: Session, title: str, now: dt.datetime, **extra: Any) -> int:
    rows = [
        {
            "title": title,
            "description": "A group as large as the biggest ones we host.",
            "links": [],
            "status": "active",
            "visibility": "open",
            "adoption_rule": "organizer",
            "created_at": now - dt.timedelta(days=90),
            "created_by": ORGANIZER,
            "version": 1,
            **extra,
        }
    ]
    return _ids(session, Group, rows)[0]


def build_large_group(
    db: Database,
    *,
    members: int = 30,
    milestones: int = 10,
    tasks_per_milestone: int = 30,
    snapshots: int = 5000,
    now: dt.datetime | None = None,
) -> LargeGroup:
    now = now or dt.datetime.now(dt.UTC)
    start = now - dt.timedelta(days=90)
    names = [ORGANIZER, MENTOR] + [f"member{i:02d}" for i in range(members - 2)]
    with db.session() as s:
        s.execute(insert(User), [{"username": n, "display_name": n.title()} for n in names])
        gid = _group(s, "The big Kaggle club", now)
        roles = {ORGANIZER: "organizer", MENTOR: "mentor"}
        s.execute(
            insert(Membership),
            [
                {
                    "group_id": gid,
                    "username": n,
                    "role": roles.get(n, "participant" if i % 4 else "follower"),
                    "joined_at": start,
                    "version": 1,
                }
                for i, n in enumerate(names)
            ],
        )
        milestone_ids = _ids(
            s,
            Milestone,
            [
                {
                    "group_id": gid,
                    "position": i,
                    "title": f"Stage {i + 1}",
                    "goal": "Get there together.",
                    "due": (start + dt.timedelta(days=9 * (i + 1))).date(),
                    "status": "done" if i < 3 else ("active" if i == 3 else "planned"),
                    "resources": [],
                    "obstacles": "",
                    "solutions": "",
                    "created_at": start,
                    "version": 1,
                }
                for i in range(milestones)
            ],
        )
        task_rows = []
        for m_index, mid in enumerate(milestone_ids):
            for t in range(tasks_per_milestone):
                done = m_index < 3 or (m_index == 3 and t % 2 == 0)
                task_rows.append(
                    {
                        "milestone_id": mid,
                        "group_id": gid,
                        "title": f"Task {m_index + 1}.{t + 1}",
                        "description": "",
                        "weight": 1 + t % 3,
                        "status": "done" if done else ("doing" if t % 5 == 0 else "todo"),
                        "next_session": not done and t % 7 == 0,
                        # Every tenth task is someone's personal one.
                        "owner": names[2 + t % (members - 2)] if t % 10 == 9 else None,
                        "notebooks": [],
                        "created_at": start,
                        "created_by": ORGANIZER,
                        "done_at": start + dt.timedelta(days=9 * m_index + t % 9) if done else None,
                        "version": 1,
                    }
                )
        task_ids = _ids(s, Task, task_rows)
        s.execute(
            insert(TaskClaim),
            [
                {
                    "task_id": tid,
                    "username": names[2 + (i + k) % (members - 2)],
                    "claimed_at": start,
                }
                for i, tid in enumerate(task_ids)
                for k in range(1 + i % 2)
            ],
        )
        s.execute(insert(Blob), [{"hash": "0" * 64, "size": 2, "stored_size": 2, "data": b"{}"}])
        paths = [f"notebooks/part{i}.ipynb" for i in range(20)]
        span = (now - start).total_seconds()
        snapshot_rows = []
        for i in range(snapshots):
            path = paths[i % len(paths)]
            snapshot_rows.append(
                {
                    "group_id": gid,
                    "author": names[i % members],
                    "created_at": start + dt.timedelta(seconds=span * i / snapshots),
                    "message": f"Step {i}" if i % 3 else "",
                    "task_id": task_ids[i % len(task_ids)],
                    "path": path,
                    "notebook_id": path_notebook_id(gid, path),
                    "policy": "keep",
                    "content_hash": f"{i:064x}",
                    "manifest_hash": "0" * 64,
                    "metadata_hash": "0" * 64,
                    "nbformat": 4,
                    "nbformat_minor": 5,
                    "cell_count": 12,
                    "content_bytes": 4000,
                    "new_bytes": 200,
                }
            )
        snapshot_ids = _ids(s, Snapshot, snapshot_rows)
        activity_rows = [
            {
                "group_id": gid,
                "actor": row["author"],
                "kind": "snapshot.committed",
                "summary": f"{row['author']} committed a snapshot of {row['path']}",
                "subject": {"snapshot_id": sid, "path": row["path"], "task_id": row["task_id"]},
                "created_at": row["created_at"],
            }
            for sid, row in zip(snapshot_ids, snapshot_rows, strict=True)
        ]
        activity_rows += [
            {
                "group_id": gid,
                "actor": ORGANIZER,
                "kind": "task.updated",
                "summary": "edited a task",
                "subject": {"task_id": tid, "fields": ["status"]},
                "created_at": start + dt.timedelta(days=i % 80),
            }
            for i, tid in enumerate(task_ids)
        ]
        s.execute(insert(Activity), activity_rows)
        study_id = _ids(
            s,
            StudySession,
            [
                {
                    "group_id": gid,
                    "title": "Thursday co-coding",
                    "starts_at": now - dt.timedelta(weeks=10, hours=3),
                    "duration_minutes": 120,
                    "place": "",
                    "link": "",
                    "recurrence": "weekly",
                    "unfinished_picks": "roll_over",
                    "created_by": ORGANIZER,
                    "created_at": start,
                    "version": 1,
                }
            ],
        )[0]
        first = now - dt.timedelta(weeks=10, hours=3)
        occurrences = [first + dt.timedelta(weeks=w) for w in range(11)]
        s.execute(
            insert(SessionAgendaItem),
            [
                {
                    "session_id": study_id,
                    "occurrence": when,
                    "task_id": task_ids[90 + w * 5 + k],
                    "added_by": ORGANIZER,
                    "added_at": when - dt.timedelta(days=1),
                }
                for w, when in enumerate(occurrences)
                for k in range(4)
            ],
        )
        s.execute(
            insert(SessionCheckin),
            [
                {"session_id": study_id, "occurrence": when, "username": n, "checked_in_at": when}
                for when in occurrences[:-1]
                for n in names[:20]
            ],
        )
        question_ids = _ids(
            s,
            Question,
            [
                {
                    "group_id": gid,
                    "title": f"How do I do step {i}?",
                    "body": "",
                    "author": names[2 + i],
                    "status": ("open", "answered", "resolved")[i % 3],
                    "created_at": start + dt.timedelta(days=3 * i),
                    "updated_at": start + dt.timedelta(days=3 * i),
                    "version": 1,
                }
                for i in range(24)
            ],
        )
        s.execute(
            insert(Answer),
            [
                {
                    "question_id": qid,
                    "group_id": gid,
                    "body": "Like this.",
                    "author": MENTOR,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for qid in question_ids[1::3]
            ],
        )
        s.execute(
            insert(Reflection),
            [
                {
                    "group_id": gid,
                    "milestone_id": milestone_ids[i % 3],
                    "round": "",
                    "author": names[2 + i],
                    "did": "Cleaned the data.",
                    "learned": "Look first.",
                    "hard": "",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for i in range(12)
            ],
        )
        s.execute(
            insert(Post),
            [
                {
                    "group_id": gid,
                    "author": names[2 + i],
                    "title": f"What we learned, part {i}",
                    "url": f"https://example.org/post/{i}",
                    "created_at": now,
                    "version": 1,
                }
                for i in range(5)
            ],
        )
        small = [
            _group(s, f"Small group {i}", now, created_by=ORGANIZER) for i in range(SMALL_GROUPS)
        ]
        s.execute(
            insert(Membership),
            [
                {"group_id": g, "username": n, "role": r, "joined_at": start, "version": 1}
                for g in small
                for n, r in ((ORGANIZER, "organizer"), (MENTOR, "mentor"))
            ],
        )
        _ids(
            s,
            Milestone,
            [
                {
                    "group_id": g,
                    "position": 0,
                    "title": "Start",
                    "goal": "",
                    "status": "active",
                    "resources": [],
                    "obstacles": "",
                    "solutions": "",
                    "created_at": start,
                    "version": 1,
                }
                for g in small
            ],
        )
        s.execute(
            insert(Question),
            [
                {
                    "group_id": g,
                    "title": "Where is the data?",
                    "body": "",
                    "author": ORGANIZER,
                    "status": "open",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for g in small
            ],
        )
    return LargeGroup(
        group_id=gid,
        organizer=ORGANIZER,
        mentor=MENTOR,
        participant=names[3],
        members=names,
        milestone_ids=milestone_ids,
        task_ids=task_ids,
        snapshot_count=snapshots,
        small_group_ids=small,
    )
