"""Embedded mode's person, through the identity provider the extension installs (no test
header): token requests, browsers (cookies) and restarts are all the lab's one user."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPResponse

from nerdup_lab.identity import LabIdentityProvider

API = ("nerdup", "api", "v1")


@pytest.fixture
def jp_server_config(sqlite_url: str, tmp_path: Path) -> dict[str, Any]:
    # jupyter-server's default identity provider, as a real `jupyter lab` has it.
    return {
        "ServerApp": {"jpserver_extensions": {"nerdup_lab": True}},
        "NerdUp": {
            "db_url": sqlite_url,
            "data_dir": str(tmp_path / "nerdup"),
            "lab_username": "ada",
        },
    }


async def token_only(jp_fetch: Any, *path: str, **kw: Any) -> Any:
    """A script's request: the token in a header, no cookie."""
    response = await jp_fetch(*API, *path, **kw)
    return json.loads(response.body)


def login_cookie(response: HTTPResponse) -> str:
    cookies = [c.split(";")[0] for c in response.headers.get_list("Set-Cookie")]
    login = [c for c in cookies if c.startswith("username-")]
    assert login, f"a token request sets the login cookie: {cookies}"
    return login[0]


async def with_cookie(base_url: str, cookie: str, path: str) -> Any:
    """A browser's request: only its login cookie, no token."""
    client = AsyncHTTPClient()
    response = await client.fetch(f"{base_url}nerdup/api/v1/{path}", headers={"Cookie": cookie})
    return json.loads(response.body)


async def test_the_default_provider_is_replaced(jp_serverapp: Any) -> None:
    assert isinstance(jp_serverapp.identity_provider, LabIdentityProvider)
    assert jp_serverapp.web_app.settings["identity_provider"] is jp_serverapp.identity_provider


async def test_token_requests_are_one_person(jp_fetch: Any) -> None:
    users = [(await token_only(jp_fetch, "me"))["user"]["username"] for _ in range(3)]
    assert users == ["ada", "ada", "ada"]
    # What one request creates, the next one (another script) may use: the same member.
    group = await token_only(
        jp_fetch, "groups", method="POST", body=json.dumps({"title": "Pandas basics"})
    )
    me = await token_only(jp_fetch, "me")
    assert group["id"] in [g["id"] for g in me["groups"]]


async def test_two_browsers_are_the_same_person(
    jp_fetch: Any, jp_base_url: str, jp_http_port: int
) -> None:
    base = f"http://127.0.0.1:{jp_http_port}{jp_base_url}"
    first = login_cookie(await jp_fetch(*API, "me"))
    second = login_cookie(await jp_fetch(*API, "status"))
    a = await with_cookie(base, first, "me")
    b = await with_cookie(base, second, "status")
    assert a["user"]["username"] == b["user"]["username"] == "ada"
    # A cookie of an earlier run (a random user) still proves the login: the same person.
    stale = await with_cookie(base, first, "profile")
    assert stale["username"] == "ada"


async def test_profile_names_the_person_everywhere(jp_fetch: Any, tmp_path: Path) -> None:
    before = await token_only(jp_fetch, "profile")
    assert before["username"] == "ada" and before["editable"] is True
    saved = await token_only(
        jp_fetch,
        "profile",
        method="PUT",
        body=json.dumps(
            {"display_name": "  Ada   Lovelace ", "color": "var(--jp-collaborator-color3)"}
        ),
    )
    assert saved["display_name"] == "Ada Lovelace"
    assert (
        json.loads((tmp_path / "nerdup" / "profile.json").read_text())["display_name"]
        == "Ada Lovelace"
    )
    # nerdup's own answers and JupyterLab's user (/api/me, @jupyterlab/services) agree.
    status = await token_only(jp_fetch, "status")
    assert status["user"] == {"username": "ada", "display_name": "Ada Lovelace"}
    lab = json.loads((await jp_fetch("api", "me")).body)["identity"]
    assert lab["username"] == "ada"
    assert lab["display_name"] == "Ada Lovelace"
    assert lab["color"] == "var(--jp-collaborator-color3)"
    assert lab["initials"] == "AL"


async def test_profile_refuses_a_bad_name_with_the_field(jp_fetch: Any) -> None:
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(*API, "profile", method="PUT", body=json.dumps({"display_name": "  "}))
    assert err.value.code == 400
    body = json.loads(err.value.response.body)
    assert "display_name" in body["error"]["fields"]
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(*API, "profile", method="PUT", body=json.dumps({"color": "red; x"}))
    assert err.value.code == 400


async def test_no_token_is_still_refused(jp_fetch: Any) -> None:
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(*API, "me", headers={"Authorization": ""})
    # jupyter-server answers an API request without credentials 403 (not 401), and the
    # service's message says why.
    assert err.value.code == 403
    assert json.loads(err.value.response.body)["error"]["code"] == "forbidden"
