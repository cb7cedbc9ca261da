"""Output policies: what a snapshot keeps of a notebook's outputs.

- ``keep``: everything.
- ``strip``: no outputs and no execution counts (like "Clear All Outputs").
- ``drop_large``: keep outputs, but replace each one bigger than the limit with a short
  note saying how big it was, so a reader sees that something was there.
"""

from __future__ import annotations

from typing import Any

from ..errors import InvalidInput
from .canonical import canonical

POLICIES = ("keep", "strip", "drop_large")


def check_policy(policy: str) -> str:
    if policy not in POLICIES:
        raise InvalidInput(
            f"Unknown output policy {policy!r}; use one of {', '.join(POLICIES)}.",
            fields={"policy": "unknown"},
        )
    return policy


def strip_outputs(nb: dict[str, Any]) -> dict[str, Any]:
    """The 'strip' policy: a copy of `nb` whose code cells have no outputs or counts."""
    cells = []
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            cell = {**cell, "outputs": [], "execution_count": None}
        cells.append(cell)
    return {**nb, "cells": cells}


def output_limit(policy: str, max_output_bytes: int) -> int | None:
    """Size above which an output is replaced by a note (None: keep every output)."""
    return max_output_bytes if check_policy(policy) == "drop_large" else None


def output_size(output: dict[str, Any]) -> int:
    """Bytes an output costs in storage (its canonical JSON, execution count aside)."""
    return len(canonical({k: v for k, v in output.items() if k != "execution_count"}))


def dropped_note(size: int) -> dict[str, Any]:
    """What the 'drop_large' policy keeps in place of an output of `size` bytes."""
    return {
        "output_type": "display_data",
        "data": {"text/plain": f"[output of {size} bytes not kept by the snapshot policy]"},
        "metadata": {"nerdup": {"dropped_bytes": size}},
    }


def apply_policy(nb: dict[str, Any], policy: str, max_output_bytes: int) -> dict[str, Any]:
    """A copy of `nb` after the policy, for callers that want the notebook itself (the
    commit applies 'drop_large' while hashing, where it measures each output anyway)."""
    if check_policy(policy) == "strip":
        return strip_outputs(nb)
    if policy == "keep":
        return nb
    cells = []
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            outputs = []
            for output in cell.get("outputs", []):
                size = output_size(output)
                outputs.append(output if size <= max_output_bytes else dropped_note(size))
            cell = {**cell, "outputs": outputs}
        cells.append(cell)
    return {**nb, "cells": cells}
