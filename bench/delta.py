"""What a vectors delta costs a search: a base index (exact at 100,000 vectors,
IVF at 300,000) searched alone, and with deltas of 1% and 5% of it (as many
vectors added as base ids removed; 5% is the most before citebot merges the
delta into a new base file). Clustered unit vectors (dim 384, as in
scale.py's part 2; the added ones drawn alike); single queries at depth 100
(what the ranker asks for), on one thread; recall@100 of the layered search
against exact search over what remains.

Run:  .venv/bin/python bench/delta.py [--quick]
"""

from __future__ import annotations

import sys
import time

import numpy as np

from common import base_parser, finish, percentiles, table
from scale import clustered

DIM, DEPTH = 384, 100


def units(rng: np.random.Generator, n: int) -> np.ndarray:
    x = rng.standard_normal((n, DIM), dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def measure(n: int, share: float, n_queries: int) -> list[object]:
    from retrieval.dense import Delta, LayeredIndex, VectorIndex

    rng = np.random.default_rng(0)
    changes = int(n * share)
    everything = clustered(n + changes, rng)
    base_vectors, added = everything[:n], everything[n:]
    base = VectorIndex.build(np.arange(n), base_vectors)
    removed = rng.choice(n, changes, replace=False)
    delta = Delta.empty(DIM).then(removed, np.arange(n, n + changes), added)
    layered = LayeredIndex(base, delta)
    # Queries near corpus vectors, some of them removed ones.
    pick = rng.choice(n, n_queries, replace=False)
    queries = base_vectors[pick] + 0.75 * units(rng, n_queries)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    live = np.setdiff1d(np.arange(n), removed)
    exact_vectors = np.vstack([base_vectors[live], added])
    exact_ids = np.concatenate([live, np.arange(n, n + changes)])
    times, recall = [], []
    for q in queries:
        t = time.perf_counter()
        got = layered.search(q, DEPTH)
        times.append(time.perf_counter() - t)
        truth = exact_ids[np.argsort(-(exact_vectors @ q))[:DEPTH]]
        recall.append(len({pid for pid, _ in got} & set(truth.tolist())) / DEPTH)
    p50, p95 = percentiles(times[5:])
    return [f"{n:,}", base.describe(), f"{share:.0%}", f"{changes:,} / {changes:,}", f"{p50 * 1000:.2f}",
            f"{p95 * 1000:.2f}", f"{np.mean(recall):.3f}"]


def main() -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="base vectors, comma-separated (default 100000,300000; --quick: 20000)")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = [int(s) for s in (args.sizes or ("20000" if args.quick else "100000,300000")).split(",")]
    n_queries = 50 if args.quick else 200
    rows = [measure(n, share, n_queries) for n in sizes for share in (0.0, 0.01, 0.05)]
    text = (table(["base vectors", "base index", "delta", "added / removed", "search p50 ms", "p95 ms",
                   "recall@100 vs exact"], rows)
            + "\n\nOne query at a time, depth 100. The layered search drops removed ids from an over-fetched "
              "base result (falling back to a FAISS id selector when too many of the nearest were removed) and "
              "scores the delta's vectors exactly; recall is against exact search over the base without its "
              "removed vectors plus the added ones (the IVF rows' shortfall is IVF's own).")
    finish(args, "delta", "Vectors delta: search cost", text, started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
