"""Calendars: a session's time zone, and the secret calendar-feed tokens of members.

Revision ID: 0009_calendars
Revises: 0008_per_member_tasks
Create Date: 2026-12-04

`study_sessions.timezone` is the IANA zone whose wall clock a weekly session keeps (a 19:00
Europe/Berlin meetup stays 19:00 in Berlin across a daylight-saving change). Sessions from
before this revision were stepped in UTC, so they get `UTC` and keep exactly the
occurrences they had; an organiser who edits one can name its zone.

`calendar_feeds` holds one row per feed URL a member was given: only the SHA-256 of its
token is stored, and a revoked row stays (with `revoked_at`) so the URL answers 404.

The table definitions are frozen here on purpose: never import the models in a migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_calendars"
down_revision = "0008_per_member_tasks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy (a copy of study_sessions on SQLite would
    # cascade-delete its check-ins and agenda with foreign keys on).
    op.add_column(
        "study_sessions",
        sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
    )
    op.create_table(
        "calendar_feeds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(255), sa.ForeignKey("users.username"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("token_hash", name="uq_calendar_feeds_token_hash"),
    )
    op.create_index("ix_calendar_feeds_username", "calendar_feeds", ["username"])


def downgrade() -> None:
    op.drop_index("ix_calendar_feeds_username", table_name="calendar_feeds")
    op.drop_table("calendar_feeds")
    op.drop_column("study_sessions", "timezone")
