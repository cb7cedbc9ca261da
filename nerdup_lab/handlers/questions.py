"""Questions and answers: /groups/{id}/questions, /groups/{id}/faq, /questions/{id} with
answers, upvotes, accept and resolve, /answers/{id}, and the mentors' /me/mentoring."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado.web import authenticated

from .resource import ResourceHandler


class GroupQuestionsHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        found = await self.backend.list_questions(self.caller, gid, self.query_text("status"))
        self.send({"questions": found})

    @authenticated
    @authorized
    async def post(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        body = self.json_body()
        self.send_record(await self.backend.ask_question(self.caller, gid, body), 201)


class FaqHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, group_id: str) -> None:
        gid = self.path_id(group_id, "group")
        self.send({"faq": await self.backend.group_faq(self.caller, gid)})


class QuestionHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self, question_id: str) -> None:
        qid = self.path_id(question_id, "question")
        self.send_record(await self.backend.get_question(self.caller, qid))

    @authenticated
    @authorized
    async def patch(self, question_id: str) -> None:
        qid = self.path_id(question_id, "question")
        body = self.json_body()
        self.send_record(await self.backend.edit_question(self.caller, qid, body, self.if_match()))


class AnswersHandler(ResourceHandler):
    @authenticated
    @authorized
    async def post(self, question_id: str) -> None:
        qid = self.path_id(question_id, "question")
        body = self.json_body()
        self.send_record(await self.backend.answer_question(self.caller, qid, body), 201)


class AnswerHandler(ResourceHandler):
    @authenticated
    @authorized
    async def patch(self, answer_id: str) -> None:
        aid = self.path_id(answer_id, "answer")
        body = self.json_body()
        self.send_record(await self.backend.edit_answer(self.caller, aid, body, self.if_match()))


class UpvoteHandler(ResourceHandler):
    """PUT upvotes, DELETE takes the upvote back; on /questions/{id} or /answers/{id}."""

    target = "question"

    async def _vote(self, raw: str, up: bool) -> None:
        tid = self.path_id(raw, self.target)
        self.send_record(await self.backend.upvote(self.caller, self.target, tid, up))

    @authenticated
    @authorized
    async def put(self, target_id: str) -> None:
        await self._vote(target_id, True)

    @authenticated
    @authorized
    async def delete(self, target_id: str) -> None:
        await self._vote(target_id, False)


class AnswerUpvoteHandler(UpvoteHandler):
    target = "answer"


class AcceptHandler(ResourceHandler):
    @authenticated
    @authorized
    async def put(self, question_id: str) -> None:
        qid = self.path_id(question_id, "question")
        body = self.json_body()
        self.send_record(await self.backend.accept_answer(self.caller, qid, body))


class ResolveHandler(ResourceHandler):
    """PUT marks the question resolved, DELETE reopens it."""

    @authenticated
    @authorized
    async def put(self, question_id: str) -> None:
        qid = self.path_id(question_id, "question")
        self.send_record(await self.backend.resolve_question(self.caller, qid, True))

    @authenticated
    @authorized
    async def delete(self, question_id: str) -> None:
        qid = self.path_id(question_id, "question")
        self.send_record(await self.backend.resolve_question(self.caller, qid, False))


class MentoringHandler(ResourceHandler):
    @authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.backend.mentoring(self.caller))
