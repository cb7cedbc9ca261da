"""`jupyter nerdup`: the root command and its table of subcommands."""

from __future__ import annotations

from typing import Any

from .archive_commands import ExportCommand, ExportGitCommand, ImportCommand
from .base import NerdUpCommand
from .db_commands import DbCommand, InitCommand, VerifyCommand
from .demo_command import DemoCommand
from .group_commands import GroupCommand
from .hub_command import HubCommand
from .member_commands import MemberCommand
from .plan_commands import PlanCommand, TemplatesCommand
from .report_command import ReportCommand


def _subcommands() -> dict[str, Any]:
    table: dict[str, Any] = {
        "init": InitCommand,
        "db": DbCommand,
        "verify": VerifyCommand,
        "group": GroupCommand,
        "member": MemberCommand,
        "plan": PlanCommand,
        "templates": TemplatesCommand,
        "hub": HubCommand,
        "report": ReportCommand,
    }
    table.update(
        {
            "export": ExportCommand,
            "import": ImportCommand,
            "export-git": ExportGitCommand,
            "demo": DemoCommand,
        }
    )
    return {name: (cls, cls.description) for name, cls in table.items()}


class NerdUpApp(NerdUpCommand):
    description = (
        "nerdup-lab's command line for organisers: the database, groups and members, plan "
        "templates, whole-group export and import, and the demo community. It reads the "
        "same configuration as the server extension (c.NerdUp.* in jupyter_server_config.py "
        "or jupyter_nerdup_config.py, or --NerdUp.db_url=... here)."
    )
    examples = """
jupyter nerdup init
jupyter nerdup templates
jupyter nerdup group create --template learning-club-round --user alice
jupyter nerdup member add 1 bob --user alice
jupyter nerdup export 1 group-1.nerdup.zip
jupyter nerdup demo --if-empty
"""
    subcommands = _subcommands()
