"""`citebot add`: what it records for every format, and each release once.

Files, folders and fetched PDFs get the organisation, date, title and URL from
the flags when given, else from the release; `add` prints what it recorded
and names what it could not find. The same content or the same URL added
again changes nothing; a changed page at a recorded URL replaces its earlier
version.
"""

from __future__ import annotations

import io
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from bot.cli import main
from retrieval import Engine, Settings

from .conftest import SEED_CORPUS
from .fake_bot_api import FakeBotAPI, start_citebot
from .pdfgen import release_pdf
from .telegram_support import api, logs_reach_caplog  # noqa: F401 - fixtures

PARAGRAPHS = [
    "The county council has confirmed a new grant for primary schools across the county, which will be paid "
    "from April.",
    "Twenty primary schools will share five million pounds over two years",
]
PDF = release_pdf("Council confirms new funding", PARAGRAPHS, dateline="Cardiff, 3 February 2025")
PAGE = """<html><head><title>Union demands smaller classes</title>
<meta property="og:site_name" content="Example Union"><meta name="date" content="2025-02-14"></head>
<body><article><h1>Union demands smaller classes</h1>
<p>The union today demanded that class sizes in primary schools be capped at twenty-five pupils.</p>
<p>Its president said large classes harm the pupils who most need attention.</p></article></body></html>"""


class _Site(BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        ctype, body = self.pages.get(self.path, ("text/plain", b""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    _Site.pages = {"/news/funding.pdf": ("application/pdf", PDF), "/news/copy.pdf": ("application/pdf", PDF),
                   "/news/classes.html": ("text/html; charset=utf-8", PAGE.encode())}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--model", "none"], out, err)
    return code, out.getvalue(), err.getvalue()


def sources() -> list[str]:
    code, out, _ = run("sources")
    assert code == 0
    return out.splitlines()[1:]


def test_a_pdf_file_gets_the_flags_or_says_what_is_missing(workdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "incoming" / "Council funding (final).pdf"
    src.parent.mkdir()
    src.write_bytes(PDF)
    assert run("index")[0] == 0
    code, out, err = run("add", str(src))
    name = "corpus/2025-02-03-council-confirms-new-funding.pdf"
    assert code == 0
    assert out.splitlines()[:2] == [f"added {name} (from {src})",
                                    "  Council confirms new funding — unknown organisation, 3 February 2025"]
    assert out.splitlines()[2].startswith("indexed: added 1, updated 0, removed 0, unchanged 2 — 3 documents")
    assert err == f"citebot: {name}: no organisation found; give it with: citebot add {name} --source ORG\n"
    assert (workdir / name).read_bytes() == PDF

    # As suggested (or with the file added again): the flag is recorded, nothing is copied twice.
    code, out, err = run("add", name, "--source", "Example Council")
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [f"recorded for {name} (already in the corpus; from {name})",
                                    "  Council confirms new funding — Example Council, 3 February 2025"]
    assert out.splitlines()[2].startswith("indexed: added 0, updated 1, removed 0, unchanged 2 — 3 documents")
    assert yaml.safe_load((workdir / f"{name}.meta.yaml").read_text()) == {"source": "Example Council"}

    code, out, err = run("add", str(src))
    assert (code, out, err) == (0, f"already in the corpus as {name}: {src}\n", "")
    assert sorted(p.name for p in (workdir / "corpus").iterdir()) == [
        "2014-11-27-ascl-cymru-devolve-decision-making.md", "2024-05-21-naht-cymru-aln-funding.md",
        "2025-02-03-council-confirms-new-funding.pdf", "2025-02-03-council-confirms-new-funding.pdf.meta.yaml"]
    assert sources()[0] == "• 3 February 2025 — Example Council: Council confirms new funding"
    assert len(sources()) == 3


def test_flags_for_a_text_release_without_a_date(workdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("Council reopens the pool\n\nThe pool reopens on Monday after repairs.\n", encoding="utf-8")
    code, out, err = run("add", str(src))
    assert code == 0 and out.splitlines()[1] == "  Council reopens the pool — unknown organisation, undated"
    assert err == ("citebot: corpus/notes.txt: no date or organisation found; give them with: "
                   "citebot add corpus/notes.txt --date YYYY-MM-DD --source ORG\n")
    code, out, err = run("add", str(src), "--date", "2025-06-02", "--source", "Example Council", "--title",
                         "Pool reopens", "--url", "https://example.org/pool")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "  Pool reopens — Example Council, 2 June 2025 — https://example.org/pool"
    code, out, err = run("add", str(src), "--date", "someday")
    assert (code, out, err) == (2, "", "citebot: --date 'someday' is not a date; use YYYY-MM-DD\n")
    code, _, err = run("add", str(src), str(src), "--title", "Two")
    assert (code, err) == (2, "citebot: --title and --url describe one release; add the others separately\n")


def test_a_folder_adds_every_release_file_in_it(workdir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "press"
    (folder / "2024").mkdir(parents=True)
    (folder / "funding.pdf").write_bytes(PDF)
    (folder / "2024" / "pool.txt").write_text("Council reopens the pool\n\n2 June 2024\n\nThe pool reopens.\n",
                                              encoding="utf-8")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".DS_Store").write_bytes(b"\x00")
    shutil.copy(SEED_CORPUS / "2024-05-21-naht-cymru-aln-funding.md", folder / "naht.md")
    assert run("index")[0] == 0
    code, out, err = run("add", str(folder), "--source", "Example Council")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:7] == [
        f"added corpus/2024-06-02-council-reopens-the-pool.txt (from {folder / '2024' / 'pool.txt'})",
        "  Council reopens the pool — Example Council, 2 June 2024",
        f"added corpus/2025-02-03-council-confirms-new-funding.pdf (from {folder / 'funding.pdf'})",
        "  Council confirms new funding — Example Council, 3 February 2025",
        f"skipped {folder / 'logo.png'}: not a release file type (.png)",
        f"recorded for corpus/2024-05-21-naht-cymru-aln-funding.md (already in the corpus; from {folder / 'naht.md'})",
        "  NAHT Cymru warns children with additional learning needs in Wales are being failed and calls for urgent "
        "funding — Example Council, 21 May 2024",
    ]
    assert lines[7].startswith("indexed: added 2, updated 1, removed 0, unchanged 1 — 4 documents")
    # The flags win for every release of the folder, new or already there.
    assert [line.split(": ", 1)[0] for line in sources()] == [
        "• 3 February 2025 — Example Council", "• 2 June 2024 — Example Council", "• 21 May 2024 — Example Council",
        "• 27 November 2014 — ASCL Cymru"]


def test_fetched_pdf_records_its_url_and_source_and_is_added_once(workdir: Path, site: str) -> None:
    url = f"{site}/news/funding.pdf"
    code, out, err = run("add", url, "--source", "Example Council")
    name = "corpus/2025-02-03-council-confirms-new-funding.pdf"
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [f"added {name} (from {url})",
                                    f"  Council confirms new funding — Example Council, 3 February 2025 — {url}"]
    assert yaml.safe_load((workdir / f"{name}.meta.yaml").read_text()) == {"url": url, "source": "Example Council"}
    # The same URL, or the same file from another URL: nothing changes.
    for again in (url, f"{site}/news/copy.pdf"):
        code, out, err = run("add", again)
        assert (code, out, err) == (0, f"already in the corpus as {name}: {again}\n", "")
    assert len(sources()) == 3


def test_a_changed_page_replaces_its_earlier_version(workdir: Path, site: str) -> None:
    url = f"{site}/news/classes.html"
    code, out, _ = run("add", url)
    name = "corpus/2025-02-14-union-demands-smaller-classes.md"
    assert code == 0 and out.splitlines()[0] == f"added {name} (from {url})"
    code, out, _ = run("add", url)
    assert (code, out) == (0, f"already in the corpus as {name}: {url}\n")
    _Site.pages["/news/classes.html"] = ("text/html", PAGE.replace("twenty-five", "twenty").encode())
    code, out, _ = run("add", url)
    assert code == 0
    assert out.splitlines()[0] == f"replaced {name} with the page now at {url}"
    assert out.splitlines()[2].startswith("indexed: added 0, updated 1, removed 0, unchanged 2 — 3 documents")
    assert "capped at twenty pupils" in (workdir / name).read_text(encoding="utf-8")
    assert sorted(p.name for p in (workdir / "corpus").iterdir())[-1] == "2025-02-14-union-demands-smaller-classes.md"
    assert len(sources()) == 3


def test_uploads_are_added_once(tmp_path: Path) -> None:
    from retrieval.ingest import save_upload

    corpus = tmp_path / "corpus"
    first = save_upload(PDF, "funding.pdf", corpus)
    again = save_upload(PDF, "other-name.pdf", corpus)
    assert (first.status, again.status, again.path) == ("added", "already", first.path)
    assert [p.name for p in corpus.iterdir()] == ["2025-02-03-council-confirms-new-funding.pdf"]


def test_the_bot_adds_an_upload_once(api: FakeBotAPI, seed_engine: Engine,  # noqa: F811 - a fixture
                                     seed_settings: Settings) -> None:
    admin = 99
    with start_citebot(api, seed_settings, admins=frozenset({admin})):
        api.document(admin, "funding.pdf", PDF, mime_type="application/pdf", user_id=admin)
        [first] = api.wait_calls("editMessageText", 1, timeout=20)
        api.document(admin, "funding (1).pdf", PDF, mime_type="application/pdf", user_id=admin)
        [_, second] = api.wait_calls("editMessageText", 2, timeout=20)
    assert first.params["text"].startswith("Added and indexed:\n<b>Council confirms new funding</b>\n"
                                           "unknown organisation, 3 February 2025 — 2 passages")
    assert second.params["text"] == ("Already in the corpus as <code>2025-02-03-council-confirms-new-funding.pdf"
                                     "</code>; nothing changed.")
    assert sorted(p.name for p in seed_settings.corpus[0].iterdir())[-1] == "2025-02-03-council-confirms-new-funding.pdf"
    assert len(list(seed_settings.corpus[0].iterdir())) == 3
