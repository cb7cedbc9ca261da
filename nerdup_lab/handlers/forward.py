"""JupyterHub mode: answer an API request by forwarding it to the nerdup hub service.

The one place where the extension talks to the service. It runs in the handlers' base
`prepare`, after this server has authenticated the request, and sends it on with the
token of the user who made it: `identity_provider.hub_auth.get_token(handler)` is the
visitor's OAuth token (cookie) or the token in his `Authorization` header, never the
server's `$JUPYTERHUB_API_TOKEN`, so on a shared server the visitor acts as himself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.errors import Unauthenticated

if TYPE_CHECKING:
    from ..backend.hub import HubBackend
    from .base import NerdUpHandler


def visitor_token(handler: NerdUpHandler) -> str:
    hub_auth: Any = getattr(handler.identity_provider, "hub_auth", None)
    token = hub_auth.get_token(handler) if hub_auth is not None else None
    if not token:
        raise Unauthenticated(
            "JupyterHub mode needs a JupyterHub login: this server found no Hub token for "
            "your request (is it running under jupyterhub-singleuser?)."
        )
    return str(token)


def api_path(handler: NerdUpHandler) -> str:
    """The request path below this server's base URL, e.g. `nerdup/api/v1/groups/3`."""
    path: str = handler.request.path
    base: str = handler.base_url
    return path[len(base) :] if path.startswith(base) else path.lstrip("/")


async def forward_request(handler: NerdUpHandler) -> None:
    backend: HubBackend = handler.settings["nerdup_backend"]
    reply = await backend.forward(
        handler.request.method or "GET",
        api_path(handler),
        handler.request.query,
        await handler.forward_body(),
        dict(handler.request.headers),
        visitor_token(handler),
    )
    handler.set_status(reply.status)
    for name, value in reply.headers.items():
        if name != "Content-Type":
            handler.set_header(name, value)
    if reply.status in (204, 304):
        handler.finish()
        return
    kind = reply.headers.get("Content-Type", "application/json")
    handler.finish(reply.body, set_content_type=kind)
