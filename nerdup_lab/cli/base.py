"""What every `jupyter nerdup ...` command shares: configuration, the database, the acting
user, positional arguments, and errors as one line on stderr with a non-zero exit code.

The commands read the same `c.NerdUp.*` options as the server extension, from
`jupyter_server_config.py` and `jupyter_nerdup_config.py` in the Jupyter config path, and
from the command line (`--NerdUp.db_url=...`, or the `--db-url` shortcut).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, NoReturn

from jupyter_core.application import JupyterApp
from sqlalchemy import select
from sqlalchemy.orm import Session
from traitlets import Unicode, default
from traitlets.config import Application
from traitlets.config.loader import KVArgParseConfigLoader

from .._version import __version__
from ..config import NerdUp
from ..core import migrate
from ..core.db import Database
from ..core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NerdUpError,
    NotFound,
    Unauthenticated,
)

# Exit codes: 1 for anything unexpected, then one per kind of domain error.
EXIT_CODES: dict[type[NerdUpError], int] = {
    InvalidInput: 2,
    NotFound: 3,
    Forbidden: 4,
    Unauthenticated: 4,
    Conflict: 5,
}


def exit_code(err: NerdUpError) -> int:
    for cls in type(err).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return 1


class UsageError(InvalidInput):
    """Wrong arguments on the command line."""


COMMON_ALIASES: dict[str, Any] = {
    "db-url": ("NerdUp.db_url", "SQLAlchemy URL of the database (c.NerdUp.db_url)."),
    "user": ("NerdUpCommand.user", "Act as this user (must be allowed by the group's roles)."),
}


class NerdUpCommand(JupyterApp):
    """Base of the commands. A leaf command implements `run()`."""

    name = "jupyter-nerdup"
    version = __version__
    classes = [NerdUp]
    aliases = dict(COMMON_ALIASES)
    flags = {}
    # Positional arguments, for the usage line and the check of their number.
    arguments: ClassVar[tuple[str, ...]] = ()
    optional_arguments: ClassVar[tuple[str, ...]] = ()

    user = Unicode(
        "",
        help="The user the command acts as; needed by commands that change a group.",
    ).tag(config=True)

    # Like the server extension at start-up, a command brings the database to this
    # release's schema before using it; the commands that report or perform the
    # upgrade themselves (init, db upgrade, verify) turn this off.
    upgrades_database: ClassVar[bool] = True

    _db: Database | None = None

    # traitlets reports bad options through the log: one plain line, like our own errors.
    @default("log_format")
    def _log_format_default(self) -> str:
        return "jupyter nerdup: %(message)s"

    # The config files of the server, then of this command line (which wins), in the
    # Jupyter config path; options given on the command line win over both.
    def load_config_file(self, suppress_errors: bool = True) -> None:  # type: ignore[override]
        for name in ("jupyter_config", "jupyter_server_config", self.config_file_name):
            Application.load_config_file(self, name, path=self.config_file_paths)

    def _create_loader(
        self, argv: list[str] | None, aliases: Any, flags: Any, classes: Any
    ) -> KVArgParseConfigLoader:
        loader = super()._create_loader(argv, aliases, flags, classes)
        base: Any = loader.parser_class

        class OneLineParser(base):  # type: ignore[misc]
            """argparse's usage errors as one line (and our exit code), not a usage dump."""

            def error(self, message: str) -> NoReturn:
                raise UsageError(f"{message} (see --help)")

        loader.parser_class = OneLineParser
        return loader

    def initialize_subcommand(self, subc: str, argv: Any = None) -> None:
        # Plain instances, not traitlets singletons, so `main()` can run many times in
        # one process (the tests do).
        subapp, _ = self.subcommands[subc]
        self.subapp = subapp(parent=self)
        self.subapp.initialize(argv)

    # -- what commands use -------------------------------------------------------------

    @property
    def settings(self) -> NerdUp:
        return NerdUp(parent=self)

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(self.settings.db_url)
            if self.upgrades_database:
                migrate.upgrade(self._db)
        return self._db

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def acting_user(self) -> str:
        if not self.user:
            raise UsageError("This command changes a group: say who you are with --user NAME.")
        return str(self.user)

    def args(self) -> list[str]:
        """The positional arguments, checked against `arguments` and `optional_arguments`."""
        given = list(self.extra_args)
        low, high = len(self.arguments), len(self.arguments) + len(self.optional_arguments)
        if not low <= len(given) <= high:
            usage = " ".join([*self.arguments, *(f"[{a}]" for a in self.optional_arguments)])
            raise UsageError(f"usage: jupyter nerdup {self.command_path()} {usage}".rstrip())
        return given

    def command_path(self) -> str:
        parts = []
        app: Any = self
        while isinstance(app, NerdUpCommand) and app.parent is not None:
            for name, (cls, _) in getattr(app.parent, "subcommands", {}).items():
                if cls is type(app):
                    parts.append(name)
            app = app.parent
        return " ".join(reversed(parts))

    def out(self, text: str = "") -> None:
        print(text, file=sys.stdout)

    # -- running -----------------------------------------------------------------------

    def run(self) -> None:
        """The command's work; commands with subcommands only dispatch."""
        names = ", ".join(sorted(self.subcommands))
        if self.extra_args:
            raise UsageError(f"Unknown command {self.extra_args[0]!r}; the commands are: {names}.")
        raise UsageError(f"Give a subcommand: {names} (or --help).")

    def start(self) -> None:
        if self.subapp is not None:
            self.subapp.start()
            return
        try:
            self.run()
        finally:
            if self._db is not None:
                self._db.dispose()


def viewer_for(cmd: NerdUpCommand, session: Session, group_id: int) -> str:
    """Who reads a group: `--user` when given, else (the database owner running an admin
    read) one of the group's organizers, so members-only groups can be read too."""
    if cmd.user:
        return str(cmd.user)
    from ..core.models import Group, Membership

    if session.get(Group, group_id) is None:
        raise NotFound(f"There is no group {group_id}.")
    organizer = session.scalars(
        select(Membership.username)
        .where(Membership.group_id == group_id, Membership.role == "organizer")
        .order_by(Membership.id)
        .limit(1)
    ).first()
    return organizer or ""
