"""Print the browser suite's result as one line `N passed, N failed` from Playwright's
JSON report, so CI's test counter sees it. Exits non-zero when the report is missing."""

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


def main(path: str) -> int:
    report = Path(path)
    if not report.exists():
        print("0 passed, 1 failed  (no browser test report: the run did not start)")
        return 1
    tally = {"passed": 0, "failed": 0, "skipped": 0}
    for suite in json.loads(report.read_text()).get("suites", []):
        count(suite, tally)
    line = f"{tally['passed']} passed, {tally['failed']} failed"
    if tally["skipped"]:
        line += f", {tally['skipped']} skipped"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "results.json"))
