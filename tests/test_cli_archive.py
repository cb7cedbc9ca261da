"""`jupyter nerdup export` / `import`: a whole group as one file, losslessly, on SQLite and
PostgreSQL (and from either into a fresh SQLite database)."""

from __future__ import annotations

import json
import zipfile

import pytest
from archive_helpers import canonical_group
from cli_helpers import Cli, isolated_config  # noqa: F401
from sqlalchemy import select

from nerdup_lab.core import archive, demo, migrate
from nerdup_lab.core.db import Database
from nerdup_lab.core.snapshots.models import Blob, Snapshot
from nerdup_lab.core.snapshots.records import read_notebook


@pytest.fixture
def seeded(db_url):
    db = Database(db_url)
    migrate.upgrade(db)
    demo.seed(db)
    yield db
    db.dispose()


def _snapshots(db, group_id):
    """Each snapshot's notebook as JSON text, and the stored bytes of every blob it uses."""
    from nerdup_lab.core.archive.export import snapshot_blobs

    with db.session() as s:
        snaps = s.scalars(
            select(Snapshot).where(Snapshot.group_id == group_id).order_by(Snapshot.id)
        ).all()
        notebooks = [json.dumps(read_notebook(s, snap), sort_keys=True) for snap in snaps]
        rows = [{"manifest_hash": snap.manifest_hash} for snap in snaps]
        hashes = snapshot_blobs(s, rows)
        blobs = {
            b.hash: (b.size, b.stored_size, b.data)
            for b in s.scalars(select(Blob).where(Blob.hash.in_(hashes)))
        }
    return notebooks, blobs


def _food_group(db):
    with db.session() as s:
        from nerdup_lab.core.models import Group

        return s.scalars(select(Group.id).where(Group.title.like("Food reviews%"))).first()


def test_export_import_round_trip_is_lossless(seeded, tmp_path):
    gid = _food_group(seeded)
    target = tmp_path / "food.nerdup.zip"
    manifest = archive.export_group(seeded, "ada", gid, target)
    assert manifest["tables"]["snapshots"] == 3
    assert manifest["blobs"] > 0

    # Into the same database, as a new group ...
    result = archive.import_group(seeded, target)
    assert result["group_id"] != gid
    assert canonical_group(seeded, result["group_id"]) == canonical_group(seeded, gid)
    assert _snapshots(seeded, result["group_id"]) == _snapshots(seeded, gid)

    # ... and into a fresh database elsewhere.
    other = Database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    migrate.upgrade(other)
    copied = archive.import_group(other, target)
    assert canonical_group(other, copied["group_id"]) == canonical_group(seeded, gid)
    assert _snapshots(other, copied["group_id"]) == _snapshots(seeded, gid)
    other.dispose()


def test_questions_answers_and_upvotes_follow_their_records(seeded, tmp_path):
    from nerdup_lab.core.rhythm import questions
    from nerdup_lab.core.rhythm.models import Question, Upvote

    gid = _food_group(seeded)
    with seeded.session() as s:
        first = questions.ask(s, "ben", gid, {"title": "Why drop 3-star reviews?"})
        decoy = questions.ask(s, "dev", gid, {"title": "Parquet or Feather?"})
        questions.answer(s, "dev", decoy["id"], {"body": "Parquet."})
        reply = questions.answer(s, "chloe", first["id"], {"body": "They blur both classes."})
        answer_id = reply["answers"][-1]["id"]
        questions.upvote(s, "dev", "answer", answer_id)
        questions.upvote(s, "ada", "question", first["id"])
    with seeded.session() as s:
        questions.accept(s, "ben", first["id"], {"answer_id": answer_id})
    archive.export_group(seeded, "ada", gid, tmp_path / "a.zip")
    new = archive.import_group(seeded, tmp_path / "a.zip")["group_id"]
    assert canonical_group(seeded, new) == canonical_group(seeded, gid)
    with seeded.session() as s:
        copy = s.scalars(
            select(Question).where(Question.group_id == new, Question.title.like("Why%"))
        ).one()
        accepted = next(a for a in copy.answers if a.id == copy.accepted_answer_id)
        assert accepted.body == "They blur both classes."
        votes = s.scalars(select(Upvote).where(Upvote.group_id == new)).all()
        assert {(v.target, v.target_id) for v in votes} == {
            ("answer", accepted.id),
            ("question", copy.id),
        }


def test_reexport_of_an_import_has_the_same_content(seeded, tmp_path):
    gid = _food_group(seeded)
    archive.export_group(seeded, "ada", gid, tmp_path / "a.zip")
    new = archive.import_group(seeded, tmp_path / "a.zip")["group_id"]
    archive.export_group(seeded, "ada", new, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "a.zip") as a, zipfile.ZipFile(tmp_path / "b.zip") as b:
        blobs_a = {n: a.read(n) for n in a.namelist() if n.startswith("blobs/")}
        blobs_b = {n: b.read(n) for n in b.namelist() if n.startswith("blobs/")}
        assert blobs_a == blobs_b
        assert (
            json.loads(a.read("manifest.json"))["tables"]
            == json.loads(b.read("manifest.json"))["tables"]
        )


def test_activity_subjects_point_at_the_imported_records(seeded, tmp_path):
    from nerdup_lab.core.models import Activity, Task

    gid = _food_group(seeded)
    archive.export_group(seeded, "ada", gid, tmp_path / "a.zip")
    new = archive.import_group(seeded, tmp_path / "a.zip")["group_id"]
    with seeded.session() as s:
        task_ids = set(s.scalars(select(Task.id).where(Task.group_id == new)))
        subjects = s.scalars(select(Activity.subject).where(Activity.group_id == new)).all()
    mentioned = {subj["task_id"] for subj in subjects if subj.get("task_id")}
    assert mentioned and mentioned <= task_ids


def test_cli_export_and_import(capsys, db_url, seeded, tmp_path, isolated_config):  # noqa: F811
    cli = Cli(capsys, db_url)
    gid = str(_food_group(seeded))
    out = cli.ok("export", gid, str(tmp_path / "g.zip")).out
    assert out.startswith(f"Exported group {gid} “Food reviews recommender")
    imported = cli.ok("import", str(tmp_path / "g.zip"))
    assert imported.out.startswith(
        "Imported “Food reviews recommender (Thursday meetup)” as group "
    )
    assert "importing [" in imported.err


def test_cli_import_errors(capsys, sqlite_url, isolated_config, tmp_path):  # noqa: F811
    cli = Cli(capsys, sqlite_url)
    cli.ok("init")
    assert cli("import", str(tmp_path / "missing.zip")).code == 3
    (tmp_path / "plan.zip").write_text("not a zip")
    bad = cli("import", str(tmp_path / "plan.zip"))
    assert bad.code == 2 and "not a nerdup group archive" in bad.err
    with zipfile.ZipFile(tmp_path / "future.zip", "w") as z:
        z.writestr("manifest.json", json.dumps({"format": "nerdup-group-archive", "version": 9}))
    future = cli("import", str(tmp_path / "future.zip"))
    assert future.code == 2 and "format version 9" in future.err
    assert cli("export", "5", str(tmp_path / "x.zip")).code == 3


def test_damaged_blob_is_refused(seeded, tmp_path):
    gid = _food_group(seeded)
    archive.export_group(seeded, "ada", gid, tmp_path / "a.zip")
    with (
        zipfile.ZipFile(tmp_path / "a.zip") as src,
        zipfile.ZipFile(tmp_path / "b.zip", "w") as dst,
    ):
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("blobs/") and data[:1] == b"r":
                data = data[:-1] + b" "
            dst.writestr(item, data)
    from nerdup_lab.core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="damaged"):
        archive.import_group(seeded, tmp_path / "b.zip")


def test_cli_export_git(capsys, db_url, seeded, tmp_path, isolated_config):  # noqa: F811
    import subprocess

    cli = Cli(capsys, db_url)
    gid = str(_food_group(seeded))
    out = cli.ok("export-git", gid, str(tmp_path / "repo")).out
    assert out.startswith(f"Wrote 3 snapshot(s) of group {gid} as a git repository")
    log = subprocess.run(
        ["git", "-C", str(tmp_path / "repo"), "log", "--format=%an|%s"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert log[-1] == "Ben Müller|Loader with dtypes"
    again = cli("export-git", gid, str(tmp_path / "repo"))
    assert again.code == 5 and "not empty" in again.err
    assert cli("export-git", "999", str(tmp_path / "other")).code == 3
