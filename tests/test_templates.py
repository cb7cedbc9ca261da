"""Plan templates: the format, its schema, the shipped templates and their dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from nerdup_lab.core import templates
from nerdup_lab.core.errors import InvalidInput, NotFound

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
version: 1
name: Two-stage plan
kind: project
milestones:
  - title: First
    duration_days: 7
    tasks:
      - title: Load the data
        weight: 2
        session: 1
  - title: Second
    duration_days: 14
"""


def errors_of(text: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as err:
        templates.parse(text, source="plan.yaml")
    return err.value


def test_every_shipped_template_is_valid_and_substantial():
    names = templates.shipped_names()
    assert len(names) >= 7
    for name in names:
        template = templates.shipped(name)
        assert template["version"] == 1
        assert template.get("summary"), name
        assert template.get("retrospective"), name
        tasks = [t for m in template["milestones"] for t in m.get("tasks", [])]
        assert len(tasks) >= 5, name
        links = [r["url"] for r in template.get("resources", [])]
        links += [r["url"] for m in template["milestones"] for r in m.get("resources", [])]
        assert links and all(u.startswith("https://") for u in links), name


def test_shipped_templates_cover_the_programmes():
    names = {templates.shipped(n)["name"] for n in templates.shipped_names()}
    assert "Recommendation system from Amazon Fine Food Reviews" in names
    assert "Retail data challenge" in names
    assert "A front end for a good cause" in names
    assert "Learning club round" in names
    assert {n for n in names if n.startswith("ML mentorship, stream")} == {
        "ML mentorship, stream 1: starting out",
        "ML mentorship, stream 2: first ML job",
        "ML mentorship, stream 3: career progress",
    }
    kinds = {templates.shipped(n)["kind"] for n in templates.shipped_names()}
    assert kinds == {"project", "mentorship", "learning-club", "datathon"}


def test_learning_club_round_lasts_two_weeks():
    template = templates.shipped("learning-club-round")
    assert templates.plan_length_days(template) == 14


def test_validator_uses_the_published_schema():
    published = json.loads((ROOT / "schema" / "plan-template.schema.json").read_text())
    assert templates.schema() == published


def test_unknown_shipped_template_is_not_found():
    with pytest.raises(NotFound, match="learning-club-round"):
        templates.shipped("no-such-plan")


def test_yaml_and_json_forms_are_equal():
    from_yaml = templates.parse(GOOD)
    from_json = templates.parse(json.dumps(from_yaml, indent=2))
    assert from_yaml == from_json


def test_bad_value_names_line_and_field():
    err = errors_of(GOOD.replace("weight: 2", "weight: 0"))
    assert "line 9, milestones[0].tasks[0].weight" in err.message
    assert "minimum of 1" in err.message
    assert err.fields["milestones[0].tasks[0].weight"].startswith("line 9:")


def test_unknown_field_names_its_line():
    err = errors_of(GOOD.replace("    duration_days: 14", "    duration_days: 14\n    colour: red"))
    assert err.fields["milestones[1].colour"] == "line 13: unknown field"


def test_missing_required_field_is_reported():
    err = errors_of(GOOD.replace("kind: project\n", ""))
    assert "'kind' is a required property" in err.message


def test_milestone_needs_exactly_one_of_duration_and_offset():
    err = errors_of(GOOD.replace("duration_days: 14", "duration_days: 14\n    offset_days: 30"))
    assert "line 11, milestones[1]" in err.message
    assert "either duration_days or offset_days" in err.message


def test_offsets_may_not_go_back_in_time():
    err = errors_of(GOOD.replace("duration_days: 14", "offset_days: 3"))
    assert "line 12, milestones[1].offset_days" in err.message


def test_wrong_version_says_which_it_reads():
    err = errors_of(GOOD.replace("version: 1", "version: 2"))
    assert "line 1, version: unsupported version 2" in err.message


def test_yaml_syntax_error_names_the_line():
    err = errors_of(GOOD.replace("  - title: Second", "  - title: [Second"))
    assert err.message.startswith("plan.yaml: line ")
    assert "not valid YAML" in err.message


def test_json_errors_name_the_line():
    text = json.dumps(templates.parse(GOOD), indent=2)
    broken = text.replace('"weight": 2', '"weight": "heavy"')
    with pytest.raises(InvalidInput) as err:
        templates.parse(broken, source="plan.json")
    line = next(i for i, s in enumerate(broken.splitlines(), 1) if '"heavy"' in s)
    assert f"line {line}, milestones[0].tasks[0].weight" in err.value.message
    with pytest.raises(InvalidInput, match="line 2: not valid JSON"):
        templates.parse('{\n  "version": 1,,\n}', source="plan.json")


def test_load_file_reads_yaml_and_json(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.json").write_text(json.dumps(templates.parse(GOOD)))
    assert templates.load_file(tmp_path / "a.yaml") == templates.load_file(tmp_path / "b.json")
    with pytest.raises(NotFound):
        templates.load_file(tmp_path / "missing.yaml")


def test_schedule_counts_durations_from_the_start_date():
    start = dt.date(2026, 3, 2)
    dates = templates.schedule(templates.parse(GOOD), start)
    assert [(d.starts_on, d.due_on) for d in dates] == [
        (dt.date(2026, 3, 2), dt.date(2026, 3, 9)),
        (dt.date(2026, 3, 9), dt.date(2026, 3, 23)),
    ]


def test_schedule_mixes_offsets_and_durations():
    text = GOOD.replace("duration_days: 7", "offset_days: 10")
    dates = templates.schedule(templates.parse(text), dt.date(2026, 1, 1))
    assert [d.due_on for d in dates] == [dt.date(2026, 1, 11), dt.date(2026, 1, 25)]


def test_session_dates_follow_the_meetup_interval():
    template = templates.parse(
        GOOD.replace("kind: project", "kind: project\nsession_every_days: 14")
    )
    assert templates.session_date(template, dt.date(2026, 1, 1), 3) == dt.date(2026, 1, 29)
    weekly = templates.parse(GOOD)
    assert templates.session_date(weekly, dt.date(2026, 1, 1), 2) == dt.date(2026, 1, 8)


def test_dumped_yaml_parses_back_to_the_same_template():
    for name in templates.shipped_names():
        template = templates.shipped(name)
        assert templates.parse(templates.dump_yaml(template)) == template
