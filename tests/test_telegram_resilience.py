"""Running unattended: 429s delay a reply but never lose it; 5xx, dropped connections, polling
failures and blocked users don't stop the bot; one error handler logs and apologises; a burst
of 200 questions from 50 chats is answered exactly once each; the token never reaches a log;
and `citebot bot` itself (polling and webhook) runs, stops on SIGTERM and refuses a bad token."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import pytest

from bot.telegram_views import answer_page
from retrieval import Answer, Engine, Settings

from .conftest import REPO
from .fake_bot_api import TOKEN, BotRunner, FakeBotAPI, start_citebot
from .telegram_support import (
    SEED_QUESTION,
    SORRY,
    api,  # noqa: F401 - a fixture
    logs_reach_caplog,  # noqa: F401 - an autouse fixture
)

T = TypeVar("T")


@pytest.fixture
def bot(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings) -> Iterator[BotRunner]:
    with start_citebot(api, seed_settings) as runner:
        yield runner


def _expected(engine: Engine, question: str) -> str:
    [text] = answer_page(engine.answer(question), 0, 3)
    return text


# -- Telegram trouble -------------------------------------------------------------------------


def test_a_429_delays_the_reply_but_never_loses_it(api: FakeBotAPI, bot: BotRunner, seed_engine: Engine) -> None:
    api.fail_next("sendMessage", 1, status=429, retry_after=1)
    question = api.message(42, SEED_QUESTION)
    [reply] = api.wait_replies(question)
    [refused] = api.calls_to("sendMessage", ok=False)
    assert refused.outcome == "429" and refused.params["text"] == reply.params["text"]
    assert reply.at - refused.at >= 1.0  # waited as long as Telegram asked
    assert reply.params["text"] == _expected(seed_engine, SEED_QUESTION)
    bot.wait_idle(api)  # the question handled to the end: nothing more is on its way
    assert len(api.sent(42)) == 1 and len(api.calls_to("sendMessage", ok=None)) == 2


def test_5xx_and_dropped_connections_are_retried_and_delivered_once(api: FakeBotAPI, bot: BotRunner) -> None:
    api.fail_next("sendMessage", 1, status=500)
    api.drop_next("sendMessage", 1)
    [reply] = api.wait_replies(api.message(42, SEED_QUESTION))
    assert [c.outcome for c in api.calls_to("sendMessage", ok=None)] == ["500", "dropped", "ok"]
    assert "NAHT Cymru" in reply.params["text"]


def test_a_blocked_user_does_not_stop_the_bot(api: FakeBotAPI, bot: BotRunner,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="citebot")
    api.block(13)
    api.message(13, SEED_QUESTION)
    api.wait_for(lambda: any(c.outcome == "403" for c in api.calls), what="the 403")
    api.wait_for(lambda: any("may have blocked the bot" in r.getMessage() for r in caplog.records), what="the log")
    assert "NAHT Cymru" in api.wait_replies(api.message(14, SEED_QUESTION))[0].params["text"]
    assert api.sent(13) == []


@pytest.mark.slow
def test_polling_failures_do_not_stop_the_bot(api: FakeBotAPI, bot: BotRunner,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="citebot")
    api.fail_next("getUpdates", 1, status=502)
    api.drop_next("getUpdates", 1)
    api.wait_for(lambda: {c.outcome for c in api.calls_to("getUpdates", ok=None)} >= {"502", "dropped"},
                 what="both polling failures", timeout=15)
    assert "NAHT Cymru" in api.wait_replies(api.message(42, SEED_QUESTION), timeout=15)[0].params["text"]
    assert any(r.getMessage().startswith("polling: Telegram unreachable or busy") for r in caplog.records)


class ExplodingEngine(Engine):
    def answer(self, question: str, **kw: object) -> Answer:  # type: ignore[override]
        if question == "explode":
            raise RuntimeError("boom")
        return super().answer(question, **kw)


def test_one_error_handler_logs_then_apologises_and_the_bot_carries_on(
        api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="citebot")
    engine = ExplodingEngine(seed_settings.with_(memory_snapshot=True), encoder=None)
    with start_citebot(api, seed_settings, engine=engine):
        question = api.message(42, "explode")
        [sorry] = api.wait_replies(question)
        assert sorry.params["text"] == SORRY
        [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert record.getMessage() == f"update {api.message_update[(42, question['message_id'])]}: RuntimeError"
        assert "RuntimeError: boom" in record.exc_text and 'raise RuntimeError("boom")' in record.exc_text
        assert "NAHT Cymru" in api.wait_replies(api.message(42, SEED_QUESTION))[0].params["text"]


def test_a_message_telegram_refuses_is_an_error_not_a_network_hiccup(
        api: FakeBotAPI, bot: BotRunner, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="citebot")
    api.fail_next("sendMessage", 1, status=400, description="Bad Request: can't parse entities")
    question = api.message(42, SEED_QUESTION)
    [sorry] = api.wait_replies(question)
    assert sorry.params["text"] == SORRY
    assert [c.outcome for c in api.calls_to("sendMessage", ok=None)] == ["400", "ok"]  # not retried
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.getMessage().endswith(": BadRequest") and "BadRequest: Can't parse entities" in record.exc_text


# -- load -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_burst_of_200_questions_from_50_chats_is_answered_exactly_once(
        api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings) -> None:
    questions = [SEED_QUESTION, "What did ASCL Cymru say about school leaders?",
                 "Which training course should be doubled?", "what is the price of fish in Tokyo?"]
    expected = {q: answer_page(seed_engine.answer(q), 0, 3)[0] for q in questions}
    with start_citebot(api, seed_settings, send_rate=300) as bot:
        sent = [api.message(1000 + chat, questions[(chat + i) % 4]) for i in range(4) for chat in range(50)]
        api.wait_for(lambda: len(api.sent()) >= 200, timeout=120, what="200 replies")
        bot.wait_idle(api)  # every question handled: any duplicate has been sent by now
    assert len(api.sent()) == 200
    for message in sent:
        [reply] = api.replies(message)
        assert reply.params["text"] == expected[message["text"]]
    assert all(c.ok for c in api.calls if c.method != "getUpdates")


# -- the token --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_token_never_reaches_the_logs(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings,
                                          caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture) -> None:
    runner = start_citebot(api, seed_settings, engine=ExplodingEngine(seed_settings.with_(memory_snapshot=True),
                                                                      encoder=None))
    stderr_handler = logging.StreamHandler(sys.stderr)
    stderr_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(stderr_handler)
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "telegram", "citebot"):
        caplog.set_level(logging.DEBUG, logger=name)  # even httpx's request lines, which carry the URL
    try:
        with runner:
            api.fail_next("sendMessage", 1, status=429, retry_after=1)
            api.fail_next("getUpdates", 1, status=500)
            api.drop_next("getUpdates", 1)
            api.block(13)
            for chat, text in [(42, SEED_QUESTION), (13, SEED_QUESTION), (43, "explode")]:
                api.message(chat, text)
            api.wait_for(lambda: len(api.sent()) >= 2 and any(c.outcome == "403" for c in api.calls), timeout=20)
        wrong = FakeBotAPI(token="7000001:another-token-the-server-rejects-99").start()
        try:
            with pytest.raises(Exception) as rejected:
                start_citebot(wrong, seed_settings, engine=Engine(seed_settings, encoder=None), token=TOKEN).start()
        finally:
            wrong.stop()
    finally:
        root.removeHandler(stderr_handler)
    out, err = capfd.readouterr()
    secret = TOKEN.split(":", 1)[1]
    logged = caplog.text + "".join((r.exc_text or "") + r.getMessage() for r in caplog.records)
    assert "HTTP Request: POST http://127.0.0.1" in logged and "/bot<redacted>/sendMessage" in logged
    assert "was rejected by the server" in str(rejected.value)  # PTB's message names the token ...
    for text in (logged, out, err):  # ... but no log line does
        assert TOKEN not in text and secret not in text


# -- `citebot bot` itself -----------------------------------------------------------------------------


def _bot_process(api: FakeBotAPI | None, seed_settings: Settings, log: Path, *flags: str,
                 token: str = TOKEN, base_url: str | None = None) -> subprocess.Popen:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HF_HUB_OFFLINE": "1", "TELEGRAM_BOT_TOKEN": token,
           "TELEGRAM_API_BASE_URL": base_url or api.base_url}
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "bot", "-v", "--index", str(seed_settings.index_dir),
         "--corpus", str(seed_settings.corpus[0]), "--model", "none", *flags],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))


def _while_running(process: subprocess.Popen, log: Path, predicate: Callable[[], T]) -> Callable[[], T]:
    """`predicate` for api.wait_for that fails at once, showing the log, when the bot process has exited."""

    def check() -> T:
        if process.poll() is not None:
            raise AssertionError(f"citebot bot exited with status {process.returncode}; its log ends:\n"
                                 f"{log.read_text()[-2000:]}")
        return predicate()

    return check


@pytest.mark.slow
def test_citebot_bot_polls_answers_and_stops_on_sigterm(api: FakeBotAPI, seed_settings: Settings,
                                                        tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    # no index yet: it builds one; the server's URL in python-telegram-bot's form, ending in /bot
    process = _bot_process(api, seed_settings, log, base_url=f"{api.base_url}/bot")
    try:
        question = api.message(42, SEED_QUESTION)
        [reply] = api.wait_for(_while_running(process, log, lambda: api.replies(question)), timeout=30,
                               what="the reply (start-up and indexing included)")
        assert reply.params["text"].startswith("<blockquote>“Children with additional learning needs (ALN)")
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
    finally:
        process.kill()
    text = log.read_text()
    assert "citebot.telegram: @citebot_test_bot is answering from" in text and "no index yet; building it" in text
    assert TOKEN not in text and TOKEN.split(":", 1)[1] not in text


@pytest.mark.slow
def test_citebot_bot_refuses_a_rejected_token_without_showing_it(api: FakeBotAPI, seed_engine: Engine,
                                                                 seed_settings: Settings, tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    bad = "7000001:a-token-telegram-does-not-know-0000"
    process = _bot_process(api, seed_settings, log, token=bad)
    assert process.wait(30) == 1
    # one line: no python-telegram-bot traceback before it, and no token in it
    assert log.read_text() == (f"citebot: the Bot API at {api.base_url} rejected the bot token; check "
                               "TELEGRAM_BOT_TOKEN or the token file, and TELEGRAM_API_BASE_URL (the server's root)\n")


def test_citebot_bot_names_the_server_it_cannot_reach(seed_engine: Engine, seed_settings: Settings,
                                                      tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    server = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    process = _bot_process(None, seed_settings, log, base_url=server)
    try:
        deadline = time.monotonic() + 30
        while log.read_text().count("getMe failed at") < 2:
            assert time.monotonic() < deadline, log.read_text()
            assert process.poll() is None, log.read_text()
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
    finally:
        process.kill()
    failures = [line.split(" WARNING ", 1)[1] for line in log.read_text().splitlines() if "getMe failed" in line]
    assert failures[:2] == [f"citebot.telegram: getMe failed at {server} (httpx.ConnectError: All connection attempts "
                            f"failed); retrying in {d} s" for d in ("0.5", "1.0")]
    assert "Traceback" not in log.read_text() and TOKEN.split(":", 1)[1] not in log.read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, update: dict, secret: str | None, process: subprocess.Popen) -> int:
    """POST `update` to the bot's webhook, retrying while its server starts; returns the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers)
    deadline = time.monotonic() + 15
    while True:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as e:
            return e.code
        except urllib.error.URLError:  # the webhook server is still starting
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.1)


@pytest.mark.slow
def test_citebot_bot_webhook_mode(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings,
                                  tmp_path: Path) -> None:
    pytest.importorskip("tornado", reason="webhook mode needs the webhooks extra: pip install -e '.[webhooks]'")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    log = tmp_path / "bot.log"
    process = _bot_process(api, seed_settings, log, "--webhook-url", url, "--listen", "127.0.0.1",
                           "--port", str(port), "--secret-token", "s3cret-Token_1")
    try:
        [hook] = api.wait_for(_while_running(process, log, lambda: api.calls_to("setWebhook")), timeout=30,
                              what="setWebhook")
        assert hook.params["url"] == url and hook.params["secret_token"] == "s3cret-Token_1"
        message = {"message_id": 5, "date": int(time.time()), "chat": api.chat(42), "from": api.user(42),
                   "text": SEED_QUESTION}
        assert _post(url, {"update_id": 1, "message": {**message, "message_id": 4}}, "wrong", process) == 403
        assert _post(url, {"update_id": 2, "message": message}, "s3cret-Token_1", process) == 200
        [reply] = api.wait_for(_while_running(process, log, lambda: api.replies(message)), what="the reply")
        assert "NAHT Cymru" in reply.params["text"]
        assert api.replies({**message, "message_id": 4}) == []
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
    finally:
        process.kill()
    assert "s3cret-Token_1" not in (tmp_path / "bot.log").read_text()
