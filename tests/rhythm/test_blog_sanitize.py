"""The HTML blog export of an untrusted notebook runs nothing and loads nothing: every
payload that ran when an export was opened from disk (issue #12), each in its own cell,
and the page's own CDN scripts (require.js, MathJax, the widget manager)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from nerdup_lab.core.rhythm import blog, sanitize

from .notebooks import notebook


def _markdown(source: str) -> dict[str, Any]:
    return {
        "cell_type": "markdown",
        "id": f"m{abs(hash(source))}",
        "metadata": {},
        "source": source,
    }


def _output(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "cell_type": "code", "id": f"c{abs(hash(str(data)))}", "source": "show()",
        "execution_count": 1, "metadata": {},
        "outputs": [{"output_type": "display_data", "data": data, "metadata": {}}],
    }  # fmt: skip


# (kind, cell): each would run script, or load something, in an unsanitised export.
PAYLOADS: list[tuple[str, dict[str, Any]]] = [
    ("raw <script> in markdown", _markdown("Hi <script>alert('md-script')</script> there")),
    ("img onerror", _markdown('<img src="x" onerror="alert(\'img-onerror\')">')),
    ("svg onload", _markdown("<svg onload=\"alert('svg-onload')\"><circle r='4'/></svg>")),
    ("iframe", _markdown("<iframe src=\"javascript:alert('iframe')\"></iframe>")),
    ("iframe srcdoc", _markdown("<iframe srcdoc=\"<script>alert('srcdoc')</script>\"></iframe>")),
    (
        "text/html output with script",
        _output({"text/html": "<b>table</b><script>alert('html-output')</script>"}),
    ),
    (
        "text/html output with a handler",
        _output({"text/html": ["<div onmouseover=\"alert('", "html-handler')\">x</div>"]}),
    ),
    ("application/javascript output", _output({"application/javascript": "alert('js-output')"})),
    ("javascript: link", _markdown("[click](javascript:alert('js-link'))")),
    ("javascript: link as HTML", _markdown("<a href=\"JaVaScRiPt:alert('js-link-html')\">x</a>")),
    ("data:text/html link", _markdown('<a href="data:text/html,<script>alert(1)</script>">d</a>')),
    ("object/embed", _markdown("<object data='evil.swf'></object><embed src='evil.swf'>")),
    ("form action", _markdown("<form action='javascript:alert(1)'><button>go</button></form>")),
    (
        "style with a remote url",
        _markdown("<p style=\"background:url('https://evil.test/t')\">s</p>"),
    ),
    (
        "remote image (tracking pixel)",
        _markdown('<img src="https://evil.test/pixel.png" alt="px">'),
    ),
    ("markdown remote image", _markdown("![pixel](//evil.test/p.png)")),
    ("<link> stylesheet", _markdown('<link rel="stylesheet" href="https://evil.test/x.css">')),
    ("<meta refresh>", _markdown('<meta http-equiv="refresh" content="0;url=https://evil.test">')),
    ("<base href>", _markdown('<base href="https://evil.test/">')),
    (
        "svg output with script",
        _output(
            {"image/svg+xml": "<svg onload=\"alert('svg-out')\"><script>alert(2)</script></svg>"}
        ),
    ),
    ("text/markdown output", _output({"text/markdown": "<img src=y onerror=alert('mdout')>"})),
]


class _Walk(HTMLParser):
    """Everything in the page that could run or fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.problems.append("<svg> inline (only as an <img>)")
        if tag in ("script", "iframe", "object", "embed", "form", "link", "base", "frame"):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.problems.append("<meta http-equiv>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "srcdoc", "data", "srcset"):
                if value.startswith(("javascript:", "vbscript:", "data:text")) or name == "srcdoc":
                    self.problems.append(f"{tag} {name}={value[:30]}")
                if name != "href" and re.match(r"(https?:)?//", value):
                    self.problems.append(f"network {tag} {name}={value[:40]}")
            if name == "style" and "url(" in value:
                self.problems.append(f"{tag} style url()")
            if "alert" in value or "evil.test" in value:
                self.problems.append(f"{tag} {name}={value[:40]}")


def _export(cells: list[dict[str, Any]], **extra_metadata: Any) -> str:
    nb = notebook()
    nb["cells"].extend(cells)
    nb["metadata"].update(extra_metadata)
    post = blog.render(nb, "eda", blog.options({"format": "html"}))
    return post.files["eda.html"].decode()


@pytest.mark.parametrize(("kind", "cell"), PAYLOADS, ids=[k for k, _ in PAYLOADS])
def test_no_payload_survives_the_html_export(kind: str, cell: dict[str, Any]) -> None:
    page = _export([cell])
    walk = _Walk()
    walk.feed(page)
    assert walk.problems == [], kind
    # A payload may remain as inert text ("alert(1)" shown on the page), never as code.
    assert "<script" not in page, kind


def test_the_page_loads_nothing_from_the_network_and_keeps_its_look() -> None:
    widgets = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    page = _export([_markdown("$$e^{i\\pi}+1=0$$")], widgets=widgets)
    walk = _Walk()
    walk.feed(page)
    assert walk.problems == []
    assert "<script" not in page and "cdn" not in page.lower()  # require.js, MathJax, widgets
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    # nbconvert's own look stays: its inline style sheets, classes, headings, the image.
    assert "<style" in page and "jp-Notebook" in page and "jp-Cell" in page
    assert '<h1 id="Fine-food">' in page
    assert "data:image/png;base64," in page
    assert "<title>" in page and '<meta charset="utf-8"' in page


def test_harmless_html_keeps_its_structure() -> None:
    html = (
        '<table class="dataframe"><thead><tr><th>a</th></tr></thead>'
        "<tbody><tr><td>1</td></tr></tbody></table>"
        '<a href="https://example.org/doc">docs</a> <b>bold</b> <code>x</code>'
        '<img src="images/local.png" alt="local"><p style="color: red">red</p>'
    )
    cleaned = sanitize.clean(html)
    for kept in (
        '<table class="dataframe">', "<th>a</th>", "<td>1</td>", 'href="https://example.org/doc"',
        "<b>bold</b>", "<code>x</code>", 'src="images/local.png"', 'style="color: red"',
    ):  # fmt: skip
        assert kept in cleaned, (kept, cleaned)


def test_the_markdown_export_drops_script_outputs_too() -> None:
    nb = notebook()
    nb["cells"].extend(
        [
            _output({"application/javascript": "alert('js-output')"}),
            _output({"text/html": "<i>ok</i><script>alert('html-output')</script>"}),
        ]
    )
    text = blog.render(nb, "eda", blog.options({})).files["eda.md"].decode()
    assert "alert(" not in text and "<script" not in text
    assert "<i>ok</i>" in text
