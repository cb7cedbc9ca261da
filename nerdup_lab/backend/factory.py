"""Choose the backend from configuration: hub mode when `c.NerdUp.hub_url` is set."""

from __future__ import annotations

import logging
import os
from typing import Any, cast

from ..config import NerdUp
from .base import Backend
from .hub import HubBackend
from .local import LocalBackend


def make_backend(config: NerdUp, serverapp: Any, log: logging.Logger) -> Backend:
    event_logger = getattr(serverapp, "event_logger", None)
    if config.hub_url:
        # HubBackend answers at the HTTP level (the handlers' base forwards every request),
        # so it implements none of the protocol's per-operation methods.
        hub = HubBackend(config, os.environ.get("JUPYTERHUB_API_TOKEN", ""), log, event_logger)
        if hub.relay.token:
            # Before the server listens: every event from now on reaches this server's lab.
            hub.relay.take_cursor()
        return cast(Backend, hub)
    return LocalBackend.open(config, log=log, event_logger=event_logger)
