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


# Canonical forms. nbformat lets a multiline string be one string or a list of lines, and
# older Jupyter wrapped base64 images at 76 columns; both are the same content. A piece is
# hashed and stored in one form (one string, images unwrapped) and a *form code* records
# how it was sent, so read-back gives the exact value back:
#   "l"   the value was a list of lines (Jupyter's splitlines(keepends=True) of the string);
#   "wN"  a base64 image wrapped at N columns (trailing newlines kept as they were);
#   "lwN" both.
# A value that would not come back exactly is left as it is (no code).


def _wrap_width(text: str) -> int | None:
    body = text.rstrip("\n")
    if "\n" not in body:
        return None
    parts = body.split("\n")
    width = len(parts[0])
    if width == 0 or any(len(p) != width for p in parts[:-1]) or not 0 < len(parts[-1]) <= width:
        return None
    return width


def _rewrap(text: str, width: int) -> str:
    body = text.rstrip("\n")
    tail = text[len(body) :]
    return "\n".join(body[i : i + width] for i in range(0, len(body), width)) + tail


def flatten(value: Any, image: bool = False) -> tuple[Any, str]:
    """(canonical form of a multiline value, form code; "" when it is already canonical)."""
    code = ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        joined = "".join(value)
        if joined.splitlines(keepends=True) != value:
            return value, ""
        value, code = joined, "l"
    if image and isinstance(value, str):
        width = _wrap_width(value)
        if width is not None:
            body = value.rstrip("\n")
            flat = body.replace("\n", "") + value[len(body) :]
            if _rewrap(flat, width) == value:
                value, code = flat, f"{code}w{width}"
    return value, code


def unflatten(value: Any, code: str) -> Any:
    """The value `flatten` was given, from its canonical form and form code."""
    if "w" in code:
        value = _rewrap(value, int(code[code.index("w") + 1 :]))
    if code.startswith("l"):
        value = value.splitlines(keepends=True)
    return value


def _is_image(mime: str) -> bool:
    return mime.startswith("image/") and mime != "image/svg+xml"


def flatten_source(src: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A cell's source part (type, source, attachments) in canonical form, and its code."""
    if "source" not in src:
        return src, ""
    flat, code = flatten(src["source"])
    return ({**src, "source": flat}, code) if code else (src, "")


def flatten_output(output: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """An output in canonical form and the form codes of its fields ("text" or a mime)."""
    codes: dict[str, str] = {}
    if "text" in output:
        flat, code = flatten(output["text"])
        if code:
            output = {**output, "text": flat}
            codes["text"] = code
    data = output.get("data")
    if isinstance(data, dict):
        new_data = dict(data)
        for mime, value in data.items():
            flat, code = flatten(value, _is_image(mime))
            if code:
                new_data[mime] = flat
                codes[mime] = code
        if codes.keys() - {"text"}:
            output = {**output, "data": new_data}
    return output, codes


def unflatten_output(output: dict[str, Any], codes: dict[str, str]) -> dict[str, Any]:
    out = dict(output)
    for key, code in codes.items():
        if key == "text":
            out["text"] = unflatten(out["text"], code)
        else:
            out["data"] = {**out["data"], key: unflatten(out["data"][key], code)}
    return out
