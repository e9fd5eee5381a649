"""Child process for the crash tests: runs an index build with checkpoints
instrumented in, and SIGKILLs itself at checkpoint number KILL_AT (or lists
every checkpoint when KILL_AT is 0).

Usage: [CRASH_CHILD_DELTA=1] python crash_child.py REPO CORPUS INDEX KILL_AT
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

repo, corpus, index, kill_at = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
sys.path.insert(0, repo)

from retrieval import Engine, Settings, dense, indexer, loaders  # noqa: E402
from retrieval.store import Store  # noqa: E402
from tests.fakes import FakeEncoder  # noqa: E402

count = 0


def checkpoint(name: str) -> None:
    global count
    count += 1
    if kill_at == 0:
        print(f"{count} {name}", flush=True)
    elif count == kill_at:
        print(f"killing at {count} {name}", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)


def wrap(owner: object, attr: str, name: str, after: bool = False) -> None:
    original = getattr(owner, attr)

    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        checkpoint(f"{name}:before")
        result = original(*args, **kwargs)
        if after:
            checkpoint(f"{name}:after")
        return result

    setattr(owner, attr, wrapper)


wrap(loaders, "load_file", "load")
wrap(indexer, "split_document", "split")
if os.environ.get("CRASH_CHILD_DELTA"):  # updates write a delta file instead of a new base file
    dense.DELTA_MIN_BASE, dense.DELTA_SHARE = 0, 10.0
wrap(dense.faiss, "write_index", "write-vectors", after=True)
wrap(dense.np, "savez", "write-vectors", after=True)
wrap(dense.os, "fsync", "fsync-vectors")
wrap(dense.os, "replace", "rename-vectors", after=True)
wrap(Store, "insert_document", "insert")
wrap(Store, "delete_documents", "delete")
wrap(Store, "set_meta", "meta")
wrap(indexer, "_remove_stale_files", "cleanup", after=True)


class Encoder(FakeEncoder):
    def encode(self, texts, *, query=False):  # noqa: ANN001, ANN201
        checkpoint("embed")
        return super().encode(texts, query=query)


encoder = Encoder()
Engine(Settings(corpus=(corpus,), index_dir=index, model=encoder.name, batch_size=1), encoder=encoder).index()
print("done", flush=True)
