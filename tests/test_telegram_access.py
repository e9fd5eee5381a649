"""Who the bot serves: with CITEBOT_ALLOWED_CHATS set, a chat not on the list gets no content
for any kind of update (message, command, sticker, document, callback, inline query), and
only CITEBOT_ADMINS may add releases, re-index or read feedback."""

from __future__ import annotations

import logging
from typing import Iterator

import pytest

from retrieval import Engine, Settings

from .fake_bot_api import BOT_USERNAME, CONTENT_METHODS, BotRunner, FakeBotAPI, start_citebot

ALLOWED, GROUP, ADMIN = 10, -100, 99
STRANGER, OTHER_GROUP = 11, -200
QUESTION = "what did NAHT Cymru ask for?"
NOT_ADMIN = "Sorry, only the bot's admins can do that."


@pytest.fixture(autouse=True)
def _logs_reach_caplog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logging.getLogger("citebot"), "propagate", True)


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def bot(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings) -> Iterator[BotRunner]:
    with start_citebot(api, seed_settings, allowed_chats=frozenset({ALLOWED, GROUP}),
                       admins=frozenset({ADMIN})) as runner:
        yield runner


def _content_to(api: FakeBotAPI, chat_ids: set[int]) -> list[str]:
    return [f"{c.method} {c.params}" for c in api.calls
            if c.method in CONTENT_METHODS and c.params.get("chat_id") in chat_ids]


def test_non_allowed_chats_get_no_content_for_any_update(api: FakeBotAPI, bot: BotRunner,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="citebot")
    [answer] = api.wait_replies(api.message(ALLOWED, QUESTION))  # a real answer, to press its buttons from outside
    more = next(b["callback_data"] for row in answer.params["reply_markup"]["inline_keyboard"] for b in row
                if b["text"] == "More")
    bot_message_elsewhere = {"message_id": 999, "date": 0, "chat": api.chat(STRANGER), "from": api.bot_user,
                             "text": "x"}
    before = len(api.pushed_at)
    api.message(STRANGER, QUESTION)
    for command in ("/start", "/help", "/sources", "/status", f"/ask {QUESTION}", "/reindex", "/feedback",
                    "/add https://example.org/x"):
        api.message(STRANGER, command)
    api.sticker(STRANGER)
    api.document(STRANGER, "release.md", b"# Title\n\nText.")
    api.message(OTHER_GROUP, f"/ask {QUESTION}", user_id=ALLOWED)  # an allowed person in another group
    api.message(OTHER_GROUP, f"@{BOT_USERNAME} {QUESTION}", user_id=ADMIN)  # even an admin, in another group
    api.message(OTHER_GROUP, "thanks", user_id=5, reply_to={**bot_message_elsewhere, "chat": api.chat(OTHER_GROUP),
                                                            "from": api.bot_user})
    api.callback(bot_message_elsewhere, "m:whatever:1")
    api.callback(dict(api.message_of(answer), chat=api.chat(STRANGER)), more)
    api.inline(STRANGER, QUESTION)
    denied = set(range(before + 1, len(api.pushed_at) + 1))
    api.wait_for(lambda: all(any(r.getMessage().startswith(f"ignored update {u} ") for r in caplog.records)
                             for u in denied), what="the gate to ignore every update")
    api.wait_calls("answerInlineQuery")
    api.wait_calls("answerCallbackQuery", 2)
    assert len(denied) == 17
    assert _content_to(api, {STRANGER, OTHER_GROUP}) == []
    [inline] = api.calls_to("answerInlineQuery")
    assert inline.params["results"] == [] and inline.params["is_personal"] is True
    assert [c.params.get("text") for c in api.calls_to("answerCallbackQuery")] == [None, None]
    assert api.calls_to("getFile") == []
    assert len(api.sent()) == 1  # only the answer in the allowed chat


def test_allowed_chats_groups_admins_and_inline_are_served(api: FakeBotAPI, bot: BotRunner) -> None:
    assert "NAHT Cymru" in api.wait_replies(api.message(ALLOWED, QUESTION))[0].params["text"]
    assert "NAHT Cymru" in api.wait_replies(api.message(GROUP, f"/ask {QUESTION}", user_id=STRANGER))[0].params["text"]
    assert "NAHT Cymru" in api.wait_replies(api.message(ADMIN, QUESTION))[0].params["text"]  # admin's own chat
    api.inline(ALLOWED, QUESTION)
    [inline] = api.wait_calls("answerInlineQuery")
    assert inline.params["results"]
    [helped] = api.wait_replies(api.message(ADMIN, "/help"))
    assert "/reindex — bring the index up to date" in helped.params["text"]
    menus = [(c.params.get("scope"), [x["command"] for x in c.params["commands"]])
             for c in api.calls_to("setMyCommands")]
    assert menus == [(None, ["ask", "sources", "status", "help", "start"]),
                     ({"type": "chat", "chat_id": ADMIN}, ["ask", "sources", "status", "help", "start", "add",
                                                           "reindex", "feedback"])]


def test_only_admins_add_reindex_and_read_feedback(api: FakeBotAPI, bot: BotRunner, seed_settings: Settings) -> None:
    corpus = seed_settings.corpus[0]
    files_before = sorted(p.name for p in corpus.iterdir())
    attempts = [api.message(ALLOWED, "/reindex"), api.message(ALLOWED, "/feedback"),
                api.message(ALLOWED, "/add https://example.org/release"),
                api.document(ALLOWED, "release.md", b"---\ntitle: New\n---\nNew text.\n"),
                api.message(GROUP, "/reindex", user_id=STRANGER)]
    for message in attempts:
        [reply] = api.wait_replies(message)
        assert reply.params["text"] == NOT_ADMIN
    assert api.calls_to("getFile") == [] and api.calls_to("editMessageText") == []
    assert sorted(p.name for p in corpus.iterdir()) == files_before
    [feedback] = api.wait_replies(api.message(ADMIN, "/feedback"))
    assert feedback.params["text"] == "<b>No feedback yet.</b>"


def test_refusal_holds_even_when_closing_the_query_fails(api: FakeBotAPI, bot: BotRunner,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="citebot")
    api.fail_next("answerInlineQuery", 1, status=400, description="Bad Request: query is too old")
    api.fail_next("answerCallbackQuery", 1, status=400, description="Bad Request: query is too old")
    api.inline(STRANGER, QUESTION)
    api.callback({"message_id": 5, "date": 0, "chat": api.chat(STRANGER), "from": api.bot_user, "text": "x"},
                 "m:whatever:1")
    api.wait_for(lambda: sum("could not close the refused query" in r.getMessage() for r in caplog.records) == 2,
                 what="both refusals to fail")
    [sentinel] = api.wait_replies(api.message(ALLOWED, QUESTION))  # handled after them
    assert "NAHT Cymru" in sentinel.params["text"]
    assert api.calls_to("answerInlineQuery") == [] and api.calls_to("answerCallbackQuery") == []
    assert _content_to(api, {STRANGER}) == []

