"""Move a group's recent past back by some days, for a browser walk that needs work which
stalled weeks ago (a mentor's view): `python backdate.py DB_URL GROUP_ID DAYS`.

Time cannot pass in a test, so this shifts what the walk just did (the group's tasks and
stages were made, its members joined, its claims were taken) DAYS into the past, straight
in the test server's database. A test fixture only: the product never rewrites history.
"""

from __future__ import annotations

import datetime as dt
import sys

from sqlalchemy import select

from nerdup_lab.core.db import Database
from nerdup_lab.core.models import Membership, Milestone, Task, TaskClaim


def backdate(url: str, group_id: int, days: int) -> None:
    shift = dt.timedelta(days=days)
    db = Database(url)
    with db.session() as s:
        for task in s.scalars(select(Task).where(Task.group_id == group_id)):
            task.created_at -= shift
            for claim in s.scalars(select(TaskClaim).where(TaskClaim.task_id == task.id)):
                claim.claimed_at -= shift
        for stage in s.scalars(select(Milestone).where(Milestone.group_id == group_id)):
            stage.created_at -= shift
        for member in s.scalars(select(Membership).where(Membership.group_id == group_id)):
            member.joined_at -= shift
    db.dispose()


if __name__ == "__main__":
    backdate(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
