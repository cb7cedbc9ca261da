"""Snapshot routes: commit, history, one snapshot, its notebook, and diffs.

A commit reads the *saved* notebook through jupyter-server's contents manager here, in
the handler, and hands the backend a notebook dict, so the hub backend can later forward
the same content to the hub service.
"""

from __future__ import annotations

import json
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.auth.decorator import authorized
from tornado.web import HTTPError, authenticated

from ..core.errors import InvalidInput, NotFound
from ..core.paths import notebook_path
from ..core.snapshots.prepare import check_size, parse_notebook_text
from .resource import ResourceHandler


class SnapshotHandlerBase(ResourceHandler):
    @property
    def max_snapshot_bytes(self) -> int:
        return int(self.settings["nerdup_config"].max_snapshot_bytes)

    def idempotency_key(self) -> str | None:
        """The commit's `Idempotency-Key` header (1-255 visible ASCII characters), if sent."""
        key = self.request.headers.get("Idempotency-Key")
        if key is None:
            return None
        key = key.strip()
        if not 0 < len(key) <= 255 or not all(33 <= ord(c) < 127 for c in key):
            raise InvalidInput(
                "Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID.",
                fields={"Idempotency-Key": "invalid"},
            )
        return key

    def body_limit(self) -> int:
        # The hub service's commit and diff carry the notebook itself, plus a few fields.
        return self.max_snapshot_bytes + 64 * 1024

    def _too_large_message(self, size: int | None, limit: int) -> str:
        message = super()._too_large_message(size, limit)
        return f"{message} (c.NerdUp.max_snapshot_bytes = {self.max_snapshot_bytes})"

    def flag(self, name: str) -> bool:
        return (self.get_query_argument(name, "") or "").lower() in ("1", "true", "yes")

    def workspace_path(self, raw: Any, what: str = "path") -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise InvalidInput(
                "Say which notebook, by its path in the workspace.", fields={what: "required"}
            )
        return notebook_path(raw.strip().strip("/"), what)

    async def read_workspace_notebook(self, path: str) -> dict[str, Any]:
        """The saved notebook at `path`: 404 if absent, 413 over the limit, 400 if broken."""
        return parse_notebook_text(await self.read_workspace_text(path), self.max_snapshot_bytes)

    async def read_workspace_text(self, path: str) -> str:
        """The saved file at `path` as text: 404 if absent, 413 over the limit."""
        cm: Any = self.contents_manager
        try:
            # Size first, so a huge file is refused without being read.
            info = await ensure_async(cm.get(path, content=False, type="file"))
            check_size(int(info.get("size") or 0), self.max_snapshot_bytes)
            model = await ensure_async(cm.get(path, content=True, type="file", format="text"))
        except HTTPError as err:
            if err.status_code == 404:
                raise NotFound(f"There is no file {path} in your workspace.") from err
            raise InvalidInput(
                f"{path} cannot be read as a notebook: "
                f"{self.without_server_paths(str(err.log_message or err.reason or ''))}",
                fields={"path": "unreadable"},
            ) from err
        text: str = model["content"]
        return text

    def notebook_in_body(self, body: dict[str, Any]) -> dict[str, Any]:
        """The notebook a request carries as `notebook` (the hub service has no workspace).

        The size limit is checked on the request body, which is the notebook plus a few
        short fields, so a large notebook is not serialized again just to be measured.
        """
        nb = body.get("notebook")
        if not isinstance(nb, dict):
            raise InvalidInput(
                "Send the notebook as `notebook`, a JSON object.", fields={"notebook": "required"}
            )
        check_size(len(self.request.body), self.max_snapshot_bytes)
        return nb


class GroupSnapshotsHandler(SnapshotHandlerBase):
    """GET: history (?notebook_id=&path=&author=&task_id=&limit=&before=), or each task's
    latest snapshots (?per_task=latest).
    POST: commit a saved notebook."""

    def workspace_action(self) -> str | None:
        return "read" if self.request.method == "POST" else None

    async def forward_body(self) -> bytes:
        """Hub mode: the service cannot read this server's files, so a commit carries the
        saved notebook as `notebook` next to its `path`. The file's text goes in as it is
        (parsed once here, for this server's own clear error on a broken file)."""
        if self.request.method != "POST":
            return await super().forward_body()
        body = self.json_body()
        text = await self.read_workspace_text(self.workspace_path(body.get("path")))
        parse_notebook_text(text, self.max_snapshot_bytes)
        fields = json.dumps({k: v for k, v in body.items() if k != "notebook"})
        head = fields[:-1] + (", " if body.keys() - {"notebook"} else "")
        return f'{head}"notebook": {text}}}'.encode()

    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        filters = {
            "path": self.query_text("path"),
            "notebook_id": self.query_text("notebook_id"),
            "author": self.query_text("author"),
            "task_id": self.query_int("task_id", None),
            "limit": self.query_int("limit", None),
            "before": self.query_int("before", None),
            "per_task": self.query_text("per_task"),
        }
        self.send(await self.backend.list_snapshots(self.caller, gid, filters))

    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        path = self.workspace_path(body.get("path"))
        if self.settings.get("nerdup_hub_service"):
            # The hub service has no workspace: the user's server sent the notebook it read.
            nb = self.notebook_in_body(body)
        else:
            nb = await self.read_workspace_notebook(path)
        options = {k: body.get(k) for k in ("message", "task_id", "policy")}
        options["idempotency_key"] = self.idempotency_key()
        self.send(await self.backend.commit_snapshot(self.caller, gid, path, nb, options), 201)


class SnapshotHandler(SnapshotHandlerBase):
    @authenticated
    @authorized
    async def get(self, snapshot_id: str) -> None:
        sid = self.path_id(snapshot_id, "snapshot")
        self.send(await self.backend.get_snapshot(self.caller, sid))


class SnapshotNotebookHandler(SnapshotHandlerBase):
    """The notebook itself (application/x-ipynb+json), as committed."""

    @authenticated
    @authorized
    async def get(self, snapshot_id: str) -> None:
        sid = self.path_id(snapshot_id, "snapshot")
        self.send(await self.backend.get_snapshot_notebook(self.caller, sid))


class SnapshotDiffHandler(SnapshotHandlerBase):
    """/snapshots/{a}/diff/{b}; /snapshots/{a}/diff?path= against the saved file; or POST
    /snapshots/{a}/diff {notebook, path?, include_metadata?} against a notebook sent along.

    In hub mode the saved-file diff reads the file here and sends it to the service as
    that POST, since the service cannot see this server's workspace."""

    def forwards_this_request(self) -> bool:
        return self.workspace_action() is None

    def workspace_action(self) -> str | None:
        against_file = self.request.method == "GET" and self.get_query_argument("path", None)
        return "read" if against_file else None

    @authenticated
    @authorized
    async def get(self, a: str, b: str | None = None) -> None:
        old = self.path_id(a, "snapshot")
        meta = self.flag("include_metadata")
        if b:
            new = self.path_id(b, "snapshot")
            self.send(await self.backend.diff_snapshots(self.caller, old, new, meta))
            return
        path = self.workspace_path(self.get_query_argument("path", None))
        nb = await self.read_workspace_notebook(path)
        self.send(await self.backend.diff_snapshot_with_notebook(self.caller, old, nb, path, meta))

    @authenticated
    @authorized
    async def post(self, a: str, b: str | None = None) -> None:
        if b:
            raise InvalidInput("POST a notebook to /snapshots/{id}/diff, without a second id.")
        old = self.path_id(a, "snapshot")
        body = self.json_body()
        nb = self.notebook_in_body(body)
        path = body["path"] if isinstance(body.get("path"), str) else ""
        meta = body.get("include_metadata") is True
        self.send(await self.backend.diff_snapshot_with_notebook(self.caller, old, nb, path, meta))
