"""The public index of open groups (#16), `/nerdup/public/groups`: off unless
`public_pages`, members-only groups never listed; stage, progress (the same figure as the
API's, from core.progress), deadline; finished groups with their posts and FAQ. The group
page shows each stage's resources and summary and the FAQ. In JupyterHub mode a user's
server redirects to the service's index."""

from __future__ import annotations

import re
from typing import Any

import pytest
from api_setup import add, new_group, new_milestone, new_task
from tornado.httpclient import HTTPClientError

from nerdup_lab.config import NerdUp
from nerdup_lab.handlers.public import service_public_url

from .test_public_page import NO_LOGIN, _dead_url


async def _get(jp_fetch: Any, *path: str, **kw: Any) -> tuple[int, str, Any]:
    try:
        reply = await jp_fetch("nerdup", "public", *path, headers=NO_LOGIN, **kw)
    except HTTPClientError as err:
        assert err.response is not None
        body = err.response.body.decode() if err.response.body else ""
        return err.code, body, err.response.headers
    return reply.code, reply.body.decode(), reply.headers


async def test_the_index_is_off_by_default(api, jp_fetch):
    await new_group(api("alice"), title="Open club", visibility="open")
    code, body, _ = await _get(jp_fetch, "groups")
    assert code == 404 and "Open club" not in body


async def test_status_says_public_pages_are_off(api):
    reply = await api("alice").get("/status")
    assert reply.status == 200 and reply.json["public_pages"] is False


async def _finished_round(api: Any) -> dict[str, Any]:
    """An open round, finished, with a done stage (resources, summary), a post and a
    resolved question with an accepted answer."""
    alice = api("alice")
    group = await new_group(alice, title="Housing <round>", deadline="2026-12-20")
    gid = group["id"]
    await add(alice, gid, "bob", "participant")
    stage = await new_milestone(alice, gid)
    await new_task(alice, stage["id"])
    current = await alice.get(f"/milestones/{stage['id']}")
    changed = await alice.patch(
        f"/milestones/{stage['id']}",
        {
            "status": "done",
            "resources": [{"title": "Kaggle data", "url": "https://kaggle.example/d"}],
            "retrospective": {"obstacles": "Missing *prices*", "solutions": "District median"},
        },
        headers={"If-Match": f'"{current.json["version"]}"'},
    )
    assert changed.status == 200, changed.json
    post = await api("bob").post(
        f"/groups/{gid}/posts", {"title": "What we learned", "url": "https://b.example/p"}
    )
    assert post.status == 201
    asked = await api("bob").post(f"/groups/{gid}/questions", {"title": "Why log prices?"})
    qid = asked.json["id"]
    answer = await alice.post(f"/questions/{qid}/answers", {"body": "The errors are **relative**."})
    aid = answer.json["answers"][0]["id"]
    assert (await api("bob").put(f"/questions/{qid}/accept", {"answer_id": aid})).status == 200
    assert (await api("bob").put(f"/questions/{qid}/resolved")).status == 200
    fresh = await alice.get(f"/groups/{gid}")
    done = await alice.patch(
        f"/groups/{gid}", {"status": "finished"}, headers={"If-Match": f'"{fresh.json["version"]}"'}
    )
    assert done.status == 200, done.json
    return {"gid": gid, "progress": done.json["progress"]["percent"]}


class TestWhenEnabled:
    @pytest.fixture
    def jp_server_config(self, db_url: str) -> dict[str, Any]:
        return {
            "ServerApp": {
                "jpserver_extensions": {"nerdup_lab": True},
                "identity_provider_class": "nerdup_api.HeaderIdentityProvider",
            },
            "NerdUp": {"db_url": db_url, "public_pages": True},
        }

    async def test_open_groups_with_stage_progress_and_deadline_never_members_only(
        self, api, jp_fetch
    ):
        alice = api("alice")
        running = await new_group(alice, title="Plotting night", deadline="2027-01-15")
        stage = await new_milestone(alice, running["id"])
        await new_group(alice, title="Secret squirrels", visibility="members")
        finished = await _finished_round(api)
        code, body, headers = await _get(jp_fetch, "groups")
        assert code == 200 and headers["X-Robots-Tag"] == "noindex"
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert "Secret" not in body and "<script" not in body
        card = body[body.index(f'id="group-{running["id"]}"') :]
        card = card[: card.index("</article>")]
        assert "Plotting night" in card and f"stage: {stage['title']}" in card
        assert "deadline 2027-01-15" in card and "0% done" in card
        assert f'href="groups/{running["id"]}"' in card
        done = body[body.index(f'id="group-{finished["gid"]}"') :]
        done = done[: done.index("</article>")]
        assert "Housing &lt;round&gt;" in done and "finished" in done
        assert "1 of 1 stage done" in done
        progress = (await alice.get(f"/groups/{finished['gid']}/progress")).json
        assert f"{finished['progress']}% done" in done
        assert re.search(r"\b\d+% done", done) is not None and progress
        assert "What we learned" in done and "Why log prices?" in done
        assert "<strong>relative</strong>" in done
        # Running groups show no posts or FAQ block.
        assert "<h4>FAQ</h4>" not in card

    async def test_the_group_page_shows_resources_stage_summaries_and_faq(self, api, jp_fetch):
        finished = await _finished_round(api)
        code, body, _ = await _get(jp_fetch, "groups", str(finished["gid"]))
        assert code == 200
        assert 'href="https://kaggle.example/d"' in body and "Kaggle data" in body
        assert "Missing <em>prices</em>" in body and "District median" in body
        faq = body[body.index('id="faq"') :]
        assert "Why log prices?" in faq and "<strong>relative</strong>" in faq
        assert 'href="../groups"' in body

    async def test_status_says_public_pages_are_on(self, api):
        assert (await api("alice").get("/status")).json["public_pages"] is True

    async def test_an_id_past_the_integer_range_is_the_plain_404(self, jp_fetch):
        code, body, _ = await _get(jp_fetch, "groups", "9999999999")
        missing, missing_body, _ = await _get(jp_fetch, "groups", "999")
        assert code == missing == 404 and body == missing_body


class TestInHubMode:
    @pytest.fixture
    def jp_server_config(self, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
        monkeypatch.setenv("JUPYTERHUB_BASE_URL", "/jh/")
        return {
            "ServerApp": {
                "jpserver_extensions": {"nerdup_lab": True},
                "identity_provider_class": "nerdup_api.HeaderIdentityProvider",
            },
            "NerdUp": {"hub_url": _dead_url(), "hub_service_name": "study"},
        }

    async def test_the_index_redirects_to_the_services(self, jp_fetch):
        code, _, headers = await _get(jp_fetch, "groups", follow_redirects=False)
        assert code == 302
        assert headers["Location"] == "/jh/services/study/nerdup/public/groups"


def test_the_service_index_url():
    named = NerdUp(hub_service_name="nerdup")
    assert service_public_url(named, {}, None) == "/services/nerdup/nerdup/public/groups"


def test_reflections_say_which_stage_or_round_with_full_names(db_url):
    from core_world import build_world

    from nerdup_lab.core.rhythm import pages, reflections
    from nerdup_lab.core.users import ensure_user

    world = build_world(db_url)
    with world.session() as s:
        ensure_user(s, "pat", "Patricia Longname-Participant")
    gid = world.group_id
    world.call(
        "pat", reflections.post_reflection, gid,
        {"milestone_id": world.milestone_id, "learned": "Regex is enough."},
    )  # fmt: skip
    world.call(
        "pat", reflections.post_reflection, gid,
        {"round": "Round 1: gradient boosting for house prices", "learned": "Tune less."},
    )  # fmt: skip
    with world.session() as s:
        page = pages.public_page(s, gid)
    shown = page[page.index('id="showcase"') :]
    assert "Patricia Longname-Participant</strong> on the stage “Week 1”" in shown
    assert (
        "Patricia Longname-Participant</strong> on Round 1: gradient boosting for house prices"
        in (shown)
    )
    world.db.dispose()
