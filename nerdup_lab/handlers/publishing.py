"""Publishing: a snapshot as a blog post (download or into the workspace) and the
group's journey report for a meetup."""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from ..core.errors import InvalidInput
from .blog_hub import fetch_post
from .download import content_disposition
from .resource import ResourceHandler
from .workspace import target_dir, write_files

TAG_LISTS = ("hide_cell_tags", "hide_input_tags", "hide_output_tags")
FLAGS = ("hide_code", "hide_outputs")


class BlogPostHandler(ResourceHandler):
    """GET downloads the post (a zip for Markdown, the page for HTML); the options come as
    query parameters (`format`, `hide_code`, `hide_outputs`, comma-separated `*_tags`).
    POST writes it into the workspace (JSON body with the same options plus `directory`
    and `overwrite`): 201 with the written paths, 409 if a file exists."""

    def forwards_this_request(self) -> bool:
        # In hub mode the GET is forwarded as usual; the POST renders on the service and
        # writes here (see blog_hub), since only this server has the workspace.
        return self.request.method != "POST"

    def workspace_action(self) -> str | None:
        return "write" if self.request.method == "POST" else None

    def _query_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if self.query_text("format"):
            options["format"] = self.query_text("format")
        for name in TAG_LISTS:
            raw = self.get_query_argument(name, None)
            if raw is not None:
                options[name] = [t.strip() for t in raw.split(",") if t.strip()]
        for name in FLAGS:
            raw = self.get_query_argument(name, None)
            if raw is not None:
                if raw not in ("true", "false"):
                    raise InvalidInput("Not valid.", fields={name: "Must be true or false."})
                options[name] = raw == "true"
        return options

    @authenticated
    @authorized
    async def get(self, snapshot_id: str) -> None:
        sid = self.path_id(snapshot_id, "snapshot")
        post = await self.backend.export_blog_post(self.caller, sid, self._query_options())
        name, media_type, data = post.download()
        self.set_header("Content-Type", media_type)
        self.set_header("Content-Disposition", content_disposition(name))
        self.finish(data, set_content_type=media_type)

    @authenticated
    @authorized
    async def post(self, snapshot_id: str) -> None:
        sid = self.path_id(snapshot_id, "snapshot")
        body = self.json_body()
        if self.in_hub_mode:
            main_name, files = await fetch_post(self, sid, body)
            kind = "html" if main_name.endswith(".html") else "markdown"
        else:
            post = await self.backend.export_blog_post(self.caller, sid, body)
            main_name, files, kind = post.main, post.files, post.format
        directory = target_dir(body.get("directory"))
        written = await write_files(
            self.contents_manager, directory, files, overwrite=bool(body.get("overwrite"))
        )
        main = next(p for p in written if p.endswith(main_name))
        self.send({"path": main, "files": written, "format": kind}, 201)


class ReportHandler(ResourceHandler):
    """The journey report as one self-contained HTML file (organizers and mentors; every
    member once the group is finished)."""

    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        html = await self.backend.group_report(self.caller, gid)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Disposition", content_disposition(f"group-{gid}-report.html"))
        self.finish(html, set_content_type="text/html; charset=utf-8")


class PresentationHandler(ResourceHandler):
    """GET ?snapshot_ids=1,2&theme=light|dark: the journey as reveal.js slides, one HTML
    file that loads nothing (who may: as the report). Without `snapshot_ids`, the journey's
    selected snapshots; `snapshot_ids=` (empty) for none."""

    def _options(self) -> dict[str, Any]:
        options: dict[str, Any] = {}
        raw = self.get_query_argument("snapshot_ids", None)
        if raw is not None:
            parts = [p.strip() for p in raw.split(",") if p.strip()]
            if not all(p.isascii() and p.isdigit() and len(p) <= 10 for p in parts):
                raise InvalidInput(
                    "Not valid.",
                    fields={"snapshot_ids": "Must be snapshot ids separated by commas."},
                )
            options["snapshot_ids"] = [int(p) for p in parts]
        if self.query_text("theme"):
            options["theme"] = self.query_text("theme")
        return options

    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        name, html = await self.backend.group_presentation(self.caller, gid, self._options())
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Disposition", content_disposition(name))
        self.finish(html, set_content_type="text/html; charset=utf-8")
