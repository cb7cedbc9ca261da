"""The Backend protocol: every operation the REST API offers, as one async method."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Caller:
    """Who is asking. Built by the handlers from the server's identity provider, never
    from a request body."""

    username: str
    display_name: str = ""
    # In hub mode: the caller's own JupyterHub token, forwarded to the service.
    token: str | None = None


class Backend(Protocol):
    mode: str  # "embedded" or "hub"

    async def status(self) -> dict[str, Any]:
        """Mode and storage description for `GET /status`."""
        ...

    async def close(self) -> None: ...
