"""Run every bench script in quick mode, one after the other (`make bench`).

Quick runs of quality, squad, latency and scale print their tables and leave
bench/RESULTS.md alone; run a script without --quick to record its full table
there. Extra arguments (for example --data DIR or --write) are passed to those
four; telegram_burst.py, when present, runs with --quick only.

Run:  .venv/bin/python bench/run_all.py [--data DIR] [--write]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["quality.py", "squad.py", "latency.py", "scale.py"]
OTHERS = ["telegram_burst.py"]  # owned elsewhere: only --quick is passed


def main() -> int:
    failed = []
    runs = [(s, sys.argv[1:]) for s in SCRIPTS] + [(s, []) for s in OTHERS if (HERE / s).exists()]
    for script, extra in runs:
        started = time.perf_counter()
        print(f"== bench/{script} --quick", flush=True)
        code = subprocess.call([sys.executable, str(HERE / script), "--quick", *extra])
        print(f"== bench/{script}: {'ok' if code == 0 else f'failed ({code})'} in "
              f"{time.perf_counter() - started:.0f} s\n", flush=True)
        if code != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
