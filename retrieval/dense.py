"""The dense index: FAISS over normalised passage vectors, keyed by passage id.

Inner product on unit vectors is cosine similarity. Up to `exact_limit(dim)`
vectors (200,000 at 384 dimensions: about 13 ms a query) the index is exact
(flat); above it, IVF-Flat with nlist = 4 sqrt(n) and nprobe = nlist / 8,
which kept recall@10 against exact search at 0.99 or more from 10,000 to
1,000,000 vectors (bench/scale.py). Both support removing ids, so an
incremental update touches only the changed documents; HNSW does not, and
was slower to build and less accurate at a million. An index that outgrows
its kind (flat past the limit, IVF past four times what it was trained on)
is rebuilt at the next update.

An update does not rewrite the whole file (1.5 GB at a million vectors):
it writes a delta beside it, the vectors added and the ids removed since
the base file was written, which readers search alongside it (LayeredIndex).
The delta is merged into a new base file once it holds more than
DELTA_SHARE of the base's vectors, or whenever the base is smaller than
DELTA_MIN_BASE (then a rewrite is cheap).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import faiss
import numpy as np

EXACT_LIMIT = 200_000  # at 384 dimensions; scaled by dimension in exact_limit()
DELTA_MIN_BASE = 20_000  # vectors: below this a base file is rewritten at each update (30 MB at 384-d)
DELTA_SHARE = 0.05  # a delta past this share of its base is merged into a new base file


def _threads(n: int) -> None:
    """Let FAISS use `n` threads in the calling thread.

    OpenMP keeps this setting per thread, so a search in one of the bot's
    answer threads (1 thread: for a single query OpenMP's start-up costs more
    than it saves, 24 ms against 0.3 ms at p95 on 10,000 vectors here) and an
    index build in another (every core) do not change what the other sees.
    """
    if getattr(_omp, "threads", None) != n:
        faiss.omp_set_num_threads(n)
        _omp.threads = n


_omp = threading.local()


def exact_limit(dim: int) -> int:
    """How many vectors of `dim` dimensions an exact index holds before IVF pays off."""
    return EXACT_LIMIT * 384 // max(dim, 1)


def outgrows(kind: str, dim: int, trained_on: int, size: int, limit: int | None = None) -> bool:
    """True when an index of `kind` should be rebuilt to hold `size` vectors: a
    flat index past the exact limit, or an IVF index past four times its training set."""
    if kind == "flat":
        return size > (limit if limit is not None else exact_limit(dim))
    return size > 4 * max(trained_on, 1)


class VectorIndex:
    """Passage vectors with search, add, remove, save and load."""

    def __init__(self, index: faiss.Index, kind: str, trained_on: int = 0) -> None:
        self.index = index
        self.kind = kind
        self.trained_on = trained_on

    @classmethod
    def empty(cls, dim: int) -> "VectorIndex":
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)), "flat")

    @classmethod
    def build(cls, ids: np.ndarray, vectors: np.ndarray, *, limit: int | None = None) -> "VectorIndex":
        """A new index over `vectors`, chosen by size.

        Args:
            ids: int64 passage ids.
            vectors: float32 unit vectors, one row per id.
            limit: At or below this many vectors the index is exact (default: exact_limit(dim)).
        """
        n, dim = vectors.shape
        _threads(os.cpu_count() or 1)
        if n <= (limit if limit is not None else exact_limit(dim)):
            vi = cls.empty(dim)
        else:
            nlist = int(4 * np.sqrt(n))
            quantizer = faiss.IndexFlatIP(dim)
            ivf = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            sample = vectors[np.random.default_rng(0).choice(n, size=min(n, nlist * 64), replace=False)]
            ivf.train(np.ascontiguousarray(sample, dtype=np.float32))
            ivf.nprobe = max(1, nlist // 8)
            vi = cls(ivf, "ivf", trained_on=n)
        vi.add(ids, vectors)
        return vi

    @property
    def dim(self) -> int:
        return self.index.d

    def __len__(self) -> int:
        return self.index.ntotal

    def describe(self) -> str:
        """"flat", or "ivf nlist=... nprobe=..." (recorded in the index's metadata)."""
        if self.kind == "ivf":
            return f"ivf nlist={self.index.nlist} nprobe={self.index.nprobe}"
        return "flat"

    def outgrown(self, limit: int | None = None) -> bool:
        """True when the index should be rebuilt for its size (see outgrows)."""
        return outgrows(self.kind, self.dim, self.trained_on, len(self), limit)

    def contents(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) of everything in the index, to rebuild it."""
        if self.kind == "flat":
            ids = faiss.vector_to_array(self.index.id_map).astype(np.int64)
            return ids, self.index.index.reconstruct_n(0, self.index.ntotal)
        invlists = self.index.invlists
        id_parts, vec_parts = [], []
        for lst in range(self.index.nlist):
            size = invlists.list_size(lst)
            if not size:
                continue
            id_parts.append(faiss.rev_swig_ptr(invlists.get_ids(lst), size).copy())
            codes = faiss.rev_swig_ptr(invlists.get_codes(lst), size * invlists.code_size).copy()
            vec_parts.append(codes.view(np.float32).reshape(size, self.dim))
        if not id_parts:
            return np.zeros(0, dtype=np.int64), np.zeros((0, self.dim), dtype=np.float32)
        return np.concatenate(id_parts).astype(np.int64), np.vstack(vec_parts)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        _threads(os.cpu_count() or 1)
        if len(ids):
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))

    def remove(self, ids: Sequence[int]) -> None:
        if len(ids):
            self.index.remove_ids(np.asarray(ids, dtype=np.int64))

    def search(self, query: np.ndarray, n: int, allowed: Sequence[int] | None = None,
               exclude: "faiss.IDSelector | None" = None) -> list[tuple[int, float]]:
        """The `n` nearest passages to `query` (a unit vector), best first.

        Args:
            query: float32 vector of the index's dimension.
            n: Most results.
            allowed: Only these passage ids may be returned (None: all).
            exclude: A selector of ids that may not be returned (used when `allowed` is None).

        Returns:
            (passage id, cosine similarity) pairs.
        """
        if len(self) == 0 or n <= 0:
            return []
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params, sel = None, exclude
        if allowed is not None:
            if not len(allowed):
                return []
            sel = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
        if sel is not None:
            params = faiss.SearchParametersIVF(sel=sel, nprobe=self.index.nprobe) if self.kind == "ivf" \
                else faiss.SearchParameters(sel=sel)
        _threads(1)
        scores, ids = self.index.search(q, min(n, len(self)), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def similarities(self, query: np.ndarray, ids: np.ndarray) -> list[tuple[int, float]]:
        """Cosine of `query` to the vectors of `ids`; ids it does not hold are left out.

        An exact index reads the vectors back by id; an IVF index searches among
        `ids` in the lists it probes (so a far-off id may be missing, as in search).
        """
        if not len(ids) or len(self) == 0:
            return []
        ids = np.asarray(ids, dtype=np.int64)
        if self.kind == "flat":
            try:
                vectors = self.index.reconstruct_batch(ids)
            except RuntimeError:  # an id it does not hold
                pass
            else:
                scores = vectors @ np.asarray(query, dtype=np.float32).reshape(-1)
                return list(zip(ids.tolist(), scores.tolist()))
        return self.search(query, len(ids), ids)

    def save(self, path: Path) -> None:
        """Write to `path` via a temporary file, fsynced, so `path` is whole or absent."""
        _write_atomically(path, lambda tmp: faiss.write_index(self.index, str(tmp)))

    @classmethod
    def load(cls, path: Path) -> "VectorIndex":
        index = faiss.read_index(str(path))  # already of its concrete type
        return cls(index, "ivf" if isinstance(index, faiss.IndexIVF) else "flat")


def _write_atomically(path: Path, write) -> None:  # noqa: ANN001 - write(tmp_path)
    """Write `path` via a temporary file, fsynced, so `path` is whole or absent."""
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


@dataclass(frozen=True)
class Delta:
    """What changed since a base vectors file was written: vectors added, base ids removed."""

    ids: np.ndarray  # int64, the added vectors' passage ids
    vectors: np.ndarray  # float32, one row per added id
    removed: np.ndarray  # int64, sorted: ids of the base that are gone

    @classmethod
    def empty(cls, dim: int) -> "Delta":
        return cls(np.zeros(0, dtype=np.int64), np.zeros((0, dim), dtype=np.float32), np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        """Changes held: vectors added plus ids removed."""
        return len(self.ids) + len(self.removed)

    def then(self, removed: Sequence[int], ids: np.ndarray, vectors: np.ndarray) -> "Delta":
        """This delta followed by removing `removed` and adding `ids` with their `vectors`.

        An id removed that this delta added is dropped from it; any other is the base's.
        """
        removed = np.asarray(removed, dtype=np.int64)
        added_here = np.isin(removed, self.ids)
        keep = ~np.isin(self.ids, removed)
        return Delta(np.concatenate([self.ids[keep], np.asarray(ids, dtype=np.int64)]),
                     np.vstack([self.vectors[keep], np.asarray(vectors, dtype=np.float32)]),
                     np.union1d(self.removed, removed[~added_here]))

    def applied_to(self, base: VectorIndex) -> VectorIndex:
        """`base` (changed in place) with this delta merged in."""
        base.remove(self.removed)
        base.add(self.ids, self.vectors)
        return base

    def save(self, path: Path) -> None:
        def write(tmp: Path) -> None:
            with open(tmp, "wb") as f:
                np.savez(f, ids=self.ids, vectors=self.vectors, removed=self.removed)

        _write_atomically(path, write)

    @classmethod
    def load(cls, path: Path) -> "Delta":
        with np.load(path, allow_pickle=False) as data:
            ids, vectors, removed = data["ids"], data["vectors"], data["removed"]
        if ids.ndim != 1 or vectors.ndim != 2 or len(ids) != len(vectors) or removed.ndim != 1:
            raise ValueError("inconsistent delta arrays")
        return cls(ids.astype(np.int64), np.ascontiguousarray(vectors, dtype=np.float32), removed.astype(np.int64))


class LayeredIndex:
    """What readers search: a base vectors file and the delta written since."""

    def __init__(self, base: VectorIndex, delta: Delta | None = None, base_stamp: tuple = ()) -> None:
        self.base = base
        self.delta = delta if delta is not None and len(delta) else None
        self.base_stamp = base_stamp
        self._removed = self._exclude = None  # built once: 6 ms for 50,000 ids, too much for a query
        if self.delta is not None and len(self.delta.removed):
            self._removed = faiss.IDSelectorBatch(self.delta.removed)  # kept alive for _exclude
            self._exclude = faiss.IDSelectorNot(self._removed)

    @classmethod
    def open(cls, base_path: Path, delta_path: Path | None = None,
             reuse: "LayeredIndex | None" = None) -> "LayeredIndex":
        """Load a base file and its delta; the base of `reuse` is taken as it is
        when it was loaded from the same, unchanged file (a new generation that
        only wrote a delta then loads just that)."""
        def named(path: Path, load):  # noqa: ANN001, ANN202
            try:
                return load(path)
            except Exception as e:
                raise ValueError(f"{path.name}: {e}".splitlines()[0]) from None

        st = named(base_path, Path.stat)
        stamp = (str(base_path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        base = reuse.base if reuse is not None and reuse.base_stamp == stamp else named(base_path, VectorIndex.load)
        delta = named(delta_path, Delta.load) if delta_path is not None else None
        if delta is not None and delta.vectors.shape[1] != base.dim:
            raise ValueError(f"{delta_path.name} has dimension {delta.vectors.shape[1]}, its base {base.dim}")
        return cls(base, delta, stamp)

    def _is_removed(self, pid: int) -> bool:
        removed = self.delta.removed
        i = int(np.searchsorted(removed, pid))
        return i < len(removed) and int(removed[i]) == pid

    @property
    def dim(self) -> int:
        return self.base.dim

    @property
    def kind(self) -> str:
        return self.base.kind

    def describe(self) -> str:
        return self.base.describe()

    def summary(self) -> str:
        """Kind, settings and size, and what the delta holds (for `citebot status`)."""
        text = f"{self.describe()}, {len(self)} vectors"
        if self.delta is not None:
            base = Path(self.base_stamp[0]).name if self.base_stamp else "the base file"
            text += f" ({len(self.delta.ids)} added, {len(self.delta.removed)} removed since {base} was written)"
        return text

    def __len__(self) -> int:
        d = self.delta
        return len(self.base) + (len(d.ids) - len(d.removed) if d is not None else 0)

    def similarities(self, query: np.ndarray, ids: Sequence[int]) -> list[tuple[int, float]]:
        """As VectorIndex.similarities, over the base without its removed ids, and the delta."""
        ids = np.asarray(ids, dtype=np.int64)
        d = self.delta
        if d is None:
            return self.base.similarities(query, ids)
        rows = np.flatnonzero(np.isin(d.ids, ids))
        scores = d.vectors[rows] @ np.asarray(query, dtype=np.float32).reshape(-1)
        rest = ids[~np.isin(ids, d.ids) & ~np.isin(ids, d.removed)]
        return list(zip(d.ids[rows].tolist(), scores.tolist())) + self.base.similarities(query, rest)

    def search(self, query: np.ndarray, n: int, allowed: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """As VectorIndex.search, over the base without its removed ids, and the delta."""
        d = self.delta
        if d is None:
            return self.base.search(query, n, allowed)
        if n <= 0:
            return []
        if allowed is not None:
            allowed = np.asarray(allowed, dtype=np.int64)
            hits = self.base.search(query, n, np.setdiff1d(allowed, d.removed))
        else:
            # Removed ids are rarely among the nearest: over-fetch and drop them, and
            # only when too few are left search with the selector (which slows a scan).
            k = 2 * n + 10
            hits = [h for h in self.base.search(query, k) if not self._is_removed(h[0])]
            if len(hits) < n and len(self.base) > k:
                hits = self.base.search(query, n, exclude=self._exclude)
            hits = hits[:n]
        if len(d.ids):
            scores = d.vectors @ np.asarray(query, dtype=np.float32).reshape(-1)
            if allowed is not None:
                scores = np.where(np.isin(d.ids, allowed), scores, -np.inf)
            top = np.argpartition(-scores, n)[:n] if len(scores) > n else np.arange(len(scores))
            hits += [(int(d.ids[i]), float(scores[i])) for i in top if scores[i] > -np.inf]
        hits.sort(key=lambda h: -h[1])
        return hits[:n]
