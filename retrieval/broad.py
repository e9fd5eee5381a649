"""Broad questions: "What did X ask for?", "What is X calling for?" with no topic.

The answer is X's most recent releases, newest first, with one or two of the
calls each makes ("calls on", "urges", "asks", "demands", found by pattern
and, with a model, by similarity to the question), grouped by release so
each release's date shows; the reader is told how many older releases there are.
Asked what X wants of another organisation ("What does UCAC want from the
Welsh Government?"), only X's releases calling on that one are quoted.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Sequence

from .analysis import analyse, stem
from .quoting import Sentence, assemble, trim_quote_marks
from .schema import Hit, Passage, Quote
from .sentences import sentence_spans

if TYPE_CHECKING:
    import numpy as np

    from .question import Question

# Verbs that ask what an organisation wants or says without naming a topic.
BROAD_STEMS = frozenset(stem(w) for w in """
    say said ask asked asking call calling called want wanted wants demand demanding urge urging recommend
    recommending announce announced propose proposing seek seeking push pushing campaign campaigning press
    pressing plan planning do doing think believe need position stance priority priorities
    """.split())

# Of those, the verbs of asking something of someone.
ASKING_STEMS = frozenset(stem(w) for w in """
    ask asked asking call calling called want wanted wants demand demanding urge urging recommend recommending
    propose proposing seek seeking push pushing press pressing need
    """.split())

# A sentence that makes a call.
CALL = re.compile(
    r"\b(?:calls?|calling|called)\s+(?:on|for|upon)\b|\burg(?:e|es|ed|ing)\b|\bask(?:s|ed|ing)?\s+(?:the|for|ministers?|"
    r"government|councils?|every|all)\b|\bdemand(?:s|ed|ing)?\b|\bwants?\s+(?:the|to|a|an|ministers?|government)\b"
    r"|\bmust\b|\bshould\b|\brecommend(?:s|ed|ing|ations?)?\b|\bpropos(?:e|es|ed|als?)\b|\bpress(?:es|ed|ing)?\s+"
    r"(?:for|the)\b|\bseek(?:s|ing)?\b|\bpriorit(?:y|ies)\b|\bcommit(?:s|ted)?\s+to\b",
    re.IGNORECASE)

RELEASES = 3  # releases shown
# Releases read, newest first, for those with a call on the organisation a question asks of.
ASKED_OF_READ = 40
CALLS_COMPARED = 24  # call sentences compared with the question by the model, at most
PER_RELEASE = 2  # calls quoted from each when there are that many releases; fewer releases get more each
MENTION_BONUS = 0.5  # a call naming the organisation the question asks of comes before other calls


def _repeats(words: set[str], other: set[str], threshold: float = 0.8) -> bool:
    """Most of the smaller sentence's words are in the other."""
    small = min(len(words), len(other))
    return bool(small) and len(words & other) / small >= threshold


def asked_of(question: "Question") -> frozenset[str]:
    """The stems of the organisations a question asks what is wanted of ("What does UCAC want
    from the Welsh Government?"); none when it asks something else of them ("What did UCAC
    say about the Welsh Government?")."""
    return question.mentioned if {g.stem for g in question.groups} & ASKING_STEMS else frozenset()


def is_broad(question: "Question") -> bool:
    """A question about what its speaker says or wants, with no topic of its own but the
    organisations it may ask of (`asked_of`)."""
    of = asked_of(question)
    return bool(question.speakers) and all(not g.core or g.stem in BROAD_STEMS or g.stem in of
                                           for g in question.groups)


def calls_on(passages: Sequence[Passage], stems: frozenset[str]) -> bool:
    """Whether a release makes a call naming what `stems` name ("calls on the Welsh Government")."""
    return any(CALL.search(passage.text[a:b]) and stems <= set(analyse(passage.text[a:b]))
               for passage in passages for a, b in sentence_spans(passage.text))


def broad_quotes(question: "Question", releases: Sequence[Sequence[Passage]],
                 similarity: "Callable[[list[str]], np.ndarray] | None" = None,
                 max_quotes: int = 6) -> tuple[list[Quote], list[Hit]]:
    """One or two calls from each release, grouped by release in the order given (newest first).

    Args:
        question: The analysed question.
        releases: Each release's passages, in reading order; newest release first.
        similarity: Optional cosine similarity of the question to each given sentence.
        max_quotes: Most quotes in all.

    Returns:
        The quotes, numbered in order, and the passages they come from.
    """
    spans: list[tuple[int, Passage, int, int, int]] = []  # (release, passage, index, start, end)
    for r, passages in enumerate(releases):
        for passage in passages:
            for i, (a, b) in enumerate(sentence_spans(passage.text)):
                a, b = trim_quote_marks(passage.text, a, b)
                spans.append((r, passage, i, a, b))
    if not spans:
        return [], []
    # Only sentences that make a call are compared with the question (encoding is most of the time).
    calls = [k for k, (_, p, _, a, b) in enumerate(spans) if CALL.search(p.text[a:b])][:CALLS_COMPARED]
    sims = dict.fromkeys(range(len(spans)), 0.0)
    if similarity is not None and calls:
        sims.update(zip(calls, (float(x) for x in similarity([spans[k][1].text[spans[k][3]:spans[k][4]]
                                                                for k in calls]))))
    of = asked_of(question)
    chosen: list[Sentence] = []
    said: list[set[str]] = []
    per_release = max(PER_RELEASE, min(5, max_quotes // max(len(releases), 1)))
    for r in range(len(releases)):
        mine = [(k, s) for k, s in enumerate(spans) if s[0] == r]
        if not mine:
            continue

        def score(item: tuple[int, tuple]) -> tuple[float, float]:
            k, (_, passage, _, a, b) = item
            text = passage.text[a:b]
            call = 1.0 if CALL.search(text) else 0.0
            # A call on the organisation the question names ("… want from the Welsh Government?").
            named = MENTION_BONUS if call and of and of <= set(analyse(text)) else 0.0
            return (call + named + sims[k], -k)  # calls first, then similarity, then reading order

        best = sorted(mine, key=score, reverse=True)
        picked: list[tuple[int, tuple]] = []
        for item in best:
            words = set(analyse(item[1][1].text[item[1][3]:item[1][4]]))
            if score(item)[0] < 1.0 or len(picked) >= per_release:
                break
            if any(_repeats(words, seen) for seen in said):
                continue  # the same call again ("Notes to editors" repeat the motion)
            said.append(words)
            picked.append(item)
        picked = picked or [mine[0]]
        for k, (_, passage, i, a, b) in sorted(picked):
            rank = r * 10_000 + passage.paragraph * 10 + passage.part  # release, then reading order
            chosen.append(Sentence(rank, i, Hit(passage, 0.0, "recent"), a, b, score((k, spans[k]))[0]))
    hits = list({id(c.hit): c.hit for c in sorted(chosen, key=lambda c: c.rank)}.values())
    return assemble(chosen), hits
