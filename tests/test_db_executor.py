"""Database work runs on its own executor (c.NerdUp.db_threads) and PostgreSQL's pool is
sized by c.NerdUp.db_pool_size (#21)."""

from __future__ import annotations

import threading

from nerdup_lab.backend.local import LocalBackend
from nerdup_lab.config import NerdUp


async def test_database_work_runs_on_the_configured_threads(db_url):
    backend = LocalBackend.open(NerdUp(db_url=db_url, db_threads=3, db_pool_size=5))
    try:
        names = {await backend.run(lambda: threading.current_thread().name) for _ in range(6)}
        assert names and all(name.startswith("nerdup-db") for name in names)
        assert backend.executor._max_workers == 3
        if backend.db.engine.dialect.name == "postgresql":
            assert backend.db.engine.pool.size() == 5  # type: ignore[attr-defined]
    finally:
        await backend.close()
