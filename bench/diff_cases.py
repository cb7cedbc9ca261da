"""Diff benchmark: our diff of two stored snapshots vs nbdime's `diff_notebooks` on the same
pair of notebook files.

Cases (each at every size):
- edit1-ids:           cell ids present, outputs, one source line edited;
- edit1-ids-nooutputs: the same without outputs;
- edit1-noids:         nbformat 4.4 notebooks (no ids), outputs, one line edited;
- ids-regenerated:     one line edited and every cell id regenerated;
- rerun:               "Run All": new execution counts, every 60-row DataFrame table and
                       printed value re-generated.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
from notebooks import edit_one, make_notebook, regenerate_ids, run_all

from nerdup_lab.core.db import Database
from nerdup_lab.core.snapshots import commit_snapshot
from nerdup_lab.core.snapshots.diff import diff_notebooks, diff_snapshots
from nerdup_lab.core.snapshots.models import Snapshot
from nerdup_lab.core.snapshots.records import clear_manifest_cache

NBDIME_LIMIT_S = 60
HERE = Path(__file__).resolve().parent


def _pairs(n: int) -> dict[str, Callable[[], tuple[dict[str, Any], dict[str, Any]]]]:
    def edit1_ids() -> tuple[dict[str, Any], dict[str, Any]]:
        a = make_notebook(n, seed=n)
        return a, edit_one(a)

    def edit1_nooutputs() -> tuple[dict[str, Any], dict[str, Any]]:
        a = make_notebook(n, outputs=False, seed=n)
        return a, edit_one(a)

    def edit1_noids() -> tuple[dict[str, Any], dict[str, Any]]:
        a = make_notebook(n, ids=False, seed=n)
        return a, edit_one(a)

    def regenerated() -> tuple[dict[str, Any], dict[str, Any]]:
        a = make_notebook(n, seed=n)
        return a, regenerate_ids(edit_one(a))

    def rerun() -> tuple[dict[str, Any], dict[str, Any]]:
        a = make_notebook(n, seed=n)
        return a, run_all(a, seed=2)

    return {
        "edit1-ids": edit1_ids,
        "edit1-ids-nooutputs": edit1_nooutputs,
        "edit1-noids": edit1_noids,
        "ids-regenerated": regenerated,
        "rerun": rerun,
    }


def _nbdime(a_file: Path, b_file: Path) -> tuple[float, bool]:
    """(seconds, finished); a case that does not finish counts as the full limit."""
    cmd = [sys.executable, str(HERE / "nbdime_case.py"), str(a_file), str(b_file)]
    try:
        out = subprocess.run(
            [*cmd, str(NBDIME_LIMIT_S)],
            capture_output=True,
            text=True,
            timeout=NBDIME_LIMIT_S + 30,  # imports and file reading on top of the diff
            check=True,
        ).stdout.strip()
    except subprocess.TimeoutExpired:
        return float(NBDIME_LIMIT_S), False
    if out == "timeout":
        return float(NBDIME_LIMIT_S), False
    return float(out), True


def _best_of(fn: Callable[[], Any], runs: int) -> float:
    """The fastest of `runs` runs (as timeit does): on a shared machine the slower runs
    measure other processes, not this code.

    The benchmark process holds every generated notebook (millions of objects); without
    `gc.freeze()` a cyclic collection over that heap lands inside the timed call (10-90 ms
    seen) and measures the benchmark's own data, not the diff. A server does not hold it.
    """
    gc.collect()
    gc.freeze()
    try:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    finally:
        gc.unfreeze()
    return min(times)


def _ours(db: Database, group_id: int, path: str, a: Any, b: Any) -> tuple[float, Any]:
    """Median time of our diff of the two notebooks committed as snapshots, and its summary."""
    sa = commit_snapshot(db, group_id=group_id, author="bench", path=path, notebook=a)
    sb = commit_snapshot(db, group_id=group_id, author="bench", path=path, notebook=b)
    with db.session() as s:
        snap_a, snap_b = s.get(Snapshot, sa["id"]), s.get(Snapshot, sb["id"])
        diff_snapshots(s, snap_a, snap_b)  # warm-up: compiled SQL, imports

        def cold() -> None:
            # Manifests are cached per process; measure without that help.
            clear_manifest_cache()
            diff_snapshots(s, snap_a, snap_b)

        return _best_of(cold, 7), diff_snapshots(s, snap_a, snap_b)["summary"]


def _from_files(a_file: Path, b_file: Path) -> float:
    """Median time of our diff of the two files as nbdime gets them (hashing included)."""
    a_nb = nbformat.read(a_file, as_version=4)
    b_nb = nbformat.read(b_file, as_version=4)
    return _best_of(lambda: diff_notebooks(a_nb, b_nb), 3)


def run_diff_cases(
    db: Database, group_id: int, sizes: list[int], log: Callable[[str], None]
) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="nerdup-bench-") as tmp:
        a_file, b_file = Path(tmp) / "a.ipynb", Path(tmp) / "b.ipynb"
        for n in sizes:
            for name, make in _pairs(n).items():
                a, b = make()
                a_file.write_text(json.dumps(a))
                b_file.write_text(json.dumps(b))
                ours, summary = _ours(db, group_id, f"{name}-{n}.ipynb", a, b)
                raw = _from_files(a_file, b_file)
                theirs, finished = _nbdime(a_file, b_file)
                row = {
                    "case": name,
                    "cells": n,
                    "ours_s": round(ours, 5),
                    "ours_from_files_s": round(raw, 5),
                    "nbdime_s": round(theirs, 4),
                    "nbdime_finished": finished,
                    "speedup": round(theirs / ours, 1),
                    "speedup_from_files": round(theirs / raw, 1),
                    "changes": {k: v for k, v in summary.items() if v and k != "unchanged"},
                }
                results.append(row)
                note = "" if finished else f"  (nbdime stopped at {NBDIME_LIMIT_S} s)"
                log(
                    f"  {name:<20} {n:>5} cells  ours {ours * 1000:8.1f} ms"
                    f"  (from files {raw * 1000:7.1f} ms)  nbdime {theirs:8.3f} s"
                    f"  x{theirs / ours:8.1f}{note}"
                )
    return results
