"""Read-back is exact: what was committed (after the policy) is what comes back."""

from __future__ import annotations

import base64
import json
import random
from typing import Any

import nbformat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nerdup_lab.core.snapshots import read_notebook
from nerdup_lab.core.snapshots.models import Snapshot

from .helpers import notebook

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
lines = st.one_of(text, st.lists(text, max_size=4))
# Free-form metadata under keys nbformat's schema does not constrain, plus valid tags.
meta = st.dictionaries(
    st.sampled_from(["x-custom", "myext", "nerd"]),
    st.one_of(st.booleans(), st.integers(-5, 5), text, st.lists(text, max_size=3)),
    max_size=3,
) | st.builds(lambda t: {"tags": sorted(set(t))}, st.lists(st.sampled_from(["a", "b"])))


@st.composite
def outputs(draw: Any) -> dict[str, Any]:
    kind = draw(st.sampled_from(["stream", "display_data", "execute_result", "error", "image"]))
    if kind == "stream":
        return {
            "output_type": "stream",
            "name": draw(st.sampled_from(["stdout", "stderr"])),
            "text": draw(lines),
        }
    if kind == "error":
        return {
            "output_type": "error",
            "ename": draw(text),
            "evalue": draw(text),
            "traceback": draw(st.lists(text, max_size=3)),
        }
    data: dict[str, Any] = {"text/plain": draw(lines)}
    if kind == "image":
        raw = draw(st.binary(min_size=200, max_size=600))
        wrapped = draw(st.sampled_from(["flat", "76", "76-lines"]))
        if wrapped == "flat":
            image: Any = base64.b64encode(raw).decode() + draw(st.sampled_from(["", "\n"]))
        else:  # older Jupyter: wrapped at 76 columns, as one string or a list of lines
            image = base64.encodebytes(raw).decode()
            image = image.splitlines(keepends=True) if wrapped == "76-lines" else image
        data["image/png"] = image
        kind = "display_data"
    if draw(st.booleans()):
        data["text/html"] = draw(lines)
    out: dict[str, Any] = {"output_type": kind, "data": data, "metadata": draw(meta)}
    if kind == "execute_result":
        out["execution_count"] = draw(st.one_of(st.none(), st.integers(0, 999)))
    return out


@st.composite
def cells(draw: Any) -> dict[str, Any]:
    kind = draw(st.sampled_from(["code", "markdown", "raw"]))
    cell: dict[str, Any] = {"cell_type": kind, "metadata": draw(meta), "source": draw(lines)}
    if draw(st.booleans()):
        cell["id"] = draw(st.from_regex(r"[a-zA-Z0-9_-]{1,20}", fullmatch=True))
    if kind == "code":
        cell["execution_count"] = draw(st.one_of(st.none(), st.integers(0, 999)))
        cell["outputs"] = draw(st.lists(outputs(), max_size=3))
    return cell


@st.composite
def notebooks(draw: Any) -> dict[str, Any]:
    return {
        "cells": draw(st.lists(cells(), max_size=8)),
        "metadata": {"kernelspec": {"name": "python3", "display_name": draw(text)}},
        "nbformat": 4,
        "nbformat_minor": draw(st.sampled_from([4, 5])),
    }


def _expected(nb: dict[str, Any], back: dict[str, Any]) -> dict[str, Any]:
    """`nb` as normalisation leaves it: minor 5, every cell with an id (new ones random)."""
    want = json.loads(json.dumps(nb))
    want["nbformat_minor"] = 5
    seen: set[str] = set()
    for cell, got in zip(want["cells"], back["cells"], strict=True):
        if "id" not in cell or cell["id"] in seen:
            cell["id"] = got["id"]
        seen.add(cell["id"])
    return want


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(nb=notebooks())
def test_snapshot_roundtrip_is_exact(db, commit, nb):
    snap = commit(nb, policy="keep", path=f"rt-{random.random()}.ipynb")
    with db.session() as s:
        back = read_notebook(s, s.get(Snapshot, snap["id"]))
    want = _expected(nb, back)
    assert back == want
    assert json.dumps(back, sort_keys=True) == json.dumps(want, sort_keys=True)
    nbformat.validate(nbformat.from_dict(back))
    assert nbformat.writes(nbformat.from_dict(back)) == nbformat.writes(nbformat.from_dict(want))


def test_existing_cell_ids_are_kept_and_missing_ones_added(db, commit):
    nb = notebook(["x = 1", "y = 2"])
    nb["cells"][0]["id"] = "keep-me"
    del nb["cells"][1]["id"]
    snap = commit(nb)
    with db.session() as s:
        back = read_notebook(s, s.get(Snapshot, snap["id"]))
    assert back["cells"][0]["id"] == "keep-me"
    assert back["cells"][1]["id"]
    assert back["cells"][1]["id"] != "keep-me"


def test_execution_counts_are_kept_though_outputs_are_shared(db, commit):
    a = notebook(["print(1)"], outputs=True)
    b = json.loads(json.dumps(a))
    b["cells"][0]["execution_count"] = 42
    sa, sb = commit(a), commit(b)
    assert sb["new_bytes"] < 1000  # the output blob is reused; only the count differs
    with db.session() as s:
        assert read_notebook(s, s.get(Snapshot, sa["id"]))["cells"][0]["execution_count"] == 1
        assert read_notebook(s, s.get(Snapshot, sb["id"]))["cells"][0]["execution_count"] == 42
