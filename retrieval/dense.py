"""The dense index: FAISS over normalised passage vectors, keyed by passage id.

Inner product on unit vectors is cosine similarity. Below `EXACT_LIMIT`
vectors the index is exact (flat); above it, an IVF index whose probe count
is set for recall. Both support adding and removing ids, so an incremental
update touches only the changed documents.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import faiss
import numpy as np

EXACT_LIMIT = 200_000


class VectorIndex:
    """Passage vectors with search, add, remove, save and load."""

    def __init__(self, index: faiss.Index, kind: str) -> None:
        self.index = index
        self.kind = kind

    @classmethod
    def empty(cls, dim: int) -> "VectorIndex":
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)), "flat")

    @classmethod
    def build(cls, ids: np.ndarray, vectors: np.ndarray, *, exact_limit: int = EXACT_LIMIT) -> "VectorIndex":
        """A new index over `vectors`, chosen by size.

        Args:
            ids: int64 passage ids.
            vectors: float32 unit vectors, one row per id.
            exact_limit: At or below this many vectors the index is exact.
        """
        n, dim = vectors.shape
        if n <= exact_limit:
            vi = cls.empty(dim)
        else:
            nlist = int(4 * np.sqrt(n))
            quantizer = faiss.IndexFlatIP(dim)
            ivf = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            sample = vectors[np.random.default_rng(0).choice(n, size=min(n, nlist * 64), replace=False)]
            ivf.train(np.ascontiguousarray(sample, dtype=np.float32))
            ivf.nprobe = max(1, nlist // 8)
            vi = cls(ivf, "ivf")
        vi.add(ids, vectors)
        return vi

    @property
    def dim(self) -> int:
        return self.index.d

    def __len__(self) -> int:
        return self.index.ntotal

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
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
