"""Loaders: each format, metadata inference, and each failure case."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from retrieval.errors import LoadError
from retrieval.loaders import decode_text, load_corpus, load_file
from retrieval.passages import split_document

from .conftest import SEED_CORPUS
from .pdfgen import make_pdf, release_pdf


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_markdown_front_matter(tmp_path: Path) -> None:
    p = write(tmp_path / "a.md", "---\ntitle: Pay rise\ndate: 2023-03-01\nsource: Union X\nurl: https://x.org/a\n"
                                 "language: en\n---\nBody text here.\n")
    [doc] = load_file(p)
    assert (doc.title, doc.date, doc.source, doc.url, doc.language) == (
        "Pay rise", dt.date(2023, 3, 1), "Union X", "https://x.org/a", "en")
    assert doc.text == "Body text here.\n"


def test_text_without_front_matter_infers_title_and_date(tmp_path: Path) -> None:
    p = write(tmp_path / "b.txt", "ASCL Cymru challenges minister\n\n27 November 2014\n\nThe body starts here.\n")
    [doc] = load_file(p)
    assert doc.title == "ASCL Cymru challenges minister"
    assert doc.date == dt.date(2014, 11, 27)
    assert doc.source is None


def test_first_published_dateline(tmp_path: Path) -> None:
    p = write(tmp_path / "c.txt", "Children are being failed, the union warns.\nMore text.\nFirst published 21 May 2024")
    [doc] = load_file(p)
    assert doc.date == dt.date(2024, 5, 21)
    # No headline-like first line: the title falls back to the file name.
    assert doc.title == "c"


def test_seed_releases_load_with_metadata() -> None:
    result = load_corpus([SEED_CORPUS])
    assert result.problems == []
    by_source = {d.source: d for d in result.documents}
    assert set(by_source) == {"NAHT Cymru", "ASCL Cymru"}
    assert by_source["NAHT Cymru"].date == dt.date(2024, 5, 21)
    assert by_source["ASCL Cymru"].date == dt.date(2014, 11, 27)
    assert by_source["ASCL Cymru"].title == "ASCL Cymru challenges education minister to devolve decision-making to school leaders"


# sha256 of the seed files as supplied (../shared/seeds/*.txt).
SEED_SHA256 = {
    "NAHT Cymru": "85c432155316e47eeb027631e5c2c724b64867a2a251e3f7041fece845548b48",
    "ASCL Cymru": "9ba0e9342944fcb91603dff56fbc1c5c0a018d7bd010eb731cfaed77d2e11ad3",
}


def test_seed_text_is_verbatim() -> None:
    import hashlib

    docs = load_corpus([SEED_CORPUS]).documents
    assert {d.source: hashlib.sha256(d.text.encode("utf-8")).hexdigest() for d in docs} == SEED_SHA256


def test_utf8_bom_and_cp1252(tmp_path: Path) -> None:
    bom = write(tmp_path / "bom.txt", "\ufeffHeadline here\n\nIt said “yes”.".encode("utf-8"))
    cp = write(tmp_path / "cp.txt", "Headline here\n\nIt said “yes” – twice.".encode("cp1252"))
    [d1], [d2] = load_file(bom), load_file(cp)
    assert d1.title == "Headline here" and d1.text.endswith("It said “yes”.")
    assert d2.text.endswith("It said “yes” – twice.")


def test_crlf_line_ends_are_normalised(tmp_path: Path) -> None:
    [doc] = load_file(write(tmp_path / "w.txt", b"Title line\r\n\r\nFirst para.\r\nSecond line.\r\n"))
    assert doc.text == "Title line\n\nFirst para.\nSecond line.\n"


def test_html_main_content(tmp_path: Path) -> None:
    page = """<html><head><title>Union calls for funding | Example</title>
    <meta property="og:site_name" content="Example Union">
    <meta name="date" content="2024-02-03"></head>
    <body><nav>Home | About | Contact</nav>
    <article><h1>Union calls for funding</h1>
    <p>The union today called for an urgent injection of funding for schools across the region.</p>
    <p>Its leader said the money was needed to pay for specialist staff and smaller classes.</p>
    </article><footer>Copyright 2024</footer></body></html>"""
    [doc] = load_file(write(tmp_path / "p.html", page))
    assert "urgent injection of funding" in doc.text
    assert "Copyright" not in doc.text and "Home | About" not in doc.text
    assert doc.title.startswith("Union calls for funding")
    assert doc.date == dt.date(2024, 2, 3)


def test_pdf(tmp_path: Path) -> None:
    p = write(tmp_path / "r.pdf", make_pdf(["Council reopens libraries", "", "All six libraries reopen on Monday.",
                                             "Published 30 June 2021"]))
    [doc] = load_file(p)
    assert doc.text == "Council reopens libraries\n\nAll six libraries reopen on Monday.\n\nPublished 30 June 2021\n"
    assert (doc.title, doc.date) == ("Council reopens libraries", dt.date(2021, 6, 30))


WRAPPED = [
    "The county council has confirmed a new grant for primary schools across the county, which will be paid "
    "from April and is meant to help schools with the rising cost of energy and materials.",
    "Twenty primary schools will share five million pounds over two years",
    "Councillor Ann Jones said the money would go first to the schools with the oldest buildings, and that "
    "every school would be told its share before the end of the spring term.",
    "Head teachers welcomed the news. “This will make a real difference to our pupils,” said one, who asked "
    "not to be named because the allocations are not yet final.",
]


@pytest.mark.parametrize("layout", [
    {"font_size": 12},  # spaced paragraphs, lines short enough to look like headlines
    {"indent": 18, "space_after": 0, "justify": True},  # indented first lines, no space between
    {"space_after": 0},  # nothing between paragraphs but the short last line
])
def test_pdf_wrapped_paragraphs_keep_every_line(tmp_path: Path, layout: dict) -> None:
    pdf = release_pdf("Council confirms new funding for primary schools", WRAPPED,
                      dateline="Cardiff, 3 February 2025", **layout)
    [doc] = load_file(write(tmp_path / "release.pdf", pdf))
    assert (doc.title, doc.date, doc.source) == (
        "Council confirms new funding for primary schools", dt.date(2025, 2, 3), None)
    assert [(p.paragraph, p.text) for p in split_document(doc)] == list(enumerate(WRAPPED, start=1))


def test_pdf_title_from_document_information(tmp_path: Path) -> None:
    pdf = release_pdf("Council confirms new funding", WRAPPED[:1], title="Grant for primary schools")
    [doc] = load_file(write(tmp_path / "release.pdf", pdf))
    assert doc.title == "Grant for primary schools"


def test_jsonl_and_gz(tmp_path: Path) -> None:
    records = [{"_id": "d1", "title": "T1", "text": "Alpha beta."}, {"id": 7, "title": "T2", "text": "Gamma.",
                                                                      "date": "2020-01-02", "source": "S"}]
    body = "\n".join(json.dumps(r) for r in records) + "\n"
    plain = load_file(write(tmp_path / "c.jsonl", body))
    zipped = load_file(write(tmp_path / "c.jsonl.gz", gzip.compress(body.encode())))
    for docs in (plain, zipped):
        assert [(d.doc_id, d.title, d.text) for d in docs] == [("d1", "T1", "Alpha beta."), ("7", "T2", "Gamma.")]
        assert docs[1].date == dt.date(2020, 1, 2) and docs[1].source == "S"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bin.txt", b"\x00\x01\x02binary\x00" * 20, "binary file"),
        ("undecodable.txt", b"Headline\n\nbad \x81\x8d bytes \xff\xfe\x90", "not decodable"),
        ("empty.md", b"   \n\n", "empty file"),
        ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nBody.\n", "malformed front matter"),
        ("unclosed.md", b"---\ntitle: x\nBody without end\n", "malformed front matter: no closing"),
        ("list.md", b"---\n- a\n- b\n---\nBody.\n", "malformed front matter"),
        ("baddate.md", b"---\ndate: someday\n---\nBody.\n", "not an ISO date"),
        ("only-meta.md", b"---\ntitle: x\n---\n\n", "no text after the front matter"),
        ("doc.docx", b"PK\x03\x04", "unsupported file type .docx"),
        ("broken.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
        ("broken.jsonl", b'{"_id": "a", "text": "x"}\n{not json\n', "line 2: not JSON"),
        ("noid.jsonl", b'{"text": "x"}\n', "needs '_id'"),
        ("broken.jsonl.gz", b"not gzip at all", "not a readable gzip"),
    ],
)
def test_unreadable_files_are_reported_and_skipped(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    write(folder / "good.md", "---\ntitle: Good\n---\nA good release.\n")
    write(folder / name, data)
    result = load_corpus([folder])
    assert [d.title for d in result.documents] == ["Good"]
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.path.endswith(name)
    assert reason in str(problem), str(problem)


def test_missing_corpus_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file or folder"):
        load_corpus([tmp_path / "nope"])


def test_hidden_files_are_ignored(tmp_path: Path) -> None:
    write(tmp_path / ".DS_Store", b"\x00\x00")
    write(tmp_path / "a.md", "Title\n\nText.")
    result = load_corpus([tmp_path])
    assert len(result.documents) == 1 and result.problems == []


def test_decode_rejects_control_heavy_text() -> None:
    with pytest.raises(LoadError, match="binary"):
        decode_text(bytes(range(1, 32)) * 50)


def test_damaged_pdfs_are_one_line_each_on_the_terminal(tmp_path: Path) -> None:
    import subprocess
    import sys

    from .conftest import REPO

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus / "good.md", "---\ntitle: Good\n---\nA good release.\n")
    write(corpus / "broken.pdf", b"%PDF-1.4 garbage")
    write(corpus / "notpdf.pdf", b"hello\n")
    write(corpus / "truncated.pdf", release_pdf("Council budget", WRAPPED)[:1500])
    done = subprocess.run([sys.executable, "-m", "bot.cli", "index", "--corpus", str(corpus), "--index",
                           str(tmp_path / "index"), "--model", "none"], cwd=REPO, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}, timeout=60)
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert lines[:2] == [
        f"citebot: skipped {corpus / 'broken.pdf'}: not a readable PDF (No /Root object! - Is this really a PDF?)",
        f"citebot: skipped {corpus / 'notpdf.pdf'}: not a readable PDF (no PDF header)",
    ]
    assert len(lines) == 3 and lines[2].startswith(f"citebot: skipped {corpus / 'truncated.pdf'}: not a readable PDF (")


def test_metadata_file_beside_a_release_wins_and_counts_as_a_change(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    pdf = write(folder / "release.pdf", release_pdf("Council confirms new funding", WRAPPED[:2],
                                                    dateline="3 February 2025"))
    [plain] = load_corpus([folder]).documents
    assert (plain.title, plain.date, plain.source, plain.url) == (
        "Council confirms new funding", dt.date(2025, 2, 3), None, None)
    write(folder / "release.pdf.meta.yaml", "source: Example Council\nurl: https://example.org/r.pdf\n"
                                            "date: 2025-02-04\n")
    result = load_corpus([folder])
    [doc] = result.documents
    assert result.problems == []
    assert (doc.doc_id, doc.title, doc.date, doc.source, doc.url) == (
        "corpus/release.pdf", "Council confirms new funding", dt.date(2025, 2, 4), "Example Council",
        "https://example.org/r.pdf")
    assert doc.text == plain.text and doc.content_hash != plain.content_hash
    pdf.unlink()
    result = load_corpus([folder])
    assert result.documents == []
    assert [str(p) for p in result.problems] == [
        f"{folder / 'release.pdf.meta.yaml'}: metadata for release.pdf, which is not there; ignored"]
