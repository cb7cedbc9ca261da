"""One pooled HTTP client per process for calls that must answer quickly: forwarding to
the nerdup hub service, its health check, and the service's reads of JupyterHub groups.

Kept apart from the event stream's long-lived connection (hub_relay.py uses tornado's
shared client), so a held stream never takes a slot that a forwarded request needs, and
a burst of forwarded requests never starves the stream. Connections are kept alive and
reused (httpx's pool), the number open at once is capped, and every wait has a limit:
connecting, sending, reading, and waiting for a free connection.

Every failure on this side of an HTTP answer (refused, reset, a timeout, a full pool
that did not free up in time) comes back as one exception, `NoAnswer`, whose text says
what happened; callers turn it into their 503.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

# Connecting is quick on a working network; a longer wait only delays the 503.
MAX_CONNECT_SECONDS = 5.0


class NoAnswer(Exception):
    """No HTTP answer came back (the text says why)."""


@dataclass
class Answer:
    status: int
    body: bytes
    # Case-insensitive, as HTTP headers are.
    headers: Mapping[str, str] = field(default_factory=httpx.Headers)


class ServiceClient:
    """A lazily opened `httpx.AsyncClient` with a connection cap and timeouts."""

    def __init__(self, *, timeout: float, max_connections: int) -> None:
        self.timeout = timeout
        self.max_connections = max_connections
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _open(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        # A client belongs to the loop it was made on (tests start a loop per test).
        if self._client is None or self._loop is not loop or self._client.is_closed:
            timeout = httpx.Timeout(
                self.timeout,
                connect=min(self.timeout, MAX_CONNECT_SECONDS),
                # Waiting for a free connection counts against the same limit.
                pool=self.timeout,
            )
            limits = httpx.Limits(
                max_connections=self.max_connections,
                max_keepalive_connections=self.max_connections,
            )
            self._client = httpx.AsyncClient(
                timeout=timeout, limits=limits, follow_redirects=False, trust_env=False
            )
            self._loop = loop
        return self._client

    async def send(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        timeout: float | None = None,
    ) -> Answer:
        """One request; any HTTP status is an `Answer`, no answer at all is `NoAnswer`."""
        client = self._open()
        limit = self.timeout if timeout is None else timeout
        wait = httpx.USE_CLIENT_DEFAULT if timeout is None else httpx.Timeout(timeout)
        try:
            response = await client.request(
                method, url, headers=headers, content=body, timeout=wait
            )
        except httpx.TimeoutException as err:
            raise NoAnswer(f"no answer within {limit:g} s ({_kind(err)})") from err
        except httpx.HTTPError as err:  # refused, reset, protocol error, bad URL
            raise NoAnswer(str(err) or type(err).__name__) from err
        except OSError as err:
            raise NoAnswer(str(err)) from err
        return Answer(response.status_code, response.content, response.headers)

    async def close(self) -> None:
        if self._client is not None and not self._client.is_closed:
            await self._client.aclose()
        self._client = None


def _kind(err: httpx.TimeoutException) -> str:
    return {
        httpx.ConnectTimeout: "connecting",
        httpx.ReadTimeout: "waiting for the answer",
        httpx.WriteTimeout: "sending the request",
        httpx.PoolTimeout: "every connection was busy",
    }.get(type(err), "timed out")
