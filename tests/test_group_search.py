"""Searching groups in core: case-insensitive, and what the user types is taken literally."""

from __future__ import annotations

from core_world import make_db

from nerdup_lab.core import groups
from nerdup_lab.core.users import ensure_user


def test_search_is_case_insensitive_and_literal(db_url):
    db = make_db(db_url)
    with db.session() as s:
        ensure_user(s, "alice")
        for title in ("100% pandas", "Deep learning", "snake_case club"):
            groups.create_group(s, "alice", {"title": title})
    with db.session() as s:

        def found(q: str) -> list[str]:
            return sorted(g["title"] for g in groups.list_groups(s, "bob", q=q))

        assert found("DEEP") == ["Deep learning"]
        assert found("%") == ["100% pandas"]
        assert found("_") == ["snake_case club"]
        assert found("") == ["100% pandas", "Deep learning", "snake_case club"]
    db.dispose()
