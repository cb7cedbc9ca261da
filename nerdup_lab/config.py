"""User-facing configuration: every option lives on one traitlets class, `c.NerdUp.*`.

The server extension, the hub service and the `jupyter nerdup` command line all read
this same class, so one config file serves all three.
"""

from __future__ import annotations

from pathlib import Path

from jupyter_core.paths import jupyter_data_dir
from traitlets import Bool, Int, Unicode, default
from traitlets.config import Configurable

MB = 1024 * 1024


class NerdUp(Configurable):
    """Settings of nerdup-lab (`c.NerdUp.<option>` in any Jupyter config file)."""

    db_url = Unicode(
        help=(
            "SQLAlchemy URL of the nerdup database. Defaults to a SQLite file "
            "`nerdup.sqlite` in the Jupyter data directory. PostgreSQL example: "
            "postgresql+psycopg://user@host/dbname"
        ),
    ).tag(config=True)

    @default("db_url")
    def _default_db_url(self) -> str:
        return f"sqlite:///{Path(self.data_dir) / 'nerdup.sqlite'}"

    data_dir = Unicode(
        help="Folder for nerdup's own files (the default SQLite database lives here).",
    ).tag(config=True)

    @default("data_dir")
    def _default_data_dir(self) -> str:
        return str(Path(jupyter_data_dir()) / "nerdup")

    max_snapshot_bytes = Int(
        25 * MB,
        help="Largest notebook (in bytes, as saved) that can be committed as a snapshot.",
    ).tag(config=True)

    max_output_bytes = Int(
        1 * MB,
        help="Default size above which the 'drop large outputs' policy removes an output.",
    ).tag(config=True)

    hub_url = Unicode(
        help=(
            "Base URL of the nerdup hub service. When set, the extension runs in JupyterHub "
            "mode and forwards every call to the service. Defaults from the environment a "
            "JupyterHub sets (empty outside a hub)."
        ),
    ).tag(config=True)

    seed_demo = Bool(
        False,
        help="Seed the demo community into an empty database at start-up.",
    ).tag(config=True)

    public_pages = Bool(
        False,
        help="Serve read-only public pages of open groups without login.",
    ).tag(config=True)
