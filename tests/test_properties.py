"""Property-based checks over hostile input: questions, documents and CLI
arguments. Invariants: no traceback; a clear error or an answer; every quote
a substring of its source, and shown whole with its marker and its release's
title. (Bounded example counts here; bench/fuzz.py runs the long version.)"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import main
from bot.render import NOT_COVERED, render_text
from retrieval import BadQuestion, CitebotError, Engine, Settings
from retrieval.loaders import load_corpus
from retrieval.passages import split_document
from retrieval.dates import human
from retrieval.sentences import normalise_space

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

MARKUP = st.sampled_from(["<b>", "</b>", "<script>alert(1)</script>", "&amp;", "&", "<", ">", "**bold**", "_x_",
                          "[link](http://x)", "`code`", "\\", "\"", "'", "NAHT", "Cymru", "funding", "ask", "…", "\u200b",
                          "\u202e", "\ufeff", "\x00", "\x1b[31m", "\r\n", "\t"])
QUESTIONS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(MARKUP, st.text(max_size=10)), max_size=40).map(" ".join),
    st.integers(0, 10_000).map(lambda n: "what did NAHT Cymru ask for " * (n // 28 + 1)),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=50),
)


def check_answer(engine: Engine, question: str) -> None:
    try:
        answer = engine.answer(question)
    except BadQuestion as e:
        assert str(e) == "the question is empty"
        assert not normalise_space("".join(ch for ch in question if ch.isprintable()).replace("\x00", " "))
        return
    texts = {d.doc_id: normalise_space(d.text) for d in engine.documents()}
    for quote in answer.quotes:
        for piece in quote.text.split("…"):
            assert piece.strip() in texts[quote.citation.doc_id]
    rendered = render_text(answer)
    if answer.answered and answer.quotes:  # every quote whole with its marker, every release cited by title
        dated = len({q.citation.date.year for q in answer.quotes if q.citation.date}) > 1  # several years: dated
        for quote in answer.quotes:
            marker = f"[{quote.citation.n}, {human(quote.citation.date)}]" if dated else f"[{quote.citation.n}]"
            assert f"“{quote.text}” {marker}" in rendered
        for citation in answer.citations:
            assert f"• {citation.title}" in rendered
    else:
        assert rendered.startswith(answer.explanation or NOT_COVERED)
    if answer.notes:
        assert rendered.endswith("(" + "; ".join(answer.notes) + ")")


@SETTINGS
@given(question=QUESTIONS)
def test_any_question_gets_an_answer_or_a_clear_error(seed_engine: Engine, question: str) -> None:
    check_answer(seed_engine, question)


DOCUMENTS = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8")),
    st.text(max_size=500).map(lambda t: t.encode("utf-16")),
    st.text(alphabet="abcdéü“”’ \n", max_size=500).map(lambda t: t.encode("cp1252", "ignore") + "é".encode("utf-8")),
    st.integers(1, 300_000).map(lambda n: b"word " * n),
    st.integers(1, 200_000).map(lambda n: b"A" * n),
    st.integers(1, 3000).map(lambda n: ("<div>" * n + "Deep text. " + "</div>" * n).encode()),
    st.text(max_size=300).map(lambda t: f"---\n{t}\n---\nBody text here.\n".encode("utf-8", "replace")),
    st.sampled_from([b"---\n: : :\n---\nx", b"---\n[1, 2\n---\nx", b"---\ntitle: !!python/object:os.system x\n---\nb",
                     b"---\n---\n", b"---\n", b"\xef\xbb\xbf---\ntitle: BOM\n---\nText.", b"%PDF-1.4\n%%EOF"]),
)
SUFFIXES = st.sampled_from([".md", ".txt", ".html", ".pdf", ".jsonl", ".jsonl.gz"])


@SETTINGS
@given(data=DOCUMENTS, suffix=SUFFIXES)
def test_any_file_loads_or_is_reported(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    folder = tmp_path_factory.mktemp("docs")
    (folder / f"input{suffix}").write_bytes(data)
    (folder / "good.md").write_text("---\ntitle: Good\n---\nA good release about funding.\n", encoding="utf-8")
    result = load_corpus([folder])
    assert "Good" in [d.title for d in result.documents]
    assert len(result.documents) + len(result.problems) >= 2 or suffix in (".jsonl", ".jsonl.gz")
    for problem in result.problems:
        assert problem.path.endswith(f"input{suffix}") and "\n" not in str(problem)
    for doc in result.documents:
        for p in split_document(doc, 1200):
            assert doc.text[p.start:p.end] == p.text and p.paragraph >= 1


@SETTINGS
@given(argv=st.lists(st.one_of(
    st.sampled_from(["ask", "index", "status", "sources", "add", "chat", "model", "download", "--json", "--batch",
                     "-k", "--since", "--until", "--source", "--index", "--corpus", "--model", "--full", "-", "--",
                     "0", "-1", "99999", "2024-13-45", "none", "", "--help"]),
    st.text(max_size=20)), max_size=6))
def test_any_cli_arguments_exit_cleanly(tmp_path_factory: pytest.TempPathFactory, argv: list[str]) -> None:
    if any(a in ("chat", "--help", "-h", "--version") or a.startswith("--h") or a.startswith("--v")
           for a in argv) or "download" in argv:
        return  # interactive, help output or network: covered elsewhere
    home = tmp_path_factory.mktemp("cli")
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(home)
    try:
        code = main(argv, out, err)
    except SystemExit as e:  # argparse may still exit for --help-like input
        code = e.code
    finally:
        os.chdir(cwd)
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue() and "Traceback" not in out.getvalue()
    if code != 0:
        lines = err.getvalue().strip().splitlines()
        assert lines and all(line.startswith("citebot: ") for line in lines)


def test_engine_errors_are_citebot_errors(tmp_path: Path) -> None:
    engine = Engine(Settings(index_dir=tmp_path / "none", model="none"))
    with pytest.raises(CitebotError):
        engine.answer("x")
