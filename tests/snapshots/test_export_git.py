"""export-git: one commit per snapshot, the member as author, the snapshot time as date."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import nbformat
import pytest
from sqlalchemy import update

from nerdup_lab.core.errors import Conflict
from nerdup_lab.core.snapshots import export_git
from nerdup_lab.core.snapshots.models import Snapshot

from .helpers import notebook


def _git(repo, *args):
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def _history(db, commit):
    v1 = notebook(["x = 1"], outputs=True)
    v2 = json.loads(json.dumps(v1))
    v2["cells"][0]["source"] = "x = 2"
    snaps = [
        commit(v1, author="alice", message="First try"),
        commit(notebook(["y = 1"]), author="bob", message="Bob's take"),
        commit(v2, author="alice", message="Second try"),
    ]
    when = dt.datetime(2026, 3, 1, 18, 30, tzinfo=dt.UTC)
    with db.session() as s:
        for k, snap in enumerate(snaps):
            s.execute(
                update(Snapshot)
                .where(Snapshot.id == snap["id"])
                .values(created_at=when + dt.timedelta(days=k))
            )
    return snaps, (v1, v2)


def test_group_export_has_one_commit_per_snapshot_by_its_author(db, group, commit, tmp_path):
    _history(db, commit)
    result = export_git(db, group, tmp_path / "repo")
    assert result["commits"] == 3
    log = _git(tmp_path / "repo", "log", "--reverse", "--format=%an|%ae|%aI|%cI|%s")
    lines = log.strip().splitlines()
    assert [line.split("|")[0] for line in lines] == ["Alice", "Bob", "Alice"]
    assert lines[0].split("|")[2] == "2026-03-01T18:30:00+00:00"
    assert lines[0].split("|")[3] == "2026-03-01T18:30:00+00:00"
    assert lines[2].split("|")[4] == "Second try"
    assert sorted(_git(tmp_path / "repo", "ls-files").split()) == ["alice/nb.ipynb", "bob/nb.ipynb"]


def test_member_export_files_match_the_snapshots(db, group, commit, tmp_path):
    _, (v1, v2) = _history(db, commit)
    repo = tmp_path / "alice"
    assert export_git(db, group, repo, author="alice")["commits"] == 2
    first = _git(repo, "show", "HEAD~1:nb.ipynb")
    assert nbformat.reads(first, as_version=4) == nbformat.from_dict(v1)
    assert first == nbformat.writes(nbformat.from_dict(v1)) + "\n"
    assert (repo / "nb.ipynb").read_text() == nbformat.writes(nbformat.from_dict(v2)) + "\n"


def test_export_refuses_a_non_empty_folder(db, group, commit, tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(Conflict):
        export_git(db, group, tmp_path)
