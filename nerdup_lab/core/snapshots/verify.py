"""`verify(db)`: re-hash every blob and check that every snapshot can be read back whole.

Called by `jupyter nerdup verify`. Reads the store in batches, so memory stays bounded by
a batch of blobs plus one set of hashes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select

from ..db import Database
from . import codec
from .canonical import digest, hash_value
from .delta import apply_delta, is_delta
from .manifest import manifest_hashes
from .models import Blob, Snapshot

_BATCH = 200


@dataclass
class VerifyReport:
    blobs_checked: int = 0
    snapshots_checked: int = 0
    unreferenced_blobs: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        lines = [
            f"{self.blobs_checked} blobs re-hashed, {self.snapshots_checked} snapshots read "
            f"back, {self.unreferenced_blobs} unreferenced blobs (harmless).",
            *self.problems,
        ]
        return "\n".join(lines)


def _check_blobs(db: Database, report: VerifyReport) -> set[str]:
    present: set[str] = set()
    last = ""
    while True:
        with db.session() as s:
            rows = s.execute(
                select(Blob.hash, Blob.data)
                .where(Blob.hash > last)
                .order_by(Blob.hash)
                # One batch at a time: blobs can be megabytes each.
                .limit(_BATCH)
            ).all()
        if not rows:
            return present
        for h, data in rows:
            report.blobs_checked += 1
            present.add(h)
            try:
                actual = digest(codec.decode(data))
            except Exception as err:  # any decoding failure is corruption to report
                report.problems.append(f"blob {h}: cannot be decoded ({err})")
                continue
            if actual != h:
                report.problems.append(f"blob {h}: content hashes to {actual} (corrupt)")
        last = rows[-1][0]


def _manifest(db: Database, h: str) -> dict[str, object]:
    with db.session() as s:
        data = s.scalar(select(Blob.data).where(Blob.hash == h))
    if data is None:
        raise LookupError(f"manifest blob {h} is missing")
    value: dict[str, object] = json.loads(codec.decode(data))
    return value


def verify(db: Database) -> VerifyReport:
    """Check the whole snapshot store; `report.problems` lists what is wrong."""
    report = VerifyReport()
    present = _check_blobs(db, report)
    referenced: set[str] = set()
    with db.session() as s:
        snaps = s.execute(
            select(Snapshot.id, Snapshot.manifest_hash, Snapshot.content_hash).order_by(Snapshot.id)
        ).all()
    for sid, manifest_hash, content_hash in snaps:
        report.snapshots_checked += 1
        try:
            manifest = _manifest(db, manifest_hash)
            referenced.add(manifest_hash)
            if is_delta(manifest):
                base_hash = str(manifest["base"])
                referenced.add(base_hash)
                manifest = apply_delta(manifest, _manifest(db, base_hash))
        except Exception as err:  # a broken manifest is one problem, not a crash
            report.problems.append(f"snapshot {sid}: manifest unreadable ({err})")
            continue
        if hash_value(manifest)[0] != content_hash:
            # A corrupt manifest cannot be trusted to list the snapshot's blobs either.
            report.problems.append(f"snapshot {sid}: manifest does not match its content hash")
            continue
        needed = manifest_hashes(manifest)
        referenced |= needed
        missing = needed - present
        if missing:
            report.problems.append(
                f"snapshot {sid}: {len(missing)} blob(s) missing, e.g. {sorted(missing)[0]}"
            )
    report.unreferenced_blobs = len(present - referenced)
    return report
