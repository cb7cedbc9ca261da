"""Atomicity under a killed writer, and `verify` finding corruption."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select, update

from nerdup_lab.core.snapshots import read_notebook, verify
from nerdup_lab.core.snapshots.models import Blob, Snapshot

from .helpers import notebook

WRITER = Path(__file__).with_name("crash_writer.py")


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_writer_killed_mid_commit_leaves_no_partial_snapshot(db, db_url, group, commit):
    before = commit(notebook(["x = 1", "print(x)"], outputs=True))
    blobs_before = _count(db, Blob)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), db_url, str(group)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "MID-COMMIT"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    with db.session() as s:
        snaps = list(s.scalars(select(Snapshot)))
        assert [x.id for x in snaps] == [before["id"]]
        read_notebook(s, snaps[0])
    report = verify(db)
    assert report.ok, str(report)
    assert report.snapshots_checked == 1
    # The killed transaction's blobs were rolled back with it.
    assert _count(db, Blob) == blobs_before
    # The store keeps working after the crash.
    commit(notebook(["after the crash"]))
    assert verify(db).ok


def test_verify_reports_a_corrupt_blob(db, commit):
    commit(notebook(["x = 1", "y = 2"]))
    assert verify(db).ok
    with db.session() as s:
        victim = s.scalars(select(Blob.hash).order_by(Blob.hash)).first()
        s.execute(update(Blob).where(Blob.hash == victim).values(data=b'r{"tampered":1}'))
    report = verify(db)
    assert not report.ok
    assert any(victim in p and "corrupt" in p for p in report.problems)


def test_verify_reports_a_missing_blob(db, commit):
    snap = commit(notebook(["x = 1", "y = 2"]))
    with db.session() as s:
        row = s.get(Snapshot, snap["id"])
        manifest = s.get(Blob, row.manifest_hash)
        other = s.scalars(select(Blob).where(Blob.hash != manifest.hash)).first()
        s.delete(other)
    report = verify(db)
    assert any("missing" in p for p in report.problems)


def test_verify_reports_a_corrupt_manifest_without_crashing(db, commit):
    snap = commit(notebook(["x = 1"]))
    with db.session() as s:
        row = s.get(Snapshot, snap["id"])
        s.execute(
            update(Blob).where(Blob.hash == row.manifest_hash).values(data=b'r{"tampered":1}')
        )
    report = verify(db)
    assert any("manifest does not match" in p for p in report.problems)
    assert any("corrupt" in p for p in report.problems)
