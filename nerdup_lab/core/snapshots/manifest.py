"""A notebook as content-addressed pieces plus a manifest that puts them back in order.

Pieces (each one blob, stored once by hash):
- per cell, its *source* part (cell type, source, attachments) and its metadata;
- per output, the output without its execution count;
- the notebook metadata.

The manifest lists, per cell: id, type, source hash, metadata hash, execution count,
output references and, only when a piece was sent in another form than its canonical one
(a list of lines, a wrapped image: see `canonical.flatten`), its form codes. Execution
counts live in the manifest, not in the blobs, so re-running a notebook does not make
every output a new blob, and a comparison can ignore them while the snapshot keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .canonical import flatten_output, flatten_source, hash_value, unflatten, unflatten_output
from .policy import dropped_note

# Keys of a cell that the manifest holds itself rather than the source blob.
OWN_KEYS = ("id", "metadata", "execution_count", "outputs")

# [id, cell_type, src_hash, meta_hash, execution_count, outputs|None, forms?]
# forms (only when not empty): {"s": source code, "o": {output index: {field: code}}}.
Entry = list[Any]


@dataclass
class Pieces:
    """What committing a notebook needs: its manifest and every blob it refers to."""

    manifest: dict[str, Any]
    blobs: dict[str, tuple[bytes, Any]] = field(default_factory=dict)

    def add(self, value: Any) -> str:
        h, data = hash_value(value)
        if h not in self.blobs:
            self.blobs[h] = (data, value)
        return h


def split_notebook(nb: dict[str, Any], max_output_bytes: int | None = None) -> Pieces:
    """Cut a normalised notebook into blobs and a manifest.

    With `max_output_bytes`, outputs larger than that are replaced by a note (the
    'drop_large' policy), measured on the canonical bytes computed here anyway.
    """
    pieces = Pieces(manifest={})
    entries: list[Entry] = []
    for cell in nb["cells"]:
        src, src_form = flatten_source({k: v for k, v in cell.items() if k not in OWN_KEYS})
        src_hash = pieces.add(src)
        forms: dict[str, Any] = {"s": src_form} if src_form else {}
        meta_hash = pieces.add(cell.get("metadata", {}))
        if cell.get("cell_type") == "code":
            refs = []
            for n, output in enumerate(cell.get("outputs", [])):
                rest, codes = flatten_output(
                    {k: v for k, v in output.items() if k != "execution_count"}
                )
                h, data = hash_value(rest)
                if max_output_bytes is not None and len(data) > max_output_bytes:
                    h, data = hash_value(rest := dropped_note(len(data)))
                    output, codes = rest, {}
                if codes:
                    forms.setdefault("o", {})[str(n)] = codes
                pieces.blobs.setdefault(h, (data, rest))
                if "execution_count" in output:
                    refs.append([h, output["execution_count"]])
                else:
                    refs.append([h])
            entry = [cell.get("id"), "code", src_hash, meta_hash, cell.get("execution_count"), refs]
        else:
            entry = [cell.get("id"), cell.get("cell_type"), src_hash, meta_hash, None, None]
        if forms:
            entry.append(forms)
        entries.append(entry)
    pieces.manifest = {
        "nbformat": nb["nbformat"],
        "nbformat_minor": nb["nbformat_minor"],
        "metadata": pieces.add(nb.get("metadata", {})),
        "cells": entries,
    }
    return pieces


def manifest_refs(manifest: dict[str, Any]) -> list[str]:
    """Every blob reference of a manifest, repeats included (for sizes)."""
    found = [manifest["metadata"]]
    for entry in manifest["cells"]:
        found.append(entry[2])
        found.append(entry[3])
        found.extend(ref[0] for ref in entry[5] or ())
    return found


def manifest_hashes(manifest: dict[str, Any]) -> set[str]:
    """Every blob hash a manifest refers to."""
    return set(manifest_refs(manifest))


def build_cell(entry: Entry, blobs: dict[str, Any]) -> dict[str, Any]:
    """One cell of a notebook from its manifest entry and the decoded blobs."""
    cell_id, cell_type, src_hash, meta_hash, count, refs = entry[:6]
    forms: dict[str, Any] = entry[6] if len(entry) > 6 else {}
    cell: dict[str, Any] = dict(blobs[src_hash])
    if "s" in forms:
        cell["source"] = unflatten(cell["source"], forms["s"])
    if cell_id is not None:
        cell["id"] = cell_id
    cell["metadata"] = blobs[meta_hash]
    if cell_type == "code":
        cell["execution_count"] = count
        outputs = []
        out_forms = forms.get("o", {})
        for n, ref in enumerate(refs):
            output = dict(blobs[ref[0]])
            if str(n) in out_forms:
                output = unflatten_output(output, out_forms[str(n)])
            if len(ref) > 1:
                output["execution_count"] = ref[1]
            outputs.append(output)
        cell["outputs"] = outputs
    return cell


def build_notebook(manifest: dict[str, Any], blobs: dict[str, Any]) -> dict[str, Any]:
    """The notebook a manifest describes; `blobs` maps hash to decoded JSON value."""
    return {
        "cells": [build_cell(entry, blobs) for entry in manifest["cells"]],
        "metadata": blobs[manifest["metadata"]],
        "nbformat": manifest["nbformat"],
        "nbformat_minor": manifest["nbformat_minor"],
    }
