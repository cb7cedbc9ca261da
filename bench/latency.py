"""Commit latency through the real HTTP API: a jupyter-server with the extension, started
in a subprocess on a free port with a token, and a ~1 MB notebook saved in its workspace.

Each round changes one line of the notebook on disk (as a save from the editor would),
then times `POST /nerdup/api/v1/groups/{id}/snapshots` end to end over HTTP (keep-alive).
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from notebooks import edit_one, make_notebook

from nerdup_lab.core.snapshots.export_git import notebook_text

WARMUP = 3
ROUNDS = 30
TARGET_BYTES = 1_000_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_notebook() -> dict[str, Any]:
    cells = 600
    while True:
        nb = make_notebook(cells, seed=11)
        if len(notebook_text(nb).encode()) >= TARGET_BYTES:
            return nb
        cells += 40


class _Client:
    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}

        # A token-authenticated client is an anonymous user whose name lives in a cookie;
        # keep it, or each request is a different person.
        self.cookies: dict[str, str] = {}

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body) if body is not None else None
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=data, headers=headers)
        reply = self.conn.getresponse()
        for header in reply.headers.get_all("Set-Cookie") or []:
            key, _, rest = header.partition("=")
            self.cookies[key] = rest.split(";", 1)[0]
        raw = reply.read()
        return reply.status, json.loads(raw) if raw else None


def _start(tmp: Path, port: int, token: str) -> subprocess.Popen[bytes]:
    config = tmp / "config"
    config.mkdir()
    (tmp / "root").mkdir()
    (config / "jupyter_server_config.json").write_text(
        json.dumps(
            {
                "ServerApp": {
                    "jpserver_extensions": {"nerdup_lab": True},
                    "port": port,
                    "ip": "127.0.0.1",
                    "open_browser": False,
                    "allow_root": True,
                    "root_dir": str(tmp / "root"),
                },
                "IdentityProvider": {"token": token},
                "NerdUp": {"db_url": f"sqlite:///{tmp / 'nerdup.sqlite'}"},
            }
        )
    )
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(tmp / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "jupyter_server"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_ready(port: int, token: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the jupyter server exited during start-up")
        try:
            status, _ = _Client(port, token).call("GET", "/nerdup/api/v1/status")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the jupyter server did not start within 60 s")


def run_latency(log: Callable[[str], None]) -> dict[str, Any]:
    nb = bench_notebook()
    size = len(notebook_text(nb).encode())
    token = secrets.token_hex(16)
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="nerdup-bench-") as name:
        tmp = Path(name)
        proc = _start(tmp, port, token)
        try:
            _wait_ready(port, token, proc)
            client = _Client(port, token)
            client.call("GET", "/nerdup/api/v1/status")
            status, group = client.call("POST", "/nerdup/api/v1/groups", {"title": "Bench"})
            assert status == 201, group
            times = []
            target = tmp / "root" / "bench.ipynb"
            for k in range(WARMUP + ROUNDS):
                nb = edit_one(nb, k + 1)
                target.write_text(notebook_text(nb), encoding="utf-8")
                start = time.perf_counter()
                status, snap = client.call(
                    "POST",
                    f"/nerdup/api/v1/groups/{group['id']}/snapshots",
                    {"path": "bench.ipynb", "message": f"round {k}"},
                )
                times.append(time.perf_counter() - start)
                assert status == 201, snap
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    measured = sorted(times[WARMUP:])
    p50 = statistics.median(measured)
    p95 = measured[min(len(measured) - 1, round(0.95 * (len(measured) - 1)))]
    result = {
        "notebook_bytes": size,
        "cells": len(nb["cells"]),
        "rounds": ROUNDS,
        "first_commit_ms": round(times[0] * 1000, 1),
        "commit_p50_ms": round(p50 * 1000, 1),
        "commit_p95_ms": round(p95 * 1000, 1),
    }
    log(
        f"  {size / 1e6:.2f} MB notebook, {len(nb['cells'])} cells: first commit "
        f"{result['first_commit_ms']} ms; next {ROUNDS} (one line changed each): "
        f"p50 {result['commit_p50_ms']} ms, p95 {result['commit_p95_ms']} ms"
    )
    return result
