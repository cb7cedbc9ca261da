"""The notebook record's id on snapshots: history joins across renames, a notebook without a
record is known by group and path, and migration 0006 gives old snapshots that same id."""

from __future__ import annotations

import datetime as dt
import uuid

import nbformat
from api_setup import study_group
from sqlalchemy import text

from nerdup_lab.core import migrate
from nerdup_lab.core.db import Database
from nerdup_lab.core.snapshots.models import path_notebook_id
from tests.snapshots.helpers import notebook


def save(root, path, nb) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.from_dict(nb), root / path)


def with_record(nb, group: int, notebook_id: str):
    nb = dict(nb)
    nb["metadata"] = {
        **nb.get("metadata", {}),
        "nerdup": {"version": 1, "group": group, "notebook_id": notebook_id},
    }
    return nb


async def test_history_by_notebook_id_follows_a_rename(api, jp_root_dir):
    club = await study_group(api)
    alice, gid = club["alice"], club["gid"]
    nid = uuid.uuid4().hex
    save(jp_root_dir, "Untitled.ipynb", with_record(notebook(["x = 1"]), gid, nid))
    first = await alice.post(f"/groups/{gid}/snapshots", {"path": "Untitled.ipynb"})
    assert first.status == 201, first.json
    assert first.json["notebook_id"] == nid
    # JupyterLab's first-save rename: the same file, with its record, under a new name.
    (jp_root_dir / "Untitled.ipynb").rename(jp_root_dir / "eda.ipynb")
    save(jp_root_dir, "eda.ipynb", with_record(notebook(["x = 1", "x + 1"]), gid, nid))
    second = await alice.post(f"/groups/{gid}/snapshots", {"path": "eda.ipynb"})
    assert second.status == 201, second.json
    # Another notebook in the group is another line of history.
    save(jp_root_dir, "other.ipynb", notebook(["y = 2"]))
    other = await alice.post(f"/groups/{gid}/snapshots", {"path": "other.ipynb"})
    assert other.json["notebook_id"] == path_notebook_id(gid, "other.ipynb")

    line = (await alice.get(f"/groups/{gid}/snapshots", params={"notebook_id": nid})).json
    assert [s["id"] for s in line["items"]] == [second.json["id"], first.json["id"]]
    assert [s["path"] for s in line["items"]] == ["eda.ipynb", "Untitled.ipynb"]
    # By path (the fallback) only the renamed file's own snapshot.
    by_path = (await alice.get(f"/groups/{gid}/snapshots", params={"path": "eda.ipynb"})).json
    assert [s["id"] for s in by_path["items"]] == [second.json["id"]]


async def test_a_malformed_record_id_falls_back_to_the_path(api, jp_root_dir):
    club = await study_group(api)
    alice, gid = club["alice"], club["gid"]
    save(jp_root_dir, "a.ipynb", with_record(notebook(["x"]), gid, "not-an-id"))
    reply = await alice.post(f"/groups/{gid}/snapshots", {"path": "a.ipynb"})
    assert reply.json["notebook_id"] == path_notebook_id(gid, "a.ipynb")


def test_migration_0006_gives_old_snapshots_their_path_id(db_url):
    db = Database(db_url)
    migrate.upgrade(db, "0005_commit_idempotency")
    now = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO users (username, display_name, created) VALUES ('ann', 'Ann', :c)"),
            {"c": now},
        )
        conn.execute(
            text(
                "INSERT INTO groups (title, description, links, status, visibility, "
                "adoption_rule, created_at, created_by, version) VALUES "
                "('Club', '', '[]', 'active', 'open', 'organizer', :c, 'ann', 1)"
            ),
            {"c": now},
        )
        conn.execute(
            text("INSERT INTO blobs (hash, size, stored_size, data) VALUES ('m', 1, 1, :d)"),
            {"d": b"x"},
        )
        for path in ("a.ipynb", "a.ipynb", "dir/b.ipynb"):
            conn.execute(
                text(
                    "INSERT INTO snapshots (group_id, author, created_at, message, path, "
                    "policy, content_hash, manifest_hash, metadata_hash, nbformat, "
                    "nbformat_minor, cell_count, content_bytes, new_bytes) VALUES "
                    "(1, 'ann', :c, '', :p, 'keep', 'h', 'm', 'h', 4, 5, 1, 1, 1)"
                ),
                {"c": now, "p": path},
            )
    migrate.upgrade(db)
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT path, notebook_id FROM snapshots ORDER BY id")).all()
    assert [r[1] for r in rows] == [path_notebook_id(1, r[0]) for r in rows]
    assert rows[0][1] == rows[1][1] != rows[2][1]
    db.dispose()
