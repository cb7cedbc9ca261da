"""The snapshot REST API refuses bad paths with a 400 naming the field, and a restore that
could not be written into the workspace is not recorded as done (issue #12)."""

from __future__ import annotations

from typing import Any

import nbformat
import pytest
from api_setup import study_group
from tornado.web import HTTPError

from tests.snapshots.helpers import notebook


def save(root: Any, path: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.from_dict(notebook(["x = 1"])), root / path)


async def kinds(user: Any, gid: int) -> list[str]:
    feed = await user.get(f"/groups/{gid}/activity")
    assert feed.status == 200, feed.json
    return [item["kind"] for item in feed.json["items"]]


@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("path", {"path": "../outside.ipynb"}),
        ("path", {"path": "work/.git/config"}),
        ("path", {"path": "a\x00.ipynb"}),
        ("message", {"path": "ok.ipynb", "message": "nul\x00byte"}),
    ],
)
async def test_a_bad_commit_is_a_400_naming_the_field(api, jp_root_dir, field, body) -> None:
    club = await study_group(api)
    save(jp_root_dir, "ok.ipynb")
    reply = await club["alice"].post(f"/groups/{club['gid']}/snapshots", body)
    assert reply.status == 400, reply.json
    assert reply.error["fields"] == {field: "invalid"}
    assert f"`{field}`" in reply.error["message"]
    assert str(jp_root_dir) not in reply.error["message"]


async def test_marking_a_bad_group_notebook_is_a_400(api) -> None:
    club = await study_group(api)
    reply = await club["alice"].post(f"/groups/{club['gid']}/notebooks", {"path": ".git/HEAD"})
    assert reply.status == 400 and reply.error["fields"] == {"path": "invalid"}


async def test_a_restore_that_cannot_be_saved_records_nothing(
    api, jp_root_dir, jp_serverapp, monkeypatch
) -> None:
    club = await study_group(api)
    alice, gid = club["alice"], club["gid"]
    save(jp_root_dir, "model.ipynb")
    snap = (await alice.post(f"/groups/{gid}/snapshots", {"path": "model.ipynb"})).json
    restore = f"/snapshots/{snap['id']}/restore"
    # A folder that does not exist: refused before anything is written (it was a 500
    # whose message carried the server's absolute path, and the restore was logged).
    missing = await alice.post(restore, {"target": "no/such/folder/copy.ipynb"})
    assert missing.status == 400 and missing.error["fields"] == {"target": "no_folder"}
    refused = await alice.post(restore, {"target": "../up.ipynb"})
    assert refused.status == 400 and refused.error["fields"] == {"target": "invalid"}
    # The save itself fails (disk full, permissions): 503, no server path, nothing recorded.
    cm = jp_serverapp.contents_manager
    real_save = cm.save

    def broken_save(model: Any, path: str) -> Any:
        raise HTTPError(500, f"Unexpected error while saving file: {jp_root_dir / path}")

    monkeypatch.setattr(cm, "save", broken_save)
    failed = await alice.post(restore, {"target": "copy.ipynb"})
    assert failed.status == 503, failed.json
    assert str(jp_root_dir) not in failed.raw.decode()
    assert "snapshot.restored" not in await kinds(alice, gid)
    monkeypatch.setattr(cm, "save", real_save)
    done = await alice.post(restore, {"target": "copy.ipynb"})
    assert done.status == 201, done.json
    assert (await kinds(alice, gid)).count("snapshot.restored") == 1
