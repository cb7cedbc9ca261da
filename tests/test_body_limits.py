"""Request bodies are limited while they stream in (issue #12): a body whose Content-Length
is over the route's limit is refused with 413 before any of it is read, and a chunked one
is counted as it arrives and refused once it goes over, without being kept."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from api_setup import new_group

from nerdup_lab.handlers import base

USER_HEADER = "X-Test-User"


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    return {
        **jp_server_config,
        "NerdUp": {**jp_server_config["NerdUp"], "max_snapshot_bytes": 50_000},
    }


def _big_json(size: int) -> bytes:
    return json.dumps({"title": "t", "description": "x" * size}).encode()


async def _post(jp_fetch: Callable[..., Any], path: str, **kw: Any) -> tuple[int, Any]:
    reply = await jp_fetch(
        f"nerdup/api/v1{path}",
        method="POST",
        headers={USER_HEADER: "alice", "Content-Type": "application/json"},
        raise_error=False,
        **kw,
    )
    return reply.code, json.loads(reply.body) if reply.body else None


async def test_a_body_over_the_limit_is_413_from_its_content_length(api, jp_fetch) -> None:
    alice = api("alice")
    gid = (await new_group(alice))["id"]
    status, body = await _post(jp_fetch, "/groups", body=_big_json(base.MAX_JSON_BODY + 10))
    assert status == 413, body
    assert body["error"]["code"] == "too_large"
    # A commit takes up to max_snapshot_bytes (here 50 kB) and a few fields, others 4 MB.
    status, body = await _post(jp_fetch, f"/groups/{gid}/snapshots", body=_big_json(150_000))
    assert status == 413, body
    assert "max_snapshot_bytes" in body["error"]["message"]
    # Under the limit: the route reads the whole body and creates the group.
    status, body = await _post(jp_fetch, "/groups", body=_big_json(1000))
    assert status == 201, body
    assert body["description"] == "x" * 1000


async def test_a_chunked_body_is_cut_off_at_the_limit_and_not_kept(
    api, jp_fetch, monkeypatch
) -> None:
    api("alice")
    kept: list[int] = []
    real = base.NerdUpHandler.data_received

    def spy(self: Any, chunk: bytes) -> None:
        real(self, chunk)
        kept.append(len(self._body))

    monkeypatch.setattr(base.NerdUpHandler, "data_received", spy)
    piece = b"x" * 65536
    chunks = base.MAX_JSON_BODY // len(piece) + 20  # 5.2 MB in 64 kB chunks, no length

    async def producer(write: Callable[[bytes], Any]) -> None:
        await write(b'{"title": "t", "description": "')
        for _ in range(chunks):
            await write(piece)
        await write(b'"}')

    status, body = await _post(jp_fetch, "/groups", body_producer=producer)
    assert status == 413, body
    assert max(kept) <= base.MAX_JSON_BODY  # what was over the limit was never held
    assert kept[-1] == 0
    titles = [g["title"] for g in (await api("alice").get("/groups")).json["groups"]]
    assert "t" not in titles
