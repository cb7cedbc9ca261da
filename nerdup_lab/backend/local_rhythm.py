"""The group-rhythm operations of LocalBackend (sessions, Q&A, reflections, publishing):
each runs one core function in a worker thread, inside one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.rhythm import (
    blog,
    calendar,
    catchup,
    mentoring,
    pages,
    questions,
    recap,
    reflections,
    sessions,
)
from .base import Caller

if TYPE_CHECKING:
    from ..config import NerdUp

T = TypeVar("T")
Json = dict[str, Any]


class RhythmOperations:
    """Mixin of LocalBackend; relies on its `read`, `write` and `config`."""

    if TYPE_CHECKING:
        config: NerdUp

        async def read(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

        async def write(self, fn: Callable[..., T], caller: Caller, *args: Any) -> T: ...

        async def run(self, fn: Callable[..., T], *args: Any) -> T: ...

    # Sessions
    async def list_sessions(self, caller: Caller, group_id: int) -> list[Json]:
        return await self.read(sessions.list_sessions, caller, group_id)

    async def create_session(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(sessions.create_session, caller, group_id, data)

    async def get_session(self, caller: Caller, session_id: int) -> Json:
        return await self.read(sessions.get_session, caller, session_id)

    async def update_session(
        self, caller: Caller, session_id: int, data: Json, if_match: int | None
    ) -> Json:
        return await self.write(sessions.update_session, caller, session_id, data, if_match)

    async def delete_session(self, caller: Caller, session_id: int, if_match: int | None) -> None:
        await self.write(sessions.delete_session, caller, session_id, if_match)

    async def community_sessions(self, caller: Caller, days: int) -> list[Json]:
        return await self.read(sessions.community, caller, days)

    async def calendar_state(self, caller: Caller) -> Json:
        return await self.read(calendar.feed_state, caller)

    async def calendar_new_feed(self, caller: Caller) -> Json:
        return await self.write(calendar.new_token, caller)

    async def calendar_revoke(self, caller: Caller) -> None:
        await self.write(calendar.revoke, caller)

    async def calendar_feed(
        self, token: str, group_id: int | None, community: bool = False
    ) -> bytes:
        """No caller: the token says whose feed it is."""
        return await self.read(
            lambda s, _user: calendar.feed(s, token, group_id, community), Caller("")
        )

    async def session_agenda(
        self, caller: Caller, session_id: int, occurrence: dt.datetime | None
    ) -> Json:
        return await self.read(sessions.agenda, caller, session_id, occurrence)

    async def pick_session_tasks(self, caller: Caller, session_id: int, data: Json) -> Json:
        return await self.write(sessions.pick_tasks, caller, session_id, data)

    async def check_in(self, caller: Caller, session_id: int) -> Json:
        return await self.write(sessions.check_in, caller, session_id)

    async def get_recap(
        self, caller: Caller, session_id: int, occurrence: dt.datetime | None
    ) -> Json:
        return await self.read(recap.get_recap, caller, session_id, occurrence)

    async def edit_recap(
        self, caller: Caller, session_id: int, data: Json, if_match: int | None
    ) -> Json:
        return await self.write(recap.edit_recap, caller, session_id, data, if_match)

    async def group_catchup(self, caller: Caller, group_id: int) -> Json:
        return await self.read(catchup.catchup, caller, group_id)

    # Questions and answers
    async def list_questions(
        self, caller: Caller, group_id: int, status: str | None = None
    ) -> list[Json]:
        return await self.read(questions.list_questions, caller, group_id, status)

    async def group_faq(self, caller: Caller, group_id: int) -> list[Json]:
        return await self.read(questions.faq, caller, group_id)

    async def ask_question(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(questions.ask, caller, group_id, data)

    async def get_question(self, caller: Caller, question_id: int) -> Json:
        return await self.read(questions.get_question, caller, question_id)

    async def edit_question(
        self, caller: Caller, question_id: int, data: Json, if_match: int | None
    ) -> Json:
        return await self.write(questions.edit_question, caller, question_id, data, if_match)

    async def answer_question(self, caller: Caller, question_id: int, data: Json) -> Json:
        return await self.write(questions.answer, caller, question_id, data)

    async def edit_answer(
        self, caller: Caller, answer_id: int, data: Json, if_match: int | None
    ) -> Json:
        return await self.write(questions.edit_answer, caller, answer_id, data, if_match)

    async def upvote(self, caller: Caller, target: str, target_id: int, up: bool) -> Json:
        return await self.write(questions.upvote, caller, target, target_id, up)

    async def accept_answer(self, caller: Caller, question_id: int, data: Json) -> Json:
        return await self.write(questions.accept, caller, question_id, data)

    async def resolve_question(self, caller: Caller, question_id: int, resolved: bool) -> Json:
        return await self.write(questions.resolve, caller, question_id, resolved)

    async def mentoring(self, caller: Caller) -> Json:
        days = int(self.config.stale_after_days)
        return await self.read(mentoring.overview, caller, days)

    # Reflections, posts, showcase
    async def list_reflections(self, caller: Caller, group_id: int) -> list[Json]:
        return await self.read(reflections.list_reflections, caller, group_id)

    async def post_reflection(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(reflections.post_reflection, caller, group_id, data)

    async def edit_reflection(
        self, caller: Caller, reflection_id: int, data: Json, if_match: int | None
    ) -> Json:
        return await self.write(reflections.edit_reflection, caller, reflection_id, data, if_match)

    async def milestone_retrospective(self, caller: Caller, milestone_id: int) -> Json:
        return await self.read(reflections.retrospective, caller, milestone_id)

    async def share_post(self, caller: Caller, group_id: int, data: Json) -> Json:
        return await self.write(reflections.share_post, caller, group_id, data)

    async def delete_post(self, caller: Caller, post_id: int) -> None:
        await self.write(reflections.delete_post, caller, post_id)

    async def group_showcase(self, caller: Caller, group_id: int) -> Json:
        return await self.read(reflections.showcase, caller, group_id)

    # Publishing
    async def export_blog_post(self, caller: Caller, snapshot_id: int, data: Json) -> blog.BlogPost:
        return await self.read(blog.export_post, caller, snapshot_id, data)

    async def group_report(self, caller: Caller, group_id: int) -> str:
        return await self.read(pages.report, caller, group_id)

    async def group_presentation(
        self, caller: Caller, group_id: int, data: Json
    ) -> tuple[str, str]:
        return await self.read(pages.presentation, caller, group_id, data)

    async def public_group_page(self, group_id: int) -> str:
        """No caller: the page is the same for everyone (open groups only)."""
        return await self.read(lambda s, _user: pages.public_page(s, group_id), Caller(""))

    async def public_index(self) -> str:
        """Every open group; the same for everyone."""
        return await self.read(lambda s, _user: pages.public_index(s), Caller(""))
