"""The library's facade: `Engine(settings).answer(question) -> Answer`.

An Engine holds one loaded generation of the index (the SQLite store and its
FAISS vectors) and swaps in a newer one when the generation stamp on disk
moves on, whether this process or another rebuilt it. If the files on disk
are damaged, it keeps serving the last good generation it has.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from .dates import parse_filter_date
from .errors import BadFilter, BadQuestion, CitebotError, IndexDamaged, IndexMissing, ModelUnavailable
from .indexer import IndexReport, Progress, update_index
from .generation import Generation, load_generation
from .question import Question, parse_question, respell
from .quoting import make_quotes
from .ranker import Filters, candidates, rank
from .schema import Answer, Document, Passage
from .settings import Settings

if TYPE_CHECKING:
    import datetime as dt

    from .embeddings import Encoder
    from .ingest import Added, Given
    from .ranker import Reranker

log = logging.getLogger("citebot")

MAX_QUESTION_CHARS = 2000
AUTO: Any = object()  # "find the model from settings and the index"


@dataclass(frozen=True)
class Status:
    """What `citebot status` and the bot's /status show."""

    index_dir: Path
    documents: int
    passages: int
    sources: dict[str, int]
    first_date: "dt.date | None"
    last_date: "dt.date | None"
    model: str
    built_at: str | None
    generation: int
    vectors: str


class Engine:
    """Answers questions from an index; builds and updates it.

    Args:
        settings: The settings.
        encoder: The embedding model; AUTO finds the one the index was built
            with (or settings.model when indexing); None means lexical-only.
        reranker: The cross-encoder; AUTO loads settings.rerank_model when
            settings.rerank is on.
    """

    def __init__(self, settings: Settings, *, encoder: "Encoder | None" = AUTO,
                 reranker: "Reranker | None" = AUTO) -> None:
        self.settings = settings
        self._encoder = encoder
        self._reranker = reranker
        self._gen: Generation | None = None
        self._lock = threading.RLock()
        self._probe: sqlite3.Connection | None = None
        self._said: set[str] = set()
        self._checked = 0.0
        # Seconds between looks at the generation stamp on disk (a cheap query,
        # but not worth making on every question of a busy bot).
        self.refresh_interval = 0.5

    # -- notes ----------------------------------------------------------------

    def _note_once(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            log.warning(message)

    # -- models -----------------------------------------------------------------

    def encoder_for(self, name: str) -> "Encoder | None":
        """The encoder for model `name`, loaded once; None (said once) when unavailable."""
        with self._lock:
            if self._encoder is not AUTO:
                if self._encoder is not None and self._encoder.name != name and name != "none":
                    log.info("using the supplied encoder %s for an index built with %s", self._encoder.name, name)
                return self._encoder
            if name.strip().lower() in ("", "none"):
                return None
            from .embeddings import load_encoder

            try:
                self._encoder = load_encoder(name, timeout=self.settings.model_timeout,
                                             batch_size=self.settings.batch_size)
            except ModelUnavailable as e:
                self._note_once(f"{e}; answering lexical-only (BM25)")
                self._encoder = None
            return self._encoder

    def reranker(self) -> "Reranker | None":
        with self._lock:
            if self._reranker is AUTO:
                self._reranker = None
                if self.settings.rerank:
                    from .embeddings import load_reranker

                    try:
                        self._reranker = load_reranker(self.settings.rerank_model,
                                                       timeout=self.settings.model_timeout)
                    except ModelUnavailable as e:
                        self._note_once(f"{e}; answering without re-ranking")
            return self._reranker

    # -- the loaded generation ----------------------------------------------------

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

    def _load(self) -> Generation:
        return load_generation(self.settings, previous=self._gen)

    def current(self) -> Generation:
        """The loaded generation, refreshed if the index on disk has moved on.

        Raises:
            IndexMissing: No index has been built.
            IndexDamaged: The index is damaged and no good generation is loaded.
        """
        with self._lock:
            if self._gen is None:
                self._gen = self._load()
                return self._gen
            now = time.monotonic()
            if now - self._checked < self.refresh_interval:
                return self._gen
            self._checked = now
            on_disk = self._disk_generation()
            if on_disk is not None and on_disk != self._gen.number:
                try:
                    fresh = self._load()
                except (IndexDamaged, IndexMissing) as e:
                    self._note_once(f"{e}; still serving generation {self._gen.number}")
                    return self._gen
                self._swap(fresh)
            elif on_disk is None and self.settings.memory_snapshot and self.settings.db_path.exists():
                self._note_once(f"the index at {self.settings.index_dir} cannot be read; serving the last good "
                                f"generation ({self._gen.number}); fix it with: citebot index --full")
            return self._gen

    def _swap(self, fresh: Generation) -> None:
        """Make `fresh` the generation new calls use.

        The old one is not closed here: calls already under way keep using it
        to the end, and its connection closes when the last of them lets go.
        """
        self._gen = fresh
        log.info("switched to index generation %d", fresh.number)

    def close(self) -> None:
        with self._lock:
            if self._gen is not None:
                self._gen.store.close()
                self._gen = None
            if self._probe is not None:
                self._probe.close()
                self._probe = None

    # -- answering ----------------------------------------------------------------

    def resolve_sources(self, names: Iterable[str], gen: Generation | None = None) -> tuple[str, ...]:
        """Map user-typed organisation names to the corpus's ("naht" -> "NAHT Cymru").

        Args:
            names: As typed.
            gen: The generation to resolve against (default: the current one).

        Raises:
            BadFilter: A name matches no organisation in the corpus.
        """
        known = (gen or self.current()).sources
        out: list[str] = []
        for name in names:
            want = " ".join(name.split()).casefold()
            if not want:
                continue
            exact = [s for s in known if s.casefold() == want]
            partial = [s for s in known if want in s.casefold()]
            match = exact or partial
            if not match:
                listed = ", ".join(known) or "none"
                raise BadFilter(f"no releases from {name!r} in the corpus; organisations: {listed}")
            out.extend(m for m in match if m not in out)
        return tuple(out)

    @contextmanager
    def _reading(self, gen: Generation) -> Iterator[None]:
        """A consistent read of `gen`; SQLite damage found mid-query becomes IndexDamaged."""
        try:
            with gen.store.snapshot():
                yield
        except sqlite3.DatabaseError as e:
            raise IndexDamaged(self.settings.index_dir, f"{self.settings.db_path.name}: {e}") from None

    def _parse(self, text: str, gen: Generation) -> Question:
        """Analyse a question against the corpus: named organisations, and misspellings read as corpus words."""
        parsed = parse_question(text, gen.sources)
        if self.settings.respell:
            unknown = gen.lexical.unknown([g.stem for g in parsed.groups])
            if unknown:
                parsed = respell(parsed, unknown, gen.nearest)
        return parsed

    def _filters(self, gen: Generation, sources: Sequence[str], since: "str | dt.date | None",
                 until: "str | dt.date | None") -> Filters:
        filters = Filters(
            sources=self.resolve_sources(sources, gen) if sources else (),
            since=parse_filter_date(since) if isinstance(since, str) else since,
            until=parse_filter_date(until, end=True) if isinstance(until, str) else until,
        )
        if filters.since and filters.until and filters.since > filters.until:
            raise BadFilter("--since is later than --until")
        return filters

    def answer(self, question: str, *, k: int | None = None, sources: Sequence[str] = (),
               since: "str | dt.date | None" = None, until: "str | dt.date | None" = None) -> Answer:
        """Answer `question` with verbatim quotes from the corpus.

        Args:
            question: The question.
            k: How many ranked passages to consider (default settings.k).
            sources: Only releases from these organisations (as typed; resolved).
            since: Only releases on or after this date (YYYY[-MM[-DD]]).
            until: Only releases on or before this date.

        Returns:
            The answer; `answered` is False when the corpus does not cover it.

        Raises:
            BadQuestion: The question is empty.
            BadFilter: A filter cannot be understood or matches nothing.
            IndexMissing, IndexDamaged: There is no usable index.
        """
        text, notes = clean_question(question)
        gen = self.current()
        filters = self._filters(gen, sources, since, until)
        with self._reading(gen):
            parsed = self._parse(text, gen)
            if parsed.sources and not filters.sources:
                filters = Filters(parsed.sources, filters.since, filters.until)
                notes.append("searched releases from " + " and ".join(parsed.sources))
            encoder = self.encoder_for(gen.model) if gen.vectors is not None else None
            qvec = encoder.encode([text], query=True)[0] if encoder is not None else None
            ranking = rank(parsed, gen.store, self.settings, lexical=gen.lexical, filters=filters,
                           vectors=gen.vectors if encoder is not None else None, query_vector=qvec,
                           reranker=self.reranker(), k=k)
        quotes: list = []
        if ranking.answered:
            similarity = None
            if encoder is not None and qvec is not None:
                def similarity(sentences: list[str]):  # noqa: ANN202 - numpy array
                    return encoder.encode(sentences) @ qvec
            quotes = make_quotes(parsed, ranking.hits, ranking.idf, max_quotes=self.settings.max_quotes,
                                 similarity=similarity)
        return Answer(
            question=question,
            answered=bool(quotes),
            quotes=tuple(quotes),
            passages=tuple(ranking.hits),
            notes=tuple(notes),
            reason="" if quotes else (ranking.reason or "no sentence of the best passages answers it"),
        )

    def search(self, question: str, *, k: int = 100, sources: Sequence[str] = (),
               since: "str | dt.date | None" = None, until: "str | dt.date | None" = None) -> list[tuple[str, float]]:
        """Documents ranked for `question` by their best passage: retrieval only, no quoting.

        This is what `citebot eval` measures: the same analysis, steering,
        filters and fusion as `answer`, without the answer's post-processing.

        Returns:
            (document id, score) pairs, best first, at most `k`.
        """
        text, _ = clean_question(question)
        gen = self.current()
        filters = self._filters(gen, sources, since, until)
        parsed = self._parse(text, gen)
        if parsed.sources and not filters.sources:
            filters = Filters(parsed.sources, filters.since, filters.until)
        encoder = self.encoder_for(gen.model) if gen.vectors is not None else None
        if encoder is None and hasattr(gen.lexical, "top_documents"):
            # In-memory BM25 alone: rank documents without touching SQLite.
            mask = gen.lexical.allowed(filters.sources, filters.since, filters.until)
            return gen.lexical.top_documents(parsed.terms, k, mask)
        qvec = encoder.encode([text], query=True)[0] if encoder is not None else None
        with self._reading(gen):
            cand = candidates(parsed, gen.lexical, self.settings, store=gen.store, filters=filters,
                              vectors=gen.vectors if encoder is not None else None, query_vector=qvec,
                              limit=max(self.settings.candidates, k * 3))
            doc_of = gen.lexical.doc_of(cand.order) if hasattr(gen.lexical, "doc_of") \
                else gen.store.doc_ids_of(cand.order)
        ranked: list[tuple[str, float]] = []
        seen: set[str] = set()
        for pid in cand.order:
            doc = doc_of.get(pid)
            if doc is not None and doc not in seen:
                seen.add(doc)
                ranked.append((doc, cand.fused[pid]))
                if len(ranked) >= k:
                    break
        return ranked

    # -- indexing -------------------------------------------------------------------

    def index(self, *, full: bool = False, progress: Progress | None = None, wait: float = 0.0) -> IndexReport:
        """Bring the index up to date with the corpus (see `update_index`), then load it."""
        encoder = self.encoder_for(self.settings.model) if not self.settings.lexical_only else None
        report = update_index(self.settings, encoder, full=full, progress=progress, wait=wait)
        with self._lock:
            if self._gen is not None and self._gen.number != report.generation:
                try:
                    self._swap(self._load())
                except (IndexDamaged, IndexMissing) as e:
                    self._note_once(str(e))
        return report

    def corpus_dir(self) -> Path:
        """The folder new releases are added to: the first corpus folder.

        Raises:
            CitebotError: The first corpus path is a file, not a folder.
        """
        first = self.settings.corpus[0]
        if first.exists() and not first.is_dir():
            raise CitebotError(f"{first} is a file; adding releases needs a corpus folder (--corpus DIR)")
        return first

    def add(self, items: Sequence[str], *, given: "Given | None" = None, allow_private_urls: bool = True,
            progress: Progress | None = None, wait: float = 30.0) -> tuple[list["Added"], list[CitebotError],
                                                                              IndexReport | None]:
        """Put releases (files, folders of files, or URLs) into the corpus folder and index them.

        Args:
            items: Paths or http(s) URLs.
            given: Metadata (title, date, organisation, URL) to record for them.
            allow_private_urls: Whether URLs may lead to private or loopback addresses.
            progress: Progress callback for the index run.
            wait: Seconds to wait for another index writer.

        Returns:
            What became of each release (see `ingest.Added`), what failed (one
            error per item), and the index report (None when nothing changed).
        """
        from .ingest import add_items

        added, failed = add_items(items, self.corpus_dir(), given=given, allow_private_urls=allow_private_urls)
        report = self.index(progress=progress, wait=wait) if any(a.changed for a in added) else None
        return added, failed, report

    # -- reading the corpus -------------------------------------------------------------

    def documents(self) -> list[Document]:
        """The indexed documents, newest first."""
        gen = self.current()
        with self._reading(gen):
            return gen.store.documents()

    def passages_of(self, doc_id: str) -> list[Passage]:
        """The passages of one document, in reading order."""
        gen = self.current()
        with self._reading(gen):
            return gen.store.passages_of_document(doc_id)

    def status(self) -> Status:
        """What the loaded index holds."""
        gen = self.current()
        with self._reading(gen):
            stats = gen.store.stats()
        return Status(
            index_dir=self.settings.index_dir,
            documents=stats["documents"],  # type: ignore[arg-type]
            passages=stats["passages"],  # type: ignore[arg-type]
            sources=stats["sources"],  # type: ignore[arg-type]
            first_date=stats["first_date"],  # type: ignore[arg-type]
            last_date=stats["last_date"],  # type: ignore[arg-type]
            model=gen.model,
            built_at=gen.meta.get("built_at"),
            generation=gen.number,
            vectors=gen.vectors.summary() if gen.vectors is not None else "none",
        )


def clean_question(question: str) -> tuple[str, list[str]]:
    """The question with whitespace collapsed and length bounded, plus notes.

    Raises:
        BadQuestion: It is empty or blank.
    """
    if question is None or not isinstance(question, str):
        raise BadQuestion("the question is empty")
    text = " ".join(question.replace("\x00", " ").split())
    if not text.isprintable():
        text = "".join(ch for ch in text if ch.isprintable())
    if not text:
        raise BadQuestion("the question is empty")
    notes: list[str] = []
    if len(text) > MAX_QUESTION_CHARS:
        cut = text.rfind(" ", 0, MAX_QUESTION_CHARS)
        text = text[: cut if cut > MAX_QUESTION_CHARS // 2 else MAX_QUESTION_CHARS]
        notes.append(f"the question was cut to its first {len(text):,} characters")
    return text, notes
