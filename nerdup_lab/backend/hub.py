"""HubBackend: JupyterHub mode. The nerdup hub service owns the data; this server forwards.

Forwarding happens at the HTTP level, in one place: the handlers' base sends the request
as it came (method, path under `nerdup/api/v1/`, query, JSON body, If-Match) to the
service with the *visiting* user's own JupyterHub token, and writes the service's answer
back. So every route the API grows works in hub mode without a line here, and identity is
decided by the Hub, never by this server (with JupyterHub sharing, the visitor on Alice's
server acts as himself, not as Alice). See docs/hub-mode.md.

The only `Backend` methods implemented here are those of the routes that also touch this
server's workspace (restore, open a group notebook, diff against the saved file): their
handlers do the file part locally and call these for the database part, as the caller.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from ..config import NerdUp
from ..core.errors import NerdUpError, Unauthenticated, Unavailable
from ..events import ACTIVITY_SCHEMA_ID
from .base import Caller
from .hub_relay import EventRelay
from .service_client import NoAnswer, ServiceClient

# Headers that carry meaning between the lab and the service, both ways.
REQUEST_HEADERS = ("Content-Type", "If-Match", "Accept", "Idempotency-Key")
RESPONSE_HEADERS = ("Content-Type", "ETag", "Location", "Content-Disposition")
# Set by the service on every response (see nerdup_lab/hub/app.py).
SERVICE_HEADER = "X-Nerdup-Service"
BODY_METHODS = ("POST", "PATCH", "PUT")
HEALTH_TIMEOUT_SECONDS = 3.0


class ServiceRefused(NerdUpError):
    """The service answered with an error; its status and JSON error reach the client as
    they came, so the message the user reads is the service's own."""

    def __init__(self, status: int, body: bytes) -> None:
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = {}
        error = parsed.get("error", {}) if isinstance(parsed, dict) else {}
        error = error if isinstance(error, dict) else {}
        super().__init__(
            str(error.get("message") or f"The nerdup service refused (HTTP {status}).")
        )
        self.status = status
        self.code = str(error.get("code", "error"))
        self.fields = dict(error.get("fields") or {})
        self.current = error.get("current")


@dataclass
class Forwarded:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


Json = dict[str, Any]


class HubBackend:
    mode = "hub"
    # Tells the handlers' base to forward the request instead of calling a method.
    forwards = True

    def __init__(
        self,
        config: NerdUp,
        server_token: str,
        log: logging.Logger | None = None,
        event_logger: Any = None,
    ) -> None:
        self.hub_url = config.hub_url if config.hub_url.endswith("/") else config.hub_url + "/"
        self.log = log or logging.getLogger("nerdup_lab")
        self.event_logger = event_logger
        # Forwarded requests and the health check share one pooled client; the event
        # stream (the relay) keeps its own connection, so neither starves the other.
        self.client = ServiceClient(
            timeout=config.hub_request_timeout, max_connections=config.hub_max_connections
        )
        self.relay = EventRelay(
            self.hub_url + "nerdup/api/v1/events", server_token, self._relay, self.log
        )

    def start(self) -> None:
        """Open the event stream; called once the server's event loop runs."""
        if self.relay.token:
            self.relay.start()
        else:
            self.log.warning("nerdup: no $JUPYTERHUB_API_TOKEN, so no live updates from the hub")

    def _relay(self, event: dict[str, Any]) -> None:
        if self.event_logger is None:
            return
        try:
            self.event_logger.emit(schema_id=ACTIVITY_SCHEMA_ID, data=event)
        except Exception:  # a live-update hiccup must never stop the relay
            self.log.exception("nerdup: could not relay hub event %s", event.get("activity_id"))

    def unreachable(self, why: str) -> Unavailable:
        return Unavailable(
            f"The nerdup hub service ({self.hub_url}) is not reachable: {why}. "
            "Nothing was changed; try again in a moment, it reconnects by itself."
        )

    async def forward(
        self, method: str, path: str, query: str, body: bytes, headers: dict[str, str], token: str
    ) -> Forwarded:
        """Send one API request to the service as the user who owns `token`."""
        url = self.hub_url + path.lstrip("/") + (f"?{query}" if query else "")
        sent = {k: v for k, v in headers.items() if k in REQUEST_HEADERS}
        sent["Authorization"] = f"token {token}"
        try:
            answer = await self.client.send(
                method,
                url,
                headers=sent,
                body=body if body or method in BODY_METHODS else None,
            )
        except NoAnswer as err:  # refused, reset, timed out, every connection busy
            raise self.unreachable(str(err)) from err
        if SERVICE_HEADER not in answer.headers:
            # The proxy's or the Hub's own page: the service itself did not answer.
            raise self.unreachable(f"HTTP {answer.status} from the proxy")
        kept = {k: answer.headers[k] for k in RESPONSE_HEADERS if k in answer.headers}
        return Forwarded(answer.status, answer.body, kept)

    async def call(
        self,
        caller: Caller,
        method: str,
        path: str,
        query: dict[str, str] | None = None,
        body: Json | None = None,
    ) -> Json:
        """One JSON request to the service as `caller` (his own token); the answer's JSON,
        or `ServiceRefused` carrying the service's error."""
        if not caller.token:
            raise Unauthenticated("JupyterHub mode needs the caller's JupyterHub token.")
        sent = json.dumps(body).encode() if body is not None else b""
        reply = await self.forward(
            method,
            f"nerdup/api/v1/{path}",
            urlencode(query or {}),
            sent,
            {"Content-Type": "application/json", "Accept": "application/json"},
            caller.token,
        )
        if reply.status >= 400:
            raise ServiceRefused(reply.status, reply.body)
        found: Json = json.loads(reply.body) if reply.body else {}
        return found

    # The database half of the workspace routes (see the module docstring).

    async def get_snapshot(self, caller: Caller, snapshot_id: int) -> Json:
        return await self.call(caller, "GET", f"snapshots/{snapshot_id}")

    async def latest_snapshot(
        self, caller: Caller, group_id: int, path: str, author: str | None
    ) -> Json:
        query = {"path": path, **({"author": author} if author else {})}
        return await self.call(caller, "GET", f"groups/{group_id}/notebooks/latest", query)

    async def get_snapshot_notebook(self, caller: Caller, snapshot_id: int) -> Json:
        """The committed notebook, saved here before the restore is recorded there."""
        return await self.call(caller, "GET", f"snapshots/{snapshot_id}/notebook")

    async def restore_snapshot(self, caller: Caller, snapshot_id: int, target: str) -> Json:
        """Records the restore in the service; the notebook comes back to be saved here."""
        body = {"target": target}
        return await self.call(caller, "POST", f"snapshots/{snapshot_id}/restore", body=body)

    async def diff_snapshot_with_notebook(
        self, caller: Caller, a: int, notebook: Json, path: str, include_metadata: bool = False
    ) -> Json:
        body = {"notebook": notebook, "path": path, "include_metadata": include_metadata}
        return await self.call(caller, "POST", f"snapshots/{a}/diff", body=body)

    async def health(self) -> dict[str, Any]:
        """The service's health answer, or why it could not be had."""
        try:
            # Quick: the status line must not hang on a stalled service.
            answer = await self.client.send(
                "GET",
                self.hub_url + "nerdup/api/v1/health",
                timeout=min(self.client.timeout, HEALTH_TIMEOUT_SECONDS),
            )
        except NoAnswer as err:
            return {"reachable": False, "message": str(err)}
        if answer.status != 200:
            return {"reachable": False, "message": f"HTTP {answer.status}"}
        try:
            found: dict[str, Any] = json.loads(answer.body)
        except ValueError:
            return {"reachable": False, "message": "the answer is not the nerdup service's"}
        return {"reachable": True, **found}

    async def status(self) -> dict[str, Any]:
        health = await self.health()
        hub: dict[str, Any] = {
            "url": self.hub_url,
            "reachable": health["reachable"],
            "live_updates": self.relay.live,
        }
        if not health["reachable"]:
            hub["message"] = str(self.unreachable(health["message"]))
        elif not self.relay.live and self.relay.last_error:
            # e.g. HTTP 403: the server token lacks the access scope (server_token_scopes).
            hub["live_updates_error"] = self.relay.last_error
        return {
            "mode": self.mode,
            "storage": health.get("storage", "unknown"),
            "public_pages": health.get("public_pages") is True,
            "hub": hub,
        }

    async def close(self) -> None:
        await self.relay.stop()
        await self.client.close()

    def __getattr__(self, name: str) -> Any:
        # A Backend method reached in hub mode means a handler skipped forwarding.
        raise AttributeError(
            f"HubBackend forwards at the HTTP level; {name!r} is never called in hub mode."
        )
