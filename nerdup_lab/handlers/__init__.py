"""Route table of the REST API. Each handler module holds one resource."""

from __future__ import annotations

from typing import Any

from .base import API_PREFIX
from .groups import (
    GroupActivityHandler,
    GroupHandler,
    GroupProgressHandler,
    GroupProgressSeriesHandler,
    GroupsHandler,
)
from .hub_groups import HubGroupLinkHandler, HubGroupSyncHandler
from .join_requests import JoinDecisionHandler, JoinRequestHandler, JoinRequestsHandler
from .me import MeHandler
from .members import MemberHandler, MembersHandler
from .milestones import GroupMilestonesHandler, MilestoneHandler, MilestoneOrderHandler
from .openapi import OpenAPIHandler
from .profile import ProfileHandler
from .proposals import DecisionHandler, GroupProposalsHandler, ProposalHandler, VoteHandler
from .rhythm_routes import rhythm_routes
from .snapshot_routes import snapshot_routes
from .status import StatusHandler
from .tasks import MilestoneTasksHandler, TaskClaimHandler, TaskCompletionHandler, TaskHandler
from .templates import PlanExportHandler, PlanImportHandler, TemplateHandler, TemplatesHandler

# A path segment; handlers turn a non-numeric id into a JSON 404 themselves.
ID = "([^/]+)"


def routes() -> list[tuple[str, type[Any]]]:
    def r(path: str) -> str:
        return f"/{API_PREFIX}{path}"

    return [
        (r("/status"), StatusHandler),
        (r("/openapi.json"), OpenAPIHandler),
        (r("/me"), MeHandler),
        (r("/profile"), ProfileHandler),
        (r("/groups"), GroupsHandler),
        (r(f"/groups/{ID}"), GroupHandler),
        (r(f"/groups/{ID}/progress"), GroupProgressHandler),
        (r(f"/groups/{ID}/progress/series"), GroupProgressSeriesHandler),
        (r(f"/groups/{ID}/activity"), GroupActivityHandler),
        (r(f"/groups/{ID}/members"), MembersHandler),
        (r(f"/groups/{ID}/members/{ID}"), MemberHandler),
        (r(f"/groups/{ID}/join-requests"), JoinRequestsHandler),
        (r(f"/groups/{ID}/join-requests/{ID}"), JoinRequestHandler),
        (r(f"/groups/{ID}/join-requests/{ID}/(accept|decline)"), JoinDecisionHandler),
        (r(f"/groups/{ID}/hub-group"), HubGroupLinkHandler),
        (r(f"/groups/{ID}/hub-group/sync"), HubGroupSyncHandler),
        (r(f"/groups/{ID}/milestones"), GroupMilestonesHandler),
        (r(f"/groups/{ID}/milestones/order"), MilestoneOrderHandler),
        (r(f"/groups/{ID}/proposals"), GroupProposalsHandler),
        (r(f"/milestones/{ID}"), MilestoneHandler),
        (r(f"/milestones/{ID}/tasks"), MilestoneTasksHandler),
        (r(f"/tasks/{ID}"), TaskHandler),
        (r(f"/tasks/{ID}/claim"), TaskClaimHandler),
        (r(f"/tasks/{ID}/completion"), TaskCompletionHandler),
        (r(f"/proposals/{ID}"), ProposalHandler),
        (r(f"/proposals/{ID}/vote"), VoteHandler),
        (r(f"/proposals/{ID}/(adopt|reject)"), DecisionHandler),
        (r("/templates"), TemplatesHandler),
        (r(f"/templates/{ID}"), TemplateHandler),
        (r(f"/groups/{ID}/plan/import"), PlanImportHandler),
        (r(f"/groups/{ID}/plan/export"), PlanExportHandler),
        *rhythm_routes(r, ID),
        *snapshot_routes(r, ID),
    ]
