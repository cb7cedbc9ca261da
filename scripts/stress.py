"""Run the JupyterHub suite and the browser suites N times under a CPU load, then print each
test's failures and durations: `make test-stress` (N=5), `make test-stress N=10`.

The load is one busy loop per core (a Python process each, so nothing needs stress-ng), running
for the whole stress run: a loaded CI machine, on purpose. A test that fails once in N runs
is a flaky test; look at its own report (kept per run under .stress/) for why.

    python scripts/stress.py [-n N] [--suite hub|ui|hub-ui ...] [--load K] [-- extra args]

`--suite` picks suites (default: all three); the extra arguments go to each run, e.g.
`--suite ui -- tests/rhythm.spec.ts` for one browser spec,
`--suite hub -- tests/hub/test_hub_mode.py` for one hub file.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "tests" / "ui"
OUT = ROOT / ".stress"

# test id -> list of (passed, seconds), one entry per run
Results = dict[str, list[tuple[bool, float]]]


def busy() -> None:
    """One core's worth of load, until terminated."""
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    x = 0
    while True:
        x = (x * 31 + 7) % 1_000_003


def start_load(count: int) -> list[multiprocessing.Process]:
    loops = [multiprocessing.Process(target=busy, daemon=True) for _ in range(count)]
    for loop in loops:
        loop.start()
    return loops


def stop_load(loops: list[multiprocessing.Process]) -> None:
    for loop in loops:
        loop.terminate()
    for loop in loops:
        loop.join(5)


def run_hub(run: int, extra: list[str], results: Results) -> float:
    report = OUT / f"hub-{run}.xml"
    command = [
        sys.executable, "-m", "pytest", *(extra or ["tests/hub"]), "--confcutdir=tests/hub",
        "-p", "no:asyncio", "-q", f"--junitxml={report}",
    ]  # fmt: skip
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=False)
    elapsed = time.monotonic() - started
    if not report.exists():
        results["hub: (the run did not start)"].append((False, elapsed))
        return elapsed
    for case in ET.parse(report).getroot().iter("testcase"):
        if case.find("skipped") is not None:
            continue
        name = f"hub: {case.get('classname', '')}::{case.get('name', '')}"
        failed = case.find("failure") is not None or case.find("error") is not None
        results[name].append((not failed, float(case.get("time") or 0)))
    return elapsed


def walk_playwright(suite: dict[str, Any], prefix: str, results: Results) -> None:
    for spec in suite.get("specs", []):
        for test in spec.get("tests", []):
            runs = test.get("results", [])
            seconds = sum(r.get("duration", 0) for r in runs) / 1000
            passed = test.get("status") == "expected"
            name = (
                f"{prefix}: {spec.get('file', '')}:{spec.get('line', '')} {spec.get('title', '')}"
            )
            results[name].append((passed, seconds))
    for child in suite.get("suites", []):
        walk_playwright(child, prefix, results)


def run_ui(run: int, hub: bool, extra: list[str], results: Results) -> float:
    name = "hub-ui" if hub else "ui"
    report = OUT / f"{name}-{run}.json"
    config = ["-c", "playwright.hub.config.js"] if hub else []
    env = {**os.environ, "PLAYWRIGHT_JSON_OUTPUT_NAME": str(report)}
    command = ["jlpm", "playwright", "test", *config, "--reporter=list,json", *extra]
    started = time.monotonic()
    subprocess.run(command, cwd=UI, env=env, check=False)
    elapsed = time.monotonic() - started
    if not report.exists():
        results[f"{name}: (the run did not start)"].append((False, elapsed))
        return elapsed
    for suite in json.loads(report.read_text()).get("suites", []):
        walk_playwright(suite, name, results)
    return elapsed


def summary(results: Results, runs: int, elapsed: dict[str, list[float]]) -> int:
    width = max((len(n) for n in results), default=10)
    width = min(width, 110)
    print(f"\n{'test':<{width}}  fail/runs  min s  median s  max s")
    failures = 0
    for name in sorted(results):
        outcomes = results[name]
        failed = sum(1 for ok, _ in outcomes if not ok)
        failures += failed
        times = [t for _, t in outcomes]
        label = name if len(name) <= width else name[: width - 1] + "…"
        print(
            f"{label:<{width}}  {failed:>4}/{len(outcomes):<4}  {min(times):5.1f}"
            f"  {statistics.median(times):8.1f}  {max(times):5.1f}"
        )
    for suite, times in elapsed.items():
        print(f"{suite} run: " + ", ".join(f"{t:.0f} s" for t in times))
    tests = len(results)
    print(f"{runs} runs, {tests} tests, {failures} failures")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=int(os.environ.get("N", "5")))
    parser.add_argument(
        "--suite", action="append", choices=["hub", "ui", "hub-ui"], help="default: all three"
    )
    parser.add_argument(
        "--load", type=int, default=os.cpu_count() or 1, help="busy loops (default: one per core)"
    )
    parser.add_argument("extra", nargs="*", help="arguments for each run (after --)")
    args = parser.parse_args()
    suites = args.suite or ["hub", "ui", "hub-ui"]
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    results: Results = defaultdict(list)
    elapsed: dict[str, list[float]] = defaultdict(list)
    loops = start_load(args.load)
    print(f"{args.load} busy loops; {args.runs} runs of {', '.join(suites)}", flush=True)
    try:
        for run in range(1, args.runs + 1):
            for suite in suites:
                print(f"--- run {run}/{args.runs}: {suite}", flush=True)
                if suite == "hub":
                    elapsed[suite].append(run_hub(run, args.extra, results))
                else:
                    elapsed[suite].append(run_ui(run, suite == "hub-ui", args.extra, results))
    finally:
        stop_load(loops)
    return summary(results, args.runs, elapsed)


if __name__ == "__main__":
    sys.exit(main())
