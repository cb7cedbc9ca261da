"""Dedup, output policies, size limit, validation errors, permissions and activity."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from nerdup_lab.core.errors import Forbidden, InvalidInput, TooLarge
from nerdup_lab.core.models import Activity
from nerdup_lab.core.snapshots import Limits, read_notebook
from nerdup_lab.core.snapshots.models import Blob, Snapshot

from .helpers import make_group, make_task, notebook


def _blobs(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Blob)) or 0


def _read(db, sid):
    with db.session() as s:
        return read_notebook(s, s.get(Snapshot, sid))


def test_second_identical_commit_stores_nothing_new(db, commit):
    nb = notebook(["import pandas as pd", "df = pd.read_csv('x.csv')"], outputs=True)
    first = commit(nb, message="start")
    count = _blobs(db)
    again = commit(nb, message="same again")
    assert again["new_bytes"] == 0
    assert again["unchanged_since"] == first["id"]
    assert again["content_hash"] == first["content_hash"]
    assert _blobs(db) == count
    assert _read(db, again["id"]) == _read(db, first["id"])


def test_identical_cells_across_members_and_groups_are_stored_once(db, commit):
    shared = "import numpy as np\nrng = np.random.default_rng(0)"
    commit(notebook([shared, "x = 1"]), author="alice")
    count = _blobs(db)
    other = make_group(db, {"zoe": "organizer"}, title="Other group")
    snap = commit(notebook([shared, "x = 2"]), author="zoe", group_id=other, path="mine.ipynb")
    # Only the changed cell's source and the manifest are new; the shared cell is reused.
    assert _blobs(db) - count <= 2
    assert snap["new_bytes"] < 600


def test_one_line_change_costs_little(db, commit):
    nb = notebook([f"value_{i} = {i} * 2\nprint(value_{i})" for i in range(200)], outputs=True)
    commit(nb)
    nb2 = json.loads(json.dumps(nb))
    nb2["cells"][100]["source"] += "  # changed"
    second = commit(nb2)
    assert second["new_bytes"] < 1500  # one source blob plus a manifest delta
    assert _read(db, second["id"]) == nb2


def _run_all(nb, start):
    """The notebook after Run All: every code cell and execute_result has a new count."""
    new = json.loads(json.dumps(nb))
    for k, cell in enumerate(c for c in new["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = start + k
        for out in cell["outputs"]:
            if out["output_type"] == "execute_result":
                out["execution_count"] = start + k
    return new


def test_run_all_and_a_save_as_lists_of_lines_cost_a_small_delta_not_a_full_manifest(db, commit):
    # Before: every entry counted as new (execution counts and form codes are part of an
    # entry), so each such save stored the whole manifest again (~12 KB here).
    nb = notebook([f"value_{i} = {i} * 2\nprint(value_{i})" for i in range(200)], outputs=True)
    for cell in nb["cells"][::7]:
        cell["outputs"].append(
            {"output_type": "execute_result", "execution_count": None, "metadata": {},
             "data": {"text/plain": "None"}}
        )  # fmt: skip
    first = commit(nb)
    rerun = _run_all(nb, 500)
    second = commit(rerun)
    as_lists = json.loads(json.dumps(rerun))
    for cell in as_lists["cells"]:
        cell["source"] = cell["source"].splitlines(keepends=True)
    as_lists["cells"][0]["outputs"][1]["execution_count"] = None
    third = commit(as_lists)
    assert first["new_bytes"] > 5000  # the full manifest
    assert second["new_bytes"] < 1500
    assert third["new_bytes"] < 1500
    assert _read(db, second["id"]) == rerun
    assert _read(db, third["id"]) == as_lists
    # An output whose execution count is null keeps the key, read back as it was sent.
    assert _read(db, third["id"])["cells"][0]["outputs"][1]["execution_count"] is None


def test_strip_policy_removes_outputs_and_counts(db, commit):
    snap = commit(notebook(["print(1)"], outputs=True), policy="strip")
    cell = _read(db, snap["id"])["cells"][0]
    assert cell["outputs"] == [] and cell["execution_count"] is None
    assert snap["policy"] == "strip"


def test_drop_large_policy_replaces_big_outputs_with_a_note(db, commit):
    nb = notebook(["print(1)", "print(2)"], outputs=True)
    nb["cells"][1]["outputs"][0]["text"] = "x" * 5000
    snap = commit(nb, policy="drop_large", limits=Limits(max_output_bytes=1000))
    back = _read(db, snap["id"])
    assert back["cells"][0]["outputs"] == nb["cells"][0]["outputs"]
    note = back["cells"][1]["outputs"][0]
    assert note["metadata"]["nerdup"]["dropped_bytes"] > 5000
    assert "not kept" in note["data"]["text/plain"]


def test_keep_policy_keeps_big_outputs(db, commit):
    nb = notebook(["print(2)"], outputs=True)
    nb["cells"][0]["outputs"][0]["text"] = "x" * 5000
    snap = commit(nb, policy="keep", limits=Limits(max_output_bytes=1000))
    assert _read(db, snap["id"]) == nb


def test_notebook_over_the_limit_is_refused_naming_the_limit(db, commit):
    nb = notebook(["x = '" + "a" * 3000 + "'"])
    with pytest.raises(TooLarge) as err:
        commit(nb, limits=Limits(max_snapshot_bytes=1000))
    assert "1000" in err.value.message
    assert _blobs(db) == 0


def test_invalid_notebook_is_refused_with_the_validation_message(commit):
    nb = notebook(["x = 1"])
    nb["cells"][0]["cell_type"] = "nonsense"
    with pytest.raises(InvalidInput) as err:
        commit(nb)
    assert "not a valid nbformat 4 notebook" in err.value.message


def test_unknown_policy_is_refused(commit):
    with pytest.raises(InvalidInput):
        commit(notebook(["x = 1"]), policy="everything")


def test_follower_may_commit_and_activity_is_recorded(db, commit):
    snap = commit(notebook(["x = 1"]), author="fiona", message="my progress")
    with db.session() as s:
        act = s.scalars(select(Activity).where(Activity.kind == "snapshot.committed")).one()
    assert act.actor == "fiona"
    assert act.subject["snapshot_id"] == snap["id"]


def test_outsider_cannot_commit(db, commit):
    make_group(db, {"zoe": "organizer"}, title="Zoe's group")
    with pytest.raises(Forbidden):
        commit(notebook(["x = 1"]), author="zoe")


def test_task_link_must_be_a_task_of_the_group(db, group, commit):
    task = make_task(db, group, "alice")
    assert commit(notebook(["x = 1"]), task_id=task)["task_id"] == task
    with pytest.raises(InvalidInput):
        commit(notebook(["x = 1"]), task_id=task + 1000)
