"""Print the browser suites' result as one line `N passed, N failed` from Playwright's
JSON reports, so CI's test counter sees it. A missing report counts as a failed test."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def count(suite: dict[str, Any], tally: dict[str, int]) -> None:
    for spec in suite.get("specs", []):
        for test in spec.get("tests", []):
            status = test.get("status")  # expected | unexpected | flaky | skipped
            key = {"expected": "passed", "flaky": "passed", "skipped": "skipped"}.get(
                status, "failed"
            )
            tally[key] += 1
    for child in suite.get("suites", []):
        count(child, tally)


def main(paths: list[str]) -> int:
    tally = {"passed": 0, "failed": 0, "skipped": 0}
    for path in paths:
        report = Path(path)
        if not report.exists():
            # A suite that never started counts as a failure, never as nothing.
            tally["failed"] += 1
            print(f"no browser test report at {path}: that run did not start", file=sys.stderr)
            continue
        for suite in json.loads(report.read_text()).get("suites", []):
            count(suite, tally)
    line = f"{tally['passed']} passed, {tally['failed']} failed"
    if tally["skipped"]:
        line += f", {tally['skipped']} skipped"
    print(line)
    return 1 if tally["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["results.json"]))
