"""Hostile conditions around the bot: secrets, files, URLs and odd text.

- The token never reaches a log line, a traceback, stderr, a message sent, or `citebot status`,
  even when Telegram's error descriptions and the network errors' messages carry the request
  URL with the token in it.
- Uploaded files: refused before download when too large, refused when their type is wrong or
  their content does not load, saved under generated names inside the corpus folder only, never
  under the sender's name (`../../x.md` and friends).
- /add <url>: http(s) only, redirects to other schemes refused, bounded in size and in time.
- Any text as a question or inline query: every reply is valid Telegram HTML within 4,096
  characters, never the "something went wrong" apology (a hypothesis property, bounded here;
  bench/fuzz.py runs it longer).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings as hyp_settings, strategies as st

import retrieval.ingest as ingest
from bot.cli import main
from bot.render import render_telegram
from bot.telegram_config import SecretRedactor
from retrieval import Answer, Citation, Engine, FetchError, Quote, Settings

from .conftest import REPO
from .fake_bot_api import TOKEN, FakeBotAPI, html_problems, start_citebot
from .telegram_support import (
    BOT_TAGS,
    SEED_QUESTION,
    SORRY,
    api,  # noqa: F401 - a fixture
    logs_reach_caplog,  # noqa: F401 - an autouse fixture
)
from .test_properties import MARKUP

ADMIN = 99
SECRET = TOKEN.split(":", 1)[1]
SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.(md|txt|html|htm|pdf)")


def _leaks(text: str) -> list[str]:
    """The forms of the token found in `text` (whole, secret part, URL-quoted), in any letter case."""
    return [form for form in (TOKEN, SECRET, urllib.parse.quote(TOKEN, safe=""))
            if form.casefold() in text.casefold()]


# -- the token ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_token_stays_out_of_logs_tracebacks_and_messages_when_errors_carry_the_url(
        api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings, caplog: pytest.LogCaptureFixture,
        capfd: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"{api.base_url}/bot{TOKEN}"
    quoted = f"{api.base_url}/bot{urllib.parse.quote(TOKEN, safe='')}"
    # Network errors whose messages hold the URL, as some transports word them.
    real_request = httpx.AsyncClient.request
    failures = {"sendMessage": 2, "getUpdates": 1}

    async def failing_request(self: httpx.AsyncClient, method: str, url: Any, *args: Any, **kw: Any) -> Any:
        name = str(url).rsplit("/", 1)[-1]
        if failures.get(name, 0) > 0:
            failures[name] -= 1
            raise httpx.ConnectError(f"[Errno 111] Connection refused while connecting to {url}")
        return await real_request(self, method, url, *args, **kw)

    stderr_handler = logging.StreamHandler(sys.stderr)
    stderr_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(stderr_handler)
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "telegram", "citebot", "asyncio"):
        caplog.set_level(logging.DEBUG, logger=name)
    try:
        with start_citebot(api, seed_settings, admins=frozenset({ADMIN})):
            api.wait_replies(api.message(42, SEED_QUESTION))
            monkeypatch.setattr(httpx.AsyncClient, "request", failing_request)
            # Telegram's error descriptions holding the URL, plainly and URL-quoted.
            api.fail_next("sendMessage", 1, status=400, description=f"Bad Request: no such method {url}/sendMessage")
            api.fail_next("sendMessage", 1, status=500, description=f"Internal Server Error at {quoted}/sendMessage")
            api.fail_next("sendMessage", 1, status=429, retry_after=0.2, description=f"Too Many Requests at {url}")
            api.fail_next("sendMessage", 1, status=403, description=f"Forbidden: {url}/sendMessage blocked")
            api.fail_next("getUpdates", 1, status=502, description=f"Bad Gateway in front of {url}/getUpdates")
            api.fail_next("editMessageText", 1, status=400, description=f"Bad Request: {url}/editMessageText")
            for i in range(4):
                api.message(43 + i, SEED_QUESTION)
            outcomes = {"400", "500", "429", "403"}
            api.wait_for(lambda: outcomes <= {c.outcome for c in api.calls_to("sendMessage", ok=None)}
                         and failures["sendMessage"] == 0, timeout=30, what="every fault")
            api.message(ADMIN, "/reindex")  # its progress edit fails with the URL in the description
            api.wait_for(lambda: any(c.outcome == "400" and c.method == "editMessageText" for c in api.calls),
                         timeout=20)
            assert api.wait_replies(api.message(50, SEED_QUESTION))  # still running
            assert failures == {"sendMessage": 0, "getUpdates": 0}
    finally:
        logging.getLogger().removeHandler(stderr_handler)
    out, err = capfd.readouterr()
    logged = caplog.text + "".join((r.exc_text or "") + r.getMessage() for r in caplog.records)
    # the errors were logged, with their URLs, only redacted
    assert f"{api.base_url}/bot<redacted>/sendMessage" in logged
    assert "ConnectError: [Errno 111] Connection refused while connecting to" in logged
    # python-telegram-bot lower-cases a "Bad Request: ..." description, the token in it too
    assert "BadRequest: Http://127.0.0.1:" in logged and "/bot<redacted>/editmessagetext" in logged
    for text in (logged, out, err):
        assert _leaks(text) == []
    for call in api.calls:
        assert _leaks(json.dumps(call.params, ensure_ascii=False)) == [], call.method


def test_the_redactor_matches_the_token_in_any_letter_case() -> None:
    redactor = SecretRedactor()
    redactor.add(TOKEN)
    quoted = urllib.parse.quote(TOKEN, safe="").lower()
    line = f"BadRequest: Http://h/bot{TOKEN.lower()}/x and {quoted} {SECRET.upper()}"
    assert redactor.redact(line) == "BadRequest: Http://h/bot<redacted>/x and <redacted> <redacted>"


@pytest.mark.slow
def test_citebot_bot_and_status_never_print_the_token(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings,
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"{api.base_url}/bot{TOKEN}"
    api.fail_next("getMe", 2, status=500, description=f"Internal Server Error: {url}/getMe")
    api.fail_next("sendMessage", 1, status=400, description=f"Bad Request: can't parse {url}/sendMessage")
    log = tmp_path / "bot.log"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HF_HUB_OFFLINE": "1", "CITEBOT_MODEL": "none", "TELEGRAM_BOT_TOKEN": TOKEN,
           "TELEGRAM_API_BASE_URL": api.base_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "bot", "-v", "--index", str(seed_settings.index_dir),
         "--corpus", str(seed_settings.corpus[0]), "--model", "none"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=log.open("w"))
    try:
        [sorry] = api.wait_replies(api.message(42, SEED_QUESTION), timeout=30)
        assert sorry.params["text"] == SORRY
        assert "NAHT Cymru" in api.wait_replies(api.message(42, SEED_QUESTION))[0].params["text"]
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
        out = process.stdout.read().decode() if process.stdout else ""
    finally:
        process.kill()
    text = log.read_text()
    assert "Internal Server Error: " + f"{api.base_url}/bot<redacted>/getMe" in text  # logged, redacted
    assert "BadRequest" in text and "Traceback" in text  # the 400's traceback, redacted too
    assert _leaks(text + out) == []
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    for flags in ([], ["--json"]):
        out, err = io.StringIO(), io.StringIO()
        assert main(["status", "--index", str(seed_settings.index_dir), *flags], out, err) == 0
        assert "2" in out.getvalue() and _leaks(out.getvalue() + err.getvalue()) == []


# -- uploads ---------------------------------------------------------------------------------------


def _release(title: str) -> bytes:
    return f"---\ntitle: {title}\ndate: 2024-03-0{len(title) % 9 + 1}\nsource: Example Union\n---\n" \
           f"The Example Union published {title.lower()} today.\n".encode()


def _tree(root: Path, skip: set[Path]) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if not any(s in p.parents or p == s for s in skip)}


def _push_document(api: FakeBotAPI, content: bytes, doc: dict[str, Any]) -> dict[str, Any]:
    """A document message with fields as given (file_size missing or wrong, no file_name ...)."""
    file_id = api.add_file(content, f"documents/raw{len(api.pushed_at)}.bin")
    message = {"message_id": 80_000 + len(api.pushed_at), "date": int(time.time()), "chat": api.chat(ADMIN),
               "from": api.user(ADMIN), "document": {"file_id": file_id, "file_unique_id": "u" + file_id, **doc}}
    api.push({"message": message})
    return message


@pytest.mark.slow
def test_uploads_are_saved_under_generated_names_inside_the_corpus_only(
        api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings, tmp_path: Path) -> None:
    corpus = seed_settings.corpus[0]
    outside = _tree(tmp_path, {corpus, seed_settings.index_dir})
    names = ["../../x.md", "..\\..\\..\\windows\\y.md", "/etc/cron.d/z.md", "a/../../b.txt", "....md",
             "ünïcødé 📄 release.md", "x" * 300 + ".md", "line\nbreak <b>&amp;</b>.md", "%2e%2e%2fescape.md"]
    with start_citebot(api, seed_settings, admins=frozenset({ADMIN})):
        for i, name in enumerate(names):
            api.document(ADMIN, name, _release(f"Upload number {i} about pay"), user_id=ADMIN)
            api.wait_calls("editMessageText", i + 1, timeout=20)
        unnamed = _push_document(api, _release("Upload without a name"), {"mime_type": "text/markdown"})
        api.wait_calls("editMessageText", len(names) + 1, timeout=20)
        refused = api.document(ADMIN, "release.md.exe", b"MZ\x90\x00", mime_type="application/octet-stream",
                               user_id=ADMIN)
        [refusal] = api.wait_replies(refused)
    edits = [c.params["text"] for c in api.calls_to("editMessageText")]
    assert all(e.startswith("Added and indexed:") for e in edits), edits
    assert api.replies(unnamed)[0].params["text"] == "Adding release.md …"
    assert refusal.params["text"] == "I can add HTML, PDF, TXT or MD files; release.md.exe is not one of those."
    progress = [c.params["text"] for c in api.sent(ADMIN) if c.params["text"].startswith("Adding")]
    assert progress[:3] == ["Adding x.md …", "Adding y.md …", "Adding z.md …"]
    assert len([p for p in corpus.iterdir() if "upload" in p.name]) == len(names) + 1
    for path in corpus.rglob("*"):
        assert path.resolve().parent == corpus.resolve() and SAFE_NAME.fullmatch(path.name), path
    assert _tree(tmp_path, {corpus, seed_settings.index_dir}) == outside  # nothing written anywhere else
    assert len(Engine(seed_settings, encoder=None).documents()) == 2 + len(names) + 1


def test_uploads_over_the_limit_or_unreadable_are_refused_and_not_kept(
        api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings) -> None:
    corpus = seed_settings.corpus[0]
    files = sorted(p.name for p in corpus.iterdir())
    big = _release("Big") + b"word " * 1000  # about 5 KB
    with start_citebot(api, seed_settings, admins=frozenset({ADMIN}), max_upload_bytes=2048):
        declared = api.document(ADMIN, "declared.md", big, user_id=ADMIN)  # refused before download
        [reply] = api.wait_replies(declared)
        assert reply.params["text"] == "declared.md is too large; the limit is 2 KB."
        assert api.calls_to("getFile") == []
        # Telegram may leave file_size out, or it may be wrong: the download is checked too.
        _push_document(api, big, {"file_name": "unsized.md", "mime_type": "text/markdown"})
        _push_document(api, big, {"file_name": "lying.md", "mime_type": "text/markdown", "file_size": 10})
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
        _push_document(api, png, {"file_name": "photo.md", "mime_type": "text/markdown", "file_size": len(png)})
        edits = api.wait_calls("editMessageText", 3, timeout=20)
    texts = {c.params["text"] for c in edits}
    assert texts == {"lying.md is too large; the limit is 2 KB.", "unsized.md is too large; the limit is 2 KB.",
                     "Not added: binary file (contains NUL bytes), not text"}
    assert len(api.calls_to("getFile")) == 3
    assert sorted(p.name for p in corpus.iterdir()) == files


# -- /add <url> -------------------------------------------------------------------------------------


class _HostileSite(BaseHTTPRequestHandler):
    """Pages that redirect to file:, claim or stream more than the limit, stall, or drip."""

    protocol_version = "HTTP/1.0"
    stop = threading.Event()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html>")
        elif self.path == "/streamed-huge":  # no length: it would go on for ever
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(400):
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif self.path == "/stall":
            self.stop.wait(5)
        elif self.path == "/drip":  # headers at once, then a byte now and then
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                while not self.stop.wait(0.2):
                    self.wfile.write(b"x")
                    self.wfile.flush()
            except OSError:
                pass
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture
def site() -> Iterator[str]:
    _HostileSite.stop = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _HostileSite)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _HostileSite.stop.set()
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_add_url_is_http_only_and_bounded_in_size_and_time(api: FakeBotAPI, seed_engine: Engine,
                                                           seed_settings: Settings, site: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ingest.add_url.__kwdefaults__, "timeout", 1.0)  # 20 s in production
    corpus = seed_settings.corpus[0]
    files = sorted(p.name for p in corpus.iterdir())
    with start_citebot(api, seed_settings, admins=frozenset({ADMIN}), allow_private_urls=True):  # the site is local
        for bad in ("file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "//example.org/x",
                    "gopher://127.0.0.1:70/"):
            [usage] = api.wait_replies(api.message(ADMIN, f"/add {bad}"))
            assert usage.params["text"] == "Usage: /add https://example.org/news/release [organisation]"
        results = []
        for path in ("/redirect", "/declared-huge", "/streamed-huge", "/stall"):
            started = time.monotonic()
            api.message(ADMIN, f"/add {site}{path}")
            [edit] = api.wait_calls("editMessageText", len(results) + 1, timeout=30)[-1:]
            results.append((edit.params["text"], time.monotonic() - started))
    assert results[0][0] == (f"Not added: {site}/redirect: HTTP 302 Found - Redirection to url "
                             f"'file:///etc/passwd' is not allowed")
    assert results[1][0] == (f"Not added: {site}/declared-huge is too large (52,428,800 bytes; "
                             f"the limit is 10,485,760)")
    assert results[2][0] == f"Not added: {site}/streamed-huge is too large (over 10,485,760 bytes)"
    # cut off at the 1 s timeout, not the 20 s default; the margin is for a loaded machine
    assert results[3][0] == f"Not added: cannot fetch {site}/stall: timed out" and results[3][1] < 15
    assert sorted(p.name for p in corpus.iterdir()) == files


def test_a_page_that_drips_is_cut_off_in_bounded_time(site: str) -> None:
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(_fetch_or_error(f"{site}/drip")), daemon=True)
    worker.start()
    worker.join(15)  # a 1 s timeout for the whole fetch, with room for a loaded machine
    try:
        assert done and isinstance(done[0], FetchError)
    finally:
        _HostileSite.stop.set()
        worker.join(5)


def _fetch_or_error(url: str) -> object:
    try:
        return ingest.fetch(url, timeout=1.0)
    except FetchError as e:
        return e


# -- any text as a question ----------------------------------------------------------------------------


HOSTILE_RELEASE = """---
title: Pay & <conditions> 💥 for *all* staff_members
date: 2024-06-01
source: R&D Workers <Union>
url: https://example.org/a?b=1&c="2"<x>
---
The R&D Workers <Union> said <b>pay</b> must rise by 5% & more 😀 for everyone on the wards.

It called for `fair` terms, [better](http://x) rotas & *safer* wards — “now”, it said &amp; meant it.
"""

QUESTION_WORDS = st.sampled_from(["pay", "rise", "R&D", "Union", "what did", "wards", "NAHT", "Cymru", "ask", "?",
                                  "<", "&", "😀", "💥", "/", "@citebot_test_bot"])
BOT_QUESTIONS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(MARKUP, QUESTION_WORDS, st.text(max_size=10)), min_size=1, max_size=40).map(" ".join),
    st.integers(0, 10_000).map(lambda n: ("What did the R&D Workers <Union> say about pay? 😀 " * (n // 50 + 1))[:n]),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=50),
)


def ask_bot(api: FakeBotAPI, text: str, chat_id: int = 42) -> bool:
    """Send `text` to the running bot as a message; check its replies. Returns whether it quoted.

    Raises:
        AssertionError: No reply, the apology, or a reply Telegram would refuse.
    """
    replies = api.wait_replies(api.message(chat_id, text), timeout=15)
    for reply in replies:
        assert reply.params["text"] != SORRY
        assert html_problems(reply.params["text"], BOT_TAGS) == []
    return "<blockquote>" in replies[0].params["text"]


def ask_bot_inline(api: FakeBotAPI, text: str, user_id: int = 42) -> None:
    """Send `text` as an inline query; wait for the answer (the fake server checks its results)."""
    before = len(api.calls_to("answerInlineQuery", ok=None))
    api.inline(user_id, text)
    api.wait_for(lambda: len(api.calls_to("answerInlineQuery", ok=None)) > before, timeout=15)

INLINE_QUERIES = st.one_of(st.text(max_size=300), st.lists(st.one_of(MARKUP, QUESTION_WORDS)).map(" ".join))


@pytest.mark.slow
def test_any_text_gets_valid_telegram_html_replies(api: FakeBotAPI, seed_corpus: Path, tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    (seed_corpus / "2024-06-01-hostile.md").write_text(HOSTILE_RELEASE, encoding="utf-8")
    settings = Settings(corpus=(seed_corpus,), index_dir=tmp_path / "index", model="none")
    Engine(settings, encoder=None).index()
    tried = {"messages": 0, "inline": 0, "answered": 0}
    with start_citebot(api, settings, user_limit=100_000, inline_limit=100_000):
        @hyp_settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        @given(text=BOT_QUESTIONS)
        @example(text="What did the R&D Workers <Union> say about pay?")
        def ask(text: str) -> None:
            tried["answered"] += ask_bot(api, text)
            tried["messages"] += 1

        @hyp_settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
        @given(text=INLINE_QUERIES)
        @example(text="R&D Workers <Union> pay")
        def inline(text: str) -> None:
            ask_bot_inline(api, text)
            tried["inline"] += 1

        ask()
        inline()
    refused = [(c.method, c.params.get("text"), c.outcome) for c in api.calls if c.outcome not in ("ok",)]
    assert refused == []  # the fake server checks every message as Telegram does (HTML, length, buttons)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert tried["answered"] >= 1 and tried["inline"] >= 20
    offered = [r["input_message_content"]["message_text"] for c in api.calls_to("answerInlineQuery")
               for r in c.params["results"]]
    assert any("R&amp;D Workers &lt;Union&gt;" in text for text in offered)


# -- rendering: Telegram counts UTF-16 code units -----------------------------------------------------------


_citation = Citation(1, "doc", "Title 📄", "Org", dt.date(2024, 5, 21), 3, "doc.md", None)
_quote_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=3000),
    st.integers(1, 4000).map(lambda n: "😀" * n),
    st.lists(st.sampled_from(["😀", "𝔘", "&", "<b>", "word", " ", "💥 "]), min_size=1,
             max_size=2000).map("".join),
).filter(str.strip)


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_quote_text, min_size=1, max_size=4))
@example(texts=["😀" * 3000])
def test_rendered_answers_fit_telegram_in_utf16_units(texts: list[str]) -> None:
    quotes = tuple(Quote(t, 1.0, replace(_citation, n=i + 1)) for i, t in enumerate(texts))
    for message in render_telegram(Answer("q", True, quotes)):
        assert html_problems(message, BOT_TAGS) == []  # includes: at most 4,096 UTF-16 units
