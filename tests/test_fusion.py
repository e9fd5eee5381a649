"""Fusing the two legs: each scores every candidate either found, and the blend
adds their standardised scores."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from retrieval import Engine, Settings
from retrieval.dense import Delta, LayeredIndex, VectorIndex
from retrieval.fusion import blend, rrf
from retrieval.lexical import FtsBM25, MemoryBM25
from retrieval.question import parse_question
from retrieval.ranker import candidates

from .conftest import write_releases
from .fakes import FakeEncoder


def test_blend_adds_standardised_scores() -> None:
    legs = {"bm25": [(1, 9.0), (2, 5.0), (3, 1.0)], "dense": [(2, 0.8), (3, 0.6), (1, 0.4)]}
    fused = blend(legs, dense_weight=0.5)
    z = 1.5 ** 0.5  # (9 - 5) / pstdev(9, 5, 1), and (0.8 - 0.6) / pstdev(0.8, 0.6, 0.4)
    # bm25: 1 -> z, 2 -> 0, 3 -> -z; dense: 2 -> z, 3 -> 0, 1 -> -z; each shifted by z (its lowest to 0).
    assert fused == pytest.approx({1: z, 2: 1.5 * z, 3: 0.5 * z})
    # The weight moves the order: all on the dense leg ranks its order.
    dense_only = blend(legs, dense_weight=1.0)
    assert sorted(dense_only, key=lambda pid: -dense_only[pid]) == [2, 3, 1]


def test_blend_gives_an_id_missing_from_a_leg_that_legs_lowest_and_no_score_is_negative() -> None:
    fused = blend({"bm25": [(1, 3.0), (2, 1.0)], "dense": [(3, 0.9), (1, 0.5)]}, dense_weight=0.5)
    # Shifted z: bm25 1 -> 2, 2 -> 0, 3 missing -> 0; dense 3 -> 2, 1 -> 0, 2 missing -> 0.
    assert fused == pytest.approx({1: 1.0, 2: 0.0, 3: 1.0})


def test_blend_with_one_leg_keeps_its_order_and_equal_scores_do_not_divide_by_zero() -> None:
    fused = blend({"bm25": [(5, 2.0), (6, 2.0), (7, 1.0)], "dense": []})
    assert sorted(fused, key=lambda pid: (-fused[pid], pid)) == [5, 6, 7]
    assert blend({"bm25": [(1, 4.0), (2, 4.0)], "dense": [(1, 0.3)]}) == pytest.approx({1: 0.0, 2: 0.0})


def test_rrf_sums_reciprocal_ranks() -> None:
    assert rrf({"bm25": [(1, 9.0), (2, 1.0)], "dense": [(2, 0.9)]}, k=60) == pytest.approx(
        {1: 1 / 61, 2: 1 / 62 + 1 / 61})


def unit_rows(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.mark.parametrize("limit", [None, 100])  # exact, and IVF (which reads among the lists it probes)
def test_similarities_of_chosen_ids_equal_the_cosines(limit: int | None) -> None:
    rng = np.random.default_rng(5)
    vectors = unit_rows(rng, 300, 16)
    index = VectorIndex.build(np.arange(1000, 1300), vectors, limit=limit)
    if limit is not None:
        index.index.nprobe = index.index.nlist  # every list probed: exact
    q = vectors[7]
    got = dict(index.similarities(q, np.array([1007, 1100, 1299])))
    assert got == pytest.approx({1007: 1.0, 1100: float(vectors[100] @ q), 1299: float(vectors[299] @ q)}, abs=1e-5)
    assert dict(index.similarities(q, np.array([1007, 5000]))) == pytest.approx({1007: 1.0}, abs=1e-5)
    assert index.similarities(q, np.zeros(0, dtype=np.int64)) == []


def test_similarities_through_a_delta_leave_out_removed_ids() -> None:
    rng = np.random.default_rng(9)
    base_vectors, added = unit_rows(rng, 50, 8), unit_rows(rng, 5, 8)
    layered = LayeredIndex(VectorIndex.build(np.arange(50), base_vectors),
                           Delta.empty(8).then([3, 4], np.arange(50, 55), added))
    q = added[2]
    got = dict(layered.similarities(q, [2, 3, 52, 54, 99]))
    assert got == pytest.approx({2: float(base_vectors[2] @ q), 52: 1.0, 54: float(added[4] @ q)}, abs=1e-5)


RELEASES = {
    "2024-03-01-pay.md": "---\ntitle: Pay offer\ndate: 2024-03-01\nsource: Example Union\n---\n"
                         "The pay offer leaves teachers worse off.\n\nMembers will be balloted in April.\n",
    "2023-05-02-buildings.md": "---\ntitle: School buildings\ndate: 2023-05-02\nsource: Example Council\n---\n"
                               "Roofs of several school buildings need repair.\n\nThe council will bid for funds.\n",
}


@pytest.fixture
def indexed(tmp_path: Path) -> Engine:
    corpus = write_releases(tmp_path / "corpus", RELEASES)
    encoder = FakeEncoder()
    engine = Engine(Settings(corpus=(corpus,), index_dir=tmp_path / "idx", model=encoder.name), encoder=encoder)
    engine.index()
    return engine


def test_both_backends_score_chosen_passages_alike(indexed: Engine) -> None:
    store = indexed.current().store
    terms = parse_question("teachers pay ballot").terms
    ids = sorted(store.passage_ids())
    fts, memory = FtsBM25(store, 2.0).scores_for(terms, ids), MemoryBM25(store, 2.0).scores_for(terms, ids)
    assert fts.keys() == memory.keys() == set(ids)
    assert list(fts.values()) == pytest.approx(list(memory.values()), rel=1e-5)
    matching = dict(FtsBM25(store, 2.0).search(terms, 50))
    assert {pid for pid, s in memory.items() if s > 0} == set(matching)
    assert all(fts[pid] == pytest.approx(s, rel=1e-6) for pid, s in matching.items())
    # `among` keeps the filters: none of these passages is the council's from 2024 on.
    assert store.bm25(terms, 50, sources=["Example Council"], since=dt.date(2024, 1, 1), among=ids) == []


def test_every_candidate_has_both_legs_scores_and_keeps_the_leg_that_found_it(indexed: Engine) -> None:
    gen = indexed.current()
    question = parse_question("pay offer")
    vector = FakeEncoder().encode(["pay offer"], query=True)[0]
    found = candidates(question, gen.lexical, indexed._fuse, store=gen.store, vectors=gen.vectors,
                       query_vector=vector, limit=2)
    by_bm25 = dict(gen.lexical.search(question.terms, 2))
    by_dense = dict(gen.vectors.search(vector, 2))
    assert set(found.order) == set(by_bm25) | set(by_dense)
    assert set(found.lexical) == set(found.dense) == set(found.order)
    assert found.legs == {"bm25": len(by_bm25), "dense": 2}
    for pid in found.order:
        assert found.found_by[pid] == ("hybrid" if pid in by_bm25 and pid in by_dense else
                                       "bm25" if pid in by_bm25 else "dense")
        if pid not in by_bm25:  # scored for the fusion: 0 when it holds none of the terms
            assert found.lexical[pid] == pytest.approx(gen.lexical.scores_for(question.terms, [pid])[pid])
    assert found.fused == pytest.approx(blend({"bm25": list(found.lexical.items()),
                                               "dense": list(found.dense.items())}))
