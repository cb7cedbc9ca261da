"""A real JupyterHub on this machine, with the nerdup service: for `make hub` and tests/hub.

DummyAuthenticator (any password), SimpleLocalProcessSpawner, configurable-http-proxy
from `hub/node_modules`, every path absolute and every port free at start. The nerdup
service is either managed by the Hub (a `command`) or external (`url` + `api_token`,
started by whoever builds the hub, as the tests do to restart it).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHP = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
BIN = Path(sys.executable).parent
USERS = ("alice", "bob", "carol")
SERVICE = "nerdup"
ADMIN_SERVICE = "nerdup-admin"  # a token for scripts and tests: start servers, mint tokens


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class LocalHub:
    workdir: Path
    db_url: str  # the nerdup database
    managed: bool = True
    port: int = field(default_factory=free_port)
    hub_port: int = field(default_factory=free_port)
    proxy_api_port: int = field(default_factory=free_port)
    service_port: int = field(default_factory=free_port)
    service_token: str = field(default_factory=lambda: secrets.token_hex(16))
    admin_token: str = field(default_factory=lambda: secrets.token_hex(16))
    # user -> nerdup URL for that user's server (default: the service through the proxy)
    hub_url_for: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        """The service through the proxy, as single-user servers reach it."""
        return f"{self.url}/services/{SERVICE}/"

    def service_command(self, port: int | None = None) -> list[str]:
        cmd = [sys.executable, "-m", "nerdup_lab.cli", "hub", f"--NerdUp.db_url={self.db_url}"]
        return [*cmd, f"--port={port}"] if port is not None else cmd

    def service_env(self, port: int) -> dict[str, str]:
        """Environment of an external service process (what the Hub gives a managed one)."""
        return {
            **os.environ,
            "JUPYTERHUB_SERVICE_NAME": SERVICE,
            "JUPYTERHUB_API_TOKEN": self.service_token,
            "JUPYTERHUB_API_URL": f"http://127.0.0.1:{self.hub_port}/hub/api",
            "JUPYTERHUB_SERVICE_PREFIX": f"/services/{SERVICE}/",
            "JUPYTERHUB_SERVICE_URL": f"http://127.0.0.1:{port}/services/{SERVICE}/",
        }

    def config(self) -> str:
        service: dict[str, object] = {
            "name": SERVICE,
            "url": f"http://127.0.0.1:{self.service_port}",
            "api_token": self.service_token,
            "display": True,
        }
        if self.managed:
            service["command"] = self.service_command()
        values = {
            "workdir": str(self.workdir),
            "users": list(USERS),
            "service": service,
            "admin_service": {"name": ADMIN_SERVICE, "api_token": self.admin_token},
            "access": f"access:services!service={SERVICE}",
            "singleuser": str(BIN / "jupyterhub-singleuser"),
            "chp": str(CHP),
            "url": self.url,
            "hub_port": self.hub_port,
            "proxy_api_port": self.proxy_api_port,
            "default_hub_url": self.service_url,
            "hub_url_for": self.hub_url_for,
        }
        return CONFIG_TEMPLATE.replace("@VALUES@", json.dumps(values, indent=2))

    def start(self, log_name: str = "jupyterhub.log") -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        for user in USERS:
            (self.workdir / "home" / user).mkdir(parents=True, exist_ok=True)
        config = self.workdir / "jupyterhub_config.py"
        config.write_text(self.config())
        log = (self.workdir / log_name).open("ab")
        self.proc = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)],
            cwd=self.workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends proxy and servers too
        )
        self.wait_up(f"{self.url}/hub/health", 60)

    def wait_up(self, url: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited; see {self.workdir}/jupyterhub.log")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise TimeoutError(f"{url} did not answer within {timeout} s")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


CONFIG_TEMPLATE = '''# Written by hub/local_hub.py: a local JupyterHub with the nerdup service.
import json

v = json.loads("""@VALUES@""")
c = get_config()  # noqa: F821

c.JupyterHub.authenticator_class = "dummy"  # any password
c.Authenticator.allowed_users = set(v["users"])
c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner: one process per user
c.SimpleLocalProcessSpawner.home_dir_template = v["workdir"] + "/home/{username}"
c.Spawner.cmd = [v["singleuser"]]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 60

c.JupyterHub.bind_url = v["url"]
c.JupyterHub.public_url = v["url"]
c.JupyterHub.hub_port = v["hub_port"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % v["proxy_api_port"]
c.ConfigurableHTTPProxy.command = [v["chp"]]
c.ConfigurableHTTPProxy.pid_file = v["workdir"] + "/proxy.pid"
c.JupyterHub.pid_file = v["workdir"] + "/jupyterhub.pid"
c.JupyterHub.db_url = "sqlite:///" + v["workdir"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = v["workdir"] + "/jupyterhub_cookie_secret"

# The nerdup service, and who may use it: every user (extra_user_scopes), with the token
# their own server receives at login (oauth_client_allowed_scopes) and with the server's
# own token, which reads the live event stream (server_token_scopes).
c.JupyterHub.services = [v["service"], v["admin_service"]]
c.JupyterHub.extra_user_scopes = {v["access"]}
c.Spawner.oauth_client_allowed_scopes = [v["access"]]
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", v["access"]]
c.JupyterHub.load_roles = [
    {"name": "admin", "services": [v["admin_service"]["name"]]},
    # The service reads JupyterHub groups to import their members (never writes them).
    {
        "name": "nerdup-service",
        "scopes": ["read:groups", "list:groups"],
        "services": [v["service"]["name"]],
    },
]


def nerdup_url(spawner):
    """Each server talks to the nerdup service (tests point some users at a replica)."""
    url = v["hub_url_for"].get(spawner.user.name, v["default_hub_url"])
    spawner.args = ["--allow-root", "--NerdUp.hub_url=" + url]


c.Spawner.pre_spawn_hook = nerdup_url
'''
