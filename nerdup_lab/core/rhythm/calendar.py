"""A member's iCalendar feed of their groups' sessions, at a secret, revocable URL (#19).

Calendar apps subscribe by URL and cannot log in, so the feed is found by its token alone:
`secrets.token_urlsafe` makes it, only its SHA-256 is stored (`calendar_feeds`), and a
member holds at most one live token: a new one revokes the last. A revoked or unknown token
is NotFound, the same answer for both.

Each session is one VEVENT with a stable UID (`session-<id>@nerdup-lab`), its start in its
own zone (TZID, with the VTIMEZONE the zone needs) and, when weekly, an RRULE, so the
calendar app keeps 19:00 Berlin at 19:00 Berlin across daylight-saving changes as the
server does (schedule.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

import icalendar
from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..models import Group, Membership, utcnow
from ..permissions import Action, require
from . import schedule, views
from .models import CalendarFeed, StudySession

PRODID = "-//nerdup-lab//sessions//EN"
SHOWN = ("forming", "active")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def feed_state(session: Session, username: str) -> dict[str, Any]:
    """Whether the member has a live feed URL (never the token: only its hash is kept)."""
    live = _live(session, username)
    return {"active": live is not None, "created_at": live.created_at.isoformat() if live else None}


def _live(session: Session, username: str) -> CalendarFeed | None:
    return session.scalars(
        select(CalendarFeed)
        .where(CalendarFeed.username == username, CalendarFeed.revoked_at.is_(None))
        .order_by(CalendarFeed.id.desc())
    ).first()


def revoke(session: Session, username: str) -> None:
    session.execute(
        update(CalendarFeed)
        .where(CalendarFeed.username == username, CalendarFeed.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def new_token(session: Session, username: str) -> dict[str, Any]:
    """A fresh token (shown this once); the member's earlier one stops working."""
    revoke(session, username)
    token = secrets.token_urlsafe(32)
    found = CalendarFeed(username=username, token_hash=token_hash(token))
    session.add(found)
    session.flush()
    return {"token": token, "active": True, "created_at": found.created_at.isoformat()}


def owner(session: Session, token: str) -> str:
    """Who a token belongs to; NotFound when it is unknown or revoked."""
    if not token or len(token) > 200:
        raise NotFound("No such calendar.")
    found = session.scalars(
        select(CalendarFeed).where(
            CalendarFeed.token_hash == token_hash(token), CalendarFeed.revoked_at.is_(None)
        )
    ).first()
    if found is None:
        raise NotFound("No such calendar.")
    return found.username


def feed(
    session: Session, token: str, group_id: int | None = None, community: bool = False
) -> bytes:
    """The iCalendar text of the sessions of the token owner's groups (or of one of them);
    `community` adds every open group's sessions, the community's evenings a newcomer may
    drop in on (members-only groups stay out unless the owner is in them)."""
    username = owner(session, token)
    mine = select(Membership.group_id).where(Membership.username == username)
    seen: ColumnElement[bool] = Group.id.in_(mine)
    if community:
        seen = or_(seen, Group.visibility == "open")
    query = (
        select(StudySession, Group)
        .join(Group, Group.id == StudySession.group_id)
        .where(seen, Group.status.in_(SHOWN))
        .order_by(StudySession.id)
    )
    if group_id is not None:
        require(session, group_id, username, Action.VIEW_GROUP)
        query = query.where(Group.id == group_id)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "nerdup community sessions" if community else "nerdup sessions")
    for study, group in session.execute(query).all():
        cal.add_component(_event(study, group))
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data


def _event(study: StudySession, group: Group) -> icalendar.Event:
    rule = views.rule(study)
    zone = schedule.zone(rule.timezone)
    event = icalendar.Event()
    event.add("uid", f"session-{study.id}@nerdup-lab")
    event.add("dtstamp", study.created_at)
    event.add("summary", study.title or f"{group.title}: session")
    start = study.starts_at.astimezone(zone)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=study.duration_minutes))
    if study.recurrence == "weekly":
        weekly: dict[str, Any] = {"freq": "weekly"}
        if study.repeat_until is not None:
            last = None
            for item in schedule.occurrences(rule):
                last = item
            if last is not None:  # RFC 5545: UNTIL is UTC when DTSTART has a TZID
                weekly["until"] = last.start.astimezone(dt.UTC)
        event.add("rrule", weekly)
    if study.place:
        event.add("location", study.place)
    if study.link:
        event.add("url", study.link)
    event.add("description", f"{group.title}" + (f"\n{study.link}" if study.link else ""))
    return event
