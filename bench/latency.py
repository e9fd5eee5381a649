"""Latency: `citebot ask` cold start lexical-only and hybrid (the real model, questions
encoded with its ONNX export), where a cold hybrid ask spends its time, warm
per-question time, and the bot's resident memory after 1,000 answers.

Cold start: the real `.venv/bin/citebot ask "..."` run as a fresh process in a
temporary working folder with the index already built, one untimed run first
(page cache), then the median wall time of --runs runs, with the child's peak
resident memory (ru_maxrss from wait4); on the seed corpus, lexical-only
(CITEBOT_MODEL=none) and hybrid with --model (default the packaged
all-MiniLM-L6-v2), in the same run, for the README's question (a broad one:
what an organisation asks for) and a fact question. One more hybrid run
under `python -X importtime` lists what it imported: torch and
sentence-transformers must not be among them. Lexical-only on SciFact (5,183
abstracts) too, for scale, and the bare interpreter and `import bot.cli` as floors.

Where the time goes: the same steps as `citebot ask`, timed one by one in a
fresh process (import, open the index, load the question encoder, answer,
render), the model's encoding inside the answer timed and counted apart.

Warm: Engine.answer in a long-lived process (a child, so its peak memory is
its own): p50/p95 over a question set after a warm-up, for the FTS5 and the
in-memory BM25 backends.

Bot memory: a child answering as the bot does (bot.telegram imported, an
Engine with memory_snapshot=True and the index's default BM25 backend, four
answer threads, the last 1,000 answers kept for their buttons) answers
--answers questions (1,000) drawn from a varied list: the seed questions,
bench/seed_questions.jsonl, SciFact's test claims and, when present, the
development collection's questions; resident memory (VmRSS) after each step.

Run:  .venv/bin/python bench/latency.py [--quick] [--runs N] [--answers N] [--model NAME] [--lexical-only] [--data DIR]
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (DEFAULT_DEV, REPO, base_parser, finish, peak_rss_mb, percentiles, require_data, run_worker,
                    table)

PYTHON = Path(sys.executable)  # the interpreter running this (make bench: .venv/bin/python)
CITEBOT = PYTHON.with_name("citebot")  # the console script installed beside it
SEED_QUESTIONS = [
    "what did NAHT Cymru ask for?", "who is Laura Doel?", "Who wants decision-making devolved to schools?",
    "what does ascl think about investment?", "How many educational psychologists are there in Wales?",
    "What did ASCL Cymru say about school budgets?", "What is the capital of France?",
    "Which school in Wales has the best rugby team?", "what did the union say about the ALN code?",
    "What are school leaders worried about?", "When is the Wales TUC conference?", "How do I reset my password?",
]
COLD_QUESTIONS = [("broad", "what did NAHT Cymru ask for?"),
                  ("fact", "How many educational psychologists are there in Wales?")]
FORBIDDEN = ("torch", "sentence_transformers", "transformers")  # must not load on the answer path
BOT_WORKERS = 4  # bot.telegram_config.BotConfig.workers
BOT_CACHE = 1000  # BotConfig.answer_cache_size


# -- child processes -------------------------------------------------------------------


def timed_child(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int, str]:
    """Run `argv`; its wall time (s), peak memory (MB), exit status and stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errs:
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errs, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        errs.seek(0)
        return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), errs.read()


def cold(argv: list[str], env: dict[str, str], cwd: Path, runs: int) -> tuple[float, float, float]:
    """Median and min wall time, and peak memory, of `runs` runs after one untimed run."""
    _, _, code, errs = timed_child(argv, env, cwd)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} failed with status {code}: {errs.strip()[-300:]}")
    results = [timed_child(argv, env, cwd) for _ in range(runs)]
    walls = [r[0] for r in results]
    return statistics.median(walls), min(walls), max(r[1] for r in results)


def worker(kind: str, job: dict, env: dict[str, str], cwd: Path) -> tuple[dict, float]:
    """Run this script as worker `kind` with `job`; its JSON result and its peak memory (MB)."""
    return run_worker(__file__, [kind, json.dumps(job)], env=env, cwd=cwd, what=f"{kind} worker")


def rss_mb() -> float:
    """This process's resident memory now (VmRSS), in MB."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


def warm_worker(job: dict) -> dict:
    """Time Engine.answer over the questions after a warm-up."""
    from retrieval import Engine, Settings

    engine = Engine(Settings.from_env().with_(lexical=job["lexical"]))
    questions = job["questions"]
    for q in questions[: max(10, len(questions) // 10)]:  # warm-up: load, caches
        engine.answer(q)
    encoder = engine.models.query_encoder(engine.current())
    forget = getattr(encoder, "clear", None) if job.get("new") else None
    times = []
    for _ in range(job["rounds"]):
        for q in questions:
            if forget is not None:
                forget()  # as if never asked: nothing of it among the encoder's recent texts
            started = time.perf_counter()
            engine.answer(q)
            times.append(time.perf_counter() - started)
    return {"times": times}


def phases_worker(job: dict) -> dict:
    """The steps of `citebot ask QUESTION`, timed one by one; the model's encoding timed apart."""
    clock = time.perf_counter
    marks: dict[str, float] = {}
    started = clock()
    import bot.cli  # noqa: F401 - what the `citebot` script imports before it parses anything
    from bot.render import render_text
    from retrieval import Engine, Settings

    marks["import bot.cli"] = clock() - started
    engine = Engine(Settings.from_env().with_(lexical="fts5"))  # as `citebot ask` runs one question
    step = clock()
    gen = engine.current()
    marks["open the index"] = clock() - step
    step = clock()
    encoder = engine.models.query_encoder(gen)
    marks["load the question encoder"] = clock() - step
    spent = {"seconds": 0.0, "texts": 0, "calls": 0}
    if encoder is not None:
        encode = encoder.encode

        def timed_encode(texts, **kw):  # noqa: ANN001, ANN202 - the encoder's own signature
            t0 = clock()
            try:
                return encode(texts, **kw)
            finally:
                spent["seconds"] += clock() - t0
                spent["texts"] += len(texts)
                spent["calls"] += 1

        encoder.encode = timed_encode  # type: ignore[method-assign]
    step = clock()
    answer = engine.answer(job["question"])
    total = clock() - step
    marks["answer: the model encoding texts"] = spent["seconds"]
    marks["answer: the rest (retrieval, judging, quoting)"] = total - spent["seconds"]
    step = clock()
    render_text(answer, color=False, width=100)
    marks["render"] = clock() - step
    marks["total"] = clock() - started
    return {"marks": marks, "texts": spent["texts"], "calls": spent["calls"],
            "modules": sorted(m for m in FORBIDDEN if m in sys.modules)}


def as_before(engine) -> None:  # noqa: ANN001 - an Engine
    """The comparison: the question encoder as it ran before it gave memory back, with ONNX
    Runtime's arena keeping its largest block and glibc's heap left untrimmed."""
    import onnxruntime as ort

    from retrieval import onnx_encoder

    onnx_encoder._MALLOC_TRIM = None
    encoder = engine.models.query_encoder(engine.current())
    inner = getattr(encoder, "inner", encoder)  # the CachedEncoder's OnnxEncoder
    inner._run_options = ort.RunOptions()


def memory_worker(job: dict) -> dict:
    """Answer questions as the bot does; resident memory after each step."""
    from collections import OrderedDict
    from concurrent.futures import ThreadPoolExecutor

    samples = [("interpreter and this script", rss_mb())]
    import bot.telegram  # noqa: F401 - the bot's imports: python-telegram-bot, httpx, the front end
    from retrieval import Engine, Settings

    samples.append(("imports (bot.telegram: python-telegram-bot, httpx, retrieval)", rss_mb()))
    engine = Engine(Settings.from_env().with_(memory_snapshot=True))
    engine.current()
    samples.append(("index open (numpy, FAISS; the store copied into memory, BM25 postings, vectors)", rss_mb()))
    engine.warm_up()
    if job.get("as_before"):
        as_before(engine)
    samples.append(("question encoder loaded (`engine.warm_up()`, as the bot starts: ONNX Runtime, the model)",
                    rss_mb()))
    questions = job["questions"]
    kept: OrderedDict[int, object] = OrderedDict()  # the bot's AnswerCache: the newest answers, for buttons
    kept[0] = engine.answer(questions[0])
    samples.append(("after the first answer", rss_mb()))
    n = job["answers"]
    marks = sorted({m for m in (10, 100, n // 4, n // 2, 3 * n // 4, n) if 1 < m <= n})
    done = 1
    with ThreadPoolExecutor(max_workers=BOT_WORKERS) as pool:
        for mark in marks:
            batch = range(done, mark)
            for i, answer in zip(batch, pool.map(lambda i: engine.answer(questions[i % len(questions)]), batch)):
                kept[i] = answer
                while len(kept) > BOT_CACHE:
                    kept.popitem(last=False)
            done = mark
            samples.append((f"after {mark:,} answers", rss_mb()))
    engine.close()
    return {"samples": samples, "peak": peak_rss_mb(), "modules": sorted(m for m in FORBIDDEN if m in sys.modules)}


AS_BEFORE = "hybrid, as before: the arena kept, the heap untrimmed"
WORKERS = {"warm": warm_worker, "phases": phases_worker, "memory": memory_worker}


# -- the parent ---------------------------------------------------------------------------


def env_for(model: str, index: Path, corpus: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITEBOT_")}
    env.update(CITEBOT_MODEL=model, CITEBOT_INDEX_DIR=str(index), CITEBOT_CORPUS=str(corpus), HF_HUB_OFFLINE="1",
               TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return env


def build_index(env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run([str(CITEBOT), "index"], env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0 or "lexical-only" in done.stderr:
        raise SystemExit(f"citebot index failed (model {env['CITEBOT_MODEL']}): {done.stderr.strip()[-300:]}")


def warm(env: dict[str, str], cwd: Path, questions: list[str], lexical: str, rounds: int,
         new: bool = False) -> tuple[float, float, float]:
    """p50 and p95 (ms) of Engine.answer in a child process, and the child's peak memory (MB);
    `new`: the question encoder's recent texts forgotten before each question."""
    result, peak = worker("warm", {"questions": questions, "lexical": lexical, "rounds": rounds, "new": new},
                          env, cwd)
    p50, p95 = percentiles(result["times"])
    return p50 * 1000, p95 * 1000, peak


def imported(env: dict[str, str], cwd: Path, question: str) -> tuple[list[str], list[tuple[str, float]]]:
    """One `citebot ask` under -X importtime: which of FORBIDDEN it loaded, and its costliest top-level imports (s)."""
    _, _, code, errs = timed_child([str(PYTHON), "-X", "importtime", str(CITEBOT), "ask", question], env, cwd)
    if code != 0:
        raise SystemExit(f"citebot ask under -X importtime failed with status {code}")
    top: dict[str, float] = {}
    names = set()
    for line in errs.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            names.add(m.group(3).split(".")[0])
            if len(m.group(2)) == 1:  # a top-level import
                top[m.group(3)] = top.get(m.group(3), 0.0) + int(m.group(1)) / 1e6
    return sorted(n for n in FORBIDDEN if n in names), sorted(top.items(), key=lambda kv: -kv[1])


def question_list(data: Path, claims: list[str]) -> list[str]:
    """The varied questions the bot-memory child answers, shuffled (fixed seed)."""
    asked = list(SEED_QUESTIONS)
    for path in (REPO / "bench" / "seed_questions.jsonl", DEFAULT_DEV / "questions.jsonl"):
        if path.is_file():
            asked += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip()]
    asked = list(dict.fromkeys(asked + claims))
    random.Random(9).shuffle(asked)
    return asked


def memory_rows(results: dict[str, dict]) -> tuple[list[list[str]], dict[str, float]]:
    """The RSS table (one column per model) and each model's growth over the answers."""
    labels = [label for label, _ in next(iter(results.values()))["samples"]]
    rows = []
    for i, label in enumerate(labels):
        row = [label]
        for result in results.values():
            mb = result["samples"][i][1]
            delta = mb - result["samples"][i - 1][1] if i else 0.0
            row.append(f"{mb:.0f} ({delta:+.0f})" if i else f"{mb:.0f}")
        rows.append(row)
    rows.append(["peak (ru_maxrss)", *[f"{r['peak']:.0f}" for r in results.values()]])
    growth = {name: r["samples"][-1][1] - r["samples"][4][1] for name, r in results.items()}
    return rows, growth


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        print(json.dumps(WORKERS[sys.argv[2]](json.loads(sys.argv[3]))))
        return 0
    from retrieval.settings import DEFAULT_MODEL

    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="timed cold runs per row (default 9; 2 with --quick)")
    parser.add_argument("--answers", type=int, help="answers of the bot-memory child (default 1,000; 100 with --quick)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"the hybrid rows' model (default {DEFAULT_MODEL})")
    parser.add_argument("--lexical-only", action="store_true", help="leave out the rows with a model (no index build)")
    args = parser.parse_args()
    require_data(args.data, "scifact/corpus.jsonl.gz", "scifact/queries.jsonl", "scifact/qrels/test.tsv")
    runs = args.runs or (2 if args.quick else 9)
    answers = args.answers or (100 if args.quick else 1000)
    rounds = 1 if args.quick else 3
    started = time.perf_counter()
    cold_rows, warm_rows, phase_cols, memory = [], [], {}, {}
    forbidden: list[str] = []
    top_imports: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="citebot-latency-") as tmpdir:
        tmp = Path(tmpdir)
        shutil.copytree(REPO / "corpus", tmp / "corpus")
        scifact = tmp / "scifact.jsonl.gz"
        shutil.copyfile(args.data / "scifact" / "corpus.jsonl.gz", scifact)
        with open(args.data / "scifact" / "queries.jsonl", encoding="utf-8") as f:
            claims = {r["_id"]: r["text"] for r in map(json.loads, f)}
        test_ids = [line.split("\t")[0] for line in
                    (args.data / "scifact" / "qrels" / "test.tsv").read_text().splitlines()[1:] if line.strip()]
        sci_questions = list(dict.fromkeys(claims[q] for q in test_ids))
        bot_questions = question_list(args.data, sci_questions)
        if args.quick:
            sci_questions = sci_questions[:60]

        bare = os.environ.copy()
        w, _, m = cold([str(PYTHON), "-c", "pass"], bare, tmp, runs)
        cold_rows.append(["python -c pass (floor)", "-", "-", f"{w:.3f}", "-", f"{m:.0f}"])
        w, _, m = cold([str(PYTHON), "-c", "import bot.cli"], bare, tmp, runs)
        cold_rows.append(["python -c 'import bot.cli'", "-", "-", f"{w:.3f}", "-", f"{m:.0f}"])

        lexical_walls: dict[str, float] = {}
        models = [("lexical-only", "none")] + ([] if args.lexical_only else [("hybrid", args.model)])
        for label, model_name in models:
            env = env_for(model_name, tmp / f"index-seed-{label}", tmp / "corpus")
            build_index(env, tmp)
            for kind, question in COLD_QUESTIONS:
                w, fastest, m = cold([str(CITEBOT), "ask", question], env, tmp, runs)
                lexical_walls.setdefault(kind, w)  # the lexical-only rows come first
                cold_rows.append(["`citebot ask`, seed (2 releases)", f"{kind}: “{question}”", label,
                                  f"**{w:.3f}** (min {fastest:.3f})", f"**{w / lexical_walls[kind]:.1f}x**",
                                  f"{m:.0f}"])
                print(cold_rows[-1], flush=True)
            if label == "hybrid":
                forbidden, top_imports = imported(env, tmp, COLD_QUESTIONS[0][1])
            for kind, question in COLD_QUESTIONS:
                samples = [worker("phases", {"question": question}, env, tmp)[0] for _ in range(max(1, runs // 3))]
                phase_cols[(label, kind)] = ({k: statistics.median(s["marks"][k] for s in samples)
                                              for k in samples[0]["marks"]}, samples[0]["texts"], samples[0]["calls"])
            for lexical in ("fts5", "memory"):
                p50, p95, mem = warm(env, tmp, SEED_QUESTIONS, lexical, rounds)
                warm_rows.append(["seed (2 releases)", label, lexical, len(SEED_QUESTIONS) * rounds, f"{p50:.1f}",
                                  f"{p95:.1f}", f"{mem:.0f}"])
                if label == "hybrid":
                    p50, p95, mem = warm(env, tmp, SEED_QUESTIONS, lexical, rounds, new=True)
                    warm_rows.append(["seed (2 releases)", "hybrid, each question new", lexical,
                                      len(SEED_QUESTIONS) * rounds, f"{p50:.1f}", f"{p95:.1f}", f"{mem:.0f}"])
            memory[label] = worker("memory", {"questions": bot_questions, "answers": answers}, env, tmp)[0]
            print(warm_rows[-2:], memory[label]["samples"][-1], flush=True)
            if label == "hybrid":
                memory[AS_BEFORE] = worker("memory", {"questions": bot_questions, "answers": answers,
                                                      "as_before": True}, env, tmp)[0]

        env = env_for("none", tmp / "index-scifact", scifact)
        build_index(env, tmp)
        w, fastest, m = cold([str(CITEBOT), "ask", sci_questions[0]], env, tmp, runs)
        cold_rows.append(["`citebot ask`, SciFact (5,183 abstracts)", "its first test claim", "lexical-only",
                          f"**{w:.3f}** (min {fastest:.3f})", "-", f"{m:.0f}"])
        for lexical in ("fts5", "memory"):
            p50, p95, mem = warm(env, tmp, sci_questions, lexical, rounds)
            warm_rows.append(["SciFact (5,183 abstracts)", "lexical-only", lexical, len(sci_questions) * rounds,
                              f"{p50:.1f}", f"{p95:.1f}", f"{mem:.0f}"])
    text = render(args, runs, rounds, answers, len(bot_questions), cold_rows, phase_cols, forbidden, top_imports,
                  warm_rows, memory)
    finish(args, "latency", "Latency and memory", text, started)
    return 0


def render(args, runs: int, rounds: int, answers: int, distinct: int, cold_rows: list, phase_cols: dict,  # noqa: ANN001
           forbidden: list[str], top_imports: list[tuple[str, float]], warm_rows: list, memory: dict) -> str:
    """The section's tables and the lines that read them."""
    parts = [table(["cold start", "question", "model", "wall s (median)", "vs lexical-only", "peak MB"],
                   cold_rows)
             + f"\n\nCold: a fresh process per run, the index already built, median of {runs} runs after one "
               "untimed run; vs lexical-only: the hybrid median over the lexical-only median of the same question "
               "in this run. peak MB: the child's ru_maxrss, which Linux raises to the parent's resident size at "
               f"fork (this script's parent peaked at {peak_rss_mb():.0f} MB, so smaller figures read as that). "
               "The issue's aim: a cold hybrid ask at most 8x the lexical-only ask of the same run (about 0.5 s), "
               "with no torch or sentence-transformers import. (Earlier runs had rows with the tests' tiny model "
               "instead; with questions encoded by ONNX the real model's rows say all they said.)"]
    if "hybrid" in {label for label, _ in phase_cols}:
        kinds = [kind for kind, _ in COLD_QUESTIONS]
        cols = [(label, kind) for label in ("lexical-only", "hybrid") for kind in kinds]
        steps = list(phase_cols[cols[-1]][0])
        rows = [[step, *[f"{phase_cols[c][0].get(step, 0.0):.3f}" for c in cols]] for step in steps]
        rows.append(["texts the model encoded (calls)", *[f"{phase_cols[c][1]} ({phase_cols[c][2]})" for c in cols]])
        shown = ", ".join(f"{name} {s:.2f}" for name, s in top_imports[:6])
        parts.append(
            table(["step of `citebot ask` (s, median)", *[f"{label}, {kind}" for label, kind in cols]], rows)
            + f"\n\nWhere the time goes: the steps of `citebot ask` timed one by one in a fresh process (median of "
              f"{max(1, runs // 3)}), without the interpreter's start (the floor above). Under `python -X importtime` "
              f"a cold hybrid ask imported {', '.join(forbidden) if forbidden else 'none'} of "
              f"{', '.join(FORBIDDEN)}; its costliest top-level imports (s, inflated by -X importtime): {shown}.")
    parts.append(table(["corpus", "model", "BM25 backend", "questions timed", "p50 ms", "p95 ms", "peak MB"], warm_rows)
                 + "\n\nWarm: Engine.answer (ranking and quoting) in one long-lived process after a warm-up; seed "
                   f"questions: {len(SEED_QUESTIONS)} (README, tests, off-topic ones), asked {rounds} times; SciFact: its test "
                   "claims. The question encoder remembers the vectors of the 8,192 texts it encoded last, so a "
                   "question asked again costs no encoding; \"each question new\" empties that memory before each "
                   "question (the question and the sentences weighed for quoting are all encoded).")
    rows, growth = memory_rows(memory)
    parts.append(
        table(["bot-like process: resident memory, MB (change)", *memory], rows)
        + f"\n\nBot memory: one process answering {answers:,} questions as the bot does ({BOT_WORKERS} answer "
          f"threads, the newest {BOT_CACHE:,} answers kept, Engine with memory_snapshot=True and the in-memory BM25 "
          f"of a small index) from {distinct} distinct questions (seed, development collection, SciFact claims: most "
          "are off-topic for the seed corpus, so declines are exercised too), cycled in a fixed shuffled order. "
          "Growth from the first answer to the last: "
          + ", ".join(f"{name} {g:+.0f} MB" for name, g in growth.items()) + ". The issue's aim: at most 300 MB "
          "with the real model. The question encoder ends each ONNX Runtime run by shrinking its memory arena "
          "(the run option memory.enable_memory_arena_shrinkage) and each encoding by handing glibc's free heap "
          "back (malloc_trim); the last column is the same process with both undone, as citebot ran before: the "
          "arena keeps the peak of concurrent runs of many shapes and the heap keeps what it frees in pieces.")
    return "\n\n".join(parts)


if __name__ == "__main__":
    sys.exit(main())
