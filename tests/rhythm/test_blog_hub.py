"""JupyterHub mode's blog write: the downloaded post is unpacked into the same files."""

from __future__ import annotations

from urllib.parse import parse_qs

from nerdup_lab.core.rhythm import blog
from nerdup_lab.handlers.blog_hub import download_query, unpack

from .notebooks import PNG, notebook


def test_a_downloaded_markdown_zip_unpacks_into_the_posts_files():
    post = blog.render(notebook(), "eda", blog.options({}))
    name, media, data = post.download()
    main, files = unpack(data, media, f'attachment; filename="{name}"')
    assert main == "eda.md" and files == post.files
    assert PNG in files.values()


def test_a_downloaded_html_page_is_one_file():
    post = blog.render(notebook(), "eda", blog.options({"format": "html"}))
    name, media, data = post.download()
    main, files = unpack(data, media, f'attachment; filename="{name}"')
    assert main == "eda.html" and files == {"eda.html": data}


def test_post_options_become_the_download_query():
    query = parse_qs(
        download_query(
            {"format": "html", "hide_code": True, "hide_cell_tags": ["a", "b"], "overwrite": True}
        )
    )
    assert query == {"format": ["html"], "hide_code": ["true"], "hide_cell_tags": ["a,b"]}
