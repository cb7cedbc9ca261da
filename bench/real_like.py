"""Real-like histories (bench/histories.py) measured side by side with git and nbdime (#18):

- storage: every version committed to our store (SQLite file growth after VACUUM, rows and
  indexes included) vs a git repository of the same commits after `git gc`;
- diffs: our diff of two consecutive stored snapshots vs nbdime's `diff_notebooks` of the
  same two files, both timed in this process (best of a few runs);
- pairing: which old cell each new cell is paired with, by us and by nbdime, compared with
  the truth the generator knows (each cell's identity through the history); and the moves
  we report that the author never made.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
from bench_db import bench_group
from diff_cases import _best_of
from histories import HISTORIES, Version
from nbdime.diffing.notebooks import diff_notebooks as nbdime_diff
from storage import _db_size, git

from nerdup_lab.core import migrate
from nerdup_lab.core.db import Database
from nerdup_lab.core.snapshots import commit_snapshot
from nerdup_lab.core.snapshots.diff import diff_snapshots
from nerdup_lab.core.snapshots.models import Snapshot
from nerdup_lab.core.snapshots.records import clear_manifest_cache

Pairs = dict[int, int]  # old cell index -> new cell index


def nbdime_pairs(diff: list[dict[str, Any]], old_len: int) -> Pairs:
    """The cell pairing nbdime's notebook diff implies (kept and patched cells)."""
    ops: list[dict[str, Any]] = []
    for entry in diff:
        if entry["key"] == "cells" and entry["op"] == "patch":
            ops = entry["diff"]
    added: dict[int, int] = {}
    removed: set[int] = set()
    for op in ops:
        if op["op"] == "addrange":
            added[op["key"]] = added.get(op["key"], 0) + len(op["valuelist"])
        elif op["op"] == "removerange":
            removed.update(range(op["key"], op["key"] + op["length"]))
    pairs: Pairs = {}
    j = 0
    for i in range(old_len + 1):
        j += added.get(i, 0)
        if i == old_len:
            break
        if i not in removed:
            pairs[i] = j
            j += 1
    return pairs


def true_pairs(a: Version, b: Version) -> Pairs:
    where = {uid: j for j, uid in enumerate(b.uids)}
    return {i: where[uid] for i, uid in enumerate(a.uids) if uid in where}


def wrong(found: Pairs, truth: Pairs, old_len: int) -> int:
    """Old cells whose partner (or lack of one) differs from the truth."""
    return sum(1 for i in range(old_len) if found.get(i) != truth.get(i))


def _commit_all(versions: list[Version], tmp: Path) -> tuple[Database, list[int], int]:
    path = tmp / "store.sqlite"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    gid = bench_group(db)
    empty = _db_size(db, path)
    db = Database(f"sqlite:///{path}")
    ids = []
    for k, v in enumerate(versions):
        snap = commit_snapshot(
            db, group_id=gid, author="bench", path="chapter.ipynb", notebook=v.notebook,
            message=f"revision {k}", policy="keep",
        )  # fmt: skip
        ids.append(snap["id"])
    size = _db_size(db, path) - empty
    return Database(f"sqlite:///{path}"), ids, size


def run_history(name: str, versions: list[Version], log: Callable[[str], None]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nerdup-bench-") as tmp:
        db, ids, ours_bytes = _commit_all(versions, Path(tmp))
        theirs = git([v.notebook for v in versions], Path(tmp))
        speedups: list[float] = []
        ours_wrong = nbdime_wrong = false_moves = cells_compared = 0
        slowest: tuple[float, float] = (0.0, 0.0)
        # nbdime gets each version as from its file (nbformat joins lists of lines).
        as_read = [nbformat.reads(json.dumps(v.notebook), as_version=4) for v in versions]
        with db.session() as s:
            snaps = [s.get(Snapshot, i) for i in ids]
            for k in range(1, len(versions)):
                a, b = versions[k - 1], versions[k]
                sa, sb = snaps[k - 1], snaps[k]

                def ours_cold(sa: Any = sa, sb: Any = sb) -> dict[str, Any]:
                    clear_manifest_cache()
                    return diff_snapshots(s, sa, sb)

                result = ours_cold()
                ours_s = _best_of(ours_cold, 3)
                theirs_diff: list[dict[str, Any]] = []

                def nbdime_once(
                    na: Any = as_read[k - 1], nb: Any = as_read[k], out: Any = theirs_diff
                ) -> None:
                    out[:] = nbdime_diff(na, nb)

                start = time.perf_counter()
                nbdime_once()
                nbdime_s = min(time.perf_counter() - start, _best_of(nbdime_once, 1))
                speedups.append(nbdime_s / ours_s)
                if nbdime_s > slowest[1]:
                    slowest = (ours_s, nbdime_s)
                old_len = len(a.uids)
                truth = true_pairs(a, b)
                ours_pairs = {
                    c["a_index"]: c["b_index"]
                    for c in result["cells"]
                    if c["a_index"] is not None and c["b_index"] is not None
                }
                ours_wrong += wrong(ours_pairs, truth, old_len)
                nbdime_wrong += wrong(nbdime_pairs(theirs_diff, old_len), truth, old_len)
                cells_compared += old_len
                for c in result["cells"]:
                    if c.get("moved") and a.uids[c["a_index"]] != b.moved:
                        false_moves += 1
        db.dispose()
    row = {
        "history": name,
        "versions": len(versions),
        "ours_bytes": ours_bytes,
        "git_gc_bytes": theirs["bytes"],
        "raw_bytes": theirs["raw_bytes"],
        "ratio_vs_git": round(ours_bytes / theirs["bytes"], 3),
        "diff_speedup_min": round(min(speedups), 2),
        "diff_speedup_median": round(statistics.median(speedups), 1),
        "slowest_nbdime_pair_ms": [round(slowest[0] * 1000, 2), round(slowest[1] * 1000, 1)],
        "cells_compared": cells_compared,
        "pairing_wrong_ours": ours_wrong,
        "pairing_wrong_nbdime": nbdime_wrong,
        "false_moves": false_moves,
        "true_moves": sum(1 for v in versions if v.moved is not None),
    }
    log(
        f"  {name:<62} ours {ours_bytes / 1e6:6.3f} MB  git gc {theirs['bytes'] / 1e6:6.3f} MB"
        f"  ratio {row['ratio_vs_git']:.2f}  diff x{row['diff_speedup_min']:.1f}"
        f"..x{row['diff_speedup_median']:.0f}  wrong pairs ours {ours_wrong} nbdime"
        f" {nbdime_wrong} of {cells_compared}  false moves {false_moves}"
    )
    return row


def run_real_like(log: Callable[[str], None], quick: bool = False) -> dict[str, Any]:
    rows = []
    for name, make in list(HISTORIES.items())[: 2 if quick else None]:
        rows.append(run_history(name, make(), log))
    ratios = [r["ratio_vs_git"] for r in rows]
    return {
        "histories": rows,
        "storage_ratio_median": round(statistics.median(ratios), 3),
        "storage_ratio_max": max(ratios),
        "diff_speedup_min": min(r["diff_speedup_min"] for r in rows),
        "diff_speedup_median": round(statistics.median(r["diff_speedup_median"] for r in rows), 1),
        "pairing_wrong_ours": sum(r["pairing_wrong_ours"] for r in rows),
        "pairing_wrong_nbdime": sum(r["pairing_wrong_nbdime"] for r in rows),
        "false_moves": sum(r["false_moves"] for r in rows),
    }


if __name__ == "__main__":
    import sys

    print(json.dumps(run_real_like(print, quick="--quick" in sys.argv)))
