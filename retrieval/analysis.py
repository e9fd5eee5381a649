"""Text analysis for lexical retrieval: tokens, stopwords, stemming, and figures.

The same `analyse` is applied to passages at index time and to questions at
query time, so FTS5 only ever sees pre-analysed, space-separated stems.
Figures that analysis splits ("2026-27", "£12m", "1,200") are joined again
into one term each (`figure_term`, `figure_pairs`), so a question's figure
is matched whole.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer

# Letters and digits; apostrophes and underscores split words, as FTS5's
# unicode61 tokenizer would.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# English stopwords: function words that carry no topic. (NLTK's list with the
# clitic fragments that apostrophe-splitting produces.)
STOPWORDS = frozenset(
    """
    a about above after again against ain all am an and any are aren as at be because been before being
    below between both but by can couldn d did didn do does doesn doing don down during each few for from
    further had hadn has hasn have haven having he her here hers herself him himself his how i if in into
    is isn it its itself just ll m ma me mightn more most mustn my myself needn no nor not now o of off on
    once only or other our ours ourselves out over own re s same shan she should shouldn so some such t
    than that the their theirs them themselves then there these they this those through to too under until
    up ve very was wasn we were weren what when where which while who whom why will with won wouldn y you
    your yours yourself yourselves would could also may might must shall us
    """.split()
)

# Combining marks left by NFKD decomposition (accents, diaeresis, circumflex ...).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# PyStemmer's stemmers must not be called from two threads at once: one per thread.
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
        stemmer.maxCacheSize = 100_000
    return stemmer


def fold(text: str) -> str:
    """Lower-case and strip diacritics ("Café" -> "cafe")."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def words(text: str) -> list[str]:
    """The folded words of `text`, stopwords included."""
    return _WORD.findall(fold(text))


def phrase_words(text: str) -> list[str]:
    """The words of a phrase split at spaces and hyphens, but a compound joined by a word
    ("made-for-Wales", "made-in-Wales") kept as one: it says which of something, not what."""
    return [t for token in text.split() for t in
            ([token] if not set(token.split("-")[1:-1]).isdisjoint(STOPWORDS) else re.split(r"-+", token)) if t]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def analyse(text: str) -> list[str]:
    """Stems of the content words of `text`, in order, repeats kept."""
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in STOPWORDS]


def analyse_many(texts: list[str]) -> list[list[str]]:
    """`analyse` for many texts, stemming each distinct word once."""
    folded = [[w for w in _WORD.findall(fold(t)) if w not in STOPWORDS] for t in texts]
    vocab = sorted({w for ws in folded for w in ws})
    stems = dict(zip(vocab, _stemmer().stemWords(vocab)))
    return [[stems[w] for w in ws] for ws in folded]


# Units written after a figure: "£12m" and "£12 million" name the same sum.
_UNITS = {"m": "million", "mn": "million", "bn": "billion", "b": "billion", "k": "thousand"}
_UNIT_WORDS = frozenset(("million", "billion", "thousand"))
_WITH_UNIT = re.compile(r"(\d+)(m|mn|bn|b|k)")


def _figure_parts(term: str) -> list[str]:
    m = _WITH_UNIT.fullmatch(term)
    return [m.group(1), _UNITS[m.group(2)]] if m else [term]


def _short_year(first: str, second: str) -> str:
    """"2027" after "2026" as "27": "2026-2027" and "2026-27" name the same year."""
    if len(first) == 4 == len(second) and first.isdigit() and second.isdigit() and first[:2] == second[:2]:
        return second[2:]
    return second


def figure_term(terms: list[str]) -> str:
    """One term for a figure as analysis splits it ("2026-27" -> "2026_27", "4.8%" -> "4_8",
    "£12m" and "£12 million" -> "12_million", "1,200" and "1200" -> "1200"): a release holds
    the figure when it holds its parts side by side (see `figure_pairs`)."""
    parts = [p for t in terms for p in _figure_parts(t)]
    out = [parts[0]]
    for a, b in zip(parts, parts[1:]):
        if len(b) == 3 and b.isdigit() and out[-1].isdigit() and len(a) <= 3 and a.isdigit():
            out[-1] += b  # thousands: "1,200" is written "1200" too
        else:
            out.append(_short_year(a, b))
    return "_".join(out)


def in_figure(term: str) -> bool:
    """Whether an analysed term is part of a figure: it has digits, or is a unit ("million")."""
    return any(ch.isdigit() for ch in term) or term in _UNIT_WORDS


def figure_pairs(terms: list[str]) -> set[str]:
    """The figure terms of analysed text, joined as `figure_term` joins a question's: each run
    of two or three neighbouring tokens with digits ("2026 27" -> "2026_27"; a unit word may
    follow: "12 million"), and each token with a unit ("12m" -> "12_million")."""
    out: set[str] = set()
    for i, term in enumerate(terms):
        if not any(ch.isdigit() for ch in term):
            continue
        if _WITH_UNIT.fullmatch(term):
            out.add(figure_term([term]))
        for j in (i + 2, i + 3):
            run = terms[i:j]
            if len(run) < j - i or not all(map(in_figure, run)):
                break
            out.add(figure_term(run))
    return out
