"""How a blob's canonical bytes are kept on disk: compressed, with images stored as binary.

The first byte names the codec:

- ``z``: zlib of the canonical JSON.
- ``b``: an output whose base64 image data is kept decoded. Images are base64 text inside
  the notebook JSON; zlib gets base64 of an already-compressed PNG down to only ~76% while
  decoding gives exactly 75% and costs nothing to compress. The JSON skeleton (with the
  image values emptied) is zlib-compressed; each image follows as raw bytes. Encoding
  checks that decoding gives back the exact canonical bytes, otherwise it falls back to ``z``.
- ``j``: bz2 of the canonical JSON, for *outputs* of 4 KB and more where it beats zlib
  (DataFrame tables, long logs: typically 20% smaller; bz2 is in the standard library).
  Not for manifests: they are read on every diff, and bz2 decompresses ~10x slower.
- ``r``: the canonical bytes as they are (tiny blobs, where zlib's header costs more).

The hash always covers the canonical bytes, never the encoded ones, so `verify` can
re-hash any blob whatever its codec.
"""

from __future__ import annotations

import base64
import binascii
import bz2
import json
import struct
import zlib
from typing import Any

from .canonical import canonical

_LEVEL = 6
_U32 = struct.Struct(">I")
# Sample size used to decide whether raw image bytes are worth compressing at all
# (PNG and JPEG are already compressed; trying zlib on a whole megabyte costs ~20 ms).
_SAMPLE = 16 * 1024
_BZ2_FROM = 4096


def _image_mimes(obj: Any) -> list[tuple[str, str]]:
    """(mime, value) of base64 image data in an output that round-trips exactly."""
    if not isinstance(obj, dict):
        return []
    data = obj.get("data")
    if not isinstance(data, dict):
        return []
    found = []
    for mime, value in data.items():
        if (
            isinstance(value, str)
            and mime.startswith("image/")
            and mime != "image/svg+xml"
            and len(value) > 256
        ):
            found.append((mime, value))
    return found


def _maybe_deflate(raw: bytes) -> tuple[bool, bytes]:
    sample = raw[:_SAMPLE]
    if len(zlib.compress(sample, 1)) > 0.9 * len(sample):
        return False, raw
    packed = zlib.compress(raw, _LEVEL)
    return (True, packed) if len(packed) < len(raw) else (False, raw)


def _encode_images(value: dict[str, Any], data: bytes) -> bytes | None:
    images = _image_mimes(value)
    if not images:
        return None
    skeleton = json.loads(data)
    header: list[list[Any]] = []
    parts: list[bytes] = []
    for mime, text in images:
        body = text.rstrip("\n")
        tail = len(text) - len(body)
        try:
            raw = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            continue
        if base64.b64encode(raw).decode("ascii") != body:
            continue
        deflated, stored = _maybe_deflate(raw)
        skeleton["data"][mime] = ""
        header.append([mime, tail, deflated])
        parts.append(_U32.pack(len(stored)) + stored)
    if not header:
        return None
    head = zlib.compress(canonical({"s": skeleton, "b": header}), _LEVEL)
    encoded = b"b" + _U32.pack(len(head)) + head + b"".join(parts)
    # Never trust a clever encoding without checking it gives the exact bytes back.
    return encoded if decode(encoded) == data else None


def encode(data: bytes, value: Any = None) -> bytes:
    """Encoded form of canonical bytes `data` (of JSON `value`, when the caller has it)."""
    if isinstance(value, dict) and value.get("output_type") in ("display_data", "execute_result"):
        special = _encode_images(value, data)
        if special is not None:
            return special
    if len(data) < 64:
        return b"r" + data
    packed = b"z" + zlib.compress(data, _LEVEL)
    if len(data) >= _BZ2_FROM and isinstance(value, dict) and "output_type" in value:
        other = b"j" + bz2.compress(data, 9)
        if len(other) < len(packed):
            return other
    return packed


def decode(stored: bytes) -> bytes:
    """The canonical bytes kept in `stored`."""
    kind, body = stored[:1], stored[1:]
    if kind == b"z":
        return zlib.decompress(body)
    if kind == b"r":
        return bytes(body)
    if kind == b"j":
        return bz2.decompress(body)
    if kind == b"b":
        (head_len,) = _U32.unpack_from(body, 0)
        pos = 4 + head_len
        head = json.loads(zlib.decompress(body[4:pos]))
        skeleton = head["s"]
        for mime, tail, deflated in head["b"]:
            (size,) = _U32.unpack_from(body, pos)
            raw = bytes(body[pos + 4 : pos + 4 + size])
            pos += 4 + size
            if deflated:
                raw = zlib.decompress(raw)
            skeleton["data"][mime] = base64.b64encode(raw).decode("ascii") + "\n" * tail
        return canonical(skeleton)
    raise ValueError(f"unknown blob codec {kind!r}")
