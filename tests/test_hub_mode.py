"""Hub mode in the extension, against a stand-in service: every API request is forwarded
as it came, with the visiting user's own token; an unreachable service is a clear 503; the
`hub_url` default rule. The real JupyterHub suite is tests/hub (its own pytest run)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from nerdup_api import HeaderIdentityProvider
from tornado.httpclient import HTTPClientError
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import Application, RequestHandler

from nerdup_lab.backend.hub import ServiceRefused
from nerdup_lab.backend.service_client import ServiceClient
from nerdup_lab.config import derived_hub_url

TOKEN_HEADER = "X-Test-Hub-Token"


class _StubHubAuth:
    """What JupyterHub's single-user identity provider offers: the request's own token."""

    def get_token(self, handler: Any, in_cookie: bool = True) -> str | None:
        token: str | None = handler.request.headers.get(TOKEN_HEADER)
        return token


class HubVisitorIdentityProvider(HeaderIdentityProvider):
    hub_auth = _StubHubAuth()


@dataclass
class StandIn:
    url: str
    seen: list[dict[str, Any]] = field(default_factory=list)


class _Echo(RequestHandler):
    def initialize(self, seen: list[dict[str, Any]]) -> None:
        self.seen = seen

    def _answer(self, path: str) -> None:
        self.seen.append(
            {
                "method": self.request.method,
                "path": path,
                "query": self.request.query,
                "body": self.request.body.decode(),
                "authorization": self.request.headers.get("Authorization"),
                "if_match": self.request.headers.get("If-Match"),
                # The client's address and port: one per TCP connection.
                "peer": self.request.connection.stream.socket.getpeername(),  # type: ignore[attr-defined]
            }
        )
        if self.get_query_argument("as_proxy", ""):  # what CHP answers for a dead target
            self.set_status(503)
            self.finish("<html>Service Unavailable</html>")
            return
        self.set_status(201 if self.request.method == "POST" else 200)
        self.set_header("Content-Type", "application/json")
        self.set_header("ETag", '"7"')
        self.set_header("X-Nerdup-Service", "test")
        self.finish(json.dumps({"forwarded": path}))

    get = post = patch = delete = _answer  # type: ignore[assignment]


@pytest.fixture
def stand_in(jp_asyncio_loop: Any) -> Iterator[StandIn]:
    sock, port = bind_unused_port()
    found = StandIn(f"http://127.0.0.1:{port}/services/nerdup/")
    app = Application([(r"/services/nerdup/(.*)", _Echo, {"seen": found.seen})])
    server = HTTPServer(app)
    server.add_sockets([sock])
    yield found
    server.stop()


@pytest.fixture
def jp_server_config(stand_in: StandIn) -> dict[str, Any]:
    return {
        "ServerApp": {
            "jpserver_extensions": {"nerdup_lab": True},
            "identity_provider_class": "test_hub_mode.HubVisitorIdentityProvider",
        },
        "NerdUp": {"hub_url": stand_in.url},
    }


def headers(user: str, token: str | None) -> dict[str, str]:
    found = {"X-Nerdup-Test-User": user}
    if token:
        found[TOKEN_HEADER] = token
    return found


async def test_requests_are_forwarded_with_the_visitors_own_token(jp_fetch, stand_in):
    reply = await jp_fetch(
        "nerdup", "api", "v1", "milestones", "3",
        method="PATCH",
        body=json.dumps({"title": "New"}),
        params={"x": "1"},
        headers={**headers("bob", "bobs-token"), "If-Match": '"6"'},
    )  # fmt: skip
    assert reply.code == 200
    assert reply.headers["ETag"] == '"7"'
    assert json.loads(reply.body) == {"forwarded": "nerdup/api/v1/milestones/3"}
    (seen,) = stand_in.seen
    assert seen["method"] == "PATCH"
    assert seen["query"] == "x=1"
    assert json.loads(seen["body"]) == {"title": "New"}
    assert seen["if_match"] == '"6"'
    # Bob's token, not the server's: on a shared server the visitor acts as himself.
    assert seen["authorization"] == "token bobs-token"


async def test_a_request_without_a_hub_token_is_not_forwarded(jp_fetch, stand_in):
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("nerdup", "api", "v1", "groups", headers=headers("bob", None))
    assert err.value.code == 401
    assert stand_in.seen == []


async def test_status_is_answered_here_and_says_hub_mode(jp_fetch, stand_in):
    reply = await jp_fetch("nerdup", "api", "v1", "status", headers=headers("bob", "t"))
    body = json.loads(reply.body)
    assert body["mode"] == "hub"
    assert body["hub"]["url"] == stand_in.url
    # The stand-in answers health with JSON that is not the service's status: reachable.
    assert body["hub"]["reachable"] is True


async def test_an_unreachable_service_is_a_clear_503(jp_fetch, jp_serverapp):
    # Point the server at a port where nothing listens (the stand-in stays up elsewhere).
    backend = jp_serverapp.web_app.settings["nerdup_backend"]
    sock, port = bind_unused_port()
    sock.close()
    backend.hub_url = f"http://127.0.0.1:{port}/services/nerdup/"
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("nerdup", "api", "v1", "groups", headers=headers("bob", "t"))
    assert err.value.code == 503
    body = json.loads(err.value.response.body)
    assert body["error"]["code"] == "unavailable"
    assert "not reachable" in body["error"]["message"]
    status = json.loads(
        (await jp_fetch("nerdup", "api", "v1", "status", headers=headers("bob", "t"))).body
    )
    assert status["hub"]["reachable"] is False
    assert "not reachable" in status["hub"]["message"]


def test_hub_url_is_derived_only_when_a_service_name_is_configured():
    env = {
        "JUPYTERHUB_PUBLIC_HUB_URL": "https://hub.example.org/jh/hub/",
        "JUPYTERHUB_BASE_URL": "/jh/",
    }
    assert derived_hub_url("", env) == ""
    assert derived_hub_url("nerdup", env) == "https://hub.example.org/jh/services/nerdup/"
    assert derived_hub_url("nerdup", {"JUPYTERHUB_BASE_URL": "/"}) == ""


async def test_a_page_from_the_proxy_instead_of_the_service_is_a_503(jp_fetch, stand_in):
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(
            "nerdup", "api", "v1", "groups", params={"as_proxy": "1"}, headers=headers("bob", "t")
        )
    assert err.value.code == 503
    assert "not reachable" in json.loads(err.value.response.body)["error"]["message"]


async def test_a_workspace_route_without_a_hub_token_asks_the_service_nothing(jp_fetch, stand_in):
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(
            "nerdup", "api", "v1", "snapshots", "3", "restore",
            method="POST", body="{}", headers=headers("bob", None),
        )  # fmt: skip
    assert err.value.code == 401
    assert "JupyterHub login" in json.loads(err.value.response.body)["error"]["message"]
    assert stand_in.seen == []


def test_a_service_refusal_keeps_the_services_words_or_names_the_status():
    refused = ServiceRefused(
        404, b'{"error": {"code": "not_found", "message": "There is no snapshot 9.", "fields": {}}}'
    )
    assert (refused.status, refused.code, refused.message) == (
        404,
        "not_found",
        "There is no snapshot 9.",
    )
    page = ServiceRefused(502, b"<html>Bad gateway</html>")
    assert (page.status, page.code) == (502, "error")
    assert page.message == "The nerdup service refused (HTTP 502)."


@pytest.fixture
def stalled_service() -> Iterator[str]:
    """A service that accepts connections and never answers (a hung process, a full
    accept queue behind the proxy): the kernel completes the handshake, nobody reads."""
    sock, port = bind_unused_port()
    try:
        yield f"http://127.0.0.1:{port}/services/nerdup/"
    finally:
        sock.close()


def _short_waits(jp_serverapp: Any, url: str, max_connections: int = 4) -> Any:
    backend = jp_serverapp.web_app.settings["nerdup_backend"]
    backend.hub_url = url
    # As c.NerdUp.hub_request_timeout / hub_max_connections would set them.
    backend.client = ServiceClient(timeout=0.5, max_connections=max_connections)
    return backend


async def test_a_stalled_service_is_a_503_not_a_500(jp_fetch, jp_serverapp, stalled_service):
    _short_waits(jp_serverapp, stalled_service)
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(
            "nerdup", "api", "v1", "groups", "3", "milestones",
            method="POST", body=json.dumps({"title": "x"}), headers=headers("bob", "t"),
        )  # fmt: skip
    assert err.value.code == 503
    body = json.loads(err.value.response.body)
    assert body["error"]["code"] == "unavailable"
    assert "not reachable" in body["error"]["message"]
    assert "Nothing was changed" in body["error"]["message"]
    status = json.loads(
        (await jp_fetch("nerdup", "api", "v1", "status", headers=headers("bob", "t"))).body
    )
    assert status["hub"]["reachable"] is False


async def test_requests_beyond_the_connection_limit_wait_then_get_a_503(
    jp_fetch, jp_serverapp, stalled_service
):
    _short_waits(jp_serverapp, stalled_service, max_connections=1)
    replies = await asyncio.gather(
        *(jp_fetch("nerdup", "api", "v1", "groups", headers=headers("bob", "t")) for _ in range(3)),
        return_exceptions=True,
    )
    assert [getattr(r, "code", None) for r in replies] == [503, 503, 503]
    for reply in replies:
        assert isinstance(reply, HTTPClientError) and reply.response is not None
        assert "not reachable" in json.loads(reply.response.body)["error"]["message"]


async def test_forwarding_reuses_its_connections(jp_fetch, stand_in):
    for _ in range(5):
        await jp_fetch("nerdup", "api", "v1", "groups", headers=headers("bob", "t"))
    # Five requests, one connection kept alive (the stand-in counts what it accepted).
    assert len({seen["peer"] for seen in stand_in.seen}) == 1
