"""The blog export's HTML, made safe to open from disk or to publish.

Like JupyterLab's sanitizer for untrusted notebooks, and with a maintained library (nh3,
bindings to the Ammonia crate; bleach is deprecated): the notebook's HTML keeps its
structure, classes and tables, but no script, no `<style>`, no `<iframe>`/`<object>`/
`<embed>`, no `on*` handler attribute, no `javascript:` (or other unlisted) URL, and nothing
loaded from the network. Images stay when they are embedded (`data:image/...`) or relative;
an image from another host is kept as its alt text only, so opening the post contacts no
one. Links (`<a href>` to http/https/mailto) stay: following one is the reader's choice.

`page()` rebuilds the page nbconvert wrote around the sanitised body: only the head's
charset, viewport, title and inline style sheets (nbconvert's own, from its package) are
kept; require.js, MathJax, Mermaid and the widget manager (all from CDNs) are not.
"""

from __future__ import annotations

import re
from typing import Any

import nh3

# What may stay of the notebook's HTML (markdown cells, text/html and text/markdown
# outputs, nbconvert's own markup around them).
TAGS = set(nh3.ALLOWED_TAGS) | {"input", "label", "main", "section", "tfoot"}
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang", "dir", "role", "style", "tabindex"},
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "align"},
    "input": {"type", "checked", "disabled"},
    "label": {"for"},
    "ol": {"start", "type"},
}
URL_SCHEMES = {"http", "https", "mailto", "data"}
# Only images may carry a data: URL, and only of these types (an SVG in an <img> runs no
# script); a data: link (`data:text/html,...`) is dropped like any unlisted scheme.
DATA_IMAGE = re.compile(r"data:image/(png|jpe?g|gif|webp|bmp|svg\+xml)[;,]", re.IGNORECASE)
NETWORK = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
# CSS that can reach the network or run code: url(), image-set(), @import, expression(),
# and escapes that could spell any of them.
UNSAFE_STYLE = re.compile(r"url\s*\(|image|@import|expression|behavior|\\|&#", re.IGNORECASE)


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name in ("src", "href") and value.lower().lstrip().startswith("data:"):
        return value if tag == "img" and name == "src" and DATA_IMAGE.match(value.strip()) else None
    if tag == "img" and name == "src" and NETWORK.match(value):
        return None  # no tracking pixel, no request when the post is opened
    if name == "style" and UNSAFE_STYLE.search(value):
        return None
    if tag == "input" and name == "type" and value.lower() != "checkbox":
        return None
    return value


def clean(html: str) -> str:
    """A fragment of untrusted HTML, sanitised."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style", "template", "noscript"},
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer nofollow",
    )


_HEAD_KEEP = re.compile(
    r"<meta\s+charset=[^>]*>|<meta\s+name=\"viewport\"[^>]*>|<title>[^<]*</title>"
    r"|<style[^>]*>.*?</style>",
    re.IGNORECASE | re.DOTALL,
)
_BODY_OPEN = re.compile(r"<body([^>]*)>", re.IGNORECASE)
_BODY_ATTR = re.compile(r"\s(class|data-jp-theme-light|data-jp-theme-name)=\"[^\"<>]*\"")


def _own_styles(head: str) -> str:
    kept = []
    for piece in _HEAD_KEEP.findall(head):
        if piece.lower().startswith("<style") and re.search(
            r"@import|url\s*\(\s*['\"]?\s*(https?:)?//", piece, re.IGNORECASE
        ):
            continue  # nbconvert's style sheets load nothing; a custom one might
        kept.append(piece)
    return "\n".join(kept)


def page(document: str) -> str:
    """nbconvert's full HTML page with its body sanitised and its head reduced to what
    loads nothing (see the module's docstring)."""
    opened = _BODY_OPEN.search(document)
    if opened is None:
        shell = '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"></head>\n<body>\n'
        return f"{shell}{clean(document)}\n</body>\n</html>\n"
    head = document[: opened.start()]
    end = document.rfind("</body>")
    body = document[opened.end() : end if end > opened.end() else len(document)]
    lang = re.search(r"<html\s+lang=\"([A-Za-z0-9-]{1,35})\"", head)
    body_attrs = "".join(m.group(0) for m in _BODY_ATTR.finditer(opened.group(1)))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang.group(1) if lang else "en"}">\n<head>\n{_own_styles(head)}\n</head>\n'
        f"<body{body_attrs}>\n{clean(body)}\n</body>\n</html>\n"
    )


def outputs(node: Any) -> None:
    """In place, for every format: no JavaScript output and no widget state (they would be
    written as scripts), text/html outputs sanitised (the Markdown export writes them
    as they are)."""
    metadata = node.get("metadata") or {}
    metadata.pop("widgets", None)
    for cell in node.get("cells") or []:
        for output in cell.get("outputs") or []:
            data = output.get("data")
            if not isinstance(data, dict):
                continue
            for kind in list(data):
                if "javascript" in kind or kind.startswith("application/vnd.jupyter.widget"):
                    del data[kind]
            html = data.get("text/html")
            if html is not None:
                text = "".join(html) if isinstance(html, list) else str(html)
                data["text/html"] = clean(text)
