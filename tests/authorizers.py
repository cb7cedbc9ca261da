"""A deployment's Authorizer, as tests need one: it refuses what the request's
`X-Nerdup-Test-Deny` header lists (`action:resource`, comma separated, e.g.
`write:contents`), so one server can play a read-only share, a denied visitor and a
normal user."""

from __future__ import annotations

from typing import Any

from jupyter_server.auth import Authorizer

DENY_HEADER = "X-Nerdup-Test-Deny"


class HeaderAuthorizer(Authorizer):
    asked: list[tuple[str, str, str]] = []  # (user, action, resource), newest last

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
        HeaderAuthorizer.asked.append((user.username, action, resource))
        denied = handler.request.headers.get(DENY_HEADER, "")
        return f"{action}:{resource}" not in {d.strip() for d in denied.split(",")}
