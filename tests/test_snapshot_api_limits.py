"""413 for a notebook over `c.NerdUp.max_snapshot_bytes`, naming the limit."""

from __future__ import annotations

from typing import Any

import nbformat
import pytest
from api_setup import new_group

from tests.snapshots.helpers import notebook


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    return {
        **jp_server_config,
        "NerdUp": {**jp_server_config["NerdUp"], "max_snapshot_bytes": 2000},
    }


async def test_notebook_over_the_limit_gets_413(api, jp_root_dir):
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    nbformat.write(nbformat.from_dict(notebook(["x = 1"])), jp_root_dir / "small.ipynb")
    assert (await alice.post(f"/groups/{gid}/snapshots", {"path": "small.ipynb"})).status == 201
    big = notebook(["x = '" + "a" * 5000 + "'"])
    nbformat.write(nbformat.from_dict(big), jp_root_dir / "big.ipynb")
    reply = await alice.post(f"/groups/{gid}/snapshots", {"path": "big.ipynb"})
    assert reply.status == 413
    assert "2000" in reply.error["message"]
    diff = await alice.get("/snapshots/1/diff", params={"path": "big.ipynb"})
    assert diff.status == 413
