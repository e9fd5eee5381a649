"""Run every bench script in quick mode, one after the other (`make bench`).

Quick runs of quality, squad, latency and scale print their tables and leave
bench/RESULTS.md alone; run a script without --quick to record its full table
there. Extra arguments (for example --data DIR or --write) are passed to those
four; telegram_burst.py, when present, runs with --quick only. A script whose
data is missing says so in one line and is skipped, not counted as failed.

Run:  .venv/bin/python bench/run_all.py [--data DIR] [--write]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from common import MISSING_DATA

HERE = Path(__file__).resolve().parent
SCRIPTS = ["quality.py", "squad.py", "latency.py", "scale.py"]
OTHERS = ["telegram_burst.py"]  # owned elsewhere: only --quick is passed


def run(script: str, extra: list[str]) -> tuple[int, str]:
    """Run bench/`script` --quick; its exit status and the last line it wrote on stderr.

    Its output goes straight through (stderr line by line, as it is written).
    """
    proc = subprocess.Popen([sys.executable, str(HERE / script), "--quick", *extra], stderr=subprocess.PIPE,
                            text=True, errors="replace")
    last = ""
    assert proc.stderr is not None
    for line in proc.stderr:
        sys.stderr.write(line)
        sys.stderr.flush()
        last = line.strip() or last
    return proc.wait(), last


def main() -> int:
    failed, skipped = [], []
    runs = [(s, sys.argv[1:]) for s in SCRIPTS] + [(s, []) for s in OTHERS if (HERE / s).exists()]
    for script, extra in runs:
        started = time.perf_counter()
        print(f"== bench/{script} --quick", flush=True)
        code, last = run(script, extra)
        if code == MISSING_DATA:
            skipped.append(script)
            print(f"== bench/{script}: skipped: {last.removeprefix(f'bench/{script}: ')}\n", flush=True)
            continue
        print(f"== bench/{script}: {'ok' if code == 0 else f'failed ({code})'} in "
              f"{time.perf_counter() - started:.0f} s\n", flush=True)
        if code != 0:
            failed.append(script)
    if skipped:
        print(f"skipped (data missing): {', '.join(skipped)}", file=sys.stderr)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
