"""Measuring retrieval and answer quality on a question set.

Two formats. The BEIR format: queries as JSONL `{"_id", "text"}` and qrels
as `query-id  corpus-id  score` lines (header line, tabs or spaces, CRLF
allowed); `evaluate` ranks documents for each query with `Engine.search`
(the ranking `Engine.answer` quotes from; a document ranks by its best
passage) and scores nDCG@10 (graded, linear gain, as trec_eval and BEIR),
Recall@10, Recall@100 and MRR@10.
The expectation format, for a user's own corpus: JSONL
`{"question", "expect": ["phrase", ...]}` or `{"question", "decline": true}`;
`evaluate_expectations` asks each question and checks whether a quoted
sentence contains an expected phrase, or whether the question was declined.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from .errors import CitebotError
from .sentences import normalise_space

if TYPE_CHECKING:
    from .engine import Engine

Qrels = Mapping[str, Mapping[str, int]]

# A document ranking this deep gives Recall@100; deeper costs time for nothing.
DEFAULT_DEPTH = 100


class BadEvalFile(CitebotError):
    """A queries, qrels or expectations file is malformed (bad input: exit status 2)."""


# -- metrics -----------------------------------------------------------------


def dcg_at_k(gains: Sequence[float], k: int) -> float:
    """Discounted cumulative gain of the first `k` gains (linear gain, log2(rank + 1) discount)."""
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]) if g > 0)


def ndcg_at_k(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    """Normalised DCG of a ranking.

    Args:
        ranked: Document ids, best first (no repeats).
        judged: {doc id: relevance grade}; grades <= 0 count as not relevant.
        k: Cut-off.

    Returns:
        DCG@k over the ideal DCG@k, in [0, 1]; 0 when nothing is relevant.
    """
    ideal = dcg_at_k(sorted((g for g in judged.values() if g > 0), reverse=True), k)
    if ideal <= 0:
        return 0.0
    return dcg_at_k([max(judged.get(d, 0), 0) for d in ranked[:k]], k) / ideal


def recall_at_k(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    """Share of the relevant documents (grade > 0) found in the first `k`; 0 when none is relevant."""
    relevant = {d for d, g in judged.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked[:k])) / len(relevant)


def mrr_at_k(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    """Reciprocal rank of the first relevant document within the first `k`, else 0."""
    for i, doc in enumerate(ranked[:k], start=1):
        if judged.get(doc, 0) > 0:
            return 1.0 / i
    return 0.0


# -- readers ------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CitebotError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise CitebotError(f"cannot read {path}: it is a folder") from None
    except OSError as e:
        raise CitebotError(f"cannot read {path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise BadEvalFile(f"{path}: not UTF-8 text") from None


def _jsonl(path: Path) -> list[tuple[int, dict]]:
    records: list[tuple[int, dict]] = []
    for lineno, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise BadEvalFile(f"{path}: line {lineno}: not JSON ({e.msg})") from None
        if not isinstance(record, dict):
            raise BadEvalFile(f"{path}: line {lineno}: expected a JSON object")
        records.append((lineno, record))
    if not records:
        raise BadEvalFile(f"{path}: no records")
    return records


def read_queries(path: Path) -> dict[str, str]:
    """Read BEIR queries: JSONL lines `{"_id" (or "id"), "text"}`; other keys are ignored.

    Args:
        path: The queries file.

    Returns:
        {query id: text}, in file order.

    Raises:
        CitebotError: The file cannot be read.
        BadEvalFile: A line is not such a record, or an id repeats.
    """
    queries: dict[str, str] = {}
    for lineno, record in _jsonl(path):
        qid = record.get("_id", record.get("id"))
        text = record.get("text")
        if qid is None or not isinstance(text, str):
            hint = " (an expectations file takes no --qrels)" if "question" in record else ""
            raise BadEvalFile(f"{path}: line {lineno}: a query needs '_id' and 'text'{hint}")
        if str(qid) in queries:
            raise BadEvalFile(f"{path}: line {lineno}: query id {qid!r} repeats")
        queries[str(qid)] = text
    return queries


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """Read relevance judgements: `query-id corpus-id score` (BEIR TSV) or
    `query-id 0 corpus-id score` (TREC), separated by tabs or spaces.

    A first line whose score is not a number is a header and skipped.

    Args:
        path: The qrels file.

    Returns:
        {query id: {doc id: grade}}; grades <= 0 mean judged not relevant.

    Raises:
        CitebotError: The file cannot be read.
        BadEvalFile: A line has the wrong number of columns or a score that is not an integer.
    """
    qrels: dict[str, dict[str, int]] = {}
    first = True
    for lineno, line in enumerate(_read_text(path).splitlines(), start=1):
        cols = line.split()
        if not cols:
            continue
        header, first = first, False
        if len(cols) not in (3, 4):
            raise BadEvalFile(f"{path}: line {lineno}: expected 'query-id corpus-id score', got {len(cols)} columns")
        qid, doc, score = (cols[0], cols[1], cols[2]) if len(cols) == 3 else (cols[0], cols[2], cols[3])
        try:
            grade = int(float(score))
        except ValueError:
            if header:
                continue
            raise BadEvalFile(f"{path}: line {lineno}: score {score!r} is not a number") from None
        qrels.setdefault(qid, {})[doc] = grade
    if not qrels:
        raise BadEvalFile(f"{path}: no judgements")
    return qrels


@dataclass(frozen=True)
class Expectation:
    """A question of the expectation format.

    Attributes:
        question: The question.
        expect: Phrases of which a quoted sentence should contain one.
        decline: True when the corpus does not cover it and citebot should say so.
    """

    question: str
    expect: tuple[str, ...] = ()
    decline: bool = False


def read_expectations(path: Path) -> list[Expectation]:
    """Read JSONL lines `{"question", "expect": [phrase, ...]}` or `{"question", "decline": true}`.

    Raises:
        CitebotError: The file cannot be read.
        BadEvalFile: A line lacks a question, or has neither expected phrases nor `"decline": true`.
    """
    items: list[Expectation] = []
    for lineno, record in _jsonl(path):
        question = record.get("question")
        expect = record.get("expect", [])
        if isinstance(expect, str):
            expect = [expect]
        decline = record.get("decline", False) is True
        if not isinstance(question, str) or not question.strip():
            hint = " (BEIR queries need --qrels)" if "_id" in record or "text" in record else ""
            raise BadEvalFile(f"{path}: line {lineno}: needs a 'question'{hint}")
        if not isinstance(expect, list) or not all(isinstance(p, str) and p.strip() for p in expect):
            raise BadEvalFile(f"{path}: line {lineno}: 'expect' must be a list of phrases")
        if not expect and not decline:
            raise BadEvalFile(f"{path}: line {lineno}: give 'expect' phrases or \"decline\": true")
        if expect and decline:
            raise BadEvalFile(f"{path}: line {lineno}: a question cannot both expect phrases and be declined")
        items.append(Expectation(question, tuple(expect), decline))
    return items


# -- BEIR-style evaluation -------------------------------------------------------


@dataclass(frozen=True)
class EvalResult:
    """Scores of a run over judged queries (means over queries).

    Attributes:
        queries: Queries scored (those with a judged relevant document and text).
        ndcg_10, recall_10, recall_100, mrr_10: The metrics.
        seconds: Wall time of ranking (metrics excluded).
        depth: Documents ranked per query.
        missing: Judged queries absent from the queries file (not scored).
        per_query: {query id: (nDCG@10, Recall@100)}.
    """

    queries: int
    ndcg_10: float
    recall_10: float
    recall_100: float
    mrr_10: float
    seconds: float
    depth: int
    missing: int = 0
    per_query: dict[str, tuple[float, float]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def qps(self) -> float:
        return self.queries / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "queries": self.queries, "ndcg@10": round(self.ndcg_10, 4), "recall@10": round(self.recall_10, 4),
            "recall@100": round(self.recall_100, 4), "mrr@10": round(self.mrr_10, 4),
            "qps": round(self.qps, 1), "seconds": round(self.seconds, 3), "depth": self.depth,
            "missing": self.missing,
        }


def score_runs(runs: Mapping[str, Sequence[str]], qrels: Qrels, seconds: float = 0.0, depth: int = DEFAULT_DEPTH,
               missing: int = 0) -> EvalResult:
    """Score document rankings against judgements.

    Args:
        runs: {query id: doc ids best first; a repeat counts once, at its best rank}; queries without a
            relevant judged document are skipped.
        qrels: {query id: {doc id: grade}}.
        seconds: Time the rankings took.
        depth: Documents ranked per query.
        missing: Judged queries that could not be run.

    Returns:
        The mean metrics.
    """
    per: dict[str, tuple[float, float, float, float]] = {}
    for qid, run in runs.items():
        ranked = list(dict.fromkeys(run))
        judged = qrels.get(qid, {})
        if not any(g > 0 for g in judged.values()):
            continue
        per[qid] = (ndcg_at_k(ranked, judged, 10), recall_at_k(ranked, judged, 10),
                    recall_at_k(ranked, judged, 100), mrr_at_k(ranked, judged, 10))
    n = len(per)

    def mean(i: int) -> float:
        return sum(v[i] for v in per.values()) / n if n else 0.0

    return EvalResult(n, mean(0), mean(1), mean(2), mean(3), seconds, depth, missing,
                      {q: (v[0], v[2]) for q, v in per.items()})


def evaluate(engine: "Engine", queries: Mapping[str, str], qrels: Qrels, k: int = DEFAULT_DEPTH) -> EvalResult:
    """Rank documents for each judged query with `Engine.search` (the ranking
    `Engine.answer` quotes from, a document ranked by its best passage) and score them.

    Args:
        engine: An engine with a built index (its model and settings are used).
        queries: {query id: text}.
        qrels: {query id: {doc id: grade}}; only queries with a relevant document are run.
        k: Documents to rank per query (at least 100 for a true Recall@100).

    Returns:
        The result; `seconds` covers ranking only.
    """
    todo = [q for q, judged in qrels.items() if any(g > 0 for g in judged.values())]
    missing = sum(1 for q in todo if q not in queries)
    todo = [q for q in todo if q in queries and queries[q].strip()]
    runs: dict[str, list[str]] = {}
    engine.current()  # load the index before the clock starts: loading is not a per-query cost
    started = time.perf_counter()
    for qid in todo:
        runs[qid] = [doc for doc, _ in engine.search(queries[qid], k=k)]
    seconds = time.perf_counter() - started
    return score_runs(runs, qrels, seconds, k, missing)


# -- expectation format -------------------------------------------------------------


def _norm(text: str) -> str:
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "}))
    return normalise_space(text).casefold()


def contains_phrase(text: str, phrases: Sequence[str]) -> bool:
    """Whether `text` contains one of `phrases`, ignoring case, whitespace runs and curly quotes."""
    hay = _norm(text)
    return any(_norm(p) in hay for p in phrases)


def quoted_sentences(quote_text: str) -> list[str]:
    """The pieces of a quote's text between " … " cuts."""
    return [p.strip() for p in quote_text.split("…") if p.strip()]


@dataclass(frozen=True)
class ExpectationResult:
    """How one question of the expectation format went.

    Attributes:
        item: The question and what was expected.
        answered: Whether citebot answered (False: declined).
        hit: For `expect`: a quoted sentence contains an expected phrase; for `decline`: it was declined.
        first_hit: For `expect`: the first quote contains one.
    """

    item: Expectation
    answered: bool
    hit: bool
    first_hit: bool = False


@dataclass(frozen=True)
class ExpectationReport:
    """The results of `evaluate_expectations`, with their summary."""

    results: tuple[ExpectationResult, ...]
    seconds: float

    @property
    def expected(self) -> list[ExpectationResult]:
        return [r for r in self.results if not r.item.decline]

    @property
    def declines(self) -> list[ExpectationResult]:
        return [r for r in self.results if r.item.decline]

    def summary(self) -> dict[str, object]:
        """Counts: questions, phrase hits (any quote / first quote), wrongly declined, declines right."""
        exp, dec = self.expected, self.declines
        return {
            "questions": len(self.results),
            "expect": len(exp),
            "quoted": sum(r.hit for r in exp),
            "first_quote": sum(r.first_hit for r in exp),
            "declined_wrongly": sum(not r.answered for r in exp),
            "decline": len(dec),
            "declined": sum(r.hit for r in dec),
            "seconds": round(self.seconds, 3),
        }


def evaluate_expectations(engine: "Engine", items: Sequence[Expectation], k: int | None = None) -> ExpectationReport:
    """Ask each question and check the quotes (or the decline).

    Args:
        engine: An engine with a built index.
        items: The questions.
        k: Passages considered per answer (default the engine's settings.k).

    Returns:
        One result per question, in order.
    """
    results: list[ExpectationResult] = []
    started = time.perf_counter()
    for item in items:
        answer = engine.answer(item.question, k=k)
        if item.decline:
            results.append(ExpectationResult(item, answer.answered, not answer.answered))
            continue
        pieces = [quoted_sentences(q.text) for q in answer.quotes]
        hit = any(contains_phrase(p, item.expect) for ps in pieces for p in ps)
        first = bool(pieces) and any(contains_phrase(p, item.expect) for p in pieces[0])
        results.append(ExpectationResult(item, answer.answered, hit, first))
    return ExpectationReport(tuple(results), time.perf_counter() - started)
