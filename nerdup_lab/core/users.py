"""People: a `users` row appears the first time someone writes anything."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .models import User


def ensure_user(session: Session, username: str, display_name: str = "") -> User:
    """The user row for `username`, created (or its display name refreshed) as needed."""
    user = session.get(User, username)
    if user is None:
        user = User(username=username, display_name=display_name or username)
        session.add(user)
        session.flush()
    elif display_name and user.display_name != display_name:
        user.display_name = display_name
    return user
