"""Storage benchmark: 30 successive snapshots in our store vs a git repository of the same
30 commits after `git gc`.

Ours is the growth of a SQLite database file (after VACUUM) holding only these snapshots,
so page overhead, indexes and snapshot rows all count. Git's is every file under
`.git/objects` (packs and their indexes) after a plain `git gc`.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench_db import bench_group
from notebooks import edit_one, make_notebook, run_all
from sqlalchemy import func, select

from nerdup_lab.core import migrate
from nerdup_lab.core.db import Database
from nerdup_lab.core.snapshots import commit_snapshot
from nerdup_lab.core.snapshots.export_git import notebook_text
from nerdup_lab.core.snapshots.models import Blob

SNAPSHOTS = 30
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
}


def one_line(base: dict[str, Any]) -> Iterator[dict[str, Any]]:
    nb = base
    for k in range(SNAPSHOTS):
        yield nb
        nb = edit_one(nb, k + 1)


def run_all_each_time(base: dict[str, Any]) -> Iterator[dict[str, Any]]:
    nb = base
    for k in range(SNAPSHOTS):
        yield nb
        nb = run_all(edit_one(nb, k + 1), seed=k + 1)


Workload = tuple[dict[str, Any], Callable[..., Iterator[dict[str, Any]]], bool]


def workloads(quick: bool) -> dict[str, Workload]:
    """name -> (first version, how the next ones follow, is it the extra stress case)."""
    # The two workloads, on a notebook like the TOOLCHAIN anchor: ~0.5 MB, a dozen
    # plots, DataFrame tables and text outputs.
    images = make_notebook(80, images=12, seed=7)
    found: dict[str, Workload] = {
        "one-line-changed (80 cells, 12 images)": (images, one_line, False),
        "run-all-each-time (80 cells, 12 images)": (images, run_all_each_time, False),
    }
    if not quick:
        # Extra, reported apart: the worst case for per-cell storage (many tiny cells,
        # nothing but text), where git's one-file-per-commit packing has the edge.
        found["one-line-changed (1600 cells, no outputs; stress)"] = (
            make_notebook(1600, outputs=False, seed=8),
            one_line,
            True,
        )
    return found


def _db_size(db: Database, path: Path) -> int:
    # VACUUM cannot run inside a transaction, and the store's SQLite connections always
    # open one (db.py's BEGIN IMMEDIATE recipe): use a plain autocommit connection.
    db.engine.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path.stat().st_size


def ours(versions: list[dict[str, Any]], tmp: Path) -> dict[str, int]:
    path = tmp / "store.sqlite"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    gid = bench_group(db)
    empty = _db_size(db, path)
    for k, nb in enumerate(versions):
        commit_snapshot(
            db, group_id=gid, author="bench", path="analysis.ipynb", notebook=nb,
            message=f"snapshot {k}", policy="keep",
        )  # fmt: skip
    with db.session() as s:
        blob_bytes = int(s.scalar(select(func.sum(Blob.stored_size))) or 0)
    size = _db_size(db, path) - empty
    db.dispose()
    return {"bytes": size, "blob_bytes": blob_bytes}


def git(versions: list[dict[str, Any]], tmp: Path) -> dict[str, int]:
    repo = tmp / "repo"
    repo.mkdir()
    env = {**os.environ, **GIT_ENV}

    def run(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)

    run("init", "-q")
    raw = 0
    for k, nb in enumerate(versions):
        content = notebook_text(nb)
        raw += len(content.encode())
        (repo / "analysis.ipynb").write_text(content, encoding="utf-8")
        run("add", "analysis.ipynb")
        # --allow-empty: a version equal to the one before is still a commit, as ours is a snapshot.
        run("-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", f"snapshot {k}")
    run("gc", "-q")
    objects = repo / ".git" / "objects"
    size = sum(p.stat().st_size for p in objects.rglob("*") if p.is_file())
    return {"bytes": size, "raw_bytes": raw}


def run_storage(log: Callable[[str], None], quick: bool = False) -> list[dict[str, Any]]:
    results = []
    for name, (base, series, stress) in workloads(quick).items():
        versions = list(series(base))
        with tempfile.TemporaryDirectory(prefix="nerdup-bench-") as tmp:
            mine = ours(versions, Path(tmp))
            theirs = git(versions, Path(tmp))
        row = {
            "workload": name,
            "stress": stress,
            "snapshots": len(versions),
            "notebook_bytes": len(notebook_text(versions[0]).encode()),
            "all_versions_raw_bytes": theirs["raw_bytes"],
            "ours_bytes": mine["bytes"],
            "ours_blob_bytes": mine["blob_bytes"],
            "git_gc_bytes": theirs["bytes"],
            "ratio_vs_git": round(mine["bytes"] / theirs["bytes"], 3),
        }
        results.append(row)
        log(
            f"  {name:<42} notebook {row['notebook_bytes'] / 1e6:5.2f} MB  ours "
            f"{mine['bytes'] / 1e6:6.3f} MB  git gc {theirs['bytes'] / 1e6:6.3f} MB  "
            f"ratio {row['ratio_vs_git']:.3f}"
        )
    return results
