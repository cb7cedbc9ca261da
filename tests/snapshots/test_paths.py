"""Every notebook path the service stores is checked (issue #12): relative, normalised,
no `..`, NUL or `.git`, bounded length, a 400 naming the field; a NUL in a commit message
is a 400 (it was a 500 on PostgreSQL); a bad path stored before the check never breaks
export-git; a restore whose target is refused records nothing."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from sqlalchemy import func, select, update

from nerdup_lab.core.errors import InvalidInput
from nerdup_lab.core.models import Activity
from nerdup_lab.core.paths import path_problem
from nerdup_lab.core.snapshots import export_git, group_notebooks, service
from nerdup_lab.core.snapshots.models import GroupNotebook, Snapshot
from nerdup_lab.core.validate import notebook_paths

from .helpers import notebook

BAD = [
    "../escape.ipynb",
    "work/../../escape.ipynb",
    "/etc/passwd",
    "C:evil.ipynb",
    "a\\..\\b.ipynb",
    ".git/config",
    "work/.GIT/hooks/post-commit",
    ".git./config",
    "git~1/config",
    "a\x00b.ipynb",
    "tab\there.ipynb",
    "a//b.ipynb",
    "./a.ipynb",
    "a/./b.ipynb",
    "dir/",
    "x" * 1025,
    "d/" + "n" * 256 + ".ipynb",
]
GOOD = [
    "eda.ipynb",
    "work/eda.ipynb",
    "Übung 1/Lösung (v2).ipynb",
    ".ipynb_checkpoints/eda-checkpoint.ipynb",
    "a.git/b.ipynb",
    "my .gitignore notes.ipynb",
    "/".join(["d" * 200] * 5),  # 1004 characters
]


@pytest.mark.parametrize("path", GOOD)
def test_ordinary_paths_are_fine(path: str) -> None:
    assert path_problem(path) is None


@pytest.mark.parametrize("path", BAD, ids=[repr(p)[:30] for p in BAD])
def test_a_bad_commit_path_is_a_400_naming_path_and_stores_nothing(
    db: Any, commit: Any, path: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        commit(notebook(["x = 1"]), path=path)
    assert refused.value.fields == {"path": "invalid"}
    assert "`path`" in refused.value.message
    assert "\x00" not in refused.value.message
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Snapshot)) == 0


@pytest.mark.parametrize("path", ["../x.ipynb", ".git/config", "a\x00.ipynb"])
def test_group_notebooks_and_task_links_refuse_bad_paths(db: Any, group: int, path: str) -> None:
    with db.session() as s, pytest.raises(InvalidInput) as refused:
        group_notebooks.mark(s, "alice", group, {"path": path})
    assert refused.value.fields == {"path": "invalid"}
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(GroupNotebook)) == 0
    with pytest.raises(ValueError):
        notebook_paths([path])


@pytest.mark.parametrize("message", ["fix\x00", "bell\x07", "\x1b[31mred"])
def test_a_control_character_in_the_message_is_a_400(db: Any, commit: Any, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        commit(notebook(["x = 1"]), message=message)
    assert refused.value.fields == {"message": "invalid"}
    # Tabs and newlines are ordinary message text.
    assert commit(notebook(["x = 1"]), message="Title\n\n\tbody")["message"] == "Title\n\n\tbody"


def test_a_refused_restore_target_records_no_activity(db: Any, commit: Any) -> None:
    snap = commit(notebook(["x = 1"]))

    def restored() -> int:
        with db.session() as s:
            kinds = select(func.count()).where(Activity.kind == "snapshot.restored")
            return int(s.scalar(kinds.select_from(Activity)) or 0)

    for target in ("../outside.ipynb", ".git/config", "a\x00.ipynb"):
        with db.session() as s, pytest.raises(InvalidInput) as refused:
            service.restore(s, "alice", snap["id"], target)
        assert refused.value.fields == {"target": "invalid"}
    assert restored() == 0
    with db.session() as s:
        service.restore(s, "alice", snap["id"], "copy.ipynb")
    assert restored() == 1


def test_bad_paths_stored_before_the_check_never_break_export_git(
    db: Any, group: int, commit: Any, tmp_path: Any
) -> None:
    good = commit(notebook(["good = 1"]), author="bob", path="work/good.ipynb")
    planted = {
        "../../outside.ipynb": commit(notebook(["a = 1"]), path="p1.ipynb"),
        ".git/config": commit(notebook(["b = 1"]), path="p2.ipynb"),
        "/abs/path.ipynb": commit(notebook(["c = 1"]), path="p3.ipynb"),
    }
    with db.session() as s:  # as an older release stored them
        for path, snap in planted.items():
            s.execute(update(Snapshot).where(Snapshot.id == snap["id"]).values(path=path))
        s.execute(update(Snapshot).where(Snapshot.id == good["id"]).values(message="x\x07y"))
    for who, repo in ((None, tmp_path / "group"), ("alice", tmp_path / "alice")):
        assert export_git(db, group, repo, author=who)["commits"] == (4 if who is None else 3)
        files = subprocess.run(
            ["git", "-C", str(repo), "ls-files"], check=True, capture_output=True, text=True
        ).stdout.split()
        prefix = "alice/" if who is None else ""
        assert sorted(f for f in files if "unsafe-paths" in f) == sorted(
            f"{prefix}unsafe-paths/snapshot-{s['id']}.ipynb" for s in planted.values()
        )
        config = (repo / ".git" / "config").read_text()
        assert "b = 1" not in config  # the repository's own config was not overwritten
        assert not (tmp_path / "outside.ipynb").exists()
        assert not (tmp_path.parent / "outside.ipynb").exists()
    log = subprocess.run(
        ["git", "-C", str(tmp_path / "group"), "log", "--format=%s"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert "xy" in log
