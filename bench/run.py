"""`make bench`: nerdup snapshot diff, storage and commit latency, measured side by side with
nbdime and git on this machine. The last line of output is one JSON object with every figure.

    .venv/bin/python bench/run.py            # the full run (about 10 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # 200-cell diffs only, fewer storage workloads

See bench/README.md for what each figure means and how it is measured.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_db import bench_group  # noqa: E402
from diff_cases import NBDIME_LIMIT_S, run_diff_cases  # noqa: E402
from hub_latency import run_hub_latency  # noqa: E402
from latency import run_latency  # noqa: E402
from real_like import run_real_like  # noqa: E402
from storage import run_storage  # noqa: E402

from nerdup_lab.core import migrate  # noqa: E402
from nerdup_lab.core.db import Database  # noqa: E402

SIZES = [200, 400, 800, 1600]


def log(line: str) -> None:
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for development")
    args = parser.parse_args()
    sizes = [200] if args.quick else SIZES
    started = time.monotonic()
    figures: dict[str, Any] = {"machine": f"{platform.machine()}, {platform.python_version()}"}

    log(
        f"== Diff: ours (two stored snapshots) vs nbdime diff_notebooks (capped at "
        f"{NBDIME_LIMIT_S} s per case; a capped case counts as {NBDIME_LIMIT_S} s)"
    )
    with tempfile.TemporaryDirectory(prefix="nerdup-bench-") as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'diff.sqlite'}")
        migrate.upgrade(db)
        diffs = run_diff_cases(db, bench_group(db), sizes, log)
        db.dispose()
    figures["diff_cases"] = diffs

    log("== Storage: 30 successive snapshots, ours (SQLite file growth) vs git after `git gc`")
    storage = run_storage(log, quick=args.quick)
    figures["storage"] = storage

    log(
        "== Real-like histories (id-less 4.4 files, re-rendered plots, wrapped images, "
        "reorders): ours vs git gc and nbdime"
    )
    real = run_real_like(log, quick=args.quick)
    figures["real_like"] = real

    log("== Commit latency through the HTTP API (real jupyter-server, token auth)")
    latency = run_latency(log)
    figures["commit"] = latency

    log("== JupyterHub mode: through a user's server vs straight to the service (real local Hub)")
    hub = run_hub_latency(log)
    figures["hub"] = hub

    largest = max(sizes)
    issue = [s for s in storage if not s["stress"]]
    figures.update(
        {
            "diff_speedup_vs_nbdime_min": min(d["speedup"] for d in diffs),
            "diff_speedup_vs_nbdime_min_from_files": min(d["speedup_from_files"] for d in diffs),
            f"diff_{largest}_cells_s": max(d["ours_s"] for d in diffs if d["cells"] == largest),
            "diff_1600_cells_s": max(
                (d["ours_s"] for d in diffs if d["cells"] == 1600), default=None
            ),
            "diff_1600_cells_from_files_s": max(
                (d["ours_from_files_s"] for d in diffs if d["cells"] == 1600), default=None
            ),
            "nbdime_cases_capped": sum(1 for d in diffs if not d["nbdime_finished"]),
            "storage_ratio_vs_git_gc_max": max(s["ratio_vs_git"] for s in issue),
            "storage_ratio_vs_git_gc_max_incl_stress": max(s["ratio_vs_git"] for s in storage),
            "real_like_storage_ratio_vs_git_gc_median": real["storage_ratio_median"],
            "real_like_storage_ratio_vs_git_gc_max": real["storage_ratio_max"],
            "real_like_diff_speedup_vs_nbdime_min": real["diff_speedup_min"],
            "real_like_diff_speedup_vs_nbdime_median": real["diff_speedup_median"],
            "real_like_wrong_pairs_ours": real["pairing_wrong_ours"],
            "real_like_wrong_pairs_nbdime": real["pairing_wrong_nbdime"],
            "real_like_false_moves": real["false_moves"],
            "commit_p50_ms": latency["commit_p50_ms"],
            "commit_p95_ms": latency["commit_p95_ms"],
            "hub_commit_via_server_p50_ms": hub["commit"]["via_server_p50_ms"],
            "hub_commit_overhead_ratio_p50": hub["commit"]["overhead_ratio_p50"],
            "hub_read_overhead_ratio_p50": hub["read"]["overhead_ratio_p50"],
            "total_s": round(time.monotonic() - started, 1),
        }
    )
    log(json.dumps(figures, separators=(",", ":")))


if __name__ == "__main__":
    main()
