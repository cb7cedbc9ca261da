"""A real JupyterHub for the end-to-end tests: configurable-http-proxy, SimpleLocalProcess
single-user servers for alice, bob and carol, and the nerdup service.

This folder is its own pytest run (`python -m pytest tests/hub --confcutdir=tests/hub
-p no:asyncio`): it must not load tests/conftest.py and its pytest-jupyter fixtures, and
the main run ignores it (tests/conftest.py: collect_ignore).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hubkit import Hub, LocalHub, ServiceProcess, free_port
from local_hub import CHP

USERS = ("alice", "bob", "carol")


def pytest_configure(config: pytest.Config) -> None:
    if not CHP.exists():
        pytest.exit(f"configurable-http-proxy missing: run `cd hub && jlpm install` ({CHP})", 2)


@pytest.fixture(scope="session")
def sqlite_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Hub, ServiceProcess]]:
    """The Hub with the nerdup service *external* on SQLite, so tests can restart it."""
    work: Path = tmp_path_factory.mktemp("hub")
    local = LocalHub(workdir=work, db_url=f"sqlite:///{work / 'nerdup.sqlite'}", managed=False)
    service = ServiceProcess(local, local.service_port, work / "nerdup-service.log")
    hub = Hub(local)
    try:
        service.start()  # first, or the Hub waits 30 s for an external service at start-up
        local.start()
        for user in USERS:
            hub.start_server(user)
        yield hub, service
    finally:
        if service.proc is not None and service.proc.poll() is None:
            service.stop()
        local.stop()


@pytest.fixture
def hub(sqlite_hub: tuple[Hub, ServiceProcess]) -> Hub:
    return sqlite_hub[0]


@pytest.fixture
def service(sqlite_hub: tuple[Hub, ServiceProcess]) -> ServiceProcess:
    return sqlite_hub[1]


__all__ = ["free_port"]
