"""The engine under concurrency: the bot answers from several threads at once.

Model work runs outside any lock, each thread has its own stemmer, FAISS's
thread count is per thread, and a reader whose generation moved on under it
reloads instead of mixing two generations.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

from retrieval import Engine, Settings
from retrieval.analysis import _stemmer

from .fakes import FakeEncoder

QUESTIONS = [
    "what did NAHT Cymru ask for?",
    "who is Laura Doel?",
    "Who wants decision-making devolved to schools?",
    "what does ascl think about investment?",
    "How many places on the psychologist training course?",
    "What did the Wales TUC Conference support?",
    "What is the capital of France?",
    "protected leave for school leaders",
]


class BarrierEncoder(FakeEncoder):
    """A fake encoder whose question encodings all wait for one another: if any lock
    held them one at a time, the barrier would break instead of opening."""

    def __init__(self, parties: int) -> None:
        super().__init__()
        self.barrier = threading.Barrier(parties, timeout=10)
        self.arrivals: list[int] = []
        self.armed = False

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if query and self.armed:
            self.arrivals.append(self.barrier.wait())
        return super().encode(texts, query=query)


def _signature(answer) -> tuple:  # noqa: ANN001
    return tuple((q.text, q.citation.doc_id, q.citation.paragraph) for q in answer.quotes), answer.answered


@pytest.mark.slow
def test_eight_threads_answer_as_one_does(tiny_model: Path, seed_corpus: Path, tmp_path: Path) -> None:
    engine = Engine(Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model=str(tiny_model)))
    engine.index()
    alone = [_signature(engine.answer(q)) for q in QUESTIONS]
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=8) as pool:
            together = list(pool.map(lambda q: _signature(engine.answer(q)), QUESTIONS))
        assert together == alone
    assert sum(1 for sig in alone if sig[1]) >= 5  # the comparison is over real answers


def test_question_encoding_runs_outside_any_lock(seed_corpus: Path, tmp_path: Path) -> None:
    encoder = BarrierEncoder(parties=8)
    engine = Engine(Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model=encoder.name),
                    encoder=encoder)
    engine.index()
    expected = [_signature(engine.answer(q)) for q in QUESTIONS]
    encoder.armed = True
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda q: _signature(engine.answer(q)), QUESTIONS))
    assert got == expected
    # The barrier opened only once all eight encodings were inside encode() together;
    # had a lock held them one at a time, the first wait would have broken it instead.
    assert not encoder.barrier.broken
    assert sorted(encoder.arrivals) == list(range(8))


def test_each_thread_has_its_own_stemmer() -> None:
    seen: list[object] = []
    lock = threading.Lock()

    def grab() -> None:
        with lock:
            seen.append(_stemmer())

    threads = [threading.Thread(target=grab) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in seen}) == 4
    assert _stemmer() is _stemmer()


def test_faiss_thread_count_is_set_per_thread() -> None:
    import faiss

    from retrieval.dense import VectorIndex

    vectors = np.eye(4, dtype=np.float32)
    index = VectorIndex.build(np.arange(4), vectors)
    index.search(vectors[0], 2)  # a search sets one thread, in this thread
    assert faiss.omp_get_max_threads() == 1
    built = threading.Event()

    def build_elsewhere() -> None:
        VectorIndex.build(np.arange(4), vectors)  # a build sets all cores, in its own thread
        built.set()

    t = threading.Thread(target=build_elsewhere)
    t.start()
    t.join()
    assert built.is_set() and faiss.omp_get_max_threads() == 1


def test_a_reader_whose_generation_moved_on_reloads(seed_corpus: Path, tmp_path: Path) -> None:
    settings = Settings(corpus=(seed_corpus,), index_dir=tmp_path / "idx", model="none")
    reader = Engine(settings)
    writer = Engine(settings)
    writer.index()
    reader.refresh_interval = 3600.0  # it will not look at the disk by itself
    assert reader.current().number == 1
    (seed_corpus / "2023-03-01-pay.md").write_text(
        "---\ntitle: Union demands pay rise\ndate: 2023-03-01\nsource: Example Union\n---\n"
        "The Example Union demanded a fully funded pay rise of 8 per cent for all teachers.\n", encoding="utf-8")
    writer.index(full=True)  # renumbers every passage
    answer = reader.answer("what pay rise did the Example Union demand?")
    assert answer.answered and "8 per cent" in answer.quotes[0].text
    assert reader.current().number == 2
