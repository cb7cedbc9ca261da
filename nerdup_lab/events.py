"""Activity events on jupyter_server's event bus, for the lab's live views.

The schema is `schema/events/activity.v1.json`, registered once when the extension starts.
A new, incompatible payload gets a new schema (`.../activity/v2`) next to this one, so a
lab built for v1 keeps working against a newer server.
"""

from __future__ import annotations

from typing import Any

from .schema_files import schema_path

ACTIVITY_SCHEMA_ID = "https://events.nerdup-lab.org/activity/v1"
ACTIVITY_SCHEMA_FILE = ("events", "activity.v1.json")

# Hub mode's event stream: the service writes a keep-alive this often, and the relay in
# each user's server takes a stream silent for much longer than this as dead. Proxies can
# keep a stream open after the service behind them is gone, so silence is the only sign.
STREAM_HEARTBEAT_SECONDS = 5.0


def register_schemas(event_logger: Any) -> None:
    """Register nerdup's event schemas on a jupyter_events EventLogger (idempotent)."""
    if ACTIVITY_SCHEMA_ID in event_logger.schemas.schema_ids:
        return
    event_logger.register_event_schema(schema_path(*ACTIVITY_SCHEMA_FILE))


def activity_event(activity: dict[str, Any], *, ids_only: bool = False) -> dict[str, Any]:
    """The event payload of a stored activity (as `core.activity.to_json` gives it).

    `ids_only` for a members-only group on a bus every user of the server hears (the
    embedded one): no summary (it holds titles and texts) and of the subject only its
    integer `*_id` fields; a member's lab fetches the rest over REST, which checks."""
    if ids_only:
        subject = activity.get("subject") or {}
        return {
            "group_id": activity["group_id"],
            "activity_id": activity["id"],
            "kind": activity["kind"],
            "actor": activity["actor"],
            "subject": {
                k: v
                for k, v in subject.items()
                if k.endswith("_id") and isinstance(v, int) and not isinstance(v, bool)
            },
        }
    return {
        "group_id": activity["group_id"],
        "activity_id": activity["id"],
        "kind": activity["kind"],
        "actor": activity["actor"],
        "summary": activity["summary"],
        "subject": activity["subject"],
    }
