"""Canonical forms: a list of lines and its string, a wrapped image and its flat base64, are
the same content (same blobs, no change in a diff) and each reads back as it was sent."""

from __future__ import annotations

import base64
import copy
import os

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from nerdup_lab.core.snapshots import read_notebook
from nerdup_lab.core.snapshots.canonical import flatten, unflatten
from nerdup_lab.core.snapshots.diff import diff_notebooks, diff_snapshots
from nerdup_lab.core.snapshots.manifest import split_notebook
from nerdup_lab.core.snapshots.models import Blob, Snapshot

from .helpers import notebook


def _as_lists(nb):
    """`nb` as Jupyter writes it on disk: every multiline string a list of lines."""
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        cell["source"] = cell["source"].splitlines(keepends=True)
        for out in cell.get("outputs", []):
            if "text" in out:
                out["text"] = out["text"].splitlines(keepends=True)
    return nb


def _with_image(nb, wrapped: bool):
    nb = copy.deepcopy(nb)
    raw = os.urandom(3000)
    png = base64.encodebytes(raw).decode() if wrapped else base64.b64encode(raw).decode()
    nb["cells"][1]["outputs"] = [
        {"output_type": "display_data", "data": {"image/png": png}, "metadata": {}}
    ]
    return nb


def _read(db, sid):
    with db.session() as s:
        return read_notebook(s, s.get(Snapshot, sid))


@given(st.lists(st.text(max_size=12), max_size=6))
def test_flatten_gives_back_exactly_what_it_was_given(value):
    for item in (value, "".join(value)):
        flat, code = flatten(item)
        assert unflatten(flat, code) == item
        flat, code = flatten(item, image=True)
        assert unflatten(flat, code) == item


def test_string_and_list_of_lines_are_the_same_pieces():
    nb = notebook(["# Title\n\nsome text", "x = 1\ny = 2\nprint(x)"], outputs=True)
    a, b = split_notebook(nb), split_notebook(_as_lists(nb))
    assert a.blobs.keys() == b.blobs.keys()
    d = diff_notebooks(nb, _as_lists(nb))
    assert {c["status"] for c in d["cells"]} == {"unchanged"}


def test_list_form_reads_back_as_lists_and_costs_no_new_blobs(db, commit):
    nb = notebook(["# Title\n\nsome text", "x = 1\ny = 2\nprint(x)"], outputs=True)
    first = commit(nb)
    second = commit(_as_lists(nb))
    back_a, back_b = _read(db, first["id"]), _read(db, second["id"])
    assert back_a["cells"][1]["source"] == "x = 1\ny = 2\nprint(x)"
    assert back_b["cells"][1]["source"] == ["x = 1\n", "y = 2\n", "print(x)"]
    assert back_b["cells"][1]["outputs"][0]["text"] == ["1\n"]
    assert back_b == {**_as_lists(nb), "nbformat_minor": 5}
    with db.session() as s:
        d = diff_snapshots(s, s.get(Snapshot, first["id"]), s.get(Snapshot, second["id"]))
    assert {c["status"] for c in d["cells"]} == {"unchanged"}
    assert second["new_bytes"] < 400  # the manifest only (its form codes)


def test_wrapped_image_is_stored_as_binary_and_reads_back_wrapped(db, commit):
    nb = _with_image(notebook(["# T", "plot()"], outputs=True), wrapped=True)
    snap = commit(nb)
    back = _read(db, snap["id"])
    assert back["cells"][1]["outputs"] == nb["cells"][1]["outputs"]
    assert "\n" in back["cells"][1]["outputs"][0]["data"]["image/png"][:100]
    with db.session() as s:
        codecs = {bytes(d)[:1] for d in s.scalars(select(Blob.data))}
    assert b"b" in codecs  # the image codec, not bz2/zlib of base64 text


def test_wrapped_and_flat_image_are_the_same_content():
    base = notebook(["# T", "plot()"], outputs=True)
    wrapped = _with_image(base, wrapped=True)
    flat = copy.deepcopy(wrapped)
    out = flat["cells"][1]["outputs"][0]["data"]
    out["image/png"] = out["image/png"].replace("\n", "") + "\n"
    assert split_notebook(wrapped).blobs.keys() == split_notebook(flat).blobs.keys()
    d = diff_notebooks(flat, wrapped)
    assert {c["status"] for c in d["cells"]} == {"unchanged"}
    assert d["summary"]["modified"] == 0
