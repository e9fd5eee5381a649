"""Scale: index build, memory, incremental add and query time on synthetic corpora of
10k, 100k and 1M passages, and the choice of FAISS index by size.

Part 1 (RESULTS.md section `scale`), end to end through Engine, each step in
its own process (peak memory is its ru_maxrss): documents of 8-12 paragraphs
of 60-120 words drawn from a Zipfian vocabulary (English stopwords at the
head, then 50,000 made-up words), as JSONL shards; an encoder of random unit
vectors (dim 384) for the dense side, since no model can be downloaded here.
Measured: `Engine.index()` from scratch, split into its stages; warm
Engine.answer p50/p95 (BM25 + dense); the in-memory BM25 backend's load; and
adding one new release with an incremental `Engine.index()`.

Part 2 (section `scale-faiss`), the vector index alone, on clustered unit
vectors: passage = normalise(0.5 m + c_topic + 0.5 u_doc + 0.9 e), with a
shared direction m (embeddings are anisotropic), 1,000 Zipfian topics, a
direction per 10-passage document and noise: cosine about 0.65 within a
document, 0.54 within a topic, 0.11 across, so a query's ten nearest span
several documents. Queries are corpus vectors plus noise (cosine 0.8), as a
question lands near its answer; uniformly random vectors, all nearly
orthogonal in 384 dimensions, have no neighbours worth finding (one row
shows it). Exact search (IndexFlatIP) against IVF (dense.py's nlist and
nprobe, and smaller nprobe) and HNSW (M=32, efSearch swept): build time,
size, single-query p50/p95, recall@10 against exact.

Run:  .venv/bin/python bench/scale.py [--quick] [--sizes 10000,100000,1000000] [--part 1|2]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from common import REPO, base_parser, finish, percentiles, run_worker, table

PYTHON = Path(sys.executable)  # the interpreter running this (make bench: .venv/bin/python)
DIM = 384
SHARD_DOCS = 2000


# -- synthetic text ---------------------------------------------------------------


def vocabulary(rng: np.random.Generator, size: int = 50_000) -> np.ndarray:
    """English stopwords first (the Zipf head), then pronounceable made-up words."""
    from retrieval.analysis import STOPWORDS

    head = ["the", "of", "and", "to", "a", "in", "for", "is", "on", "that", "by", "with", "as", "it", "at", "from",
            "be", "was", "are", "this", "will", "has", "have", "an", "which", "said", "their", "its", "also", "not"]
    head += sorted(STOPWORDS - set(head))
    onsets, vowels, codas = list("bcdfghklmnprstvwz") + ["st", "tr", "pl", "gr", "ch", "sh"], list("aeiou"), \
        ["", "", "n", "r", "s", "l", "t", "m"]
    words, seen = list(head), set(head)
    # rng.integers rather than rng.choice on the lists: the same words, ten times faster
    while len(words) < size:
        w = "".join(onsets[int(rng.integers(len(onsets)))] + vowels[int(rng.integers(len(vowels)))]
                    + codas[int(rng.integers(len(codas)))] for _ in range(int(rng.integers(1, 4))))
        if w not in seen and len(w) > 2:
            seen.add(w)
            words.append(w)
    return np.array(words, dtype=object)


def zipf_p(n: int, s: float = 1.0, q: float = 2.7) -> np.ndarray:
    p = 1.0 / (np.arange(1, n + 1) + q) ** s
    return p / p.sum()


def paragraph(words: list[str], rng: np.random.Generator) -> str:
    out, i = [], 0
    while i < len(words):
        n = int(rng.integers(8, 21))
        sentence = words[i:i + n]
        i += n
        out.append(" ".join([sentence[0].capitalize(), *sentence[1:]]) + ".")
    return " ".join(out)


def generate(passages: int, folder: Path, seed: int = 0) -> dict[str, float]:
    """Write JSONL shards of documents holding about `passages` paragraphs in all."""
    rng = np.random.default_rng(seed)
    vocab = vocabulary(rng)
    p = zipf_p(len(vocab))
    sources = [f"Organisation {i}" for i in range(50)]
    folder.mkdir(parents=True)
    made, docs, words_total, shard, lines = 0, 0, 0, 0, []
    while made < passages:
        n_par = min(int(rng.integers(8, 13)), passages - made)
        lengths = rng.integers(60, 121, size=n_par)
        drawn = vocab[rng.choice(len(vocab), size=int(lengths.sum()) + 8, p=p)].tolist()
        title = " ".join(w.capitalize() for w in drawn[-8:])
        paras, at = [], 0
        for n in lengths:
            paras.append(paragraph(drawn[at:at + n], rng))
            at += n
        date = f"{rng.integers(2010, 2025)}-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}"
        lines.append(json.dumps({"_id": f"doc{docs}", "title": title, "text": "\n\n".join(paras), "date": date,
                                 "source": sources[min(int(rng.zipf(1.5)) - 1, 49)]}))
        made, docs, words_total = made + n_par, docs + 1, words_total + at
        if len(lines) >= SHARD_DOCS or made >= passages:
            (folder / f"shard-{shard:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            shard, lines = shard + 1, []
    return {"documents": docs, "passages": made, "words_per_passage": words_total / made,
            "bytes": sum(f.stat().st_size for f in folder.iterdir())}


def questions_from(folder: Path, n: int, seed: int = 1) -> list[str]:
    """Questions made of 3-5 content words of random passages of the corpus."""
    from retrieval.analysis import STOPWORDS

    rng = np.random.default_rng(seed)
    shard = sorted(folder.glob("*.jsonl"))[0].read_text(encoding="utf-8").splitlines()
    out = []
    while len(out) < n:
        paras = json.loads(shard[int(rng.integers(len(shard)))])["text"].split("\n\n")
        words = [w.strip(".").lower() for w in paras[int(rng.integers(len(paras)))].split()]
        content = [w for w in words if w not in STOPWORDS]
        picked = rng.choice(content, size=min(len(content), int(rng.integers(3, 6))), replace=False)
        out.append("what about " + " ".join(picked) + "?")
    return out


class RandomEncoder:
    """Random unit vectors with the Encoder interface; remembers when it was last called."""

    name, dim = "random-unit-384", DIM

    def __init__(self) -> None:
        self.rng = np.random.default_rng(0)
        self.first: float | None = None
        self.last = 0.0

    def encode(self, texts, *, query: bool = False) -> np.ndarray:  # noqa: ANN001
        self.first = self.first or time.perf_counter()
        v = self.rng.standard_normal((len(texts), DIM), dtype=np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        self.last = time.perf_counter()
        return v


# -- part 1 workers (each runs in its own process) ---------------------------------------


def _settings(work: Path, lexical: str = "fts5"):  # noqa: ANN202
    from retrieval import Settings

    return Settings(corpus=(work / "corpus",), index_dir=work / "index", model=RandomEncoder.name).with_(
        lexical=lexical)


def worker_build(work: Path) -> dict:
    from retrieval import Engine

    encoder = RandomEncoder()
    marks: dict[str, float] = {}
    started = time.perf_counter()
    engine = Engine(_settings(work), encoder=encoder)
    report = engine.index(progress=lambda stage, done, total: marks.setdefault(stage, time.perf_counter()))
    end = time.perf_counter()
    first, last, writing = encoder.first or end, encoder.last or end, marks.get("writing", end)
    return {"seconds": end - started, "load_split_analyse": first - started, "encode": last - first,
            "faiss_build_save": writing - last, "sqlite_write": end - writing, "passages": report.passages,
            "vectors": engine.status().vectors, "index_mb": sum(
                f.stat().st_size for f in (work / "index").iterdir()) / 2 ** 20}


def worker_query(work: Path, lexical: str, n: int) -> dict:
    from retrieval import Engine

    questions = questions_from(work / "corpus", n)
    engine = Engine(_settings(work, lexical), encoder=RandomEncoder())
    started = time.perf_counter()
    engine.current()
    load = time.perf_counter() - started
    for q in questions[:20]:
        engine.answer(q)
    times = []
    for q in questions:
        t = time.perf_counter()
        engine.answer(q)
        times.append(time.perf_counter() - t)
    p50, p95 = percentiles(times)
    answered = sum(engine.answer(q).answered for q in questions[:50])
    return {"load": load, "p50_ms": p50 * 1000, "p95_ms": p95 * 1000, "answered_of_50": answered}


def worker_add(work: Path) -> dict:
    from retrieval import Engine

    release = work / "corpus" / "new-release.md"
    rng = np.random.default_rng(7)
    vocab = vocabulary(np.random.default_rng(0))
    words = vocab[rng.choice(len(vocab), size=900, p=zipf_p(len(vocab)))].tolist()
    body = "\n\n".join(paragraph(words[i:i + 90], rng) for i in range(0, 900, 90))
    release.write_text(f"---\ntitle: A new release\ndate: 2025-01-01\nsource: Organisation 0\n---\n{body}\n",
                       encoding="utf-8")
    engine = Engine(_settings(work), encoder=RandomEncoder())
    started = time.perf_counter()
    report = engine.index()
    return {"seconds": time.perf_counter() - started, "added": len(report.added), "embedded": report.embedded}


def worker_pickup(work: Path, mode: str) -> dict:
    """A running reader (the bot) with the index loaded; the release added by
    worker_add changes and is re-indexed: the update's time, and how long the
    reader takes to serve the new generation. mode "delta" is what citebot
    does; "rewrite" forces the whole vectors file to be rewritten (as before
    delta files), for comparison."""
    from retrieval import Engine, dense

    if mode == "rewrite":
        dense.DELTA_SHARE = 0.0

    reader = Engine(_settings(work), encoder=RandomEncoder())
    reader.refresh_interval = 0
    before = reader.current().number
    release = work / "corpus" / "new-release.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nA paragraph added in a correction.\n",
                       encoding="utf-8")
    started = time.perf_counter()
    report = Engine(_settings(work), encoder=RandomEncoder()).index()
    update = time.perf_counter() - started
    started = time.perf_counter()
    after = reader.current().number
    pickup = time.perf_counter() - started
    assert (len(report.updated), after) == (1, before + 1), (report, before, after)
    return {"update_seconds": update, "pickup_seconds": pickup}


def worker(*argv: str) -> tuple[dict, float]:
    """Run this script in worker mode; its JSON result and peak memory in MB."""
    return run_worker(__file__, argv, env={**os.environ, "HF_HUB_OFFLINE": "1"}, cwd=REPO,
                      what=f"worker {argv[0]}")


def part1(size: int, tmp: Path, n_questions: int) -> list[object]:
    work = tmp / f"engine-{size}"
    gen, _ = worker("generate", str(work), str(size))
    build, build_mb = worker("build", str(work))
    fts, fts_mb = worker("query", str(work), "fts5", str(n_questions))
    mem, mem_mb = worker("query", str(work), "memory", str(n_questions))
    add, add_mb = worker("add", str(work))
    pickup, _ = worker("pickup", str(work), "delta")
    rewrite, _ = worker("pickup", str(work), "rewrite")
    print(json.dumps({"size": size, "gen": gen, "build": build, "build_mb": build_mb, "fts5": fts, "memory": mem,
                      "memory_mb": mem_mb, "add": add, "add_mb": add_mb, "pickup": pickup,
                      "rewrite": rewrite}), file=sys.stderr,
          flush=True)
    split = (f"{build['load_split_analyse']:.0f} / {build['encode']:.0f} / {build['faiss_build_save']:.0f} / "
             f"{build['sqlite_write']:.0f}")
    return [f"{build['passages']:,}", f"{gen['documents']:,}", f"{gen['words_per_passage']:.0f}",
            f"**{build['seconds']:.1f}**", split, f"{build_mb:,.0f}", f"{build['index_mb']:,.0f}", build["vectors"],
            f"{fts['p50_ms']:.1f} / {fts['p95_ms']:.1f}", f"{fts_mb:,.0f}",
            f"{mem['load']:.1f}", f"{mem['p50_ms']:.1f} / {mem['p95_ms']:.1f}", f"{mem_mb:,.0f}",
            f"**{add['seconds']:.2f}**", f"{add_mb:,.0f}",
            f"{pickup['update_seconds']:.2f} / {rewrite['update_seconds']:.2f}",
            f"**{pickup['pickup_seconds']:.2f}** / {rewrite['pickup_seconds']:.2f}"]


# -- part 2: the vector index alone -------------------------------------------------------


def clustered(n: int, rng: np.random.Generator, topics: int = 1000) -> np.ndarray:
    def units(k: int) -> np.ndarray:
        x = rng.standard_normal((k, DIM), dtype=np.float32)
        return x / np.linalg.norm(x, axis=1, keepdims=True)

    m, centres = units(1)[0], units(topics)
    n_docs = (n + 9) // 10
    topic = np.minimum(rng.zipf(1.3, n_docs) - 1, topics - 1)
    doc_dirs = units(n_docs)
    out = np.empty((n, DIM), dtype=np.float32)
    for s in range(0, n, 100_000):
        doc = np.arange(s, min(n, s + 100_000)) // 10
        v = 0.5 * m + centres[topic[doc]] + 0.5 * doc_dirs[doc] + 0.9 * units(len(doc))
        out[s:s + len(doc)] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def worker_faiss(n: int, kind: str, n_queries: int) -> dict:
    import faiss

    rng = np.random.default_rng(0)
    if kind == "clustered":
        xb = clustered(n, rng)
    else:
        xb = rng.standard_normal((n, DIM), dtype=np.float32)
        xb /= np.linalg.norm(xb, axis=1, keepdims=True)
    noise = rng.standard_normal((n_queries, DIM), dtype=np.float32)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    xq = xb[rng.choice(n, n_queries, replace=False)] + 0.75 * noise
    xq /= np.linalg.norm(xq, axis=1, keepdims=True)
    ids = np.arange(n, dtype=np.int64)

    def single_query_times(index, threads: int = 1) -> tuple[float, float, np.ndarray]:  # noqa: ANN001
        faiss.omp_set_num_threads(threads)
        found, times = [], []
        for q in xq:
            t = time.perf_counter()
            found.append(index.search(q.reshape(1, -1), 10)[1][0])
            times.append(time.perf_counter() - t)
        p50, p95 = percentiles(times[5:])
        faiss.omp_set_num_threads(default_threads)  # builds use every core
        return p50 * 1000, p95 * 1000, np.array(found)

    default_threads = faiss.omp_get_max_threads()
    rows: list[dict] = []
    t = time.perf_counter()
    flat = faiss.IndexIDMap2(faiss.IndexFlatIP(DIM))
    flat.add_with_ids(xb, ids)
    build = time.perf_counter() - t
    p50, p95, truth = single_query_times(flat)
    sim10 = float(np.mean(flat.search(xq, 10)[0][:, 1:]))

    def recall(found: np.ndarray) -> float:
        return float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth)]))

    mb = n * DIM * 4 / 2 ** 20 + n * 8 / 2 ** 20
    rows.append({"index": "flat (exact)", "params": "-", "build": build, "mb": mb, "p50": p50, "p95": p95,
                 "recall": 1.0, "remove": True})
    p50, p95, _ = single_query_times(flat, default_threads)
    rows.append({"index": "flat (exact)", "params": f"{default_threads} threads (faiss default)", "build": build,
                 "mb": mb, "p50": p50, "p95": p95, "recall": 1.0, "remove": True})
    del flat
    from retrieval.dense import VectorIndex

    t = time.perf_counter()
    vi = VectorIndex.build(ids, xb, limit=0)  # the IVF path of dense.py, whatever n
    build = time.perf_counter() - t
    ivf = vi.index
    mb = faiss.serialize_index(ivf).nbytes / 2 ** 20
    nlist, default_probe = ivf.nlist, ivf.nprobe
    for nprobe in sorted({default_probe, *[p for p in (4, 8, 16, 32, 64, 128) if p < default_probe]}, reverse=True):
        ivf.nprobe = nprobe
        p50, p95, found = single_query_times(ivf)
        rows.append({"index": "IVF-Flat (dense.py)" if nprobe == default_probe else "IVF-Flat",
                     "params": f"nlist={nlist}, nprobe={nprobe}", "build": build, "mb": mb, "p50": p50, "p95": p95,
                     "recall": recall(found), "remove": True})
    del vi, ivf
    t = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(DIM, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 40
    hnsw.add(xb)
    build = time.perf_counter() - t
    mb = faiss.serialize_index(hnsw).nbytes / 2 ** 20
    for ef in (16, 32, 64, 128, 256):
        hnsw.hnsw.efSearch = ef
        p50, p95, found = single_query_times(hnsw)
        rows.append({"index": "HNSW-Flat", "params": f"M=32, efSearch={ef}", "build": build, "mb": mb, "p50": p50,
                     "p95": p95, "recall": recall(found), "remove": False})
    return {"rows": rows, "sim_2_10": sim10}


def part2(size: int, kind: str, n_queries: int) -> tuple[list[list[object]], str]:
    """Table rows for one vector set, and a one-line reading of them."""
    result, peak = worker("faiss", str(size), kind, str(n_queries))
    print(json.dumps({"size": size, "kind": kind, **result, "peak_mb": peak}), file=sys.stderr, flush=True)
    name = f"{size:,}" + ("" if kind == "clustered" else " uniform")
    rows = [[name, r["index"], r["params"], f"{r['build']:.1f}", f"{r['mb']:,.0f}", f"{r['p50']:.2f} / {r['p95']:.2f}",
             f"**{r['recall']:.3f}**" if r["recall"] >= 0.95 else f"{r['recall']:.3f}",
             "yes" if r["remove"] else "no"] for r in result["rows"]]
    flat, ours = result["rows"][0], result["rows"][2]

    def cheapest(prefix: str) -> str:
        ok = [r for r in result["rows"] if r["index"].startswith(prefix) and r["recall"] >= 0.95]
        best = min(ok, key=lambda r: r["p50"]) if ok else None
        return f"{best['params']} ({best['recall']:.3f}, p95 {best['p95']:.2f} ms)" if best else "none of those tried"

    line = (f"- {name}: exact p95 {flat['p95']:.1f} ms; dense.py's IVF ({ours['params']}) recall {ours['recall']:.3f} "
            f"at p95 {ours['p95']:.1f} ms; cheapest at recall >= 0.95: IVF {cheapest('IVF')}, HNSW "
            f"{cheapest('HNSW')}; mean cosine of ranks 2-10 {result['sim_2_10']:.2f}")
    return rows, line


def policy() -> str:
    """What retrieval/dense.py does now, read from it."""
    import inspect

    from retrieval import dense

    source = inspect.getsource(dense.VectorIndex.build)
    nlist = "4 sqrt(n)" if "4 * np.sqrt(n)" in source else "see dense.py"
    nprobe = "nlist/8" if "nlist // 8" in source else "see dense.py"
    return f"exact (flat) up to EXACT_LIMIT = {dense.EXACT_LIMIT:,} vectors, IVF-Flat above (nlist = {nlist}, " \
           f"nprobe = {nprobe})"


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        job, rest = sys.argv[2], sys.argv[3:]
        workers = {"generate": lambda: generate(int(rest[1]), Path(rest[0]) / "corpus"),
                   "build": lambda: worker_build(Path(rest[0])),
                   "query": lambda: worker_query(Path(rest[0]), rest[1], int(rest[2])),
                   "add": lambda: worker_add(Path(rest[0])),
                   "pickup": lambda: worker_pickup(Path(rest[0]), rest[1]),
                   "faiss": lambda: worker_faiss(int(rest[0]), rest[1], int(rest[2]))}
        print(json.dumps(workers[job]()))
        return 0
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="passage counts, comma-separated (default 10000,100000,1000000; "
                                        "--quick: 10000,30000)")
    parser.add_argument("--part", choices=["1", "2", "both"], default="both")
    parser.add_argument("--queries", type=int, default=200, help="questions / query vectors per size (default 200)")
    args = parser.parse_args()
    sizes = [int(s) for s in (args.sizes or ("10000,30000" if args.quick else "10000,100000,1000000")).split(",")]
    with tempfile.TemporaryDirectory(prefix="citebot-scale-") as tmpdir:
        if args.part in ("1", "both"):
            started = time.perf_counter()
            rows = [part1(n, Path(tmpdir), args.queries) for n in sizes]
            text = (table(["passages", "documents", "words/passage", "build s",
                           "load+analyse / encode / FAISS / SQLite s", "build peak MB", "index MB", "vectors",
                           "answer p50/p95 ms (FTS5)", "peak MB", "memory BM25 load s", "answer p50/p95 ms (memory)",
                           "peak MB", "add 1 release s", "add peak MB",
                           "update 1 release s: delta / rewrite", "reader picks it up s: delta / rewrite"], rows)
                    + "\n\nEnd to end through Engine (lexical + random 384-d vectors), each step in its own process. "
                      "Build: `Engine.index()` from scratch; encode is random vectors (a real model adds its own "
                      "time). answer: Engine.answer, hybrid (BM25 + dense), warm, over "
                      f"{args.queries} questions made of 3-5 words of random passages. add 1 release: an "
                      "incremental `Engine.index()` after writing one 10-paragraph .md file (the vectors go to a "
                      "delta file beside the base file; see retrieval/dense.py). update 1 release: that release "
                      "is changed and re-indexed while another Engine (the bot) has the index loaded; reader picks "
                      "it up: the time that Engine's next call takes to load the new generation. delta is what "
                      "citebot does; rewrite forces the whole vectors file to be rewritten, as before delta files "
                      "(below 20,000 vectors both rewrite: the base is small).")
            finish(args, "scale", "Scale: synthetic corpora through Engine", text, started)
        if args.part in ("2", "both"):
            started = time.perf_counter()
            results = [part2(n, "clustered", args.queries) for n in sizes]
            if not args.quick:
                results.append(part2(100_000, "uniform", args.queries))
            text = (table(["vectors", "index", "settings", "build s", "size MB", "query p50/p95 ms",
                           "recall@10 vs exact", "remove_ids"], [r for rows, _ in results for r in rows])
                    + f"\n\nThe vector index alone: clustered synthetic unit vectors (dim {DIM}); {args.queries} "
                      "queries, each a corpus vector plus noise (cosine 0.8), one at a time on one thread "
                      "(faiss.omp_set_num_threads(1); the second flat row uses faiss's default, every core, "
                      "which for a single query mostly adds OpenMP overhead and, on a busy machine, stalls); "
                      "builds use every core. recall@10 against exact inner-product search on the same "
                      "vectors.\n\n"
                    + "\n".join(line for _, line in results)
                    + f"\n\nPolicy in retrieval/dense.py when this ran: {policy()}.")
            finish(args, "scale-faiss", "Scale: choosing the FAISS index by size", text, started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
