"""`make hub`: a real local JupyterHub with the nerdup service, users alice, bob and carol.

Any password logs in (DummyAuthenticator). The nerdup database is SQLite in a data folder
(default `hub/data/`); Ctrl-C stops everything. `--seed` starts alice's server and gives her
a study group with bob in it and one free task (the browser test uses it); `--port` fixes
the Hub's port.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hub"))

from local_hub import CHP, USERS, LocalHub, free_port  # noqa: E402

SEED_GROUP = "Hub demo: house prices"
SEED_TASK = "Plot the prices"
# A JupyterHub group (managed by the Hub, not by nerdup) the study group can import from.
SEED_HUB_GROUP = "cohort-2026"


def request(method: str, url: str, token: str, body: object = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=60) as response:
        raw = response.read()
    return json.loads(raw) if raw else None


def seed(hub: LocalHub) -> None:
    """A group of alice's with bob in it, made through the service; a JupyterHub group
    with bob and carol; alice's server running."""
    api = f"{hub.url}/hub/api"
    tokens = {}
    for user in ("alice", "bob"):
        made = request("POST", f"{api}/users/{user}/tokens", hub.admin_token, {"note": "seed"})
        tokens[user] = made["token"]  # type: ignore[index]
    nerdup = f"{hub.service_url}nerdup/api/v1"
    group = request("POST", f"{nerdup}/groups", tokens["alice"], {"title": SEED_GROUP})
    gid = group["id"]  # type: ignore[index]
    request("POST", f"{nerdup}/groups/{gid}/members", tokens["bob"], {})
    explore = request(
        "POST", f"{nerdup}/groups/{gid}/milestones", tokens["alice"], {"title": "Explore"}
    )
    # A free task of the current stage: what a newcomer's work loop claims.
    request(
        "POST",
        f"{nerdup}/milestones/{explore['id']}/tasks",  # type: ignore[index]
        tokens["alice"],
        {"title": SEED_TASK},
    )
    request("POST", f"{api}/groups/{SEED_HUB_GROUP}", hub.admin_token)
    request(
        "POST", f"{api}/groups/{SEED_HUB_GROUP}/users", hub.admin_token, {"users": ["bob", "carol"]}
    )
    request("POST", f"{api}/users/alice/server", hub.admin_token)
    for _ in range(180):
        model = request("GET", f"{api}/users/alice", hub.admin_token)
        if model["servers"].get("", {}).get("ready"):  # type: ignore[index]
            return
        time.sleep(0.5)
    raise TimeoutError("alice's server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", default=str(REPO / "hub" / "data"))
    parser.add_argument("--port", type=int, default=0, help="the Hub's port (default: free)")
    parser.add_argument("--seed", action="store_true", help="a group for alice, her server up")
    args = parser.parse_args()
    workdir = Path(args.data).resolve()
    if not CHP.exists():
        print(f"configurable-http-proxy is missing: run `cd hub && jlpm install` ({CHP})")
        return 1
    hub = LocalHub(
        workdir=workdir,
        db_url=f"sqlite:///{workdir / 'nerdup.sqlite'}",
        port=args.port or free_port(),
    )
    print(f"Starting JupyterHub in {workdir} (log: {workdir / 'jupyterhub.log'}) ...", flush=True)
    hub.start()
    if args.seed:
        seed(hub)
    print(f"\nJupyterHub with nerdup is up: {hub.url}/hub/login")
    print(f"Users: {', '.join(USERS)} (any password). Nerdup service: {hub.service_url}")
    print("Press Ctrl-C to stop.\n", flush=True)
    stop = False

    def on_signal(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    while not stop and hub.proc is not None and hub.proc.poll() is None:
        time.sleep(0.5)
    hub.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
