"""Domain errors. Each maps to one HTTP status in the handlers and one exit code in the CLI."""

from __future__ import annotations

from typing import Any


class NerdUpError(Exception):
    """Base of every error a user can cause; its message says what to do next."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        fields: dict[str, str] | None = None,
        current: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        # The current state of a record, returned with 409 so the client can re-apply its edit.
        self.current = current

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message, "fields": self.fields}
        if self.current is not None:
            body["current"] = self.current
        return {"error": body}


class InvalidInput(NerdUpError):
    status = 400
    code = "invalid"


class Unauthenticated(NerdUpError):
    status = 401
    code = "unauthenticated"


class Forbidden(NerdUpError):
    status = 403
    code = "forbidden"


class NotFound(NerdUpError):
    status = 404
    code = "not_found"


class Conflict(NerdUpError):
    status = 409
    code = "conflict"


class Archived(Conflict):
    """A write to an archived group: the archive is read-only until an organizer brings
    the group back."""

    code = "archived"


class Finished(Conflict):
    """Joining a finished group to work in it: its round is over (following it is fine)."""

    code = "finished"


class TooLarge(NerdUpError):
    status = 413
    code = "too_large"


class Unavailable(NerdUpError):
    status = 503
    code = "unavailable"


class PreconditionRequired(NerdUpError):
    """A change to a versioned record came without `If-Match`; the client must say which
    version it edited so it never overwrites a change it has not seen."""

    status = 428
    code = "precondition_required"
