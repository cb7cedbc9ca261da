"""Snapshot routes that touch the caller's workspace or the group's sharing: restore,
group notebooks (mark, list, open a version), snapshot settings, and export-git."""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from ..core.errors import Conflict, InvalidInput, Unavailable
from ..core.snapshots.service import restore_name
from .download import content_disposition
from .snapshots import SnapshotHandlerBase


class RestoreMixin(SnapshotHandlerBase):
    """Writing a snapshot into the caller's workspace, in all three hosts:

    - embedded: choose the file name here, record the restore, save the notebook here;
    - a user's server in hub mode: the same, but the snapshot and the recorded restore
      come from the service (`HubBackend`), which answers with the notebook to save;
    - the hub service: it has no workspace, so it records the restore under the `target`
      the user's server chose and answers with the notebook instead of saving it.
    """

    # The user's server does the file part itself and calls the service for the rest.
    forward_in_hub_mode = False

    def workspace_action(self) -> str | None:
        return "write" if self.request.method == "POST" else None

    async def choose_target(self, snapshot: dict[str, Any], body: dict[str, Any]) -> str:
        """Where to write; 409 if that file exists and `overwrite` is not true."""
        cm: Any = self.contents_manager
        if body.get("target"):
            target = self.workspace_path(body["target"], "target")
        else:
            when = dt.datetime.fromisoformat(snapshot["created_at"])
            target = restore_name(snapshot["path"], when)
            folder = posixpath.dirname(target)
            if folder and not await ensure_async(cm.dir_exists(folder)):
                target = posixpath.basename(target)  # a teammate's folder: use the top level
        folder = posixpath.dirname(target)
        if body.get("target") and folder and not await ensure_async(cm.dir_exists(folder)):
            raise InvalidInput(
                f"There is no folder {folder} in your workspace to write `target` into.",
                fields={"target": "no_folder"},
            )
        overwrite = body.get("overwrite", False)
        if not isinstance(overwrite, bool):
            raise InvalidInput("overwrite must be true or false.", fields={"overwrite": "invalid"})
        if not overwrite and await ensure_async(cm.file_exists(target)):
            raise Conflict(
                f"{target} already exists; send overwrite: true to replace it.",
                fields={"target": "exists"},
            )
        return target

    async def restore_into_workspace(self, snapshot: dict[str, Any], body: dict[str, Any]) -> None:
        if self.settings.get("nerdup_hub_service"):
            target = self.workspace_path(body.get("target"), "target")
            restored = await self.backend.restore_snapshot(self.caller, snapshot["id"], target)
            self.send({"path": target, **restored}, 201)
            return
        target = await self.choose_target(snapshot, body)
        # The file first, the activity line after: a restore that could not be saved is
        # not recorded as done (the service's restore is what records it).
        notebook = await self.backend.get_snapshot_notebook(self.caller, snapshot["id"])
        model = {"type": "notebook", "format": "json", "content": notebook}
        cm: Any = self.contents_manager
        try:
            await ensure_async(cm.save(model, target))
        except Exception as err:
            # The contents manager's words carry the server's absolute path: logged only.
            self.log.error("nerdup: restoring snapshot %s failed: %s", snapshot["id"], err)
            raise Unavailable(
                f"{target} could not be saved in your workspace; nothing was restored."
            ) from err
        restored = await self.backend.restore_snapshot(self.caller, snapshot["id"], target)
        self.send({"path": target, "snapshot": restored["snapshot"]}, 201)


class SnapshotRestoreHandler(RestoreMixin):
    """POST {target?, overwrite?}: write the snapshot into the caller's workspace."""

    @authenticated
    @authorized
    async def post(self, snapshot_id: str) -> None:
        sid = self.path_id(snapshot_id, "snapshot")
        body = self.json_body()
        await self.restore_into_workspace(await self.backend.get_snapshot(self.caller, sid), body)


class GroupNotebooksHandler(SnapshotHandlerBase):
    """GET: the group's shared notebooks. POST {path}: mark. DELETE ?path=: unmark."""

    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        found = await self.backend.list_group_notebooks(self.caller, gid)
        self.send({"notebooks": found})

    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.mark_group_notebook(self.caller, gid, self.json_body()), 201)

    @authenticated
    @authorized
    async def delete(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        path = self.workspace_path(self.get_query_argument("path", None))
        await self.backend.unmark_group_notebook(self.caller, gid, path)
        self.send_nothing()


class GroupNotebookLatestHandler(SnapshotHandlerBase):
    """GET ?path=&author=: the newest snapshot of a group notebook (of one teammate's
    version when `author` is given); 404 if there is none yet."""

    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        path = self.workspace_path(self.get_query_argument("path", None))
        author = self.query_text("author") or None
        self.send(await self.backend.latest_snapshot(self.caller, gid, path, author))


class GroupNotebookOpenHandler(RestoreMixin):
    """POST {path, author?, target?, overwrite?}: open the latest snapshot of a group
    notebook (or of one teammate's version) into the caller's workspace."""

    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        path = self.workspace_path(body.get("path"))
        author = body.get("author") or None
        snap = await self.backend.latest_snapshot(self.caller, gid, path, author)
        await self.restore_into_workspace(snap, body)


class SnapshotSettingsHandler(SnapshotHandlerBase):
    """GET / PUT {policy, max_output_bytes}: the group's default output policy."""

    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.get_snapshot_settings(self.caller, gid))

    @authenticated
    @authorized
    async def put(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        self.send(await self.backend.update_snapshot_settings(self.caller, gid, body))


class ExportGitHandler(SnapshotHandlerBase):
    """GET ?author= (default: the caller; `scope=group` for everyone): a .tar.gz of the
    history as a git repository."""

    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        whole = self.get_query_argument("scope", "") == "group"
        author = None if whole else (self.query_text("author") or self.caller.username)
        data = await self.backend.export_git_archive(self.caller, gid, author)
        name = f"group-{gid}" + ("" if author is None else f"-{author}")
        self.set_header("Content-Disposition", content_disposition(f"{name}.tar.gz"))
        # APIHandler.finish sets the content type, JSON unless told otherwise.
        self.finish(data, set_content_type="application/gzip")


class PortfolioHandler(SnapshotHandlerBase):
    """GET: the caller's portfolio, a .tar.gz of a git repository (their own snapshots of
    all their groups, one commit each, and a README of groups, tasks and posts); 404 with
    a message when there is nothing to put in it."""

    @authenticated
    @authorized
    async def get(self) -> None:
        data = await self.backend.export_portfolio(self.caller)
        self.set_header("Content-Disposition", content_disposition("portfolio.tar.gz"))
        self.finish(data, set_content_type="application/gzip")
