"""Download headers: `Content-Disposition` built per RFC 6266 / RFC 8187, and read back.

A file name made from user input (an `author=` query, a notebook's name) goes into
`filename*=UTF-8''<percent-encoded>`; `filename="..."` carries an ASCII fallback with
every character that could end the value or start another parameter (`"`, `\\`, `;`,
control characters, non-ASCII) replaced, so no crafted value adds a second `filename`.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, unquote

_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._ ()+,=@-]")


def content_disposition(filename: str, kind: str = "attachment") -> str:
    name = posixpath.basename(filename.replace("\\", "/")) or "download"
    fallback = _UNSAFE_ASCII.sub("_", name).strip() or "download"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def filename_of(disposition: str, default: str) -> str:
    """The file name a `Content-Disposition` header gives (`filename*` first), reduced to
    a plain name: no folder, no control character; `default` when there is none."""
    extended = re.search(r"filename\*\s*=\s*UTF-8''([^;\s]+)", disposition, re.IGNORECASE)
    if extended:
        name = unquote(extended.group(1), errors="replace")
    else:
        plain = re.search(r'filename\s*=\s*"([^"]*)"', disposition, re.IGNORECASE)
        name = plain.group(1) if plain else ""
    name = posixpath.basename(name.replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name if name not in ("", ".", "..") else default
