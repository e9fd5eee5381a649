"""New releases while the bot runs: an admin's upload or /add <url> becomes answerable,
/reindex runs in the background while questions keep being answered from the old index,
and an index rebuilt by `citebot index` in another process is picked up without a restart."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from typing import Iterator

import pytest

from retrieval import Engine, IndexReport, Settings
from retrieval.indexer import writer_lock

from .conftest import FAKE_RELEASES, REPO
from .fake_bot_api import BotRunner, FakeBotAPI, start_citebot
from .telegram_support import (
    NOT_COVERED,
    SEED_QUESTION,
    api,  # noqa: F401 - a fixture
    logs_reach_caplog,  # noqa: F401 - an autouse fixture
)

ADMIN = 99
PAY_RELEASE = FAKE_RELEASES["2023-03-01-teachers-pay.md"].encode()
PAY_QUESTION = "What pay rise did the Example Teachers Union demand?"
LIBRARY_PAGE = b"""<!doctype html><html><head><title>Council funds new school libraries | Example Council</title>
<meta property="article:published_time" content="2024-02-03"></head><body><nav>Home News</nav>
<article><h1>Council funds new school libraries</h1>
<p>Example Council will spend 3 million pounds on new libraries in every secondary school, the leader announced.</p>
<p>The leader said the libraries will open in September and will be staffed by qualified librarians.</p>
</article><footer>Copyright</footer></body></html>"""


@pytest.fixture
def bot(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings) -> Iterator[BotRunner]:
    with start_citebot(api, seed_settings, admins=frozenset({ADMIN})) as runner:
        yield runner


def _edits(api: FakeBotAPI, chat_id: int, startswith: str, n: int = 1) -> list[str]:
    calls = api.wait_calls("editMessageText", n, where=lambda c: c.params["chat_id"] == chat_id
                           and c.params["text"].startswith(startswith), timeout=20)
    return [c.params["text"] for c in calls]


def test_admin_upload_is_added_indexed_and_then_answerable(api: FakeBotAPI, bot: BotRunner,
                                                           seed_settings: Settings) -> None:
    [before] = api.wait_replies(api.message(ADMIN, PAY_QUESTION))
    assert before.params["text"] == NOT_COVERED
    upload = api.document(ADMIN, "../../etc/teachers pay.md", PAY_RELEASE, user_id=ADMIN)
    [progress] = api.wait_replies(upload)
    assert progress.params["text"] == "Adding teachers pay.md …"
    [added] = _edits(api, ADMIN, "Added and indexed:")
    assert re.fullmatch(
        r"Added and indexed:\n<b>Teachers' union demands fair pay rise</b>\nExample Teachers Union, 1 March 2023 — "
        r"3 passages\n\nIndex: added 1, updated 0, removed 0, unchanged 2 — 3 documents, 33 passages "
        r"\(\d+\.\d s\)\.", added), added
    corpus = seed_settings.corpus[0]
    assert (corpus / "2023-03-01-teachers-union-demands-fair-pay-rise.md").read_bytes() == PAY_RELEASE
    assert not (corpus.parent / "etc").exists()
    [after] = api.wait_replies(api.message(ADMIN, PAY_QUESTION))
    assert "a fully funded pay rise of 8 per cent for all teachers" in after.params["text"]
    assert "• Teachers' union demands fair pay rise — Example Teachers Union, 1 March 2023" in after.params["text"]


def test_uploads_are_bounded_in_type_and_size(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings) -> None:
    corpus = seed_settings.corpus[0]
    files = sorted(p.name for p in corpus.iterdir())
    with start_citebot(api, seed_settings, admins=frozenset({ADMIN}), max_upload_bytes=2048):
        wrong = api.document(ADMIN, "notes.docx", b"PK\x03\x04", mime_type="application/msword", user_id=ADMIN)
        [reply] = api.wait_replies(wrong)
        assert reply.params["text"] == "I can add HTML, PDF, TXT or MD files; notes.docx is not one of those."
        big = api.document(ADMIN, "big.md", b"word " * 1000, user_id=ADMIN)
        [reply] = api.wait_replies(big)
        assert reply.params["text"] == "big.md is too large; the limit is 2 KB."
        broken = api.document(ADMIN, "broken.pdf", b"%PDF-1.4 this is not really a pdf", mime_type="application/pdf",
                              user_id=ADMIN)
        [text] = _edits(api, ADMIN, "Not added:")
        assert text.startswith("Not added: ") and "pdf" in text.lower()
        assert api.replies(broken)[0].params["text"] == "Adding broken.pdf …"
    assert api.calls_to("getFile") and len(api.calls_to("getFile")) == 1  # only the one within bounds
    assert sorted(p.name for p in corpus.iterdir()) == files


def test_add_url_fetches_indexes_and_answers(api: FakeBotAPI, seed_engine: Engine, seed_settings: Settings) -> None:
    with start_citebot(api, seed_settings, admins=frozenset({ADMIN}), allow_private_urls=True):  # the fake is local
        _add_url_fetches_indexes_and_answers(api)


def _add_url_fetches_indexes_and_answers(api: FakeBotAPI) -> None:
    url = api.add_page("news/libraries.html", LIBRARY_PAGE)
    api.message(ADMIN, f"/add {url} Example Council", user_id=ADMIN)
    [added] = _edits(api, ADMIN, "Added and indexed:")
    assert added.startswith("Added and indexed:\n<b>Council funds new school libraries</b>\n"
                            "Example Council, 3 February 2024 — ")
    [answer] = api.wait_replies(api.message(ADMIN, "How much will Example Council spend on school libraries?"))
    assert "3 million pounds" in answer.params["text"]
    assert f'<a href="{url}">Council funds new school libraries</a> — Example Council, 3 February 2024' in \
        answer.params["text"]
    api.message(ADMIN, f"/add {api.base_url}/pages/missing.html", user_id=ADMIN)
    [failed] = _edits(api, ADMIN, "Not added:")
    assert failed == f"Not added: {api.base_url}/pages/missing.html: HTTP 404 Not Found"
    [usage] = api.wait_replies(api.message(ADMIN, "/add ftp://example.org/x", user_id=ADMIN))
    assert usage.params["text"] == "Usage: /add https://example.org/news/release [organisation]"


class GatedEngine(Engine):
    """An engine whose index runs wait for the test to open the gate."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, encoder=None)
        self.gate = threading.Event()
        self.started = threading.Event()

    def index(self, **kw: object) -> IndexReport:  # type: ignore[override]
        self.started.set()
        assert self.gate.wait(20)
        return super().index(**kw)


def test_reindex_runs_in_the_background_while_questions_are_answered(api: FakeBotAPI, seed_engine: Engine,
                                                                     seed_settings: Settings) -> None:
    engine = GatedEngine(seed_settings.with_(memory_snapshot=True))
    (seed_settings.corpus[0] / "2023-03-01-teachers-pay.md").write_bytes(PAY_RELEASE)
    with start_citebot(api, seed_settings, engine=engine, admins=frozenset({ADMIN})):
        command = api.message(ADMIN, "/reindex", user_id=ADMIN)
        [started] = api.wait_replies(command)
        assert started.params["text"] == ("Re-indexing in the background; questions are still answered from the "
                                          "current index meanwhile …")
        assert engine.started.wait(10)
        # questions keep coming and are answered from the old index meanwhile
        old = [api.message(200 + i, PAY_QUESTION if i % 2 else SEED_QUESTION) for i in range(6)]
        for i, message in enumerate(old):
            [reply] = api.wait_replies(message)
            assert (reply.params["text"] == NOT_COVERED) == bool(i % 2)
        [busy] = api.wait_replies(api.message(ADMIN, "/reindex", user_id=ADMIN))
        assert busy.params["text"] == "An index run is already going; try again when it has finished."
        assert api.calls_to("editMessageText") == []
        engine.gate.set()
        [done] = _edits(api, ADMIN, "Re-indexed:")
        assert re.fullmatch(r"Re-indexed: added 1, updated 0, removed 0, unchanged 2 — 3 documents, 33 passages "
                            r"\(\d+\.\d s\)\.", done), done
        [new] = api.wait_replies(api.message(201, PAY_QUESTION))
        assert "8 per cent" in new.params["text"]


def test_reindex_while_another_process_writes_is_refused_politely(api: FakeBotAPI, bot: BotRunner,
                                                                  seed_settings: Settings) -> None:
    with writer_lock(seed_settings.index_dir):
        api.message(ADMIN, "/reindex", user_id=ADMIN)
        [text] = _edits(api, ADMIN, "Another process")
    assert text == "Another process is writing the index (citebot index?); try again when it has finished."
    [answer] = api.wait_replies(api.message(ADMIN, SEED_QUESTION))
    assert "NAHT Cymru" in answer.params["text"]


def test_index_rebuilt_by_another_process_is_picked_up(api: FakeBotAPI, bot: BotRunner,
                                                       seed_settings: Settings) -> None:
    [before] = api.wait_replies(api.message(7, PAY_QUESTION))
    assert before.params["text"] == NOT_COVERED
    corpus = seed_settings.corpus[0]
    (corpus / "2023-03-01-teachers-pay.md").write_bytes(PAY_RELEASE)
    done = subprocess.run([sys.executable, "-m", "bot.cli", "index", "--index", str(seed_settings.index_dir),
                           "--corpus", str(corpus), "--model", "none"], cwd=REPO, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr
    time_to_notice = 0.6  # the engine looks at the disk at most twice a second (since the question before)
    threading.Event().wait(time_to_notice)
    [after] = api.wait_replies(api.message(7, PAY_QUESTION))
    assert "8 per cent" in after.params["text"]
    [status] = api.wait_replies(api.message(7, "/status"))
    assert "Documents: 3\nPassages: 33" in status.params["text"] and "(generation 2)" in status.params["text"]


def test_damaged_index_on_disk_is_reported_once_and_the_bot_keeps_answering(
        api: FakeBotAPI, bot: BotRunner, seed_settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    [before] = api.wait_replies(api.message(7, SEED_QUESTION))
    assert "amend the ALN code" in before.params["text"]
    seed_settings.db_path.write_bytes(b"not a database any more" * 200)
    for extra in seed_settings.index_dir.glob("citebot.sqlite-*"):
        extra.unlink()
    time_to_notice = 0.6  # the engine looks at the disk at most twice a second
    threading.Event().wait(time_to_notice)
    answers = [api.wait_replies(api.message(7, SEED_QUESTION))[0] for _ in range(3)]
    assert all(a.params["text"] == before.params["text"] for a in answers)
    notes = [r.getMessage() for r in caplog.records if "citebot index --full" in r.getMessage()]
    assert len(notes) == 1 and "\n" not in notes[0]
    assert notes[0].startswith(f"the index at {seed_settings.index_dir} cannot be read; serving the last good")
