"""Who is calling the hub service: the JupyterHub user behind the request's token.

The REST handlers are jupyter-server handlers; they read `current_user` from the
application's identity provider. In the extension that provider is jupyter-server's own
(or JupyterHub's single-user one); in the service it is this class, so the very same
handler classes serve both hosts without a copy.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.identity import IdentityProvider, User
from jupyterhub.services.auth import HubAuth
from tornado.web import HTTPError
from traitlets import Instance, default


def allows_anonymous(handler: Any) -> bool:
    """Whether the method about to run carries `@allow_unauthenticated` (the same mark
    `JupyterHandler.prepare` reads to let a request without a user through)."""
    method = getattr(handler, (handler.request.method or "").lower(), None)
    return bool(getattr(method, "__allow_unauthenticated", False))


class HubTokenIdentityProvider(IdentityProvider):
    """Resolves `Authorization: token <t>` through the Hub (cached by HubAuth).

    HubAuth answers for any valid token, even one that may not use this service, so the
    access scope is checked here: a token without `access:services!service=<name>` gets
    403, a missing or unknown token 401. Only user tokens act here: the identity of every
    change comes from the token's user, never from the request body.

    A handler method marked with jupyter-server's `@allow_unauthenticated` (the public
    page of an open group) asks for nobody: it is served anonymously, whatever token the
    request carries or lacks, without a call to the Hub.
    """

    hub_auth = Instance(HubAuth)

    @default("hub_auth")
    def _default_hub_auth(self) -> HubAuth:
        return HubAuth(parent=self)

    async def get_user(self, handler: Any) -> User | None:
        if allows_anonymous(handler):
            return None
        token = self.hub_auth.get_token(handler, in_cookie=False)
        if not token:
            raise HTTPError(401, "Send a JupyterHub token: Authorization: token <token>.")
        model = await self.hub_auth.user_for_token(token, sync=False)
        if model is None:
            raise HTTPError(401, "JupyterHub does not know this token (expired or revoked?).")
        if model.get("kind", "user") != "user":
            raise HTTPError(403, "Only user tokens may use the nerdup service.")
        if not self.hub_auth.check_scopes(self.hub_auth.access_scopes, model):
            scopes = ", ".join(sorted(self.hub_auth.access_scopes))
            raise HTTPError(
                403, f"This token lacks the scope to use the nerdup service ({scopes})."
            )
        name = str(model["name"])
        return User(username=name, name=name, display_name=name)

    # Every request carries a token, never a cookie: no XSRF or origin checks apply.
    def is_token_authenticated(self, handler: Any) -> bool:
        return True

    def should_check_origin(self, handler: Any) -> bool:
        return False

    @property
    def auth_enabled(self) -> bool:
        return True

    @property
    def login_available(self) -> bool:
        return False
