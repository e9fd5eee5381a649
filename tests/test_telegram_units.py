"""The Telegram front end's parts that need no server: configuration, the token and its
redaction, the answer cache and question limits, callback data, the HTML of answer pages,
paragraphs and inline results, and the `citebot feedback` and `citebot bot` commands' errors."""

from __future__ import annotations

import re

import argparse
import asyncio
import datetime as dt
import io
import json
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from bot.cli import main
from bot.feedback import FeedbackStore, feedback_path
from bot.telegram_config import BotConfig, SecretRedactor, parse_ids, protect_secrets, read_token
from bot.telegram_state import AnswerCache, Entry, QuestionLimiter
from bot.telegram_views import (
    answer_keyboard,
    answer_page,
    callback_data,
    chunk_lines,
    inline_message,
    page_count,
    paragraph_messages,
    parse_callback,
)
from retrieval import Answer, Citation, CitebotError, Passage, Quote, Settings

from .fake_bot_api import TOKEN, html_problems
from .telegram_support import BOT_TAGS


def _args(**kw: object) -> argparse.Namespace:
    return argparse.Namespace(**{"webhook_url": None, "listen": None, "port": None, "secret_token": None,
                                 "token_file": None, **kw})


# -- configuration ----------------------------------------------------------------


def test_config_reads_allowlist_admins_limits_and_base_url() -> None:
    config = BotConfig.from_env({
        "CITEBOT_ALLOWED_CHATS": " 123, -1001234567890 ,,", "CITEBOT_ADMINS": "42;43",
        "CITEBOT_QUESTION_LIMIT": "5/30", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/",
        "CITEBOT_MAX_UPLOAD_MB": "2",
    }, _args())
    assert config.allowed_chats == {123, -1001234567890}
    assert config.admins == {42, 43}
    assert (config.user_limit, config.user_window) == (5, 30.0)
    assert config.api_base_url == "http://127.0.0.1:8081"
    assert config.max_upload_bytes == 2 * 1024 * 1024
    assert config.webhook is None
    empty = BotConfig.from_env({}, None)
    assert empty.allowed_chats == frozenset() and empty.admins == frozenset() and empty.api_base_url is None


@pytest.mark.parametrize("env, fragment", [
    ({"CITEBOT_ALLOWED_CHATS": "123,abc"}, "CITEBOT_ALLOWED_CHATS: 'abc' is not a chat id"),
    ({"CITEBOT_ADMINS": "@someone"}, "CITEBOT_ADMINS: '@someone' is not a user id"),
    ({"CITEBOT_QUESTION_LIMIT": "ten a minute"}, "CITEBOT_QUESTION_LIMIT='ten a minute' must be N/SECONDS"),
    ({"CITEBOT_QUESTION_LIMIT": "0/60"}, "must be N/SECONDS"),
    ({"TELEGRAM_API_BASE_URL": "localhost:8081"}, "TELEGRAM_API_BASE_URL='localhost:8081' is not an http(s) URL"),
    ({"CITEBOT_MAX_UPLOAD_MB": "50"}, "CITEBOT_MAX_UPLOAD_MB='50' must be a number of megabytes from 0 to 20"),
])
def test_bad_config_values_give_one_line_errors(env: dict[str, str], fragment: str) -> None:
    with pytest.raises(CitebotError) as e:
        BotConfig.from_env(env, _args())
    assert fragment in str(e.value)
    assert "\n" not in str(e.value)


def test_webhook_flags_are_checked() -> None:
    ok = BotConfig.from_env({"TELEGRAM_WEBHOOK_SECRET": "s3cret_-x"},
                            _args(webhook_url="https://bot.example.org/citebot/hook", listen="0.0.0.0", port=8443))
    assert ok.webhook is not None
    assert (ok.webhook.path, ok.webhook.listen, ok.webhook.port, ok.webhook.secret_token) == \
        ("citebot/hook", "0.0.0.0", 8443, "s3cret_-x")
    for kw, fragment in [
        ({"webhook_url": "http://bot.example.org/x", "secret_token": "abc"},
         "^--webhook-url 'http://bot.example.org/x' is plain http: Telegram posts updates only to https URLs "
         r"\(http is allowed only for 127.0.0.1 and localhost, for testing\)$"),
        ({"webhook_url": "https://bot.example.org", "secret_token": "abc"}, "needs a path"),
        ({"webhook_url": "https://bot.example.org/x"}, "needs --secret-token"),
        ({"webhook_url": "https://bot.example.org/x", "secret_token": "has space"}, "may only hold"),
        ({"webhook_url": "https://bot.example.org/x", "secret_token": "abc", "port": 70000}, "not a port"),
    ]:
        with pytest.raises(CitebotError, match=fragment):
            BotConfig.from_env({}, _args(**kw))
    for local in ("http://127.0.0.1:8443/hook", "http://localhost/hook", "http://[::1]:80/hook"):
        config = BotConfig.from_env({}, _args(webhook_url=local, secret_token="abc"))
        assert config.webhook is not None and config.webhook.path == "hook"


@pytest.mark.parametrize("base", ["http://127.0.0.1:8081", "http://127.0.0.1:8081/", "http://127.0.0.1:8081/bot",
                                  "http://127.0.0.1:8081/bot/", " http://127.0.0.1:8081/bot "])
def test_api_base_url_is_the_server_root_with_or_without_bot(base: str) -> None:
    config = BotConfig.from_env({"TELEGRAM_API_BASE_URL": base}, _args())
    assert (config.api_base_url, config.server) == ("http://127.0.0.1:8081", "http://127.0.0.1:8081")
    assert BotConfig.from_env({"TELEGRAM_API_BASE_URL": "https://example.org/tg/bot"}, _args()).api_base_url == \
        "https://example.org/tg"
    assert BotConfig().server == "https://api.telegram.org"


def test_failing_requests_name_the_server_and_after_a_while_say_once_what_to_check(
        caplog: pytest.LogCaptureFixture) -> None:
    from telegram.error import NetworkError

    from bot.telegram import PatientRateLimiter

    limiter = PatientRateLimiter(0, 0, 1, server="http://127.0.0.1:9", note_after=0.05)
    calls = []

    async def unreachable() -> None:
        calls.append(1)
        await asyncio.sleep(0.03)
        raise NetworkError("httpx.ConnectError: All connection attempts failed")

    async def answered() -> bool:
        return True

    async def scenario() -> None:
        for _ in range(2):  # the first outage is noted once; an answer resets it
            for _ in range(2):
                with pytest.raises(NetworkError):
                    await limiter.process_request(unreachable, (), {}, "getMe", {}, None)
            assert await limiter.process_request(answered, (), {}, "getMe", {}, None) is True

    caplog.set_level(logging.WARNING, logger="citebot")
    asyncio.run(scenario())
    failed = "getMe failed at http://127.0.0.1:9 (httpx.ConnectError: All connection attempts failed); retrying in"
    advice = ("the Bot API at http://127.0.0.1:9 has not answered for 0.05 seconds; check that the server is running "
              "and reachable from here, and TELEGRAM_API_BASE_URL (the server's root, e.g. http://localhost:8081)")
    messages = [r.getMessage() for r in caplog.records]
    assert len(calls) == 8  # 2 outages x 2 requests x (1 + 1 retry)
    assert [m for m in messages if m.startswith(failed)] == [f"{failed} 0.5 s"] * 4
    assert [m for m in messages if not m.startswith(failed)] == [advice, advice]


def test_a_rejected_token_names_the_server_only_when_it_is_not_telegram() -> None:
    from bot.telegram import rejected_token_message

    assert rejected_token_message(BotConfig()) == ("Telegram rejected the bot token; check TELEGRAM_BOT_TOKEN or the "
                                                   "token file")
    assert rejected_token_message(BotConfig(api_base_url="http://localhost:8081")) == (
        "the Bot API at http://localhost:8081 rejected the bot token; check TELEGRAM_BOT_TOKEN or the token file, "
        "and TELEGRAM_API_BASE_URL (the server's root)")


def test_the_advice_for_telegram_itself_is_about_this_machine() -> None:
    from bot.telegram import unreachable_advice

    assert unreachable_advice("https://api.telegram.org", 180) == (
        "the Bot API at https://api.telegram.org has not answered for 3 minutes; check this machine's internet "
        "connection, DNS, and any proxy or firewall (the bot needs outgoing HTTPS to api.telegram.org)")


def test_allowlist_rules() -> None:
    public = BotConfig()
    assert public.allows(5, "private", 5) and public.allows(-100, "supergroup", 7) and public.allows(None, "sender", 7)
    config = BotConfig(allowed_chats=frozenset({10, -100}), admins=frozenset({99}))
    assert config.allows(10, "private", 10)
    assert config.allows(-100, "supergroup", 12345)           # anyone in an allowed group
    assert not config.allows(11, "private", 11)
    assert not config.allows(-200, "supergroup", 10)          # an allowed user in another group
    assert config.allows(99, "private", 99)                   # an admin's own chat
    assert not config.allows(-200, "supergroup", 99)          # but not an admin in any group
    assert config.allows(None, "sender", 10) and config.allows(None, "sender", 99)  # inline queries
    assert not config.allows(None, "sender", 11)
    assert config.is_admin(99) and not config.is_admin(10) and not config.is_admin(None)


def test_parse_ids_accepts_blank() -> None:
    assert parse_ids("  ", "X", "chat") == frozenset()


# -- the token -----------------------------------------------------------------------------


def test_token_from_env_or_file(tmp_path: Path) -> None:
    assert read_token(_args(), {"TELEGRAM_BOT_TOKEN": f"  {TOKEN}\n"}) == TOKEN
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n")
    assert read_token(_args(token_file=path), {"TELEGRAM_BOT_TOKEN": "1:other-token-xxxxxxxx"}) == TOKEN


def test_token_errors_are_clear_and_never_contain_it(tmp_path: Path) -> None:
    with pytest.raises(CitebotError, match="no bot token: set TELEGRAM_BOT_TOKEN or pass --token-file"):
        read_token(_args(), {})
    with pytest.raises(CitebotError, match="cannot read the token file"):
        read_token(_args(token_file=tmp_path / "missing"), {})
    bad = "not a token but a secret 123"
    with pytest.raises(CitebotError) as e:
        read_token(_args(), {"TELEGRAM_BOT_TOKEN": bad})
    assert "does not hold a bot token" in str(e.value) and bad not in str(e.value)


def test_redactor_cleans_message_args_traceback_and_quoted_forms() -> None:
    redactor = SecretRedactor()
    redactor.add(TOKEN)
    secret_part = TOKEN.split(":", 1)[1]
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
    except RuntimeError as e:
        record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "HTTP Request: POST %s %r",
                                   (f"http://h/bot{TOKEN}/getMe", TOKEN.replace(":", "%3A")),
                                   (type(e), e, e.__traceback__))
    redactor.filter(record)
    text = logging.Formatter().format(record)
    assert TOKEN not in text and secret_part not in text
    assert "HTTP Request: POST http://h/bot<redacted>/getMe" in text
    assert "RuntimeError: The token `<redacted>` was rejected" in text


def test_protect_secrets_covers_records_of_every_logger(caplog: pytest.LogCaptureFixture) -> None:
    token = "7000123:AnotherSecretTokenForRedaction_42"
    protect_secrets(token)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("httpx").warning("POST https://api.telegram.org/bot%s/sendMessage", token)
    logging.getLogger("some.library").error("failed", exc_info=ValueError(token))
    assert token not in caplog.text and token.split(":")[1] not in caplog.text
    assert "bot<redacted>/sendMessage" in caplog.text


# -- state -----------------------------------------------------------------------------------


def _answer(n: int, question: str = "q") -> Answer:
    quotes = tuple(Quote(f"quote number {i}", 1.0, Citation(i, "doc", "Title", "Org", dt.date(2024, 5, 21), i,
                                                            "doc.md", None)) for i in range(1, n + 1))
    return Answer(question, bool(quotes), quotes)


def test_answer_cache_forgets_the_least_recently_used() -> None:
    cache = AnswerCache(2)
    a, b = cache.put(Entry("a", _answer(1), 1)), cache.put(Entry("b", _answer(1), 1))
    assert len(a) == 8 and a != b
    assert cache.get(a).question == "a"  # a is now the most recent
    c = cache.put(Entry("c", _answer(1), 1))
    assert cache.get(b) is None and cache.get(a) is not None and cache.get(c) is not None
    assert len(cache) == 2


def test_question_limiter_allows_n_per_window_and_warns_once() -> None:
    now = [0.0]
    limiter = QuestionLimiter(3, 60.0, clock=lambda: now[0])
    assert [limiter.check("u")[0] for _ in range(3)] == [True, True, True]
    allowed, wait = limiter.check("u")
    assert not allowed and wait == pytest.approx(60.0)
    assert limiter.check("u") == (False, None)  # told once already
    assert limiter.check("other") == (True, None)
    now[0] = 30.0
    assert limiter.check("u") == (False, None)
    now[0] = 60.5  # the first three have left the window
    assert limiter.check("u") == (True, None)


# -- callback data and pages -------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["m", "p", "v"]))
def test_callback_data_round_trips_within_64_bytes(arg: int, action: str) -> None:
    key = AnswerCache(1).put(Entry("q", _answer(1), 1))
    data = callback_data(action, key, arg)
    assert len(data.encode()) <= 64
    assert parse_callback(data) == (action, key, str(arg))


def test_parse_callback_rejects_foreign_data() -> None:
    assert parse_callback(None) is None and parse_callback("x:1:2") is None and parse_callback("m::1") is None


def test_keyboard_pages_and_buttons() -> None:
    answer = _answer(5)
    assert page_count(answer, 3) == 2
    first = answer_keyboard("KEY", answer, 0, 3).inline_keyboard
    assert [[b.text for b in row] for row in first] == [
        ["Show paragraph [1]"], ["Show paragraph [2]"], ["Show paragraph [3]"], ["More", "👍", "👎"]]
    assert [b.callback_data for b in first[-1]] == ["m:KEY:1", "v:KEY:+", "v:KEY:-"]
    second = answer_keyboard("KEY", answer, 1, 3).inline_keyboard
    assert [[b.text for b in row] for row in second] == [["Show paragraph [4]"], ["Show paragraph [5]"]]
    assert [b.callback_data for row in second for b in row] == ["p:KEY:3", "p:KEY:4"]


_text = st.text(alphabet=st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs", "Cc")), min_size=1,
                max_size=2500).filter(lambda s: s.strip())
_citation = st.builds(
    Citation, n=st.integers(1, 20), doc_id=st.sampled_from(["a", "b", "c"]), title=_text,
    source=st.one_of(st.none(), _text), date=st.one_of(st.none(), st.dates()), paragraph=st.integers(1, 99),
    path=st.just("x.md"), url=st.sampled_from([None, 'https://example.org/a?b=1&c="2"<x>']),
)


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.builds(Quote, text=_text, score=st.floats(0, 1), citation=_citation), min_size=1, max_size=7),
       st.lists(_text, max_size=2), st.integers(1, 4))
def test_answer_pages_are_valid_telegram_html_within_the_limit(quotes: list[Quote], notes: list[str],
                                                              per_page: int) -> None:
    answer = Answer("q", True, tuple(quotes), notes=tuple(notes))
    for page in range(page_count(answer, per_page)):
        messages = answer_page(answer, page, per_page)
        for message in messages:
            assert len(message) <= 4096
            assert html_problems(message, BOT_TAGS) == []
        # each quote's marker ends its block: "[2]", or "[2, 9 December 2015]" when the releases span years
        markers = {rf"\[{q.citation.n}(?:, \d{{1,2}} [A-Z][a-z]+ \d{{1,4}})?\]</blockquote>"
                   for q in quotes[page * per_page:(page + 1) * per_page]}
        assert all(any(re.search(m, msg) for msg in messages) for m in markers)


def test_paragraph_is_whole_and_keeps_its_marker() -> None:
    c = Citation(4, "doc", "Title <&>", "Org", dt.date(2024, 5, 21), 7, "doc.md", "https://e.org/?a=1&b=2")
    parts = [Passage("doc", 7, 50, 80, "second   part.", part=2), Passage("doc", 7, 0, 49, "First part <b>", part=1)]
    [message] = paragraph_messages("q", c, parts)
    assert message.startswith("<blockquote>“First part &lt;b&gt; second part.” [4]</blockquote>")
    assert '<a href="https://e.org/?a=1&amp;b=2">Title &lt;&amp;&gt;</a>' in message
    assert "[4] paragraph 7" in message
    assert html_problems(message, BOT_TAGS) == []


def test_inline_message_is_one_quote_numbered_1() -> None:
    answer = _answer(3)
    message = inline_message(answer, answer.quotes[2])
    assert message.startswith("<blockquote>“quote number 3” [1]</blockquote>")
    assert "[1] paragraph 3" in message and "[3]" not in message


def test_chunk_lines_splits_between_lines_within_the_limit() -> None:
    lines = [f"• <b>line {i}</b> &amp; more" for i in range(400)]
    chunks = chunk_lines("\n".join(lines), limit=1000)
    assert len(chunks) > 1 and all(len(c) <= 1000 for c in chunks)
    assert "\n".join(chunks) == "\n".join(lines)
    [cut] = chunk_lines("<b>" + "word &amp; " * 1000 + "</b>", limit=500)
    assert len(cut) <= 500 and html_problems(cut, BOT_TAGS) == []


# -- commands ------------------------------------------------------------------------------------


def test_feedback_command_lists_votes(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index")
    out = io.StringIO()
    assert main(["feedback", "--index", str(settings.index_dir)], out=out) == 0
    assert out.getvalue() == "No feedback yet.\n"
    store = FeedbackStore(feedback_path(settings))
    store.record(answer_key="k1", chat_id=5, user_id=5, question="what did NAHT Cymru ask for?",
                 answer="“funding” [1]", vote=1)
    store.record(answer_key="k1", chat_id=5, user_id=5, question="what did NAHT Cymru ask for?",
                 answer="“funding” [1]", vote=-1)  # changes the vote
    store.record(answer_key="k2", chat_id=-100, user_id=6, question="pay?", answer="“8 per cent” [1]", vote=1)
    store.close()
    out = io.StringIO()
    assert main(["feedback", "--index", str(settings.index_dir)], out=out) == 0
    text = out.getvalue()
    assert text.startswith("2 votes: 1 up, 1 down\n")
    assert "-1  chat 5  user 5  Q: what did NAHT Cymru ask for?" in text and "A: “funding” [1]" in text
    out = io.StringIO()
    assert main(["feedback", "--index", str(settings.index_dir), "--limit", "1"], out=out) == 0
    assert out.getvalue().startswith("1 vote: 1 up, 0 down\n") and "Q: pay?" in out.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert main(["feedback", "--index", str(settings.index_dir), "--limit", "0"], out=out, err=err) == 2
    assert (out.getvalue(), err.getvalue()) == ("", "citebot: argument --limit: must be 1 or more, not 0; leave it "
                                                    "out for all (see: citebot feedback --help)\n")
    out = io.StringIO()
    assert main(["feedback", "--index", str(settings.index_dir), "--json", "--limit", "5"], out=out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert sorted((r["chat_id"], r["vote"], r["question"]) for r in rows) == [
        (-100, 1, "pay?"), (5, -1, "what did NAHT Cymru ask for?")]


def test_bot_command_without_token_says_how_to_set_it(tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["bot", "--index", str(tmp_path / "i")], out=io.StringIO(), err=err) == 1
    assert err.getvalue() == ("citebot: no bot token: set TELEGRAM_BOT_TOKEN or pass --token-file FILE "
                              "(@BotFather gives you one; see docs/TELEGRAM.md)\n")


def test_bot_command_with_bad_admins_stops_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("CITEBOT_ADMINS", "12,x")
    err = io.StringIO()
    assert main(["bot", "--index", str(tmp_path / "i")], out=io.StringIO(), err=err) == 1
    assert err.getvalue() == ("citebot: CITEBOT_ADMINS: 'x' is not a user id; give comma-separated numbers such "
                              "as 123456789 or -1001234567890\n")
    assert TOKEN not in err.getvalue()
