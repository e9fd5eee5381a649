"""The library's facade: `Engine(settings).answer(question) -> Answer`.

An Engine answers from the generation of the index its `GenerationHolder`
keeps (generation.py), with the models its `Models` finds (models.py), and
builds and updates the index (indexer.py). Model work (encoding the
question, re-ranking, sentence similarity) runs outside any lock; only the
store reads of one answer hold the store, in one consistent snapshot.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence, TypeVar

from .dates import parse_filter_date
from .errors import BadFilter, BadQuestion, CitebotError, IndexBusy
from .fusion import fusion_for
from .generation import Generation, GenerationHolder, StaleGeneration
from .indexer import IndexReport, Progress, update_index
from .lexical import DocumentScore
from .models import AUTO, Models
from .neighbours import expand
from .plain import question_vector
from .acronyms import spell_out, written_initialisms
from .english import is_everyday
from .question import read_question, respell, says_period
from .answering import Asking, Prepared, broad_answer, compose, searched_note
from .broad import is_broad
from .ranker import Filters, Retrieved, retrieve
from .schema import Answer, Document, Passage
from .settings import Settings
from .year_named import in_season, names_for_year, names_unspanned, span_terms

if TYPE_CHECKING:
    import datetime as dt

    from .embeddings import Encoder
    from .ingest import Added, Given
    from .ranker import Reranker

log = logging.getLogger("citebot")

MAX_QUESTION_CHARS = 2000
T = TypeVar("T")
P = TypeVar("P")
# How an index run words the note that the model cannot be loaded (answering says "answering lexical-only").
INDEXING_WITHOUT_MODEL = ("indexing lexical-only (BM25), without vectors; the first index run that can load the model "
                          "adds them")


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
    dim: int = 0
    model_from: str = ""
    queries: str = ""


class Engine:
    """Answers questions from an index; builds and updates it.

    Args:
        settings: The settings.
        encoder: The embedding model; AUTO finds the one the index was built
            with (or settings.model when indexing); None means lexical-only.
        reranker: The cross-encoder; AUTO loads settings.rerank_model when
            settings.rerank is on.
        today: What relative times in questions ("last December") count from
            (default: the local date).
    """

    def __init__(self, settings: Settings, *, encoder: "Encoder | None" = AUTO,
                 reranker: "Reranker | None" = AUTO, today: "Callable[[], dt.date] | None" = None) -> None:
        self.settings = settings
        self.today = today or _today
        self._said: set[str] = set()
        self._said_lock = threading.Lock()
        self.models = Models(settings, encoder=encoder, reranker=reranker, note=self._note_once)
        self.generations = GenerationHolder(settings, note=self._note_once)
        self._fuse = fusion_for(settings.fusion, rrf_k=settings.rrf_k, blend_weight=settings.blend_weight)

    def _note_once(self, message: str) -> None:
        with self._said_lock:
            if message in self._said:
                return
            self._said.add(message)
        log.warning(message)

    # -- the loaded generation and its models ------------------------------------

    def current(self) -> Generation:
        """The loaded generation, refreshed if the index on disk has moved on.

        Raises:
            IndexMissing: No index has been built.
            IndexDamaged: The index is damaged and no good generation is loaded.
        """
        return self.generations.current()

    @property
    def refresh_interval(self) -> float:
        return self.generations.refresh_interval

    @refresh_interval.setter
    def refresh_interval(self, seconds: float) -> None:
        self.generations.refresh_interval = seconds

    def warm_up(self) -> None:
        """Load the index and the question encoder now rather than at the first question."""
        self.models.query_encoder(self.current())

    def reranker(self) -> "Reranker | None":
        return self.models.reranker()

    def close(self) -> None:
        self.generations.close()

    def _read(self, work: Callable[[Generation], T]) -> T:
        """Run the store reads `work` in one consistent snapshot of the current generation."""
        return self._prepared_read(lambda gen: gen, work)[1]

    def _prepared_read(self, prepare: Callable[[Generation], P], work: Callable[[P], T]) -> tuple[P, T]:
        """`prepare` against the current generation (no lock held), then its store reads
        `work` in one consistent snapshot of that generation.

        When the store on disk moved on under the loaded generation (another
        process wrote a new one), the newer one is loaded and both steps run again.
        """
        for attempt in range(3):
            gen = self.generations.current(force=attempt > 0)
            prepared = prepare(gen)
            try:
                with gen.reading():
                    return prepared, work(prepared)
            except StaleGeneration:
                continue
        raise IndexBusy(f"the index at {self.settings.index_dir} kept changing while it was read; try again")

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

    def _prepare(self, gen: Generation, question: str, sources: Sequence[str], since: "str | dt.date | None",
                 until: "str | dt.date | None") -> Prepared:
        """Clean and read a question against `gen`, settle its filters and encode it (no lock held).

        The question's speaker (the organisation asked about) and time ("in
        December 2019") become filters unless --source / --since / --until give them.

        Raises:
            BadFilter: A filter cannot be understood, or contradicts the question.
        """
        text, notes = clean_question(question)
        flags = Filters(
            sources=self.resolve_sources(sources, gen) if sources else (),
            since=parse_filter_date(since) if isinstance(since, str) else since,
            until=parse_filter_date(until, end=True) if isinstance(until, str) else until,
        )
        if flags.since and flags.until and flags.since > flags.until:
            raise BadFilter("--since is later than --until")
        parsed, read_notes = read_question(text, gen.directory, self.today(), known=gen.knows, dated=gen.dated)
        notes.extend(read_notes)
        # The question's words the corpus never uses: one lookup for its initialisms and spelling.
        unknown = gen.lexical.unknown(sorted({*(g.stem for g in parsed.groups), *parsed.initialisms}))
        if parsed.initialisms:
            parsed = replace(parsed, indexed=written_initialisms(parsed, unknown, lambda: gen.acronyms))
        if self.settings.respell and unknown:
            parsed, spelt = spell_out(parsed, unknown, lambda: gen.acronyms, gen.store.doc_freqs)
            notes.extend(spelt)
            parsed = respell(parsed, unknown, gen.nearest, is_everyday)
        # "What did the WLGA say …?", of a corpus that never writes WLGA, nor spells it out
        left = {g.stem for g in parsed.groups}
        parsed = replace(parsed, unheard_speakers=tuple(
            a for a in parsed.unheard_speakers if a.lower() in unknown and a.lower() in left))
        # What Y names, for "What did X say about Y?": its names, and a period named by what it is of.
        named = [*((name, gen.store.documents_holding(name)) for name in parsed.subject_names),
                 *((period, naming(gen, period)) for period in parsed.subject_periods)]
        if named:
            parsed = replace(parsed, named_in=tuple((name, docs) for name, docs in named if docs))
        if parsed.for_year:
            # "the draft budget for 2023-24": the releases naming that one
            parsed = replace(parsed, for_year_in=tuple(naming_for_year(gen, thing, years)
                                                       for thing, years in parsed.for_year))
        filters = flags
        if parsed.speakers and flags.sources and not set(parsed.speakers) & set(flags.sources):
            raise BadFilter(f"the question asks about {' / '.join(parsed.speakers)}, but --source limits it to "
                            f"{' / '.join(flags.sources)}; drop --source or change the question")
        if parsed.speakers and not flags.sources:
            filters = replace(filters, sources=parsed.speakers)
        asked_window = parsed.time.window and not (flags.since or flags.until)
        if asked_window:
            filters = replace(filters, since=parsed.time.since, until=parsed.time.until)
        if filters.sources != flags.sources or (filters.since, filters.until) != (flags.since, flags.until):
            notes.append(searched_note(filters, parsed))
        encoder = self.models.query_encoder(gen)
        vector = question_vector(encoder, text, gen.store.doc_freqs) if encoder is not None else None
        if encoder is not None and self.settings.neighbours:
            parsed = expand(parsed, gen.neighbours, encoder)
        return Prepared(text, notes, gen, filters, parsed, encoder, vector, asked_window,
                        asked_speakers=bool(parsed.speakers) and not flags.sources)

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
            BadFilter: A filter cannot be understood, matches nothing, or
                contradicts the question.
            IndexMissing, IndexDamaged: There is no usable index.
        """
        reranker = self.reranker()
        p, retrieved = self._prepared_read(lambda gen: self._prepare(gen, question, sources, since, until),
                                           lambda p: self._retrieve(p, p.filters, k, reranker))
        asking = Asking(self.settings, reranker, k, self._read,
                        lambda f, q=None: self._read(lambda gen: self._retrieve(
                            p if q is None else replace(p, question=q), f, k, reranker)))
        broad = broad_answer(question, p, asking) if is_broad(p.question) else None
        return broad if broad is not None else compose(question, p, retrieved, asking)

    def _retrieve(self, p: Prepared, filters: Filters, k: int | None, reranker: "Reranker | None") -> Retrieved:
        """Stage one of an answer, inside a read of `p.gen`: every store read it needs."""
        return retrieve(p.question, p.gen.store, self.settings, fuse=self._fuse, lexical=p.gen.lexical,
                        filters=filters, vectors=p.gen.vectors if p.vector is not None else None,
                        query_vector=p.vector, k=k, rerank=reranker is not None)

    def search(self, question: str, *, k: int = 100, sources: Sequence[str] = (),
               since: "str | dt.date | None" = None, until: "str | dt.date | None" = None) -> list[DocumentScore]:
        """Documents ranked for `question` by their best passage: retrieval only, no quoting.

        This is what `citebot eval` measures: the same analysis, steering,
        filters and fusion as `answer`, without the answer's post-processing.

        Returns:
            (document id, score) pairs, best first, at most `k`.
        """
        from .lexical import best_per_document
        from .ranker import candidates

        def work(p: Prepared) -> list[DocumentScore]:
            f = p.filters
            if p.vector is None:
                return p.gen.lexical.top_documents(p.question.terms, k, sources=f.sources, since=f.since,
                                                   until=f.until)
            cand = candidates(p.question, p.gen.lexical, self._fuse, store=p.gen.store, filters=f,
                              vectors=p.gen.vectors, query_vector=p.vector, limit=max(self.settings.candidates, k * 3))
            return best_per_document([(pid, cand.fused[pid]) for pid in cand.order],
                                     p.gen.lexical.doc_of(cand.order), k)

        return self._prepared_read(lambda gen: self._prepare(gen, question, sources, since, until), work)[1]

    # -- indexing -------------------------------------------------------------------

    def index(self, *, full: bool = False, progress: Progress | None = None, wait: float = 0.0) -> IndexReport:
        """Bring the index up to date with the corpus (see `update_index`), then load it.

        Args:
            full: Rebuild everything.
            progress: Called as progress(stage, done, total) during long work.
            wait: Seconds to wait for another writer.
        """
        encoder = None if self.settings.lexical_only else self.models.index_encoder(
            self.settings.model, fallback=INDEXING_WITHOUT_MODEL)
        report = update_index(self.settings, encoder, full=full, progress=progress, wait=wait)
        self.generations.reload_if_loaded(report.generation)
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
        return self._read(lambda gen: gen.store.documents())

    def passages_of(self, doc_id: str) -> list[Passage]:
        """The passages of one document, in reading order."""
        return self._read(lambda gen: gen.store.passages_of_document(doc_id))

    def status(self) -> Status:
        """What the loaded index holds, and which model it uses and how."""
        gen, stats = self._prepared_read(lambda g: g, lambda g: g.store.stats())
        queries = self.models.describe_queries(gen)
        return Status(
            index_dir=self.settings.index_dir,
            documents=stats.documents,
            passages=stats.passages,
            sources=stats.sources,
            first_date=stats.first_date,
            last_date=stats.last_date,
            model=gen.model,
            built_at=gen.meta.get("built_at"),
            generation=gen.number,
            vectors=gen.vectors.summary() if gen.vectors is not None else "none",
            dim=int(gen.meta.get("dim", "0") or 0),
            model_from=gen.meta.get("model_from", ""),
            queries=queries,
        )


def _today() -> "dt.date":
    import datetime

    return datetime.date.today()


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


def naming(gen: "Generation", period: tuple[str, str]) -> frozenset[str]:
    """The documents naming a period as such ("the school year", question.says_period): of those
    whose analysed text holds its two words side by side, those whose own words do ("schools this
    year" is analysed the same)."""
    return frozenset(doc for doc in gen.store.documents_holding(period)
                     if any(says_period(x.text, period) for x in gen.store.passages_of_document(doc)))


def naming_for_year(gen: "Generation", thing: tuple[str, ...], years: tuple[int, int]) -> frozenset[str]:
    """The documents naming `thing` for `years` ("the draft budget for 2023-24",
    year_named.names_for_year): of those whose analysed text holds the span, those with a
    sentence, or a headline, naming the thing beside it ("Annual Report 2021-2022: …"); and those
    issued in the thing's season naming it with no year (year_named.names_unspanned)."""
    held = frozenset().union(*(gen.store.documents_holding(terms) for terms in span_terms(years)))

    def names(doc: str) -> bool:
        passages = gen.store.passages_of_document(doc)
        return any(names_for_year(text, thing, years) for text in (passages[0].title if passages else "",
                                                                    *(x.text for x in passages)))

    def in_season_names(doc: str) -> bool:  # "the teachers' pay award announced today", in July 2018
        passages = gen.store.passages_of_document(doc)
        issued = passages[0].date if passages else None
        return issued is not None and in_season(thing, years, issued) and names_unspanned(
            [passages[0].title, *(x.text for x in passages)], thing, years)

    named = frozenset(doc for doc in held if names(doc))
    return named | frozenset(doc for doc in gen.store.documents_holding(thing[-1:]) - named if in_season_names(doc))
