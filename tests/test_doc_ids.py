"""Document ids do not drift: they are paths from the folder holding the corpus root, so
another working folder, an absolute path or a moved project re-embeds nothing."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from retrieval import Engine, Settings
from retrieval.loaders import load_corpus

from .conftest import SEED_CORPUS
from .fakes import FakeEncoder

SEED_IDS = ["corpus/2014-11-27-ascl-cymru-devolve-decision-making.md", "corpus/2024-05-21-naht-cymru-aln-funding.md"]


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(SEED_CORPUS, project / "corpus")
    (project / "corpus" / "2025").mkdir()
    (project / "corpus" / "2025" / "libraries.txt").write_text(
        "Council reopens libraries\n\n30 June 2025\n\nAll six branch libraries reopen on Monday.\n", encoding="utf-8")
    return project


def _index(corpus: Path, index: Path, encoder: FakeEncoder) -> tuple[list[str], int, int, list[str]]:
    engine = Engine(Settings(corpus=(corpus,), index_dir=index, model="fake-encoder"), encoder=encoder)
    try:
        report = engine.index()
        return report.added + report.removed, report.unchanged, report.embedded, sorted(
            d.doc_id for d in engine.documents())
    finally:
        engine.close()


def test_ids_do_not_depend_on_the_working_folder_or_where_the_project_is(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    encoder = FakeEncoder()
    monkeypatch.chdir(project)
    changed, unchanged, embedded, ids = _index(Path("corpus"), Path(".citebot"), encoder)
    assert ids == sorted([*SEED_IDS, "corpus/2025/libraries.txt"])
    assert embedded == 31

    # The same corpus by absolute path, from another working folder (a cron job, a systemd unit).
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert _index(project / "corpus", project / ".citebot", encoder) == ([], 3, 0, ids)

    # The whole project moved.
    moved = tmp_path / "moved" / "project"
    moved.parent.mkdir()
    os.rename(project, moved)
    assert _index(moved / "corpus", moved / ".citebot", encoder) == ([], 3, 0, ids)
    assert encoder.passages_encoded == 31


def test_cli_index_from_another_folder_reports_nothing_changed(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    out = io.StringIO()
    assert main(["index", "--model", "none"], out, io.StringIO()) == 0
    assert out.getvalue().startswith("rebuilt: added 3, updated 0, removed 0, unchanged 0")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert main(["index", "--model", "none", "--corpus", str(project / "corpus"), "--index",
                 str(project / ".citebot")], out, io.StringIO()) == 0
    assert out.getvalue().startswith("indexed: added 0, updated 0, removed 0, unchanged 3")


def test_a_file_given_as_the_corpus_has_the_same_id_as_in_its_folder(tmp_path: Path) -> None:
    project = _project(tmp_path)
    one = load_corpus([project / "corpus" / "2024-05-21-naht-cymru-aln-funding.md"]).documents
    assert [d.doc_id for d in one] == [SEED_IDS[1]]
    both = load_corpus([project / "corpus", tmp_path / "project" / "corpus"]).documents
    assert len(both) == 3  # the same folder twice: each release once
