"""Download headers are RFC 6266 (a crafted name never adds a parameter), error messages
carry no server path, user names carry no NUL or control character (issue #12)."""

from __future__ import annotations

import re

import pytest
from api_setup import study_group

from nerdup_lab.core.errors import InvalidInput
from nerdup_lab.core.users import ensure_user
from nerdup_lab.handlers.download import content_disposition, filename_of
from tests.snapshots.helpers import make_db

CRAFTED = 'alice"; filename="evil.sh'


def _params(header: str) -> list[str]:
    return re.findall(r";\s*(filename\*?)=", header)


@pytest.mark.parametrize(
    "name", [CRAFTED, "Übung 1 - Lösung.html", "a\\b/c.zip", "semi;colon\r\nX-Evil: 1.yaml", ""]
)
def test_content_disposition_quotes_every_name(name: str) -> None:
    header = content_disposition(name)
    assert _params(header) == ["filename", "filename*"]
    assert "\r" not in header and "\n" not in header
    fallback = re.search(r'filename="([^"]*)"', header)
    assert fallback is not None and fallback.group(1).isascii()
    expected = name.replace("\\", "/").split("/")[-1] or "download"
    assert filename_of(header, "x") == re.sub(r"[\x00-\x1f]", "", expected).strip()


async def test_export_git_author_cannot_add_a_second_filename(api) -> None:
    club = await study_group(api)
    reply = await club["alice"].get(f"/groups/{club['gid']}/export-git", params={"author": CRAFTED})
    assert reply.status == 200, reply.json
    header = reply.headers["Content-Disposition"]
    assert _params(header) == ["filename", "filename*"], header
    assert filename_of(header, "x") == f"group-{club['gid']}-{CRAFTED}.tar.gz"


async def test_a_utf16_notebook_error_names_no_server_path(api, jp_root_dir) -> None:
    club = await study_group(api)
    (jp_root_dir / "wide.ipynb").write_bytes('{"cells": []}'.encode("utf-16"))
    reply = await club["alice"].post(f"/groups/{club['gid']}/snapshots", {"path": "wide.ipynb"})
    assert reply.status == 400, reply.json
    assert str(jp_root_dir) not in reply.raw.decode()
    assert "wide.ipynb" in reply.error["message"]


async def test_a_member_name_with_a_nul_is_a_400(api) -> None:
    club = await study_group(api)
    reply = await club["alice"].post(
        f"/groups/{club['gid']}/members", {"username": "mallory\x00admin", "role": "participant"}
    )
    assert reply.status == 400 and "username" in reply.error["fields"], reply.json


@pytest.mark.parametrize("name", ["bob\x00", "a\x1b[31m", "tab\tname", "\x85next"])
def test_no_user_row_with_a_control_character(db_url: str, name: str) -> None:
    db = make_db(db_url)
    try:
        with db.session() as s, pytest.raises(InvalidInput) as refused:
            ensure_user(s, name)
        assert refused.value.fields == {"username": "invalid"}
        with db.session() as s:
            user = ensure_user(s, "carol", "Carol\x00 \x07Smith")
            assert user.display_name == "Carol Smith"
    finally:
        db.dispose()
