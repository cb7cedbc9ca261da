"""The status endpoint the lab checks at start-up."""

import json

import pytest
from tornado.httpclient import HTTPClientError

from nerdup_lab import __version__


async def test_status_reports_version_mode_and_storage(jp_fetch, db_url):
    response = await jp_fetch("nerdup", "api", "v1", "status")
    assert response.code == 200
    body = json.loads(response.body)
    assert body["version"] == __version__
    assert body["mode"] == "embedded"
    assert body["storage"] == db_url.split(":")[0].split("+")[0]
    assert body["user"]["username"]


async def test_status_requires_authentication(jp_fetch):
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("nerdup", "api", "v1", "status", headers={"Authorization": ""})
    assert err.value.code == 403  # jupyter-server refuses an API request without login
