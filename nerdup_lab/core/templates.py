"""Plan templates: parse (YAML or JSON), validate against the v1 schema, compute dates.

Pure functions, no database. An invalid template raises `InvalidInput` whose message and
`fields` name the line and the field, e.g. ``line 14, milestones[1].tasks[0].weight: 0 is
less than the minimum of 1``. The schema is `schema/plan-template.schema.json` (shipped in
the wheel as `nerdup_lab/schema/`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, ValidationError

from ..schema_files import schema_path
from .errors import InvalidInput, NotFound

FORMAT_VERSION = 1
DEFAULT_SESSION_EVERY_DAYS = 7
_PACKAGE = "nerdup_lab.templates"

Template = dict[str, Any]


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of plan templates, version 1."""
    text = schema_path("plan-template.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


# -- parsing ---------------------------------------------------------------------------------


def _compose(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    """Parse YAML (JSON is read the same way) and keep the node tree for line numbers."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1}" if mark else "somewhere"
        raise InvalidInput(
            f"{source}: {where}: not valid YAML/JSON ({err.problem or err.context})",
            fields={"template": f"{where}: {err.problem or err.context}"},
        ) from err
    except yaml.YAMLError as err:
        raise InvalidInput(f"{source}: not valid YAML/JSON ({err})") from err
    finally:
        loader.dispose()
    return data, node


def _parse_json(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidInput(
            f"{source}: line {err.lineno}: not valid JSON ({err.msg})",
            fields={"template": f"line {err.lineno}: {err.msg}"},
        ) from err
    try:  # JSON is (almost always) YAML too; the node tree only serves line numbers.
        return data, _compose(text, source)[1]
    except InvalidInput:
        return data, None


def parse(text: str, source: str = "template") -> Template:
    """Parse and validate a template given as YAML or JSON text."""
    if text.lstrip().startswith(("{", "[")):
        data, node = _parse_json(text, source)
    else:
        data, node = _compose(text, source)
    return validate(data, source=source, node=node)


def load_file(path: str | Path) -> Template:
    """Read, parse and validate a template file (`.yaml`, `.yml` or `.json`)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError as err:
        raise NotFound(f"There is no template file {path}.") from err
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInput(f"Cannot read the template file {path}: {err}") from err
    return parse(text, source=path.name)


# -- validation ------------------------------------------------------------------------------


def _field_name(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _node_at(node: yaml.Node | None, path: list[str | int]) -> yaml.Node | None:
    """The deepest YAML node along `path` (a key's node for mapping entries)."""
    found = node
    for part in path:
        if isinstance(found, yaml.MappingNode):
            match = [(k, v) for k, v in found.value if k.value == part]
            if not match:
                return found
            found = match[0][1]
        elif isinstance(found, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(found.value):
                return found
            found = found.value[part]
        else:
            return found
    return found


def _message(err: ValidationError) -> str:
    if err.validator == "oneOf" and err.schema is schema()["$defs"]["milestone"]:
        return "give either duration_days or offset_days (exactly one of them)"
    if err.validator == "const" and list(err.absolute_path) == ["version"]:
        return f"unsupported version {err.instance!r}; this release reads version {FORMAT_VERSION}"
    return err.message


def _line(node: yaml.Node | None, path: list[str | int]) -> int | None:
    target = _node_at(node, path)
    return target.start_mark.line + 1 if target is not None else None


def _schema_errors(data: Any, node: yaml.Node | None) -> list[tuple[int | None, str, str]]:
    errors: list[tuple[int | None, str, str]] = []
    for err in _validator().iter_errors(data):
        path = list(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            known = err.schema.get("properties", {})
            for key in (k for k in err.instance if k not in known):
                errors.append(
                    (_line(node, [*path, key]), _field_name([*path, key]), "unknown field")
                )
            continue
        errors.append((_line(node, path), _field_name(path), _message(err)))
    return sorted(errors, key=lambda e: (e[0] or 0, e[1]))


def _order_errors(data: Template, node: yaml.Node | None) -> list[tuple[int | None, str, str]]:
    """Offsets must not put a milestone before the one above it."""
    errors = []
    previous = 0
    for i, milestone in enumerate(data["milestones"]):
        due = milestone_due_offset(milestone, previous)
        if due < previous:
            path: list[str | int] = ["milestones", i, "offset_days"]
            msg = f"day {due} is before the previous milestone (day {previous})"
            errors.append((_line(node, path), _field_name(path), msg))
        previous = max(previous, due)
    return errors


def validate(data: Any, source: str = "template", node: yaml.Node | None = None) -> Template:
    """Check `data` against the schema; return it, or raise `InvalidInput` naming line/field."""
    errors = _schema_errors(data, node) or _order_errors(data, node)
    if not errors:
        template: Template = data
        return template
    fields: dict[str, str] = {}
    lines = []
    for line, field, msg in errors:
        where = f"line {line}, {field}" if line else field
        lines.append(f"{where}: {msg}")
        fields.setdefault(field, f"line {line}: {msg}" if line else msg)
    more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
    raise InvalidInput(f"{source} is not a valid plan template: {lines[0]}{more}", fields=fields)


# -- dates -----------------------------------------------------------------------------------


def milestone_due_offset(milestone: dict[str, Any], previous_offset: int) -> int:
    """Days after the start at which `milestone` is due, given the previous one's offset."""
    if "offset_days" in milestone:
        return int(milestone["offset_days"])
    return previous_offset + int(milestone["duration_days"])


@dataclass(frozen=True)
class ScheduledMilestone:
    index: int
    starts_on: date
    due_on: date


def schedule(template: Template, start: date) -> list[ScheduledMilestone]:
    """Start and due date of each milestone when the group starts on `start`."""
    out = []
    previous = 0
    for i, milestone in enumerate(template["milestones"]):
        due = milestone_due_offset(milestone, previous)
        out.append(ScheduledMilestone(i, start + timedelta(days=previous), start + timedelta(due)))
        previous = due
    return out


def session_date(template: Template, start: date, session: int) -> date:
    """The date of meetup number `session` (1 is the start date)."""
    every = int(template.get("session_every_days", DEFAULT_SESSION_EVERY_DAYS))
    return start + timedelta(days=every * (session - 1))


def plan_length_days(template: Template) -> int:
    """Days from the start to the last milestone's due date."""
    return (schedule(template, date.min)[-1].due_on - date.min).days


# -- shipped templates -----------------------------------------------------------------------


def _shipped_dir() -> Any:
    return resources.files(_PACKAGE).joinpath("plans")


def shipped_names() -> list[str]:
    """Ids (file stems) of the templates shipped with nerdup-lab, sorted."""
    return sorted(
        p.name.rsplit(".", 1)[0]
        for p in _shipped_dir().iterdir()
        if p.name.endswith((".yaml", ".yml", ".json"))
    )


def shipped(name: str) -> Template:
    """A shipped template by id, e.g. ``learning-club-round``."""
    # Only the names listed are looked up: any other string (too long for a file name, or
    # with a slash) names no template rather than reaching the file system.
    for suffix in (".yaml", ".yml", ".json"):
        entry = _shipped_dir().joinpath(name + suffix)
        if name in shipped_names() and entry.is_file():
            return parse(entry.read_text("utf-8"), source=name + suffix)
    known = ", ".join(shipped_names())
    raise NotFound(f"There is no shipped template {name!r}. Known: {known}.")


def summary_of(name: str, template: Template) -> dict[str, Any]:
    """What the template list shows: id, name, kind, summary, size and length."""
    return {
        "id": name,
        "name": template["name"],
        "kind": template["kind"],
        "summary": template.get("summary", ""),
        "milestones": len(template["milestones"]),
        "tasks": sum(len(m.get("tasks", [])) for m in template["milestones"]),
        "days": plan_length_days(template),
    }


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as `|` blocks, so exported markdown stays readable."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(template: Template) -> str:
    """A template as readable YAML (keys in schema order, unicode kept)."""
    text: str = yaml.dump(template, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# nerdup-lab plan template, format version {FORMAT_VERSION}\n{text}"


def catalogue() -> list[dict[str, Any]]:
    """Summaries of every shipped template, for the template picker."""
    return [summary_of(name, shipped(name)) for name in shipped_names()]


def shipped_detail(name: str) -> dict[str, Any]:
    """One shipped template: its summary and the template itself."""
    template = shipped(name)
    return {**summary_of(name, template), "template": template}
