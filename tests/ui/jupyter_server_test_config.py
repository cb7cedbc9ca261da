"""JupyterLab server for the browser tests: Galata's settings, a throw-away database and
root dir. The lab extension is the one `make install` linked into .venv from this checkout."""

import os
import tempfile
from pathlib import Path

from jupyterlab.galata import configure_jupyter_server

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file
configure_jupyter_server(c)

RUN = Path(tempfile.mkdtemp(prefix="nerdup-ui-"))

c.ServerApp.port = int(os.environ.get("NERDUP_UI_PORT", "8888"))
c.ServerApp.allow_root = True
c.ServerApp.root_dir = str(RUN / "work")
(RUN / "work").mkdir()
c.ServerApp.jpserver_extensions = {"nerdup_lab": True}
c.NerdUp.db_url = os.environ.get("NERDUP_UI_DB_URL", f"sqlite:///{RUN / 'nerdup.sqlite'}")
