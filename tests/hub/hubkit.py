"""Helpers of the hub end-to-end tests: HTTP as a user, the Hub's admin API, the service
process, and a listener on a single-user server's event bus (what the lab subscribes to)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
# How long a wait may take before the test fails: a bound for a broken run, not a latency
# claim (latency is measured by `make bench`), so it is generous for a loaded CI machine.
FAILURE_BOUND = 90.0
sys.path.insert(0, str(REPO / "hub"))

from local_hub import LocalHub, free_port  # noqa: E402

API = "nerdup/api/v1"
ACTIVITY_SCHEMA = "https://events.nerdup-lab.org/activity/v1"
# What `jupyter nerdup hub` logs once it accepts connections (nerdup_lab/cli/hub_command.py).
READY_LINE = b"nerdup hub listening on"


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]


def call(method: str, url: str, token: str | None, body: Any = None, **headers: str) -> Reply:
    data = json.dumps(body).encode() if body is not None else None
    sent = {"Content-Type": "application/json", **headers}
    if token:
        sent["Authorization"] = f"token {token}"
    request = urllib.request.Request(url, method=method, data=data, headers=sent)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw, status, got = response.read(), response.status, dict(response.headers)
    except urllib.error.HTTPError as err:
        raw, status, got = err.read(), err.code, dict(err.headers)
    try:
        parsed: Any = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw.decode("utf-8", "replace")
    return Reply(status, parsed, got)


@dataclass
class Hub:
    """A running LocalHub plus what the tests need from its admin API."""

    local: LocalHub
    tokens: dict[str, str] = field(default_factory=dict)

    def admin(self, method: str, path: str, body: Any = None) -> Reply:
        return call(method, f"{self.local.url}/hub/api/{path}", self.local.admin_token, body)

    def token(self, user: str, scopes: list[str] | None = None) -> str:
        body: dict[str, Any] = {"note": "nerdup hub tests", "expires_in": 3600}
        if scopes is not None:
            body["scopes"] = scopes
        reply = self.admin("POST", f"users/{user}/tokens", body)
        assert reply.status == 201, reply.body
        return str(reply.body["token"])

    def start_server(self, user: str) -> str:
        """Spawn the user's server; return a token of that user once the Hub says the
        server is ready (its spawn progress stream, the signal JupyterHub's own page uses)."""
        if user not in self.tokens:
            self.tokens[user] = self.token(user)
        model = self.admin("GET", f"users/{user}").body
        if model["servers"].get("", {}).get("ready"):
            return self.tokens[user]
        reply = self.admin("POST", f"users/{user}/server")
        # 201: started; 202: starting; 400: a spawn already under way
        assert reply.status in (201, 202, 400), reply.body
        if reply.status != 201:
            self._wait_spawned(user)
        return self.tokens[user]

    def _wait_spawned(self, user: str) -> None:
        url = f"{self.local.url}/hub/api/users/{user}/server/progress"
        request = urllib.request.Request(
            url, headers={"Authorization": f"token {self.local.admin_token}"}
        )
        last: dict[str, Any] = {}
        with urllib.request.urlopen(request, timeout=FAILURE_BOUND) as stream:
            for raw in stream:
                line = raw.decode().strip()
                if not line.startswith("data:"):
                    continue
                last = json.loads(line[len("data:") :])
                if last.get("ready"):
                    return
                assert not last.get("failed"), f"{user}'s server failed to start: {last}"
        raise AssertionError(f"{user}'s server did not start ({last}); see {self.local.workdir}")

    def wait_live(self, *users: str) -> None:
        """Until each user's server has its event stream from the service open (after a
        service restart a server reconnects with backoff, up to ~8 s). The server says so
        only through its status, so this asks it, more and more slowly."""
        for user in users:
            wait_until(
                f"{user}'s server has its event stream from the service open",
                lambda u=user: self.as_user(u, "GET", "/status").body["hub"]["live_updates"],
            )

    def api(self, user: str, server: str | None = None) -> str:
        """Base URL of the nerdup API on `server`'s single-user server (default: user's)."""
        return f"{self.local.url}/user/{server or user}/{API}"

    def as_user(self, user: str, method: str, path: str, body: Any = None, **h: str) -> Reply:
        return call(method, f"{self.api(user)}{path}", self.tokens[user], body, **h)


class ServiceProcess:
    """An external nerdup service process (`url` + `api_token` in the Hub's config)."""

    def __init__(self, hub: LocalHub, port: int, log: Path) -> None:
        self.hub, self.port, self.log = hub, port, log
        self.proc: subprocess.Popen[bytes] | None = None
        # Extra options of the service's command line, e.g. ["--NerdUp.public_pages=True"];
        # they apply from the next start().
        self.args: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/services/nerdup/"

    def start(self) -> None:
        """Start it and return once it says it listens (its readiness line)."""
        self.proc = subprocess.Popen(
            [*self.hub.service_command(self.port), *self.args],
            env=self.hub.service_env(self.port),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        listening = threading.Event()
        threading.Thread(target=self._copy_log, args=(self.proc, listening), daemon=True).start()
        assert listening.wait(FAILURE_BOUND), f"the service did not start; see {self.log}"
        assert self.proc.poll() is None, f"the service exited; see {self.log}"
        health = call("GET", f"{self.url}{API}/health", None)
        assert health.status == 200, health.body

    def _copy_log(self, proc: subprocess.Popen[bytes], listening: threading.Event) -> None:
        """Copies the service's output into its log; `listening` is set at the line that
        says it listens, or when it exits (start() then reports that)."""
        assert proc.stdout is not None
        with self.log.open("ab") as out:
            for line in proc.stdout:
                out.write(line)
                out.flush()
                if READY_LINE in line:
                    listening.set()
        listening.set()

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Stop it; returns its exit status (0: it shut down by itself; killed after the
        failure bound otherwise). How fast it exits is measured by `make bench`."""
        assert self.proc is not None
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(FAILURE_BOUND)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


class EventBus:
    """Listens on a single-user server's `/api/events/subscribe` websocket in a thread and
    keeps the nerdup activity events it receives.

    The server adds its listener before it answers the websocket handshake (tornado calls
    `open()` before the first frame is read), so once `__enter__` returns, every event the
    server emits reaches this bus."""

    def __init__(self, hub: Hub, server: str, token: str) -> None:
        base = hub.local.url.replace("http://", "ws://")
        self.url = f"{base}/user/{server}/api/events/subscribe"
        self.token = token
        self.events: list[dict[str, Any]] = []
        self._arrived = threading.Condition()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self) -> EventBus:
        self._thread.start()
        assert self._ready.wait(FAILURE_BOUND), f"no answer from {self.url}"
        assert self._error is None, f"could not subscribe to {self.url}: {self._error}"
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    async def _run(self) -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        request = HTTPRequest(self.url, headers={"Authorization": f"token {self.token}"})
        try:
            conn = await websocket_connect(request)
        except Exception as err:
            self._error = err
            self._ready.set()
            return
        self._ready.set()
        stop = asyncio.ensure_future(self._stop.wait())
        while True:
            read = asyncio.ensure_future(conn.read_message())
            await asyncio.wait({read, stop}, return_when=asyncio.FIRST_COMPLETED)
            if not read.done():  # asked to stop: nothing is being received now
                read.cancel()
                break
            message = read.result()
            if message is None:
                break
            event = json.loads(message)
            if ACTIVITY_SCHEMA in (event.get("schema_id"), event.get("__schema__")):
                with self._arrived:
                    self.events.append(event)
                    self._arrived.notify_all()
        conn.close()

    def wait_for(self, **match: Any) -> dict[str, Any]:
        """The first event whose fields equal `match`; waits for it to arrive."""

        def found() -> dict[str, Any] | None:
            return next(
                (e for e in self.events if all(e.get(k) == v for k, v in match.items())), None
            )

        with self._arrived:
            if not self._arrived.wait_for(found, FAILURE_BOUND):
                raise AssertionError(f"no event {match} on {self.url}; got {self.events}")
            event = found()
        assert event is not None
        return event


def wait_until(what: str, check: Any) -> Any:
    """`check()` until it returns something truthy; fails naming `what` after the failure
    bound. For states only an HTTP answer can tell (nothing announces them); asks again
    after 50 ms, then less and less often, up to once a second."""
    deadline = time.monotonic() + FAILURE_BOUND
    pause = 0.05
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"not so after {FAILURE_BOUND} s: {what}")
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def notebook(source: str) -> dict[str, Any]:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "id": "c1",
                "cell_type": "code",
                "source": source,
                "metadata": {},
                "outputs": [],
                "execution_count": None,
            },
        ],
    }


__all__ = ["Hub", "LocalHub", "ServiceProcess", "free_port", "os"]
