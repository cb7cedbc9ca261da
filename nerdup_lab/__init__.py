"""nerdup-lab: a study-group hub inside JupyterLab."""

from typing import Any

try:
    from ._version import __version__
except ImportError:  # pragma: no cover - only in a checkout that was never built
    import warnings

    warnings.warn(
        "Importing 'nerdup_lab' outside a proper installation; run `make install`.", stacklevel=2
    )
    __version__ = "dev"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    # The build writes the lab extension to the top-level `labextension/` folder
    # (see package.json "jupyterlab.outputDir"); `jupyter labextension develop`
    # resolves this path relative to the package directory.
    return [{"src": "../labextension", "dest": "nerdup-lab"}]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    from .app import NerdUpExtension

    return [{"module": "nerdup_lab", "app": NerdUpExtension}]
