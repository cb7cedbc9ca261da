"""Two nerdup service replicas on one PostgreSQL: a change made through replica A reaches
a member whose server listens to replica B (LISTEN/NOTIFY), and the other way round."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from hubkit import EventBus, Hub, LocalHub, ServiceProcess, free_port
from sqlalchemy.engine import make_url

PG_ADMIN_URL = os.environ.get(
    "NERDUP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A throw-away database, dropped at the end."""
    admin = make_url(PG_ADMIN_URL)
    libpq = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"nerdup_hub_{uuid.uuid4().hex[:10]}"
    try:
        conn = psycopg.connect(libpq, autocommit=True)
    except psycopg.OperationalError as err:
        pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {err}", pytrace=False)
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def replicas(
    pg_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Hub, ServiceProcess]]:
    """Replica A is managed by the Hub (its `command`); replica B runs beside it with the
    same service token. Alice's server uses A through the proxy, Bob's server uses B."""
    work = tmp_path_factory.mktemp("pg-hub")
    local = LocalHub(workdir=work, db_url=pg_url, managed=True)
    replica_b = ServiceProcess(local, free_port(), work / "replica-b.log")
    local.hub_url_for = {"bob": replica_b.url}
    hub = Hub(local)
    try:
        replica_b.start()  # first: it migrates the empty database before A starts
        local.start()
        for user in ("alice", "bob"):
            hub.start_server(user)
        yield hub, replica_b
    finally:
        if replica_b.proc is not None and replica_b.proc.poll() is None:
            replica_b.stop()
        local.stop()


def test_two_replicas_on_postgresql_deliver_each_others_events(
    replicas: tuple[Hub, ServiceProcess],
) -> None:
    hub, replica_b = replicas
    alice_status = hub.as_user("alice", "GET", "/status").body
    bob_status = hub.as_user("bob", "GET", "/status").body
    assert alice_status["hub"]["url"] == hub.local.service_url
    assert bob_status["hub"]["url"] == replica_b.url
    assert alice_status["storage"] == bob_status["storage"] == "postgresql"

    hub.wait_live("alice", "bob")  # each server's event stream is open
    with (
        EventBus(hub, "alice", hub.tokens["alice"]) as alices,
        EventBus(hub, "bob", hub.tokens["bob"]) as bobs,
    ):
        made = hub.as_user("alice", "POST", "/groups", {"title": "Across replicas"})
        assert made.status == 201, made.body
        gid = made.body["id"]
        # Written through A, seen by Bob's server, which only listens to B.
        bobs.wait_for(group_id=gid, kind="group.created")

        joined = hub.as_user("bob", "POST", f"/groups/{gid}/members", {})
        assert joined.status == 201, joined.body
        # Written through B, seen by Alice's server, which only listens to A.
        event = alices.wait_for(group_id=gid, kind="member.joined")
        assert event["actor"] == "bob"
    group = hub.as_user("alice", "GET", f"/groups/{gid}").body
    assert {m["username"] for m in group["members"]} == {"alice", "bob"}
