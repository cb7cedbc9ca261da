"""Events leave a hub replica in the order they were published.

With PostgreSQL each event is sent to every replica as a NOTIFY. The first NOTIFY after a
start opens the sending connection, which takes longer than the next one: when each event
had its own task, the second event could be NOTIFYed before the first, and every reader
saw `milestone.created` before `group.created` (a CI failure of test_hub_stream.py). Here
the first NOTIFY is made slow on purpose, as the connection makes it, and the order of
what was sent is what a reader would see.
"""

from __future__ import annotations

import asyncio
import logging

from nerdup_lab.core.db import Database
from nerdup_lab.hub.stream import ActivityStream


async def test_a_slow_first_notify_does_not_let_the_second_event_overtake_it(tmp_path):
    stream = ActivityStream(
        Database(f"sqlite:///{tmp_path / 'unused.sqlite'}"), logging.getLogger()
    )
    sent: list[int] = []

    async def notify(activity_id: int) -> bool:
        if not sent and activity_id == 1:
            await asyncio.sleep(0.2)  # the first call opens the connection
        sent.append(activity_id)
        return True

    stream.notify = notify
    for activity_id in (1, 2, 3):
        stream.emit(schema_id="activity", data={"activity_id": activity_id, "kind": "x"})
    while len(sent) < 3:
        await asyncio.sleep(0.01)
    await stream.stop()
    assert sent == [1, 2, 3]


async def test_a_failed_notify_still_reaches_this_replicas_readers_and_the_next_is_sent(tmp_path):
    stream = ActivityStream(
        Database(f"sqlite:///{tmp_path / 'unused.sqlite'}"), logging.getLogger()
    )
    sent: list[int] = []
    delivered: list[int] = []

    async def notify(activity_id: int) -> bool:
        if activity_id == 1:
            raise OSError("connection refused")
        sent.append(activity_id)
        return activity_id != 2  # 2: NOTIFY impossible, delivered locally

    stream.notify = notify
    stream.deliver = lambda event: delivered.append(int(event["activity_id"]))  # type: ignore[method-assign]
    for activity_id in (1, 2, 3):
        stream.emit(schema_id="activity", data={"activity_id": activity_id, "kind": "x"})
    while len(sent) < 2:
        await asyncio.sleep(0.01)
    await stream.stop()
    assert (sent, delivered) == ([2, 3], [1, 2])
