"""Generations of the index: one loaded, consistent generation (the SQLite
store, the BM25 backend over it, the FAISS vectors and ONNX export written
for the same generation), and the holder that swaps in a newer one when the
generation stamp on disk moves on, whether this process or another rebuilt
it. If the files on disk are damaged, the holder keeps serving the last good
generation it has.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from .acronyms import Acronyms
from .errors import IndexDamaged, IndexMissing
from .lexical import FtsBM25, LexicalIndex
from .neighbours import Neighbours
from .organisations import Directory
from .question import nearest_term
from .settings import MEMORY_BM25_LIMIT, Settings
from .store import Store

if TYPE_CHECKING:
    from .dense import LayeredIndex

log = logging.getLogger("citebot")


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
    index_dir: Path | None = None

    @cached_property
    def dated(self) -> bool:
        """Whether any release has a date (times in questions are windows only then)."""
        return self.store.date_range()[1] is not None

    @cached_property
    def directory(self) -> Directory:
        """The corpus's organisations and their names (learned from the releases, once)."""
        return Directory(self.sources, self.store.openings())

    @cached_property
    def acronyms(self) -> Acronyms:
        """The names the corpus spells out, by initials (read once, when a question first needs them)."""
        return Acronyms(d.text for d in self.store.documents())

    @cached_property
    def neighbours(self) -> Neighbours:
        """The corpus's word vectors (loaded once, when a question first needs them)."""
        return Neighbours(self.store.word_vectors() if self.vectors is not None else [])

    def knows(self, word: str) -> bool:
        """Whether a folded word occurs in the corpus."""
        from .analysis import stem

        return not self.lexical.unknown([stem(word)])

    def nearest(self, stem: str) -> str | None:
        """The corpus term a misspelt stem stands for (remembered per generation)."""
        if stem not in self.respellings:
            if len(self.respellings) > 50_000:
                self.respellings.clear()
            self.respellings[stem] = nearest_term(stem, self.lexical.terms_like(stem))
        return self.respellings[stem]

    @property
    def onnx_folder(self) -> Path | None:
        """The model's ONNX export written with this generation, if there is one on disk."""
        name = self.meta.get("onnx")
        if not name or self.index_dir is None:
            return None
        folder = self.index_dir / name
        return folder if folder.is_dir() else None

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A consistent read of this generation's store.

        Raises:
            IndexDamaged: SQLite found damage mid-query.
            StaleGeneration: The store on disk already holds a newer generation.
        """
        where = self.index_dir or "memory"
        try:
            with self.store.snapshot():
                if self.store.get_meta("generation") != str(self.number):
                    raise StaleGeneration(self.number)
                yield
        except sqlite3.DatabaseError as e:
            raise IndexDamaged(where, f"{self.store.path.name if self.store.path else 'store'}: {e}") from None


class StaleGeneration(Exception):
    """A loaded generation's store moved on under it (another process wrote a new one)."""


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
    return Generation(store, lexical, vectors, int(meta["generation"]), model, meta, store.sources(),
                      index_dir=settings.index_dir)


class GenerationHolder:
    """Keeps the generation an Engine answers from, and swaps in newer ones.

    Args:
        settings: Where the index is.
        note: Says something to the user once.
        refresh_interval: Seconds between looks at the generation stamp on disk
            (a cheap query, but not worth making on every question of a busy bot).
    """

    def __init__(self, settings: Settings, note: Callable[[str], None], refresh_interval: float = 0.5) -> None:
        self.settings = settings
        self.refresh_interval = refresh_interval
        self._note = note
        self._gen: Generation | None = None
        self._lock = threading.RLock()
        self._probe: sqlite3.Connection | None = None
        self._checked = 0.0

    def _disk_generation(self) -> int | None:
        """The generation stamp on disk, or None if it cannot be read."""
        try:
            if self._probe is None:
                path = self.settings.db_path
                if not path.exists():
                    return None
                self._probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10,
                                              check_same_thread=False)
            row = self._probe.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            return int(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            if self._probe is not None:
                self._probe.close()
                self._probe = None
            return None

    def current(self, *, force: bool = False) -> Generation:
        """The loaded generation, refreshed if the index on disk has moved on.

        Args:
            force: Look at the disk now, whatever the refresh interval says.

        Raises:
            IndexMissing: No index has been built.
            IndexDamaged: The index is damaged and no good generation is loaded.
        """
        with self._lock:
            if self._gen is None:
                self._gen = load_generation(self.settings)
                return self._gen
            now = time.monotonic()
            if not force and now - self._checked < self.refresh_interval:
                return self._gen
            self._checked = now
            on_disk = self._disk_generation()
            if on_disk is not None and on_disk != self._gen.number:
                try:
                    fresh = load_generation(self.settings, previous=self._gen)
                except (IndexDamaged, IndexMissing) as e:
                    self._note(f"{e}; still serving generation {self._gen.number}")
                    return self._gen
                self.swap(fresh)
            elif on_disk is None and self.settings.memory_snapshot and self.settings.db_path.exists():
                self._note(f"the index at {self.settings.index_dir} cannot be read; serving the last good "
                           f"generation ({self._gen.number}); fix it with: citebot index --full")
            return self._gen

    def swap(self, fresh: Generation) -> None:
        """Make `fresh` the generation new calls use.

        The old one is not closed here: calls already under way keep using it
        to the end, and its connection closes when the last of them lets go.
        """
        with self._lock:
            self._gen = fresh
        log.info("switched to index generation %d", fresh.number)

    def reload_if_loaded(self, number: int) -> None:
        """After this process wrote generation `number`: load it if another one is loaded."""
        with self._lock:
            if self._gen is not None and self._gen.number != number:
                try:
                    self.swap(load_generation(self.settings, previous=self._gen))
                except (IndexDamaged, IndexMissing) as e:
                    self._note(str(e))

    def close(self) -> None:
        with self._lock:
            if self._gen is not None:
                self._gen.store.close()
                self._gen = None
            if self._probe is not None:
                self._probe.close()
                self._probe = None
