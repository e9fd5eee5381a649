"""One loaded, consistent generation of the index: the SQLite store, the
BM25 backend over it, and the FAISS vectors written for the same generation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import IndexDamaged, IndexMissing
from .lexical import FtsBM25, LexicalIndex
from .question import nearest_term
from .settings import MEMORY_BM25_LIMIT, Settings
from .store import Store

if TYPE_CHECKING:
    from .dense import LayeredIndex


@dataclass
class Generation:
    """One loaded, consistent generation of the index."""

    store: Store
    lexical: "LexicalIndex"
    vectors: "LayeredIndex | None"
    number: int
    model: str
    meta: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    respellings: dict[str, str | None] = field(default_factory=dict)

    def nearest(self, stem: str) -> str | None:
        """The corpus term a misspelt stem stands for (remembered per generation)."""
        if stem not in self.respellings:
            if len(self.respellings) > 50_000:
                self.respellings.clear()
            self.respellings[stem] = nearest_term(stem, self.lexical.terms_like(stem))
        return self.respellings[stem]


def load_generation(settings: Settings, previous: Generation | None = None) -> Generation:
    """Open the index at `settings.index_dir`: its store, BM25 backend and vectors.

    The vectors base file of `previous` is reused when the new generation kept it.

    Raises:
        IndexMissing: No index has been built there.
        IndexDamaged: A file is unreadable or inconsistent with the others.
    """
    store = Store.open(settings.db_path, in_memory=settings.memory_snapshot)
    meta = store.all_meta()
    if not meta.get("generation"):
        store.close()
        raise IndexMissing(settings.index_dir)
    vectors = None
    model = meta.get("model", "none")
    if meta.get("vectors") and not settings.lexical_only:
        from .dense import LayeredIndex

        path = settings.index_dir / meta["vectors"]
        delta = settings.index_dir / meta["vectors_delta"] if meta.get("vectors_delta") else None
        try:
            vectors = LayeredIndex.open(path, delta, reuse=previous.vectors if previous is not None else None)
        except Exception as e:  # missing or damaged file
            store.close()
            raise IndexDamaged(settings.index_dir, str(e)) from None
        if vectors.dim != int(meta.get("dim", "0") or 0):
            store.close()
            raise IndexDamaged(settings.index_dir, f"{path.name} has dimension {vectors.dim}, "
                                                        f"the index says {meta.get('dim')}")
    if settings.lexical == "memory" or (settings.lexical == "auto" and store.passage_count() <= MEMORY_BM25_LIMIT):
        from .lexical import MemoryBM25

        lexical: LexicalIndex = MemoryBM25(store, settings.title_weight)
    else:
        lexical = FtsBM25(store, settings.title_weight)
    return Generation(store, lexical, vectors, int(meta["generation"]), model, meta, store.sources())
