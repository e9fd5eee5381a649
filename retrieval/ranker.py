"""Ranking passages for a question.

Stage one (`retrieve`) makes every store read an answer needs: BM25
candidates (FTS5 or in memory) and dense candidates (FAISS) fused, their
passages and indexed terms, the terms of the leading releases, and idf.
Stage two (`rank`) runs no query: optional re-ranking, near-duplicate
passages collapsed, and the coverage of the question's topic words measured
for the decision to answer (decide.py).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, Sequence

from .analysis import analyse, figure_pairs
from .fusion import Fuse
from .lexical import FtsBM25, LexicalIndex
from .question import Question
from .recency import newest_on_topic_first
from .schema import Hit
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    import numpy as np

    from .dense import LayeredIndex


# Coverage is judged on this many top passages: enough for a question whose
# parts are answered in different paragraphs, few enough to stay cheap.
COVERAGE_DEPTH = 10


class Reranker(Protocol):
    name: str

    def scores(self, question: str, texts: Sequence[str]) -> list[float]: ...


@dataclass(frozen=True)
class Filters:
    """Restrictions on which documents may answer."""

    sources: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def active(self) -> bool:
        return bool(self.sources or self.since or self.until)


@dataclass
class Ranking:
    """The ranked, de-duplicated hits, and what was measured of them.

    Attributes:
        hits: Best first.
        idf: Weights of the question's terms.
        coverage: The largest idf-weighted share of the question's topic words in one hit.
        similarity: The best hit's cosine similarity to the question (None without a model).
        legs: How many candidates each retriever gave.
        doc_terms: The analysed words (titles included) of the leading releases, by document id.
        agree: The two retrievers' best passages are from the same release (None with one retriever).
        doc_dates: The dates of the releases of every retrieved hit, by document id.
        doc_about: The analysed words of the leading releases' headlines and first paragraphs.
    """

    hits: list[Hit]
    idf: dict[str, float]
    coverage: float
    similarity: float | None
    legs: dict[str, int] = field(default_factory=dict)
    doc_terms: dict[str, set[str]] = field(default_factory=dict)
    agree: bool | None = None
    doc_dates: dict[str, dt.date] = field(default_factory=dict)
    doc_about: dict[str, set[str]] = field(default_factory=dict)


def idf_table(store: Store, terms: Sequence[str]) -> dict[str, float]:
    """BM25 idf of each term over passages; a term absent from the corpus gets the highest."""
    return idf_terms(store.passage_count(), store.doc_freqs(terms), terms)


def idf_terms(passages: int, dfs: dict[str, int], terms: Sequence[str]) -> dict[str, float]:
    """BM25 idf of each of `terms`, of `passages` passages, `dfs` holding each (absent: none)."""
    n = max(passages, 1)
    return {t: math.log(1.0 + (n - dfs.get(t, 0) + 0.5) / (dfs.get(t, 0) + 0.5)) for t in terms}


@dataclass
class Candidates:
    """Stage one: passage ids ranked by the fused legs, with each leg's score."""

    order: list[int]
    fused: dict[int, float]
    lexical: dict[int, float]
    dense: dict[int, float]
    legs: dict[str, int]
    found_by: dict[int, str] = field(default_factory=dict)  # "bm25", "dense" or "hybrid": which legs found it


def candidates(
    question: Question,
    lexical: LexicalIndex,
    fuse: Fuse,
    *,
    store: Store | None = None,
    filters: Filters = Filters(),
    vectors: "LayeredIndex | None" = None,
    query_vector: "np.ndarray | None" = None,
    limit: int = 100,
) -> Candidates:
    """BM25 and dense candidates for `question`, fused.

    Args:
        question: The analysed question.
        lexical: The BM25 backend.
        fuse: The fusion of the legs' rankings (see fusion.fusion_for).
        store: Needed to resolve filters for the dense leg.
        filters: Document filters.
        vectors: The dense index, or None for lexical-only.
        query_vector: The question's embedding (needed with `vectors`).
        limit: How many candidates each leg contributes.

    Returns:
        The fused candidates, best first.
    """
    legs: dict[str, list[tuple[int, float]]] = {}
    legs["bm25"] = lexical.search(question.terms, limit, sources=filters.sources, since=filters.since,
                                  until=filters.until)
    if vectors is not None and query_vector is not None and len(vectors):
        allowed = None
        if filters.active and store is not None:
            allowed = store.passage_ids(filters.sources, filters.since, filters.until)
        legs["dense"] = vectors.search(query_vector, limit, allowed)
    sizes = {n: len(r) for n, r in legs.items()}
    found_by = {pid: name for name, ranked in legs.items() for pid, _ in ranked}
    if legs.get("dense") and legs["bm25"]:
        found_by.update((pid, "hybrid") for pid in set(dict(legs["bm25"])) & set(dict(legs["dense"])))
        legs = completed(legs, question, lexical, vectors, query_vector)
    active = {name: ranked for name, ranked in legs.items() if ranked}
    if len(active) == 1:  # one leg: its own scores and order
        ranked = next(iter(active.values()))
        fused = dict(ranked)
        order = [pid for pid, _ in ranked]
    else:
        fused = fuse(active)
        order = sorted(fused, key=lambda pid: -fused[pid])
    return Candidates(order, fused, dict(legs.get("bm25", [])), dict(legs.get("dense", [])), sizes, found_by)


def completed(legs: dict[str, list[tuple[int, float]]], question: Question, lexical: LexicalIndex,
              vectors: "LayeredIndex", query_vector: "np.ndarray") -> dict[str, list[tuple[int, float]]]:
    """Both legs scoring every candidate either found: the BM25 score of the dense leg's
    finds, the cosine of BM25's. A passage one leg did not find is otherwise fused as
    that leg's worst, which a close second in it is not (SciFact train nDCG@10, bench/RESULTS.md)."""
    lex, dense = dict(legs["bm25"]), dict(legs["dense"])
    dense.update(vectors.similarities(query_vector, [pid for pid in lex if pid not in dense]))
    lex.update(lexical.scores_for(question.terms, [pid for pid in dense if pid not in lex]))
    return {"bm25": sorted(lex.items(), key=lambda x: -x[1]), "dense": sorted(dense.items(), key=lambda x: -x[1])}


@dataclass
class Retrieved:
    """What ranking needs from the store, read in one go: the best fused hits
    with their indexed terms, and the idf of the question's words."""

    hits: list[Hit]
    terms: dict[int, list[str]]
    idf: dict[str, float]
    legs: dict[str, int]
    doc_terms: dict[str, set[str]] = field(default_factory=dict)
    doc_about: dict[str, set[str]] = field(default_factory=dict)


# The releases of this many leading hits have all their words read, to check
# whether a release holds every name and figure a question asks about.
DOC_TERMS_DEPTH = 10
# A hit from a release holding none of the question's names and figures keeps this
# share of its score (one holding them all keeps all of it).
SPECIFIC_FLOOR = 0.6
# A name in fewer than this share of the corpus's passages is rare: a place, a school, a person.
# (A passage idf above this: the ranker's idf, log(1 + (n - df + 0.5) / (df + 0.5)).)
RARE_NAME_SHARE = 0.02
RARE_NAME_IDF = math.log(1.0 + 1.0 / RARE_NAME_SHARE)
# Of several speakers searched, the likeliest's hits count this much more.
LIKELIEST_EDGE = 1.15


def retrieve(
    question: Question,
    store: Store,
    settings: Settings,
    *,
    fuse: Fuse,
    lexical: LexicalIndex | None = None,
    filters: Filters = Filters(),
    vectors: "LayeredIndex | None" = None,
    query_vector: "np.ndarray | None" = None,
    k: int | None = None,
    rerank: bool = False,
) -> Retrieved:
    """Stage one, all the store reads of an answer: candidates, their passages and terms, idf.

    Enough hits are fetched that de-duplication (and re-ranking) still leaves
    `k`; nothing here runs a model, so a caller holding the store's lock holds
    it only for reads.
    """
    k = k or settings.k
    lexical = lexical if lexical is not None else FtsBM25(store, settings.title_weight)
    cand = candidates(question, lexical, fuse, store=store, filters=filters, vectors=vectors,
                      query_vector=query_vector, limit=max(settings.candidates, k * 4))
    depth = max(k * 4, max(k * 3, 20) if rerank else 0, 20)
    ids = cand.order[:depth]
    found = store.passages(ids)
    hits = [
        Hit(
            passage=found[pid],
            score=cand.fused[pid],
            retriever=cand.found_by.get(pid, "bm25"),
            lexical_score=cand.lexical.get(pid),
            dense_score=cand.dense.get(pid),
        )
        for pid in ids
        if pid in found
    ]
    terms = store.terms([h.passage.passage_id for h in hits])
    idf = idf_table(store, [v for g in question.groups for v in g.variants])
    leading = list(dict.fromkeys(h.passage.doc_id for h in hits[:DOC_TERMS_DEPTH]))
    words, about = release_terms(store, leading)
    return Retrieved(hits, terms, idf, cand.legs, words, about)


def release_terms(store: Store, doc_ids: Sequence[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The analysed words of each release (its passages and title) with its compound figures
    ("2026_27": analysis.figure_pairs), and of its headline and first paragraph alone (what a
    release is about)."""
    out: dict[str, set[str]] = {d: set() for d in doc_ids}
    ids = sorted(store.passage_ids_of(doc_ids))
    doc_of = store.doc_ids_of(ids)
    terms = store.terms(ids)
    first: dict[str, int] = {}
    for pid in ids:  # a release's passages have ascending ids: the lowest is its first paragraph
        first.setdefault(doc_of[pid], pid)
    for pid, words in terms.items():
        out[doc_of[pid]].update(words)
        out[doc_of[pid]].update(figure_pairs(words))
    about = {doc: set(terms.get(pid, ())) for doc, pid in first.items()}
    for doc_id, title in store.titles(doc_ids).items():
        headline = analysed_title(title)
        out[doc_id] |= headline | figure_pairs(analyse(title))
        about.setdefault(doc_id, set()).update(headline)
    return out, about


def rank(
    question: Question,
    retrieved: Retrieved,
    settings: Settings,
    *,
    reranker: Reranker | None = None,
    k: int | None = None,
) -> Ranking:
    """Stage two, no store reads: re-rank, collapse near-duplicates, measure coverage.

    Args:
        question: The analysed question.
        retrieved: Stage one's hits, terms and idf.
        settings: Ranking settings.
        reranker: Optional cross-encoder.
        k: How many hits to keep (default settings.k).

    Returns:
        The ranking: de-duplicated hits, best first, and their coverage.
    """
    k = k or settings.k
    hits = prefer_specific(question, retrieved.hits, retrieved.doc_terms, retrieved.idf)
    hits = prefer_likeliest(question, prefer_named(question, hits, retrieved.doc_terms, retrieved.idf))
    hits = newest_on_topic_first(question, hits, retrieved.idf, retrieved.doc_terms, retrieved.doc_about)
    if reranker is not None and hits:
        head = hits[:max(k * 3, 20)]
        scores = reranker.scores(question.text, [h.passage.text for h in head])
        head = [replace(h, score=s) for h, s in zip(head, scores)]
        hits = sorted(head, key=lambda h: -h.score) + hits[len(head):]
    kept = dedupe(hits, retrieved.terms, k)
    coverage = coverage_of(question, kept[:COVERAGE_DEPTH], retrieved.terms, retrieved.idf)
    similarity = max((h.dense_score for h in kept if h.dense_score is not None), default=None)
    dates = {h.passage.doc_id: h.passage.date for h in retrieved.hits if h.passage.date is not None}
    return Ranking(kept, retrieved.idf, coverage, similarity, retrieved.legs, retrieved.doc_terms,
                   legs_agree(retrieved.hits), dates, retrieved.doc_about)


def legs_agree(hits: Sequence[Hit]) -> bool | None:
    """Whether BM25's best passage and the dense leg's best are from the same release."""
    lexical = max((h for h in hits if h.lexical_score is not None), key=lambda h: h.lexical_score, default=None)
    dense = max((h for h in hits if h.dense_score is not None), key=lambda h: h.dense_score, default=None)
    if lexical is None or dense is None:
        return None
    return lexical.passage.doc_id == dense.passage.doc_id


def prefer_specific(question: Question, hits: list[Hit], doc_terms: dict[str, set[str]],
                    idf: dict[str, float]) -> list[Hit]:
    """Hits re-ordered so releases holding the names and figures the question asks
    about ("2016-17", "Ceredigion") come before those that do not."""
    names, figures = question.specifics
    wanted = (*names, *figures)
    if not wanted or not hits:
        return hits
    top = max(idf.values(), default=1.0)
    total = sum(idf.get(t, top) for t in wanted)

    def factor(doc_id: str) -> float:
        words = doc_terms.get(doc_id)
        if words is None:
            return SPECIFIC_FLOOR
        share = sum(idf.get(t, top) for t in wanted if t in words) / total
        return SPECIFIC_FLOOR + (1.0 - SPECIFIC_FLOOR) * share

    factors = {h.passage.doc_id: factor(h.passage.doc_id) for h in hits}
    rescored = [replace(h, score=h.score * factors[h.passage.doc_id]) for h in hits]
    return sorted(rescored, key=lambda h: -h.score)


def prefer_named(question: Question, hits: list[Hit], doc_terms: dict[str, set[str]],
                 idf: dict[str, float]) -> list[Hit]:
    """Press releases' hits re-ordered so that those of releases holding the rare names the
    question asks about ("At which school in Barry …?"), where some leading release holds
    them, come first: a name rare in the corpus (a town, a school, a person) says which
    release is meant more surely than shared topic words do. (Not for undated collections,
    whose paragraphs name things throughout.)"""
    if not hits or hits[0].passage.date is None:
        return hits
    top = max(idf.values(), default=1.0)
    rare = [n for n in question.specifics[0] if n not in question.initialisms and idf.get(n, top) >= RARE_NAME_IDF]
    held = [n for n in rare if any(n in words for words in doc_terms.values())]
    if not held:
        return hits
    names = [all(n in doc_terms.get(h.passage.doc_id, ()) for n in held) for h in hits]
    return [h for h, named in zip(hits, names) if named] + [h for h, named in zip(hits, names) if not named]


def prefer_likeliest(question: Question, hits: list[Hit]) -> list[Hit]:
    """Hits re-ordered so that, of several speakers searched, the likeliest one's releases
    (speaker.py: "NAHT" is the body before its Welsh branch, unless the question is about
    Wales) come before the others' where they rank close (within LIKELIEST_EDGE)."""
    if len(question.speakers) < 2:
        return hits
    first = question.speakers[0]
    rescored = [replace(h, score=h.score * LIKELIEST_EDGE) if h.passage.source == first else h for h in hits]
    return sorted(rescored, key=lambda h: -h.score)


@lru_cache(maxsize=4096)
def analysed_title(title: str) -> frozenset[str]:
    return frozenset(analyse(title))


def coverage_of(question: Question, hits: Sequence[Hit], terms: dict[int, list[str]],
                idf: dict[str, float]) -> float:
    """The largest idf-weighted share of the question's core terms found in one hit (its text or title)."""
    if not question.core or not hits:
        return 0.0
    total = sum(idf[t] for t in question.core)
    best = 0.0
    for hit in hits:
        present = set(terms.get(hit.passage.passage_id, ())) | analysed_title(hit.passage.title)
        got = sum(idf[g.stem] for g in question.groups if g.core and any(v in present for v in g.variants))
        best = max(best, got / total if total else 0.0)
    return best


def dedupe(hits: Sequence[Hit], terms: dict[int, list[str]], limit: int, threshold: float = 0.8) -> list[Hit]:
    """The first `limit` hits once near-duplicates are collapsed.

    Two passages are near-duplicates when most of the smaller one's terms
    appear in the other (containment >= threshold), as when a release repeats
    a motion's text under "Notes to Editors". The better-ranked hit keeps its
    place; within one document it shows the earlier paragraph, where a reader
    meets the text first.
    """
    kept: list[tuple[Hit, set[str]]] = []
    for hit in hits:
        if len(kept) >= limit:
            break
        mine = set(terms.get(hit.passage.passage_id, ()))
        for i, (other_hit, other) in enumerate(kept):
            small = min(len(mine), len(other))
            same = len(mine & other) / small >= threshold if small >= 8 else mine == other
            if same:
                if hit.passage.doc_id == other_hit.passage.doc_id and hit.passage.start < other_hit.passage.start:
                    kept[i] = (replace(other_hit, passage=hit.passage), mine)
                break
        else:
            kept.append((hit, mine))
    return [h for h, _ in kept]
