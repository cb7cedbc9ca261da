"""Reading a JupyterHub group's members, with the service's own Hub API token.

Read-only: one `GET {JUPYTERHUB_API_URL}/groups/{name}`, never a write. The service's role
needs the `read:groups` scope (the group's `users` come with it; `read:groups:name` alone
shows the name only). Every failure becomes a JSON error that says who must do what:

- no such group (or one the role may not read): 404 naming the group;
- the role lacks the scope, or the Hub refuses the service's token: 502 naming the scope
  to add to the service's role;
- the Hub cannot be reached, or answers with a server error: 503.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from jupyterhub.services.auth import HubAuth

from ..backend.service_client import NoAnswer, ServiceClient
from ..core.errors import NotFound, Unavailable
from ..core.hub_groups import READ_SCOPE, HubMisconfigured

SCOPE_HINT = (
    f"ask the JupyterHub admin to add the scope `{READ_SCOPE}` to the nerdup service's role "
    "(c.JupyterHub.load_roles; see docs/jupyterhub.md) and restart the Hub."
)


class HubGroups:
    """Reads JupyterHub groups for the nerdup service (`settings["nerdup_hub_groups"]`)."""

    def __init__(
        self, api_url: str, api_token: str, *, timeout: float = 10.0, max_connections: int = 4
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.api_token = api_token
        self.timeout = timeout
        # The same kind of pooled, time-limited client as hub mode's forwarding.
        self.client = ServiceClient(timeout=timeout, max_connections=max_connections)

    @classmethod
    def from_hub_auth(cls, hub_auth: HubAuth, *, timeout: float = 10.0) -> HubGroups:
        """The Hub's API URL and the service's token, as HubAuth took them from the
        environment the Hub gives a service (`JUPYTERHUB_API_URL`, `JUPYTERHUB_API_TOKEN`)."""
        return cls(str(hub_auth.api_url), str(hub_auth.api_token or ""), timeout=timeout)

    async def close(self) -> None:
        await self.client.close()

    async def members(self, name: str) -> list[str]:
        """The user names in JupyterHub group `name`, sorted."""
        if not self.api_token:
            raise HubMisconfigured(
                "The nerdup service has no JupyterHub API token (JUPYTERHUB_API_TOKEN), so "
                "it cannot read JupyterHub groups."
            )
        url = f"{self.api_url}/groups/{quote(name, safe='')}"
        headers = {"Authorization": f"token {self.api_token}", "Accept": "application/json"}
        try:
            response = await self.client.send("GET", url, headers=headers)
        except NoAnswer as err:  # refused, reset, timed out
            raise self._unreachable(str(err)) from err
        if response.status == 404:
            raise NotFound(
                f"JupyterHub has no group “{name}” (or none the nerdup service may read). "
                "Check the name on the Hub's admin page."
            )
        if response.status in (401, 403):
            raise HubMisconfigured(
                f"JupyterHub refused to show the group “{name}” to the nerdup service "
                f"({response.status}): {SCOPE_HINT}"
            )
        if response.status != 200:
            raise Unavailable(
                f"JupyterHub answered {response.status} when asked for the group “{name}”. "
                "Nothing was changed; try again in a moment."
            )
        return self._usernames(name, response.body)

    def _unreachable(self, why: str) -> Unavailable:
        return Unavailable(
            f"JupyterHub's API ({self.api_url}) is not reachable: {why}. Nothing was "
            "changed; try again in a moment."
        )

    def _usernames(self, name: str, body: bytes) -> list[str]:
        try:
            model: Any = json.loads(body)
        except ValueError:
            model = None
        if not isinstance(model, dict):
            raise Unavailable(
                f"JupyterHub's answer for the group “{name}” is not a group. Nothing was "
                "changed; try again in a moment."
            )
        users = model.get("users")
        if not isinstance(users, list):
            # `read:groups:name` shows the name but not the members.
            raise HubMisconfigured(
                f"The nerdup service may see the JupyterHub group “{name}” but not its "
                f"members: {SCOPE_HINT}"
            )
        return sorted({str(u) for u in users if isinstance(u, str) and u})
