"""Reading a question: its search terms, the words that must be covered,
and the organisations it names.

Press-release questions are mostly "what did X say/ask about Y". X steers the
search to X's releases; "say"/"ask" frame the question and are not topics;
Y is what the corpus must cover for an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Callable, Sequence

from .analysis import STOPWORDS, analyse, fold, stem, words
from .answertype import expected_type

# Stems of words that frame a question about a release rather than name its topic.
FRAMING = frozenset(
    stem(w)
    for w in """
    say said says tell told think thought ask asked asking want wanted wants know mention mentioned state stated
    describe described explain explained talk talked speak spoke discuss discussed comment commented
    release releases press statement statements news anything something thing things view views position
    opinion stance respond response happen happened organisation organization union
    """.split()
)

# Words that, right after "how"/"what"/"which", shape the question rather
# than name its topic ("how many", "what kind of", "which year").
_WH_FOLLOWERS = frozenset(
    """many much long old far often type types kind kinds sort sorts name names term example examples number
    amount year years""".split()
)
_WH = re.compile(r"\b(?:how|what|which)\s+([^\W_]+)")

# Words a release uses for what a question calls asking: question stem -> release stems.
EXPANSIONS: dict[str, tuple[str, ...]] = {
    stem(k): tuple(stem(v) for v in vs)
    for k, vs in {
        "ask": ("call", "urge", "demand", "request", "challenge", "appeal"),
        "want": ("call", "urge", "demand"),
        "demand": ("call", "urge"),
        "request": ("call", "urge"),
        "propose": ("call", "motion"),
        "say": ("warn",),
        "worry": ("concern", "warn"),
        "concern": ("warn", "worry"),
        "money": ("fund", "funding", "investment", "cash"),
        "funding": ("fund", "investment", "cash"),
    }.items()
}


@dataclass(frozen=True)
class TermGroup:
    """A stem of the question and the release words that count as it."""

    stem: str
    variants: tuple[str, ...]
    core: bool  # names the topic (not a framing word like "say")


@dataclass(frozen=True)
class Question:
    """An analysed question.

    Attributes:
        text: The question as asked.
        groups: Its stems with their expansions; named organisations left out.
        sources: Organisations of the corpus that the question names.
        terms: Search terms for BM25 (see `search_terms`).
        analysed: Its stems in order, named organisations left out.
    """

    text: str
    groups: tuple[TermGroup, ...]
    sources: tuple[str, ...]
    terms: tuple[str, ...] = ()
    analysed: tuple[str, ...] = ()

    # Needed for quoting only, so worked out on first use.
    @cached_property
    def expects(self) -> str | None:
        """The kind of answer asked for ("date", "number", "name"), if any."""
        return expected_type(self.text)

    @cached_property
    def words(self) -> frozenset[str]:
        """The question's folded words (to tell new information from its own)."""
        return frozenset(words(self.text))

    @cached_property
    def bigrams(self) -> frozenset[tuple[str, str]]:
        """Adjacent pairs of its stems, for phrase matches."""
        return frozenset(zip(self.analysed, self.analysed[1:]))

    @property
    def core(self) -> tuple[str, ...]:
        """Stems that name the topic: the corpus covers the question when a top
        passage contains (most of) these."""
        return tuple(g.stem for g in self.groups if g.core)


    def variants(self, stem: str) -> tuple[str, ...]:
        """A stem and the release words that count as it."""
        for g in self.groups:
            if g.stem == stem:
                return g.variants
        return (stem,)


def search_terms(groups: tuple[TermGroup, ...]) -> tuple[str, ...]:
    """Search terms for BM25. Topic stems appear twice, so they weigh double
    against expansions and framing words (FTS5 sums its score per phrase)."""
    out: list[str] = []
    for g in groups:
        out.append(g.stem)
        if g.core:
            out.append(g.stem)
        out.extend(v for v in g.variants[1:] if v not in out)
    return tuple(out)


def named_sources(text: str, sources: list[str]) -> tuple[list[str], set[str]]:
    """The organisations named in `text`, and the folded words that named them.

    An organisation is named by its full name ("NAHT Cymru") or by an acronym
    in its name that no other organisation shares ("NAHT").
    """
    folded = fold(text)
    acronyms: dict[str, list[str]] = {}
    for source in sources:
        for word in re.findall(r"[^\W_]+", source):
            if len(word) >= 2 and word.isupper():
                acronyms.setdefault(word.casefold(), []).append(source)
    found: list[str] = []
    used: set[str] = set()
    for source in sources:
        name = fold(source)
        words = re.findall(r"[^\W_]+", name)
        if words and re.search(r"(?<![^\W_])" + r"\W+".join(map(re.escape, words)) + r"(?![^\W_])", folded):
            found.append(source)
            used.update(words)
            continue
        for acro in (w.casefold() for w in re.findall(r"[^\W_]+", source) if len(w) >= 2 and w.isupper()):
            if len(acronyms.get(acro, ())) == 1 and re.search(rf"(?<![^\W_]){re.escape(acro)}(?![^\W_])", folded):
                found.append(source)
                used.add(acro)
                break
    return found, used


def parse_question(text: str, sources: list[str]) -> Question:
    """Analyse `text` against the organisations of the corpus.

    Args:
        text: The question.
        sources: The organisations present in the corpus.

    Returns:
        The analysed question.
    """
    named, used_words = named_sources(text, sources) if sources else ([], set())
    used_stems = {stem(w) for w in used_words}
    analysed = [t for t in analyse(text) if t not in used_stems]
    stems = list(dict.fromkeys(analysed))
    shaping = {stem(w) for w in _WH.findall(fold(text)) if w in _WH_FOLLOWERS}
    groups = tuple(
        TermGroup(t, (t, *(e for e in EXPANSIONS.get(t, ()) if e not in stems)), t not in FRAMING and t not in shaping)
        for t in stems
    )
    return Question(text=text, groups=groups, sources=tuple(named), terms=search_terms(groups),
                    analysed=tuple(analysed))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition counts once), or limit + 1 beyond `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


_LONG_STOPWORDS = tuple(w for w in STOPWORDS if len(w) >= 3)


@lru_cache(maxsize=20_000)
def misspelt_stopword(word: str) -> bool:
    """True for a short word one edit from a function word ("waht", "teh")."""
    return 3 <= len(word) <= 5 and any(
        edit_distance(word, w, 1) <= 1 for w in _LONG_STOPWORDS if abs(len(w) - len(word)) <= 1)


def nearest_term(stem: str, candidates: Sequence[tuple[str, int]]) -> str | None:
    """The corpus term nearest a misspelt stem: one edit away (two from seven letters
    on), the commonest on ties; None when nothing is that near."""
    limit = 2 if len(stem) >= 7 else 1
    near = [(d, -df, term) for term, df in candidates if (d := edit_distance(stem, term, limit)) <= limit]
    return min(near)[2] if near else None


def respell(question: Question, unknown: set[str], nearest: Callable[[str], str | None]) -> Question:
    """Read misspelt words as the nearest words of the corpus ("gaurentee" -> "guarantee").

    Only words absent from the corpus are touched: a misspelt function word
    ("waht") is dropped; one of five letters or more becomes its nearest
    corpus word (see `nearest_term`). A word with no near match stays as it
    is, so an off-topic word still counts against coverage.

    Args:
        question: The analysed question.
        unknown: Its stems that occur nowhere in the corpus.
        nearest: The corpus term nearest a stem, or None.

    Returns:
        The question with corrected stems (or itself when nothing changed).
    """
    changed = False
    groups = []
    for g in question.groups:
        if g.stem in unknown and misspelt_stopword(g.stem):
            changed = True  # a misspelt function word ("waht", "teh"): no topic
            continue
        if g.stem in unknown and len(g.stem) >= 5 and g.stem.isalpha():
            term = nearest(g.stem)
            if term is not None:
                g = TermGroup(term, (term, *(v for v in g.variants[1:] if v != term)), g.core)
                changed = True
        groups.append(g)
    if not changed:
        return question
    new_groups = tuple(groups)
    return replace(question, groups=new_groups, terms=search_terms(new_groups))
