"""Back-dating: while a `DemoClock` is set on a session, every record it inserts, and every
`done_at`/`decided_at` it sets, gets the clock's time instead of now.

The demo uses this to spread a community's history over past weeks while still going
through the ordinary service functions (permissions, activity, snapshot storage).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

CREATED = ("created_at", "created", "joined_at", "claimed_at", "marked_at")
CHANGED = ("done_at", "decided_at")


class DemoClock:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.now: dt.datetime | None = None
        event.listen(session, "before_flush", self._stamp)

    def set(self, when: dt.datetime) -> None:
        self.now = when

    def close(self) -> None:
        event.remove(self.session, "before_flush", self._stamp)

    def _stamp(self, session: Session, _context: Any, _instances: Any) -> None:
        if self.now is None:
            return
        for obj in session.new:
            for name in CREATED:
                if hasattr(obj, name):
                    setattr(obj, name, self.now)
        for obj in session.dirty:
            state = inspect(obj)
            for name in CHANGED:
                changed = name in state.attrs and state.attrs[name].history.has_changes()
                if changed and getattr(obj, name) is not None:
                    setattr(obj, name, self.now)
