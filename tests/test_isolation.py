"""The suite does not depend on what the user keeps in corpus/ or .citebot/.

A copy of the project whose corpus/ holds ten extra releases (one a PDF), a
damaged PDF, an undecodable text file and a file no one may read, and whose
.citebot/ holds a broken index, runs the tests that use the seed releases; they
pass, and neither folder is changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO
from .pdfgen import make_pdf

# The test files that use the seed corpus, the index and the CLI the most (the model tests
# use the same fixtures, and building the tiny model in the inner run would double its time).
INNER_TESTS = ["tests/test_cli.py", "tests/test_loaders.py", "tests/test_passages.py", "tests/test_index.py",
               "tests/test_answers.py", "tests/test_damage.py"]


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under `folder` with its mode, size and modification time."""
    return {p.relative_to(folder).as_posix(): (p.lstat().st_mode, p.lstat().st_size, p.lstat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


def _user_project(dest: Path) -> Path:
    """A copy of the code and tests, with a user's corpus/ and .citebot/ beside them."""
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache")
    for name in ("retrieval", "bot", "tests"):
        shutil.copytree(REPO / name, dest / name, ignore=ignore)
    shutil.copy(REPO / "pyproject.toml", dest / "pyproject.toml")
    corpus = dest / "corpus"
    corpus.mkdir()
    for i in range(1, 10):
        (corpus / f"2020-0{i}-01-release-{i}.md").write_text(
            f"---\ntitle: Extra release {i}\ndate: 2020-0{i}-01\nsource: Other Union {i}\n---\n"
            f"Other Union {i} said teachers need support with workload and more money for schools.\n",
            encoding="utf-8")
    (corpus / "2021-01-05-budget.pdf").write_bytes(make_pdf(["Council budget statement", "",
                                                             "The council froze fees for schools.",
                                                             "Published 5 January 2021"]))
    (corpus / "damaged.pdf").write_bytes(b"%PDF-1.4 not really")
    (corpus / "latin.txt").write_bytes(b"Headline\n\nbad \x81\x8d bytes \xff\xfe\x90")
    secret = corpus / "secret.md"
    secret.write_text("Private notes.\n", encoding="utf-8")
    secret.chmod(0)
    index = dest / ".citebot"
    index.mkdir()
    (index / "citebot.sqlite").write_bytes(b"this is not a database")
    return dest


@pytest.mark.slow
def test_the_suite_passes_whatever_the_user_corpus_holds(tmp_path: Path) -> None:
    project = _user_project(tmp_path / "project")
    secret = project / "corpus" / "secret.md"
    before = {name: _snapshot(project / name) for name in ("corpus", ".citebot")}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CITEBOT_", "TELEGRAM_", "PYTEST_"))}
    env.update(PYTHONPATH=str(project), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *INNER_TESTS],
                              cwd=project, env=env, capture_output=True, text=True, timeout=600)
        after = {name: _snapshot(project / name) for name in ("corpus", ".citebot")}
    finally:
        secret.chmod(0o644)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
    assert after == before
