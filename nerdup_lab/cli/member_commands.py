"""`member add | role | remove`: organisers manage who is in a group."""

from __future__ import annotations

from traitlets import Enum

from ..core import members
from ..core.models import ROLES
from .base import COMMON_ALIASES, NerdUpCommand
from .plan_commands import parse_group_id


class MemberAddCommand(NerdUpCommand):
    description = "Add someone to a group (organizers only), by default as a participant."
    examples = "jupyter nerdup member add 3 bob --role mentor --user alice"
    arguments = ("GROUP", "USERNAME")
    aliases = {
        **COMMON_ALIASES,
        "role": ("MemberAddCommand.role", "organizer, participant, follower or mentor"),
    }
    role = Enum(list(ROLES), "participant", help="The new member's role.").tag(config=True)

    def run(self) -> None:
        group, username = self.args()
        with self.session() as session:
            added = members.join(
                session,
                self.acting_user(),
                parse_group_id(group),
                {"username": username, "role": self.role},
            )
        self.out(f"Added {added['username']} to group {group} as {added['role']}.")


class MemberRoleCommand(NerdUpCommand):
    description = "Change a member's role (organizers; anyone may switch their own)."
    examples = "jupyter nerdup member role 3 bob organizer --user alice"
    arguments = ("GROUP", "USERNAME", "ROLE")

    def run(self) -> None:
        group, username, role = self.args()
        with self.session() as session:
            changed = members.change_role(
                session, self.acting_user(), parse_group_id(group), username, {"role": role}, None
            )
        self.out(f"{changed['username']} is now {changed['role']} in group {group}.")


class MemberRemoveCommand(NerdUpCommand):
    description = "Remove someone from a group (organizers; anyone may remove themselves)."
    arguments = ("GROUP", "USERNAME")

    def run(self) -> None:
        group, username = self.args()
        with self.session() as session:
            members.leave(session, self.acting_user(), parse_group_id(group), username)
        self.out(f"Removed {username} from group {group}.")


class MemberCommand(NerdUpCommand):
    description = "Members of a group: add, change role, remove."
    subcommands = {
        "add": (MemberAddCommand, MemberAddCommand.description),
        "role": (MemberRoleCommand, MemberRoleCommand.description),
        "remove": (MemberRemoveCommand, MemberRemoveCommand.description),
    }
