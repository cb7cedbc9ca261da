"""Synthetic notebooks for the benchmark: code, markdown, text outputs, DataFrame HTML
tables and PNG plots, with the edits the benchmark pairs need. Seeded, so every run
measures the same bytes."""

from __future__ import annotations

import base64
import copy
import random
import struct
import uuid
import zlib
from typing import Any

WORDS = [
    "data",
    "frame",
    "model",
    "train",
    "test",
    "split",
    "mean",
    "median",
    "plot",
    "feature",
    "column",
    "row",
    "value",
    "group",
    "sample",
    "score",
    "error",
    "loss",
    "fit",
    "predict",
    "print",
    "result",
    "table",
    "index",
    "label",
]


def _line(rng: random.Random) -> str:
    name = rng.choice(WORDS) + "_" + rng.choice(WORDS)
    return f"{name} = {rng.choice(WORDS)}({rng.randint(0, 999)}, {rng.choice(WORDS)!r})"


def dataframe_html(rng: random.Random, rows: int = 60) -> tuple[str, str]:
    """(text/html, text/plain) like pandas renders a 60-row, 5-column DataFrame."""
    cols = ["a", "b", "c", "d", "e"]
    head = "".join(f"<th>{c}</th>" for c in cols)
    body, plain = [], ["    " + "         ".join(cols)]
    for r in range(rows):
        vals = [f"{rng.gauss(0, 1):.6f}" for _ in cols]
        body.append(f"<tr><th>{r}</th>" + "".join(f"<td>{v}</td>" for v in vals) + "</tr>")
        plain.append(f"{r:<4}" + "  ".join(vals))
    html = (
        '<div>\n<table border="1" class="dataframe">\n<thead><tr style="text-align: right;">'
        f"<th></th>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"
        f"<p>{rows} rows x {len(cols)} columns</p>\n</div>"
    )
    return html, "\n".join(plain)


def png(rng: random.Random, width: int = 360, height: int = 240) -> bytes:
    """A plot-like PNG: white background, a noisy random-walk line, a noisy band."""
    rows = []
    y = height // 2
    for _ in range(height):
        row = bytearray(b"\xff" * width)
        for k in range(0, width, 3):
            if rng.random() < 0.35:
                row[k] = rng.randint(0, 255)
        rows.append(row)
    for x in range(width):
        y = max(1, min(height - 2, y + rng.randint(-3, 3)))
        for dy in (-1, 0, 1):
            rows[y + dy][x] = 40
    raw = b"".join(b"\x00" + bytes(r) for r in rows)

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _cell_id(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128)).hex[:8]


def make_notebook(
    cells: int,
    *,
    outputs: bool = True,
    ids: bool = True,
    seed: int = 1,
    images: int = 0,
    dataframe_every: int = 10,
) -> dict[str, Any]:
    """A notebook of `cells` cells (every 4th markdown); `images` cells carry a PNG."""
    rng = random.Random(seed)
    nb: dict[str, Any] = {
        "cells": [],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.2"},
        },
        "nbformat": 4,
        "nbformat_minor": 5 if ids else 4,
    }
    count = 0
    image_at = set(rng.sample(range(cells), images)) if images else set()
    for i in range(cells):
        cell: dict[str, Any]
        if i % 4 == 0 and i not in image_at:
            text = f"## Step {i}\n\n" + " ".join(rng.choice(WORDS) for _ in range(25))
            cell = {"cell_type": "markdown", "metadata": {}, "source": text}
        else:
            count += 1
            src = "\n".join(_line(rng) for _ in range(rng.randint(3, 8)))
            cell = {
                "cell_type": "code",
                "execution_count": count if outputs else None,
                "metadata": {},
                "outputs": [],
                "source": src,
            }
            if outputs:
                cell["outputs"] = _outputs(rng, i, count, i in image_at, dataframe_every)
        if ids:
            cell["id"] = _cell_id(rng)
        nb["cells"].append(cell)
    return nb


def _outputs(
    rng: random.Random, i: int, count: int, image: bool, dataframe_every: int
) -> list[dict[str, Any]]:
    if image:
        data = base64.b64encode(png(rng)).decode("ascii")
        return [
            {
                "output_type": "display_data",
                "data": {"image/png": data, "text/plain": "<Figure size 640x480 with 1 Axes>"},
                "metadata": {},
            }
        ]
    if dataframe_every and i % dataframe_every == 1:
        html, plain = dataframe_html(rng)
        return [
            {
                "output_type": "execute_result",
                "execution_count": count,
                "data": {"text/html": html, "text/plain": plain},
                "metadata": {},
            }
        ]
    return [{"output_type": "stream", "name": "stdout", "text": f"step {i}: {rng.random():.4f}\n"}]


def edit_one(nb: dict[str, Any], k: int = 0) -> dict[str, Any]:
    """A copy with one source line changed, in a cell chosen by `k`."""
    new = copy.deepcopy(nb)
    code = [c for c in new["cells"] if c["cell_type"] == "code"]
    cell = code[(len(code) // 2 + 7 * k) % len(code)]
    lines = cell["source"].split("\n")
    lines[0] = lines[0] + f"  # edit {k}"
    cell["source"] = "\n".join(lines)
    return new


def regenerate_ids(nb: dict[str, Any], seed: int = 99) -> dict[str, Any]:
    new = copy.deepcopy(nb)
    rng = random.Random(seed)
    for cell in new["cells"]:
        cell["id"] = _cell_id(rng)
    return new


def run_all(nb: dict[str, Any], seed: int) -> dict[str, Any]:
    """A copy as after "Run All": new execution counts, regenerated tables and images."""
    new = copy.deepcopy(nb)
    rng = random.Random(seed)
    count = seed * 1000
    for cell in new["cells"]:
        if cell["cell_type"] != "code":
            continue
        count += 1
        cell["execution_count"] = count
        for out in cell["outputs"]:
            if "execution_count" in out:
                out["execution_count"] = count
            data = out.get("data", {})
            if "text/html" in data:
                data["text/html"], data["text/plain"] = dataframe_html(rng)
            if "image/png" in data:
                data["image/png"] = base64.b64encode(png(rng)).decode("ascii")
    return new
