"""Bad input gets a clear 4xx naming what is wrong, never a 500 (issue #17), on SQLite and
PostgreSQL: ids and numbers beyond the database's integer range (32-bit on PostgreSQL),
digits that are not ASCII, deep JSON, lone surrogates, dates out of range and notebooks
that are not nbformat 4, for a commit and for a diff alike."""

from __future__ import annotations

import json
from typing import Any

import nbformat
import pytest
from api_setup import study_group

from nerdup_lab.core.validate import INT_MAX, MAX_JSON_DEPTH
from tests.snapshots.helpers import notebook

HUGE = [str(INT_MAX + 1), str(2**63), str(2**64)]


def assert_names(reply: Any, status: int, field: str) -> None:
    assert reply.status == status, reply.json
    error = reply.error
    assert field in error["fields"] or field in error["message"], error


async def make_club(api: Any, jp_root_dir: Any) -> dict[str, Any]:
    club = await study_group(api)
    nbformat.write(nbformat.from_dict(notebook(["x = 1"])), jp_root_dir / "a.ipynb")
    made = await club["alice"].post(f"/groups/{club['gid']}/snapshots", {"path": "a.ipynb"})
    assert made.status == 201, made.json
    club["sid"] = made.json["id"]
    return club


@pytest.mark.parametrize("raw", [*HUGE, "²", "١٢", "0x1", "1_0"])
async def test_path_ids_beyond_the_range_or_not_ascii_are_404(api, jp_root_dir, raw):
    club = await make_club(api, jp_root_dir)
    alice = club["alice"]
    for path, what in [
        (f"/groups/{raw}", "group"),
        (f"/milestones/{raw}/tasks", "milestone"),
        (f"/tasks/{raw}", "task"),
        (f"/snapshots/{raw}", "snapshot"),
        (f"/sessions/{raw}", "session"),
    ]:
        reply = await alice.get(path)
        assert reply.status == 404, (path, reply.json)
        assert reply.error["message"] == f"There is no {what} {raw}.", reply.error


@pytest.mark.parametrize("raw", [*HUGE, "²", "1.5", "-" + str(2**63)])
async def test_query_numbers_beyond_the_range_are_400_naming_the_parameter(api, jp_root_dir, raw):
    club = await make_club(api, jp_root_dir)
    for name in ("before", "task_id", "limit"):
        reply = await club["alice"].get(f"/groups/{club['gid']}/snapshots", params={name: raw})
        assert_names(reply, 400, name)


async def test_body_ids_and_numbers_beyond_their_bounds_are_400_naming_the_field(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, gid, mid, tid = club["alice"], club["gid"], club["mid"], club["tid"]
    for big in (INT_MAX + 1, 2**63, 2**64):
        commit = await alice.post(f"/groups/{gid}/snapshots", {"path": "a.ipynb", "task_id": big})
        assert_names(commit, 400, "task_id")
        task = await alice.get(f"/tasks/{tid}")
        moved = await alice.patch(
            f"/tasks/{tid}", {"milestone_id": big}, if_match=task.json["version"]
        )
        assert_names(moved, 400, "milestone_id")
        question = await alice.post(
            f"/groups/{gid}/questions", {"title": "Why?", "snapshot_id": big}
        )
        assert_names(question, 400, "snapshot_id")
        question = await alice.post(f"/groups/{gid}/questions", {"title": "Why?", "task_id": big})
        assert_names(question, 400, "task_id")
        settings = await alice.put(f"/groups/{gid}/snapshot-settings", {"max_output_bytes": big})
        assert_names(settings, 400, "max_output_bytes")
        order = await alice.put(f"/groups/{gid}/milestones/order", {"order": [mid, big]})
        assert_names(order, 400, "order")
    heavy = await alice.post(f"/milestones/{mid}/tasks", {"title": "Big", "weight": 1001})
    assert_names(heavy, 400, "weight")
    assert "1000" in heavy.error["fields"]["weight"]
    made = await alice.post(f"/groups/{gid}/sessions", {"starts_at": "2030-01-07T18:00:00Z"})
    assert made.status == 201, made.json
    agenda = await alice.post(f"/sessions/{made.json['id']}/agenda", {"task_ids": [2**63]})
    assert_names(agenda, 400, "task_ids")


@pytest.mark.parametrize("header", ['"²"', "\u00b9", str(2**63), 'W/"3x"'])
async def test_if_match_that_is_not_an_ascii_version_is_400(api, jp_root_dir, header):
    club = await make_club(api, jp_root_dir)
    reply = await club["alice"].patch(
        f"/groups/{club['gid']}", {"title": "Renamed"}, if_match=header
    )
    assert_names(reply, 400, "If-Match")


async def test_deep_json_bodies_are_400_naming_the_limit(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice = club["alice"]
    for depth in (MAX_JSON_DEPTH + 1, 5000):
        raw = ('{"title": ' + "[" * depth + "]" * depth + "}").encode()
        reply = await alice.call("POST", "/groups", raw_body=raw)
        assert reply.status == 400, reply.json
        assert str(MAX_JSON_DEPTH) in reply.error["message"]
    fine = '{"title": "ok", "description": ' + json.dumps("x") + "}"
    assert (await alice.call("POST", "/groups", raw_body=fine.encode())).status == 201


async def test_deep_notebook_metadata_is_400_for_a_diff_and_a_commit(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, sid = club["alice"], club["sid"]
    nb = notebook(["x = 2"])
    deep: Any = {}
    for _ in range(MAX_JSON_DEPTH + 10):
        deep = {"k": deep}
    nb["metadata"]["deep"] = deep
    diff = await alice.post(f"/snapshots/{sid}/diff", {"notebook": nb})
    assert diff.status == 400, diff.json
    assert str(MAX_JSON_DEPTH) in diff.error["message"]
    (jp_root_dir / "deep.ipynb").write_text(json.dumps(nb))
    commit = await alice.post(f"/groups/{club['gid']}/snapshots", {"path": "deep.ipynb"})
    assert commit.status == 400, commit.json
    assert commit.error["message"] == diff.error["message"]


async def test_lone_surrogates_are_400_naming_the_field(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice, gid = club["alice"], club["gid"]
    made = await alice.post("/groups", {"title": "Club \ud800"})
    assert_names(made, 400, "title")
    asked = await alice.post(f"/groups/{gid}/questions", {"title": "Why?", "body": "\udfff x"})
    assert_names(asked, 400, "body")
    assert "Unicode" in asked.error["message"]


@pytest.mark.parametrize(
    "when", ["0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-05:00", "1899-12-31T00:00:00Z"]
)
async def test_session_dates_out_of_range_are_400(api, jp_root_dir, when):
    club = await make_club(api, jp_root_dir)
    alice, gid = club["alice"], club["gid"]
    made = await alice.post(f"/groups/{gid}/sessions", {"starts_at": when})
    assert_names(made, 400, "starts_at")
    assert "2999-12-31" in made.error["fields"]["starts_at"]
    until = await alice.post(
        f"/groups/{gid}/sessions",
        {"starts_at": "2030-01-07T18:00:00Z", "recurrence": "weekly", "repeat_until": "9999-01-01"},
    )
    assert_names(until, 400, "repeat_until")


def _broken() -> list[tuple[str, dict[str, Any]]]:
    outputs = notebook(["x = 3"])
    outputs["cells"][0]["outputs"] = "not a list"
    cells = notebook(["x = 4"])
    cells["cells"] = {"0": cells["cells"][0]}
    v3 = notebook(["x = 5"])
    v3["nbformat"] = 3
    schema = notebook(["x = 6"])
    schema["cells"][0]["source"] = 42
    return [("outputs", outputs), ("cells", cells), ("v3", v3), ("schema", schema)]


@pytest.mark.parametrize(("case", "nb"), _broken())
async def test_broken_notebooks_get_the_same_400_for_a_diff_and_a_commit(
    api, jp_root_dir, case, nb
):
    club = await make_club(api, jp_root_dir)
    alice, sid = club["alice"], club["sid"]
    diff = await alice.post(f"/snapshots/{sid}/diff", {"notebook": nb})
    assert diff.status == 400, diff.json
    (jp_root_dir / f"{case}.ipynb").write_text(json.dumps(nb))
    commit = await alice.post(f"/groups/{club['gid']}/snapshots", {"path": f"{case}.ipynb"})
    assert commit.status == 400, commit.json
    assert commit.error["message"] == diff.error["message"]
    assert "notebook" in commit.error["message"] or "cells" in commit.error["fields"]


async def test_nul_in_text_and_unlisted_template_names_are_4xx(api, jp_root_dir):
    club = await make_club(api, jp_root_dir)
    alice = club["alice"]
    made = await alice.post("/groups", {"title": "Club \x00"})
    assert_names(made, 400, "title")
    asked = await alice.post(f"/groups/{club['gid']}/questions", {"title": "Why?", "body": "a\x00"})
    assert_names(asked, 400, "body")
    long = await alice.get("/templates/" + "x" * 5000)
    assert long.status == 404, long.json
