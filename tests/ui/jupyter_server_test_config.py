"""JupyterLab server for the browser tests: Galata's settings, a throw-away database and
root dir. The lab extension is the one `make install` linked into .venv from this checkout."""

import os
import tempfile
from pathlib import Path

from jupyter_server.auth.identity import PasswordIdentityProvider, User
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
c.NerdUp.data_dir = str(RUN / "nerdup")
# The public index and group pages, reached from the Showcase (learningclub.spec.ts).
c.NerdUp.public_pages = True


class TeammateIdentityProvider(PasswordIdentityProvider):
    """jupyter-server's own behaviour (each browser context a fresh anonymous user, so the
    suites do not see each other's groups as their own), and a teammate named by the
    X-Nerdup-Test-User header. Being another class than the default, nerdup keeps it instead
    of installing its one-person provider (tests/test_lab_identity.py covers that one)."""

    async def get_user(self, handler):  # type: ignore[no-untyped-def]
        user = await super().get_user(handler)
        name = handler.request.headers.get("X-Nerdup-Test-User")
        if user is None or not name:
            return user
        return User(username=name, name=name.title(), display_name=name.title())


c.ServerApp.identity_provider_class = TeammateIdentityProvider
