"""Loading records by id (404 when absent) and the optimistic-concurrency check.

Stale-write protection: a client sends the `version` it last saw as `If-Match`. When the
record has moved on, the write is refused with 409 and the current state, so the client can
show the other person's change and re-apply its own. Plan records (groups, milestones,
tasks) require `If-Match` on PATCH and DELETE (428 without it): the lab always has the
version at hand, and a silent overwrite of a teammate's edit is the worse failure.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import Base
from .errors import Conflict, NotFound, PreconditionRequired
from .models import Versioned
from .permissions import Action, require

R = TypeVar("R", bound=Base)
V = TypeVar("V", bound=Versioned)


def lock(session: Session, model: type[Base], record_id: int) -> None:
    """Lock one row until the transaction ends, before the caller reads what depends on it
    (PostgreSQL `SELECT ... FOR UPDATE`: a second writer of the same row waits here, then
    reads what the first committed). On SQLite SQLAlchemy drops the clause; a write
    transaction there begins IMMEDIATE and already holds the database's write lock.
    Call it before loading anything the rule reads, so nothing stale sits in the session."""
    session.execute(
        select(model.id).where(model.id == record_id).with_for_update()  # type: ignore[attr-defined]
    )


def get(session: Session, model: type[R], record_id: int, what: str) -> R:
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(f"There is no {what} {record_id}.")
    return record


def load_in_group(
    session: Session,
    model: type[R],
    record_id: int,
    what: str,
    username: str,
    action: Action,
    owners: Callable[[R], Collection[str]] | None = None,
) -> R:
    """A record of a group (it has `group_id`), if the caller may do `action` there.

    Where the caller may not even see the group (a members-only group), the answer is the
    one an unknown id gets, "There is no <what> <id>.", so such records never show that
    they exist. `owners` names who owns the record, for the table's OWN cells.
    """
    found = get(session, model, record_id, what)
    in_group: Any = found  # every model passed here has a group_id column
    try:
        require(
            session,
            in_group.group_id,
            username,
            action,
            owners=owners(found) if owners is not None else (),
        )
    except NotFound as err:
        raise NotFound(f"There is no {what} {record_id}.") from err
    return found


def check_version(
    record: V,
    if_match: int | None,
    current: Callable[[V], dict[str, Any]],
    *,
    required: bool = True,
) -> None:
    """Refuse a write based on a version other than the record's current one."""
    if if_match is None:
        if required:
            raise PreconditionRequired(
                "Send the version you edited in an `If-Match` header "
                f"(the current version is {record.version})."
            )
        return
    if if_match != record.version:
        raise Conflict(
            f"Someone changed this since you loaded it (you edited version {if_match}, "
            f"it is now at version {record.version}). Review the current state and retry.",
            current=current(record),
        )
