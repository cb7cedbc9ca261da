"""HTML pages of a group's journey, rendered on the server with Jinja2 (autoescaping on):
the meetup report (one self-contained file: inline CSS and SVG, nothing fetched) and the
read-only public page of an open group.

User markdown goes through mistune with raw HTML escaped, then bleach with a small
allowlist (no images, scripts, styles or event handlers), so nothing a member writes can
run or load anything in a viewer's browser.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import bleach  # type: ignore[import-untyped]
import mistune
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import serialize
from ..errors import Forbidden, NotFound
from ..models import Group, User
from ..overview import WITH_TASKS, load_for_progress
from ..permissions import Action, membership_of, require
from . import presentation as slides
from .journey import journey
from .questions import faq
from .reflections import showcase_of

# Once a group is finished (or archived), every member may present its journey; before,
# the report is the organizers' and mentors' (permissions.Action.MAKE_REPORT).
FINISHED = ("finished", "archived")

TEMPLATES = Path(__file__).resolve().parent / "pages"
ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead",
    "tbody", "tr", "th", "td", "del",
}  # fmt: skip
ALLOWED_ATTRS = {"a": ["href", "title"]}


def safe_markdown(source: str | None) -> Markup:
    """Markdown to HTML that can neither run scripts nor load anything."""
    if not source:
        return Markup("")
    html = str(mistune.create_markdown(escape=True, plugins=["strikethrough", "table"])(source))
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRS,
        protocols={"http", "https", "mailto"},
        strip=True,
    )
    return Markup(cleaned)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = safe_markdown
    return env


def render(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(template).render(**context)


def require_presenter(session: Session, username: str, group_id: int) -> Group:
    """Organizers and mentors at any time; every member once the group is finished."""
    require(session, group_id, username, Action.VIEW_GROUP)
    group = session.get(Group, group_id)
    assert group is not None  # require() has checked it exists
    member = membership_of(session, group_id, username)
    if member is not None and group.status in FINISHED:
        return group
    try:
        require(session, group_id, username, Action.MAKE_REPORT)
    except Forbidden as err:
        raise Forbidden(
            "The journey report and the presentation are for every member once the group "
            "is finished; until then, for its organizers and mentors."
        ) from err
    return group


def report(session: Session, username: str, group_id: int) -> str:
    """The group's journey as one self-contained HTML page."""
    group = require_presenter(session, username, group_id)
    return render("report.html.j2", {**journey(session, group), "names": _names(session)})


def presentation(
    session: Session, username: str, group_id: int, data: dict[str, Any]
) -> tuple[str, str]:
    """(file name, HTML): the journey as reveal.js slides with the chosen snapshots."""
    group = require_presenter(session, username, group_id)
    chosen = slides.options(data)
    notebook = slides.slides_notebook(session, group, chosen.get("snapshot_ids"))
    return f"group-{group_id}-presentation.html", slides.render(notebook, chosen["theme"])


def _names(session: Session) -> dict[str, str]:
    return {u.username: u.display_name or u.username for u in session.scalars(select(User))}


def public_page(session: Session, group_id: int) -> str:
    """The read-only page of an open group, for anyone: plan with each stage's resources
    and summary, sessions, showcase and FAQ. Members-only or missing groups get the same
    404, so their titles never leak."""
    # With everything its progress counts, in one query per table (core.overview).
    group = load_for_progress(session, group_id)
    if group is None or group.visibility != "open":
        raise NotFound(f"There is no group {group_id}.")
    context = {**journey(session, group), "faq": faq(session, "", group_id)}
    stages = {m.id: m.title for m in group.milestones}
    return render("public.html.j2", {**context, "names": _names(session), "stages": stages})


# How many open groups the public index lists (newest first).
INDEX_LIMIT = 200


def public_index(session: Session) -> str:
    """Every open group, for anyone: stage, progress (core.progress, as everywhere),
    deadline; finished ones with their posts and FAQ. Members-only groups never appear."""
    found = session.scalars(
        select(Group)
        .where(Group.visibility == "open")
        .options(*WITH_TASKS)
        .order_by(Group.id.desc())
        .limit(INDEX_LIMIT)
    ).all()
    running, finished = [], []
    for group in found:
        stage = serialize.current_milestone(group)
        item: dict[str, Any] = {
            **serialize.group(group),
            "stage": stage.title if stage is not None else None,
            "stage_count": len(group.milestones),
        }
        if group.status in FINISHED:
            item["posts"] = showcase_of(session, group.id)["posts"]
            item["faq"] = faq(session, "", group.id)
            finished.append(item)
        else:
            running.append(item)
    context = {"running": running, "finished": finished, "names": _names(session)}
    return render("index.html.j2", context)
