"""`export GROUP FILE`, `import FILE` and `export-git GROUP DIR`: whole groups as files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from traitlets import Unicode

from ..core import archive, snapshots
from ..core.errors import InvalidInput
from .base import COMMON_ALIASES, NerdUpCommand, viewer_for
from .plan_commands import parse_group_id
from .progress import Progress


class _Bar:
    """Adapts the core's progress callback (done, total) to a progress bar."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Progress | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = Progress(self.label, total)
        self.bar.advance(done - self.bar.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class ExportCommand(NerdUpCommand):
    description = (
        "Write a whole group (plan, members, activity, snapshots with their stored blobs) "
        "into one portable archive file (a zip with a versioned manifest)."
    )
    examples = "jupyter nerdup export 3 food-reviews.nerdup.zip"
    arguments = ("GROUP", "FILE")

    def run(self) -> None:
        group, target = self.args()
        group_id = parse_group_id(group)
        path = Path(target)
        if path.is_dir():
            raise InvalidInput(f"{path} is a folder; give the archive's file name.")
        with self.session() as session:
            viewer = viewer_for(self, session, group_id)
        bar = _Bar("exporting")
        try:
            manifest = archive.export_group(self.db, viewer, group_id, path, progress=bar)
        except OSError as err:
            raise InvalidInput(f"Cannot write {path}: {err.strerror or err}.") from err
        finally:
            bar.close()
        records = sum(manifest["tables"].values())
        self.out(
            f"Exported group {group_id} “{manifest['group']['title']}” to {path}: "
            f"{records} records, {manifest['blobs']} snapshot blobs."
        )


class ImportCommand(NerdUpCommand):
    description = "Add a group from an archive made by `jupyter nerdup export`, as a new group."
    examples = "jupyter nerdup import food-reviews.nerdup.zip"
    arguments = ("FILE",)

    def run(self) -> None:
        (source,) = self.args()
        bar = _Bar("importing")
        try:
            result = archive.import_group(self.db, source, progress=bar)
        finally:
            bar.close()
        self.out(f"Imported “{result['title']}” as group {result['group_id']}.")


class ExportGitCommand(NerdUpCommand):
    description = (
        "Write a group's snapshots as a new git repository in DIR: one commit per snapshot, "
        "with its author, time and message (every member's notebooks under <member>/, or "
        "only --author's at their own paths)."
    )
    examples = "jupyter nerdup export-git 3 ./food-reviews-history"
    arguments = ("GROUP", "DIR")
    aliases: dict[str, Any] = {
        **COMMON_ALIASES,
        "author": ("ExportGitCommand.author", "Only this member's snapshots."),
    }
    author = Unicode("", help="Only this member's snapshots, at their own paths.").tag(config=True)

    def run(self) -> None:
        group, target = self.args()
        group_id = parse_group_id(group)
        with self.session() as session:
            viewer_for(self, session, group_id)  # 404 for a group that does not exist
        result = snapshots.export_git(
            self.db, group_id, Path(target), self.author or None, viewer=self.user or None
        )
        self.out(
            f"Wrote {result['commits']} snapshot(s) of group {group_id} as a git repository "
            f"in {result['path']}."
        )
