"""User-facing configuration: every option lives on one traitlets class, `c.NerdUp.*`.

The server extension, the hub service and the `jupyter nerdup` command line all read
this same class, so one config file serves all three.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlparse

from jupyter_core.paths import jupyter_data_dir
from traitlets import Bool, Float, Int, Unicode, default
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
            "Base URL of the nerdup hub service, e.g. http://127.0.0.1:8000/services/nerdup/. "
            "When set, the extension runs in JupyterHub mode and forwards every call to the "
            "service. Default: empty (embedded mode), unless `hub_service_name` is set inside a "
            "single-user server, then <public hub origin><hub base URL>services/<name>/ from "
            "$JUPYTERHUB_PUBLIC_HUB_URL and $JUPYTERHUB_BASE_URL (JupyterHub sets both when "
            "c.JupyterHub.public_url is configured)."
        ),
    ).tag(config=True)

    @default("hub_url")
    def _default_hub_url(self) -> str:
        return derived_hub_url(self.hub_service_name, os.environ)

    hub_request_timeout = Float(
        30.0,
        help=(
            "JupyterHub mode: seconds a user's server waits on the nerdup hub service (to "
            "connect, to send, for the answer, for a free connection) before it answers the "
            "lab 503 'not reachable'. Raise it if commits of very large notebooks time out."
        ),
    ).tag(config=True)

    hub_max_connections = Int(
        20,
        help=(
            "JupyterHub mode: connections a user's server keeps open to the nerdup hub "
            "service at most (kept alive and reused). Requests beyond it wait for a free one, "
            "up to hub_request_timeout. The live-update stream has its own connection."
        ),
    ).tag(config=True)

    hub_service_name = Unicode(
        "",
        help=(
            "Name of the nerdup service in c.JupyterHub.services. Setting it in the "
            "single-user servers' config turns JupyterHub mode on with `hub_url` derived from "
            "the environment; leave it empty and set `hub_url` to point elsewhere."
        ),
    ).tag(config=True)

    db_threads = Int(
        8,
        help=(
            "Threads of the executor that runs database work (its own, not the event loop's "
            "default one). PostgreSQL: keep db_pool_size at least this large."
        ),
    ).tag(config=True)

    db_pool_size = Int(
        8,
        help=(
            "PostgreSQL: connections kept open to the database (SQLAlchemy pool_size; up to "
            "as many again are opened under a burst). Ignored for SQLite."
        ),
    ).tag(config=True)

    upgrade_db = Bool(
        None,
        allow_none=True,
        help=(
            "Upgrade a database at an older schema when the server starts (as "
            "JupyterHub.upgrade_db). Default: on in embedded mode, off for the JupyterHub "
            "service. Off and the schema is old: start-up is refused with the command to run "
            "(`jupyter nerdup db upgrade`). An SQLite file is backed up next to itself before "
            "it is upgraded. An empty database is always created."
        ),
    ).tag(config=True)

    public_pages = Bool(
        False,
        help=(
            "Serve read-only public pages of open groups without login. In JupyterHub mode "
            "the nerdup service serves them and reads this option from its own config; "
            "users' servers redirect there."
        ),
    ).tag(config=True)

    lab_username = Unicode(
        "",
        help=(
            "Embedded mode: the username of the lab's single user, the same person in every "
            "browser and for every token-authenticated script. Default: the OS account. Its "
            "display name and avatar colour are set in the lab's profile dialog."
        ),
    ).tag(config=True)

    stale_after_days = Int(
        14,
        help=(
            "A milestone that is not done and has had no activity for this many days is "
            "listed as stale in the mentors' overview."
        ),
    ).tag(config=True)


def derived_hub_url(service_name: str, env: Mapping[str, str]) -> str:
    """The service's URL through the Hub's proxy, as a single-user server can know it.

    Only with an explicit service name: a bare `JUPYTERHUB_*` environment says that a hub
    runs, not that it runs a nerdup service. Empty when the public hub URL is unknown.
    """
    public = urlparse(env.get("JUPYTERHUB_PUBLIC_HUB_URL", ""))
    if not service_name or not public.scheme or not public.netloc:
        return ""
    base = env.get("JUPYTERHUB_BASE_URL", "/")
    base = base if base.endswith("/") else base + "/"
    return f"{public.scheme}://{public.netloc}{base}services/{service_name}/"
