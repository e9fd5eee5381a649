"""Latency: `citebot ask` cold start, warm per-question time, peak memory.

Cold start: the real `.venv/bin/citebot ask "..."` run as a fresh process
in a temporary working folder with the index already built, one untimed run
first (page cache), then the median wall time of --runs runs, with the
child's peak resident memory (ru_maxrss from wait4). Measured lexical-only
(CITEBOT_MODEL=none) and with a model: the tiny local sentence-transformers
model the tests build (tests/conftest.py), since no real model can be
downloaded here; its cost is dominated by importing torch and
sentence-transformers, which a real small model (bge-small, 33M parameters)
adds load and encode time to. For scale, the same on the SciFact corpus
(5,183 abstracts) as well as the two seed releases, and the bare
interpreter start and `import bot.cli` as floors.

Warm: Engine.answer in a long-lived process (a child, so its peak memory is
its own): p50/p95 over a question set after a warm-up, for the FTS5 and the
in-memory BM25 backends, on the seed corpus (the README's and tests'
questions) and on SciFact (its 300 test claims).

Run:  .venv/bin/python bench/latency.py [--quick] [--runs N] [--data DIR]
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, base_parser, finish, peak_rss_mb, percentiles, require_data, table

PYTHON = Path(sys.executable)  # the interpreter running this (make bench: .venv/bin/python)
CITEBOT = PYTHON.with_name("citebot")  # the console script installed beside it
SEED_QUESTIONS = [
    "what did NAHT Cymru ask for?", "who is Laura Doel?", "Who wants decision-making devolved to schools?",
    "what does ascl think about investment?", "How many educational psychologists are there in Wales?",
    "What did ASCL Cymru say about school budgets?", "What is the capital of France?",
    "Which school in Wales has the best rugby team?", "what did the union say about the ALN code?",
    "What are school leaders worried about?", "When is the Wales TUC conference?", "How do I reset my password?",
]
COLD_QUESTION = "what did NAHT Cymru ask for?"


def timed_child(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """Run `argv`; its wall time (s), peak memory (MB) and exit status."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    proc.stdout.close(), proc.stderr.close()  # type: ignore[union-attr]
    return wall, usage.ru_maxrss / 1024, proc.returncode


def cold(argv: list[str], env: dict[str, str], cwd: Path, runs: int) -> tuple[float, float, float]:
    """Median and min wall time, and peak memory, of `runs` runs after one untimed run."""
    _, _, code = timed_child(argv, env, cwd)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} failed with status {code}")
    results = [timed_child(argv, env, cwd) for _ in range(runs)]
    walls = [w for w, _, _ in results]
    return statistics.median(walls), min(walls), max(m for _, m, _ in results)


def env_for(model: str, index: Path, corpus: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITEBOT_")}
    env.update(CITEBOT_MODEL=model, CITEBOT_INDEX_DIR=str(index), CITEBOT_CORPUS=str(corpus), HF_HUB_OFFLINE="1",
               TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return env


def warm_worker(spec: str) -> None:
    """Child mode: time Engine.answer over questions; print {"times": [...]} as JSON."""
    from retrieval import Engine, Settings

    job = json.loads(spec)
    engine = Engine(Settings.from_env().with_(lexical=job["lexical"]))
    questions = job["questions"]
    for q in questions[: max(10, len(questions) // 10)]:  # warm-up: load, caches
        engine.answer(q)
    times = []
    for _ in range(job["rounds"]):
        for q in questions:
            started = time.perf_counter()
            engine.answer(q)
            times.append(time.perf_counter() - started)
    print(json.dumps({"times": times}))


def warm(env: dict[str, str], cwd: Path, questions: list[str], lexical: str, rounds: int) -> tuple[float, float, float]:
    """p50 and p95 (ms) of Engine.answer in a child process, and the child's peak memory (MB)."""
    spec = json.dumps({"questions": questions, "lexical": lexical, "rounds": rounds})
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as errs:
        proc = subprocess.Popen([str(PYTHON), __file__, "--warm-worker", spec], env=env, cwd=cwd, stdout=out,
                                stderr=errs, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), errs.seek(0)
        output, problems = out.read(), errs.read().strip()
    if proc.returncode != 0:
        raise SystemExit(f"warm worker failed: {problems.splitlines()[-1] if problems else proc.returncode}")
    p50, p95 = percentiles(json.loads(output.strip().splitlines()[-1])["times"])
    return p50 * 1000, p95 * 1000, usage.ru_maxrss / 1024


def build_index(env: dict[str, str], cwd: Path) -> None:
    subprocess.run([str(CITEBOT), "index"], env=env, cwd=cwd, check=True, capture_output=True)


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--warm-worker":
        warm_worker(sys.argv[2])
        return 0
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="timed cold runs per row (default 9; 2 with --quick)")
    parser.add_argument("--lexical-only", action="store_true",
                        help="leave out the rows with the tests' tiny model (no torch import)")
    args = parser.parse_args()
    require_data(args.data, "scifact/corpus.jsonl.gz", "scifact/queries.jsonl", "scifact/qrels/test.tsv")
    runs = args.runs or (2 if args.quick else 9)
    rounds = 1 if args.quick else 3
    started = time.perf_counter()
    cold_rows, warm_rows = [], []
    with tempfile.TemporaryDirectory(prefix="citebot-latency-") as tmpdir:
        tmp = Path(tmpdir)
        shutil.copytree(REPO / "corpus", tmp / "corpus")
        # Built in a child: the parent stays small, since a forked child's peak memory counts the parent's.
        model = "" if args.lexical_only else subprocess.run(
            [str(PYTHON), "-c", "import sys; from tests.conftest import _build_tiny_model; "
                                "print(_build_tiny_model(__import__('pathlib').Path(sys.argv[1])))", str(tmp / "model")],
            cwd=REPO, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        scifact = tmp / "scifact.jsonl.gz"
        shutil.copyfile(args.data / "scifact" / "corpus.jsonl.gz", scifact)
        with open(args.data / "scifact" / "queries.jsonl", encoding="utf-8") as f:
            claims = {r["_id"]: r["text"] for r in map(json.loads, f)}
        test_ids = [line.split("\t")[0] for line in
                    (args.data / "scifact" / "qrels" / "test.tsv").read_text().splitlines()[1:] if line.strip()]
        sci_questions = list(dict.fromkeys(claims[q] for q in test_ids))
        if args.quick:
            sci_questions = sci_questions[:60]

        bare = os.environ.copy()
        w, _, m = cold([str(PYTHON), "-c", "pass"], bare, tmp, runs)
        cold_rows.append(["python -c pass (floor)", "-", f"{w:.3f}", f"{m:.0f}"])
        w, _, m = cold([str(PYTHON), "-c", "import bot.cli"], bare, tmp, runs)
        cold_rows.append(["python -c 'import bot.cli'", "-", f"{w:.3f}", f"{m:.0f}"])

        setups = [("seed (2 releases)", tmp / "corpus", SEED_QUESTIONS, COLD_QUESTION),
                  ("SciFact (5,183 abstracts)", scifact, sci_questions, sci_questions[0])]
        for corpus_name, corpus, questions, question in setups:
            models = [("lexical-only", "none"), ("tiny local model", model)]
            if args.lexical_only or (args.quick and corpus != tmp / "corpus"):
                models = models[:1]  # --quick: the model only on the seed corpus
            for label, model_name in models:
                index = tmp / f"index-{abs(hash((corpus_name, label)))}"
                env = env_for(model_name, index, corpus)
                build_index(env, tmp)
                w, fastest, m = cold([str(CITEBOT), "ask", question], env, tmp, runs)
                cold_rows.append([f"`citebot ask`, {corpus_name}", label, f"**{w:.3f}** (min {fastest:.3f})",
                                  f"{m:.0f}"])
                for lexical in ("fts5", "memory"):
                    p50, p95, mem = warm(env, tmp, questions, lexical, rounds)
                    warm_rows.append([corpus_name, label, lexical, len(questions) * rounds, f"{p50:.1f}",
                                      f"{p95:.1f}", f"{mem:.0f}"])
                print(cold_rows[-1], warm_rows[-2:], flush=True)
    text = (table(["cold start", "model", "wall s (median)", "peak MB"], cold_rows)
            + f"\n\nCold: a fresh process per run, the index already built, median of {runs} runs after one "
              "untimed run. peak MB: the child's ru_maxrss, which Linux raises to the parent's resident size at "
              f"fork (this script's parent peaked at {peak_rss_mb():.0f} MB, so smaller figures read as that). "
              "The tiny model stands in for a real one (none can be downloaded here): its time is mostly "
              "importing torch and sentence-transformers.\n\n"
            + table(["corpus", "model", "BM25 backend", "questions timed", "p50 ms", "p95 ms", "peak MB"], warm_rows)
            + "\n\nWarm: Engine.answer (ranking and quoting) in one long-lived process after a warm-up; seed "
              f"questions: {len(SEED_QUESTIONS)} (README, tests, off-topic ones); SciFact: its test claims.")
    finish(args, "latency", "Latency and memory", text, started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
