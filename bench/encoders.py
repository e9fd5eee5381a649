"""Encoders for index builds: passages/s of sentence-transformers (torch) against
the model's ONNX export in fp32 and int8, and what int8 costs in retrieval quality.

Throughput: the first --sample SciFact abstracts (256), each as the indexer
embeds a passage (title, a newline, the text), sorted by length, longest first,
as the indexer does, and encoded in batches of 32 with --threads threads (2) by
each encoder in turn: sentence-transformers as `citebot index` loads it
(retrieval.embeddings, torch.set_num_threads), `OnnxEncoder` on an export made
by `export_onnx`, and the same on `quantize_int8`'s copy. One untimed batch
first, then the fastest of --repeat rounds, the encoders taking turns within a
round (the machine is shared). The int8 vectors' cosine to the fp32 export's,
and the fp32 export's to sentence-transformers', on the same passages.

Quality: every SciFact abstract (5,183) and the 300 test claims (as queries,
with the model's query prefix if it has one) encoded with the fp32 and the
int8 export; documents ranked by cosine, scored with retrieval.evaluate
(nDCG@10, Recall@10/100, MRR@10). The issue's rule: offer int8 only if its
nDCG@10 loss is at most 0.005.

Also the install's size: the virtualenv running this, its largest packages,
the packaged model and its ONNX export (the folder an index keeps beside it).

Run:  .venv/bin/python bench/encoders.py [--quick] [--model NAME] [--threads 2] [--data DIR]
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from common import base_parser, finish, require_data, table

from retrieval.evaluate import read_qrels, read_queries, score_runs
from retrieval.settings import DEFAULT_MODEL, Settings

MAX_LOSS = 0.005  # the issue's bound on int8's SciFact nDCG@10 loss
DEPTH = 100


def load_corpus(data: Path) -> tuple[list[str], list[str]]:
    """SciFact's document ids and their texts as the indexer embeds them (title, newline, text)."""
    with gzip.open(data / "scifact" / "corpus.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return [str(r["_id"]) for r in records], [f"{r.get('title') or ''}\n{r['text']}" for r in records]


def throughput(encoders: dict[str, Callable[[list[str]], np.ndarray]], texts: list[str],
               repeat: int) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """The fastest of `repeat` rounds per encoder (seconds), encoders taking turns; and each one's vectors."""
    for encode in encoders.values():
        encode(texts[:32])  # untimed: first-run allocations, caches
    best = {name: float("inf") for name in encoders}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(repeat):
        for name, encode in encoders.items():
            started = time.perf_counter()
            vectors[name] = encode(texts)
            best[name] = min(best[name], time.perf_counter() - started)
    return best, vectors


def rank_by_cosine(queries: np.ndarray, docs: np.ndarray, ids: Sequence[str], depth: int) -> list[list[str]]:
    """For each query vector, the ids of the `depth` documents of highest cosine (vectors are unit length)."""
    out = []
    for start in range(0, len(queries), 64):
        scores = queries[start:start + 64] @ docs.T
        n = min(depth, scores.shape[1])
        top = np.argpartition(-scores, n - 1, axis=1)[:, :n]
        for row, cand in zip(scores, top):
            out.append([ids[i] for i in cand[np.argsort(-row[cand], kind="stable")]])
    return out


def mb(n: float) -> str:
    return f"{n:,.1f}" if n < 10 else f"{n:,.0f}"


def du_mb(path: Path) -> float:
    """Disk usage of `path` in MB, as `du` counts it."""
    done = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[0]) / 1024


def install_sizes(source_folder: Path, export: Path, quantised: dict[str, str]) -> list[list[str]]:
    """Rows: the virtualenv running this (if it is one) and its largest packages, the model and its export."""
    rows = []
    prefix = Path(sys.prefix)
    if prefix != Path(sys.base_prefix):
        rows.append([f"virtualenv `{prefix}`", f"**{mb(du_mb(prefix))}**"])
        site = next(prefix.glob("lib/python*/site-packages"), None)
        if site is not None:
            sizes = sorted(((du_mb(p), p.name) for p in site.iterdir()
                            if p.is_dir() and not p.name.endswith((".dist-info", "__pycache__"))), reverse=True)
            rows += [[f"… of which `{name}`", mb(size)] for size, name in sizes[:8]]
    rows.append([f"the model's files (`{source_folder}`)", mb(du_mb(source_folder))])
    kept = sum((export / n).stat().st_size for n in os.listdir(export) if n not in quantised.values()) / 1024 ** 2
    rows.append(["its ONNX export, fp32 (the `onnx-…` folder an index keeps)", f"**{mb(kept)}**"])
    rows += [[f"{name}: the model file alone (not kept by an index)", mb((export / file).stat().st_size / 1024 ** 2)]
             for name, file in quantised.items()]
    return rows


def cpu_flags() -> str:
    """Whether the CPU has the instructions int8 matrix products are fast with (VNNI), from /proc/cpuinfo."""
    try:
        flags = set(next(line for line in Path("/proc/cpuinfo").read_text().splitlines()
                         if line.startswith("flags")).split(":", 1)[1].split())
    except (OSError, StopIteration):
        return "unknown."
    have = [f for f in ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8") if f in flags]
    return ", ".join(have) + (" (no VNNI: int8 products gain little here)." if not
                              {"avx512_vnni", "avx_vnni"} & flags else ".")


def metrics_row(name: str, result, ndcg_base: float | None = None) -> list[str]:  # noqa: ANN001 - EvalResult
    loss = "-" if ndcg_base is None else f"{ndcg_base - result.ndcg_10:+.4f}"
    return [name, f"**{result.ndcg_10:.4f}**", loss, f"{result.recall_10:.4f}", f"{result.recall_100:.4f}",
            f"{result.mrr_10:.4f}"]


TORCH, FP32 = "sentence-transformers (torch)", "ONNX Runtime fp32"
INT8, INT8_PC = "ONNX Runtime int8 (`quantize_int8`)", "ONNX Runtime int8, per-channel (a variant)"


def quantize_per_channel(folder: Path) -> str:
    """The variant: `quantize_int8`'s dynamic quantisation with per-channel weight scales."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    name = "model.int8-per-channel.onnx"
    quantize_dynamic(str(folder / "model.onnx"), str(folder / name), weight_type=QuantType.QInt8, per_channel=True)
    return name


def main() -> int:
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"model name or folder (default {DEFAULT_MODEL})")
    parser.add_argument("--threads", type=int, default=2, help="threads per encoder (default 2)")
    parser.add_argument("--sample", type=int, default=256, help="abstracts timed (default 256; 32 with --quick)")
    parser.add_argument("--repeat", type=int, help="timed rounds (default 2; 1 with --quick)")
    args = parser.parse_args()
    require_data(args.data, "scifact/corpus.jsonl.gz", "scifact/queries.jsonl", "scifact/qrels/test.tsv")
    repeat = args.repeat or (1 if args.quick else 2)
    sample_n = 32 if args.quick and args.sample == 256 else args.sample
    started = time.perf_counter()

    import torch

    from retrieval.embeddings import load_encoder
    from retrieval.model_files import fingerprint, resolve_model
    from retrieval.onnx_encoder import OnnxEncoder, export_onnx, quantize_int8

    settings = Settings.from_env()
    torch.set_num_threads(args.threads)
    source = resolve_model(args.model, timeout=settings.model_timeout, offline=settings.offline,
                           endpoint=settings.hub_endpoint)
    st = load_encoder(source, batch_size=32, device="cpu")
    ids, texts = load_corpus(args.data)
    queries = read_queries(args.data / "scifact" / "queries.jsonl")
    qrels = read_qrels(args.data / "scifact" / "qrels" / "test.tsv")
    qids = [q for q, judged in qrels.items() if q in queries and any(g > 0 for g in judged.values())]
    if args.quick:  # a smoke run: 50 claims over their relevant abstracts and the first 300 others
        qids = qids[:50]
        keep = set(ids[:300]) | {d for q in qids for d in qrels[q]}
        ids, texts = map(list, zip(*[(i, t) for i, t in zip(ids, texts) if i in keep]))
    with tempfile.TemporaryDirectory(prefix="citebot-encoders-") as tmpdir:
        folder = export_onnx(st, Path(tmpdir) / "onnx", fingerprint(source))
        logging.disable(logging.WARNING)  # the quantizer's advice to pre-process, on the root logger
        files = {INT8: quantize_int8(folder), INT8_PC: quantize_per_channel(folder)}
        logging.disable(logging.NOTSET)
        onnx = {FP32: OnnxEncoder(folder, batch_size=32, threads=args.threads)}
        onnx.update({name: OnnxEncoder(folder, batch_size=32, threads=args.threads, model_file=file)
                     for name, file in files.items()})
        sample = sorted(texts[:sample_n], key=len, reverse=True)
        best, vectors = throughput({TORCH: st.encode, **{n: e.encode for n, e in onnx.items()}}, sample, repeat)
        print(f"throughput done: {best}", file=sys.stderr, flush=True)
        reference = {FP32: TORCH, INT8: FP32, INT8_PC: FP32}
        speed_rows = []
        for name, seconds in best.items():
            agree = "-"
            if name in reference:
                sims = np.sum(vectors[name] * vectors[reference[name]], axis=1)
                agree = f"{np.mean(sims):.4f} (min {np.min(sims):.4f}) to {reference[name].split(' (')[0]}"
            speed_rows.append([name, f"**{len(sample) / seconds:,.1f}**", f"{seconds:.2f}",
                               f"{best[TORCH] / seconds:.2f}", agree])

        encode_s: dict[str, float] = {}
        results = {}
        for name, enc in onnx.items():
            t0 = time.perf_counter()
            doc_vectors = enc.encode(texts)  # sorted by length into batches inside
            encode_s[name] = time.perf_counter() - t0
            qvec = enc.encode([queries[q] for q in qids], query=True)
            runs = dict(zip(qids, rank_by_cosine(qvec, doc_vectors, ids, DEPTH)))
            results[name] = score_runs(runs, qrels, depth=DEPTH)
            print(f"{name}: {len(texts)} documents encoded in {encode_s[name]:.0f} s, nDCG@10 "
                  f"{results[name].ndcg_10:.4f}", file=sys.stderr, flush=True)
        sizes = install_sizes(source.folder, folder, files)
    ref = results[FP32].ndcg_10

    def verdict(name: str, what: str) -> str:
        loss = ref - results[name].ndcg_10
        return (f"{what} loses {loss:.4f} nDCG@10 (fp32 {ref:.4f}, int8 {results[name].ndcg_10:.4f}): "
                + (f"within the issue's {MAX_LOSS}." if loss <= MAX_LOSS else f"more than the issue's {MAX_LOSS}."))

    quality_rows = [metrics_row(f"{name} (all {len(texts):,} encoded in {encode_s[name]:.0f} s)", results[name],
                                None if name == FP32 else ref) for name in results]
    text = (f"Model `{args.model}` ({st.dim} dimensions), {args.threads} threads per encoder, batches of 32.\n\n"
            + table(["encoder", "passages/s", "seconds", "speed vs torch", "cosine (mean, least)"], speed_rows)
            + f"\n\n**Dense-only quality, SciFact test** ({len(texts):,} abstracts, {len(qids)} claims; ranked by "
              "cosine over whole abstracts)\n\n"
            + table(["vectors", "nDCG@10", "loss vs fp32", "Recall@10", "Recall@100", "MRR@10"], quality_rows)
            + f"\n\n- {verdict(INT8, 'The int8 of `quantize_int8`')} The issue: offer int8 only if the loss is "
              f"at most {MAX_LOSS}.\n- {verdict(INT8_PC, 'The per-channel variant')} (`quantize_dynamic(..., "
              "per_channel=True)`, not what retrieval/onnx_encoder.py does.)\n- CPU: " + cpu_flags()
            + "\n\n**Install size** (MB, as `du` counts)\n\n" + table(["what", "MB"], sizes))
    notes = (f"\nThroughput: the first {len(sample)} SciFact abstracts as passages (title, newline, text; "
             "truncated by each encoder at the model's 256 tokens), sorted longest first, encoded in batches of 32; "
             f"one untimed batch first, then the fastest of {repeat} rounds, the encoders taking turns. "
             "cosine: mean (and least) cosine between two encoders' vectors of the same passages. "
             "Quality: every abstract is one vector here (the index splits the few over 2,000 characters into "
             "passages; that is the hybrid engine's business, bench/quality.py). "
             "GPU: there is no GPU on this machine and no GPU machine was lent to this task, so there is no GPU "
             "figure; on a CUDA machine index builds use it (Settings.device \"auto\"), questions stay on the "
             "CPU with ONNX Runtime.\n")
    finish(args, "encoders", "Encoders: index-build throughput, and int8's cost", text, started, notes=notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
