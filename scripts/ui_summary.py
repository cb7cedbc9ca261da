"""Print the browser suites' result as one line `N passed, N failed` from Playwright's
JSON reports, so CI's test counter sees it. A missing report counts as a failed test.

Before that line, each failed test's page as Playwright saw it at the failure (its
`error-context` attachment, an accessibility snapshot): CI keeps only the log, and a
failure seen once on a loaded machine is diagnosed from what the page showed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

# Lines of a failed test's page snapshot printed to the log.
CONTEXT_LINES = 80


def count(suite: dict[str, Any], tally: dict[str, int], contexts: list[tuple[str, Path]]) -> None:
    for spec in suite.get("specs", []):
        for test in spec.get("tests", []):
            status = test.get("status")  # expected | unexpected | flaky | skipped
            key = {"expected": "passed", "flaky": "passed", "skipped": "skipped"}.get(
                status, "failed"
            )
            tally[key] += 1
            if key != "failed":
                continue
            for result in test.get("results", []):
                for attachment in result.get("attachments", []):
                    if attachment.get("name") == "error-context" and attachment.get("path"):
                        contexts.append((spec.get("title", "?"), Path(attachment["path"])))
    for child in suite.get("suites", []):
        count(child, tally, contexts)


def show(contexts: list[tuple[str, Path]]) -> None:
    for title, path in contexts:
        print(f"--- the page when '{title}' failed ({path.name}) ---")
        try:
            lines = path.read_text(errors="replace").splitlines()
        except OSError as err:
            print(f"(not readable: {err})")
            continue
        print("\n".join(lines[:CONTEXT_LINES]))
        if len(lines) > CONTEXT_LINES:
            print(f"... {len(lines) - CONTEXT_LINES} more lines in {path}")


def main(paths: list[str]) -> int:
    tally = {"passed": 0, "failed": 0, "skipped": 0}
    contexts: list[tuple[str, Path]] = []
    for path in paths:
        report = Path(path)
        if not report.exists():
            # A suite that never started counts as a failure, never as nothing.
            tally["failed"] += 1
            print(f"no browser test report at {path}: that run did not start", file=sys.stderr)
            continue
        for suite in json.loads(report.read_text()).get("suites", []):
            count(suite, tally, contexts)
    show(contexts)
    line = f"{tally['passed']} passed, {tally['failed']} failed"
    if tally["skipped"]:
        line += f", {tally['skipped']} skipped"
    print(line)
    return 1 if tally["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["results.json"]))
