"""The read-only public page: off by default; when on, an open group is served without
login and a members-only (or missing) group is the same 404, never leaking its title."""

from __future__ import annotations

from typing import Any

import pytest
from api_setup import new_group
from tornado.httpclient import HTTPClientError

NO_LOGIN = {"Authorization": ""}


async def _fetch(jp_fetch: Any, gid: int) -> tuple[int, str]:
    try:
        reply = await jp_fetch("nerdup", "public", "groups", str(gid), headers=NO_LOGIN)
    except HTTPClientError as err:
        body = err.response.body.decode() if err.response and err.response.body else ""
        return err.code, body
    return reply.code, reply.body.decode()


async def test_public_pages_are_off_by_default(api, jp_fetch):
    group = await new_group(api("alice"), title="Open club", visibility="open")
    code, body = await _fetch(jp_fetch, group["id"])
    assert code == 404 and "Open club" not in body


class TestWhenEnabled:
    @pytest.fixture
    def jp_server_config(self, db_url: str) -> dict[str, Any]:
        return {
            "ServerApp": {
                "jpserver_extensions": {"nerdup_lab": True},
                "identity_provider_class": "nerdup_api.HeaderIdentityProvider",
            },
            "NerdUp": {"db_url": db_url, "public_pages": True},
        }

    async def test_open_group_is_served_without_login(self, api, jp_fetch):
        alice = api("alice")
        group = await new_group(alice, title="Open <club>", description="We **learn**.")
        code, body = await _fetch(jp_fetch, group["id"])
        assert code == 200
        assert "Open &lt;club&gt;" in body and "<strong>learn</strong>" in body
        assert "<script" not in body

    async def test_members_only_group_is_404_and_never_leaks(self, api, jp_fetch):
        secret = await new_group(api("alice"), title="Secret squirrels", visibility="members")
        code, body = await _fetch(jp_fetch, secret["id"])
        missing_code, missing_body = await _fetch(jp_fetch, 9999)
        assert code == missing_code == 404
        assert body == missing_body and "Secret" not in body
