"""JupyterHub mode for "write the blog post into the workspace": the hub service renders
the post (a forwarded GET download), this server unpacks it and writes the files with its
own contents manager, since the service has no workspace."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ..backend.hub import ServiceRefused
from .download import filename_of

if TYPE_CHECKING:
    from .base import NerdUpHandler


def download_query(options: dict[str, Any]) -> str:
    """The JSON options of a POST as the query string of the GET download."""
    query: dict[str, str] = {}
    for name, value in options.items():
        if name in ("format",) and isinstance(value, str):
            query[name] = value
        elif name in ("hide_code", "hide_outputs"):
            query[name] = "true" if value else "false"
        elif name.endswith("_tags") and isinstance(value, list):
            query[name] = ",".join(str(t) for t in value)
    return urlencode(query)


def unpack(data: bytes, media_type: str, disposition: str) -> tuple[str, dict[str, bytes]]:
    """(main file name, files) of a downloaded post: a zip of `<name>/...` or one page."""
    if media_type.startswith("application/zip"):
        files: dict[str, bytes] = {}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                inner = name.split("/", 1)[1] if "/" in name else name
                if inner and ".." not in inner.split("/"):
                    files[inner] = archive.read(name)
        main = next(n for n in files if n.endswith(".md") and "/" not in n)
        return main, files
    name = filename_of(disposition, "post.html")
    return name, {name: data}


async def fetch_post(
    handler: NerdUpHandler, snapshot_id: int, options: dict[str, Any]
) -> tuple[str, dict[str, bytes]]:
    from .forward import visitor_token

    backend: Any = handler.settings["nerdup_backend"]
    reply = await backend.forward(
        "GET",
        f"nerdup/api/v1/snapshots/{snapshot_id}/blog",
        download_query(options),
        b"",
        dict(handler.request.headers),
        visitor_token(handler),
    )
    if reply.status != 200:
        raise ServiceRefused(reply.status, reply.body)
    return unpack(
        reply.body,
        reply.headers.get("Content-Type", ""),
        reply.headers.get("Content-Disposition", ""),
    )
