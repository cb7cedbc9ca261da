"""A writer process for the crash test: commits a snapshot and stops dead mid-transaction.

Run as `python crash_writer.py DB_URL GROUP_ID`. When the snapshot row is about to be
inserted (the blobs are already written in the open transaction) it prints MID-COMMIT
and sleeps, so the test can SIGKILL it at exactly that point.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sqlalchemy import event

from nerdup_lab.core.db import Database
from nerdup_lab.core.snapshots import commit_snapshot


def main() -> None:
    url, group_id = sys.argv[1], int(sys.argv[2])
    db = Database(url)

    def pause(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO SNAPSHOTS"):
            print("MID-COMMIT", flush=True)
            time.sleep(60)

    event.listen(db.engine, "before_cursor_execute", pause)
    cells = [
        {
            "cell_type": "code",
            "id": f"c{i}",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": f"crash_value_{i} = {i}",
        }
        for i in range(50)
    ]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    commit_snapshot(db, group_id=group_id, author="alice", path="crash.ipynb", notebook=nb)
    print("COMMITTED", flush=True)


if __name__ == "__main__":
    main()
