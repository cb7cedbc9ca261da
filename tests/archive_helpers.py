"""Comparing two copies of a group record by record, ids aside."""

from __future__ import annotations

from typing import Any

from nerdup_lab.core.archive.export import collect
from nerdup_lab.core.archive.format import metadata, owned_tables, renumbered, soft_target
from nerdup_lab.core.archive.restore import _remap_json


def canonical_group(db: Any, group_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every record of the group, with database ids replaced by their rank in the group
    (the order they were made in), so a copy under new ids compares equal."""
    with db.session() as session:
        picked = collect(session, group_id)
    md = metadata()
    ranks: dict[str, dict[Any, int]] = {}
    for table in owned_tables(md):
        key = renumbered(table)
        if key is not None:
            ids = sorted(r[key.name] for r in picked.get(table.name, []))
            ranks[table.name] = {old: i for i, old in enumerate(ids)}
    out: dict[str, list[dict[str, Any]]] = {}
    for name, rows in picked.items():
        table = md.tables[name]
        key = renumbered(table)
        fixed = []
        for row in rows:
            values = dict(row)
            if key is not None:
                values[key.name] = ranks[name][values[key.name]]
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                if parent in ranks and values.get(fk.parent.name) is not None:
                    values[fk.parent.name] = ranks[parent][values[fk.parent.name]]
            for column in table.columns:
                target = soft_target(name, column.name, values)
                if target in ranks and values.get(column.name) is not None:
                    values[column.name] = ranks[target][values[column.name]]
                if isinstance(values.get(column.name), dict):
                    values[column.name] = _remap_json(values[column.name], ranks)
            fixed.append(values)
        out[name] = sorted(
            fixed,
            key=lambda r: [
                (isinstance(r[c.name], str), str(r[c.name]).zfill(12)) for c in table.primary_key
            ],
        )
    return out
