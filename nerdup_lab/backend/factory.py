"""Choose the backend from configuration: hub mode when `c.NerdUp.hub_url` is set."""

from __future__ import annotations

import logging
from typing import Any

from ..config import NerdUp
from .base import Backend
from .local import LocalBackend


def make_backend(config: NerdUp, serverapp: Any, log: logging.Logger) -> Backend:
    if config.hub_url:
        raise NotImplementedError("JupyterHub mode is not available yet in this release.")
    return LocalBackend.open(config, log=log, event_logger=getattr(serverapp, "event_logger", None))
