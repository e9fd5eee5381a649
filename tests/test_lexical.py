"""The two BM25 backends rank alike: in-memory scores equal FTS5's bm25()."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from retrieval import Engine, Settings
from retrieval.lexical import FtsBM25, MemoryBM25
from retrieval.question import parse_question

QUESTIONS = [
    "what did NAHT Cymru ask for?", "devolve decision making to schools", "funding psychologists training",
    "school leaders working hours", "pay rise strike ballot", "free school meals cost", "libraries reopen",
    "Congress calls on Welsh Government", "nothing matches zzzz",
]


@pytest.fixture
def both(tmp_path: Path, seed_corpus: Path, fake_corpus: Path):  # noqa: ANN201
    engine = Engine(Settings(corpus=(seed_corpus, fake_corpus), index_dir=tmp_path / "i", model="none", lexical="fts5"),
                    encoder=None)
    engine.index()
    store = engine.current().store
    return engine, FtsBM25(store, 1.5), MemoryBM25(store, 1.5)


@pytest.mark.parametrize("question", QUESTIONS)
def test_memory_scores_equal_fts5(both, question: str) -> None:  # noqa: ANN001
    _, fts, mem = both
    terms = parse_question(question).terms
    a, b = fts.search(terms, 50), mem.search(terms, 50)
    assert len(a) == len(b)
    assert dict(a).keys() == dict(b).keys()
    for pid, score in b:
        assert dict(a)[pid] == pytest.approx(score, rel=1e-5)
    assert [s for _, s in a] == pytest.approx([s for _, s in b], rel=1e-5)


def test_memory_filters_match_fts5(both) -> None:  # noqa: ANN001
    import datetime as dt

    _, fts, mem = both
    terms = parse_question("school leaders funding").terms
    for kwargs in ({"sources": ["NAHT Cymru"]}, {"since": dt.date(2020, 1, 1)}, {"until": dt.date(2022, 12, 31)},
                   {"sources": ["ASCL Cymru", "Example Council"], "until": dt.date(2023, 1, 1)}):
        assert [p for p, _ in fts.search(terms, 50, **kwargs)] == [p for p, _ in mem.search(terms, 50, **kwargs)]


def test_engine_answers_alike_with_either_backend(both) -> None:  # noqa: ANN001
    engine, _, _ = both
    memory = Engine(dataclasses.replace(engine.settings, lexical="memory"), encoder=None)
    for question in QUESTIONS[:-1]:
        mine, theirs = memory.answer(question).to_json(), engine.answer(question).to_json()
        assert (mine["answered"], mine["quotes"]) == (theirs["answered"], theirs["quotes"])
        # Passages agree up to the order of exact ties.
        key = lambda p: (round(p["score"], 3), p["doc_id"], p["paragraph"])  # noqa: E731
        assert sorted(map(key, mine["passages"])) == sorted(map(key, theirs["passages"]))
        mine, theirs = memory.search(question, k=5), engine.search(question, k=5)
        assert [d for d, _ in mine] == [d for d, _ in theirs]
        assert [s for _, s in mine] == pytest.approx([s for _, s in theirs], rel=1e-5)


def test_search_ranks_documents_by_best_passage(both) -> None:  # noqa: ANN001
    engine, _, _ = both
    ranked = engine.search("what did NAHT Cymru ask for?", k=10)
    # Steered to NAHT Cymru: its one release is the only document.
    assert len(ranked) == 1 and ranked[0][0].endswith("2024-05-21-naht-cymru-aln-funding.md")
    docs = engine.search("school", k=10)
    assert len({d for d, _ in docs}) == len(docs) >= 3
    assert [s for _, s in docs] == sorted((s for _, s in docs), reverse=True)
