"""From what the user saved to what a snapshot holds: parse, size limit, validate, cell ids.

Missing cell ids are added and existing ones kept (nbformat 4.5 normalisation); a notebook
older than 4.5 is lifted to 4.5, since ids are what lets history and diffs follow a cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NoReturn

from nbformat import validator
from nbformat.corpus.words import generate_corpus_id

from .. import validate as v
from ..errors import InvalidInput, TooLarge
from .canonical import flatten_source, hash_value
from .diff.text import as_text
from .manifest import OWN_KEYS as _OWN_KEYS
from .pairing import align


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise TooLarge(
            f"The notebook is {_mb(size)}; snapshots are limited to {_mb(limit)} "
            f"(c.NerdUp.max_snapshot_bytes = {limit}). Clear large outputs or use the "
            "'strip' output policy.",
            fields={"max_snapshot_bytes": str(limit)},
        )


def parse_notebook_text(text: str, max_bytes: int) -> dict[str, Any]:
    """The notebook in `text` as a dict; 413 over the limit, 400 if it is not JSON."""
    check_size(len(text.encode("utf-8")), max_bytes)
    nb = v.loads(text, "notebook")
    if not isinstance(nb, dict):
        raise InvalidInput("The notebook file must hold a JSON object.")
    return nb


def normalize_notebook(
    nb: dict[str, Any], inherited: dict[int, str] | None = None
) -> dict[str, Any]:
    """A 4.5+ copy of `nb` where every cell has a unique id (existing ids kept).

    `inherited` maps the position of a cell without an id to the id it had in the previous
    snapshot (see `inherit_ids`); the other id-less cells get fresh ids.

    Does what `nbformat.validator.normalize` does for ids, without its deep copy of the
    whole notebook: only the cells that get an id are copied. Checks first what splitting
    the notebook relies on (depth, text, the shape of cells and outputs), since nbformat
    validation of the cells already stored runs after the split.
    """
    v.check_json(nb, "notebook")
    if nb.get("nbformat") != 4 or not isinstance(nb.get("nbformat_minor"), int):
        raise InvalidInput(
            "Only nbformat 4 notebooks can be committed (open and save it in JupyterLab "
            "to convert it).",
            fields={"nbformat": str(nb.get("nbformat"))},
        )
    cells = nb.get("cells")
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise InvalidInput("The notebook has no list of cells.", fields={"cells": "invalid"})
    for index, cell in enumerate(cells):
        outputs = cell.get("outputs", [])
        if not isinstance(outputs, list) or not all(isinstance(o, dict) for o in outputs):
            _invalid(f"cells[{index}].outputs is not a list of outputs")
        if not isinstance(cell.get("metadata", {}), dict):
            _invalid(f"cells[{index}].metadata is not an object")
    if not isinstance(nb.get("metadata", {}), dict):
        _invalid("metadata is not an object")
    work = dict(nb)
    work["nbformat_minor"] = max(5, nb["nbformat_minor"])
    inherited = inherited or {}
    seen: set[str] = set()
    fixed = []
    for n, cell in enumerate(cells):
        cell_id = cell.get("id")
        if not isinstance(cell_id, str) or cell_id in seen:
            old = inherited.get(n)
            cell = {**cell, "id": old if old is not None and old not in seen else _fresh_id(seen)}
        seen.add(cell["id"])
        fixed.append(cell)
    work["cells"] = fixed
    return work


def _has_id(cell: Any) -> bool:
    return isinstance(cell, dict) and isinstance(cell.get("id"), str)


def inherit_ids(
    nb: dict[str, Any], previous: dict[str, Any], texts: Callable[[set[str]], dict[str, str]]
) -> dict[int, str]:
    """Ids for the id-less cells of `nb`, from the previous snapshot's manifest.

    A notebook saved without ids (nbformat 4.4 and older tools) would get new random ids
    on every commit, so nothing would pair by id and an unchanged re-commit would not be
    recognised. Its cells are paired with the previous snapshot's cells by the same
    order-respecting alignment the diff uses (`pairing.align`); a paired cell inherits the
    old id unless the notebook itself uses that id. `texts(hashes)` gives stored sources.
    """
    cells = nb.get("cells")
    if not isinstance(cells, list) or all(_has_id(c) for c in cells):
        return {}
    if not all(isinstance(c, dict) for c in cells):
        return {}
    old = previous["cells"]
    keys_b, text_b = [], []
    for cell in cells:
        src, _ = flatten_source({k: v for k, v in cell.items() if k not in _OWN_KEYS})
        keys_b.append(hash_value(src)[0])
        text_b.append(as_text(src.get("source")))
    known = dict(zip(keys_b, text_b, strict=True))
    stored = texts({e[2] for e in old} - known.keys())
    known.update(stored)
    pairs, _ = align(
        [e[2] for e in old],
        keys_b,
        [e[1] for e in old],
        [str(c.get("cell_type")) for c in cells],
        lambda i: known[old[i][2]],
        lambda j: text_b[j],
    )
    used = {c["id"] for c in cells if _has_id(c)}
    return {
        j: old[i][0] for i, j in pairs.items() if not _has_id(cells[j]) and old[i][0] not in used
    }


def _fresh_id(seen: set[str]) -> str:
    while True:
        new: str = generate_corpus_id()  # type: ignore[no-untyped-call]
        if new not in seen:
            return new


def _invalid(message: str) -> NoReturn:
    raise InvalidInput(
        f"The notebook is not a valid nbformat 4 notebook: {message}",
        fields={"notebook": message},
    )


def validate(nb: dict[str, Any]) -> None:
    """nbformat validation; InvalidInput with nbformat's message when it fails."""
    try:
        validator.validate(nb)
    except validator.ValidationError as err:
        _invalid(str(getattr(err, "message", err)).splitlines()[0])


_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")


def _plain_ok(entry: list[Any]) -> bool:
    """The parts of a cell the manifest holds itself (id, counts) are well-formed."""
    counts = [entry[4], *(r[1] for r in entry[5] or () if len(r) > 1)]
    return bool(_ID.match(str(entry[0]))) and all(
        c is None or (isinstance(c, int) and not isinstance(c, bool) and c >= 0) for c in counts
    )


def validate_new_cells(nb: dict[str, Any], manifest: dict[str, Any], stored: set[str]) -> None:
    """Validate the notebook, skipping cells made only of pieces already in the store.

    A stored piece was validated when it was first committed; validating a 1 MB notebook
    costs ~100 ms, validating the one cell that changed costs nothing.
    """
    fresh = []
    for cell, entry in zip(nb["cells"], manifest["cells"], strict=True):
        hashes = [entry[2], entry[3], *(r[0] for r in entry[5] or ())]
        if not _plain_ok(entry) or any(h not in stored for h in hashes):
            fresh.append(cell)
    validate({**nb, "cells": fresh})


def check_notebook(nb: dict[str, Any]) -> dict[str, Any]:
    """The normalised notebook, validated as a commit validates it (same 400 messages);
    for a notebook that is not committed, such as the new side of a diff."""
    work = normalize_notebook(nb)
    validate(work)
    return work
