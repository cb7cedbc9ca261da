"""`jupyter nerdup ...`: every command's happy path and its main error, as a user sees them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from cli_helpers import Cli, isolated_config  # noqa: F401
from sqlalchemy import select

from nerdup_lab.core import templates


@pytest.fixture
def cli(capsys, sqlite_url, isolated_config):  # noqa: F811
    return Cli(capsys, sqlite_url)


@pytest.fixture
def group(cli):
    cli.ok("init")
    created = cli.ok(
        "group",
        "create",
        "--template",
        "learning-club-round",
        "--start",
        "2026-01-05",
        "--user",
        "alice",
    )
    assert created.out.startswith("Created group 1:")
    return "1"


def one_line_error(result, code, text):
    assert result.code == code
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert lines[0].startswith("jupyter nerdup: error: ")
    assert text in lines[0]
    assert "Traceback" not in result.err


def test_init_creates_then_reports_up_to_date(cli):
    assert "Created the nerdup database" in cli.ok("init").out
    assert "up to date" in cli.ok("init").out


def test_db_upgrade_refuses_an_empty_database(cli):
    one_line_error(cli("db", "upgrade"), 1, "jupyter nerdup init")
    cli.ok("init")
    assert "Already at the newest schema" in cli.ok("db", "upgrade").out


def test_verify_checks_the_schema(cli):
    one_line_error(cli("verify"), 1, "db upgrade")
    cli.ok("init")
    out = cli.ok("verify").out
    assert "Storage is intact." in out and "0 snapshots read back" in out


def test_verify_reports_a_corrupt_blob(cli, sqlite_url):
    import json as _json

    from sqlalchemy import update

    from nerdup_lab.core.db import Database
    from nerdup_lab.core.snapshots import commit_snapshot
    from nerdup_lab.core.snapshots.models import Blob

    cli.ok("init")
    cli.ok("group", "create", "G", "--user", "alice")
    db = Database(sqlite_url)
    notebook = {
        "cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# hi"}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    commit_snapshot(db, group_id=1, author="alice", path="a.ipynb", notebook=notebook)
    with db.session() as s:
        victim = s.scalars(select(Blob.hash).limit(1)).one()
        s.execute(
            update(Blob).where(Blob.hash == victim).values(data=b"r" + _json.dumps(1).encode())
        )
    db.dispose()
    result = cli("verify")
    assert result.code == 1
    assert f"blob {victim}" in result.out
    assert result.err.startswith("jupyter nerdup: error: Storage check found 1 problem(s)")


def test_templates_lists_the_shipped_ones(cli):
    out = cli.ok("templates").out
    for name in templates.shipped_names():
        assert name in out
    listed = json.loads(cli.ok("templates", "--format=json").out)
    assert {t["id"] for t in listed} == set(templates.shipped_names())


def test_group_create_needs_a_user_and_a_title(cli):
    cli.ok("init")
    one_line_error(cli("group", "create", "Solo"), 2, "--user NAME")
    one_line_error(cli("group", "create", "--user", "alice"), 2, "TITLE")
    one_line_error(
        cli("group", "create", "--template", "nope", "--user", "alice"), 3, "learning-club-round"
    )
    one_line_error(cli("group", "create", "X", "--start", "2026-13-01", "--user", "a"), 2, "date")
    assert cli.ok("group", "create", "Solo", "--user", "alice").out == "Created group 1: Solo\n"


def test_group_list_and_show(cli, group):
    listed = cli.ok("group", "list").out
    assert "Learning club round" in listed and "1 members" in listed
    shown = cli.ok("group", "show", group).out
    assert "starts 2026-01-05, deadline 2026-01-19" in shown
    assert "alice (organizer)" in shown
    assert "Introduce the topic  (due 2026-01-07, planned, 0/2 tasks done)" in shown
    as_json = json.loads(cli.ok("group", "show", group, "--format=json").out)
    assert len(as_json["milestones"]) == 4
    one_line_error(cli("group", "show", "99"), 3, "no group 99")
    one_line_error(cli("group", "show", "first"), 2, "GROUP must be a group id")


def test_commands_create_the_database_on_first_use(cli):
    # Like the server at start-up: no `init` needed before the first real command.
    assert "No groups yet" in cli.ok("group", "list").out
    created = cli.ok("group", "create", "Food reviews", "--user", "alice")
    assert created.out.startswith("Created group 1:")
    assert "up to date" in cli.ok("init").out


def test_group_list_on_an_empty_database(cli):
    cli.ok("init")
    assert "No groups yet" in cli.ok("group", "list").out


def test_group_archive_is_for_organizers(cli, group):
    cli.ok("member", "add", group, "bob", "--user", "alice")
    one_line_error(cli("group", "archive", group, "--user", "bob"), 4, "may not")
    assert cli.ok("group", "archive", group, "--user", "alice").out == "Archived group 1.\n"
    assert "archived" in cli.ok("group", "list").out


def test_member_add_role_remove(cli, group):
    assert (
        "as mentor"
        in cli.ok("member", "add", group, "bob", "--role", "mentor", "--user", "alice").out
    )
    one_line_error(cli("member", "add", group, "bob", "--user", "alice"), 5, "already a member")
    one_line_error(cli("member", "add", group, "carol", "--user", "bob"), 4, "may not")
    assert (
        "now organizer"
        in cli.ok("member", "role", group, "bob", "organizer", "--user", "alice").out
    )
    one_line_error(cli("member", "role", group, "bob", "king", "--user", "alice"), 2, "not valid")
    assert cli.ok("member", "remove", group, "bob", "--user", "alice").out
    one_line_error(cli("member", "remove", group, "bob", "--user", "alice"), 3, "")
    shown = cli.ok("group", "show", group).out
    assert "bob" not in shown


def test_wrong_number_of_arguments_shows_usage(cli, group):
    one_line_error(
        cli("member", "add", group, "--user", "alice"),
        2,
        "usage: jupyter nerdup member add GROUP USERNAME",
    )


def test_plan_export_and_import(cli, group, tmp_path):
    exported = cli.ok("plan", "export", group).out
    template = yaml.safe_load(exported)
    assert templates.validate(template)["name"] == "Learning club round"
    target = tmp_path / "plan.json"
    assert "Wrote the plan" in cli.ok("plan", "export", group, str(target)).out
    assert templates.load_file(target)["milestones"] == template["milestones"]
    added = cli.ok("plan", "import", group, str(target), "--user", "alice").out
    assert added == "Added 4 milestones and 6 tasks to group 1 (to 2026-02-02).\n"
    added = cli.ok(
        "plan", "import", group, "retail-data-challenge", "--start", "2026-03-02", "--user", "alice"
    ).out
    assert "(to 2026-03-30)" in added


def test_plan_import_reports_the_bad_line(cli, group, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nname: x\nkind: project\nmilestones:\n  - title: a\n    duration_days: -3\n"
    )
    result = cli("plan", "import", group, str(bad), "--user", "alice")
    one_line_error(result, 2, "line 6, milestones[0].duration_days")
    one_line_error(
        cli("plan", "import", group, "learning-club-round", "--user", "eve"), 4, "may not"
    )


def test_config_file_supplies_the_database(capsys, sqlite_url, isolated_config):  # noqa: F811
    (isolated_config / "jupyter_nerdup_config.py").write_text(f"c.NerdUp.db_url = {sqlite_url!r}\n")
    cli = Cli(capsys, sqlite_url)
    assert cli("init", db=False).code == 0
    assert cli("group", "create", "From config", "--user", "a", db=False).code == 0
    (isolated_config / "jupyter_nerdup_config.py").unlink()
    (isolated_config / "jupyter_server_config.py").write_text(f"c.NerdUp.db_url = {sqlite_url!r}\n")
    assert "From config" in cli("group", "list", db=False).out


def test_every_command_has_help(cli):
    commands = [
        [],
        ["init"],
        ["db"],
        ["db", "upgrade"],
        ["verify"],
        ["group"],
        ["group", "list"],
        ["group", "create"],
        ["group", "show"],
        ["group", "archive"],
        ["member"],
        ["member", "add"],
        ["member", "role"],
        ["member", "remove"],
        ["plan"],
        ["plan", "import"],
        ["plan", "export"],
        ["templates"],
        ["export"],
        ["import"],
        ["export-git"],
        ["demo"],
    ]
    for command in commands:
        result = cli(*command, "--help", db=False)
        assert result.code == 0, command
        assert "--db-url=<Unicode>" in result.out, command
        # A command with subcommands lists them; a leaf command has none.
        has_children = any(other[: len(command)] == command != other for other in commands)
        assert ("Subcommands" in result.out) == has_children, command


def test_bad_options_and_commands_are_one_line_errors(cli, group):
    one_line_error(cli("group", "list", "--user"), 2, "expected one argument")
    one_line_error(cli("gruop", "list"), 2, "Unknown command 'gruop'")
    bad_role = cli("member", "add", group, "bob", "--role", "king", "--user", "alice")
    assert bad_role.code == 1
    assert bad_role.err.startswith("jupyter nerdup: ") and "'king'" in bad_role.err
    assert len(bad_role.err.strip().splitlines()) == 1


def test_a_bare_command_group_asks_for_a_subcommand(cli):
    one_line_error(cli("member"), 2, "Give a subcommand: add, remove, role")


def test_runs_as_a_program_with_exit_codes(sqlite_url, isolated_config):  # noqa: F811
    run = [sys.executable, "-m", "nerdup_lab.cli"]
    done = subprocess.run([*run, "init", f"--db-url={sqlite_url}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    failed = subprocess.run(
        [*run, "group", "show", "7", f"--db-url={sqlite_url}"], capture_output=True, text=True
    )
    assert failed.returncode == 3
    assert failed.stderr == "jupyter nerdup: error: There is no group 7.\n"
