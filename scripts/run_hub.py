"""`make hub`: a real local JupyterHub with the nerdup service, users alice, bob and carol.

Any password logs in (DummyAuthenticator). The nerdup database is SQLite in a data folder
(default `hub/data/`, or the first argument); Ctrl-C stops everything.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hub"))

from local_hub import CHP, USERS, LocalHub  # noqa: E402


def main() -> int:
    workdir = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "hub" / "data").resolve()
    if not CHP.exists():
        print(f"configurable-http-proxy is missing: run `cd hub && jlpm install` ({CHP})")
        return 1
    hub = LocalHub(workdir=workdir, db_url=f"sqlite:///{workdir / 'nerdup.sqlite'}")
    print(f"Starting JupyterHub in {workdir} (log: {workdir / 'jupyterhub.log'}) ...")
    hub.start()
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
