"""People: a `users` row appears the first time someone writes anything."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import InvalidInput
from .models import User

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def username_problem(username: str) -> bool:
    """True if `username` cannot be stored: a NUL (PostgreSQL refuses it in text, SQLite
    keeps it and cuts names short elsewhere) or another control character."""
    return bool(_CONTROL.search(username))


def ensure_user(session: Session, username: str, display_name: str = "") -> User:
    """The user row for `username`, created (or its display name refreshed) as needed;
    400 for a name with a control character, which a display name simply loses."""
    fine = isinstance(username, str) and username.strip() and len(username) <= 255
    if not fine or username_problem(username):
        raise InvalidInput(
            "This user name cannot be used: it is empty, longer than 255 characters or has "
            "a NUL or control character.",
            fields={"username": "invalid"},
        )
    display_name = _CONTROL.sub("", display_name or "")[:255]
    user = session.get(User, username)
    if user is None:
        user = User(username=username, display_name=display_name or username)
        session.add(user)
        session.flush()
    elif display_name and user.display_name != display_name:
        user.display_name = display_name
    return user


def people(session: Session, usernames: Iterable[str | None]) -> dict[str, dict[str, str]]:
    """`{username: {"display_name": ...}}` for everyone an answer mentions, in one query
    whatever their number; a name with no `users` row (nobody wrote yet) shows as itself."""
    wanted = sorted({name for name in usernames if name})
    if not wanted:
        return {}
    found = {
        row.username: row.display_name
        for row in session.execute(
            select(User.username, User.display_name).where(User.username.in_(wanted))
        )
    }
    return {name: {"display_name": found.get(name) or name} for name in wanted}
