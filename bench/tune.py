"""Tuning citebot's lexical retrieval on SciFact's *train* split (never on test).

A grid over the title field's BM25 weight and the passage length bound,
then, at the best of those, the stopword list and the stemmer. Each setting
is indexed afresh and scored with `citebot eval`'s code (retrieval.evaluate).
The chosen defaults are then reported on the test split by bench/quality.py.

Run:  .venv/bin/python bench/tune.py [--quick] [--data DIR]
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from common import base_parser, finish, require_data, table

from retrieval import Engine, Settings, analysis
from retrieval.evaluate import evaluate, read_qrels, read_queries

LUCENE_STOPWORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there these "
    "they this to was will with".split()
)


def score(corpus: Path, queries: dict[str, str], qrels: dict, tmp: Path, **settings: object) -> tuple[float, float]:
    """nDCG@10 and Recall@100 on the judged queries, with `settings` applied."""
    engine = Engine(Settings(corpus=(corpus,), index_dir=tmp / "index", model="none", lexical="memory",
                             **settings), encoder=None)  # type: ignore[arg-type]
    engine.index()
    result = evaluate(engine, queries, qrels, k=100)
    engine.close()
    return result.ndcg_10, result.recall_100


class _NoStemmer:
    def stemWord(self, word: str) -> str:  # noqa: N802 - PyStemmer's name
        return word

    def stemWords(self, words: list[str]) -> list[str]:  # noqa: N802
        return list(words)


_SNOWBALL = analysis._stemmer


def with_analysis(stopwords: frozenset[str], stem: bool) -> None:
    """Swap the analysis in place (stopword list, stemming on or off) for an experiment."""
    analysis.STOPWORDS = stopwords  # type: ignore[misc]
    analysis._stemmer = _SNOWBALL if stem else _NoStemmer  # type: ignore[assignment]  # a factory, as analysis has
    analysis.stem.cache_clear()


def main() -> int:
    parser = base_parser(__doc__.split("\n\n")[0])
    args = parser.parse_args()
    require_data(args.data, "scifact/corpus.jsonl.gz", "scifact/queries.jsonl", "scifact/qrels/train.tsv")
    started = time.perf_counter()
    data = args.data / "scifact"
    corpus = data / "corpus.jsonl.gz"
    queries = read_queries(data / "queries.jsonl")
    qrels = read_qrels(data / "qrels" / "train.tsv")
    if args.quick:
        qrels = dict(list(qrels.items())[:150])
    weights = [1.0, 2.0] if args.quick else [1.0, 1.5, 2.0, 3.0]
    lengths = [1200, 2000] if args.quick else [1200, 2000, 4000]
    rows, best = [], (-1.0, {})
    with tempfile.TemporaryDirectory(prefix="citebot-tune-") as tmpdir:
        tmp = Path(tmpdir)
        for length in lengths:
            for weight in weights:
                ndcg, recall = score(corpus, queries, qrels, tmp, title_weight=weight, max_passage_chars=length)
                rows.append([f"title weight {weight}, passages ≤ {length} chars", f"{ndcg:.4f}", f"{recall:.4f}"])
                print(rows[-1], flush=True)
                if ndcg > best[0]:
                    best = (ndcg, {"title_weight": weight, "max_passage_chars": length})
        original = analysis.STOPWORDS
        for name, stops, stem in (("Lucene's 33 stopwords", LUCENE_STOPWORDS, True), ("no stopwords", frozenset(), True),
                                  ("no stemming", original, False)):
            with_analysis(stops, stem)
            try:
                ndcg, recall = score(corpus, queries, qrels, tmp, **best[1])
            finally:
                with_analysis(original, True)
            rows.append([f"{name} (at the best above)", f"{ndcg:.4f}", f"{recall:.4f}"])
            print(rows[-1], flush=True)
    text = (f"{len(qrels)} judged train queries; lexical-only; defaults chosen: {best[1]} "
            f"(nDCG@10 {best[0]:.4f}); the stopword list is NLTK's English list, the stemmer Snowball English.\n\n"
            + table(["setting", "nDCG@10 (train)", "Recall@100 (train)"], rows))
    finish(args, "tune", "Tuning on SciFact train", text, started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
