"""Small notebooks for the rhythm tests."""

from __future__ import annotations

import base64
from typing import Any

# A real 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def notebook() -> dict[str, Any]:
    def code(cid: str, source: str, outputs: list[Any], tags: list[str] | None = None) -> Any:
        return {
            "cell_type": "code", "id": cid, "source": source, "execution_count": 1,
            "metadata": {"tags": tags or []}, "outputs": outputs,
        }  # fmt: skip

    def stream(text: str) -> Any:
        return {"output_type": "stream", "name": "stdout", "text": text}

    image = {
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(PNG).decode(), "text/plain": "<Figure>"},
        "metadata": {},
    }
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"language_info": {"name": "python"}},
        "cells": [
            {
                "cell_type": "markdown",
                "id": "intro",
                "metadata": {},
                "source": "# Fine food\nWhat we found.",
            },
            code("load", "df = load_secret_source()", [stream("loaded 10 rows\n")], ["hide-input"]),
            code("plot", "df.plot()", [image]),
            code("scratch", "scratch_work()", [], ["remove-cell"]),
            code("noisy", "noisy()", [stream("noisy output\n")], ["hide-output"]),
        ],
    }
