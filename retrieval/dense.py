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
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import faiss
import numpy as np

EXACT_LIMIT = 200_000  # at 384 dimensions; scaled by dimension in exact_limit()


def exact_limit(dim: int) -> int:
    """How many vectors of `dim` dimensions an exact index holds before IVF pays off."""
    return EXACT_LIMIT * 384 // max(dim, 1)


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
        """True when the index should be rebuilt for its size: a flat index past
        the exact limit, or an IVF index past four times its training set."""
        if self.kind == "flat":
            return len(self) > (limit if limit is not None else exact_limit(self.dim))
        return len(self) > 4 * max(self.trained_on, 1)

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
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        if len(ids):
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))

    def remove(self, ids: Sequence[int]) -> None:
        if len(ids):
            self.index.remove_ids(np.asarray(ids, dtype=np.int64))

    def search(self, query: np.ndarray, n: int, allowed: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """The `n` nearest passages to `query` (a unit vector), best first.

        Args:
            query: float32 vector of the index's dimension.
            n: Most results.
            allowed: Only these passage ids may be returned (None: all).

        Returns:
            (passage id, cosine similarity) pairs.
        """
        if len(self) == 0 or n <= 0:
            return []
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            if not len(allowed):
                return []
            sel = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            params = faiss.SearchParametersIVF(sel=sel, nprobe=self.index.nprobe) if self.kind == "ivf" \
                else faiss.SearchParameters(sel=sel)
        # One thread: for a single query OpenMP's start-up costs more than it saves
        # (24 ms against 0.3 ms at p95 on 10,000 vectors here).
        faiss.omp_set_num_threads(1)
        scores, ids = self.index.search(q, min(n, len(self)), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def save(self, path: Path) -> None:
        """Write to `path` via a temporary file, fsynced, so `path` is whole or absent."""
        tmp = path.with_name(path.name + ".tmp")
        faiss.write_index(self.index, str(tmp))
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> "VectorIndex":
        index = faiss.read_index(str(path))  # already of its concrete type
        return cls(index, "ivf" if isinstance(index, faiss.IndexIVF) else "flat")
