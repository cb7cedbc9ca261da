"""/groups/{id}/proposals, /proposals/{id}, its vote, and the organizer's decision."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from .resource import ResourceHandler


class GroupProposalsHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        found = await self.backend.list_proposals(self.caller, gid, self.query_text("status"))
        self.send({"proposals": found})

    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        self.send_record(await self.backend.create_proposal(self.caller, gid, body), 201)


class ProposalHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, proposal_id: str) -> None:
        pid = self.path_id(proposal_id, "proposal")
        self.send_record(await self.backend.get_proposal(self.caller, pid))


class VoteHandler(ResourceHandler):
    """The caller's own vote: POST casts or changes it, DELETE withdraws it."""

    @authenticated
    @authorized
    async def post(self, proposal_id: str) -> None:
        pid = self.path_id(proposal_id, "proposal")
        self.send_record(await self.backend.vote(self.caller, pid, self.json_body()))

    @authenticated
    @authorized
    async def delete(self, proposal_id: str) -> None:
        pid = self.path_id(proposal_id, "proposal")
        self.send_record(await self.backend.withdraw_vote(self.caller, pid))


class DecisionHandler(ResourceHandler):
    """POST /proposals/{id}/adopt or /reject (organizers)."""

    @authenticated
    @authorized
    async def post(self, proposal_id: str, decision: str) -> None:
        pid = self.path_id(proposal_id, "proposal")
        adopt = decision == "adopt"
        self.send_record(
            await self.backend.decide_proposal(self.caller, pid, adopt, self.if_match())
        )
