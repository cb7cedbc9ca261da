"""A snapshot as a blog post: Markdown with its images extracted to files, or one HTML
file, through nbconvert, sanitised (`sanitize.py`: no script, nothing from the network).
Cells, code or outputs are hidden by cell tags (`TagRemovePreprocessor`), or all code /
all outputs at once.

The export is a read: it returns the files (name -> bytes). The REST layer sends them as a
download (a zip for Markdown, the page for HTML) or writes them into the workspace.
"""

from __future__ import annotations

import io
import json
import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import Any

import nbformat
from sqlalchemy.orm import Session

from .. import validate as v
from ..snapshots.records import get_snapshot, read_notebook
from . import sanitize

FORMATS = ("markdown", "html")
IMAGES_DIR = "images"
DEFAULT_HIDE = {
    "hide_cell_tags": ["remove-cell", "remove_cell"],
    "hide_input_tags": ["remove-input", "hide-input", "hide_input"],
    "hide_output_tags": ["remove-output", "hide-output", "hide_output"],
}


def _tags(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(t, str) and t for t in value):
        raise ValueError("Must be a list of tag names.")
    return list(value)


OPTIONS: dict[str, v.Parser] = {
    "format": v.choice(FORMATS),
    "hide_cell_tags": _tags,
    "hide_input_tags": _tags,
    "hide_output_tags": _tags,
    "hide_code": v.boolean,
    "hide_outputs": v.boolean,
    # Only for writing into the workspace (read by the REST layer).
    "directory": v.text(max_len=1000, allow_empty=True),
    "overwrite": v.boolean,
}


@dataclass
class BlogPost:
    """The exported files; `main` is the post itself, the others are its images."""

    name: str
    format: str
    main: str
    files: dict[str, bytes] = field(default_factory=dict)

    def download(self) -> tuple[str, str, bytes]:
        """(file name, media type, bytes): a zip for Markdown, the page for HTML."""
        if self.format == "html":
            return self.main, "text/html; charset=utf-8", self.files[self.main]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in sorted(self.files.items()):
                archive.writestr(f"{self.name}/{name}", data)
        return f"{self.name}.zip", "application/zip", buffer.getvalue()


def options(data: dict[str, Any]) -> dict[str, Any]:
    return {"format": "markdown", **DEFAULT_HIDE, **v.clean(data, OPTIONS)}


def _exporter(chosen: dict[str, Any]) -> Any:
    from nbconvert import HTMLExporter, MarkdownExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(chosen["hide_cell_tags"])
    config.TagRemovePreprocessor.remove_input_tags = set(chosen["hide_input_tags"])
    config.TagRemovePreprocessor.remove_all_outputs_tags = set(chosen["hide_output_tags"])
    config.TemplateExporter.exclude_input = bool(chosen.get("hide_code"))
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.TemplateExporter.exclude_output = bool(chosen.get("hide_outputs"))
    if chosen["format"] == "html":
        config.HTMLExporter.embed_images = True
        return HTMLExporter(config=config)  # type: ignore[no-untyped-call]
    config.ExtractOutputPreprocessor.enabled = True
    return MarkdownExporter(config=config)  # type: ignore[no-untyped-call]


def render(notebook: dict[str, Any], name: str, chosen: dict[str, Any]) -> BlogPost:
    """Convert a notebook (nbformat 4 dict) with the options from `options()`."""
    # Read as from disk, so sources and outputs stored as lists of lines are joined.
    node = nbformat.reads(json.dumps(notebook), as_version=4)  # type: ignore[no-untyped-call]
    # A teammate's notebook is untrusted: no script survives the export (see sanitize.py).
    sanitize.outputs(node)
    resources = {"output_files_dir": IMAGES_DIR, "unique_key": name}
    body, produced = _exporter(chosen).from_notebook_node(node, resources=resources)
    if chosen["format"] == "html":
        body = sanitize.page(body)
    suffix = ".html" if chosen["format"] == "html" else ".md"
    main = f"{name}{suffix}"
    files = {main: body.encode("utf-8")}
    for path, data in (produced.get("outputs") or {}).items():
        files[posixpath.normpath(path)] = data if isinstance(data, bytes) else str(data).encode()
    return BlogPost(name=name, format=chosen["format"], main=main, files=files)


def export_post(
    session: Session, username: str, snapshot_id: int, data: dict[str, Any]
) -> BlogPost:
    """The snapshot (which the caller may view) as a blog post."""
    snap = get_snapshot(session, snapshot_id, username)
    notebook = read_notebook(session, snap)
    stem = posixpath.splitext(posixpath.basename(snap.path))[0] or f"snapshot-{snap.id}"
    return render(notebook, stem, options(data))
