"""Blog export (Markdown with its images as files, HTML, tag-based hiding, into the
workspace without overwriting) and the journey report (one self-contained HTML file)."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from api_setup import study_group
from core_world import build_world

from nerdup_lab.core import milestones
from nerdup_lab.core.models import Milestone
from nerdup_lab.core.rhythm import blog, pages, reflections
from nerdup_lab.core.snapshots.commit import commit_in_session

from .notebooks import PNG, notebook


def _snapshot_in(backend_db: Any, group_id: int, author: str = "bob") -> int:
    with backend_db.session() as s:
        made = commit_in_session(
            s, group_id=group_id, author=author, path="work/eda.ipynb",
            notebook=notebook(), message="first plots",
        )  # fmt: skip
    return int(made["id"])


def _db(jp_serverapp: Any) -> Any:
    return jp_serverapp.web_app.settings["nerdup_backend"].db


def test_markdown_post_has_its_images_as_files_and_hides_tagged_parts():
    post = blog.render(notebook(), "eda", blog.options({}))
    text = post.files["eda.md"].decode()
    images = [name for name in post.files if name.startswith("images/")]
    assert len(images) == 1 and post.files[images[0]] == PNG
    assert f"]({images[0]})" in text  # the Markdown points at the extracted file
    assert "# Fine food" in text and "df.plot()" in text
    assert "load_secret_source" not in text and "loaded 10 rows" in text  # hide-input
    assert "scratch_work" not in text  # remove-cell
    assert "noisy()" in text and "noisy output" not in text  # hide-output


def test_sources_stored_as_lists_of_lines_are_joined():
    nb = notebook()
    for cell in nb["cells"]:
        cell["source"] = cell["source"].splitlines(keepends=True)
    text = blog.render(nb, "eda", blog.options({})).files["eda.md"].decode()
    assert "# Fine food\nWhat we found." in text


def test_hide_all_code_or_all_outputs():
    no_code = blog.render(notebook(), "eda", blog.options({"hide_code": True}))
    text = no_code.files["eda.md"].decode()
    assert "df.plot()" not in text and "# Fine food" in text
    no_out = blog.render(notebook(), "eda", blog.options({"hide_outputs": True, "format": "html"}))
    html = no_out.files["eda.html"].decode()
    assert "loaded 10 rows" not in html and '<img src="data:image/png' not in html


async def test_download_markdown_zip_and_html(api, jp_serverapp):
    g = await study_group(api)
    sid = _snapshot_in(_db(jp_serverapp), g["gid"])
    reply = await g["carol"].get(f"/snapshots/{sid}/blog")
    assert reply.status == 200 and reply.headers["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(reply.raw)).namelist()
    assert "eda/eda.md" in names and any(n.startswith("eda/images/") for n in names)
    html = await g["carol"].get(f"/snapshots/{sid}/blog", params={"format": "html"})
    assert html.status == 200 and b"Fine food" in html.raw
    assert (await g["eve"].get(f"/snapshots/{sid}/blog", params={"format": "pdf"})).status == 400


async def test_write_post_into_workspace_never_overwrites_without_asking(
    api, jp_serverapp, jp_root_dir
):
    g = await study_group(api)
    sid = _snapshot_in(_db(jp_serverapp), g["gid"])
    first = await g["bob"].post(f"/snapshots/{sid}/blog", {"directory": "blog"})
    assert first.status == 201 and first.json["path"] == "blog/eda.md"
    written = Path(jp_root_dir) / "blog"
    assert (written / "eda.md").read_text().startswith("# Fine food")
    image = [f for f in first.json["files"] if f.startswith("blog/images/")]
    assert (Path(jp_root_dir) / image[0]).read_bytes() == PNG
    (written / "eda.md").write_text("my edits")
    again = await g["bob"].post(f"/snapshots/{sid}/blog", {"directory": "blog"})
    assert again.status == 409 and (written / "eda.md").read_text() == "my edits"
    forced = await g["bob"].post(f"/snapshots/{sid}/blog", {"directory": "blog", "overwrite": True})
    assert forced.status == 201 and (written / "eda.md").read_text() != "my edits"


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.refs.append((tag, name, value))


def test_report_is_one_self_contained_page_with_the_journey(db_url):
    world = build_world(db_url)
    version = world.version(Milestone, world.milestone_id)
    retro = {"obstacles": "Dirty <b>data</b>", "solutions": "Regex"}
    world.call(
        "olga",
        milestones.update_milestone,
        world.milestone_id,
        {"retrospective": retro, "due": "2026-12-01"},
        version,
    )
    world.call(
        "pat",
        reflections.post_reflection,
        world.group_id,
        {
            "milestone_id": world.milestone_id,
            "learned": "![x](https://e.example/x.png) <img src=https://e.example/y.png> ok",
        },
    )
    world.call(
        "pat",
        reflections.share_post,
        world.group_id,
        {"title": "Our post", "url": "https://blog.example.org/p"},
    )
    with world.session("pat") as s:
        commit_in_session(
            s,
            group_id=world.group_id,
            author="pat",
            path="eda.ipynb",
            notebook=notebook(),
            message="first plots",
        )
    html = world.call("mina", pages.report, world.group_id)
    parser = _Refs()
    parser.feed(html)
    assert parser.scripts == 0
    loading = [r for r in parser.refs if r[0] != "a"]
    assert loading == []  # no stylesheet, image, script or font is fetched
    assert 'src="http' not in html and "<script" not in html and "<link" not in html
    assert "<svg" in html and "<polyline" in html
    assert "Week 1" in html and "2026-12-01" in html and "Dirty &lt;b&gt;data&lt;/b&gt;" in html
    for person in ("olga", "pat"):
        assert f"<td>{person}</td>" in html
    assert "eda.ipynb" in html and "first plots" in html and "Our post" in html
    with world.session("pat") as s, pytest.raises(Exception, match="once the group is finished"):
        pages.report(s, "pat", world.group_id)
    world.db.dispose()


async def test_report_endpoint_for_organisers(api):
    g = await study_group(api)
    reply = await g["alice"].get(f"/groups/{g['gid']}/report")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/html")
    assert "attachment" in reply.headers["Content-Disposition"]
    assert b"Kaggle club" in reply.raw and b"Week 1" in reply.raw
    assert (await g["bob"].get(f"/groups/{g['gid']}/report")).status == 403
