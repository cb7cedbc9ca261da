"""Plan-template requests as the REST API receives them (bodies in, JSON out).

Kept apart from `plans`, which works on parsed templates, so each file holds one idea:
this one reads a request body (a shipped template's id or an inline template, an optional
start date) and answers with what the API shows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from . import groups, plans, serialize, templates
from . import validate as v
from .errors import InvalidInput
from .templates import Template
from .users import ensure_user


def template_from(value: Any) -> tuple[Template, str]:
    """A template from a body's `template` field: a shipped id, or the template itself."""
    if isinstance(value, str):
        return templates.shipped(value), value
    if isinstance(value, dict):
        return templates.validate(value, source="the template in the request"), ""
    raise InvalidInput(
        "Give `template` as a shipped template's id or as a template object.",
        fields={"template": "Must be a template id (string) or a template (object)."},
    )


def _start(data: dict[str, Any], key: str) -> dt.date | None:
    if data.get(key) is None:
        return None
    try:
        start: dt.date | None = v.optional_date(data[key])
    except ValueError as err:
        raise InvalidInput("The start date is not valid.", fields={key: str(err)}) from err
    return start


def import_plan(
    session: Session, username: str, group_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    """POST /groups/{id}/plan/import: {"template": id | {...}, "start": "YYYY-MM-DD"?}."""
    unknown = set(data) - {"template", "start"}
    if unknown or "template" not in data:
        fields = {k: "Unknown field." for k in unknown}
        if "template" not in data:
            fields["template"] = "This field is required."
        raise InvalidInput("Send {template, start?}.", fields=fields)
    template, source = template_from(data["template"])
    created = plans.apply_template(
        session, username, group_id, template, start=_start(data, "start"), source=source
    )
    return {
        "group_id": group_id,
        "template": source or None,
        "milestones": [serialize.milestone(m) for m in created],
    }


def create_group(session: Session, username: str, data: dict[str, Any]) -> dict[str, Any]:
    """POST /groups with an optional `template` field: without it, a plain new group; with
    it, a group whose plan is the template, dated from `start_date` (default today). The
    other fields override what the template gives (title, description, links, ...)."""
    if "template" not in data:
        return groups.create_group(session, username, data)
    fields = dict(data)
    template, source = template_from(fields.pop("template"))
    start = _start(fields, "start_date")
    fields.pop("start_date", None)
    ensure_user(session, username)
    return plans.start_group(session, username, template, start=start, fields=fields, source=source)
