"""Faults during indexing: SIGKILL at many points of a build, write failures,
two writers. The previous index must always answer as before, and the next
build must complete."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from retrieval import Engine, IndexBusy, Settings

from .conftest import REPO
from .fakes import FakeEncoder

QUESTIONS = ["what did NAHT Cymru ask for?", "devolve decision-making", "who is Laura Doel?"]
NEW = """---
title: Union responds to inspection report {i}
date: 2025-0{m}-1{m}
source: NAHT Cymru
---
The union responded to inspection report number {i} on school workload today.

It said report {i} showed heads work longer hours than ever before.
"""


def answers(settings: Settings) -> list[dict]:
    engine = Engine(settings, encoder=FakeEncoder())
    return [engine.answer(q).to_json() for q in QUESTIONS]


def run_child(corpus: Path, index: Path, kill_at: int, vectors: str = "rewrite") -> subprocess.CompletedProcess:
    env = {**os.environ, "CRASH_CHILD_DELTA": "1" if vectors == "delta" else ""}
    return subprocess.run([sys.executable, str(REPO / "tests" / "crash_child.py"), str(REPO), str(corpus),
                           str(index), str(kill_at)], capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.slow
@pytest.mark.parametrize("vectors", ["rewrite", "delta"])
def test_sigkill_at_every_phase_of_a_build(seed_corpus: Path, tmp_path: Path, vectors: str) -> None:
    """`rewrite`: the update writes a new vectors base file; `delta`: a delta file beside the base."""
    pristine = tmp_path / "pristine"
    settings = Settings(corpus=(seed_corpus,), index_dir=pristine, model="fake-encoder")
    Engine(settings, encoder=FakeEncoder()).index()
    before = answers(settings)
    # An update that adds 3 releases, changes one and deletes none.
    for i in range(1, 4):
        (seed_corpus / f"report-{i}.md").write_text(NEW.format(i=i, m=i), encoding="utf-8")
    naht = next(seed_corpus.glob("*naht*"))
    naht.write_text(naht.read_text(encoding="utf-8") + "\nA sentence added later about pay.\n", encoding="utf-8")

    shutil.copytree(pristine, tmp_path / "dry")
    listing = run_child(seed_corpus, tmp_path / "dry", 0, vectors)
    assert listing.returncode == 0, listing.stderr
    assert bool(list((tmp_path / "dry").glob("vectors-*.delta.npz"))) == (vectors == "delta")
    points = [line.split(" ", 1)[1] for line in listing.stdout.splitlines() if line[0].isdigit()]
    phases = {p.split(":")[0] for p in points}
    assert phases >= {"load", "split", "embed", "write-vectors", "fsync-vectors", "rename-vectors", "delete",
                      "insert", "meta", "cleanup"}
    commit_point = points.index("cleanup:before") + 1  # the transaction committed just before this
    # Every checkpoint of the smaller phases, and a spread of the rest. The delta variant differs
    # from rewrite only in its vectors files, so its SQLite phases get the spread too, and the
    # checkpoints either side of the commit.
    spread = ("embed", "load") + (("split", "delete", "insert", "meta") if vectors == "delta" else ())
    chosen = sorted({i for i, p in enumerate(points, 1) if not p.startswith(spread)}
                    | set(range(1, len(points) + 1, 4)) | {commit_point - 1, commit_point})
    assert len(chosen) >= (12 if vectors == "delta" else 20)
    after = answers(Settings(corpus=(seed_corpus,), index_dir=tmp_path / "dry", model="fake-encoder"))
    assert after != before

    survived = 0
    for kill_at in chosen:
        index = tmp_path / f"idx-{kill_at}"
        shutil.copytree(pristine, index)
        child = run_child(seed_corpus, index, kill_at, vectors)
        assert child.returncode == -signal.SIGKILL, (kill_at, child.stdout, child.stderr)
        killed = Settings(corpus=(seed_corpus,), index_dir=index, model="fake-encoder")
        # Killed before the commit: exactly the old index; after it: exactly the new one.
        assert answers(killed) == (after if kill_at >= commit_point else before), points[kill_at - 1]
        engine = Engine(killed, encoder=FakeEncoder())
        report = engine.index()
        assert report.documents == 5 and report.passages == 37, points[kill_at - 1]
        assert engine.answer("what did NAHT Cymru say about inspection report 2?").answered
        assert "A sentence added later about pay." in " ".join(
            q.text for q in engine.answer("sentence added later about pay").quotes)
        survived += 1
        shutil.rmtree(index)
    assert survived == len(chosen)
    print(f"kills survived: {survived}/{len(chosen)} over {len(points)} checkpoints")


@pytest.mark.slow
def test_write_failure_mid_build_is_one_line_and_keeps_the_index(seed_corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    settings = Settings(corpus=(seed_corpus,), index_dir=index, model="none")
    Engine(settings, encoder=None).index()
    before = answers(settings)
    for i in range(200):
        (seed_corpus / f"bulk-{i}.md").write_text(NEW.format(i=i, m=1) * 20, encoding="utf-8")
    size = (index / "citebot.sqlite").stat().st_size
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({size + 64 * 1024}, {size + 64 * 1024}))\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "from bot.cli import main\n"
        f"sys.exit(main(['index', '--index', {str(index)!r}, '--corpus', {str(seed_corpus)!r}, '--model', 'none']))\n"
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert child.returncode == 1, child.stderr
    assert child.stderr.count("\n") == 1 and "Traceback" not in child.stderr
    assert child.stderr.startswith(f"citebot: cannot write the index at {index} (")
    assert child.stderr.rstrip().endswith("the previous index is unchanged")
    assert answers(settings) == before
    assert Engine(settings, encoder=None).index().documents == 202


def test_unwritable_index_folder(seed_corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    out, err = io.StringIO(), io.StringIO()
    code = main(["index", "--index", str(blocker / "idx"), "--corpus", str(seed_corpus), "--model", "none"], out, err)
    assert code == 1 and err.getvalue().startswith(f"citebot: cannot write the index at {blocker / 'idx'}")
    assert err.getvalue().count("\n") == 1
    out, err = io.StringIO(), io.StringIO()
    code = main(["index", "--index", "/sys/citebot-index", "--corpus", str(seed_corpus), "--model", "none"], out, err)
    assert code == 1 and err.getvalue().startswith("citebot: cannot write the index at /sys/citebot-index")


def test_two_writers_never_write_at_once(seed_corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    settings = Settings(corpus=(seed_corpus,), index_dir=index, model="none")
    Engine(settings, encoder=None).index()
    from retrieval.indexer import writer_lock

    with writer_lock(index):
        out, err = io.StringIO(), io.StringIO()
        code = main(["index", "--index", str(index), "--corpus", str(seed_corpus), "--model", "none"], out, err)
        assert code == 1
        assert err.getvalue().startswith(f"citebot: another citebot index is writing {index} (pid ")
        with pytest.raises(IndexBusy):
            Engine(settings, encoder=None).index(wait=0.3)
