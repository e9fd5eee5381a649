"""Every bench script runs, on a tiny input, so that none of them rots unnoticed.

The scripts that read benchmark data get a tiny data set written here in the
layout of ../shared/bench-data (SciFact, Cranfield, SQuAD); the others get
their smallest sizes; their rows with a model run on the tiny model the tests
build (tests/conftest.py), not the packaged default. None may write
bench/RESULTS.md. A script whose data is missing stops with one line saying
where the data must be, and run_all.py (`make bench`) skips it with that line.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import REPO

BENCH = REPO / "bench"

DOCS = [
    ("d1", "Teachers demand a pay rise", "The teachers union demanded a fully funded pay rise of eight per cent. "
                                         "Members will ballot on strike action in April."),
    ("d2", "Free school meals for primary pupils", "Every primary pupil will receive free school meals from "
                                                   "September. The scheme costs twelve million pounds a year."),
    ("d3", "Libraries reopen after refurbishment", "All six branch libraries reopen on Monday with longer "
                                                   "opening hours. New study spaces were added."),
    ("d4", "Psychologist shortage in Wales", "Wales has too few educational psychologists. The union asked for "
                                             "a second training course in the north."),
    ("d5", "Budget cuts hit secondary schools", "Secondary schools face budget cuts of four per cent. Head "
                                                "teachers warned that class sizes will grow."),
    ("d6", "New bus routes for rural pupils", "Three new bus routes will carry rural pupils to school. The "
                                              "council pays for the buses from its transport budget."),
]
QUERIES = [("q1", "how big a pay rise did teachers demand?", "d1"), ("q2", "who gets free school meals?", "d2"),
           ("q3", "when do the libraries reopen?", "d3"), ("q4", "how many psychologists does Wales have?", "d4")]
ANSWERS = {"q1": "eight per cent", "q2": "Every primary pupil", "q3": "Monday", "q4": "too few"}


def _write_data(root: Path) -> Path:
    """A tiny data set in the layout of ../shared/bench-data."""
    scifact = root / "scifact"
    (scifact / "qrels").mkdir(parents=True)
    with gzip.open(scifact / "corpus.jsonl.gz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps({"_id": i, "title": t, "text": x}) + "\n" for i, t, x in DOCS)
    (scifact / "queries.jsonl").write_text("".join(json.dumps({"_id": q, "text": t}) + "\n" for q, t, _ in QUERIES),
                                           encoding="utf-8")
    for split in ("test", "train"):
        (scifact / "qrels" / f"{split}.tsv").write_text(
            "query-id\tcorpus-id\tscore\n" + "".join(f"{q}\t{d}\t1\n" for q, _, d in QUERIES), encoding="utf-8")
    cranfield = root / "cranfield"
    cranfield.mkdir()
    (cranfield / "cran.all.1400").write_text(
        "".join(f".I {n}\n.T\n{t.lower()}\n.A\nsomeone\n.B\nsomewhere\n.W\n{x.lower()}\n"
                for n, (_, t, x) in enumerate(DOCS, start=1)), encoding="utf-8")
    (cranfield / "cran.qry").write_text("".join(f".I {n:03d}\n.W\n{t}\n" for n, (_, t, _) in enumerate(QUERIES, 1)),
                                        encoding="utf-8")
    (cranfield / "cranqrel").write_text("".join(f"{n} {d[1:]} 2\n" for n, (_, _, d) in enumerate(QUERIES, 1)),
                                        encoding="utf-8")
    squad = root / "squad-v1.1-dev"
    squad.mkdir()
    def qa(q: str, text: str, context: str) -> dict:
        return {"id": q, "question": text, "answers": [{"text": ANSWERS[q], "answer_start": context.find(ANSWERS[q])}]}

    paragraphs = [{"context": x, "qas": [qa(q, text, x) for q, text, d in QUERIES if d == i]} for i, _, x in DOCS]
    (squad / "dev-v1.1.json").write_text(json.dumps({"data": [{"title": "Schools_news", "paragraphs": paragraphs}]}),
                                         encoding="utf-8")
    dev = root / "dev-corpus"
    (dev / "releases").mkdir(parents=True)
    for n, (i, title, text) in enumerate(DOCS, start=1):
        (dev / "releases" / f"2024-0{n}-01-{i}.md").write_text(
            f"---\ntitle: {title}\ndate: 2024-0{n}-01\nsource: Example Union\n---\n{text}\n", encoding="utf-8")
    asked = [{"question": text, "expect": [ANSWERS[q]], "doc": f"2024-0{int(d[1:])}-01-{d}.md", "kind": "fact"}
             for q, text, d in QUERIES]
    asked.append({"question": "What is the capital of France?", "decline": True, "kind": "decline"})
    (dev / "questions.jsonl").write_text("".join(json.dumps(q) + "\n" for q in asked), encoding="utf-8")
    (root / "seeds").mkdir()
    for i, title, text in DOCS[:2]:
        (root / "seeds" / f"{i}.md").write_text(f"---\ntitle: {title}\nsource: Example Union\n---\n{text}\n",
                                                encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def bench_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_data(tmp_path_factory.mktemp("bench-data"))


def _bench(script: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("CITEBOT_", "TELEGRAM_"))},
           "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run([sys.executable, str(BENCH / script), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


# script, its arguments ({data}: the tiny data set), a line its table starts with
DATA_RUNS = [
    ("quality.py", ["--quick", "--model", "none", "--data", "{data}"], "| system | nDCG@10 | Recall@10 |"),
    ("squad.py", ["--quick", "--model", "none", "--data", "{data}"], "| system | paragraph R@1 |"),
    ("tune.py", ["--quick", "--data", "{data}"], "| setting | nDCG@10 (train) |"),
    ("latency.py", ["--quick", "--runs", "1", "--answers", "20", "--lexical-only", "--data", "{data}"],
     "| cold start | question | model |"),
    ("delta.py", ["--quick", "--sizes", "500"], "| base vectors | base index |"),
    ("collection.py", ["--quick", "--dev", "{data}/dev-corpus", "--seeds", "{data}/seeds"], "| kind | lexical tune |"),
    ("fit_decision.py", ["--lexical-only", "--dev", "{data}/dev-corpus"], "lexical: "),
    ("tune_quoting.py", ["--model", "none", "--dev", "{data}/dev-corpus"], "| similarity weight |"),
]
# the scripts' rows with a model ({model}: the tests' tiny one): torch, an ONNX export, seconds each
MODEL_RUNS = [
    ("encoders.py", ["--quick", "--model", "{model}", "--data", "{data}"], "| encoder | passages/s |"),
    ("quality.py", ["--quick", "--model", "{model}", "--datasets", "scifact", "--data", "{data}"],
     "| fusion | nDCG@10 (train) |"),
    ("squad.py", ["--quick", "--model", "{model}", "--data", "{data}"], "| citebot (memory), hybrid: "),
    ("latency.py", ["--quick", "--runs", "1", "--answers", "20", "--model", "{model}", "--data", "{data}"],
     "| step of `citebot ask` (s, median) |"),
]
# the scripts that start several processes (or a bot) whatever the size: seconds each
SLOW_RUNS = [
    ("scale.py", ["--quick", "--sizes", "300", "--queries", "5"], "| passages | documents |"),
    ("fuzz.py", ["--scale", "0.00001", "--no-write"], "| target | inputs tried |"),
    ("telegram_burst.py", ["--questions", "4", "--chats", "2", "--repeat", "1", "--models", "none", "--no-write"],
     "| model | outgoing limit |"),
    ("telegram_load.py", ["--questions", "6", "--chats", "3", "--scenarios", "reindex/faults", "--no-write"],
     "| scenario | questions |"),
    ("soak.py", ["--minutes", "0.05", "--no-write"], "| measure | start |"),
]


# The scripts that compare with the peers of the `bench` extra (bm25s, rank_bm25): left out
# where it is not installed (`make` installs it; `pip install -e .[dev]` alone does not).
NEEDS_PEERS = {"quality.py", "squad.py"}
PEERS_INSTALLED = all(importlib.util.find_spec(m) is not None for m in ("bm25s", "rank_bm25"))


def _run_all(runs: list[tuple[str, list[str], str]], data: Path, workers: int, model: Path | None = None) -> list[str]:
    """Run the scripts, `workers` at a time; what went wrong with each (nothing when all is well)."""
    runs = [run for run in runs if PEERS_INSTALLED or run[0] not in NEEDS_PEERS]
    results = (BENCH / "RESULTS.md").read_bytes()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(lambda run: _bench(run[0], *[a.format(data=data, model=model) for a in run[1]]), runs))
    problems = []
    for (script, _, first_line), result in zip(runs, done):
        if result.returncode != 0 or "Traceback" in result.stderr:
            problems.append(f"{script} exited {result.returncode}: {result.stderr[-2000:]}")
        elif not any(line.startswith(first_line) for line in result.stdout.splitlines()):
            problems.append(f"{script} printed no table starting {first_line!r}: {result.stdout[-2000:]}")
    if (BENCH / "RESULTS.md").read_bytes() != results:
        problems.append("a smoke run changed bench/RESULTS.md")
    return problems


def test_the_data_bench_scripts_run_on_a_tiny_data_set(bench_data: Path) -> None:
    assert _run_all(DATA_RUNS, bench_data, workers=2) == []


@pytest.mark.slow
def test_the_bench_scripts_model_rows_run_on_the_tiny_model(bench_data: Path, tiny_model: Path) -> None:
    assert _run_all(MODEL_RUNS, bench_data, workers=2, model=tiny_model) == []


@pytest.mark.slow
def test_the_process_and_bot_bench_scripts_run_at_their_smallest(bench_data: Path) -> None:
    # Three at a time: the Telegram scripts mostly wait on their bot process, so they overlap well.
    assert _run_all(SLOW_RUNS, bench_data, workers=3) == []


def test_every_bench_script_has_a_smoke_run() -> None:
    scripts = {p.name for p in BENCH.glob("*.py")} - {"common.py", "run_all.py"}
    assert scripts == {script for script, _, _ in DATA_RUNS + MODEL_RUNS + SLOW_RUNS}


MISSING = ("data missing: bench-data/scifact/corpus.jsonl.gz not found; put the benchmark data sets in bench-data "
           "(see bench/README.md) or pass --data DIR")


def test_a_script_without_its_data_says_in_one_line_where_it_must_be(tmp_path: Path) -> None:
    done = _bench("quality.py", "--quick", "--data", "bench-data", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (3, "", f"bench/quality.py: {MISSING}\n")


def test_make_bench_skips_a_script_without_its_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capfd: pytest.CaptureFixture) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    import run_all

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.setattr(run_all, "SCRIPTS", ["quality.py", "tune.py"])
    monkeypatch.setattr(run_all, "OTHERS", [])
    monkeypatch.setattr(sys, "argv", ["run_all.py", "--data", "bench-data"])
    assert run_all.main() == 0
    out, err = capfd.readouterr()
    assert out == (f"== bench/quality.py --quick\n== bench/quality.py: skipped: {MISSING}\n\n"
                   f"== bench/tune.py --quick\n== bench/tune.py: skipped: {MISSING}\n\n")
    assert err == (f"bench/quality.py: {MISSING}\nbench/tune.py: {MISSING}\n"
                   "skipped (data missing): quality.py, tune.py\n")
