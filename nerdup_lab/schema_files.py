"""Find the files of the top-level `schema/` folder, in a checkout and in a wheel.

The canonical files live in `schema/` at the top of the repository; the wheel ships a copy
as `nerdup_lab/schema/` (a hatch force-include), so both places are tried.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def schema_path(*parts: str) -> Path:
    """The path of `schema/<parts...>`, wherever this copy of nerdup-lab keeps it."""
    for root in (_PACKAGE / "schema", _PACKAGE.parent / "schema"):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"schema/{'/'.join(parts)} is missing from this installation.")
