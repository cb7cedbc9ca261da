"""Writing exported files into the user's workspace through the server's contents
manager (so it works for any contents backend). Never overwrites unless asked: an existing
file is a 409 naming it, and the lab asks the user before sending `overwrite: true`."""

from __future__ import annotations

import base64
import posixpath
from typing import Any

from jupyter_core.utils import ensure_async

from ..core.errors import Conflict, InvalidInput


def target_dir(raw: str | None) -> str:
    path = (raw or "posts").strip().strip("/")
    if ".." in path.split("/"):
        raise InvalidInput("Not valid.", fields={"directory": "Must stay inside the workspace."})
    return path


async def _ensure_dir(cm: Any, path: str) -> None:
    parts = [p for p in path.split("/") if p]
    for depth in range(1, len(parts) + 1):
        current = "/".join(parts[:depth])
        if not await ensure_async(cm.dir_exists(current)):
            await ensure_async(cm.save({"type": "directory"}, current))


async def write_files(
    cm: Any, directory: str, files: dict[str, bytes], *, overwrite: bool
) -> list[str]:
    """Write `files` (relative name -> bytes) under `directory`; their workspace paths."""
    paths = {name: posixpath.join(directory, name) if directory else name for name in files}
    if not overwrite:
        taken = [p for p in paths.values() if await ensure_async(cm.file_exists(p))]
        if taken:
            raise Conflict(
                f"{', '.join(sorted(taken))} already exist(s); send overwrite=true to replace.",
                fields={"overwrite": "Files exist."},
            )
    for name, path in paths.items():
        await _ensure_dir(cm, posixpath.dirname(path))
        data = files[name]
        try:
            model = {"type": "file", "format": "text", "content": data.decode("utf-8")}
        except UnicodeDecodeError:
            model = {"type": "file", "format": "base64", "content": base64.b64encode(data).decode()}
        await ensure_async(cm.save(model, path))
    return list(paths.values())
