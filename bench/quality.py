"""Retrieval quality and speed: citebot's lexical retrieval beside bm25s and rank_bm25,
on SciFact (BEIR) and Cranfield, in the same run on the same machine.

For each system: nDCG@10, Recall@10, Recall@100, MRR@10 (a document ranks
by its best passage; scored by retrieval.evaluate, trec_eval's linear gain),
index build time and queries per second in-process, single thread, over the
batch of all queries (query analysis included; the fastest of --repeat timed
runs after one untimed warm-up run). citebot is measured as `citebot eval`
runs it: Engine.search over a lexical-only index (model "none"): the ranking
`Engine.answer` quotes from, without quoting; once per BM25 backend (FTS5 on
disk, and the in-memory one), over the same index.

Peers, with their recommended settings: bm25s (method "lucene", k1=1.2,
b=0.75, PyStemmer English stemmer, stopwords "en", n_threads=1) and
rank_bm25's BM25Okapi (k1=1.2, b=0.75) on the very same bm25s tokens.
Documents are indexed as title + text by the peers; citebot splits them into
paragraph passages and indexes the title as its own field.

With a model (--model, default the packaged all-MiniLM-L6-v2; "none" leaves
these out), on SciFact: one index built with it (its build time includes
loading the model, embedding every passage and the corpus's words, and the
ONNX export), then citebot hybrid as shipped (default settings: standardised
blend, dense weight 0.5, the in-memory BM25, questions encoded with the ONNX
export), and dense-only:
the Engine has no switch for a dense-only ranking, so the bench ranks each
claim itself with the engine's own pieces (the ONNX query encoder, the
index's FAISS vectors; a document by its best passage). Then the fusion grid
on SciFact *train* (RRF k in 10, 30, 60, 100; standardised blend with dense
weight 0.3 to 0.7) over the same index, nDCG@10 by Engine.search as `citebot
eval` ranks, and the test figure of the best train setting beside the
default's. In the grid each distinct text is encoded once and remembered
(the same questions come back under every setting); in the timed rows the
warm-up and first run encode the claims and the later runs find them among
the question encoder's recent texts, as a bot asked the same again does.

Cranfield is converted on the fly: cran.all.1400 to a temporary JSONL (the
two empty records, 471 and 995, left out for every system; hard-wrapped
lines joined), the n-th query of cran.qry is qrels query n, and the codes
1-4 (1 = most relevant) become grades 4-1; -1 is not relevant.

Run:  .venv/bin/python bench/quality.py [--quick] [--split train] [--model NAME] [--data DIR] [--profile]
"""

from __future__ import annotations

import cProfile
import gzip
import io
import json
import pstats
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from common import base_parser, best_of, finish, require_data, table

from retrieval import Engine, Settings
from retrieval.evaluate import evaluate, read_qrels, read_queries, score_runs
from retrieval.lexical import best_per_document
from retrieval.settings import DEFAULT_MODEL

DEPTH = 100
DENSE_PASSAGES = 300  # passages the dense-only ranking takes, before keeping each document's best
RRF_KS = (10, 30, 60, 100)
BLEND_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
DATA_FILES = {"scifact": ("scifact/corpus.jsonl.gz", "scifact/queries.jsonl", "scifact/qrels/{split}.tsv"),
              "cranfield": ("cranfield/cran.all.1400", "cranfield/cran.qry", "cranfield/cranqrel")}


@dataclass
class Dataset:
    name: str
    corpus: Path  # JSONL(.gz) that citebot indexes
    docs: list[tuple[str, str, str]]  # (id, title, text)
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]

    def judged(self) -> list[str]:
        """Ids of the queries scored: those with text and a relevant document."""
        return [q for q, j in self.qrels.items() if q in self.queries and any(g > 0 for g in j.values())]

    def restricted(self, keep: set[str], others: int, tmp: Path) -> "Dataset":
        """The documents in `keep` and the first `others` of the rest, written to `tmp` (--quick)."""
        docs = [d for i, d in enumerate(self.docs) if d[0] in keep or i < others]
        corpus = tmp / f"{self.name.split()[0].lower()}-quick.jsonl"
        corpus.write_text("".join(json.dumps({"_id": i, "title": t, "text": x}) + "\n" for i, t, x in docs),
                          encoding="utf-8")
        return Dataset(self.name, corpus, docs, self.queries, self.qrels)


@dataclass
class Row:
    system: str
    ndcg: float
    r10: float
    r100: float
    mrr: float
    index_s: float
    qps100: float
    qps10: float


def load_scifact(data: Path, split: str) -> Dataset:
    folder = data / "scifact"
    with gzip.open(folder / "corpus.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    docs = [(str(r["_id"]), r.get("title") or "", r["text"]) for r in records]
    return Dataset(f"SciFact ({split})", folder / "corpus.jsonl.gz", docs, read_queries(folder / "queries.jsonl"),
                   read_qrels(folder / "qrels" / f"{split}.tsv"))


def _cran_records(text: str) -> list[tuple[str, dict[str, str]]]:
    """(.I id, {field letter: text with lines joined}) of each record."""
    out = []
    for block in re.split(r"^\.I[ \t]+", text, flags=re.M)[1:]:
        lines = block.splitlines()
        fields: dict[str, list[str]] = {}
        current = None
        for line in lines[1:]:
            m = re.fullmatch(r"\.([A-Z])\s*", line)
            if m:
                current = m.group(1)
                fields[current] = []
            elif current:
                fields[current].append(line)
        out.append((lines[0].strip(), {k: " ".join(" ".join(v).split()) for k, v in fields.items()}))
    return out


def load_cranfield(data: Path, tmp: Path) -> Dataset:
    folder = data / "cranfield"
    docs = []
    for rid, f in _cran_records((folder / "cran.all.1400").read_text(encoding="utf-8")):
        if f.get("W") or f.get("T"):
            docs.append((rid, f.get("T", ""), f.get("W") or f.get("T", "")))
    corpus = tmp / "cranfield.jsonl"
    corpus.write_text("".join(json.dumps({"_id": i, "title": t, "text": x}) + "\n" for i, t, x in docs),
                      encoding="utf-8")
    queries = {str(n): f.get("W", "") for n, (_, f) in enumerate(
        _cran_records((folder / "cran.qry").read_text(encoding="utf-8")), start=1)}
    qrels: dict[str, dict[str, int]] = {}
    for line in (folder / "cranqrel").read_text(encoding="utf-8").splitlines():
        if line.split():
            q, d, code = line.split()[:3]
            qrels.setdefault(q, {})[d] = 5 - int(code) if 1 <= int(code) <= 4 else 0
    return Dataset("Cranfield", corpus, docs, queries, qrels)


# -- systems ---------------------------------------------------------------------


def run_citebot(ds: Dataset, qids: list[str], tmp: Path, repeat: int, backends: list[str],
                profile: bool) -> list[Row]:
    queries = {q: ds.queries[q] for q in qids}
    qrels = {q: ds.qrels[q] for q in qids}
    builds = []
    for i in range(repeat):
        settings = Settings(corpus=(ds.corpus,), index_dir=tmp / f"citebot-{ds.name[:4]}-{i}", model="none")
        engine = Engine(settings, encoder=None)
        started = time.perf_counter()
        engine.index()
        builds.append(time.perf_counter() - started)
        engine.close()
    rows = []
    for backend in backends:
        engine = Engine(settings.with_(lexical=backend), encoder=None)
        evaluate(engine, dict(list(queries.items())[:30]), qrels)  # warm-up: loading, caches
        best100 = min((evaluate(engine, queries, qrels, DEPTH) for _ in range(repeat)), key=lambda r: r.seconds)
        best10 = min((evaluate(engine, queries, qrels, 10) for _ in range(repeat)), key=lambda r: r.seconds)
        if profile:
            prof = cProfile.Profile()
            prof.runcall(evaluate, engine, queries, qrels, DEPTH)
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(20)
            print(f"\nprofile of citebot ({backend}), {len(queries)} {ds.name} queries at depth {DEPTH}:\n"
                  f"{buf.getvalue()}", file=sys.stderr)
        engine.close()
        rows.append(Row(f"citebot ({backend})", best100.ndcg_10, best100.recall_10, best100.recall_100,
                        best100.mrr_10, min(builds), best100.qps, best10.qps))
    return rows


def _bm25s_tokens(texts: list[str], return_ids: bool = True):  # noqa: ANN202 - bm25s.tokenization.Tokenized
    import bm25s
    import Stemmer

    return bm25s.tokenize(texts, stopwords="en", stemmer=Stemmer.Stemmer("english"), return_ids=return_ids,
                          show_progress=False)


def run_bm25s(ds: Dataset, qids: list[str], repeat: int) -> Row:
    import bm25s

    ids = [d[0] for d in ds.docs]
    texts = [f"{t} {x}" for _, t, x in ds.docs]

    def build():  # noqa: ANN202
        retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
        retriever.index(_bm25s_tokens(texts), show_progress=False)
        return retriever

    index_s, retriever = best_of(build, repeat, warmup=0)
    qtexts = [ds.queries[q] for q in qids]

    def search(k: int):  # noqa: ANN202
        def go() -> list[list[str]]:
            docs, _ = retriever.retrieve(_bm25s_tokens(qtexts), k=min(k, len(ids)), show_progress=False, n_threads=1)
            return [[ids[i] for i in row] for row in docs]
        return go

    s100, runs100 = best_of(search(DEPTH), repeat)
    s10, _ = best_of(search(10), repeat)
    r = score_runs(dict(zip(qids, runs100)), ds.qrels, s100)  # type: ignore[arg-type]
    return Row("bm25s 0.3 (lucene)", r.ndcg_10, r.recall_10, r.recall_100, r.mrr_10, index_s,
               len(qids) / s100, len(qids) / s10)


def run_rank_bm25(ds: Dataset, qids: list[str], repeat: int) -> Row:
    from rank_bm25 import BM25Okapi

    ids = [d[0] for d in ds.docs]
    texts = [f"{t} {x}" for _, t, x in ds.docs]
    index_s, model = best_of(lambda: BM25Okapi(_bm25s_tokens(texts, return_ids=False), k1=1.2, b=0.75),
                             max(repeat - 1, 1), warmup=0)
    qtexts = [ds.queries[q] for q in qids]

    def search(k: int):  # noqa: ANN202
        def go() -> list[list[str]]:
            out = []
            for tokens in _bm25s_tokens(qtexts, return_ids=False):
                scores = model.get_scores(tokens)
                top = np.argpartition(-scores, min(k, len(ids) - 1))[:k]
                out.append([ids[i] for i in top[np.argsort(-scores[top], kind="stable")]])
            return out
        return go

    s100, runs100 = best_of(search(DEPTH), max(repeat - 1, 1), warmup=0)
    s10, _ = best_of(search(10), 1, warmup=0)
    r = score_runs(dict(zip(qids, runs100)), ds.qrels, s100)  # type: ignore[arg-type]
    return Row("rank_bm25 (BM25Okapi)", r.ndcg_10, r.recall_10, r.recall_100, r.mrr_10, index_s,
               len(qids) / s100, len(qids) / s10)


class RememberingEncoder:
    """An encoder that encodes each distinct text once: the fusion grid asks the
    same questions (and their words) under every setting."""

    def __init__(self, inner) -> None:  # noqa: ANN001 - an Encoder
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._seen: dict[tuple[tuple[str, ...], bool], np.ndarray] = {}

    def encode(self, texts, *, query: bool = False) -> np.ndarray:  # noqa: ANN001 - Sequence[str]
        key = (tuple(texts), query)
        if key not in self._seen:
            self._seen[key] = self.inner.encode(texts, query=query)
        return self._seen[key].copy()


def dense_only(engine: Engine, queries: dict[str, str], qrels: dict, k: int):  # noqa: ANN201 - EvalResult
    """Documents ranked by the dense leg alone: the ONNX query encoder and the index's vectors, as Engine uses them."""
    gen = engine.current()
    encoder = engine.models.query_encoder(gen)
    if encoder is None or gen.vectors is None:
        raise SystemExit("the model index has no vectors or no question encoder")
    runs = {}
    started = time.perf_counter()
    for qid, text in queries.items():
        hits = gen.vectors.search(encoder.encode([text], query=True)[0], DENSE_PASSAGES)
        runs[qid] = [doc for doc, _ in best_per_document(hits, gen.lexical.doc_of([pid for pid, _ in hits]), k)]
    return score_runs(runs, qrels, time.perf_counter() - started, k)


def timed_rows(name: str, run, repeat: int, build_s: float) -> Row:  # noqa: ANN001 - run(k) -> EvalResult
    """A Row from the fastest of `repeat` runs at depth 100 and at 10, after one untimed run of the first queries."""
    best100 = min((run(DEPTH) for _ in range(repeat)), key=lambda r: r.seconds)
    best10 = min((run(10) for _ in range(repeat)), key=lambda r: r.seconds)
    return Row(name, best100.ndcg_10, best100.recall_10, best100.recall_100, best100.mrr_10, build_s, best100.qps,
               best10.qps)


def run_model(ds: Dataset, qids: list[str], train: dict[str, dict[str, int]], model: str, tmp: Path,
              repeat: int) -> tuple[list[Row], str]:
    """citebot hybrid as shipped and dense-only with `model`, and the fusion grid on `train`."""
    settings = Settings(corpus=(ds.corpus,), index_dir=tmp / f"citebot-{ds.name[:4]}-model", model=model)
    engine = Engine(settings)
    started = time.perf_counter()
    engine.index()
    build_s = time.perf_counter() - started
    if engine.current().vectors is None:
        raise SystemExit(f"the index was built without vectors: model {model} could not be loaded")
    print(f"model index built in {build_s:.0f} s", file=sys.stderr, flush=True)
    queries = {q: ds.queries[q] for q in qids}
    qrels = {q: ds.qrels[q] for q in qids}
    evaluate(engine, dict(list(queries.items())[:30]), qrels)  # warm-up: loading, caches
    default = {"fusion": settings.fusion, "rrf_k": settings.rrf_k} if settings.fusion == "rrf" else \
        {"fusion": settings.fusion, "blend_weight": settings.blend_weight}
    rows = [timed_rows(f"citebot hybrid ({fusion_label(default)}, as shipped)",
                       lambda k: evaluate(engine, queries, qrels, k),
                       repeat, build_s),
            timed_rows("citebot dense-only (the bench ranks by the dense leg)",
                       lambda k: dense_only(engine, queries, qrels, k), repeat, build_s)]
    shipped_test = rows[0].ndcg
    remembering = RememberingEncoder(engine.models.query_encoder(engine.current()))
    engine.close()
    train_queries = {q: ds.queries[q] for q in train if q in ds.queries}
    grid = [("rrf", {"fusion": "rrf", "rrf_k": k}) for k in RRF_KS] + \
           [("blend", {"fusion": "blend", "blend_weight": w}) for w in BLEND_WEIGHTS]
    scores = []
    for name, change in grid:
        engine = Engine(settings.with_(**change), encoder=remembering)
        result = evaluate(engine, train_queries, train, DEPTH)
        engine.close()
        label = fusion_label(change)
        scores.append((label, change, result))
        print(f"train {label}: nDCG@10 {result.ndcg_10:.4f}", file=sys.stderr, flush=True)
    best_label, best_change, _ = max(scores, key=lambda s: s[2].ndcg_10)
    engine = Engine(settings.with_(**best_change), encoder=remembering)
    best_test = evaluate(engine, queries, qrels, DEPTH)
    engine.close()
    grid_rows = []
    for label, change, result in scores:
        test = ""
        if change == best_change:
            test = f"**{best_test.ndcg_10:.4f}** (best on train)"
        if change == default:
            test = (test + "; " if test else "") + f"**{shipped_test:.4f}** (the default)"
        grid_rows.append([label, f"{result.ndcg_10:.4f}", f"{result.recall_100:.4f}", test or "-"])
    text = (f"**Fusion grid, SciFact train** ({len(train_queries)} judged train claims, the same model index; "
            f"test: {len(qids)} claims)\n\n"
            + table(["fusion", "nDCG@10 (train)", "Recall@100 (train)", "nDCG@10 (test)"], grid_rows)
            + f"\n\nBest on train: {best_label} (test nDCG@10 {best_test.ndcg_10:.4f}; the default, "
              f"{fusion_label(default)}: {shipped_test:.4f}, {best_test.ndcg_10 - shipped_test:+.4f}).")
    return rows, text


def fusion_label(change: dict) -> str:
    """"RRF, k=60" or "blend, dense weight 0.5"."""
    if change["fusion"] == "rrf":
        return f"RRF, k={change['rrf_k']}"
    return f"blend, dense weight {change['blend_weight']}"


# -- main ------------------------------------------------------------------------------


def render(ds: Dataset, n_queries: int, rows: list[Row]) -> str:
    base = next((r for r in rows if r.system.startswith("bm25s")), rows[0])
    body = [[f"**{r.system}**" if r.system.startswith("citebot") else r.system, f"{r.ndcg:.4f}", f"{r.r10:.4f}",
             f"{r.r100:.4f}", f"{r.mrr:.4f}", f"{r.index_s:.2f}", f"{r.qps100:,.0f}", f"{r.qps10:,.0f}",
             f"{r.qps100 / base.qps100:.3f}"] for r in rows]
    return (f"**{ds.name}**: {len(ds.docs):,} documents, {n_queries} judged queries\n\n"
            + table(["system", "nDCG@10", "Recall@10", "Recall@100", "MRR@10", "index s", "q/s @100", "q/s @10",
                     "q/s @100 vs bm25s"], body))


def main() -> int:
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test", choices=["test", "train"],
                        help="SciFact qrels split (tune on train, report test)")
    parser.add_argument("--datasets", default="scifact,cranfield", help="comma-separated: scifact, cranfield")
    parser.add_argument("--repeat", type=int, help="timed runs per measurement (default 3; 1 with --quick)")
    parser.add_argument("--lexical", default="fts5,memory",
                        help="citebot BM25 backends to measure, comma-separated (default fts5,memory)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of citebot's query loop to stderr")
    parser.add_argument("--model", default=DEFAULT_MODEL,
                        help=f"model of the hybrid and dense-only rows on SciFact (default {DEFAULT_MODEL}; none: "
                             "lexical only)")
    args = parser.parse_args()
    with_model = args.model.strip().lower() not in ("", "none") and "scifact" in args.datasets.split(",")
    require_data(args.data, *[f.format(split=args.split) for name in args.datasets.split(",")
                              for f in DATA_FILES.get(name, DATA_FILES["cranfield"])],
                 *(["scifact/qrels/train.tsv"] if with_model else []))
    repeat = args.repeat or (1 if args.quick else 3)
    started = time.perf_counter()
    sections = []
    with tempfile.TemporaryDirectory(prefix="citebot-quality-") as tmpdir:
        tmp = Path(tmpdir)
        for name in args.datasets.split(","):
            ds = load_scifact(args.data, args.split) if name == "scifact" else load_cranfield(args.data, tmp)
            qids = ds.judged()[:100] if args.quick else ds.judged()
            model_here = with_model and name == "scifact"
            train = read_qrels(args.data / "scifact" / "qrels" / "train.tsv") if model_here else {}
            if args.quick:  # the judged documents of the queries asked and 400 others
                train = dict(list(train.items())[:50])
                ds = ds.restricted({d for q in qids for d in ds.qrels[q]} | {d for j in train.values() for d in j},
                                   400, tmp)
            rows = run_citebot(ds, qids, tmp, repeat, args.lexical.split(","), args.profile)
            grid = ""
            if model_here:
                model_rows, grid = run_model(ds, qids, train, args.model, tmp, repeat)
                rows += model_rows
            rows += [run_bm25s(ds, qids, repeat), run_rank_bm25(ds, qids, repeat)]
            sections.append(render(ds, len(qids), rows) + (f"\n\n{grid}" if grid else ""))
            print(sections[-1] + "\n", flush=True)
    notes = ("q/s: queries per second in-process, one thread, all queries in one batch (query analysis "
             "included), at ranking depth 100 documents (for Recall@100) and 10; fastest of "
             f"{repeat} timed runs after an untimed warm-up. index s: build from the corpus file, fastest of "
             f"{repeat} (for citebot the SQLite index, shared by both backends; the memory backend's load at "
             "first query is not counted). citebot: lexical-only index, ranked as `citebot eval` does (Engine.search); the peers index title + text "
             "with the bm25s tokenizer (PyStemmer English, stopwords \"en\"), k1=1.2, b=0.75; rank_bm25, being slow, "
             "gets one run fewer and no warm-up. "
             f"With a model ({args.model}; SciFact only): index s is one build of the model index (loading the model, "
             "embedding every passage and the corpus's words, the ONNX export); the hybrid row is Engine.search with "
             "default settings (its fastest run finds the claims' vectors among the question encoder's 8,192 most "
             "recent texts: the first run encodes them); dense-only ranks the "
             f"{DENSE_PASSAGES} nearest passages by the ONNX query vector in the index's FAISS vectors and keeps each "
             "document's best (the Engine has no dense-only switch). The issue's reference figures for this model, "
             "measured earlier: dense-only 0.6466 (published 0.645), hybrid RRF 0.7251, normalised blend 0.5 0.7347, "
             "lexical 0.6891.")
    finish(args, "quality", "Retrieval quality: citebot (lexical, dense, hybrid) vs bm25s and rank_bm25",
           "\n\n".join(sections), started,
           notes="\n" + notes + "\n", echo=False)  # the sections were printed as they were measured
    return 0


if __name__ == "__main__":
    sys.exit(main())
