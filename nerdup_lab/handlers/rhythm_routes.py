"""Routes of the group rhythm (sessions, Q&A, reflections, publishing, public page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import publishing, questions, reflections, sessions
from .calendar import FEED_PATH, CalendarFeedHandler, MyCalendarHandler
from .public import PUBLIC_PREFIX, PublicGroupHandler, PublicIndexHandler


def rhythm_routes(r: Callable[[str], str], ID: str) -> list[tuple[str, type[Any]]]:
    return [
        (r(f"/groups/{ID}/sessions"), sessions.GroupSessionsHandler),
        (r(f"/groups/{ID}/catchup"), sessions.CatchupHandler),
        (r("/community/sessions"), sessions.CommunitySessionsHandler),
        (r("/me/calendar"), MyCalendarHandler),
        (r(f"/{FEED_PATH}/([A-Za-z0-9_-]{{1,200}})\\.ics"), CalendarFeedHandler),
        (r(f"/sessions/{ID}"), sessions.SessionHandler),
        (r(f"/sessions/{ID}/agenda"), sessions.SessionAgendaHandler),
        (r(f"/sessions/{ID}/checkin"), sessions.CheckinHandler),
        (r(f"/sessions/{ID}/recap"), sessions.RecapHandler),
        (r(f"/groups/{ID}/questions"), questions.GroupQuestionsHandler),
        (r(f"/groups/{ID}/faq"), questions.FaqHandler),
        (r(f"/questions/{ID}"), questions.QuestionHandler),
        (r(f"/questions/{ID}/answers"), questions.AnswersHandler),
        (r(f"/questions/{ID}/upvote"), questions.UpvoteHandler),
        (r(f"/questions/{ID}/accept"), questions.AcceptHandler),
        (r(f"/questions/{ID}/resolved"), questions.ResolveHandler),
        (r(f"/answers/{ID}"), questions.AnswerHandler),
        (r(f"/answers/{ID}/upvote"), questions.AnswerUpvoteHandler),
        (r("/me/mentoring"), questions.MentoringHandler),
        (r(f"/groups/{ID}/reflections"), reflections.GroupReflectionsHandler),
        (r(f"/reflections/{ID}"), reflections.ReflectionHandler),
        (r(f"/milestones/{ID}/retrospective"), reflections.RetrospectiveHandler),
        (r(f"/groups/{ID}/posts"), reflections.GroupPostsHandler),
        (r(f"/posts/{ID}"), reflections.PostHandler),
        (r(f"/groups/{ID}/showcase"), reflections.ShowcaseHandler),
        (r(f"/snapshots/{ID}/blog"), publishing.BlogPostHandler),
        (r(f"/groups/{ID}/report"), publishing.ReportHandler),
        (r(f"/groups/{ID}/presentation"), publishing.PresentationHandler),
        (f"/{PUBLIC_PREFIX}/groups", PublicIndexHandler),
        (f"/{PUBLIC_PREFIX}/groups/{ID}", PublicGroupHandler),
    ]
