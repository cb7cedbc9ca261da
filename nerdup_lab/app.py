"""The jupyter-server extension: wires configuration, the backend and the routes."""

from __future__ import annotations

from typing import Any

from jupyter_server.extension.application import ExtensionApp
from traitlets import Instance

from ._version import __version__
from .config import NerdUp
from .core import migrate
from .events import register_schemas
from .handlers import routes


class NerdUpExtension(ExtensionApp):
    """Serves the nerdup REST API under `<base_url>/nerdup/api/v1/`."""

    name = "nerdup_lab"
    description = __doc__ or ""
    classes = [NerdUp]

    settings_obj = Instance(NerdUp, allow_none=True)

    def initialize_settings(self) -> None:
        from .backend.factory import make_backend

        self.settings_obj = NerdUp(parent=self)
        # Schemas first: the backend emits activity events as soon as it serves writes.
        if self.serverapp is not None:
            register_schemas(self.serverapp.event_logger)
        backend = make_backend(self.settings_obj, self.serverapp, self.log)
        self.settings.update(
            {
                "nerdup_backend": backend,
                "nerdup_config": self.settings_obj,
                "nerdup_version": __version__,
            }
        )
        if backend.mode == "embedded" and self.serverapp is not None:
            self._install_identity()
        where = self.settings_obj.hub_url or migrate.redacted(self.settings_obj.db_url)
        self.log.info("nerdup-lab %s: %s mode, %s", __version__, backend.mode, where)

    def _install_identity(self) -> None:
        from pathlib import Path

        from .identity import install_lab_identity, os_account

        assert self.settings_obj is not None and self.serverapp is not None
        username = self.settings_obj.lab_username or os_account()
        profile = Path(self.settings_obj.data_dir) / "profile.json"
        if install_lab_identity(self.serverapp, username, profile):
            # The extension's settings are merged into the web application's after this.
            self.settings["identity_provider"] = self.serverapp.identity_provider
            self.log.info("nerdup-lab: this lab's user is %s (profile in %s)", username, profile)
        self.settings["nerdup_profile_path"] = str(profile)
        self.settings["nerdup_lab_username"] = username

    def initialize_handlers(self) -> None:
        self.handlers.extend(routes())

    async def _start_jupyter_server_extension(self, serverapp: Any) -> None:
        # Background work (hub mode's event stream) starts once the event loop runs.
        start = getattr(self.settings.get("nerdup_backend"), "start", None)
        if start is not None:
            start()

    async def stop_extension(self) -> None:
        backend: Any = self.settings.get("nerdup_backend")
        if backend is not None:
            await backend.close()
