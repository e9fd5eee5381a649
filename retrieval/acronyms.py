"""Acronyms a question uses for names the releases only spell out.

"How did NAHT respond to the STRB's recommendation?", when the releases
write "the School Teachers’ Review Body" and never "STRB": the acronym is
found nowhere, so it would count against every release as a name none of
them mentions, and the question would be declined. So the names the corpus
spells out (runs of capitalised words: "Independent Welsh Pay Review Body")
are read once per index generation, when a question first holds an acronym
the corpus lacks, each filed under its initials; the question's acronym is
then read as its name's rarest words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable

from .analysis import analyse, fold, stem
from .question import TermGroup, search_terms

if TYPE_CHECKING:
    from .question import Question

# A run of two or more capitalised words, "of", "for", "and", "the", "in", "on" allowed between them.
_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the|in|on)\s+)*[A-Z][\w’'-]*)+")
_POSSESSIVE = re.compile(r"[’']s$")
_JOINERS = frozenset("of for and the in on".split())
# An acronym as a question writes it: two to six capitals ("STRB", "IWPRB's").
MAX_LETTERS = 6
ACRONYM = re.compile(r"\b[A-Z]{2,%d}(?=\b|[’']s\b)" % MAX_LETTERS)
# ... or in the plural ("GCSEs", "IDPs"): its letters, and the "s".
_WRITTEN = re.compile(r"\b([A-Z]{2,%d})(s?)(?=\b|[’']s\b)" % MAX_LETTERS)
WORDS_USED = 2  # a name's rarest words that stand for its acronym


def _initials(words: list[str]) -> set[str]:
    """The initials of a run of words, read without its joining words and with them
    ("Department for Education": DE and DFE)."""
    bare = "".join(w[0] for w in words if w not in _JOINERS)
    every = "".join(w[0] for w in words).upper()
    return {bare, every}


def _stretches(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each stretch of two to MAX_LETTERS words of a run, starting and
    ending on a capitalised word."""
    return [(i, j) for i in range(len(words)) if words[i] not in _JOINERS
            for j in range(i + 2, min(i + MAX_LETTERS, len(words)) + 1) if words[j - 1] not in _JOINERS]


class Acronyms:
    """The spelt-out names of a corpus, by their initials."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._names: dict[str, Counter[str]] = {}
        for text in texts:
            for m in _RUN.finditer(text):
                words = m.group().split()
                # Each stretch of a run is filed, so that "The School Teachers’ Review Body" is
                # found as STRB too, and "Pay Review Body in May" as PRB.
                for i, j in _stretches(words):
                    name = _POSSESSIVE.sub("", " ".join(words[i:j]))
                    for letters in _initials(words[i:j]):
                        self._names.setdefault(letters, Counter())[name] += 1

    def name(self, acronym: str) -> str | None:
        """The name the corpus spells out most often with these initials, or None."""
        names = self._names.get(acronym)
        return names.most_common(1)[0][0] if names else None


def written_initialisms(question: "Question", unknown: set[str],
                        acronyms: Callable[[], Acronyms]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The question's initialisms that the corpus writes as such ("RAAC", "GCSEs"; not those in
    `unknown`, its stems the corpus never uses), as indexed terms, each with the stems of the name
    the corpus spells it out as, if any: a release about one writes one or the other."""
    written = {stem(fold(m.group())): m.group(1) for m in _WRITTEN.finditer(question.text)}
    written = {term: letters for term, letters in written.items()
               if term in question.initialisms and term not in unknown}
    if not written:
        return ()
    found = acronyms()
    return tuple((term, tuple(dict.fromkeys(analyse(found.name(letters) or "")))) for term, letters in written.items())


def spell_out(question: "Question", unknown: set[str], acronyms: Callable[[], Acronyms],
              doc_freqs: Callable[[list[str]], dict[str, int]]) -> tuple["Question", list[str]]:
    """Read each acronym of `question` that the corpus never uses as the name it spells out.

    Args:
        question: The analysed question.
        unknown: Its stems that occur nowhere in the corpus.
        acronyms: The corpus's names by initials (built when first needed).
        doc_freqs: How many passages hold each stem (the rarest words stand for the name).

    Returns:
        The question (itself when nothing changed), and a note for each acronym read.
    """
    asked = {a.lower(): a for a in ACRONYM.findall(question.text) if a.lower() in unknown}
    if not asked:
        return question, []
    groups, notes, speaker = [], [], question.spelt_speaker
    found = acronyms()
    for g in question.groups:
        name = found.name(asked[g.stem]) if g.stem in asked else None
        stems = list(dict.fromkeys(analyse(name))) if name else []
        if not stems:
            groups.append(g)
            continue
        freqs = doc_freqs(stems)
        rarest = sorted((s for s in stems if freqs.get(s)), key=lambda s: freqs[s])[:WORDS_USED]
        if not rarest:
            groups.append(g)
            continue
        groups.append(TermGroup(rarest[0], tuple(rarest), g.core))
        notes.append(f"read “{asked[g.stem]}” as {name}")
        if asked[g.stem] in question.unheard_speakers:
            speaker = tuple(stems)  # "What did the WLGA say …?": a release quoting it names it in full
    if not notes:
        return question, []
    return replace(question, groups=tuple(groups), terms=search_terms(tuple(groups)), spelt_speaker=speaker), notes
