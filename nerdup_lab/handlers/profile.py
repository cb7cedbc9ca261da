"""GET/PUT /profile: embedded mode's lab user, its display name and avatar colour."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from ..core.errors import NerdUpError
from ..identity import ProfileError, ProfileStore, validate_profile
from .base import NerdUpHandler


class ProfileHandler(NerdUpHandler):
    forward_in_hub_mode = False  # hub mode's person is the Hub user; nothing to edit here

    def _store(self) -> ProfileStore | None:
        path = self.settings.get("nerdup_profile_path")
        if self.in_hub_mode or not path:
            return None
        return ProfileStore(Path(path), self.settings["nerdup_lab_username"])

    def _answer(self, store: ProfileStore | None) -> dict[str, Any]:
        caller = self.caller
        if store is None:
            return {
                "username": caller.username,
                "display_name": caller.display_name,
                "color": "",
                "editable": False,
            }
        profile = store.load()
        return {"username": store.username, **profile.as_json(), "editable": True}

    @authenticated
    @authorized
    async def get(self) -> None:
        self.send(self._answer(self._store()))

    @authenticated
    @authorized
    async def put(self) -> None:
        store = self._store()
        if store is None:
            raise NerdUpError(
                "This lab's person is its JupyterHub user; change the name in JupyterHub."
            )
        try:
            changes = validate_profile(self.json_body())
        except ProfileError as err:
            raise NerdUpError(err.message, fields={err.field: err.message}) from err
        store.save(changes)
        self.send(self._answer(store))
