"""GET /openapi.json: the API description kept in `schema/openapi.json`."""

from __future__ import annotations

from functools import cache

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from ..schema_files import schema_path
from .base import NerdUpHandler


@cache
def _document() -> bytes:
    # Read once per process; the file ships with the package and never changes at runtime.
    return schema_path("openapi.json").read_bytes()


class OpenAPIHandler(NerdUpHandler):
    forward_in_hub_mode = False  # answered here, in every mode

    @authenticated
    @authorized
    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(_document())
