"""The newest first, when a question asks what an organisation says on a topic
without saying when ("What did SLU Cymru say about the draft budget?"), or
asks for the latest; the nearest in time first, when the time it asks about
has no release on the topic.

Organisations speak on the same topics every year. Of the releases that hold
the question's topic about as fully as the best one does, the newest leads,
and the reader is told how many more there are; a release that holds less
of the topic keeps its place behind them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Callable, Sequence

from .question import Question
from .quoting import Order, Sentence

if TYPE_CHECKING:
    from .ranker import Ranking
    from .schema import Hit

# A release holding at least this share of what the best holds of the topic is on it,
# when its headline and first paragraph hold at least HEADLINE_SHARE of the topic.
ON_TOPIC = 0.85
HEADLINE_SHARE = 0.5


def wants_newest(question: Question) -> bool:
    """A statement of an organisation's asked for with no time, or the latest asked for."""
    return question.time.latest or (bool(question.speakers) and not question.time.window
                                    and question.expects is None)


def on_topic(question: Question, ranking: "Ranking") -> dict[str, dt.date]:
    """The dated releases of the ranking about the topic (see `topical`)."""
    return topical(question, ranking.idf, ranking.doc_terms, ranking.doc_about, ranking.doc_dates)


def topical(question: Question, idf: dict[str, float], doc_terms: dict[str, set[str]],
            doc_about: dict[str, set[str]], dates: dict[str, dt.date]) -> dict[str, dt.date]:
    """The dated releases about the topic, with their dates: their headline and first paragraph
    (`doc_about`) hold at least half of it, and their text (`doc_terms`) (nearly) as much of it
    as the best release's does."""
    core = [g for g in question.groups if g.core]
    if not core:
        return {}
    weight = {g.stem: idf.get(g.stem, 1.0) for g in core}
    total = sum(weight.values())

    def share(words: set[str] | frozenset[str]) -> float:
        return sum(weight[g.stem] for g in core if any(v in words for v in g.variants)) / total

    held = {doc: share(words) for doc, words in doc_terms.items()}
    best = max(held.values(), default=0.0)
    headlines = {doc: share(words) for doc, words in doc_about.items()}
    return {doc: dates[doc] for doc, n in held.items()
            if best and n >= ON_TOPIC * best and doc in dates and headlines.get(doc, 0.0) >= HEADLINE_SHARE}


def newest_on_topic_first(question: Question, hits: "list[Hit]", idf: dict[str, float],
                          doc_terms: dict[str, set[str]], doc_about: dict[str, set[str]]) -> "list[Hit]":
    """For the latest asked for with no time ("How many pupils are persistently absent these
    days?"), the hits of the newest release on the topic first, in their order; then the rest.
    Its passages may rank below an older release's that holds the question's words more often."""
    if not question.time.latest or question.time.window:
        return hits
    dates = {h.passage.doc_id: h.passage.date for h in hits if h.passage.date is not None}
    releases = topical(question, idf, doc_terms, doc_about, dates)
    if not releases:
        return hits
    newest = max(releases, key=lambda doc: releases[doc])
    return [h for h in hits if h.passage.doc_id == newest] + [h for h in hits if h.passage.doc_id != newest]


def newest_first(topical: dict[str, dt.date], *, earliest: bool = False) -> Order:
    """Quotes from releases on the topic first, newest first (or the `earliest` first: what
    followed an event soonest); then the rest by score."""
    def key(group: Sequence[Sentence]) -> tuple:
        doc = group[0].hit.passage.doc_id
        best = -max(c.score for c in group)
        if doc in topical:
            return (0, topical[doc].toordinal() * (1 if earliest else -1), best)
        return (1, 0, best)

    return key


def nearest_to(since: dt.date | None, until: dt.date | None) -> Order:
    """Quotes from the releases nearest the time asked about first (days outside it),
    then by score; undated releases last."""
    def key(group: Sequence[Sentence]) -> tuple:
        date = group[0].hit.passage.date
        best = -max(c.score for c in group)
        if date is None:
            return (1, 0, best)
        before = (since - date).days if since and date < since else 0
        after = (date - until).days if until and date > until else 0
        return (0, max(before, after), best)

    return key


def naming_first(named: re.Pattern[str], near: "Callable[[dt.date], bool] | None" = None,
                 releases: frozenset[str] = frozenset()) -> Order:
    """Quotes holding a sentence that names the time asked about (`named`: "January 2015") first,
    of a release issued `near` it (other_time.reports_from: "the 2012 PISA tests" in a release of
    2013, not "improved on 2012" in one of 2016), then the other quotes of the `releases` naming
    it ("had confirmed additional funding of £41m", below "a 4 per cent pay award for teachers from
    September 2025"), then by score."""
    def key(group: Sequence[Sentence]) -> tuple:
        return (not any(named.search(c.text) and (near is None or c.hit.passage.date is None
                                                  or near(c.hit.passage.date)) for c in group),
                group[0].hit.passage.doc_id not in releases, -max(c.score for c in group))

    return key
