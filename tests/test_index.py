"""The index: incremental updates, model changes, locking, atomicity, FAISS exactness."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from retrieval import Engine, IndexBusy, Settings
from retrieval import dense
from retrieval.dense import Delta, LayeredIndex, VectorIndex
from retrieval.errors import EmptyCorpus, IndexMissing
from retrieval.indexer import writer_lock

from .conftest import REPO
from .fakes import FakeEncoder

NEW_RELEASE = """---
title: Union welcomes new inspection framework
date: 2025-01-10
source: NAHT Cymru
---
The union welcomed the new school inspection framework published today by the inspectorate.

It said the framework would reduce workload for headteachers in every county.
"""


def make_engine(corpus: Path, index: Path, encoder: FakeEncoder | None) -> Engine:
    return Engine(Settings(corpus=(corpus,), index_dir=index, model=encoder.name if encoder else "none"),
                  encoder=encoder)


def test_first_build_counts(seed_corpus: Path, tmp_path: Path, fake_encoder: FakeEncoder) -> None:
    engine = make_engine(seed_corpus, tmp_path / "idx", fake_encoder)
    report = engine.index()
    assert (len(report.added), len(report.updated), len(report.removed), report.unchanged) == (2, 0, 0, 0)
    assert (report.documents, report.passages, report.embedded) == (2, 30, 30)
    assert fake_encoder.passages_encoded == 30
    status = engine.status()
    assert (status.documents, status.passages, status.model) == (2, 30, "fake-encoder")
    assert status.vectors == "flat, 30 vectors"


def test_incremental_add_change_delete(seed_corpus: Path, tmp_path: Path, fake_encoder: FakeEncoder) -> None:
    engine = make_engine(seed_corpus, tmp_path / "idx", fake_encoder)
    engine.index()
    assert not engine.answer("inspection framework").answered

    # Nothing changed: nothing embedded.
    before = fake_encoder.passages_encoded
    report = engine.index()
    assert (report.unchanged, report.embedded, report.changed) == (2, 0, False)
    assert fake_encoder.passages_encoded == before

    # Add one release: only its 2 passages are embedded.
    (seed_corpus / "2025-01-10-inspection.md").write_text(NEW_RELEASE, encoding="utf-8")
    report = engine.index()
    assert (len(report.added), report.unchanged, report.embedded) == (1, 2, 2)
    assert fake_encoder.passages_encoded == before + 2
    answer = engine.answer("what did NAHT Cymru say about the inspection framework?")
    assert answer.answered
    assert answer.quotes[0].citation.title == "Union welcomes new inspection framework"

    # Change it: re-embedded alone, old text gone.
    changed = NEW_RELEASE.replace("reduce workload for headteachers", "cut paperwork for deputy heads")
    (seed_corpus / "2025-01-10-inspection.md").write_text(changed, encoding="utf-8")
    report = engine.index()
    new_id = "corpus/2025-01-10-inspection.md"  # its path from the folder holding the corpus root
    assert (report.updated, report.added, report.unchanged, report.embedded) == ([new_id], [], 2, 2)
    answer = engine.answer("what about paperwork for deputy heads?")
    assert any("cut paperwork for deputy heads" in q.text for q in answer.quotes)
    assert not any("reduce workload for headteachers" in h.passage.text for h in
                   engine.answer("workload for headteachers").passages)

    # Delete it: removed, nothing embedded, no longer answerable.
    (seed_corpus / "2025-01-10-inspection.md").unlink()
    report = engine.index()
    assert (len(report.removed), report.embedded, report.documents, report.passages) == (1, 0, 2, 30)
    assert not engine.answer("inspection framework paperwork").answered
    # The vectors follow the passages exactly.
    gen = engine.current()
    assert len(gen.vectors) == gen.store.passage_count() == 30


def test_full_rebuild_and_model_change_reembed(seed_corpus: Path, tmp_path: Path) -> None:
    enc = FakeEncoder()
    make_engine(seed_corpus, tmp_path / "idx", enc).index()
    report = make_engine(seed_corpus, tmp_path / "idx", enc).index(full=True)
    assert report.full and report.embedded == 30 and len(report.added) == 2
    other = FakeEncoder(dim=32, name="other-model")
    report = make_engine(seed_corpus, tmp_path / "idx", other).index()
    assert report.full and report.embedded == 30 and report.model == "other-model"
    engine = make_engine(seed_corpus, tmp_path / "idx", other)
    assert engine.status().model == "other-model" and engine.current().vectors.dim == 32
    # Lexical-only afterwards drops the vectors.
    report = make_engine(seed_corpus, tmp_path / "idx", None).index()
    assert report.model == "none" and report.embedded == 0
    assert make_engine(seed_corpus, tmp_path / "idx", None).status().vectors == "none"


def test_empty_corpus_leaves_index_alone(seed_corpus: Path, tmp_path: Path) -> None:
    engine = make_engine(seed_corpus, tmp_path / "idx", None)
    engine.index()
    for f in seed_corpus.iterdir():
        f.unlink()
    with pytest.raises(EmptyCorpus, match="no readable documents"):
        engine.index()
    assert make_engine(seed_corpus, tmp_path / "idx", None).status().documents == 2


def test_unreadable_file_keeps_its_indexed_version(seed_corpus: Path, tmp_path: Path) -> None:
    engine = make_engine(seed_corpus, tmp_path / "idx", None)
    engine.index()
    naht = next(seed_corpus.glob("*naht*"))
    naht.write_bytes(b"---\ntitle: [broken\n---\nx")
    report = engine.index()
    assert [str(p) for p in report.problems] and "malformed front matter" in str(report.problems[0])
    assert report.removed == [] and report.documents == 2
    assert engine.answer("what did NAHT Cymru ask for?").answered


def test_no_index_is_reported(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="citebot index"):
        Engine(Settings(index_dir=tmp_path / "none", model="none")).answer("anything")


def test_second_writer_is_refused(seed_corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    index.mkdir()
    with writer_lock(index):
        with pytest.raises(IndexBusy, match=f"another citebot index is writing {index} \\(pid {os.getpid()}\\)"):
            make_engine(seed_corpus, index, None).index()
    assert make_engine(seed_corpus, index, None).index().documents == 2


def test_faiss_matches_brute_force_cosine() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((500, 48)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.arange(1000, 1500, dtype=np.int64)
    index = VectorIndex.build(ids, vectors)
    index.remove([1000, 1001])
    live = ids[2:]
    for q in rng.standard_normal((20, 48)).astype(np.float32):
        q /= np.linalg.norm(q)
        brute = vectors[2:] @ q
        expected = [int(live[i]) for i in np.argsort(-brute)[:10]]
        got = index.search(q, 10)
        assert [pid for pid, _ in got] == expected
        assert np.allclose([s for _, s in got], np.sort(brute)[::-1][:10], atol=1e-5)
        allowed = [int(x) for x in live[::3]]
        got = index.search(q, 5, allowed)
        mask = np.isin(live, allowed)
        expected = [int(live[mask][i]) for i in np.argsort(-brute[mask])[:5]]
        assert [pid for pid, _ in got] == expected



def unit_rows(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_a_base_with_its_delta_searches_like_one_exact_index_of_what_remains() -> None:
    rng = np.random.default_rng(11)
    base_vectors, added = unit_rows(rng, 400, 24), unit_rows(rng, 60, 24)
    base = VectorIndex.build(np.arange(400), base_vectors)
    # Two updates: the second removes base ids and ids the first one added.
    delta = Delta.empty(24).then([3, *range(10, 30)], np.arange(400, 450), added[:50])
    delta = delta.then([400, 401, 50], np.arange(450, 460), added[50:])
    assert (len(delta.ids), list(delta.removed)) == (58, [3, *range(10, 30), 50])
    layered = LayeredIndex(base, delta)
    all_ids, all_vectors = np.arange(460), np.vstack([base_vectors, added])
    live = np.array([i for i in all_ids if i not in {3, 50, 400, 401, *range(10, 30)}])
    assert len(layered) == len(live) == 436
    exact = VectorIndex.build(live, all_vectors[live])
    for q in unit_rows(rng, 25, 24):
        got, want = layered.search(q, 10), exact.search(q, 10)
        assert [pid for pid, _ in got] == [pid for pid, _ in want]
        assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-5)
        allowed = [int(i) for i in rng.choice(460, 120, replace=False)]  # removed ids among them
        got, want = layered.search(q, 7, allowed), exact.search(q, 7, [i for i in allowed if i in set(live)])
        assert [pid for pid, _ in got] == [pid for pid, _ in want]
    # When the nearest base vectors are all removed, the search looks past them.
    q = base_vectors[100]
    nearest = [pid for pid, _ in base.search(q, 60)]
    emptied = LayeredIndex(base, Delta.empty(24).then(nearest, np.zeros(0), np.zeros((0, 24))))
    rest = np.array(sorted(set(range(400)) - set(nearest)))
    want = VectorIndex.build(rest, base_vectors[rest]).search(q, 10)
    assert [pid for pid, _ in emptied.search(q, 10)] == [pid for pid, _ in want]
    # Merged into the base, the same index results.
    merged = delta.applied_to(VectorIndex.build(np.arange(400), base_vectors))
    ids, _ = merged.contents()
    assert sorted(ids.tolist()) == live.tolist()


def test_a_delta_survives_saving_and_a_damaged_one_is_named(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    delta = Delta.empty(8).then([1, 2], np.array([7, 9]), unit_rows(rng, 2, 8))
    delta.save(tmp_path / "vectors-2.delta.npz")
    back = Delta.load(tmp_path / "vectors-2.delta.npz")
    assert back.ids.tolist() == [7, 9] and back.removed.tolist() == [1, 2]
    assert np.array_equal(back.vectors, delta.vectors)
    VectorIndex.build(np.arange(5), unit_rows(rng, 5, 8)).save(tmp_path / "vectors-1.faiss")
    (tmp_path / "vectors-2.delta.npz").write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(ValueError, match="^vectors-2.delta.npz: "):
        LayeredIndex.open(tmp_path / "vectors-1.faiss", tmp_path / "vectors-2.delta.npz")


def _floats_apart(ours: object, theirs: object, where: str = "answer") -> list[str]:
    """Where two JSON values differ, floats within 2e-4 of each other (four decimals, rounded) counted equal."""
    if isinstance(ours, float) and isinstance(theirs, float):
        return [] if abs(ours - theirs) <= 2e-4 else [f"{where}: {ours} != {theirs}"]
    if isinstance(ours, dict) and isinstance(theirs, dict) and ours.keys() == theirs.keys():
        return [d for k in ours for d in _floats_apart(ours[k], theirs[k], f"{where}.{k}")]
    if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        return [d for i, (a, b) in enumerate(zip(ours, theirs)) for d in _floats_apart(a, b, f"{where}[{i}]")]
    return [] if ours == theirs else [f"{where}: {ours!r} != {theirs!r}"]


def test_updates_write_a_delta_and_readers_keep_the_base_they_loaded(
        seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dense, "DELTA_MIN_BASE", 0)  # the seed index is far below the real threshold
    monkeypatch.setattr(dense, "DELTA_SHARE", 10.0)
    index = tmp_path / "idx"
    encoder = FakeEncoder()
    writer = make_engine(seed_corpus, index, encoder)
    writer.index()
    reader = make_engine(seed_corpus, index, FakeEncoder())
    reader.refresh_interval = 0
    base_before = reader.current().vectors.base
    base_file = index / reader.current().meta["vectors"]
    stamp = base_file.stat().st_mtime_ns

    (seed_corpus / "2025-01-10-inspection.md").write_text(NEW_RELEASE, encoding="utf-8")
    naht = next(seed_corpus.glob("*naht*"))
    naht.write_text(naht.read_text(encoding="utf-8") + "\nThe union also asked for smaller classes.\n",
                    encoding="utf-8")
    next(seed_corpus.glob("*ascl*")).unlink()
    report = writer.index()
    assert (len(report.added), len(report.updated), len(report.removed), report.embedded) == (1, 1, 1, 2 + 21)
    gen = reader.current()
    assert gen.number == 2 and gen.meta["vectors"] == base_file.name
    assert gen.meta["vectors_delta"] == "vectors-2.delta.npz"
    assert base_file.stat().st_mtime_ns == stamp  # the base file was not rewritten
    assert gen.vectors.base is base_before  # nor read again by the reader
    assert len(gen.vectors) == gen.store.passage_count() == 23
    assert len(gen.vectors.delta.ids) == 23 and len(gen.vectors.delta.removed) == 30
    assert reader.status().vectors == "flat, 23 vectors (23 added, 30 removed since vectors-1.faiss was written)"

    # The same answers as an index built from scratch over the same corpus: the same passages
    # and quotes, their scores equal but for float32 rounding (the delta's vectors are searched
    # apart from the base's, and the fused scores are normalised similarities).
    fresh = make_engine(seed_corpus, tmp_path / "fresh", FakeEncoder())
    fresh.index()
    for question in ["what did NAHT Cymru ask for?", "smaller classes", "inspection framework",
                     "devolve decision-making to school leaders"]:
        assert _floats_apart(reader.answer(question).to_json(), fresh.answer(question).to_json()) == []

    # Past its share the delta is merged into a new base file; old files go one update later.
    monkeypatch.setattr(dense, "DELTA_SHARE", 0.01)
    (seed_corpus / "2025-01-10-inspection.md").unlink()
    writer.index()
    gen = reader.current()
    assert (gen.meta["vectors"], gen.meta["vectors_delta"], gen.meta["vectors_base_count"]) == \
        ("vectors-3.faiss", "", "21")
    assert gen.vectors.delta is None and len(gen.vectors) == 21
    # (fresh still holds the inspection release: the same passages and quotes, in the same order)
    merged, built = reader.answer("smaller classes"), fresh.answer("smaller classes")
    assert [(h.passage.doc_id, h.passage.paragraph) for h in merged.passages] == \
        [(h.passage.doc_id, h.passage.paragraph) for h in built.passages]
    assert [q.text for q in merged.quotes] == [q.text for q in built.quotes]
    monkeypatch.setattr(dense, "DELTA_SHARE", 10.0)
    naht.write_text(naht.read_text(encoding="utf-8") + "\nAnd fewer tests.\n", encoding="utf-8")
    writer.index()
    assert sorted(p.name for p in index.glob("vectors-*")) == ["vectors-3.faiss", "vectors-4.delta.npz"]


def test_ivf_index_is_chosen_above_the_exact_limit() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((2000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = VectorIndex.build(np.arange(2000), vectors, limit=1000)
    assert index.kind == "ivf" and len(index) == 2000
    index.remove([0, 1, 2])
    assert len(index) == 1997
    hits = index.search(vectors[10], 1)
    assert hits[0][0] == 10


CRASH_SCRIPT = """
import sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
from retrieval import Engine, Settings
from tests.fakes import FakeEncoder

class Slow(FakeEncoder):
    def encode(self, texts, *, query=False):
        print("encoding", flush=True)
        time.sleep(0.05)
        return super().encode(texts, query=query)

enc = Slow()
Engine(Settings(corpus=(Path({corpus!r}),), index_dir=Path({index!r}), model=enc.name, batch_size=2),
       encoder=enc).index()
print("done", flush=True)
"""


@pytest.mark.slow
def test_sigkill_mid_build_leaves_previous_index_usable(seed_corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    enc = FakeEncoder()
    make_engine(seed_corpus, index, enc).index()
    before = make_engine(seed_corpus, index, enc).answer("what did NAHT Cymru ask for?").to_json()

    # A big new batch of releases, embedded slowly by a child process we kill.
    for i in range(40):
        (seed_corpus / f"extra-{i}.md").write_text(NEW_RELEASE.replace("inspection", f"inspection {i}"), "utf-8")
    script = tmp_path / "build.py"
    script.write_text(CRASH_SCRIPT.format(repo=str(REPO), corpus=str(seed_corpus), index=str(index)))
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "encoding"  # it is mid-build
    time.sleep(0.2)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert child.returncode == -signal.SIGKILL

    # The previous index answers exactly as before.
    after = make_engine(seed_corpus, index, enc).answer("what did NAHT Cymru ask for?").to_json()
    assert after == before
    assert make_engine(seed_corpus, index, enc).status().documents == 2
    # The next build completes and has the new releases.
    report = make_engine(seed_corpus, index, enc).index()
    assert (len(report.added), report.documents) == (40, 42)
    assert make_engine(seed_corpus, index, enc).answer("inspection 7 framework").answered


def test_an_outgrown_index_is_rebuilt_as_ivf_and_keeps_every_vector() -> None:
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((3000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    flat = VectorIndex.build(np.arange(3000), vectors, limit=5000)
    assert flat.kind == "flat" and flat.describe() == "flat" and not flat.outgrown(limit=5000)
    assert flat.outgrown(limit=2000)
    ids, got = flat.contents()
    assert list(ids) == list(range(3000)) and np.allclose(got, vectors)
    ivf = VectorIndex.build(ids, got, limit=2000)
    assert ivf.kind == "ivf" and ivf.describe() == "ivf nlist=219 nprobe=27" and ivf.trained_on == 3000
    ivf.remove([5, 6])
    ids2, got2 = ivf.contents()
    order = np.argsort(ids2)
    assert list(ids2[order]) == [i for i in range(3000) if i not in (5, 6)]
    assert np.allclose(got2[order], np.delete(vectors, [5, 6], axis=0))
    more = rng.standard_normal((10_000, 16)).astype(np.float32)
    ivf.add(np.arange(3000, 13_000), more / np.linalg.norm(more, axis=1, keepdims=True))
    assert ivf.outgrown()  # over four times its training set


def test_index_records_its_vector_index_kind(seed_corpus: Path, tmp_path: Path) -> None:
    engine = make_engine(seed_corpus, tmp_path / "idx", FakeEncoder())
    engine.index()
    meta = engine.current().meta
    assert (meta["vectors_index"], meta["vectors_trained_on"]) == ("flat", "0")
    lexical = make_engine(seed_corpus, tmp_path / "lex", None)
    lexical.index()
    assert lexical.current().meta["vectors_index"] == "none"


def test_unchanged_files_are_not_read_again(seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from retrieval import loaders

    engine = make_engine(seed_corpus, tmp_path / "idx", None)
    engine.index()
    read: list[str] = []
    real = loaders.load_file
    monkeypatch.setattr(loaders, "load_file", lambda path, root=None: read.append(path.name) or real(path, root))
    report = engine.index()
    assert read == [] and (report.unchanged, report.changed) == (2, False)
    # Touched without a change: read once, still unchanged, its new stamp remembered.
    naht = next(seed_corpus.glob("*naht*"))
    os.utime(naht, ns=(naht.stat().st_atime_ns, naht.stat().st_mtime_ns + 10**9))
    report = engine.index()
    assert read == [naht.name] and (report.unchanged, report.changed) == (2, False)
    report = engine.index()
    assert read == [naht.name]
    # --full reads everything.
    engine.index(full=True)
    assert sorted(read[1:]) == sorted(p.name for p in seed_corpus.iterdir())
