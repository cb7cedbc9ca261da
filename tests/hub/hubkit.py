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
sys.path.insert(0, str(REPO / "hub"))

from local_hub import LocalHub, free_port  # noqa: E402

API = "nerdup/api/v1"
ACTIVITY_SCHEMA = "https://events.nerdup-lab.org/activity/v1"


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
        """Spawn the user's server (if needed); return a token of that user."""
        if user not in self.tokens:
            self.tokens[user] = self.token(user)
        reply = self.admin("POST", f"users/{user}/server")
        assert reply.status in (201, 202, 400), reply.body  # 400: already running
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            model = self.admin("GET", f"users/{user}").body
            if model["servers"].get("", {}).get("ready"):
                return self.tokens[user]
            time.sleep(0.3)
        raise TimeoutError(f"{user}'s server did not start; see {self.local.workdir}")

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
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [*self.hub.service_command(self.port), *self.args],
            env=self.hub.service_env(self.port),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"the service exited; see {self.log}"
            try:
                if call("GET", f"{self.url}{API}/health", None).status == 200:
                    return
            except OSError:  # not listening yet
                pass
            time.sleep(0.1)
        raise TimeoutError("the nerdup service did not start")

    def stop(self, sig: int = signal.SIGTERM) -> float:
        """Stop it; returns how long it took to exit."""
        assert self.proc is not None
        began = time.monotonic()
        self.proc.send_signal(sig)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return time.monotonic() - began


class EventBus:
    """Listens on a single-user server's `/api/events/subscribe` websocket in a thread and
    keeps the nerdup activity events it receives."""

    def __init__(self, hub: Hub, server: str, token: str) -> None:
        base = hub.local.url.replace("http://", "ws://")
        self.url = f"{base}/user/{server}/api/events/subscribe"
        self.token = token
        self.events: list[dict[str, Any]] = []
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self) -> EventBus:
        self._thread.start()
        assert self._ready.wait(20), f"could not subscribe to {self.url}"
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
        conn = await websocket_connect(request)
        self._ready.set()
        # One read stays pending across the checks of the stop flag: cancelling a pending
        # read_message (as wait_for does on its timeout) can drop a message arriving then.
        pending: asyncio.Future[Any] | None = None
        while not self._stop.is_set():
            if pending is None:
                pending = asyncio.ensure_future(conn.read_message())
            done, _ = await asyncio.wait({pending}, timeout=0.2)
            if not done:
                continue
            message, pending = pending.result(), None
            if message is None:
                break
            event = json.loads(message)
            if ACTIVITY_SCHEMA in (event.get("schema_id"), event.get("__schema__")):
                self.events.append(event)
        conn.close()

    def wait_for(self, timeout: float, **match: Any) -> dict[str, Any]:
        """The first event whose fields equal `match`, waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if all(event.get(k) == v for k, v in match.items()):
                    return event
            if time.monotonic() > deadline:
                raise AssertionError(f"no event {match} within {timeout} s; got {self.events}")
            time.sleep(0.05)


def poll(timeout: float, check: Any) -> Any:
    """`check()` until it returns something truthy or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


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
