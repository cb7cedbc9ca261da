"""Id-less notebooks (nbformat 4.4) keep their cells' ids from one snapshot to the next,
and pairing follows the order people edit in (no false moves)."""

from __future__ import annotations

import copy

from nerdup_lab.core.snapshots import read_notebook
from nerdup_lab.core.snapshots.diff import diff_notebooks
from nerdup_lab.core.snapshots.models import Snapshot
from nerdup_lab.core.snapshots.pairing import align

from .helpers import notebook


def _id_less(sources):
    nb = notebook(sources, outputs=True)
    nb["nbformat_minor"] = 4
    for cell in nb["cells"]:
        del cell["id"]
    return nb


def _ids(db, sid):
    with db.session() as s:
        return [c["id"] for c in read_notebook(s, s.get(Snapshot, sid))["cells"]]


SOURCES = ["# Intro", "import pandas as pd", "x = 1\ny = 2", "print(x + y)", "# End"]


def test_unchanged_id_less_recommit_stores_nothing(db, commit):
    first = commit(_id_less(SOURCES))
    second = commit(_id_less(SOURCES))
    assert second["new_bytes"] == 0
    assert second["unchanged_since"] == first["id"]
    assert _ids(db, first["id"]) == _ids(db, second["id"])


def test_inserted_and_edited_cells_keep_the_other_ids(db, commit):
    first = commit(_id_less(SOURCES))
    old = _ids(db, first["id"])
    edited = list(SOURCES)
    edited[2] = "x = 1\ny = 3"
    edited.insert(1, "# A new section")
    second = commit(_id_less(edited))
    new = _ids(db, second["id"])
    assert new[0] == old[0] and new[2:] == old[1:]
    assert new[1] not in old


def test_ids_of_the_file_win_and_are_not_reused(db, commit):
    commit(_id_less(SOURCES))
    nb = _id_less(SOURCES)
    nb["cells"][0]["id"] = "mine"
    snap = commit(nb)
    ids = _ids(db, snap["id"])
    assert ids[0] == "mine" and len(set(ids)) == len(ids)


def _keys(sources):
    return [str(hash(s)) for s in sources]


def test_hierarchical_indexing_revision_has_no_false_moves():
    a = [
        "pop = pd.Series(populations, index=index)",
        "pop[('California', 2010):('Texas', 2000)]",
        "pop[:, 2000]",
        "pop['California', 2010]",
        "pop_df = pop.unstack()",
    ]
    b = [
        "pop = pd.Series(populations, index=index)\npop",
        "# Accessing one value",
        "pop['California', 2010]",
        "pop[:, 2000]",
        "pop_df = pop.unstack()\npop_df",
    ]
    pairs, how = align(_keys(a), _keys(b), ["code"] * 5, ["code"] * 5, a.__getitem__, b.__getitem__)
    assert pairs[0] == 0 and pairs[4] == 4
    assert pairs[2] == 3 and pairs[3] == 2  # identical cells pair as themselves
    assert 2 not in {j for i, j in pairs.items() if i != 3}
    assert list(how.values()).count("moved") == 1  # one swap: one cell moved, not three


def test_diff_of_id_less_revision_reports_no_moves():
    old = _id_less(SOURCES)
    new = copy.deepcopy(old)
    new["cells"].insert(2, copy.deepcopy(new["cells"][0]) | {"source": "# Inserted"})
    d = diff_notebooks(old, new)
    assert d["summary"]["moved"] == 0 and d["summary"]["added"] == 1
