"""Canonical JSON and content hashes: the identity of every stored piece of a notebook.

Keys are sorted and separators fixed, so two equal JSON values always give the same bytes
and the same hash, whatever key order or whitespace the file on disk had. The nbformat
writer also sorts keys, so a notebook rebuilt from canonical pieces writes byte-identically.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical(value: Any) -> bytes:
    """The canonical UTF-8 JSON bytes of `value`."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def digest(data: bytes) -> str:
    """Content address of canonical bytes (SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()


def hash_value(value: Any) -> tuple[str, bytes]:
    """(hash, canonical bytes) of a JSON value."""
    data = canonical(value)
    return digest(data), data
