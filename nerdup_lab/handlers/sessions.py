"""Co-coding sessions: /groups/{id}/sessions, /sessions/{id} with its agenda, check-in
and recap, /community/sessions, and the catch-up brief /groups/{id}/catchup."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from ..core.rhythm.fields import occurrence_of
from .resource import ResourceHandler


class GroupSessionsHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send({"sessions": await self.backend.list_sessions(self.caller, gid)})

    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        self.send_record(await self.backend.create_session(self.caller, gid, body), 201)


class SessionHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, session_id: str) -> None:
        sid = self.path_id(session_id, "session")
        self.send_record(await self.backend.get_session(self.caller, sid))

    @authenticated
    @authorized
    async def patch(self, session_id: str) -> None:
        sid = self.path_id(session_id, "session")
        body = self.json_body()
        self.send_record(await self.backend.update_session(self.caller, sid, body, self.if_match()))

    @authenticated
    @authorized
    async def delete(self, session_id: str) -> None:
        sid = self.path_id(session_id, "session")
        await self.backend.delete_session(self.caller, sid, self.if_match())
        self.send_nothing()


class CommunitySessionsHandler(ResourceHandler):
    """Upcoming sessions of every open group; `?days=` (1-90, default 14)."""

    @authenticated
    @authorized
    async def get(self) -> None:
        days = self.query_int("days", 14) or 14
        self.send({"sessions": await self.backend.community_sessions(self.caller, days)})


class SessionAgendaHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, session_id: str) -> None:
        sid = self.path_id(session_id, "session")
        when = occurrence_of(self.query_text("occurrence"))
        self.send(await self.backend.session_agenda(self.caller, sid, when))

    @authenticated
    @authorized
    async def post(self, session_id: str) -> None:
        sid = self.path_id(session_id, "session")
        body = self.json_body()
        self.send(await self.backend.pick_session_tasks(self.caller, sid, body))


class CheckinHandler(ResourceHandler):
    @authenticated
    @authorized
    async def post(self, session_id: str) -> None:
        sid = self.path_id(session_id, "session")
        self.send(await self.backend.check_in(self.caller, sid))


class RecapHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, session_id: str) -> None:
        sid = self.path_id(session_id, "session")
        when = occurrence_of(self.query_text("occurrence"))
        self.send(await self.backend.get_recap(self.caller, sid, when))

    @authenticated
    @authorized
    async def put(self, session_id: str) -> None:
        sid = self.path_id(session_id, "session")
        body = self.json_body()
        self.send(await self.backend.edit_recap(self.caller, sid, body, self.if_match()))


class CatchupHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send(await self.backend.group_catchup(self.caller, gid))
