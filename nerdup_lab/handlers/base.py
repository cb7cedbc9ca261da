"""What every nerdup handler shares: identity, JSON in and out, and error mapping."""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

from jupyter_core.utils import ensure_async
from jupyter_server.auth.utils import HTTP_METHOD_TO_AUTH_ACTION
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado.web import HTTPError, stream_request_body

from ..backend import Backend, Caller
from ..core import validate
from ..core.errors import NerdUpError, TooLarge

API_PREFIX = "nerdup/api/v1"
# What a deployment's Authorizer is asked about: `read` (GET) or `write` (the other
# methods) on this resource, plus `read`/`write` on "contents" for the routes that read or
# write files of this server's workspace (see `NerdUpHandler.workspace_action`).
AUTH_RESOURCE = "nerdup"
REFUSED = (
    "You may not use this server: it is not yours and its owner has not shared it with "
    "you (JupyterHub), or you are not logged in to it."
)


# A JSON request body larger than this is refused with 413 while it streams in (before it
# is held in memory); routes that carry a notebook allow `max_snapshot_bytes` instead.
MAX_JSON_BODY = 4 * 1024 * 1024


@stream_request_body
class NerdUpHandler(ExtensionHandlerMixin, APIHandler):
    """Base of the REST handlers: a handler parses, calls one backend method, writes JSON.

    Identity comes from the application's identity provider: jupyter-server's (or
    JupyterHub's single-user one) in the extension, `nerdup_lab.hub.identity` in the hub
    service. In JupyterHub mode the extension does not run the handler at all: `prepare`
    forwards the request to the hub service (see `forward.py`).

    Who may use *this server* is decided first, in `prepare`, by the application's
    Authorizer (JupyterHub's single-user one honours `access:servers` and shares): a
    visitor without it gets 403 before a file is read or anything is forwarded. The
    methods carry `@authorized` too, as jupyter-server's own handlers do.
    """

    auth_resource = AUTH_RESOURCE

    # False for the few routes this server answers itself in hub mode (status, openapi).
    forward_in_hub_mode: ClassVar[bool] = True

    def forwards_this_request(self) -> bool:
        """Whether hub mode sends this request on as it came. A route that touches this
        server's workspace overrides it and calls the service for the database part."""
        return self.forward_in_hub_mode

    @property
    def in_hub_mode(self) -> bool:
        """True in a user's server whose data lives in the nerdup hub service."""
        return bool(getattr(self.settings["nerdup_backend"], "forwards", False))

    def workspace_action(self) -> str | None:
        """`read` or `write` when this request touches files of this server's workspace
        (the Authorizer is then asked about "contents" too); None for the others."""
        return None

    def body_limit(self) -> int:
        """The largest request body this route takes (413 above it)."""
        return MAX_JSON_BODY

    async def prepare(self) -> None:  # type: ignore[override]
        # The body streams in after this (`@stream_request_body`): nothing here reads it.
        self._body = bytearray()
        self._body_over = False
        await super().prepare()
        if self._finished:
            return
        # Before anything else: forwarding and workspace reads happen below and in the
        # handler, and `@authenticated` on the method would only run after this.
        await self.check_authorized()
        self._limit_body()
        method = (self.request.method or "GET").lower()
        handler = getattr(self, method, None)
        forwards = self.in_hub_mode and self.forwards_this_request()
        # Runs once the whole body is in, instead of the route's method: refuse a body that
        # went over the limit, then forward it (hub mode) or serve it here.
        if handler is not None or forwards:

            async def when_body_is_in(*args: Any, **kwargs: Any) -> None:
                self.request.body = self.body_bytes()
                if forwards:
                    from .forward import forward_request

                    await forward_request(self)
                elif handler is not None:
                    await ensure_async(handler(*args, **kwargs))

            setattr(self, method, when_body_is_in)

    def _limit_body(self) -> None:
        """413 at once when Content-Length says the body is too large; otherwise the body
        is counted as it arrives (`data_received`), so a chunked one is cut off too."""
        limit = self.body_limit()
        declared = self.request.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise TooLarge(self._too_large_message(int(declared), limit))
        connection: Any = self.request.connection
        if connection is not None and hasattr(connection, "set_max_body_size"):
            # Past twice the limit the connection itself gives up reading.
            connection.set_max_body_size(2 * limit + 64 * 1024)

    def _too_large_message(self, size: int | None, limit: int) -> str:
        got = f" ({size / 1e6:.1f} MB)" if size is not None else ""
        return f"The request body is too large{got}: this route takes at most {limit / 1e6:.1f} MB."

    def data_received(self, chunk: bytes) -> None:
        if self._body_over:
            return
        if len(self._body) + len(chunk) > self.body_limit():
            self._body_over = True
            self._body = bytearray()  # drop what came so far: it is refused anyway
            return
        self._body += chunk

    def body_bytes(self) -> bytes:
        """The whole request body (after streaming in); 413 if it went over the limit."""
        if getattr(self, "_body_over", False):
            raise TooLarge(self._too_large_message(None, self.body_limit()))
        return bytes(getattr(self, "_body", b""))

    async def check_authorized(self) -> None:
        """403 unless the Authorizer lets the current user do this request's action on
        the nerdup API, and on the workspace's contents if the request touches files.

        `current_user` is None for a request without a login and, under JupyterHub, for a
        valid token of a user without access to this server (JupyterHubIdentityProvider
        answers None for him); `visitor_token()` would still find his token, so this
        check is what keeps his request from being served.
        """
        method = (self.request.method or "").upper()
        if getattr(getattr(self, method.lower(), None), "__allow_unauthenticated", False):
            return
        user = self.current_user
        if not user:
            raise HTTPError(403, REFUSED)
        needed = [(HTTP_METHOD_TO_AUTH_ACTION.get(method, "write"), self.auth_resource)]
        files = None if self.settings.get("nerdup_hub_service") else self.workspace_action()
        if files is not None:
            needed.append((files, "contents"))
        for action, resource in needed:
            if not await ensure_async(self.authorizer.is_authorized(self, user, action, resource)):
                raise HTTPError(403, f"You are not allowed to {action} {resource} on this server.")

    async def forward_body(self) -> bytes:
        """The body sent on to the hub service; a handler whose request names something only
        this server has (a notebook path) overrides it to send the content instead."""
        body: bytes = self.request.body
        return body

    @property
    def backend(self) -> Backend:
        backend: Backend = self.settings["nerdup_backend"]
        return backend

    @property
    def caller(self) -> Caller:
        user = self.current_user
        if user is None:  # guarded by @authenticated; kept for type narrowing
            raise HTTPError(401)
        username = getattr(user, "username", None) or str(user)
        display = getattr(user, "display_name", "") or getattr(user, "name", "") or username
        if self.in_hub_mode:
            from .forward import visitor_token

            # The service decides who this is from the visitor's own token.
            return Caller(username=username, display_name=display, token=visitor_token(self))
        return Caller(username=username, display_name=display)

    def json_body(self) -> dict[str, Any]:
        """The request body as a JSON object, or 400 with a message that says what is wrong."""
        raw = self.request.body
        if not raw:
            return {}
        body = validate.loads(raw, "request body", by_field=True, not_json=NerdUpError)
        if not isinstance(body, dict):
            raise NerdUpError("The request body must be a JSON object.")
        return body

    def send(self, payload: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(payload, default=str))

    # Domain errors become their HTTP status with a JSON body {"error": {...}}; anything
    # else is a 500 whose body never carries a traceback.
    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, NerdUpError) and not self._finished:
            self.clear()
            self.set_status(e.status)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps(e.to_json(), default=str))
            return
        super()._handle_request_exception(e)

    def without_server_paths(self, message: str) -> str:
        """`message` (often a contents manager's) without this server's absolute paths:
        the root directory becomes the workspace, any other absolute path is cut."""
        root = str(getattr(self.settings.get("contents_manager"), "root_dir", "") or "")
        if root and root != "/":
            message = message.replace(root.rstrip("/") + "/", "").replace(root, "")
        return re.sub(r"(?<![\w.])/(?:[^\s/:'\"]+/)+[^\s:'\"]*", "<path>", message)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "application/json")
        reason = self._reason or "Error"
        exc = kwargs.get("exc_info", (None, None, None))[1]
        message = exc.log_message if isinstance(exc, HTTPError) and exc.log_message else reason
        message = self.without_server_paths(str(message))
        if status_code >= 500:
            message = "The nerdup server hit an internal error; the server log has the details."
        code = {401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "bad_method"}
        body = {"error": {"code": code.get(status_code, "error"), "message": message, "fields": {}}}
        self.finish(json.dumps(body))
