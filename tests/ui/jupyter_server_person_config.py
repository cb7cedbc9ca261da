"""The one-person lab of the work-loop walk (tests/workloop.spec.ts): nerdup's own identity
provider behind a token, as `make lab` runs it. No test header: every browser context that
logs in with the token is the same person, `sam`, whose profile nerdup stores."""

import os
import tempfile
from pathlib import Path

from jupyterlab.galata import configure_jupyter_server

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file
configure_jupyter_server(c)

RUN = Path(tempfile.mkdtemp(prefix="nerdup-ui-person-"))

c.ServerApp.port = int(os.environ["NERDUP_UI_PERSON_PORT"])
c.ServerApp.allow_root = True
c.ServerApp.root_dir = str(RUN / "work")
(RUN / "work").mkdir()
# Galata's configuration turns authentication off; a person logs in with the token here.
c.IdentityProvider.token = os.environ["NERDUP_UI_PERSON_TOKEN"]
c.ServerApp.jpserver_extensions = {"nerdup_lab": True}
c.NerdUp.db_url = os.environ["NERDUP_UI_PERSON_DB_URL"]
c.NerdUp.data_dir = str(RUN / "nerdup")
c.NerdUp.lab_username = "sam"
