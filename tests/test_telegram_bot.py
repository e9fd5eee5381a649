"""Conversations with the real Application polling the fake Bot API: the exact answer HTML,
buttons (More, Show paragraph, thumbs), commands, groups, inline mode, limits, long answers,
and concurrency. Every message the bot sends is also checked by the fake server the way
Telegram checks it (valid HTML, length, callback data), and a 400 fails the test."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import threading
from typing import Iterator

import pytest

from bot.cli import main
from retrieval import Answer, Citation, Engine, Quote, Settings

from .fake_bot_api import BOT_USERNAME, BotRunner, FakeBotAPI, html_problems, start_citebot
from .telegram_support import BOT_TAGS, SEED_QUESTION
from .telegram_support import NOT_COVERED as NOT_COVERED_HTML
from .telegram_support import logs_reach_caplog  # noqa: F401 - an autouse fixture

NAHT_TITLE = ("NAHT Cymru warns children with additional learning needs in Wales are being failed and calls for "
              "urgent funding")
# The first page (three quotes) of the answer to the seed question, exactly as sent.
SEED_ANSWER_HTML = (
    "<blockquote>“Children with additional learning needs (ALN) in Wales are being failed, school leaders’ union "
    "NAHT Cymru is warning as it calls for an urgent injection of funding and action to tackle a shortage of "
    "educational and child psychologists.” [1]</blockquote>\n\n"
    "<blockquote>“It says: ‘Congress calls on Welsh Government to amend the ALN code and base legislation to better "
    "reflect what schools can achieve and provide the much-needed cash investment to deliver on the demands of the "
    "code as it stands.” [2]</blockquote>\n\n"
    "<blockquote>“The motion also calls on the Welsh Government to double places on the Cardiff Educational and Child "
    "Psychologist (ECP) training course and to establish a second training course for north and mid-Wales.” [3]"
    "</blockquote>\n\n"
    "<b>Sources</b>\n"
    f"• {NAHT_TITLE} — NAHT Cymru, 21 May 2024\n"
    "  [1] paragraph 1, [2] paragraph 6, [3] paragraph 7\n\n"
    "<i>(searched releases from NAHT Cymru)</i>"
)
SEED_MORE_HTML = (
    "<blockquote>“A second NAHT Cymru motion, which also won unanimous backing, calls for progress on improved "
    "conditions of service for school leaders on the back of last year’s industrial action by NAHT Cymru members in "
    "the shape of action short of strike.” [4]</blockquote>\n\n"
    "<blockquote>“It calls upon the congress to support improved conditions of service of school leaders, including "
    "a provision for protected leave at certain times during holiday periods, as well as 'reasonable working "
    "hours’.” [5]</blockquote>\n\n"
    "<b>Sources</b>\n"
    f"• {NAHT_TITLE} — NAHT Cymru, 21 May 2024\n"
    "  [4] paragraph 12, [5] paragraph 13"
)


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server
    rejected = [(c.method, c.params.get("text")) for c in server.calls if c.outcome == "400"]
    assert not rejected, f"Telegram would have rejected: {rejected}"


@pytest.fixture
def bot(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings) -> Iterator[BotRunner]:
    with start_citebot(api, seed_settings) as runner:
        yield runner


def _buttons(call) -> list[list[tuple[str, str]]]:  # noqa: ANN001 - a Call
    markup = call.params.get("reply_markup") or {"inline_keyboard": []}
    return [[(b["text"], b["callback_data"]) for b in row] for row in markup["inline_keyboard"]]


def _callback(call, label: str) -> str:  # noqa: ANN001
    return next(data for row in _buttons(call) for text, data in row if text == label)


# -- answers -----------------------------------------------------------------------------------


def test_seed_question_gets_exact_html_buttons_and_a_reply(api: FakeBotAPI, bot: BotRunner) -> None:
    question = api.message(42, SEED_QUESTION)
    [answer] = api.wait_replies(question)
    assert answer.params["text"] == SEED_ANSWER_HTML
    assert answer.params["parse_mode"] == "HTML"
    assert answer.params["link_preview_options"] == {"is_disabled": True}
    assert answer.params["reply_parameters"] == {"message_id": question["message_id"],
                                                 "allow_sending_without_reply": True}
    assert html_problems(answer.params["text"], BOT_TAGS) == []
    buttons = _buttons(answer)
    key = buttons[0][0][1].split(":")[1]
    assert buttons == [[("Show paragraph [1]", f"p:{key}:0")], [("Show paragraph [2]", f"p:{key}:1")],
                       [("Show paragraph [3]", f"p:{key}:2")],
                       [("More", f"m:{key}:1"), ("👍", f"v:{key}:+"), ("👎", f"v:{key}:-")]]
    commands = api.calls_to("setMyCommands")
    assert [c["command"] for c in commands[0].params["commands"]] == ["ask", "sources", "status", "help", "start"]


def test_more_sends_the_next_quotes_once(api: FakeBotAPI, bot: BotRunner) -> None:
    [answer] = api.wait_replies(api.message(42, SEED_QUESTION))
    answer_message = api.message_of(answer)
    api.callback(answer_message, _callback(answer, "More"))
    [more] = api.wait_replies(answer_message)
    assert more.params["text"] == SEED_MORE_HTML
    assert [row[0][0] for row in _buttons(more)] == ["Show paragraph [4]", "Show paragraph [5]"]
    api.callback(answer_message, _callback(answer, "More"))
    api.wait_calls("answerCallbackQuery", 2)
    assert [c.params.get("text") for c in api.calls_to("answerCallbackQuery")] == [None, "Already shown above."]
    assert len(api.replies(answer_message)) == 1


def test_show_paragraph_sends_the_whole_paragraph(api: FakeBotAPI, bot: BotRunner) -> None:
    [answer] = api.wait_replies(api.message(42, SEED_QUESTION))
    answer_message = api.message_of(answer)
    api.callback(answer_message, _callback(answer, "Show paragraph [2]"))
    [paragraph] = api.wait_replies(answer_message)
    assert paragraph.params["text"] == (
        "<blockquote>“It says: ‘Congress calls on Welsh Government to amend the ALN code and base legislation to "
        "better reflect what schools can achieve and provide the much-needed cash investment to deliver on the "
        "demands of the code as it stands. Children are being failed and we cannot sit back and let this happen.’” "
        "[2]</blockquote>\n\n<b>Sources</b>\n"
        f"• {NAHT_TITLE} — NAHT Cymru, 21 May 2024\n  [2] paragraph 6")


def test_votes_are_stored_and_listed_by_citebot_feedback(api: FakeBotAPI, bot: BotRunner,
                                                         seed_settings: Settings) -> None:
    [answer] = api.wait_replies(api.message(42, SEED_QUESTION))
    api.callback(api.message_of(answer), _callback(answer, "👍"))
    api.callback(api.message_of(answer), _callback(answer, "👎"), user_id=43)  # someone else, same answer
    api.wait_calls("answerCallbackQuery", 2)
    assert {c.params["text"] for c in api.calls_to("answerCallbackQuery")} == {"Thanks for the feedback!"}
    out = io.StringIO()
    assert main(["feedback", "--index", str(seed_settings.index_dir), "--json"], out=out) == 0
    rows = sorted((json.loads(line) for line in out.getvalue().splitlines()), key=lambda r: r["user_id"])
    assert [(r["chat_id"], r["user_id"], r["vote"], r["question"]) for r in rows] == [
        (42, 42, 1, SEED_QUESTION), (42, 43, -1, SEED_QUESTION)]
    assert rows[0]["answer"].lstrip().startswith("“Children with additional learning needs")
    assert dt.datetime.fromisoformat(rows[0]["at"]).tzinfo is not None


def test_expired_or_foreign_buttons_say_so(api: FakeBotAPI, bot: BotRunner) -> None:
    [answer] = api.wait_replies(api.message(42, SEED_QUESTION))
    for data in ("m:unknownk:1", "p:unknownk:0", "v:unknownk:+"):  # every kind of button: More, paragraph, vote
        api.callback(api.message_of(answer), data)
    foreign = dict(api.message_of(answer), chat=api.chat(77))  # another chat pressing this answer's buttons
    for label in ("More", "Show paragraph [1]", "👍"):
        api.callback(foreign, _callback(answer, label))
    api.wait_calls("answerCallbackQuery", 6)
    assert [c.params["text"] for c in api.calls_to("answerCallbackQuery")] == [
        "This answer is too old for its buttons; please ask again."] * 6
    assert len(api.sent()) == 1


def test_uncovered_question_gets_a_polite_pointer_to_sources(api: FakeBotAPI, bot: BotRunner) -> None:
    [reply] = api.wait_replies(api.message(42, "what is the price of fish in Tokyo?"))
    assert reply.params["text"] == NOT_COVERED_HTML
    assert "reply_markup" not in reply.params


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice"])
def test_non_text_messages_get_a_hint(api: FakeBotAPI, bot: BotRunner, kind: str) -> None:
    message = getattr(api, kind)(42)
    [reply] = api.wait_replies(message)
    assert reply.params["text"] == "Please send your question as a text message."


def test_long_questions_and_too_many_questions_get_clear_replies(api: FakeBotAPI, seed_engine: Engine,
                                                                 seed_settings: Settings) -> None:
    with start_citebot(api, seed_settings, user_limit=2, user_window=600):
        long = api.message(42, "why " * 251)  # 1,004 characters
        [reply] = api.wait_replies(long)
        assert reply.params["text"] == ("Your question is 1,003 characters long; please keep it under 1,000 "
                                        "characters and ask again.")
        questions = [api.message(42, SEED_QUESTION) for _ in range(4)]
        api.wait_for(lambda: all(api.replies(q) for q in questions[:3]), what="three replies")
        assert [api.replies(q)[0].params["text"] for q in questions[:2]] == [SEED_ANSWER_HTML] * 2
        [slow] = api.replies(questions[2])
        assert slow.params["text"] == ("You're asking faster than I can answer. Please wait 600 seconds before the "
                                       "next question.")
        other = api.message(43, SEED_QUESTION)  # another person is not held back
        api.wait_replies(other)
        assert api.replies(questions[3]) == []  # told once, then quiet


# -- commands -------------------------------------------------------------------------------------


def test_start_help_sources_status_and_ask(api: FakeBotAPI, bot: BotRunner) -> None:
    [start] = api.wait_replies(api.message(42, "/start"))
    assert start.params["text"] == (
        "<b>Citebot</b> answers questions about press releases by quoting them word for word, with the source of "
        "every quote.\n\nAsk a question in a message, for example:\n• What did NAHT Cymru ask for?\n"
        "• What did ASCL Cymru say about funding?\n• What does NAHT Cymru want the government to do?\n\n"
        "/sources lists the releases; /help says more.")
    [helped] = api.wait_replies(api.message(42, "/help"))
    assert f"mention me (@{BOT_USERNAME} <i>question</i>)" in helped.params["text"]
    assert "/reindex" not in helped.params["text"]  # not an admin
    [sources] = api.wait_replies(api.message(42, "/sources"))
    assert sources.params["text"] == (
        "<b>2 releases</b>\n"
        f"• 21 May 2024 — NAHT Cymru: {NAHT_TITLE}\n"
        "• 27 November 2014 — ASCL Cymru: ASCL Cymru challenges education minister to devolve decision-making to "
        "school leaders")
    [status] = api.wait_replies(api.message(42, "/status"))
    lines = status.params["text"].split("\n")
    assert lines[:7] == ["<b>Index</b>", "Documents: 2", "Passages: 30", "Organisations: ASCL Cymru (1), NAHT Cymru (1)",
                         "Dates: 27 November 2014 to 21 May 2024", "Model: none", "Vectors: none"]
    assert re.fullmatch(r"Last indexed: \d{1,2} [A-Z][a-z]+ \d{4} \d\d:\d\d UTC \(generation 1\)", lines[7])
    assert len(lines) == 8
    [asked] = api.wait_replies(api.message(42, f"/ask {SEED_QUESTION}"))
    assert asked.params["text"] == SEED_ANSWER_HTML
    [usage] = api.wait_replies(api.message(42, "/ask"))
    assert usage.params["text"] == "Ask a question after the command, e.g. /ask what did the union call for?"
    [unknown] = api.wait_replies(api.message(42, "/frobnicate"))
    assert unknown.params["text"] == "I don't know that command; /help lists what I can do."


def test_start_sources_deep_link_lists_the_releases(api: FakeBotAPI, bot: BotRunner) -> None:
    [reply] = api.wait_replies(api.message(42, "/start sources"))
    assert reply.params["text"].startswith("<b>2 releases</b>\n• 21 May 2024 — NAHT Cymru")


# -- groups -----------------------------------------------------------------------------------------


def test_groups_answer_ask_mentions_and_replies_only(api: FakeBotAPI, bot: BotRunner) -> None:
    group = -1001
    chatter = api.message(group, "what did NAHT Cymru ask for? anyone know?", user_id=5)
    mention = api.message(group, f"@{BOT_USERNAME} {SEED_QUESTION}", user_id=5)
    [answer] = api.wait_replies(mention)
    assert answer.params["text"] == SEED_ANSWER_HTML
    follow_up = api.message(group, "and what about psychologists?", user_id=6, reply_to=api.message_of(answer))
    [follow] = api.wait_replies(follow_up)
    assert "psychologist" in follow.params["text"].lower()
    other = api.message(group, "who was that?", user_id=6, reply_to=chatter)  # a reply to a person
    asked = api.message(group, f"/ask@{BOT_USERNAME} {SEED_QUESTION}", user_id=7)
    asked_plain = api.message(group, f"/ask {SEED_QUESTION}", user_id=8)
    other_bot = api.message(group, f"/ask@some_other_bot {SEED_QUESTION}", user_id=8)
    api.wait_replies(asked)
    api.wait_replies(asked_plain)
    sentinel = api.message(group, f"/ask {SEED_QUESTION}", user_id=9)
    api.wait_replies(sentinel)
    assert api.replies(chatter) == [] and api.replies(other) == [] and api.replies(other_bot) == []
    assert len(api.sent(group)) == 5


# -- inline mode -------------------------------------------------------------------------------------


def test_inline_query_offers_quotes_with_citations(api: FakeBotAPI, bot: BotRunner) -> None:
    api.inline(42, SEED_QUESTION)
    [call] = api.wait_calls("answerInlineQuery")
    results = call.params["results"]
    assert 1 <= len(results) <= 10
    assert len({r["id"] for r in results}) == len(results)
    first = results[0]
    assert first["type"] == "article" and first["title"] == "NAHT Cymru, 21 May 2024"
    assert first["description"].startswith("“Children with additional learning needs (ALN) in Wales")
    assert call.params["is_personal"] is True  # never cached across users (the allowlist)
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert content["message_text"] == (
        "<blockquote>“Children with additional learning needs (ALN) in Wales are being failed, school leaders’ union "
        "NAHT Cymru is warning as it calls for an urgent injection of funding and action to tackle a shortage of "
        "educational and child psychologists.” [1]</blockquote>\n\n<b>Sources</b>\n"
        f"• {NAHT_TITLE} — NAHT Cymru, 21 May 2024\n  [1] paragraph 1")
    assert all(html_problems(r["input_message_content"]["message_text"], BOT_TAGS) == [] for r in results)


def test_inline_query_not_covered_offers_the_sources_button(api: FakeBotAPI, bot: BotRunner) -> None:
    api.inline(42, "price of fish in Tokyo")
    api.inline(42, "hi")  # too short to search
    calls = api.wait_calls("answerInlineQuery", 2)
    by_results = sorted(calls, key=lambda c: "button" in c.params)
    assert by_results[0].params["results"] == []
    assert by_results[1].params["results"] == []
    assert by_results[1].params["button"] == {"text": "Not covered: see the releases", "start_parameter": "sources"}


# -- long answers and concurrency ----------------------------------------------------------------------


class CannedEngine(Engine):
    """Answers one question with a prepared Answer; can hold questions until released."""

    def __init__(self, settings: Settings, canned: dict[str, Answer], hold: dict[str, threading.Event]) -> None:
        super().__init__(settings, encoder=None)
        self.canned, self.hold = canned, hold

    def answer(self, question: str, **kw: object) -> Answer:  # type: ignore[override]
        if question in self.hold:
            assert self.hold[question].wait(10)
        return self.canned.get(question) or super().answer(question, **kw)


def _long_answer() -> Answer:
    def c(n: int) -> Citation:
        return Citation(n, f"doc{n}", f"Release {n} & <more>", "Org", dt.date(2024, 1, n), n, f"doc{n}.md",
                        f"https://example.org/{n}?a=1&b=2")

    quotes = (Quote("Budget " * 500 + "<end> & done.", 1.0, c(1)),  # 3,500 characters: a message of its own
              Quote("Pay " * 300 + "rise.", 0.9, c(2)), Quote("Short one.", 0.8, c(3)), Quote("Next page.", 0.7, c(4)))
    return Answer("long?", True, quotes)


def test_long_answers_are_split_at_quote_boundaries(api: FakeBotAPI, seed_engine: Engine,
                                                    seed_settings: Settings) -> None:
    engine = CannedEngine(seed_settings.with_(memory_snapshot=True), {"long?": _long_answer()}, {})
    with start_citebot(api, seed_settings, engine=engine):
        question = api.message(42, "long?")
        api.wait_for(lambda: len(api.sent(42)) >= 2 and "reply_markup" in api.sent(42)[-1].params)
        messages = api.sent(42)
    texts = [m.params["text"] for m in messages]
    assert len(texts) == 2
    assert all(len(t) <= 4096 and html_problems(t, BOT_TAGS) == [] for t in texts)
    assert texts[0].startswith("<blockquote>“Budget Budget") and texts[0].endswith("&lt;end&gt; &amp; done.” [1]"
                                                                                     "</blockquote>")
    assert texts[1].startswith("<blockquote>“Pay Pay") and "“Short one.” [3]</blockquote>" in texts[1]
    assert '<a href="https://example.org/1?a=1&amp;b=2">Release 1 &amp; &lt;more&gt;</a>' in texts[1]
    assert "Next page" not in "".join(texts)  # the fourth quote waits for More
    assert messages[0].reply_to == question["message_id"] and messages[1].reply_to is None
    assert "reply_markup" not in messages[0].params and _callback(messages[1], "More")


def test_a_slow_question_does_not_hold_up_others(api: FakeBotAPI, seed_engine: Engine,
                                                 seed_settings: Settings) -> None:
    release = threading.Event()
    engine = CannedEngine(seed_settings.with_(memory_snapshot=True), {}, {"slow question about NAHT": release})
    with start_citebot(api, seed_settings, engine=engine):
        slow = api.message(42, "slow question about NAHT")
        fast = [api.message(100 + i, SEED_QUESTION) for i in range(3)]
        for message in fast:
            assert api.wait_replies(message)[0].params["text"] == SEED_ANSWER_HTML
        assert api.replies(slow) == []
        release.set()
        api.wait_replies(slow)
