"""The hub service's snapshot routes, outside a Hub: it has no workspace, so a commit, a
diff against a file and a restore carry or return the notebook itself. What a user's server
sends is tested end to end in tests/hub; here, what the service does with bad input.

The service runs as tests/hub_service_kit.py starts it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_service_kit import Service, serve

from nerdup_lab.config import NerdUp

LIMIT = 20_000


def notebook(source: str) -> dict[str, Any]:
    cell = {"id": "c1", "cell_type": "code", "source": source, "metadata": {}}
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [{**cell, "outputs": [], "execution_count": None}],
    }


@pytest.fixture
def service(tmp_path: Path, jp_asyncio_loop: Any) -> Iterator[Service]:
    config = NerdUp(db_url=f"sqlite:///{tmp_path / 'nerdup.sqlite'}", max_snapshot_bytes=LIMIT)
    yield from serve(config, jp_asyncio_loop)


async def test_a_commit_carries_the_notebook_and_reads_back_exactly(service: Service) -> None:
    gid = await service.group()
    nb = notebook("x = 1")
    status, snap = await service.call(
        "POST", f"/groups/{gid}/snapshots", {"path": "a.ipynb", "message": "m", "notebook": nb}
    )
    assert status == 201, snap
    status, back = await service.call("GET", f"/snapshots/{snap['id']}/notebook")
    assert status == 200 and back == nb


async def test_a_commit_without_a_notebook_or_over_the_limit_is_refused(service: Service) -> None:
    gid = await service.group()
    status, missing = await service.call("POST", f"/groups/{gid}/snapshots", {"path": "a.ipynb"})
    assert status == 400
    assert missing["error"]["fields"] == {"notebook": "required"}
    big = notebook("x = '" + "y" * LIMIT + "'")
    status, refused = await service.call(
        "POST", f"/groups/{gid}/snapshots", {"path": "a.ipynb", "notebook": big}
    )
    assert status == 413
    assert "c.NerdUp.max_snapshot_bytes = 20000" in refused["error"]["message"]
    status, listed = await service.call("GET", f"/groups/{gid}/snapshots")
    assert status == 200 and listed["items"] == []


async def test_a_diff_takes_the_notebook_from_the_body(service: Service) -> None:
    gid = await service.group()
    nb = notebook("x = 1")
    _, snap = await service.call(
        "POST", f"/groups/{gid}/snapshots", {"path": "a.ipynb", "notebook": nb}
    )
    status, diff = await service.call(
        "POST", f"/snapshots/{snap['id']}/diff", {"notebook": notebook("x = 2"), "path": "a.ipynb"}
    )
    assert status == 200, diff
    assert diff["summary"]["modified"] == 1
    big = notebook("x = '" + "y" * LIMIT + "'")
    status, _ = await service.call("POST", f"/snapshots/{snap['id']}/diff", {"notebook": big})
    assert status == 413


async def test_a_restore_needs_the_target_and_answers_with_the_notebook(service: Service) -> None:
    gid = await service.group()
    nb = notebook("x = 1")
    _, snap = await service.call(
        "POST", f"/groups/{gid}/snapshots", {"path": "a.ipynb", "notebook": nb}
    )
    status, refused = await service.call("POST", f"/snapshots/{snap['id']}/restore", {})
    assert status == 400 and refused["error"]["fields"] == {"target": "required"}
    status, restored = await service.call(
        "POST", f"/snapshots/{snap['id']}/restore", {"target": "copy.ipynb"}
    )
    assert status == 201, restored
    assert restored["path"] == "copy.ipynb" and restored["notebook"] == nb
