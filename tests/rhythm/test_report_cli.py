"""`jupyter nerdup report GROUP [--output FILE]`: one self-contained HTML file."""

from __future__ import annotations

from cli_helpers import Cli, isolated_config  # noqa: F401
from core_world import build_world

from nerdup_lab.core import milestones
from nerdup_lab.core.models import Milestone


def test_report_writes_one_self_contained_file(capsys, db_url, isolated_config, tmp_path):  # noqa: F811
    world = build_world(db_url)
    version = world.version(Milestone, world.milestone_id)
    world.call(
        "olga", milestones.update_milestone, world.milestone_id, {"due": "2026-05-01"}, version
    )
    world.db.dispose()
    cli = Cli(capsys, db_url)
    target = tmp_path / "club.html"
    result = cli.ok("report", str(world.group_id), "--output", str(target))
    assert "Wrote" in result.out
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>") and "Kaggle club" in html
    assert "Week 1" in html and "2026-05-01" in html and "<td>olga</td>" in html
    assert "<script" not in html and 'src="http' not in html and "<link" not in html
    by_title = cli.ok("report", "Kaggle club", "--output", "-")
    assert "Week 1" in by_title.out
    denied = cli("report", str(world.group_id), "--user", "pat")
    assert denied.code == 4 and "once the group is finished" in denied.err
    assert cli("report", "No such club").code == 3
