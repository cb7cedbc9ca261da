"""/templates and /groups/{id}/plan/{import,export}: every reply checked against the OpenAPI
document; runs on SQLite and PostgreSQL."""

from __future__ import annotations

import yaml
from api_setup import add, new_group

from nerdup_lab.core import templates


async def test_lists_the_shipped_templates_with_summaries(api):
    reply = await api("alice").get("/templates")
    assert reply.status == 200
    listed = {t["id"]: t for t in reply.json["templates"]}
    assert set(listed) == set(templates.shipped_names())
    club = listed["learning-club-round"]
    assert club["kind"] == "learning-club" and club["days"] == 14 and club["summary"]


async def test_reads_one_template_or_404(api):
    reply = await api("alice").get("/templates/retail-data-challenge")
    assert reply.status == 200
    assert reply.json["template"]["name"] == "Retail data challenge"
    assert (await api("alice").get("/templates/no-such-plan")).status == 404
    assert (await api("alice").get("/templates/..%2Fetc")).status == 404


async def test_organizer_imports_a_shipped_template(api, activity_events):
    alice = api("alice")
    group = await new_group(alice, start_date="2026-01-05")
    reply = await alice.post(
        f"/groups/{group['id']}/plan/import", {"template": "learning-club-round"}
    )
    assert reply.status == 201, reply.json
    dues = [m["due"] for m in reply.json["milestones"]]
    assert dues == ["2026-01-07", "2026-01-16", "2026-01-18", "2026-01-19"]
    plan = await alice.get(f"/groups/{group['id']}/milestones")
    assert len(plan.json["milestones"] if isinstance(plan.json, dict) else plan.json) == 4


async def test_import_of_an_inline_template_names_the_bad_field(api):
    alice = api("alice")
    group = await new_group(alice)
    bad = {"version": 1, "name": "X", "kind": "project", "milestones": [{"title": "A"}]}
    reply = await alice.post(f"/groups/{group['id']}/plan/import", {"template": bad})
    assert reply.status == 400
    assert "milestones[0]" in reply.error["fields"]
    good = {**bad, "milestones": [{"title": "A", "duration_days": 3}]}
    reply = await alice.post(
        f"/groups/{group['id']}/plan/import", {"template": good, "start": "2026-05-01"}
    )
    assert reply.status == 201
    assert reply.json["milestones"][0]["due"] == "2026-05-04"
    reply = await alice.post(f"/groups/{group['id']}/plan/import", {"templat": "x"})
    assert reply.status == 400 and set(reply.error["fields"]) == {"templat", "template"}


async def test_participants_cannot_import(api):
    alice = api("alice")
    group = await new_group(alice)
    await add(alice, group["id"], "bob", "participant")
    reply = await api("bob").post(
        f"/groups/{group['id']}/plan/import", {"template": "learning-club-round"}
    )
    assert reply.status == 403


async def test_export_is_a_valid_template_in_json_and_yaml(api):
    alice = api("alice")
    group = await new_group(alice, start_date="2026-01-05")
    await alice.post(f"/groups/{group['id']}/plan/import", {"template": "ml-mentorship-stream-1"})
    reply = await api("bob").get(f"/groups/{group['id']}/plan/export")  # open group: anyone
    assert reply.status == 200
    exported = templates.validate(reply.json)
    original = templates.shipped("ml-mentorship-stream-1")
    assert [m["title"] for m in exported["milestones"]] == [
        m["title"] for m in original["milestones"]
    ]
    assert exported["kind"] == "mentorship"
    as_yaml = await alice.get(f"/groups/{group['id']}/plan/export", params={"format": "yaml"})
    assert as_yaml.headers["Content-Type"].startswith("application/yaml")
    assert yaml.safe_load(as_yaml.raw) == reply.json


async def test_export_of_a_members_only_group_is_hidden_from_outsiders(api):
    alice = api("alice")
    group = await new_group(alice, visibility="members")
    assert (await api("eve").get(f"/groups/{group['id']}/plan/export")).status == 404
    assert (await alice.get(f"/groups/{group['id']}/plan/export")).status == 200


async def test_a_group_starts_from_a_template_in_one_request(api):
    alice = api("alice")
    reply = await alice.post(
        "/groups",
        {"title": "Club round", "template": "learning-club-round", "start_date": "2026-01-05"},
    )
    assert reply.status == 201, reply.json
    assert reply.json["title"] == "Club round"  # the request's fields win over the template's
    plan = await alice.get(f"/groups/{reply.json['id']}/milestones")
    dues = [m["due"] for m in plan.json["milestones"]]
    assert dues == ["2026-01-07", "2026-01-16", "2026-01-18", "2026-01-19"]


async def test_an_unknown_template_creates_no_group(api):
    alice = api("alice")
    reply = await alice.post("/groups", {"title": "Nope", "template": "no-such-plan"})
    assert reply.status == 404
    listed = await alice.get("/groups")
    assert "Nope" not in [g["title"] for g in listed.json["groups"]]
