"""Public pages in JupyterHub mode, end to end: the service serves an open group's page
to anyone through the Hub's proxy, only with its own `c.NerdUp.public_pages`, and a
user's server sends visitors there with a redirect."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import pytest
from hubkit import Hub, Reply, ServiceProcess, call
from local_hub import SERVICE, USERS

PUBLIC_PAGES = ["--NerdUp.public_pages=True"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def get_once(url: str, token: str | None = None) -> Reply:
    """GET without following redirects."""
    headers = {"Authorization": f"token {token}"} if token else {}
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return Reply(response.status, response.read().decode(), dict(response.headers))
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.read().decode(), dict(err.headers))


def headers(reply: Reply) -> dict[str, str]:
    """The reply's headers by lower-case name (the proxy sends them in lower case)."""
    return {name.lower(): value for name, value in reply.headers.items()}


def new_group(hub: Hub, title: str, visibility: str) -> int:
    reply = hub.as_user("alice", "POST", "/groups", {"title": title, "visibility": visibility})
    assert reply.status == 201, reply.body
    return int(reply.body["id"])


def page_url(hub: Hub, gid: int | str) -> str:
    """The service's page through the Hub's proxy, as a browser opens it."""
    return f"{hub.local.url}/services/{SERVICE}/nerdup/public/groups/{gid}"


@pytest.fixture(scope="module")
def service_with(
    sqlite_hub: tuple[Hub, ServiceProcess],
) -> Iterator[Callable[[list[str]], None]]:
    """Restart the session's service with other command-line options (if they differ);
    the module leaves it as it found it, with every server's event stream live again."""
    hub, service = sqlite_hub
    found = list(service.args)

    def restart(args: list[str]) -> None:
        if service.args == args:
            return
        service.stop()
        service.args = list(args)
        service.start()

    yield restart
    restart(found)
    hub.wait_live(*USERS)


def test_public_pages_off_in_the_service_is_a_plain_404(hub: Hub, service_with) -> None:
    service_with([])
    gid = new_group(hub, "Open but unpublished", "open")
    reply = call("GET", page_url(hub, gid), None)
    assert reply.status == 404
    assert "Open but unpublished" not in reply.body
    assert "x-nerdup-service" in headers(reply)  # the service's own 404, not the proxy's


def test_an_open_groups_page_is_served_to_anyone(hub: Hub, service_with) -> None:
    service_with(PUBLIC_PAGES)
    gid = new_group(hub, "Public <study> club", "open")
    reply = call("GET", page_url(hub, gid), None)  # no token, no cookie
    assert reply.status == 200, reply.body
    got = headers(reply)
    assert got["content-type"] == "text/html; charset=utf-8"
    assert "Public &lt;study&gt; club" in reply.body
    assert got["x-robots-tag"] == "noindex"
    assert got["content-security-policy"].startswith("default-src 'none'")
    assert "x-nerdup-service" in got


def test_a_members_only_group_is_the_same_404_as_a_missing_one(hub: Hub, service_with) -> None:
    service_with(PUBLIC_PAGES)
    gid = new_group(hub, "Secret squirrels", "members")
    hidden = call("GET", page_url(hub, gid), None)
    missing = call("GET", page_url(hub, 999999), None)
    assert hidden.status == missing.status == 404
    assert hidden.body == missing.body
    assert "Secret" not in hidden.body
    assert "x-nerdup-service" in headers(hidden)


def test_a_users_server_redirects_to_the_services_page(hub: Hub, service_with) -> None:
    service_with(PUBLIC_PAGES)
    gid = new_group(hub, "Follow the redirect", "open")
    on_alices = f"{hub.local.url}/user/alice/nerdup/public/groups/{gid}"
    expected = f"/services/{SERVICE}/nerdup/public/groups/{gid}"
    # Anonymous, and bob (logged in, but without access to alice's server): same answer.
    for token in (None, hub.tokens["bob"]):
        moved = get_once(on_alices, token)
        assert moved.status == 302, moved.body
        assert headers(moved)["location"] == expected
    followed = call("GET", on_alices, None)  # urllib follows it, as a browser does
    assert followed.status == 200
    assert "Follow the redirect" in followed.body


def test_the_index_of_open_groups_through_the_hub(hub: Hub, service_with) -> None:
    service_with(PUBLIC_PAGES)
    new_group(hub, "Listed <round>", "open")
    new_group(hub, "Unlisted squirrels", "members")
    index = f"{hub.local.url}/services/{SERVICE}/nerdup/public/groups"
    reply = call("GET", index, None)  # no token, no cookie
    assert reply.status == 200, reply.body
    assert "Listed &lt;round&gt;" in reply.body and "Unlisted" not in reply.body
    assert "x-nerdup-service" in headers(reply)
    # From a user's server, the index is the service's too.
    moved = get_once(f"{hub.local.url}/user/alice/nerdup/public/groups")
    assert moved.status == 302
    assert headers(moved)["location"] == f"/services/{SERVICE}/nerdup/public/groups"
