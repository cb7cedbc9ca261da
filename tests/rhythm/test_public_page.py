"""The read-only public page: off by default; when on, an open group is served without
login and a members-only (or missing) group is the same 404, never leaking its title.
In JupyterHub mode a user's server redirects to the hub service's page (which is
tested in tests/test_hub_service_public.py and, through a real Hub, tests/hub)."""

from __future__ import annotations

from typing import Any

import pytest
from api_setup import new_group
from tornado.httpclient import HTTPClientError
from tornado.testing import bind_unused_port

from nerdup_lab.config import NerdUp
from nerdup_lab.handlers.public import service_public_url

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


def _dead_url() -> str:
    """A service URL where nothing listens: the redirect never calls the service."""
    sock, port = bind_unused_port()
    sock.close()
    return f"http://127.0.0.1:{port}/services/nerdup/"


async def _location(jp_fetch: Any, gid: str) -> tuple[int, str | None]:
    try:
        reply = await jp_fetch(
            "nerdup", "public", "groups", gid, headers=NO_LOGIN, follow_redirects=False
        )
    except HTTPClientError as err:
        assert err.response is not None
        return err.code, err.response.headers.get("Location")
    return reply.code, reply.headers.get("Location")


class TestInHubMode:
    """The service owns the data: a user's server sends the visitor to the service's page,
    whatever its own `public_pages` says (the service's setting decides, with its 404)."""

    @pytest.fixture
    def jp_server_config(self, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
        monkeypatch.setenv("JUPYTERHUB_BASE_URL", "/jh/")
        return {
            "ServerApp": {
                "jpserver_extensions": {"nerdup_lab": True},
                "identity_provider_class": "nerdup_api.HeaderIdentityProvider",
            },
            "NerdUp": {"hub_url": _dead_url(), "hub_service_name": "study"},
        }

    async def test_an_anonymous_visitor_is_redirected_to_the_service(self, jp_fetch):
        code, location = await _location(jp_fetch, "3")
        assert code == 302
        assert location == "/jh/services/study/nerdup/public/groups/3"

    async def test_a_non_numeric_id_is_the_plain_404(self, jp_fetch):
        code, location = await _location(jp_fetch, "x3")
        assert code == 404 and location is None


def test_the_service_page_url_comes_from_the_service_name_or_hub_url():
    named = NerdUp(hub_service_name="nerdup", hub_url="http://proxy-public/services/other/")
    assert service_public_url(named, {}, 3) == "/services/nerdup/nerdup/public/groups/3"
    assert (
        service_public_url(named, {"JUPYTERHUB_BASE_URL": "/jh"}, 3)
        == "/jh/services/nerdup/nerdup/public/groups/3"
    )
    by_url = NerdUp(hub_url="http://proxy-public/services/nerdup/")
    env = {"JUPYTERHUB_BASE_URL": "/"}
    assert service_public_url(by_url, env, 7) == "/services/nerdup/nerdup/public/groups/7"
    assert service_public_url(NerdUp(hub_url="http://nerdup.internal:10101/"), env, 7) is None
