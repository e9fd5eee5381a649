"""Who the bot serves: with CITEBOT_ALLOWED_CHATS set, a chat not on the list gets no content
for any kind of update (message, command, sticker, document, callback, inline query, edited
message, channel post, membership change), and only CITEBOT_ADMINS may add releases, re-index
or read feedback. Edited messages and channel posts are never answered, in allowed chats
either: an edit would get a second answer to one question, and a channel has no one asking."""

from __future__ import annotations

import json
import logging
import time
from typing import Iterator

import pytest

from retrieval import Engine, Settings

from .fake_bot_api import BOT_USERNAME, BotRunner, FakeBotAPI, start_citebot
from .telegram_support import NOT_ADMIN
from .telegram_support import SEED_QUESTION as QUESTION
from .telegram_support import (
    api,  # noqa: F401 - a fixture
    content_to,
    logs_reach_caplog,  # noqa: F401 - an autouse fixture
    push_channel_post,
    push_edited,
)

ALLOWED, GROUP, ADMIN, CHANNEL = 10, -100, 99, -1009
STRANGER, OTHER_GROUP, OTHER_CHANNEL = 11, -200, -1008


@pytest.fixture
def bot(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings) -> Iterator[BotRunner]:
    with start_citebot(api, seed_settings, allowed_chats=frozenset({ALLOWED, GROUP, CHANNEL}),
                       admins=frozenset({ADMIN})) as runner:
        yield runner


def corpus_snippets(engine: Engine) -> list[str]:
    """Pieces of every title and paragraph of the corpus, as they would appear in a reply."""
    snippets = []
    for doc in engine.documents():
        snippets.append(doc.title[:40])
        for p in engine.passages_of(doc.doc_id):
            text = " ".join(p.text.split())
            snippets += [text[i:i + 40] for i in range(0, max(1, len(text) - 40), 60)]
    return [s for s in snippets if len(s) >= 20 and not set(s) & set("<>&")]


def calls_with_corpus_text(api: FakeBotAPI, snippets: list[str], *, except_chats: set[int]) -> list[str]:
    """Outgoing calls (everything but getUpdates, which carries what people sent) holding corpus text."""
    leaks = []
    for c in api.calls:
        if c.method == "getUpdates" or c.params.get("chat_id") in except_chats:
            continue
        sent = json.dumps(c.params, ensure_ascii=False)
        leaks += [f"{c.method}: {s!r}" for s in snippets if s in sent]
    return leaks


def test_non_allowed_chats_get_no_content_for_any_update(api: FakeBotAPI, bot: BotRunner, seed_engine: Engine,
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
    own = api.message(STRANGER, "a question I will edit")
    push_edited(api, own, QUESTION)  # an edited message
    push_edited(api, api.message(STRANGER, "/help"), "/reindex")  # an edited command
    push_channel_post(api, OTHER_CHANNEL, QUESTION)  # channel posts
    push_channel_post(api, OTHER_CHANNEL, "/sources")
    push_channel_post(api, OTHER_CHANNEL, f"/ask {QUESTION}", edited=True)
    api.push({"my_chat_member": {  # the bot added to a group no one allowed
        "chat": api.chat(OTHER_GROUP), "from": api.user(STRANGER), "date": int(time.time()),
        "old_chat_member": {"status": "left", "user": api.bot_user},
        "new_chat_member": {"status": "member", "user": api.bot_user}}})
    api.push({"chosen_inline_result": {"result_id": "q0", "from": api.user(STRANGER), "query": QUESTION}})
    denied = set(range(before + 1, len(api.pushed_at) + 1))
    api.wait_for(lambda: all(any(r.getMessage().startswith(f"ignored update {u} ") for r in caplog.records)
                             for u in denied), what="the gate to ignore every update")
    api.wait_calls("answerInlineQuery")
    api.wait_calls("answerCallbackQuery", 2)
    assert len(denied) == 26
    assert content_to(api, {STRANGER, OTHER_GROUP, OTHER_CHANNEL}) == []
    assert calls_with_corpus_text(api, corpus_snippets(seed_engine), except_chats={ALLOWED}) == []
    [inline] = api.calls_to("answerInlineQuery")
    assert inline.params["results"] == [] and inline.params["is_personal"] is True
    assert [c.params.get("text") for c in api.calls_to("answerCallbackQuery")] == [None, None]
    assert api.calls_to("getFile") == []
    assert len(api.sent()) == 1  # only the answer in the allowed chat
    assert {c.method for c in api.calls} <= {"getMe", "setMyCommands", "deleteWebhook", "getUpdates", "sendMessage",
                                             "answerInlineQuery", "answerCallbackQuery"}


def test_edited_messages_and_channel_posts_are_never_answered(api: FakeBotAPI, bot: BotRunner,
                                                              seed_settings: Settings) -> None:
    corpus = seed_settings.corpus[0]
    files = sorted(p.name for p in corpus.iterdir())
    asked = api.message(ALLOWED, "a question I will edit")
    [first] = api.wait_replies(asked)
    push_edited(api, asked, QUESTION)
    helped = api.message(ALLOWED, "/help")
    push_edited(api, helped, "/reindex")  # a non-admin's edit into an admin command
    admin_message = api.message(ADMIN, "hello")
    push_edited(api, admin_message, "/reindex")  # even an admin's: edits are not commands
    push_channel_post(api, CHANNEL, QUESTION)  # an allowed channel
    push_channel_post(api, CHANNEL, "/reindex")
    push_channel_post(api, CHANNEL, f"/ask {QUESTION}", edited=True)
    [sentinel] = api.wait_replies(api.message(ALLOWED, QUESTION))  # handled after all of them
    assert "NAHT Cymru" in sentinel.params["text"]
    bot.wait_idle(api)  # every update handled: a reply to an edit would have been sent by now
    replies = [c for c in api.sent() if c.params["chat_id"] == ALLOWED]
    [help_reply] = api.replies(helped)
    assert len(replies) == 3 and all(r in replies for r in (first, help_reply, sentinel))  # nothing for the edits
    assert api.sent(CHANNEL) == [] and api.calls_to("editMessageText") == []
    assert [c.params["text"][:40] for c in api.sent(ADMIN)] == ["The releases in the corpus don't cover t"]
    assert sorted(p.name for p in corpus.iterdir()) == files


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
    assert content_to(api, {STRANGER}) == []

