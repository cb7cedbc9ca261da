"""JupyterHub mode: what forwarding through a user's server costs, on a real local Hub.

A JupyterHub (hub/local_hub.py, the same as `make hub`) with the nerdup service on SQLite
and alice's single-user server. Side by side, over keep-alive HTTP through the Hub's proxy:

- a small read (`GET /groups`) sent to alice's server, which forwards it with her token,
  and the same read sent to the service directly;
- a commit of a ~1 MB notebook through alice's server (it reads the saved file and sends
  it on) and the same commit sent to the service directly with the notebook in the body.

The ratio of each pair is the price of the hub mode's one extra hop.
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from latency import bench_notebook
from notebooks import edit_one

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hub"))

from local_hub import CHP, LocalHub  # noqa: E402

from nerdup_lab.core.snapshots.export_git import notebook_text  # noqa: E402

WARMUP = 3
ROUNDS = 30
API = "nerdup/api/v1"


class _Client:
    """Keep-alive JSON requests to the Hub's proxy with one token."""

    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body) if body is not None else None
        self.conn.request(method, path, body=data, headers=self.headers)
        reply = self.conn.getresponse()
        raw = reply.read()
        try:
            return reply.status, json.loads(raw) if raw else None
        except ValueError:
            return reply.status, raw.decode("utf-8", "replace")[:200]

    def timed(self, method: str, path: str, body: Any = None, expect: int = 200) -> float:
        start = time.perf_counter()
        status, answer = self.call(method, path, body)
        elapsed = time.perf_counter() - start
        if status != expect:
            raise RuntimeError(f"{method} {path}: {status} {answer}")
        return elapsed


def _percentiles(times: list[float]) -> tuple[float, float]:
    measured = sorted(times[WARMUP:])
    p95 = measured[min(len(measured) - 1, round(0.95 * (len(measured) - 1)))]
    return round(statistics.median(measured) * 1000, 1), round(p95 * 1000, 1)


def _start_alice(hub: LocalHub) -> str:
    """Alice's token, with her server running."""
    admin = _Client(int(hub.url.rsplit(":", 1)[1]), hub.admin_token)
    status, made = admin.call("POST", "/hub/api/users/alice/tokens", {"note": "bench"})
    if status != 201:
        raise RuntimeError(f"could not mint alice's token: {status} {made}")
    admin.call("POST", "/hub/api/users/alice/server")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        _, model = admin.call("GET", "/hub/api/users/alice")
        if model["servers"].get("", {}).get("ready"):
            return str(made["token"])
        time.sleep(0.3)
    raise RuntimeError(f"alice's server did not start; see {hub.workdir}")


def run_hub_latency(log: Callable[[str], None]) -> dict[str, Any]:
    if not CHP.exists():
        raise RuntimeError(f"configurable-http-proxy missing: run `cd hub && jlpm install` ({CHP})")
    nb = bench_notebook()
    size = len(notebook_text(nb).encode())
    with tempfile.TemporaryDirectory(prefix="nerdup-bench-hub-") as name:
        work = Path(name)
        hub = LocalHub(workdir=work, db_url=f"sqlite:///{work / 'nerdup.sqlite'}")
        hub.start()
        try:
            client = _Client(int(hub.url.rsplit(":", 1)[1]), _start_alice(hub))
            server = f"/user/alice/{API}"
            service = f"/services/nerdup/{API}"
            status, group = client.call("POST", f"{server}/groups", {"title": "Bench"})
            if status != 201:
                raise RuntimeError(f"could not create the group: {status} {group}")
            reads: dict[str, list[float]] = {"via_server": [], "direct": []}
            for _ in range(WARMUP + ROUNDS):
                reads["via_server"].append(client.timed("GET", f"{server}/groups"))
                reads["direct"].append(client.timed("GET", f"{service}/groups"))
            commits: dict[str, list[float]] = {"via_server": [], "direct": []}
            snapshots = f"/groups/{group['id']}/snapshots"
            contents = f"/user/alice/api/contents/{quote('bench.ipynb')}"
            for k in range(WARMUP + ROUNDS):
                nb = edit_one(nb, k + 1)
                saved = {"type": "notebook", "format": "json", "content": nb}
                status, _ = client.call("PUT", contents, saved)
                if status not in (200, 201):
                    raise RuntimeError(f"could not save the notebook: {status}")
                body = {"path": "bench.ipynb", "message": f"round {k}"}
                commits["via_server"].append(
                    client.timed("POST", f"{server}{snapshots}", body, expect=201)
                )
                direct = {**body, "notebook": nb}
                commits["direct"].append(
                    client.timed("POST", f"{service}{snapshots}", direct, expect=201)
                )
        finally:
            hub.stop()
    result: dict[str, Any] = {"notebook_bytes": size, "rounds": ROUNDS}
    for what, times in (("read", reads), ("commit", commits)):
        via_p50, via_p95 = _percentiles(times["via_server"])
        direct_p50, direct_p95 = _percentiles(times["direct"])
        result[what] = {
            "via_server_p50_ms": via_p50,
            "via_server_p95_ms": via_p95,
            "direct_p50_ms": direct_p50,
            "direct_p95_ms": direct_p95,
            "overhead_ratio_p50": round(via_p50 / direct_p50, 2),
        }
        log(
            f"  {what:6}: through alice's server p50 {via_p50} ms, p95 {via_p95} ms; "
            f"straight to the service p50 {direct_p50} ms, p95 {direct_p95} ms "
            f"(x{result[what]['overhead_ratio_p50']})"
        )
    return result
