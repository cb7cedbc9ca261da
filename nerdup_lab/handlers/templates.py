"""Plan templates: the shipped ones, importing one into a group, exporting a group's plan.

GET  /templates                     the shipped templates, with summaries
GET  /templates/{name}              one shipped template
POST /groups/{id}/plan/import       {"template": name | {...}, "start"?} appends its milestones
GET  /groups/{id}/plan/export       the group's plan as a template (?format=yaml for YAML)
"""

from __future__ import annotations

import re

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from ..core import templates
from ..core.errors import InvalidInput, NotFound
from .download import content_disposition
from .resource import ResourceHandler

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")


class TemplatesHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self) -> None:
        self.send({"templates": await self.backend.list_templates(self.caller)})


class TemplateHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, name: str) -> None:
        if not _SLUG.fullmatch(name):
            raise NotFound(f"There is no shipped template {name!r}.")
        self.send(await self.backend.get_template(self.caller, name))


class PlanImportHandler(ResourceHandler):
    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.import_plan(self.caller, gid, self.json_body()), 201)


class PlanExportHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        fmt = self.query_text("format") or "json"
        if fmt not in ("json", "yaml"):
            raise InvalidInput("`format` is json or yaml.", fields={"format": "json or yaml"})
        template = await self.backend.export_plan(self.caller, gid)
        if fmt == "json":
            self.send(template)
            return
        self.set_header("Content-Disposition", content_disposition(f"group-{gid}-plan.yaml"))
        # APIHandler.finish sets the content type (JSON unless told otherwise).
        self.finish(
            templates.dump_yaml(template), set_content_type="application/yaml; charset=utf-8"
        )
