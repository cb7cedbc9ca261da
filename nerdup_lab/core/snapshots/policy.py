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


def _dropped_note(size: int) -> dict[str, Any]:
    return {
        "output_type": "display_data",
        "data": {"text/plain": f"[output of {size} bytes not kept by the snapshot policy]"},
        "metadata": {"nerdup": {"dropped_bytes": size}},
    }


def apply_policy(nb: dict[str, Any], policy: str, max_output_bytes: int) -> dict[str, Any]:
    """`nb` after the policy (in place; the caller passes its own copy)."""
    check_policy(policy)
    if policy == "keep":
        return nb
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        if policy == "strip":
            cell["outputs"] = []
            cell["execution_count"] = None
            continue
        kept = []
        for output in cell.get("outputs", []):
            size = len(canonical(output))
            kept.append(output if size <= max_output_bytes else _dropped_note(size))
        cell["outputs"] = kept
    return nb
