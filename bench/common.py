"""Shared helpers for the bench scripts: where the data is, the machine, timing,
and the end every script shares (`finish`: print the table, write its section of
bench/RESULTS.md between its own markers, say how long it took)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python bench/x.py` from anywhere
    sys.path.insert(0, str(REPO))
DEFAULT_DATA = REPO.parent / "shared" / "bench-data"
DEFAULT_DEV = REPO.parent / "shared" / "dev-corpus"  # the development collection (bench/collection.py)
RESULTS = REPO / "bench" / "RESULTS.md"
MISSING_DATA = 3  # exit status of a script whose data is absent: run_all.py skips it


def base_parser(description: str) -> argparse.ArgumentParser:
    """The flags every script takes: --quick, --data, --write/--no-write."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="a small, fast run (does not write RESULTS.md)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="DIR",
                        help=f"benchmark data folder (default {os.path.relpath(DEFAULT_DATA, Path.cwd())})")
    parser.add_argument("--write", action=argparse.BooleanOptionalAction, default=None,
                        help="write the table into bench/RESULTS.md (default: yes, except with --quick)")
    return parser


def bot_parser(description: str, *, questions: int, chats: int, per: str) -> argparse.ArgumentParser:
    """`base_parser` plus the bot benchmarks' --questions and --chats.

    Args:
        description: The script's one-line description.
        questions: Default number of questions.
        chats: Default number of chats they come from.
        per: How the questions are counted, for the help ("in the burst").
    """
    parser = base_parser(description)
    parser.add_argument("--questions", type=int, default=questions, help=f"questions {per} (default {questions})")
    parser.add_argument("--chats", type=int, default=chats, help=f"chats they come from (default {chats})")
    return parser


def should_write(args: argparse.Namespace) -> bool:
    return args.write if args.write is not None else not args.quick


def require_data(data: Path, *files: str) -> None:
    """Stop, with one line on stderr saying where the data must be, when a file the script reads is absent.

    Args:
        data: The benchmark data folder (--data).
        files: The files the script reads, relative to `data`.

    Raises:
        SystemExit: With status MISSING_DATA, when any of `files` is missing.
    """
    missing = [f for f in files if not (data / f).is_file()]
    if missing:
        script = os.path.relpath(Path(sys.argv[0]).resolve(), REPO)
        print(f"{script}: data missing: {_shown(data / missing[0])} not found; put the benchmark data sets in "
              f"{_shown(data)} (see bench/README.md) or pass --data DIR", file=sys.stderr)
        raise SystemExit(MISSING_DATA)


def _shown(path: Path) -> str:
    """`path` relative to the working folder when it is close by (the default data folder is), else absolute."""
    relative = os.path.relpath(path.absolute(), Path.cwd())
    return str(path.absolute()) if relative.startswith(os.path.join(os.pardir, os.pardir)) else relative


def machine() -> str:
    """One line: cores, RAM, CPU model, OS, Python and SQLite versions."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        ram = f"{kb / 1024 ** 2:.0f} GB"
    except (OSError, AttributeError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cores} cores, {ram} RAM, {cpu}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def command_line() -> str:
    """The command that ran this script, as it would be typed in the repository."""
    script = os.path.relpath(Path(sys.argv[0]).resolve(), REPO)
    return " ".join([".venv/bin/python", shlex.quote(script), *map(shlex.quote, sys.argv[1:])])


def header(title: str, seconds: float | None = None) -> str:
    """The lines every section starts with: title, date, machine, command."""
    took = f" (took {seconds:.0f} s)" if seconds is not None else ""
    return (f"## {title}\n\n"
            f"- date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}\n"
            f"- machine: {machine()}\n"
            f"- command: `{command_line()}`{took}\n")


def write_section(name: str, text: str, path: Path = RESULTS) -> None:
    """Put `text` between `<!-- name:start -->` and `<!-- name:end -->` in RESULTS.md,
    replacing only that section (appended when absent; the file is created if need be)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{text.rstrip()}\n{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    new = pattern.sub(lambda _: block, old, count=1) if pattern.search(old) else old.rstrip() + "\n\n" + block + "\n"
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)


def finish(args: argparse.Namespace, marker: str, title: str, text: str, started: float, *, notes: str = "",
           echo: bool = True) -> float:
    """The end of every script: print `text`; on a full run (or with --write) record it in RESULTS.md.

    The section `marker` gets the header (title, date, machine, the command and the
    time since `started`), then `text`, then `notes`; stderr says it was written and
    how long the run took.

    Args:
        args: The parsed flags (--quick, --write).
        marker: The section's name in RESULTS.md.
        title: The section's title.
        text: The tables (printed and recorded).
        started: time.perf_counter() when the run began.
        notes: What is recorded after the tables but not printed (how to read them).
        echo: Print `text` (False when the script printed it piece by piece as it ran).

    Returns:
        The seconds since `started`.
    """
    took = time.perf_counter() - started
    if echo:
        print(text)
    if should_write(args):
        write_section(marker, header(title, took) + "\n" + text + "\n" + notes)
        print(f"written to bench/RESULTS.md ({marker})", file=sys.stderr)
    print(f"took {took:.0f} s", file=sys.stderr)
    return took


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; floats as given (format them before)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def best_of(fn: Callable[[], object], repeat: int, warmup: int = 1) -> tuple[float, object]:
    """Run `fn` `warmup` times untimed, then `repeat` times; the fastest wall time and the last result.

    The minimum is the least noisy estimate on a shared machine.
    """
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def percentiles(samples: Sequence[float]) -> tuple[float, float]:
    """(p50, p95) of `samples`."""
    if len(samples) < 2:
        return (samples[0], samples[0]) if samples else (float("nan"), float("nan"))
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), cuts[94]


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MB (Linux reports ru_maxrss in KB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_worker(script: str, args: Sequence[str], *, env: dict[str, str], cwd: Path, what: str) -> tuple[dict, float]:
    """Run `script` as a worker process (`script --worker ARGS...`): the JSON object on the last
    line it prints, and its peak memory in MB (ru_maxrss).

    Raises:
        SystemExit: The worker failed (its last line of stderr, or its status, named with `what`).
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, script, "--worker", *args], env=env, cwd=cwd, stdout=out,
                                stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        out.seek(0), err.seek(0)
        text, problems = out.read(), err.read().strip()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{what} failed: {problems.splitlines()[-1] if problems else status}")
    return json.loads(text.strip().splitlines()[-1]), usage.ru_maxrss / 1024
