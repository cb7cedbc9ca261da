"""What every nerdup handler shares: identity, JSON in and out, and error mapping."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from jupyter_core.utils import ensure_async
from jupyter_server.auth.utils import HTTP_METHOD_TO_AUTH_ACTION
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado.web import HTTPError

from ..backend import Backend, Caller
from ..core import validate
from ..core.errors import NerdUpError

API_PREFIX = "nerdup/api/v1"
# What a deployment's Authorizer is asked about: `read` (GET) or `write` (the other
# methods) on this resource, plus `read`/`write` on "contents" for the routes that read or
# write files of this server's workspace (see `NerdUpHandler.workspace_action`).
AUTH_RESOURCE = "nerdup"
REFUSED = (
    "You may not use this server: it is not yours and its owner has not shared it with "
    "you (JupyterHub), or you are not logged in to it."
)


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

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        if self._finished:
            return
        # Before anything else: forwarding and workspace reads happen below and in the
        # handler, and `@authenticated` on the method would only run after this.
        await self.check_authorized()
        if not self.in_hub_mode or not self.forwards_this_request():
            return
        from .forward import forward_request

        await forward_request(self)

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

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "application/json")
        reason = self._reason or "Error"
        exc = kwargs.get("exc_info", (None, None, None))[1]
        message = exc.log_message if isinstance(exc, HTTPError) and exc.log_message else reason
        if status_code >= 500:
            message = "The nerdup server hit an internal error; the server log has the details."
        code = {401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "bad_method"}
        body = {"error": {"code": code.get(status_code, "error"), "message": message, "fields": {}}}
        self.finish(json.dumps(body))
