"""/groups/{id}/hub-group: link a study group to a JupyterHub group (a read-only import of
its members), and /groups/{id}/hub-group/sync to import them again.

Served by the hub service, which reads JupyterHub with its own token
(`settings["nerdup_hub_groups"]`, see `nerdup_lab.hub.hub_groups`). A user's server in
JupyterHub mode forwards these requests like any other; embedded, without a JupyterHub,
the writes answer 409 `needs_jupyterhub` and GET says `available: false`.
"""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from ..backend.local_hub_groups import FetchMembers
from ..core.hub_groups import NeedsJupyterHub
from .resource import ResourceHandler


class _HubGroupHandler(ResourceHandler):
    def hub_members(self) -> FetchMembers:
        """How this host reads a JupyterHub group's members; 409 where there is no Hub."""
        reader = self.settings.get("nerdup_hub_groups")
        if reader is None:
            raise NeedsJupyterHub(
                "Linking a JupyterHub group needs JupyterHub mode: this Jupyter server runs "
                "nerdup on its own, without a JupyterHub to read groups from "
                "(see docs/jupyterhub.md)."
            )
        fetch: FetchMembers = reader.members
        return fetch


class HubGroupLinkHandler(_HubGroupHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        link = await self.backend.get_hub_group_link(self.caller, gid)
        # Reading answers 200 everywhere, with `available` saying whether a link can be
        # made here: the lab's group view asks on every group it opens, and an embedded
        # server must not answer that with an error (the writes keep their 409).
        available = self.settings.get("nerdup_hub_groups") is not None
        self.send({**link, "available": available})

    @authenticated
    @authorized
    async def put(self, group_id: str) -> None:
        fetch = self.hub_members()
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.link_hub_group(self.caller, gid, self.json_body(), fetch))

    @authenticated
    @authorized
    async def delete(self, group_id: str) -> None:
        self.hub_members()
        gid = self.path_id(group_id, "group")
        await self.backend.unlink_hub_group(self.caller, gid)
        self.send_nothing()


class HubGroupSyncHandler(_HubGroupHandler):
    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        fetch = self.hub_members()
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.sync_hub_group(self.caller, gid, fetch))
