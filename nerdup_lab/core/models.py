"""The tables of the study-group domain, as typed SQLAlchemy 2 models.

Table names are a contract (other modules and migrations refer to them). Every editable
record has a `version` column: SQLAlchemy bumps it on each UPDATE and refuses an UPDATE
whose version moved underneath it, which backs the API's If-Match check against races.

The migrations in `nerdup_lab/migrations/` hold their own frozen copies of these tables;
change a table here only together with a new migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from .db import Base

# Choices, kept as plain strings in the database so a new value needs no enum migration.
GROUP_STATUSES = ("forming", "active", "finished", "archived")
VISIBILITIES = ("open", "members")
ADOPTION_RULES = ("organizer", "majority")
# How a person becomes a participant of an open group: joins at once, or asks an organizer.
JOIN_RULES = ("anyone", "request")
JOIN_REQUEST_STATUSES = ("pending", "accepted", "declined", "withdrawn")
ROLES = ("organizer", "participant", "follower", "mentor")
MILESTONE_STATUSES = ("planned", "active", "done")
TASK_STATUSES = ("todo", "doing", "done")
PROPOSAL_STATUSES = ("open", "adopted", "rejected")
VOTE_VALUES = ("up", "down")
PROPOSAL_KINDS = ("milestone", "task")
# Where an adopted milestone proposal goes: after the current stage, after a named one, last.
PROPOSAL_PLACES = ("after_current", "after", "last")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on every database.

    SQLite drops the timezone on the way back; this puts UTC back so the API always
    answers with an explicit offset.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


class User(Base):
    """A person as the identity provider names them; created on their first write."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(255), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(255), default="")
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Versioned:
    """Mixin: an integer `version` that SQLAlchemy checks and bumps on every UPDATE."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Group(Versioned, Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="forming")
    visibility: Mapped[str] = mapped_column(String(20), default="open")
    adoption_rule: Mapped[str] = mapped_column(String(20), default="organizer")
    join_rule: Mapped[str] = mapped_column(String(20), default="anyone", server_default="anyone")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.username"))

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="group", cascade="all, delete-orphan", passive_deletes=True
    )
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="group",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Milestone.position",
    )


class Membership(Versioned, Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("group_id", "username", name="uq_memberships_group_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    username: Mapped[str] = mapped_column(ForeignKey("users.username"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    joined_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # An organizer who mentors the group too (migration 0013): listed among its mentors and
    # sees it in the mentoring overview. Always false for the other roles.
    also_mentor: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    group: Mapped[Group] = relationship(back_populates="memberships")


class Milestone(Versioned, Base):
    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    resources: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    obstacles: Mapped[str] = mapped_column(Text, default="")
    solutions: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    group: Mapped[Group] = relationship(back_populates="milestones")
    tasks: Mapped[list[Task]] = relationship(
        back_populates="milestone",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Task.id",
    )


class Task(Versioned, Base):
    __tablename__ = "tasks"
    __table_args__ = (CheckConstraint("weight > 0", name="ck_tasks_weight_positive"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    milestone_id: Mapped[int] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), index=True
    )
    # Denormalised from the milestone so permission checks and feeds need no join.
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="todo")
    next_session: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set for a personal task: visible to the group, edited by its owner.
    owner: Mapped[str | None] = mapped_column(ForeignKey("users.username"), nullable=True)
    # "Everyone does this one" (a template's `scope: personal`, migration 0008): each
    # member does it separately and marks their own completion (TaskCompletion).
    per_member: Mapped[bool] = mapped_column(Boolean, default=False)
    notebooks: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.username"))
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Who marked it done (migration 0008): the person credited when nobody claimed it.
    done_by: Mapped[str | None] = mapped_column(String(255), nullable=True)

    milestone: Mapped[Milestone] = relationship(back_populates="tasks")
    claims: Mapped[list[TaskClaim]] = relationship(
        back_populates="task",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="TaskClaim.id",
    )
    completions: Mapped[list[TaskCompletion]] = relationship(
        back_populates="task",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="TaskCompletion.id",
    )


class TaskCompletion(Base):
    """One member's completion of an "everyone does this one" task: its own row, so members
    finishing at once never conflict, and marking it twice is harmless."""

    __tablename__ = "task_completions"
    __table_args__ = (
        UniqueConstraint("task_id", "username", name="uq_task_completions_task_user"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    username: Mapped[str] = mapped_column(ForeignKey("users.username"), index=True)
    done_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    task: Mapped[Task] = relationship(back_populates="completions")


class TaskClaim(Base):
    __tablename__ = "task_claims"
    __table_args__ = (UniqueConstraint("task_id", "username", name="uq_task_claims_task_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    username: Mapped[str] = mapped_column(ForeignKey("users.username"), index=True)
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    task: Mapped[Task] = relationship(back_populates="claims")


class Proposal(Versioned, Base):
    """A proposed milestone, or a proposed task for one milestone (`kind`), decided by the
    group's adoption rule."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_by: Mapped[str] = mapped_column(ForeignKey("users.username"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    # The milestone an adopted proposal became (a task proposal: the task's milestone).
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="SET NULL"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="milestone")
    # A milestone proposal: where it goes once adopted (`after_milestone_id` with "after").
    place: Mapped[str] = mapped_column(String(20), default="after_current")
    after_milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="SET NULL"), nullable=True
    )
    # A task proposal: the milestone it is for (deleting that milestone deletes the
    # proposal with the milestone's tasks), its flag, and the task it became.
    for_milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), nullable=True, index=True
    )
    description: Mapped[str] = mapped_column(Text, default="")
    next_session: Mapped[bool] = mapped_column(Boolean, default=False)
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("tasks.id", ondelete="SET NULL"), nullable=True
    )

    votes: Mapped[list[Vote]] = relationship(
        back_populates="proposal",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Vote.id",
    )


class Vote(Base):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("proposal_id", "username", name="uq_votes_proposal_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), index=True
    )
    username: Mapped[str] = mapped_column(ForeignKey("users.username"))
    value: Mapped[str] = mapped_column(String(10), default="up")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    proposal: Mapped[Proposal] = relationship(back_populates="votes")


class Activity(Base):
    """One change in a group: who did what, when. Append-only, so not versioned."""

    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_group_id_id", "group_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    actor: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class JoinRequest(Base):
    """A person's request to join an open group whose join rule is "request" (#14).

    One row per person and group: asking again after a decline or a withdrawal reopens the
    same row, so "pending" is unique per person by construction. Who decided and when is
    kept on the row; the group's activity feed holds the history."""

    __tablename__ = "join_requests"
    __table_args__ = (UniqueConstraint("group_id", "username", name="uq_join_requests_group_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    username: Mapped[str] = mapped_column(ForeignKey("users.username"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.username"), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
