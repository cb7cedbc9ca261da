"""Tables of the group rhythm (created by migration 0003_rhythm).

- ``study_sessions``: a scheduled co-coding session, once or weekly; occurrences are
  expanded from the rule on read, never stored.
- ``session_checkins`` / ``session_agenda`` / ``session_recaps``: per occurrence, named by
  the session id and the occurrence's start time.
- ``questions``, ``answers``, ``upvotes``: the group's Q&A.
- ``reflections``: a member's look back at a milestone or a learning-club round.
- ``posts``: blog posts a member links to the group's showcase.
- ``calendar_feeds``: a member's secret calendar-feed tokens, hashed (migration 0009).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..models import UTCDateTime, Versioned, utcnow
from ..snapshots import models as _snapshot_tables  # noqa: F401  (FKs to snapshots.id)

RECURRENCES = ("none", "weekly")
# What happens at an occurrence's end to the picks that were not finished.
UNFINISHED_PICKS = ("roll_over", "clear")
QUESTION_STATES = ("open", "answered", "accepted", "resolved")
UPVOTE_TARGETS = ("question", "answer")


class StudySession(Versioned, Base):
    __tablename__ = "study_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=90)
    place: Mapped[str] = mapped_column(String(500), default="")
    link: Mapped[str] = mapped_column(String(2000), default="")
    recurrence: Mapped[str] = mapped_column(String(20), default="none")
    # IANA zone whose wall clock a weekly session keeps (19:00 Berlin stays 19:00 Berlin).
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # Last day a weekly session happens (inclusive); None: until the rule is changed.
    repeat_until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # At an occurrence's end its unfinished picks go on the next one, or are dropped.
    unfinished_picks: Mapped[str] = mapped_column(String(20), default="roll_over")
    # End of the last occurrence whose "next session" flags were settled (see sessions.settle).
    settled_through: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.username"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SessionCheckin(Base):
    __tablename__ = "session_checkins"
    __table_args__ = (
        UniqueConstraint("session_id", "occurrence", "username", name="uq_session_checkins"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("study_sessions.id", ondelete="CASCADE"), index=True
    )
    occurrence: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    username: Mapped[str] = mapped_column(ForeignKey("users.username"))
    checked_in_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SessionAgendaItem(Base):
    __tablename__ = "session_agenda"
    __table_args__ = (
        UniqueConstraint("session_id", "occurrence", "task_id", name="uq_session_agenda"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("study_sessions.id", ondelete="CASCADE"), index=True
    )
    occurrence: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    added_by: Mapped[str] = mapped_column(String(255))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SessionRecap(Versioned, Base):
    """An edited recap; until someone edits it, the recap is generated on read."""

    __tablename__ = "session_recaps"
    __table_args__ = (UniqueConstraint("session_id", "occurrence", name="uq_session_recaps"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("study_sessions.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    occurrence: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    body: Mapped[str] = mapped_column(Text, default="")
    edited_by: Mapped[str] = mapped_column(String(255))
    edited_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Question(Versioned, Base):
    __tablename__ = "questions"
    __table_args__ = (Index("ix_questions_group_status", "group_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(ForeignKey("users.username"))
    # Optional anchor: a task, a snapshot, or one cell (by id) of a snapshot.
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("tasks.id", ondelete="SET NULL"), nullable=True
    )
    snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("snapshots.id", ondelete="SET NULL"), nullable=True
    )
    cell_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    accepted_answer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    answers: Mapped[list[Answer]] = relationship(
        back_populates="question",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Answer.id",
    )


class Answer(Versioned, Base):
    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(ForeignKey("users.username"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    question: Mapped[Question] = relationship(back_populates="answers")


class Upvote(Base):
    __tablename__ = "upvotes"
    __table_args__ = (
        UniqueConstraint("target", "target_id", "username", name="uq_upvotes_target_user"),
        Index("ix_upvotes_target", "target", "target_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    target: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(ForeignKey("users.username"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reflection(Versioned, Base):
    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # A learning-club round, named by the group (e.g. "Round 3"), when not a milestone.
    round: Mapped[str] = mapped_column(String(200), default="")
    author: Mapped[str] = mapped_column(ForeignKey("users.username"))
    did: Mapped[str] = mapped_column(Text, default="")
    learned: Mapped[str] = mapped_column(Text, default="")
    hard: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Post(Versioned, Base):
    """A blog post by a member, linked to the group's showcase."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(ForeignKey("users.username"))
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2000))
    snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("snapshots.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class CalendarFeed(Base):
    """A member's secret iCalendar feed URL: only the SHA-256 of its token is kept."""

    __tablename__ = "calendar_feeds"
    __table_args__ = (UniqueConstraint("token_hash", name="uq_calendar_feeds_token_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("users.username"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
