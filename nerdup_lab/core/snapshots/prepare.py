"""From what the user saved to what a snapshot holds: parse, size limit, validate, cell ids.

Missing cell ids are added and existing ones kept (nbformat 4.5 normalisation); a notebook
older than 4.5 is lifted to 4.5, since ids are what lets history and diffs follow a cell.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from nbformat import validator

from ..errors import InvalidInput, TooLarge


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
    try:
        nb = json.loads(text)
    except ValueError as err:
        raise InvalidInput(f"The notebook file is not valid JSON: {err}") from err
    if not isinstance(nb, dict):
        raise InvalidInput("The notebook file must hold a JSON object.")
    return nb


def normalize_notebook(nb: dict[str, Any]) -> dict[str, Any]:
    """A validated nbformat 4.5+ copy of `nb` where every cell has an id.

    Raises InvalidInput with nbformat's validation message when the notebook is invalid.
    """
    if nb.get("nbformat") != 4 or not isinstance(nb.get("nbformat_minor"), int):
        raise InvalidInput(
            "Only nbformat 4 notebooks can be committed (open and save it in JupyterLab "
            "to convert it).",
            fields={"nbformat": str(nb.get("nbformat"))},
        )
    work = copy.deepcopy(nb)
    if work["nbformat_minor"] < 5:
        work["nbformat_minor"] = 5
    if not isinstance(work.get("cells"), list):
        raise InvalidInput("The notebook has no list of cells.", fields={"cells": "missing"})
    try:
        # normalize() adds missing ids (and repairs duplicates) without touching the rest.
        _, work = validator.normalize(work)
        validator.validate(work)
    except validator.ValidationError as err:
        message = str(getattr(err, "message", err)).splitlines()[0]
        raise InvalidInput(
            f"The notebook is not a valid nbformat 4 notebook: {message}",
            fields={"notebook": message},
        ) from err
    result: dict[str, Any] = work
    return result
