"""A proposal asked about, answered by the decision taken on it later.

"Are the summer holidays in Wales going to be cut?" shares every word with
the consultation that proposed it and with the unions' responses to it; the
release announcing the decision ("has confirmed that there will be no
changes to the structure of the school year") shares few, and ranks below
them. Asked what is to happen, or how something turned out, a reader wants
where it stands now: so when one of the leading releases, issued after the
one the ranking puts first, says outright that something was decided, its
passages lead, and the sentence saying so is quoted first (answer_scan.py,
and, when an outcome is asked for, outcome.outcome_first).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Sequence

from .outcome import asks_outcome, decided_in
from .ranker import DOC_TERMS_DEPTH, analysed_title
from .sentences import sentence_spans

if TYPE_CHECKING:
    from .question import Question
    from .ranker import Ranking
    from .schema import Hit, Passage

# This many of the leading releases are looked at for a later decision.
RELEASES = 8

# "Is the summer holiday going to be cut?", "Will Wales shorten the summer holidays?": what is to
# happen, asked yes or no. ("Are heads getting enough applicants?" asks how things are.)
_PROSPECT = re.compile(r"^\W*(?:(?:is|are)\b[^?]*\b(?:going\s+to|set\s+to|about\s+to)\b"
                       # "Is the summer holiday getting shorter?", "Are exams being scrapped?"
                       r"|(?:is|are)\b[^?]*\b(?:getting\s+(?:shorter|longer|cut|scrapped|changed|extended)"
                       r"|being\s+(?:cut|shortened|lengthened|scrapped|changed|extended|dropped|axed))\b"
                       r"|will\b)", re.IGNORECASE)


def asks_prospect(question: str) -> bool:
    """Whether `question` asks, yes or no, what is to happen ("Are the summer holidays going to be cut?")."""
    return bool(_PROSPECT.search(question))


def asks_decision(question: str) -> bool:
    """Whether `question` asks what is to happen or how something turned out: what a decision says."""
    return asks_prospect(question) or asks_outcome(question)


def asks_where_it_stands(question: "Question") -> bool:
    """Whether `question` asks what is to happen or how something turned out, at no time it names."""
    return not question.time.window and asks_decision(question.text)


def decision_first(question: "Question", ranking: "Ranking", found: Sequence["Hit"],
                   read: Callable[[Sequence[str]], dict[str, list["Passage"]]],
                   terms: Callable[[Sequence[str]], tuple[dict[str, set[str]], dict[str, set[str]]]]) -> "Ranking":
    """`ranking` led by the hits of the newest of the leading releases issued after its first
    one that says something was decided, when the first does not say so; else as it is.

    Args:
        question: The analysed question (asks_where_it_stands).
        ranking: The ranking.
        found: Stage one's hits, best first: the leading releases are theirs (of the first
            DOC_TERMS_DEPTH, whose words were read), RELEASES of them, and the later releases
            found further down of the body whose release leads, on the same matter.
        read: The passages of releases, by document id (a store read).
        terms: The words of releases and of their headlines and openings (ranker.release_terms).
    """
    dates = ranking.doc_dates
    first = ranking.hits[0].passage.doc_id if ranking.hits else None
    leading = [d for d in dict.fromkeys(h.passage.doc_id for h in found[:DOC_TERMS_DEPTH])
               if d in ranking.doc_terms][:RELEASES]
    # The body that proposed it decides it, in a release sharing few words with the question ("No
    # changes to the school year" for "Are the summer holidays going to get shorter?"): its later
    # releases found further down are looked at too.
    # (Of the same matter: its headline shares two words with the first's, not the body's name.)
    head = ranking.hits[0].passage if ranking.hits else None
    matter = analysed_title(head.title) - analysed_title(head.source or "") if head else frozenset()
    leading += [d for d in dict.fromkeys(h.passage.doc_id for h in found[DOC_TERMS_DEPTH:] if head
                                         and h.passage.source == head.source
                                         and len(matter & analysed_title(h.passage.title)) >= 2) if d not in leading]
    if first not in dates:
        return ranking
    later = [d for d in leading if d in dates and dates[d] > dates[first]]
    if not later:
        return ranking
    texts = read([first, *later])

    def decides(doc: str) -> bool:
        return any(decided_in(question.text, p.text[a:b]) for p in texts.get(doc, ())
                   for a, b in sentence_spans(p.text))

    deciding = [d for d in later if decides(d)]
    if not deciding or decides(first):
        return ranking
    newest = max(deciding, key=lambda d: dates[d])
    own = [h for h in ranking.hits if h.passage.doc_id == newest] or \
        [h for h in found if h.passage.doc_id == newest][:1]
    rest = [h for h in ranking.hits if h.passage.doc_id != newest]
    ranking = replace(ranking, hits=(own + rest)[:max(len(ranking.hits), len(own))])
    if newest in ranking.doc_terms:
        return ranking
    # (found further down, its words were not read with the leading releases': they are now)
    words, about = terms([newest])
    return replace(ranking, doc_terms={**ranking.doc_terms, **words}, doc_about={**ranking.doc_about, **about})

