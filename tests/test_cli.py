"""The command line: exact output and exit statuses."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

from .conftest import REPO, SEED_CORPUS

NAHT = "NAHT Cymru warns children with additional learning needs in Wales are being failed and calls for urgent funding"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding corpus/ (the seeds), as a user's checkout would."""
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CITEBOT_MODEL", "none")
    return tmp_path


def run(*argv: str, stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_ask_exact_output_and_first_run_builds_the_index(workdir: Path) -> None:
    code, out, err = run("ask", "who is Laura Doel?")
    assert code == 0
    assert out == (
        "  “Laura Doel, NAHT Cymru national secretary, said: “It is unacceptable that schools are being set up to "
        "fail because they simply do not have the capacity to deliver for children.” [1]\n"
        "\n"
        "Sources\n"
        f"• {NAHT} — NAHT Cymru, 21 May 2024\n"
        "  [1] paragraph 8\n"
        "  corpus/2024-05-21-naht-cymru-aln-funding.md\n"
    )
    assert err == (
        "citebot: no index yet; building it from corpus ...\n"
        f"rebuilt: added 2, updated 0, removed 0, unchanged 0 — 2 documents, 30 passages, 0 embedded "
        f"(model: none) in {err.split(' in ')[-1].split()[0]} s\n"
    )
    assert (workdir / ".citebot" / "citebot.sqlite").exists()
    # Second run: no rebuild, nothing on stderr.
    code, out2, err2 = run("ask", "who is Laura Doel?")
    assert (code, out2, err2) == (0, out, "")


def test_ask_not_covered(workdir: Path) -> None:
    run("index")
    code, out, err = run("ask", "What is the capital of France?")
    assert (code, out, err) == (0, "The releases in the corpus don't cover that.\n", "")


def test_ask_notes_the_steering(workdir: Path) -> None:
    run("index")
    code, out, _ = run("ask", "what did NAHT Cymru ask for?")
    assert code == 0
    assert out.endswith("\n\n(searched releases from NAHT Cymru)\n")
    # An organisation's calls from its newest releases (here its only one), in reading order.
    assert out.startswith("  “Children with additional learning needs")
    assert out.count("[1]") == 2 and out.count("amend the ALN code") == 1
    assert f"• {NAHT} — NAHT Cymru, 21 May 2024\n  [1] paragraph 1, [2] paragraph 6, [3] paragraph 7," in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ask", ""], "citebot: the question is empty\n"),
        (["ask", "   "], "citebot: the question is empty\n"),
        (["ask"], 'citebot: the question is missing: citebot ask "QUESTION"\n'),
        (["ask", "x", "--since", "soon"], "citebot: not a date: 'soon' (use YYYY, YYYY-MM or YYYY-MM-DD)\n"),
        (["ask", "x", "-k", "0"], "citebot: k must be between 1 and 1000, not 0\n"),
        (["ask", "x", "--source", "Unison"],
         "citebot: no releases from 'Unison' in the corpus; organisations: ASCL Cymru, NAHT Cymru\n"),
        (["frobnicate"], None),
        (["ask", "x", "--bogus"], "citebot: unknown option --bogus (see: citebot ask --help)\n"),
        # an unquoted question: the shell splits it into words
        (["ask", "what", "did", "NAHT", "Cymru", "ask", "for?"],
         'citebot: quote the question: citebot ask "what did NAHT Cymru ask for?"\n'),
        (["ask", "--json", "what", "did", "NAHT", "ask?", "--source", "naht"],
         'citebot: quote the question: citebot ask "what did NAHT ask?"\n'),
        (["ask", "what's", "$HOME?"], "citebot: quote the question: citebot ask 'what'\"'\"'s $HOME?'\n"),
        # a mistyped option: the nearest one suggested, wherever it is
        (["ask", "what did NAHT Cymru ask for?", "--sourse", "ascl"],
         "citebot: unknown option --sourse; did you mean --source? (see: citebot ask --help)\n"),
        (["ask", "--sourse=ascl", "what did NAHT Cymru ask for?"],
         "citebot: unknown option --sourse; did you mean --source? (see: citebot ask --help)\n"),
        (["ask", "--sinse", "2020", "what", "did", "NAHT", "ask?"],
         "citebot: unknown option --sinse; did you mean --since? (see: citebot ask --help)\n"),
        (["index", "--fulll"], "citebot: unknown option --fulll; did you mean --full? (see: citebot index --help)\n"),
        (["model", "download", "--timout", "3"],
         "citebot: unknown option --timout; did you mean --timeout? (see: citebot model download --help)\n"),
        (["chat", "hello"], "citebot: unrecognized arguments: hello (see: citebot chat --help)\n"),
        (["ask", "--batch", "q.txt", "and", "more"], "citebot: give either a question or --batch FILE, not both\n"),
        (["feedback", "--limit", "0"],
         "citebot: argument --limit: must be 1 or more, not 0; leave it out for all (see: citebot feedback --help)\n"),
    ],
)
def test_bad_input_exits_2_with_one_line(workdir: Path, argv: list[str], message: str | None) -> None:
    run("index")
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    if message is not None:
        assert err == message


def test_non_numeric_k_exits_2_with_one_line(workdir: Path) -> None:
    code, out, err = run("ask", "x", "-k", "abc")
    assert (code, out) == (2, "")
    assert err.startswith("citebot: ") and err.count("\n") == 1 and "invalid int value: 'abc'" in err


def test_overlong_question_is_cut_with_a_note(workdir: Path) -> None:
    run("index")
    code, out, _ = run("ask", "what did NAHT Cymru ask for? " + "x" * 3000)
    assert code == 0 and "the question was cut to its first" in out


def test_json_output(workdir: Path) -> None:
    run("index")
    code, out, err = run("ask", "what did NAHT Cymru ask for?", "--json", "-k", "4")
    data = json.loads(out)
    assert code == 0 and out.count("\n") == 1
    assert data["question"] == "what did NAHT Cymru ask for?" and data["answered"] is True
    assert len(data["passages"]) == 4
    assert data["quotes"][0]["citation"] == {
        "n": 1, "doc_id": "corpus/2024-05-21-naht-cymru-aln-funding.md", "title": NAHT, "source": "NAHT Cymru",
        "date": "2024-05-21", "paragraph": 1, "path": "corpus/2024-05-21-naht-cymru-aln-funding.md", "url": None}


def test_batch_in_order(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("index")
    questions = "who is Laura Doel?\n\nWhat is the capital of France?\nwhat did ASCL ask for?\n"
    code, out, err = run("ask", "--json", "--batch", "-", stdin=questions, monkeypatch=monkeypatch)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    assert [d["question"] for d in lines] == ["who is Laura Doel?", "", "What is the capital of France?",
                                               "what did ASCL ask for?"]
    assert [d["answered"] for d in lines] == [True, False, False, True]
    assert lines[1]["error"] == "the question is empty"
    batch_file = workdir / "q.txt"
    batch_file.write_text(questions, encoding="utf-8")
    code, out2, _ = run("ask", "--json", "--batch", str(batch_file))
    assert out2 == out
    code, _, err = run("ask", "--json", "--batch", str(workdir / "missing.txt"))
    assert code == 1 and err.startswith("citebot: cannot read")


def test_batch_file_saved_on_windows(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("index")
    windows = "\ufeffwhat did NAHT Cymru ask for?\r\nWhat is the capital of France?\r\n"
    batch_file = workdir / "windows.txt"
    batch_file.write_bytes(windows.encode("utf-8"))
    for argv, stdin in [(["--batch", str(batch_file)], None), (["--batch", "-"], windows)]:
        code, out, err = run("ask", "--json", *argv, stdin=stdin, monkeypatch=monkeypatch)
        assert (code, err) == (0, "")
        assert [json.loads(line)["question"] for line in out.splitlines()] == [
            "what did NAHT Cymru ask for?", "What is the capital of France?"]
    code, out, _ = run("ask", "--batch", str(batch_file))
    assert out.startswith("Q: what did NAHT Cymru ask for?\n  “Children with")
    assert "\nQ: What is the capital of France?\nThe releases in the corpus don't cover that.\n" in out


class _Terminal(io.StringIO):
    """Output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


LAURA_DOEL_60 = (
    "  “Laura Doel, NAHT Cymru national secretary, said: “It is\n"
    "   unacceptable that schools are being set up to fail\n"
    "   because they simply do not have the capacity to deliver\n"
    "   for children.” [1]\n"
    "\n"
    "Sources\n"
    "• NAHT Cymru warns children with additional learning needs\n"
    "  in Wales are being failed and calls for urgent funding —\n"
    "  NAHT Cymru, 21 May 2024\n"
    "  [1] paragraph 8\n"
    "  corpus/2024-05-21-naht-cymru-aln-funding.md\n"
)


def on_terminal(argv: list[str], width: int, *, color: bool = False) -> str:
    """What `citebot ARGV` prints on a terminal `width` columns wide."""
    out = _Terminal()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COLUMNS", str(width))
        if color:
            mp.delenv("NO_COLOR", raising=False)
        else:
            mp.setenv("NO_COLOR", "1")
        assert main(argv, out, io.StringIO()) == 0
    return out.getvalue()


def test_terminal_output_is_wrapped_with_a_hanging_indent(workdir: Path) -> None:
    run("index")
    assert on_terminal(["ask", "who is Laura Doel?"], 60) == LAURA_DOEL_60
    # colour codes take no room: the same lines, styled
    assert on_terminal(["ask", "who is Laura Doel?"], 60, color=True) == LAURA_DOEL_60.replace(
        "Sources", "\x1b[1mSources\x1b[0m").replace(
        "corpus/2024-05-21-naht-cymru-aln-funding.md", "\x1b[2mcorpus/2024-05-21-naht-cymru-aln-funding.md\x1b[0m")
    # at 80 columns: no longer line, no word broken ("capa / city"), a marker kept with its paragraph
    lines = on_terminal(["ask", "what did NAHT Cymru ask for?"], 80).splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[:4] == [
        "  “Children with additional learning needs (ALN) in Wales are being failed,",
        "   school leaders’ union NAHT Cymru is warning as it calls for an urgent",
        "   injection of funding and action to tackle a shortage of educational and child",
        "   psychologists.” [1]"]
    assert lines[-5:] == [
        "  [1] paragraph 1, [2] paragraph 6, [3] paragraph 7, [4] paragraph 12,",
        "  [5] paragraph 13",
        "  corpus/2024-05-21-naht-cymru-aln-funding.md",
        "",
        "(searched releases from NAHT Cymru)"]
    assert on_terminal(["ask", "who is Laura Doel?"], 80).splitlines()[1] == (
        "   schools are being set up to fail because they simply do not have the capacity")
    # not a terminal: whole lines, as before (test_ask_exact_output_and_first_run_builds_the_index)
    assert run("ask", "who is Laura Doel?")[1].splitlines()[0].endswith("the capacity to deliver for children.” [1]")


def test_sources_are_wrapped_on_a_terminal(workdir: Path) -> None:
    run("index")
    assert on_terminal(["sources"], 60) == (
        "2 releases\n"
        "• 21 May 2024 — NAHT Cymru: NAHT Cymru warns children with\n"
        "  additional learning needs in Wales are being failed and\n"
        "  calls for urgent funding\n"
        "• 27 November 2014 — ASCL Cymru: ASCL Cymru challenges\n"
        "  education minister to devolve decision-making to school\n"
        "  leaders\n"
    )


def test_index_and_add_word_the_missing_model_note_for_what_they_do(workdir: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("CITEBOT_MODEL", "example/not-a-model")
    note = ("citebot: note: model example/not-a-model is not in the local cache and HF_HUB_OFFLINE is set; "
            "indexing lexical-only (BM25), without vectors; the first index run that can load the model adds them\n")
    code, out, _ = run("index")
    assert (code, capsys.readouterr().err) == (0, note) and out.startswith("rebuilt: added 2,")
    new = tmp_path / "incoming.txt"
    new.write_text("Union welcomes inspection reform\n\n3 March 2025\n\nThe union welcomed the reform.\n",
                   encoding="utf-8")
    code, out, _ = run("add", str(new), "--source", "Example Union")
    assert (code, capsys.readouterr().err) == (0, note)
    assert [line for line in out.splitlines() if line.startswith("indexed: ")][0].startswith("indexed: added 1,")
    code, out, _ = run("ask", "who is Laura Doel?")  # the index has no vectors: nothing to note
    assert (code, capsys.readouterr().err) == (0, "") and "[1] paragraph 8" in out


def test_index_status_and_sources(workdir: Path) -> None:
    code, out, _ = run("index")
    assert code == 0 and out.startswith("rebuilt: added 2, updated 0, removed 0, unchanged 0 — 2 documents, 30 passages")
    code, out, _ = run("index")
    assert out.startswith("indexed: added 0, updated 0, removed 0, unchanged 2 — 2 documents, 30 passages")
    code, out, _ = run("status")
    lines = out.splitlines()
    assert code == 0
    assert lines[:8] == ["Index", "Folder:        .citebot", "Documents:     2", "Passages:      30",
                         "Organisations: ASCL Cymru (1), NAHT Cymru (1)",
                         "Dates:         27 November 2014 to 21 May 2024", "Model:         none", "Vectors:       none"]
    assert re.fullmatch(r"Last indexed:  \d{1,2} [A-Z][a-z]+ \d{4} \d\d:\d\d UTC \(generation 1\)", lines[8])
    assert len(lines) == 9
    data = json.loads(run("status", "--json")[1])
    assert {k: v for k, v in data.items() if k != "built_at"} == {
        "index": ".citebot", "documents": 2, "passages": 30, "sources": {"ASCL Cymru": 1, "NAHT Cymru": 1},
        "first_date": "2014-11-27", "last_date": "2024-05-21", "model": "none", "generation": 1, "vectors": "none",
        "dim": 0, "model_from": "", "queries": ""}
    code, out, _ = run("sources")
    assert out.splitlines() == [
        "2 releases",
        f"• 21 May 2024 — NAHT Cymru: {NAHT}",
        "• 27 November 2014 — ASCL Cymru: ASCL Cymru challenges education minister to devolve decision-making to "
        "school leaders",
    ]


def test_index_option_and_env(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, _ = run("index", "--index", "elsewhere")
    assert code == 0 and (workdir / "elsewhere" / "citebot.sqlite").exists()
    monkeypatch.setenv("CITEBOT_INDEX_DIR", str(workdir / "viaenv"))
    run("index")
    assert (workdir / "viaenv" / "citebot.sqlite").exists()
    code, _, err = run("status", "--index", "nowhere")
    assert (code, err) == (1, "citebot: no index at nowhere; build it with: citebot index\n")


def test_add_file_and_counts(workdir: Path, tmp_path: Path) -> None:
    run("index")
    new = tmp_path / "incoming.txt"
    new.write_text("Union welcomes inspection reform\n\n3 March 2025\n\nThe union welcomed the inspection reform "
                   "announced today.\n", encoding="utf-8")
    code, out, err = run("add", str(new))
    assert code == 0, err
    assert out.splitlines()[:2] == [f"added corpus/2025-03-03-union-welcomes-inspection-reform.txt (from {new})",
                                    "  Union welcomes inspection reform — unknown organisation, 3 March 2025"]
    assert out.splitlines()[2].startswith("indexed: added 1, updated 0, removed 0, unchanged 2 — 3 documents")
    assert err == ("citebot: corpus/2025-03-03-union-welcomes-inspection-reform.txt: no organisation found; "
                   "give it with: citebot add corpus/2025-03-03-union-welcomes-inspection-reform.txt --source ORG\n")
    assert (workdir / "corpus" / "2025-03-03-union-welcomes-inspection-reform.txt").read_text() == new.read_text()
    code, out, _ = run("ask", "what about inspection reform?")
    assert "The union welcomed the inspection reform announced today." in out
    code, out, err = run("add", str(tmp_path / "nope.md"), "ftp://example.org/x")
    assert code == 1 and out == ""
    assert err.splitlines() == [f"citebot: not added: {tmp_path / 'nope.md'}: no such file or folder",
                                "citebot: not added: not an http(s) URL: 'ftp://example.org/x'"]


def test_corpus_option_repeatable(workdir: Path, fake_corpus: Path) -> None:
    code, out, _ = run("index", "--corpus", "corpus", "--corpus", str(fake_corpus))
    assert code == 0 and "— 5 documents" in out


def test_chat(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import chat

    run("index")
    lines = iter(["", "/help", "/status", "who is Laura Doel?", "/quit"])
    monkeypatch.setattr(chat, "_readline_history", lambda engine: None)
    out = io.StringIO()
    from retrieval import Engine, Settings
    import argparse

    engine = Engine(Settings.from_env())
    code = chat.run_chat(engine, argparse.Namespace(k=None, source=None, since=None, until=None), out,
                         read=lambda prompt: next(lines))
    text = out.getvalue()
    assert code == 0
    assert text.startswith("citebot chat — 2 releases, 30 passages. /help for commands.\n")
    assert "/sources   list the releases" in text and "paragraph 8" in text
    status = run("status")[1]
    assert status.startswith("Index\nFolder:        .citebot\nDocuments:     2\n") and status in text


def test_cold_lexical_ask_does_not_import_torch(workdir: Path) -> None:
    """What makes a lexical-only `citebot ask` start fast; bench/latency.py times it."""
    run("index")
    code = ("import sys, io; from bot.cli import main; rc = main(['ask', 'who is Laura Doel?'], io.StringIO(), "
            "io.StringIO()); assert rc == 0; bad = [m for m in ('torch', 'sentence_transformers', 'faiss', 'numpy') "
            "if m in sys.modules]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=workdir,
                            env={"PYTHONPATH": str(REPO), "CITEBOT_MODEL": "none", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_chat_unknown_commands_are_not_asked(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from bot import chat
    from retrieval import Engine, Settings

    run("index")
    lines = iter(["/foo", "/source", "/Stat", "/help me", "/etc/hosts?", "/quit"])
    monkeypatch.setattr(chat, "_readline_history", lambda engine: None)
    out = io.StringIO()
    engine = Engine(Settings.from_env())
    code = chat.run_chat(engine, argparse.Namespace(k=None, source=None, since=None, until=None), out,
                         read=lambda prompt: next(lines))
    assert code == 0
    assert out.getvalue() == (
        "citebot chat — 2 releases, 30 passages. /help for commands.\n"
        "unknown command /foo; /help lists them\n"
        "unknown command /source (did you mean /sources?); /help lists them\n"
        "unknown command /stat (did you mean /status?); /help lists them\n"
        f"{chat.HELP}\n"
        "The releases in the corpus don't cover that.\n\n"  # a path is a question, not a command
    )


def test_ask_says_when_the_index_was_built_with_another_model_or_corpus(workdir: Path) -> None:
    run("index")
    code, out, err = run("ask", "who is Laura Doel?", "--model", "foo/bar")
    assert code == 0 and "paragraph 8" in out
    assert err == ("citebot: note: answered with the index's model none, not --model foo/bar; to use it, rebuild "
                   "with: citebot index --full --model foo/bar\n")
    (workdir / "other").mkdir()
    code, out, err = run("ask", "who is Laura Doel?", "--corpus", "other")
    assert code == 0 and "paragraph 8" in out
    assert err == (f"citebot: note: answered from the index of {(workdir / 'corpus').resolve()}, not --corpus other; "
                   "to use it, rebuild with: citebot index --full --corpus other\n")
    # the same model and corpus as the index: nothing to say
    assert run("ask", "who is Laura Doel?", "--model", "none", "--corpus", "corpus")[2] == ""


def test_a_misspelt_organisation_is_read_as_the_nearest_and_said(workdir: Path) -> None:
    run("index")
    code, out, _ = run("ask", "what did NHAT Cymru ask for?")
    assert code == 0
    assert out.endswith("\n\n(read “NHAT” as NAHT Cymru; searched releases from NAHT Cymru)\n")
    assert "Sources\n• NAHT Cymru warns" in out and "ASCL" not in out
