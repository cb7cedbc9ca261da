"""Shared helpers of the snapshot tests: a migrated database with a group and members."""

from __future__ import annotations

from typing import Any

import nbformat

from nerdup_lab.core import migrate
from nerdup_lab.core.db import Database
from nerdup_lab.core.models import Group, Membership, Milestone, Task, User


def make_db(url: str) -> Database:
    db = Database(url)
    migrate.upgrade(db)
    return db


def make_group(db: Database, members: dict[str, str], title: str = "Study group") -> int:
    """A group with `members` (username -> role); returns its id."""
    with db.session() as s:
        for name in members:
            if s.get(User, name) is None:
                s.add(User(username=name, display_name=name.title()))
        s.flush()
        creator = next(iter(members))
        group = Group(title=title, created_by=creator, links=[])
        s.add(group)
        s.flush()
        for name, role in members.items():
            s.add(Membership(group_id=group.id, username=name, role=role))
        return group.id


def make_task(db: Database, group_id: int, creator: str) -> int:
    with db.session() as s:
        ms = Milestone(group_id=group_id, title="Week 1", resources=[])
        s.add(ms)
        s.flush()
        task = Task(
            milestone_id=ms.id, group_id=group_id, title="EDA", created_by=creator, notebooks=[]
        )
        s.add(task)
        s.flush()
        return task.id


def notebook(sources: list[str], *, outputs: bool = False) -> dict[str, Any]:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    for i, src in enumerate(sources):
        if src.startswith("#"):
            nb.cells.append(nbformat.v4.new_markdown_cell(src))
            continue
        cell = nbformat.v4.new_code_cell(src, execution_count=i + 1 if outputs else None)
        if outputs:
            cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=f"{i}\n"))
        nb.cells.append(cell)
    return dict(nbformat.from_dict(nb))


def as_plain(nb: Any) -> Any:
    """A NotebookNode (or anything JSON) as plain dicts and lists."""
    import json

    return json.loads(json.dumps(nb))
