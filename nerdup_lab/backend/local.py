"""LocalBackend: runs the core on a database in this process.

Database work is synchronous SQLAlchemy, so every call goes to a worker thread and the
event loop never waits on the disk.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from ..config import NerdUp
from ..core import migrate
from ..core.db import Database, storage_name

T = TypeVar("T")


class LocalBackend:
    mode = "embedded"

    def __init__(self, db: Database, config: NerdUp, log: logging.Logger | None = None) -> None:
        self.db = db
        self.config = config
        self.log = log or logging.getLogger("nerdup_lab")

    @classmethod
    def open(cls, config: NerdUp, log: logging.Logger | None = None) -> LocalBackend:
        db = Database(config.db_url)
        # Start-up is before the event loop serves requests, so a blocking upgrade is fine.
        migrate.upgrade(db)
        return cls(db, config, log)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking core work off the event loop."""
        return await asyncio.to_thread(fn, *args)

    async def status(self) -> dict[str, Any]:
        return {"mode": self.mode, "storage": storage_name(self.db.engine)}

    async def close(self) -> None:
        await asyncio.to_thread(self.db.dispose)
