"""Read a group archive back into the store, as a new group."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Table, insert, select, update
from sqlalchemy.orm import Session

from .. import migrate
from ..db import Database
from ..errors import InvalidInput, NotFound
from ..snapshots import codec
from ..snapshots.canonical import digest
from .format import (
    ARCHIVE_FORMAT,
    ARCHIVE_VERSION,
    BLOB_TABLE,
    ROOT,
    SOFT_REFERENCES,
    decode_row,
    metadata,
    owned_tables,
    renumbered,
    soft_target,
)

Progress = Callable[[int, int], None]
IdMap = dict[str, dict[Any, Any]]


def _read_json(archive: zipfile.ZipFile, name: str) -> Any:
    try:
        return json.loads(archive.read(name))
    except KeyError as err:
        raise InvalidInput(f"The archive has no {name}; is it a nerdup group archive?") from err
    except ValueError as err:
        raise InvalidInput(f"The archive's {name} is not valid JSON: {err}") from err


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    manifest = _read_json(archive, "manifest.json")
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise InvalidInput("This file is not a nerdup group archive.")
    if manifest.get("version") != ARCHIVE_VERSION:
        raise InvalidInput(
            f"This archive is format version {manifest.get('version')}; this release reads "
            f"version {ARCHIVE_VERSION}. Import it with the nerdup-lab release that made it."
        )
    return manifest


def _remap_json(value: Any, ids: IdMap) -> Any:
    """Ids inside JSON (an activity's subject: {"task_id": 3, "milestone_ids": [4, 5]})."""
    if not isinstance(value, dict):
        return value
    out = dict(value)
    for key, item in value.items():
        for suffix, many in (("_id", False), ("_ids", True)):
            if not key.endswith(suffix):
                continue
            table = ids.get(key[: -len(suffix)] + "s")
            if table is None:
                continue
            if many and isinstance(item, list):
                out[key] = [table.get(i, i) for i in item]
            elif not many and isinstance(item, int) and not isinstance(item, bool):
                out[key] = table.get(item, item)
    return out


def _insert_shared(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    keys = [c.name for c in table.primary_key.columns]
    for row in rows:
        where = [table.c[k] == row[k] for k in keys]
        if session.execute(select(*table.primary_key.columns).where(*where)).first() is None:
            session.execute(insert(table).values(**row))


SoftRef = tuple[Table, Any, str, str, Any]  # table, new key, column, target table, old id


def _insert_owned(
    session: Session, table: Table, rows: list[dict[str, Any]], ids: IdMap, soft: list[SoftRef]
) -> None:
    key = renumbered(table)
    mapping: dict[Any, Any] = ids.setdefault(table.name, {})
    for row in rows:
        values = dict(row)
        refs = []  # soft references to records not made yet: set once they are
        for column in table.columns:
            target = soft_target(table.name, column.name, values)
            old = values.get(column.name)
            if target is None or old is None:
                continue
            if old in ids.get(target, {}):
                values[column.name] = ids[target][old]
            else:
                refs.append((column.name, target, old))
                values[column.name] = None if column.nullable else old
        for fk in table.foreign_keys:
            parent = fk.column.table.name
            old = values.get(fk.parent.name)
            if old is not None and parent in ids and fk.column is renumbered(fk.column.table):
                if old not in ids[parent]:
                    raise InvalidInput(
                        f"The archive is inconsistent: {table.name}.{fk.parent.name} refers to "
                        f"{parent} {old}, which is not in it."
                    )
                values[fk.parent.name] = ids[parent][old]
        for column in table.columns:
            if isinstance(values.get(column.name), dict) and column.name != "metadata":
                values[column.name] = _remap_json(values[column.name], ids)
        if key is None:
            session.execute(insert(table).values(**values))
            continue
        old_id = values.pop(key.name)
        result = session.execute(insert(table).values(**values).returning(key))
        mapping[old_id] = result.scalar_one()
        soft.extend((table, mapping[old_id], name, target, old) for name, target, old in refs)


def _renumber_soft(session: Session, soft: list[SoftRef], ids: IdMap) -> None:
    """Soft references, once every record has its new id (they may point forwards)."""
    for table, new_key, column, target, old in soft:
        key = renumbered(table)
        new = ids.get(target, {}).get(old)
        if key is not None and new is not None:
            session.execute(update(table).where(key == new_key).values({column: new}))


def _blob_rows(archive: zipfile.ZipFile, table: Table) -> list[dict[str, Any]]:
    rows = []
    for entry in _read_json(archive, f"tables/{BLOB_TABLE}.json"):
        try:
            data = archive.read(f"blobs/{entry['hash']}")
        except KeyError as err:
            raise InvalidInput(f"The archive lacks the blob {entry['hash']}.") from err
        if digest(codec.decode(data)) != entry["hash"]:
            raise InvalidInput(f"The blob {entry['hash']} in the archive is damaged.")
        rows.append({**decode_row(table, entry), "data": data})
    return rows


def import_group(
    db: Database, path: str | Path, *, progress: Progress | None = None
) -> dict[str, Any]:
    """Add the archived group to the store as a new group.

    Returns {"group_id": new id, "title": ..., "records": rows added per table}.
    """
    md = metadata()
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as err:
        raise NotFound(f"There is no file {path}.") from err
    except (zipfile.BadZipFile, OSError) as err:
        raise InvalidInput(f"{path} is not a nerdup group archive (not a zip file).") from err
    with archive:
        manifest = read_manifest(archive)
        if manifest.get("schema_revision") not in (None, *_known_revisions()):
            raise InvalidInput(
                f"The archive comes from a newer schema ({manifest['schema_revision']}); "
                "upgrade nerdup-lab to import it."
            )
        tables = [md.tables["users"], md.tables[BLOB_TABLE], *_insert_order(owned_tables(md))]
        total = sum(int(n) for n in manifest.get("tables", {}).values()) + manifest["blobs"]
        done = 0
        ids: IdMap = {}
        soft: list[SoftRef] = []
        counts: dict[str, int] = {}
        with db.session() as session:
            for table in tables:
                name = f"tables/{table.name}.json"
                if table.name == BLOB_TABLE:
                    rows = _blob_rows(archive, table)
                elif name in archive.namelist():
                    rows = [_checked(table, r) for r in _read_json(archive, name)]
                else:
                    rows = []
                if table.name in ("users", BLOB_TABLE):
                    _insert_shared(session, table, rows)
                else:
                    _insert_owned(session, table, rows, ids, soft)
                counts[table.name] = len(rows)
                done += len(rows)
                if progress:
                    progress(min(done, total), total)
            _renumber_soft(session, soft, ids)
            session.flush()
        new_id = next(iter(ids[ROOT].values()))
    return {"group_id": new_id, "title": manifest["group"]["title"], "records": counts}


def _insert_order(tables: list[Table]) -> list[Table]:
    """Parents first, and tables that nothing refers to last, those holding JSON (which may
    carry ids of other records, like an activity's subject) or soft references at the very
    end, so every id they mention has been renumbered by then."""
    referenced = {fk.column.table.name for t in tables for fk in t.foreign_keys}

    def rank(pair: tuple[int, Table]) -> tuple[bool, bool, int]:
        index, table = pair
        leaf = table.name not in referenced
        has_json = any(isinstance(c.type, JSON) for c in table.columns)
        has_soft = any(name == table.name for name, _ in SOFT_REFERENCES)
        return (leaf, leaf and (has_json or has_soft), index)

    return [t for _, t in sorted(enumerate(tables), key=rank)]


def _checked(table: Table, row: Any) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise InvalidInput(f"The archive's {table.name} table holds something other than rows.")
    unknown = set(row) - set(table.columns.keys())
    if unknown:
        raise InvalidInput(
            f"The archive's {table.name} rows have columns this release does not know: "
            f"{', '.join(sorted(unknown))}."
        )
    return decode_row(table, row)


def _known_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [rev.revision for rev in script.walk_revisions()]
