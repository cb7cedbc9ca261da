"""The group's journey as reveal.js slides for a meetup: one self-contained HTML file.

The slides are a notebook made here and converted by nbconvert's `SlidesExporter`: the
group's goal, one slide per stage with its goal and summary (obstacles and solutions),
the snapshots the members chose (a title slide each, then its markdown cells and the
cells with a figure or table, code hidden, tagged cells hidden as in the blog export),
the contributors and the linked posts.

Nothing in the file comes from the network. nbconvert's reveal template takes reveal.js,
jQuery, require.js and MathJax from CDNs (nbconvert does not ship reveal.js); here the page
is rebuilt as the blog export's is (`sanitize.page`: everyone's text and the notebooks'
HTML sanitised with nh3, only inline style sheets kept) and reveal.js itself, vendored
from npm at build time into `nerdup_lab/vendor/reveal` (`jlpm build:reveal`), is inlined.
A Content-Security-Policy in the page allows exactly the two inlined scripts (by hash),
inline styles and `data:` images, so even a sanitiser miss could neither run nor load.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import re
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import nbformat
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import validate as v
from ..errors import InvalidInput, Unavailable
from ..models import Group, User
from ..snapshots.models import Snapshot
from ..snapshots.records import read_notebook
from . import sanitize
from .blog import DEFAULT_HIDE
from .journey import journey

VENDOR = Path(__file__).resolve().parent.parent.parent / "vendor" / "reveal"
THEMES = {"light": ("white.css", "light"), "dark": ("black.css", "dark")}
MAX_SNAPSHOTS = 12
# Slides per snapshot after its title slide; the title slide says how many were left out.
MAX_CELLS_PER_SNAPSHOT = 10
FIGURES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif", "text/html")


def _snapshot_ids(value: Any) -> list[int]:
    ids = v.int_list(value)
    if len(ids) > MAX_SNAPSHOTS:
        raise ValueError(f"At most {MAX_SNAPSHOTS} snapshots.")
    return list(dict.fromkeys(ids))


OPTIONS: dict[str, v.Parser] = {
    "snapshot_ids": _snapshot_ids,
    "theme": v.choice(tuple(THEMES)),
}


@cache
def _reveal() -> tuple[str, str, dict[str, str]]:
    """(reveal.js, reveal.css, theme name -> css) from the vendored copy."""
    try:
        script = (VENDOR / "reveal.js").read_text(encoding="utf-8")
        style = (VENDOR / "reveal.css").read_text(encoding="utf-8")
        themes = {k: (VENDOR / f).read_text(encoding="utf-8") for k, (f, _) in THEMES.items()}
    except OSError as err:
        raise Unavailable(
            "The presentation needs reveal.js, which this installation lacks: it is copied "
            "from npm when the package is built (`jlpm build:reveal`). The journey report "
            "works without it."
        ) from err
    # The themes import their web fonts from files beside them: system fonts instead.
    themes = {k: re.sub(r"@import[^;]*;", "", css) for k, css in themes.items()}
    return script, style, themes


def reveal_version() -> str:
    try:
        meta = json.loads((VENDOR / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(meta.get("version", ""))


def _md(source: str, slide: str = "-") -> dict[str, Any]:
    return {
        "cell_type": "markdown",
        "id": uuid.uuid4().hex[:12],
        "metadata": {"slideshow": {"slide_type": slide}},
        "source": source,
    }


def _text(value: Any) -> str:
    """Plain text (a title, a name) as HTML inside a markdown cell: never markup."""
    return html.escape(str(value or ""), quote=True)


def _names(session: Session) -> dict[str, str]:
    return {u.username: u.display_name or u.username for u in session.scalars(select(User))}


def _title_cells(data: dict[str, Any]) -> list[dict[str, Any]]:
    group = data["group"]
    facts = [
        f"started {group['start_date']}" if group.get("start_date") else "",
        f"deadline {group['deadline']}" if group.get("deadline") else "",
        f"{group['member_count']} member{'s' if group['member_count'] != 1 else ''}",
        f"{group['progress']['percent']}% done",
    ]
    line = " · ".join(f for f in facts if f)
    cells = [_md(f"<h1>{_text(group['title'])}</h1>\n\n<p>{_text(line)}</p>", "slide")]
    if (group.get("description") or "").strip():
        cells.append(_md("<h2>Our goal</h2>", "slide"))
        cells.append(_md(group["description"]))
    return cells


def _stage_cells(milestones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cells = []
    for number, m in enumerate(milestones, 1):
        status = {"done": "done", "active": "in progress"}.get(m["status"], "planned")
        when = f" · finished {m['finished']}" if m.get("finished") else ""
        head = (
            f"<h2>Stage {number}: {_text(m['title'])}</h2>\n\n"
            f"<p>{_text(status)} · {m['progress']['percent']}% of {m['task_count']} "
            f"task{'s' if m['task_count'] != 1 else ''}{_text(when)}</p>"
        )
        cells.append(_md(head, "slide"))
        if (m.get("goal") or "").strip():
            cells.append(_md(m["goal"]))
        retro = m.get("retrospective") or {}
        for label, key in (("Obstacles", "obstacles"), ("Solutions", "solutions")):
            if (retro.get(key) or "").strip():
                cells.append(_md(f"<h3>{label}</h3>\n\n{retro[key]}"))
    return cells


def _is_figure(cell: dict[str, Any]) -> bool:
    return any(
        kind in (out.get("data") or {}) for out in cell.get("outputs") or [] for kind in FIGURES
    )


def _hidden(cell: dict[str, Any]) -> bool:
    tags = set((cell.get("metadata") or {}).get("tags") or [])
    return bool(tags & set(DEFAULT_HIDE["hide_cell_tags"]))


def _outputs_hidden(cell: dict[str, Any]) -> bool:
    tags = set((cell.get("metadata") or {}).get("tags") or [])
    return bool(tags & set(DEFAULT_HIDE["hide_output_tags"]))


def _snapshot_cells(snap: Snapshot, notebook: dict[str, Any], names: dict[str, str]) -> Any:
    node = nbformat.reads(json.dumps(notebook), as_version=4)  # type: ignore[no-untyped-call]
    sanitize.outputs(node)
    kept = [
        c
        for c in node.cells
        if not _hidden(c)
        and (
            (c.cell_type == "markdown" and c.source.strip())
            or (c.cell_type == "code" and _is_figure(c) and not _outputs_hidden(c))
        )
    ]
    left_out = max(0, len(kept) - MAX_CELLS_PER_SNAPSHOT)
    author = names.get(snap.author, snap.author)
    head = (
        f"<h2>{_text(snap.message or snap.path)}</h2>\n\n"
        f"<p>{_text(author)} · {snap.created_at.date().isoformat()} · "
        f"<code>{_text(snap.path)}</code></p>"
    )
    if left_out:
        head += f"\n\n<p>{left_out} more cell{'s' if left_out != 1 else ''} in the notebook.</p>"
    cells = [_md(head, "slide")]
    previous = ""
    for cell in kept[:MAX_CELLS_PER_SNAPSHOT]:
        shown = copy.deepcopy(dict(cell))
        shown["id"] = uuid.uuid4().hex[:12]
        meta = dict(shown.get("metadata") or {})
        # A figure shares the slide of the text just before it; text starts a slide.
        together = shown["cell_type"] == "code" and previous == "markdown"
        meta["slideshow"] = {"slide_type": "-" if together else "subslide"}
        if shown["cell_type"] == "code":
            # The code is hidden, its figure stays.
            meta["tags"] = sorted(set(meta.get("tags") or []) | {"remove-input"})
        shown["metadata"] = meta
        cells.append(shown)
        previous = shown["cell_type"]
    return cells


def _people_cells(data: dict[str, Any], names: dict[str, str]) -> list[dict[str, Any]]:
    rows = "".join(
        f"<tr><td>{_text(names.get(c['username'], c['username']))}</td>"
        f"<td>{c['tasks_done']}</td><td>{c['snapshots']}</td></tr>"
        for c in data["contributors"]
    )
    table = (
        "<h2>Who did it</h2>\n\n<table><thead><tr><th>Who</th><th>Tasks done</th>"
        f"<th>Snapshots</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    cells = [_md(table, "slide")]
    posts = data["showcase"]["posts"]
    if posts:
        items = "".join(
            f'<li><a href="{_text(p["url"])}">{_text(p["title"])}</a> · '
            f"{_text(names.get(p['author'], p['author']))}</li>"
            for p in posts
        )
        cells.append(_md(f"<h2>What we wrote</h2>\n\n<ul>{items}</ul>", "slide"))
    return cells


def _chosen(session: Session, group_id: int, ids: list[int]) -> list[Snapshot]:
    found = {
        s.id: s
        for s in session.scalars(
            select(Snapshot).where(Snapshot.group_id == group_id, Snapshot.id.in_(ids))
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput(
            "Not valid.",
            fields={"snapshot_ids": f"Not snapshots of this group: {missing}."},
        )
    return [found[i] for i in ids]


def slides_notebook(
    session: Session, group: Group, snapshot_ids: list[int] | None
) -> dict[str, Any]:
    """The notebook the slides are made from (a read; the caller checked the permission)."""
    data = journey(session, group)
    names = _names(session)
    if snapshot_ids is None:  # none chosen: the journey's (the newest with a message)
        snapshot_ids = [s["id"] for s in data["snapshots"]]
    cells = [*_title_cells(data), *_stage_cells(data["milestones"])]
    for snap in _chosen(session, group.id, snapshot_ids):
        cells.extend(_snapshot_cells(snap, read_notebook(session, snap), names))
    cells.extend(_people_cells(data, names))
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"title": group.title, "language_info": {"name": "python"}},
        "cells": cells,
    }


def _exporter(theme: str) -> Any:
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(DEFAULT_HIDE["hide_cell_tags"])
    config.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    config.TagRemovePreprocessor.remove_all_outputs_tags = set(DEFAULT_HIDE["hide_output_tags"])
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.HTMLExporter.embed_images = True
    config.HTMLExporter.theme = THEMES[theme][1]
    return SlidesExporter(config=config)  # type: ignore[no-untyped-call]


def _digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


INIT = (
    "Reveal.initialize({controls: true, progress: true, hash: true, slideNumber: 'c/t', "
    "transition: 'slide', width: 1280, height: 800, margin: 0.06});"
)
EXTRA_CSS = """
.reveal .slides section { text-align: left; }
.reveal .slides section h1, .reveal .slides section h2 { text-align: left; }
.reveal table { font-size: 0.7em; }
.reveal img { max-height: 60vh; }
.reveal .jp-OutputArea-output { overflow: auto; max-height: 70vh; }
"""


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def _embedded_images_only(page: str) -> str:
    """A file has no folder beside it: a relative image (kept by the blog export, whose
    images are files) would load from wherever the file is opened, so it goes."""
    return _IMG.sub(lambda m: m.group(0) if ' src="data:' in m.group(0) else "", page)


def render(notebook: dict[str, Any], theme: str = "light") -> str:
    """The slides notebook as one HTML file that loads nothing."""
    script, style, themes = _reveal()
    node = nbformat.reads(json.dumps(notebook), as_version=4)  # type: ignore[no-untyped-call]
    sanitize.outputs(node)
    body, _ = _exporter(theme).from_notebook_node(node)
    page = _embedded_images_only(sanitize.page(body))
    # Inline scripts must not end early: `</script` inside one would close it.
    script = script.replace("</script", "<\\/script")
    csp = (
        "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
        f"script-src {_digest(script)} {_digest(INIT)}; base-uri 'none'; form-action 'none'"
    )
    head = (
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="generator" content="nerdup-lab (reveal.js '
        f'{_text(reveal_version())}, inlined)">\n'
        f"<style>{style}</style>\n<style>{themes[theme]}</style>\n<style>{EXTRA_CSS}</style>\n"
    )
    page = page.replace("<head>\n", f"<head>\n{head}", 1)
    tail = f"<script>{script}</script>\n<script>{INIT}</script>\n</body>"
    cut = page.rfind("</body>")
    return page[:cut] + tail + page[cut + len("</body>") :]


def options(data: dict[str, Any]) -> dict[str, Any]:
    return {"theme": "light", **v.clean(data, OPTIONS)}
