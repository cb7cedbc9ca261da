"""An exported group keeps who did their part of each "everyone does this one" task: the
imported copy has the same completions and the same progress figures."""

from __future__ import annotations

from archive_helpers import canonical_group
from sqlalchemy import func, select

from nerdup_lab.core import archive, demo, migrate, overview
from nerdup_lab.core.db import Database
from nerdup_lab.core.models import Task, TaskCompletion


def test_completions_travel_with_the_group(db_url, tmp_path):
    db = Database(db_url)
    try:
        migrate.upgrade(db)
        demo.seed(db)
        with db.session() as s:
            gid, organizer = s.execute(
                select(Task.group_id, func.min(TaskCompletion.username))
                .join(TaskCompletion, TaskCompletion.task_id == Task.id)
                .group_by(Task.group_id)
                .order_by(func.count(TaskCompletion.id).desc())
            ).first()
        target = tmp_path / "round.nerdup.zip"
        manifest = archive.export_group(db, organizer, gid, target)
        assert manifest["tables"]["task_completions"] > 0
        copied = archive.import_group(db, target)["group_id"]
        assert (
            canonical_group(db, copied)["task_completions"]
            == canonical_group(db, gid)["task_completions"]
        )
        with db.session() as s:
            before = overview.group_progress(s, organizer, gid)
            after = overview.group_progress(s, organizer, copied)
        assert after["group"] == before["group"]
        assert after["members"] == before["members"]
        assert before["group"]["done_weight"] > 0
    finally:
        db.dispose()
