"""The snapshot REST API on a real jupyter-server: commit from the workspace, history,
read-back, diffs, restore, group notebooks, settings and export-git."""

from __future__ import annotations

import io
import json
import subprocess
import tarfile

import nbformat
from api_setup import study_group

from tests.snapshots.helpers import notebook


def save(root, path, nb) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.from_dict(nb), root / path)


async def make_club(api, root):
    """The study group of api_setup (alice organizes, bob, carol follows, dan) + workspace."""
    return {**await study_group(api), "root": root}


async def test_commit_history_and_exact_read_back(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, root = club["alice"], club["root"]
    nb = notebook(["# EDA", "import pandas as pd", "print(1)"], outputs=True)
    save(root, "work/eda.ipynb", nb)
    reply = await alice.post(
        f"/groups/{club['gid']}/snapshots",
        {"path": "work/eda.ipynb", "message": "First look", "task_id": club["tid"]},
    )
    assert reply.status == 201, reply.json
    snap = reply.json
    assert (snap["author"], snap["path"], snap["task_id"]) == (
        "alice",
        "work/eda.ipynb",
        club["tid"],
    )
    back = (await alice.get(f"/snapshots/{snap['id']}/notebook")).json
    on_disk = (root / "work/eda.ipynb").read_text()
    assert nbformat.writes(nbformat.from_dict(back)) + "\n" == on_disk
    history = (
        await alice.get(f"/groups/{club['gid']}/snapshots", params={"path": "work/eda.ipynb"})
    ).json
    assert [s["id"] for s in history["items"]] == [snap["id"]] and history["next"] is None
    assert (await alice.get(f"/snapshots/{snap['id']}")).json["message"] == "First look"


async def test_follower_commits_and_history_filters_and_pages(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    carol, alice, root = club["carol"], club["alice"], club["root"]
    ids = []
    for k in range(3):
        save(root, "mine.ipynb", notebook([f"x = {k}"]))
        reply = await carol.post(f"/groups/{club['gid']}/snapshots", {"path": "mine.ipynb"})
        assert reply.status == 201, reply.json
        ids.append(reply.json["id"])
    save(root, "other.ipynb", notebook(["y = 1"]))
    await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "other.ipynb"})
    page = (
        await alice.get(f"/groups/{club['gid']}/snapshots", params={"author": "carol", "limit": 2})
    ).json
    assert [s["id"] for s in page["items"]] == ids[::-1][:2]
    rest = await alice.get(
        f"/groups/{club['gid']}/snapshots", params={"author": "carol", "before": page["next"]}
    )
    assert [s["id"] for s in rest.json["items"]] == [ids[0]]


async def test_committing_unchanged_content_stores_nothing(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, root = club["alice"], club["root"]
    save(root, "a.ipynb", notebook(["x = 1"], outputs=True))
    first = (await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "a.ipynb"})).json
    again = (await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "a.ipynb"})).json
    assert again["new_bytes"] == 0 and again["unchanged_since"] == first["id"]
    assert again["content_hash"] == first["content_hash"]


async def test_bad_files_get_400_and_missing_ones_404(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, root = club["alice"], club["root"]
    (root / "broken.ipynb").write_text("{not json")
    reply = await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "broken.ipynb"})
    assert reply.status == 400 and "not valid JSON" in reply.error["message"]
    bad = notebook(["x = 1"])
    bad["cells"][0]["cell_type"] = "spreadsheet"
    (root / "invalid.ipynb").write_text(json.dumps(bad))
    reply = await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "invalid.ipynb"})
    assert reply.status == 400 and "not a valid nbformat 4 notebook" in reply.error["message"]
    reply = await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "nowhere.ipynb"})
    assert reply.status == 404
    reply = await alice.post(f"/groups/{club['gid']}/snapshots", {})
    assert reply.status == 400 and "path" in reply.error["fields"]


async def test_outsider_cannot_commit_or_read(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    save(club["root"], "a.ipynb", notebook(["x = 1"]))
    reply = await club["eve"].post(f"/groups/{club['gid']}/snapshots", {"path": "a.ipynb"})
    assert reply.status == 403
    snap = (await club["alice"].post(f"/groups/{club['gid']}/snapshots", {"path": "a.ipynb"})).json
    assert (await club["alice"].get(f"/snapshots/{snap['id'] + 999}")).status == 404


async def test_restore_writes_a_new_file_and_never_overwrites_unasked(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, root = club["alice"], club["root"]
    nb = notebook(["x = 1", "print(x)"], outputs=True)
    save(root, "work/model.ipynb", nb)
    snap = (await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "work/model.ipynb"})).json
    reply = await alice.post(f"/snapshots/{snap['id']}/restore", {})
    assert reply.status == 201, reply.json
    stamp = snap["created_at"][:16].replace("T", " ")
    assert reply.json["path"] == f"work/model (snapshot {stamp}).ipynb"
    written = nbformat.read(root / reply.json["path"], as_version=4)
    assert written == nbformat.from_dict(nb)
    again = await alice.post(f"/snapshots/{snap['id']}/restore", {})
    assert again.status == 409 and again.error["fields"] == {"target": "exists"}
    (root / "work/model.ipynb").write_text("changed by hand")
    clash = await alice.post(f"/snapshots/{snap['id']}/restore", {"target": "work/model.ipynb"})
    assert clash.status == 409
    assert (root / "work/model.ipynb").read_text() == "changed by hand"
    forced = await alice.post(
        f"/snapshots/{snap['id']}/restore", {"target": "work/model.ipynb", "overwrite": True}
    )
    assert forced.status == 201
    assert nbformat.read(root / "work/model.ipynb", as_version=4) == nbformat.from_dict(nb)


async def test_diff_between_snapshots_and_against_the_saved_file(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, root = club["alice"], club["root"]
    nb = notebook(["a = 1", "b = 2", "c = 3"])
    save(root, "d.ipynb", nb)
    first = (await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "d.ipynb"})).json
    nb["cells"][1]["source"] = "b = 20"
    nb["cells"][0]["metadata"]["tags"] = ["setup"]
    save(root, "d.ipynb", nb)
    second = (await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "d.ipynb"})).json
    diff = (await alice.get(f"/snapshots/{first['id']}/diff/{second['id']}")).json
    assert diff["summary"]["modified"] == 1
    [mod] = [c for c in diff["cells"] if c["status"] == "modified"]
    assert ["+", "b = 20"] in mod["source"]["hunks"][0]["lines"]
    meta = await alice.get(
        f"/snapshots/{first['id']}/diff/{second['id']}", params={"include_metadata": "true"}
    )
    assert meta.json["summary"]["modified"] == 2
    nb["cells"].append(nbformat.v4.new_code_cell("d = 4"))
    save(root, "d.ipynb", nb)
    live = await alice.get(f"/snapshots/{second['id']}/diff", params={"path": "d.ipynb"})
    assert live.json["summary"]["added"] == 1 and live.json["b"] == {"path": "d.ipynb"}


async def test_group_notebook_opens_a_teammates_version(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, bob, root = club["alice"], club["bob"], club["root"]
    save(root, "shared/analysis.ipynb", notebook(["alice_version = 1"]))
    await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "shared/analysis.ipynb"})
    save(root, "shared/analysis.ipynb", notebook(["bob_version = 1"]))
    await bob.post(f"/groups/{club['gid']}/snapshots", {"path": "shared/analysis.ipynb"})
    mark = await bob.post(f"/groups/{club['gid']}/notebooks", {"path": "shared/analysis.ipynb"})
    assert mark.status == 201
    listed = (await club["carol"].get(f"/groups/{club['gid']}/notebooks")).json["notebooks"]
    assert listed[0]["latest"]["author"] == "bob"
    assert sorted(v["author"] for v in listed[0]["versions"]) == ["alice", "bob"]
    opened = await club["carol"].post(
        f"/groups/{club['gid']}/notebooks/open",
        {"path": "shared/analysis.ipynb", "author": "alice", "target": "alice-copy.ipynb"},
    )
    assert opened.status == 201, opened.json
    copy = nbformat.read(root / "alice-copy.ipynb", as_version=4)
    assert copy.cells[0].source == "alice_version = 1"
    gone = await bob.delete(
        f"/groups/{club['gid']}/notebooks", params={"path": "shared/analysis.ipynb"}
    )
    assert gone.status == 204


async def test_output_policy_settings(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, bob, root = club["alice"], club["bob"], club["root"]
    assert (await bob.get(f"/groups/{club['gid']}/snapshot-settings")).json[
        "policy"
    ] == "drop_large"
    assert (
        await bob.put(f"/groups/{club['gid']}/snapshot-settings", {"policy": "strip"})
    ).status == 403
    reply = await alice.put(f"/groups/{club['gid']}/snapshot-settings", {"policy": "strip"})
    assert reply.json["policy"] == "strip"
    save(root, "p.ipynb", notebook(["print(1)"], outputs=True))
    stripped = (await bob.post(f"/groups/{club['gid']}/snapshots", {"path": "p.ipynb"})).json
    assert stripped["policy"] == "strip"
    kept = (
        await bob.post(f"/groups/{club['gid']}/snapshots", {"path": "p.ipynb", "policy": "keep"})
    ).json
    back = (await bob.get(f"/snapshots/{kept['id']}/notebook")).json
    assert back["cells"][0]["outputs"]


async def test_export_git_archive_of_my_snapshots(api, jp_root_dir, tmp_path):
    club = await make_club(api, jp_root_dir)
    alice, root = club["alice"], club["root"]
    for k in range(2):
        save(root, "e.ipynb", notebook([f"x = {k}"]))
        await alice.post(
            f"/groups/{club['gid']}/snapshots", {"path": "e.ipynb", "message": f"v{k}"}
        )
    reply = await alice.get(f"/groups/{club['gid']}/export-git")
    assert reply.status == 200 and reply.headers["Content-Type"] == "application/gzip"
    with tarfile.open(fileobj=io.BytesIO(reply.raw)) as tar:
        tar.extractall(tmp_path, filter="data")
    repo = tmp_path / f"group-{club['gid']}-alice"
    log = subprocess.run(
        ["git", "-C", str(repo), "log", "--format=%an %s"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert log == ["Alice v1", "Alice v0"]


async def test_diff_against_a_notebook_sent_in_the_body(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, root = club["alice"], club["root"]
    nb = notebook(["a = 1", "b = 2"])
    save(root, "d.ipynb", nb)
    snap = (await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "d.ipynb"})).json
    nb = (await alice.get(f"/snapshots/{snap['id']}/notebook")).json
    nb["cells"][1]["source"] = "b = 3"
    reply = await alice.post(f"/snapshots/{snap['id']}/diff", {"notebook": nb, "path": "live"})
    assert reply.status == 200, reply.json
    assert reply.json["summary"]["modified"] == 1 and reply.json["b"] == {"path": "live"}
    missing = await alice.post(f"/snapshots/{snap['id']}/diff", {"path": "d.ipynb"})
    assert missing.status == 400 and missing.error["fields"] == {"notebook": "required"}
    unknown = await alice.post(f"/snapshots/{snap['id'] + 99}/diff", {"notebook": nb})
    assert unknown.status == 404


async def test_latest_snapshot_of_a_group_notebook(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, bob, root = club["alice"], club["bob"], club["root"]
    save(root, "n.ipynb", notebook(["v = 1"]))
    first = (await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "n.ipynb"})).json
    second = (await bob.post(f"/groups/{club['gid']}/snapshots", {"path": "n.ipynb"})).json
    newest = await club["carol"].get(
        f"/groups/{club['gid']}/notebooks/latest", params={"path": "n.ipynb"}
    )
    assert newest.status == 200 and newest.json["id"] == second["id"]
    alices = await club["carol"].get(
        f"/groups/{club['gid']}/notebooks/latest", params={"path": "n.ipynb", "author": "alice"}
    )
    assert alices.json["id"] == first["id"]
    none = await alice.get(f"/groups/{club['gid']}/notebooks/latest", params={"path": "x.ipynb"})
    assert none.status == 404 and "No snapshot of x.ipynb" in none.error["message"]
