"""What the archive's tables are, and how a row becomes JSON and back."""

from __future__ import annotations

import base64
import datetime as dt
import importlib
import pkgutil
from typing import Any

from sqlalchemy import Column, Date, DateTime, MetaData, Table
from sqlalchemy.types import TypeDecorator

from ..db import Base

ARCHIVE_FORMAT = "nerdup-group-archive"
ARCHIVE_VERSION = 1
ROOT = "groups"
# Tables shared between groups: their referenced rows travel along and are added on
# import when missing, never renumbered.
SHARED = ("users", "blobs")
BLOB_TABLE = "blobs"
# Integer columns that name another record of the group without a foreign key; an import
# renumbers them like foreign keys. A str value names the table; a tuple names the column
# whose value (+ "s") names the table, for references that point at several kinds.
SOFT_REFERENCES: dict[tuple[str, str], str | tuple[str]] = {
    ("questions", "accepted_answer_id"): "answers",
    ("upvotes", "target_id"): ("target",),
}


def soft_target(table: str, column: str, row: dict[str, Any]) -> str | None:
    """The table a soft reference of `row` points at, or None if the column is not one."""
    rule = SOFT_REFERENCES.get((table, column))
    if rule is None or isinstance(rule, str):
        return rule
    kind = row.get(rule[0])
    return f"{kind}s" if isinstance(kind, str) else None


def metadata() -> MetaData:
    """Every table of the store: importing each `models` module of the core registers its
    tables, so a feature that adds tables (with a foreign key to a group's records) is
    archived without this module knowing it."""
    from .. import models  # noqa: F401

    core = importlib.import_module("nerdup_lab.core")
    for info in pkgutil.walk_packages(core.__path__, "nerdup_lab.core."):
        if info.name.endswith(".models"):
            importlib.import_module(info.name)
    return Base.metadata


def owned_tables(md: MetaData) -> list[Table]:
    """Tables whose rows belong to one group, parents before children."""
    owned = {ROOT}
    grew = True
    while grew:
        grew = False
        for table in md.sorted_tables:
            if table.name in owned or table.name in SHARED:
                continue
            if any(fk.column.table.name in owned for fk in table.foreign_keys):
                owned.add(table.name)
                grew = True
    return [t for t in md.sorted_tables if t.name in owned]


def renumbered(table: Table) -> Column[Any] | None:
    """The integer surrogate key the database assigns (renumbered on import), if any."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and keys[0].autoincrement in (True, "auto"):
        try:
            if keys[0].type.python_type is int and not keys[0].foreign_keys:
                return keys[0]
        except NotImplementedError:
            return None
    return None


def _python_type(column: Column[Any]) -> type | None:
    kind: Any = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, DateTime):
        return dt.datetime
    if isinstance(kind, Date):
        return dt.date
    return None


def encode_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row[column.name]
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        elif isinstance(value, bytes):
            value = {"$base64": base64.b64encode(value).decode("ascii")}
        out[column.name] = value
    return out


def decode_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in row.items():
        column = table.columns[name]
        kind = _python_type(column)
        if value is None:
            out[name] = None
        elif kind is dt.datetime:
            out[name] = dt.datetime.fromisoformat(value)
        elif kind is dt.date:
            out[name] = dt.date.fromisoformat(value)
        elif isinstance(value, dict) and set(value) == {"$base64"}:
            out[name] = base64.b64decode(value["$base64"])
        else:
            out[name] = value
    return out
