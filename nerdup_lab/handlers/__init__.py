"""Route table of the REST API. Each handler module holds one resource."""

from __future__ import annotations

from typing import Any

from .base import API_PREFIX
from .status import StatusHandler


def routes() -> list[tuple[str, type[Any]]]:
    def r(path: str) -> str:
        return f"/{API_PREFIX}{path}"

    return [
        (r("/status"), StatusHandler),
    ]
