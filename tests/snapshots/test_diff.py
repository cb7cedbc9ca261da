"""Diffs: added, removed, moved, modified cells; outputs; metadata-only changes."""

from __future__ import annotations

import copy
import json

from nerdup_lab.core.snapshots.diff import diff_notebooks, diff_snapshots
from nerdup_lab.core.snapshots.models import Snapshot

from .helpers import notebook


def _base():
    return notebook(
        ["# Intro", "x = 1", "y = x + 1\nz = y * 2\nprint(z)", "print(x)"], outputs=True
    )


def _by_status(d, status):
    return [c for c in d["cells"] if c["status"] == status]


def test_identical_notebooks_have_no_changes():
    d = diff_notebooks(_base(), _base())
    assert d["summary"]["unchanged"] == 4
    assert {c["status"] for c in d["cells"]} == {"unchanged"}


def test_added_cell_is_reported_with_its_source():
    new = _base()
    new["cells"].insert(2, {"cell_type": "markdown", "id": "n1", "metadata": {}, "source": "Hi"})
    d = diff_notebooks(_base(), new)
    [added] = _by_status(d, "added")
    assert added["b_index"] == 2 and added["source"]["text"] == "Hi"
    assert d["summary"]["moved"] == 0


def test_removed_cell_is_reported_where_it_was():
    new = _base()
    del new["cells"][1]
    d = diff_notebooks(_base(), new)
    [removed] = _by_status(d, "removed")
    assert removed["a_index"] == 1 and removed["source"]["text"] == "x = 1"
    assert d["cells"].index(removed) == 1


def test_moved_cell_is_reported_once():
    new = _base()
    new["cells"].append(new["cells"].pop(1))
    d = diff_notebooks(_base(), new)
    moved = [c for c in d["cells"] if c.get("moved")]
    assert len(moved) == 1 and moved[0]["a_index"] == 1 and moved[0]["b_index"] == 3
    assert d["summary"]["modified"] == 0


def test_modified_source_gets_line_hunks():
    new = _base()
    new["cells"][2]["source"] = "y = x + 1\nz = y * 3\nprint(z)"
    d = diff_notebooks(_base(), new)
    [mod] = _by_status(d, "modified")
    lines = mod["source"]["hunks"][0]["lines"]
    assert ["-", "z = y * 2"] in lines and ["+", "z = y * 3"] in lines
    assert [" ", "y = x + 1"] in lines
    assert "outputs" not in mod


def test_cells_without_ids_match_by_content_then_similarity():
    old, new = _base(), _base()
    for cell in old["cells"] + new["cells"]:
        cell.pop("id")
    new["cells"][2]["source"] = "y = x + 1\nz = y * 3\nprint(z)"
    d = diff_notebooks(old, new)
    assert d["summary"] == {"added": 0, "removed": 0, "modified": 1, "moved": 0, "unchanged": 3}
    assert _by_status(d, "modified")[0]["match"] == "similar"
    assert {c["match"] for c in _by_status(d, "unchanged")} == {"content"}


def test_text_outputs_are_diffed_and_images_reported_as_changed():
    old = _base()
    old["cells"][1]["outputs"] = [
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"image/png": "AAAA", "text/plain": "<Fig>"},
        }
    ]
    new = copy.deepcopy(old)
    new["cells"][3]["outputs"][0]["text"] = "2\n"
    new["cells"][1]["outputs"][0]["data"]["image/png"] = "BBBB"
    d = diff_notebooks(old, new)
    mods = {c["b_index"]: c for c in _by_status(d, "modified")}
    text = mods[3]["outputs"][0]
    assert text["status"] == "changed" and text["output_type"] == "stream"
    assert ["+", "2"] in text["hunks"][0]["lines"]
    image = mods[1]["outputs"][0]
    assert image["status"] == "changed" and "hunks" not in image
    assert image["mime_types"] == ["image/png", "text/plain"]


def test_execution_counts_alone_are_not_changes():
    new = _base()
    for cell in new["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = (cell["execution_count"] or 0) + 10
    assert diff_notebooks(_base(), new)["summary"]["modified"] == 0


def test_metadata_only_changes_are_hidden_unless_asked():
    new = _base()
    new["cells"][1]["metadata"]["tags"] = ["slow"]
    new["metadata"]["title"] = "Renamed"
    hidden = diff_notebooks(_base(), new)
    assert hidden["summary"]["modified"] == 0 and "metadata" not in hidden
    shown = diff_notebooks(_base(), new, include_metadata=True)
    [mod] = _by_status(shown, "modified")
    assert mod["metadata"]["keys"] == ["tags"] and "source" not in mod
    assert shown["metadata"] == {"changed": True, "keys": ["title"]}


def test_snapshot_diff_reads_stored_hashes(db, commit):
    old = _base()
    new = json.loads(json.dumps(old))
    new["cells"][3]["source"] = "print(x, y)"
    sa, sb = commit(old), commit(new)
    with db.session() as s:
        d = diff_snapshots(s, s.get(Snapshot, sa["id"]), s.get(Snapshot, sb["id"]))
    assert d["schema"] == "snapshot-diff.v1"
    assert d["summary"]["modified"] == 1 and d["summary"]["unchanged"] == 3
    assert d["a"]["snapshot"]["id"] == sa["id"] and d["b"]["snapshot"]["id"] == sb["id"]


def test_diffs_follow_the_published_json_schema():
    from pathlib import Path

    import jsonschema

    schema = json.loads(
        (Path(__file__).parents[2] / "schema" / "snapshot-diff.v1.schema.json").read_text()
    )
    old = _base()
    new = copy.deepcopy(old)
    new["cells"][2]["source"] = "changed"
    new["cells"][3]["outputs"][0]["text"] = "other\n"
    new["cells"].append(new["cells"].pop(0))
    del new["cells"][0]
    new["cells"].insert(1, {"cell_type": "raw", "id": "r1", "metadata": {}, "source": "raw"})
    new["cells"][1]["metadata"]["tags"] = ["t"]
    for include in (False, True):
        jsonschema.validate(diff_notebooks(old, new, include_metadata=include), schema)
