"""Adding releases: files copied under safe names, web pages fetched within bounds."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from retrieval import Engine, FetchError, LoadError, Settings
from retrieval.ingest import add_file, add_url, fetch, save_upload, slug

from .pdfgen import make_pdf

PAGE = """<html><head><title>Union demands smaller classes</title>
<meta property="og:site_name" content="Example Union"><meta name="date" content="2025-02-14"></head>
<body><nav>Menu</nav><article><h1>Union demands smaller classes</h1>
<p>The union today demanded that class sizes in primary schools be capped at twenty-five pupils.</p>
<p>Its president said large classes harm the pupils who most need attention.</p></article></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        routes = {
            "/release.html": (200, "text/html; charset=utf-8", PAGE.encode()),
            "/release.pdf": (200, "application/pdf", make_pdf(["Budget statement", "", "The council froze fees.",
                                                                "Published 2 April 2025"])),
            "/big.html": (200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>"),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
            "/empty.html": (200, "text/html", b"<html><body><script>x()</script></body></html>"),
        }
        if self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://example.org/x")
            self.end_headers()
            return
        code, ctype, body = routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_add_url_saves_markdown_with_front_matter_and_indexes(site: str, seed_corpus: Path, tmp_path: Path) -> None:
    engine = Engine(Settings(corpus=(seed_corpus,), index_dir=tmp_path / "i", model="none"), encoder=None)
    engine.index()
    added, failed, report = engine.add([f"{site}/release.html"])
    assert failed == [] and len(added) == 1
    path = added[0].path
    assert path.name == "2025-02-14-union-demands-smaller-classes.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Union demands smaller classes\ndate: 2025-02-14\nsource: Example Union\n"
                           f"url: {site}/release.html\n")
    assert "capped at twenty-five pupils" in text and "Menu" not in text
    assert len(report.added) == 1
    answer = engine.answer("what did the union say about class sizes?")
    assert answer.answered and answer.quotes[0].citation.url == f"{site}/release.html"
    assert answer.quotes[0].citation.source == "Example Union"


def test_add_pdf_url(site: str, tmp_path: Path) -> None:
    added = add_url(f"{site}/release.pdf", tmp_path)
    assert added.path.suffix == ".pdf" and added.path.name.startswith("2025-04-02-")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.html", "HTTP 404"),
        ("/image.png", "is image/png, not a web page or PDF"),
        ("/empty.html", "no article text found"),
        ("/to-ftp", "only http(s) is allowed"),
    ],
)
def test_add_url_failures(site: str, tmp_path: Path, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message.replace("(", r"\(").replace(")", r"\)")):
        add_url(site + path, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_fetch_bounds(site: str) -> None:
    with pytest.raises(FetchError, match="too large"):
        fetch(f"{site}/big.html", max_bytes=100_000)
    for bad in ("file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "http://"):
        with pytest.raises(FetchError, match="not an http\\(s\\) URL"):
            fetch(bad)
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch("http://127.0.0.1:9/nothing-listens", timeout=2)


def test_add_file_copies_under_a_safe_name(tmp_path: Path) -> None:
    src = tmp_path / "My Release (final).TXT"
    src.write_text("Union welcomes report\n\n5 May 2025\n\nThe union welcomed the report.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    added = add_file(src, corpus)
    assert (added.path, added.status) == (corpus / "2025-05-05-union-welcomes-report.txt", "added")
    assert added.path.read_bytes() == src.read_bytes()
    again = add_file(src, corpus)
    assert (again.path, again.status) == (corpus / "2025-05-05-union-welcomes-report.txt", "already")
    assert sorted(p.name for p in corpus.iterdir()) == ["2025-05-05-union-welcomes-report.txt"]
    with pytest.raises(LoadError, match="unsupported file type"):
        bad = tmp_path / "x.exe"
        bad.write_bytes(b"MZ")
        add_file(bad, corpus)


def test_upload_names_are_generated_not_trusted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    data = b"Council reopens pool\n\n1 June 2025\n\nThe pool reopens.\n"
    added = save_upload(data, "../../etc/evil.md", corpus)
    assert added.path.parent == corpus and added.path.name == "2025-06-01-council-reopens-pool.md"
    assert not (tmp_path / "etc").exists()
    with pytest.raises(LoadError, match="unsupported file type"):
        save_upload(b"x", "payload.sh", corpus)
    with pytest.raises(LoadError, match="binary"):
        save_upload(b"\x00\x01" * 100, "x.txt", corpus)
    assert sorted(p.name for p in corpus.iterdir()) == ["2025-06-01-council-reopens-pool.md"]


def test_slug() -> None:
    assert slug("Ysgol Gymraeg: café – “news”!") == "ysgol-gymraeg-cafe-news"
    assert slug("///") == "release"
