"""Where the two sides of a diff come from: stored snapshots or notebooks in memory."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .. import blobstore
from ..manifest import split_notebook
from ..models import Snapshot
from ..prepare import check_notebook
from ..records import load_manifest, load_manifests, to_json
from .engine import diff_manifests


def _side(nb: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    pieces = split_notebook(nb)
    return pieces.manifest, {h: value for h, (_, value) in pieces.blobs.items()}


def diff_notebooks(
    old: dict[str, Any], new: dict[str, Any], *, include_metadata: bool = False
) -> dict[str, Any]:
    """Diff of two notebook dicts (hashing every piece of both first)."""
    ma, va = _side(old)
    mb, vb = _side(new)
    values = {**va, **vb}
    return diff_manifests(
        ma, mb, lambda hs: {h: values[h] for h in hs}, include_metadata=include_metadata
    )


def diff_snapshots(
    session: Session, a: Snapshot, b: Snapshot, *, include_metadata: bool = False
) -> dict[str, Any]:
    """Diff of two stored snapshots: reads two manifests, then only the changed blobs."""
    ma, mb = load_manifests(session, [a.manifest_hash, b.manifest_hash])
    result = diff_manifests(
        ma,
        mb,
        lambda hs: blobstore.get_many(session, hs),
        include_metadata=include_metadata,
    )
    result["a"] = {"snapshot": to_json(a)}
    result["b"] = {"snapshot": to_json(b)}
    return result


def diff_snapshot_with_notebook(
    session: Session, a: Snapshot, nb: dict[str, Any], path: str, *, include_metadata: bool = False
) -> dict[str, Any]:
    """Diff from a stored snapshot to a notebook as saved now."""
    ma = load_manifest(session, a.manifest_hash)
    mb, vb = _side(check_notebook(nb))

    def values(hashes: set[str]) -> dict[str, Any]:
        stored = [h for h in hashes if h not in vb]
        found = blobstore.get_many(session, stored) if stored else {}
        found.update({h: vb[h] for h in hashes if h in vb})
        return found

    result = diff_manifests(ma, mb, values, include_metadata=include_metadata)
    result["a"] = {"snapshot": to_json(a)}
    result["b"] = {"path": path}
    return result
