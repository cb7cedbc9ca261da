"""Presenting (#16): any member of a finished group opens the journey report and the
presentation, reveal.js slides in one HTML file that loads nothing, with the snapshots
the members chose; everyone's text sanitised."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from api_setup import study_group
from core_world import build_world

from nerdup_lab.core import groups, milestones
from nerdup_lab.core.errors import Unavailable
from nerdup_lab.core.models import Group, Milestone
from nerdup_lab.core.rhythm import pages, presentation, reflections
from nerdup_lab.core.snapshots.commit import commit_in_session
from nerdup_lab.core.users import ensure_user

from .notebooks import PNG, notebook


class _Page(HTMLParser):
    """Slides (<section>), scripts with their text, and every URL the page would load."""

    def __init__(self) -> None:
        super().__init__()
        self.sections = 0
        self.scripts: list[str] = []
        self.loads: list[tuple[str, str]] = []
        self.csp = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.sections += tag == "section"
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
            if found.get("src"):
                self.loads.append((tag, str(found["src"])))
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.csp = str(found.get("content"))
        for name in ("src", "href"):
            value = found.get(name)
            if value and tag != "a" and not value.startswith("data:"):
                self.loads.append((tag, value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _commit(world: Any, author: str, message: str, nb: dict[str, Any] | None = None) -> int:
    with world.session(author) as s:
        made = commit_in_session(
            s, group_id=world.group_id, author=author, path="work/eda.ipynb",
            notebook=nb or notebook(), message=message,
        )  # fmt: skip
    return int(made["id"])


def _finish(world: Any) -> None:
    with world.session() as s:
        version = s.get(Group, world.group_id).version
    world.call("olga", groups.update_group, world.group_id, {"status": "finished"}, version)


def test_every_member_presents_a_finished_group_organisers_and_mentors_before(db_url):
    world = build_world(db_url)
    gid = world.group_id
    for user in ("pat", "fred"):
        assert world.outcome(user, pages.report, gid) == "forbidden"
        assert world.outcome(user, pages.presentation, gid, {"snapshot_ids": []}) == "forbidden"
    for user in ("olga", "mina"):
        assert world.outcome(user, pages.report, gid) == "ok"
    _finish(world)
    for user in ("olga", "pat", "mina", "fred"):
        assert world.outcome(user, pages.report, gid) == "ok"
        assert world.outcome(user, pages.presentation, gid, {"snapshot_ids": []}) == "ok"
    # Someone outside the group is no member: still not a presenter.
    assert world.outcome("otto", pages.report, gid) == "forbidden"
    world.db.dispose()


def test_the_slides_tell_the_journey_with_the_chosen_snapshots_and_load_nothing(db_url):
    world = build_world(db_url)
    with world.session() as s:
        ensure_user(s, "pat", "Pat Participant")
    gid = world.group_id
    with world.session() as s:
        version = s.get(Group, gid).version
    world.call(
        "olga", groups.update_group, gid,
        {"description": "Predict **prices** <script>alert('goal')</script>"}, version,
    )  # fmt: skip
    retro = {"obstacles": "Dirty <img src=x onerror=alert(1)> data", "solutions": "Regex"}
    version = world.version(Milestone, world.milestone_id)
    world.call(
        "olga", milestones.update_milestone, world.milestone_id,
        {"retrospective": retro, "goal": "Clean the data"}, version,
    )  # fmt: skip
    world.call(
        "pat", reflections.share_post, gid, {"title": "Our <post>", "url": "https://b.example/p"}
    )
    chosen = _commit(world, "pat", "first plots")
    _commit(world, "olga", "not shown")
    _finish(world)
    name, html = world.call("pat", pages.presentation, gid, {"snapshot_ids": [chosen]})
    assert name == f"group-{gid}-presentation.html"
    page = _Page()
    page.feed(html)
    # Slides: title, goal, the stage, the snapshot and its two kept cells, people, posts.
    assert page.sections >= 7
    shown = (
        "Kaggle club", "<strong>prices</strong>", "Stage 1: Week 1", "Clean the data",
        "Obstacles", "Regex", "first plots", "Pat Participant", "Our &lt;post&gt;",
    )  # fmt: skip
    for text in shown:
        assert text in html, text
    assert "not shown" not in html
    assert f"data:image/png;base64,{base64.b64encode(PNG).decode()}" in html  # the figure
    assert "df.plot()" not in html  # the code is hidden, its figure shown
    assert "scratch_work" not in html and "noisy output" not in html  # tagged cells
    # Nothing that runs but reveal.js and its start, nothing loaded from anywhere.
    slides = html[html.index("<body") : html.index("<script>")]
    assert "onerror" not in slides and '<img src="x"' not in slides
    assert "<script" not in slides and "alert('goal')" in slides  # as text, never a script
    assert page.loads == []
    assert len(page.scripts) == 2 and "Reveal.initialize" in page.scripts[1]
    allowed = set(re.findall(r"'sha256-([^']+)'", page.csp))
    assert allowed == {
        base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in page.scripts
    }
    assert "default-src 'none'" in page.csp
    world.db.dispose()


def test_members_pick_which_snapshots_go_in(db_url):
    world = build_world(db_url)
    first = _commit(world, "pat", "first plots")
    second = _commit(world, "olga", "second model")
    other = build_world(world.db)
    foreign = _commit(other, "olga", "someone else's")
    _, both = world.call("olga", pages.presentation, world.group_id, {})
    assert "first plots" in both and "second model" in both  # by default the journey's
    _, none = world.call("olga", pages.presentation, world.group_id, {"snapshot_ids": []})
    assert "first plots" not in none and "second model" not in none
    _, ordered = world.call(
        "olga", pages.presentation, world.group_id, {"snapshot_ids": [second, first]}
    )
    assert ordered.index("second model") < ordered.index("first plots")
    refused = world.outcome(
        "olga", pages.presentation, world.group_id, {"snapshot_ids": [first, foreign]}
    )
    assert refused == "invalid"
    world.db.dispose()


def test_without_vendored_reveal_the_presentation_says_why(db_url, monkeypatch, tmp_path):
    world = build_world(db_url)
    monkeypatch.setattr(presentation, "VENDOR", tmp_path)
    presentation._reveal.cache_clear()
    try:
        with world.session("olga") as s, pytest.raises(Unavailable, match=r"reveal\.js"):
            pages.presentation(s, "olga", world.group_id, {})
    finally:
        presentation._reveal.cache_clear()
    world.db.dispose()


async def test_presentation_endpoint_downloads_one_html_file(api):
    g = await study_group(api)
    gid = g["gid"]
    assert (await g["bob"].get(f"/groups/{gid}/presentation")).status == 403
    reply = await g["alice"].get(f"/groups/{gid}/presentation", params={"theme": "dark"})
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/html")
    assert f"group-{gid}-presentation.html" in reply.headers["Content-Disposition"]
    assert b"Reveal.initialize" in reply.raw and b"Kaggle club" in reply.raw
    for ids in ("1,x", "2147483648", "9999999999"):  # not a number; beyond the id range
        bad = await g["alice"].get(f"/groups/{gid}/presentation", params={"snapshot_ids": ids})
        assert bad.status == 400 and "snapshot_ids" in bad.json["error"]["fields"]
    assert (await g["eve"].get(f"/groups/{gid}/presentation")).status == 403
