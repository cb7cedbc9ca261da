"""schemathesis against the served OpenAPI document of a real jupyter-server (issue #17).

Every operation of `/nerdup/api/v1/openapi.json` gets generated requests; each response must
not be a 5xx, must match the documented schema and must have a documented status. Runs on
SQLite and PostgreSQL. `NERDUP_FUZZ_EXAMPLES` sets the examples per operation (default 20,
a few minutes on two cores); `NERDUP_FUZZ_EXAMPLES=200` is the long run of the README.

The requests are synchronous (requests) and run in a worker thread while the server keeps
serving on the test's event loop.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from nerdup_api import API, USER_HEADER
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("NERDUP_FUZZ_EXAMPLES", "20"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


def _seed(base: str, headers: dict[str, str]) -> None:
    """A group with a milestone and a task, so small ids name real records."""
    group = requests.post(
        f"{base}/groups", json={"title": "Fuzz club"}, headers=headers, timeout=30
    ).json()
    milestone = requests.post(
        f"{base}/groups/{group['id']}/milestones",
        json={"title": "Week 1"},
        headers=headers,
        timeout=30,
    ).json()
    requests.post(
        f"{base}/milestones/{milestone['id']}/tasks",
        json={"title": "T"},
        headers=headers,
        timeout=30,
    )


def _fuzz_operation(
    operation: Any, base: str, session: requests.Session, failures: list[str]
) -> int:
    """Run EXAMPLES generated cases of one operation; the number of cases sent."""
    label, sent = operation.label, [0]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        sent[0] += 1
        try:
            case.call_and_validate(base_url=base, session=session, checks=CHECKS, timeout=30)
        except Exception as err:  # the first failure of an operation is reported
            if not any(f.startswith(f"{label}:") for f in failures):
                failures.append(f"{label}: {type(err).__name__}: {str(err)[:1500]}")
            raise

    try:
        run()
    except Unsatisfiable:
        pass
    except Exception as err:
        if not any(f.startswith(f"{label}:") for f in failures):
            failures.append(f"{label}: {type(err).__name__}: {str(err)[:1500]}")
    return sent[0]


def _fuzz(base: str, headers: dict[str, str]) -> dict[str, Any]:
    _seed(base, headers)
    document = requests.get(f"{base}/openapi.json", headers=headers, timeout=30).json()
    schema = schemathesis.openapi.from_dict(document)
    session = requests.Session()
    session.headers.update(headers)
    failures: list[str] = []
    counts: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        counts[operation.label] = _fuzz_operation(operation, base, session, failures)
    return {"operations": len(counts), "cases": sum(counts.values()), "failures": failures}


async def test_every_operation_survives_schemathesis(
    jp_serverapp, jp_base_url, jp_http_port, jp_fetch
):
    await jp_fetch("nerdup/api/v1/status")  # the server listens once a request went through
    token = jp_serverapp.identity_provider.token
    base = f"http://127.0.0.1:{jp_http_port}{jp_base_url.rstrip('/')}{API}"
    headers = {"Authorization": f"token {token}", USER_HEADER: "alice"}
    report = await asyncio.to_thread(_fuzz, base, headers)
    print(f"schemathesis: {report['operations']} operations, {report['cases']} cases")
    assert report["operations"] > 50
    assert not report["failures"], "\n\n".join(report["failures"])
