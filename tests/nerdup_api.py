"""Test plumbing for the REST API: several identities, an OpenAPI-checking client, and a
listener on the server's event bus. Registered as a pytest plugin by conftest.py.

- `HeaderIdentityProvider` keeps jupyter-server's token check and then takes the user name
  from the `X-Nerdup-Test-User` header, so one server serves alice, bob and carol.
- `api("alice")` is a client whose every response is validated against schema/openapi.json.
- `activity_events` collects the activity events the server emits.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from jupyter_server.auth import IdentityProvider, User
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters

from nerdup_lab.events import ACTIVITY_SCHEMA_ID
from nerdup_lab.schema_files import schema_path

USER_HEADER = "X-Nerdup-Test-User"
API = "/nerdup/api/v1"


class HeaderIdentityProvider(IdentityProvider):
    """Token-authenticated as usual; the user is whoever the test header names."""

    async def get_user(self, handler: Any) -> User | None:  # type: ignore[override]
        user = await self._get_user(handler)
        name = handler.request.headers.get(USER_HEADER)
        if user is None or not name:
            return user
        return User(username=name, name=name.title(), display_name=name.title())


@dataclass
class _Request:
    host_url: str
    path: str
    method: str
    body: bytes | None
    content_type: str
    parameters: RequestParameters = field(default_factory=RequestParameters)


@dataclass
class _Response:
    status_code: int
    content_type: str
    headers: dict[str, str]
    data: bytes | None


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw) if self.raw else None

    @property
    def error(self) -> dict[str, Any]:
        return self.json["error"]


class Api:
    """A client acting as one user. `call` returns the reply whatever its status, after
    checking it against the OpenAPI document."""

    def __init__(self, fetch: Callable[..., Any], openapi: OpenAPI, user: str | None) -> None:
        self.fetch, self.openapi, self.user = fetch, openapi, user

    async def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        if_match: int | str | None = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        raw_body: bytes | None = None,
    ) -> Reply:
        sent = dict(headers or {})
        if self.user:
            sent[USER_HEADER] = self.user
        if if_match is not None:
            sent["If-Match"] = f'"{if_match}"' if isinstance(if_match, int) else if_match
        data = (
            raw_body
            if raw_body is not None
            else (json.dumps(body).encode() if body is not None else None)
        )
        if data is None and method in ("POST", "PUT", "PATCH"):
            data = b""
        if data:
            sent.setdefault("Content-Type", "application/json")
        response = await self.fetch(
            f"{API.strip('/')}{path}",
            method=method,
            body=data,
            headers=sent,
            params=params,
            raise_error=False,
            allow_nonstandard_methods=True,
        )
        reply = Reply(response.code, dict(response.headers), response.body or b"")
        self._check(method, path, params, data, reply)
        return reply

    def _check(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None,
        body: bytes | None,
        reply: Reply,
    ) -> None:
        query = {k: str(v) for k, v in (params or {}).items()}
        request = _Request(
            host_url="http://localhost",
            path=f"{API}{path}",
            method=method.lower(),
            body=body,
            content_type="application/json",
            parameters=RequestParameters(query=query),
        )
        ctype = reply.headers.get("Content-Type", "").split(";")[0].lower()
        response = _Response(reply.status, ctype, reply.headers, reply.raw or None)
        self.openapi.validate_response(request, response)

    async def get(self, path: str, **kw: Any) -> Reply:
        return await self.call("GET", path, **kw)

    async def post(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return await self.call("POST", path, body, **kw)

    async def put(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return await self.call("PUT", path, body, **kw)

    async def patch(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return await self.call("PATCH", path, body, **kw)

    async def delete(self, path: str, **kw: Any) -> Reply:
        return await self.call("DELETE", path, **kw)


@pytest.fixture(scope="session")
def openapi_document() -> dict[str, Any]:
    return json.loads(schema_path("openapi.json").read_text())


@pytest.fixture(scope="session")
def openapi(openapi_document: dict[str, Any]) -> OpenAPI:
    spec = dict(openapi_document)
    # Absolute server URL so request paths resolve the same way on any test base URL.
    spec["servers"] = [{"url": f"http://localhost{API}"}]
    return OpenAPI.from_dict(spec)


@pytest.fixture
def api(jp_fetch: Callable[..., Any], openapi: OpenAPI) -> Callable[[str], Api]:
    """`api("alice")`: a client acting as alice, responses checked against OpenAPI."""
    return lambda user: Api(jp_fetch, openapi, user)


@pytest.fixture
def activity_events(jp_serverapp: Any) -> list[dict[str, Any]]:
    """Activity events emitted on the server's event bus during the test, in order."""
    seen: list[dict[str, Any]] = []

    async def listener(logger: Any, schema_id: str, data: dict[str, Any]) -> None:
        seen.append(dict(data))

    jp_serverapp.event_logger.add_listener(schema_id=ACTIVITY_SCHEMA_ID, listener=listener)
    return seen


async def wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the event loop run listeners until `predicate()` holds."""
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out waiting for the condition")
