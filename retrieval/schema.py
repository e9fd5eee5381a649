"""The one data model that flows from corpus to reply.

Loading makes a `Document`; splitting makes `Passage`s; the retrievers and the
ranker return `Hit`s; quoting turns hits into `Quote`s with a `Citation` each,
collected in an `Answer`. Front ends only read these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One press release (or one record of a JSONL corpus).

    Attributes:
        doc_id: Stable identifier: the file path for files, the record id for JSONL.
        path: The file it was read from.
        title: Headline.
        text: The full text quotes are taken from (line ends normalised to "\\n").
        date: Publication date, when known.
        source: The publishing organisation, when known.
        url: Where it was published, when known.
        language: ISO code, when known.
        content_hash: Hash of the raw content; a change means re-index.
    """

    doc_id: str
    path: str
    title: str
    text: str
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    content_hash: str = ""


@dataclass(frozen=True)
class Passage:
    """A paragraph (or a bounded part of a long one) of a document.

    `start`/`end` are character offsets into the document's text, so
    `document.text[start:end] == text` always holds.
    """

    doc_id: str
    paragraph: int
    start: int
    end: int
    text: str
    part: int = 1
    title: str = ""
    source: str | None = None
    date: dt.date | None = None
    path: str = ""
    url: str | None = None
    passage_id: int | None = None


@dataclass(frozen=True)
class Hit:
    """A passage found for a question.

    Attributes:
        passage: The passage.
        score: The fused score (higher is better).
        retriever: "bm25", "dense" or "hybrid": which legs found it.
        lexical_score: The BM25 score (with both legs running, every candidate has both
            scores, 0.0 when it holds no search term; None when BM25 found nothing at all).
        dense_score: The cosine similarity (None without a model).
    """

    passage: Passage
    score: float
    retriever: str
    lexical_score: float | None = None
    dense_score: float | None = None


@dataclass(frozen=True)
class Citation:
    """Where a quote comes from; numbered `n` in the reply."""

    n: int
    doc_id: str
    title: str
    source: str | None
    date: dt.date | None
    paragraph: int
    path: str
    url: str | None

    @classmethod
    def of(cls, n: int, passage: Passage) -> "Citation":
        return cls(
            n=n,
            doc_id=passage.doc_id,
            title=passage.title,
            source=passage.source,
            date=passage.date,
            paragraph=passage.paragraph,
            path=passage.path,
            url=passage.url,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "date": self.date.isoformat() if self.date else None,
            "paragraph": self.paragraph,
            "path": self.path,
            "url": self.url,
        }


@dataclass(frozen=True)
class Quote:
    """Verbatim text from one passage.

    Attributes:
        text: What is shown: document text with whitespace runs collapsed, and
            " … " where sentences of the passage were left out.
        score: How well it answers the question (higher is better).
        citation: Its source.
        spans: (start, end) offsets into the document text of each quoted piece.
    """

    text: str
    score: float
    citation: Citation
    spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "score": round(self.score, 4), "citation": self.citation.to_json()}


@dataclass(frozen=True)
class Answer:
    """The reply to a question.

    Attributes:
        question: The question as asked.
        answered: False when the corpus does not cover the question.
        quotes: The quotes, in reading order of relevance.
        passages: The top ranked passages the quotes were chosen from (and, for a figure or
            a date asked for, the leading release's other paragraphs: answer_scan.py).
        notes: Short remarks for the reader (a filter applied, a truncation).
        reason: Why the question was not answered (empty when it was).
        explanation: For the reader, when the refusal needs more than "not covered":
            the filters or the time asked about leave no release, or only
            releases of other times cover it (then quoted in `nearby`).
        nearby: When no release in the asked time covers the question, quotes
            from the nearest releases that do (the answer itself stays "not covered").
        by_release: The quotes are grouped by release, newest first (an
            organisation's recent calls), rather than ranked.
        confidence: The decision's probability that the corpus covers the question.
        evidence: What the decision weighed (evidence.Evidence), for `--json`.
    """

    question: str
    answered: bool
    quotes: tuple[Quote, ...] = ()
    passages: tuple[Hit, ...] = ()
    notes: tuple[str, ...] = field(default=())
    reason: str = ""
    explanation: str = ""
    nearby: tuple[Quote, ...] = ()
    by_release: bool = False
    confidence: float | None = None
    evidence: dict[str, float] = field(default_factory=dict)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Each cited source once, in marker order (quotes, then nearby quotes)."""
        seen: dict[int, Citation] = {}
        for quote in (*self.quotes, *self.nearby):
            seen.setdefault(quote.citation.n, quote.citation)
        return tuple(seen[n] for n in sorted(seen))

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "quotes": [q.to_json() for q in self.quotes],
            "nearby": [q.to_json() for q in self.nearby],
            "passages": [
                {
                    "doc_id": h.passage.doc_id,
                    "paragraph": h.passage.paragraph,
                    "text": h.passage.text,
                    "score": round(h.score, 6),
                    "title": h.passage.title,
                    "source": h.passage.source,
                    "date": h.passage.date.isoformat() if h.passage.date else None,
                    "retriever": h.retriever,
                }
                for h in self.passages
            ],
            "notes": list(self.notes),
            "reason": self.reason or None,
            "confidence": round(self.confidence, 4) if self.confidence is not None else None,
            "evidence": self.evidence,
        }
