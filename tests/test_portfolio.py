"""A member's portfolio (#16): their own snapshots across all their groups as one git
repository, a README of groups, tasks and posts; an empty portfolio is a 404 that says so."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest
from api_setup import study_group
from core_world import build_world

from nerdup_lab.core import groups, members, tasks
from nerdup_lab.core.errors import NotFound
from nerdup_lab.core.models import Group
from nerdup_lab.core.portfolio import export_portfolio
from nerdup_lab.core.rhythm import reflections
from nerdup_lab.core.snapshots.commit import commit_in_session
from nerdup_lab.core.users import ensure_user


def _nb(source: str) -> dict[str, Any]:
    return {
        "nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [{"cell_type": "code", "id": "c1", "metadata": {}, "source": source,
                   "execution_count": None, "outputs": []}],
    }  # fmt: skip


def _commit(world: Any, gid: int, author: str, path: str, message: str) -> None:
    with world.session(author) as s:
        commit_in_session(
            s, group_id=gid, author=author, path=path, notebook=_nb(message), message=message
        )


def _git(repo: Path, *args: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_own_snapshots_of_every_group_with_a_readme_of_groups_tasks_and_posts(db_url, tmp_path):
    first = build_world(db_url)
    second = build_world(first.db)  # pat is a participant of both clubs
    with first.session() as s:
        ensure_user(s, "pat", "Pat Participant")
        s.get(Group, second.group_id).title = "Deep *learning* club"
    _commit(first, first.group_id, "pat", "eda.ipynb", "first plots")
    _commit(first, first.group_id, "olga", "eda.ipynb", "olga's, not pat's")
    _commit(second, second.group_id, "pat", "work/model.ipynb", "a first model")
    first.call("pat", tasks.claim, first.group_task_id)
    first.call(
        "pat", reflections.share_post, first.group_id,
        {"title": "What [we] learned", "url": "https://blog.example.org/p"},
    )  # fmt: skip
    # A members-only group pat has left no longer shows in pat's portfolio.
    gone = build_world(first.db, visibility="members")
    _commit(gone, gone.group_id, "pat", "secret.ipynb", "left behind")
    gone.call("pat", members.leave, gone.group_id, "pat")

    made = export_portfolio(first.db, "pat", tmp_path / "portfolio")
    repo = Path(made["path"])
    log = _git(repo, "log", "--reverse", "--format=%an|%s")
    assert log == [
        "Pat Participant|first plots",
        "Pat Participant|a first model",
        "Pat Participant|Portfolio README: groups, tasks and posts",
    ]
    files = set(_git(repo, "ls-files"))
    assert files == {
        f"kaggle-club-{first.group_id}/eda.ipynb",
        f"deep-learning-club-{second.group_id}/work/model.ipynb",
        "README.md",
    }
    readme = (repo / "README.md").read_text()
    assert readme.startswith("# Pat Participant: study portfolio")
    assert "**Kaggle club** (forming; participant): 1 snapshot in" in readme
    assert "**Deep \\*learning\\* club**" in readme  # a title is text, never markup
    assert "  - [ ] Clean data" in readme  # the claimed task, not done
    assert "[What \\[we\\] learned](https://blog.example.org/p) (Kaggle club)" in readme
    assert "secret" not in readme and "left behind" not in "\n".join(log)
    assert made["commits"] == 3
    first.db.dispose()


def test_an_empty_portfolio_is_not_found_with_a_message(db_url, tmp_path):
    world = build_world(db_url)
    with pytest.raises(NotFound, match="Your portfolio is empty"):
        export_portfolio(world.db, "fred", tmp_path / "portfolio")
    assert not (tmp_path / "portfolio").exists()
    # A post alone is a portfolio (a README listing it).
    world.call(
        "fred", reflections.share_post, world.group_id, {"title": "T", "url": "https://e.x/"}
    )
    made = export_portfolio(world.db, "fred", tmp_path / "portfolio")
    assert made["commits"] == 1
    world.db.dispose()


def test_a_done_task_is_ticked(db_url, tmp_path):
    world = build_world(db_url)
    with world.session() as s:
        version = s.get(Group, world.group_id).version
    world.call("olga", groups.update_group, world.group_id, {"status": "active"}, version)
    world.call("pat", tasks.claim, world.group_task_id)
    task = world.call("pat", tasks.get_task, world.group_task_id)
    world.call("pat", tasks.update_task, world.group_task_id, {"status": "done"}, task["version"])
    _commit(world, world.group_id, "pat", "a.ipynb", "done it")
    export_portfolio(world.db, "pat", tmp_path / "p")
    assert "  - [x] Clean data" in (tmp_path / "p" / "README.md").read_text()
    world.db.dispose()


async def test_the_portfolio_download_and_its_empty_answer(api, jp_root_dir, tmp_path):
    club = await study_group(api)
    empty = await club["eve"].get("/me/portfolio")
    assert empty.status == 404 and "portfolio is empty" in empty.error["message"]
    (jp_root_dir / "e.ipynb").write_text(__import__("json").dumps(_nb("x = 1")))
    made = await club["bob"].post(
        f"/groups/{club['gid']}/snapshots", {"path": "e.ipynb", "message": "mine"}
    )
    assert made.status == 201, made.json
    reply = await club["bob"].get("/me/portfolio")
    assert reply.status == 200 and reply.headers["Content-Type"] == "application/gzip"
    assert "portfolio.tar.gz" in reply.headers["Content-Disposition"]
    with tarfile.open(fileobj=io.BytesIO(reply.raw)) as tar:
        tar.extractall(tmp_path, filter="data")
    assert _git(tmp_path / "portfolio", "log", "--format=%s") == [
        "Portfolio README: groups, tasks and posts",
        "mine",
    ]
