"""Embedded mode's person: the single user of a token-login JupyterLab is one stable identity.

jupyter-server's default `IdentityProvider` makes a new random "Anonymous <moon>" user (a
32-hex username) for every browser, and for every token-authenticated request that carries no
cookie: a script, `curl`, a notebook calling the API was a new person on each call. In a lab
whose only credential is one token (or no auth at all), whoever holds it *is* the lab's
owner, so `LabIdentityProvider` answers the same user every time: the OS account by default
(`c.NerdUp.lab_username`), with the display name and avatar colour of the small profile
dialog, stored by nerdup in `<data_dir>/profile.json`.

The extension installs it in place of jupyter-server's default provider (token or password
login; only those exact classes: a deployment that configured its own provider, or JupyterHub's
single-user one, keeps it). JupyterLab's own user (`/api/me`, `@jupyterlab/services`) then
carries the same name and colour.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyter_server.auth.identity import (
    IdentityProvider,
    PasswordIdentityProvider,
    UpdatableField,
    User,
)
from traitlets import Unicode

# An avatar colour: a `--jp-*` variable (the collaborator palette) or a CSS hex colour.
COLOR_PATTERN = re.compile(r"^(var\(--jp-[a-z0-9-]+\)|#[0-9a-fA-F]{6})$")
MAX_NAME = 100


def os_account() -> str:
    """The OS account running the server (`nerdup` if the platform cannot tell)."""
    try:
        return getpass.getuser() or "nerdup"
    except Exception:  # no passwd entry, e.g. an arbitrary uid in a container
        return os.environ.get("USER") or "nerdup"


def os_full_name(account: str) -> str:
    """The account's full name from the passwd entry, or the account itself."""
    try:
        import pwd

        gecos = pwd.getpwnam(account).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError):
        gecos = ""
    return gecos or account


class ProfileError(ValueError):
    """A profile field that cannot be stored; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@dataclass
class Profile:
    display_name: str
    color: str

    def as_json(self) -> dict[str, str]:
        return {"display_name": self.display_name, "color": self.color}


def validate_profile(body: dict[str, Any]) -> dict[str, str]:
    """The fields of a profile update, checked; raises ProfileError naming what is wrong."""
    out: dict[str, str] = {}
    if "display_name" in body:
        name = body["display_name"]
        if not isinstance(name, str) or not name.strip():
            raise ProfileError("display_name", "Give a name of at least one character.")
        name = " ".join(name.split())
        if len(name) > MAX_NAME:
            raise ProfileError("display_name", f"A name has at most {MAX_NAME} characters.")
        out["display_name"] = name
    if "color" in body:
        color = body["color"]
        if not isinstance(color, str) or (color and not COLOR_PATTERN.match(color)):
            raise ProfileError(
                "color", "A colour is a --jp-* variable (var(--jp-collaborator-color1)) or #rrggbb."
            )
        out["color"] = color
    unknown = set(body) - {"display_name", "color"}
    if unknown:
        field = sorted(unknown)[0]
        raise ProfileError(field, f"A profile has no field {field}.")
    return out


class ProfileStore:
    """The lab user's profile, a small JSON file beside nerdup's database."""

    def __init__(self, path: Path, username: str) -> None:
        self.path, self.username = path, username

    def load(self) -> Profile:
        data: dict[str, Any] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            data = raw if isinstance(raw, dict) else {}
        except (OSError, ValueError):
            pass
        name = data.get("display_name")
        color = data.get("color")
        return Profile(
            display_name=name if isinstance(name, str) and name else os_full_name(self.username),
            color=color if isinstance(color, str) else "",
        )

    def save(self, changes: dict[str, str]) -> Profile:
        current = self.load()
        merged = Profile(
            display_name=changes.get("display_name", current.display_name),
            color=changes.get("color", current.color),
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(merged.as_json()), encoding="utf-8")
        tmp.replace(self.path)
        return merged


def initials(name: str) -> str:
    parts = [p for p in re.split(r"[\s._-]+", name) if p]
    return "".join(p[0] for p in parts[:2]).upper() or name[:1].upper()


class LabIdentityProvider(PasswordIdentityProvider):
    """jupyter-server's token, password and cookie checks, then always the lab's one user."""

    lab_username = Unicode(help="Username of the lab's single user (default: the OS account).")
    profile_path = Unicode(help="Where the profile (display name, colour) is stored.")

    def store(self) -> ProfileStore:
        username = self.lab_username or os_account()
        path = Path(self.profile_path or Path.home() / ".nerdup-profile.json")
        return ProfileStore(path, username)

    def lab_user(self) -> User:
        store = self.store()
        profile = store.load()
        return User(
            username=store.username,
            name=profile.display_name,
            display_name=profile.display_name,
            initials=initials(profile.display_name),
            color=profile.color or None,
        )

    def generate_anonymous_user(self, handler: Any) -> User:
        # A token request without a cookie, or a lab without auth: the lab's user, not a new one.
        return self.lab_user()

    async def get_user(self, handler: Any) -> User | None:
        user = await self._get_user(handler)
        if user is None:
            return None
        # Whatever an older cookie says (a random user of a previous run), it proved the token.
        return self.lab_user()

    def update_user_model(self, current_user: User, user_data: dict[UpdatableField, str]) -> User:
        # JupyterLab's own PATCH /api/me (its user menu's colour) goes to the same profile.
        self.store().save(validate_profile({str(k): v for k, v in user_data.items()}))
        return self.lab_user()

    def persist_user_model(self, handler: Any) -> None:
        return None


def install_lab_identity(serverapp: Any, username: str, profile_path: Path) -> bool:
    """Put a `LabIdentityProvider` in place of jupyter-server's default one; False when the
    server was configured with another provider (it is kept)."""
    old: Any = getattr(serverapp, "identity_provider", None)
    if isinstance(old, LabIdentityProvider):
        old.lab_username, old.profile_path = username, str(profile_path)
        return True
    if type(old) not in (IdentityProvider, PasswordIdentityProvider):
        return False
    kwargs: dict[str, Any] = {}
    if isinstance(old, PasswordIdentityProvider):
        kwargs = {
            "hashed_password": old.hashed_password,
            "password_required": old.password_required,
            "allow_password_change": old.allow_password_change,
        }
    new = LabIdentityProvider(
        parent=serverapp,
        log=serverapp.log,
        token=old.token,
        lab_username=username,
        profile_path=str(profile_path),
        login_handler_class=old.login_handler_class,
        logout_handler_class=old.logout_handler_class,
        **kwargs,
    )
    new.token_generated = old.token_generated
    serverapp.identity_provider = new
    web_app = getattr(serverapp, "web_app", None)
    if web_app is not None:
        web_app.settings["identity_provider"] = new
    authorizer = getattr(serverapp, "authorizer", None)
    if authorizer is not None and getattr(authorizer, "identity_provider", None) is old:
        authorizer.identity_provider = new
    return True
