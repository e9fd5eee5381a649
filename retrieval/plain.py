"""The question in the releases' own words, for the model to read beside it.

A question in everyday words ("Are heads thinking of jacking it in?") is
far, to the model, from the sentence that answers it ("64 per cent of
headteachers were considering leaving"): the model knows "quit" but not
"jacking it in". The same question with each everyday word and phrasal
verb (everyday.py, phrasal.py) replaced by the first word releases use for
it ("Are headteacher thinking of leave?") is near. The engine encodes both
and reads the question as their mean, so the everyday words keep their part
of the meaning and the releases' words add theirs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterable

from .analysis import fold, stem
from .everyday import EVERYDAY
from .phrasal import PHRASAL, verb_particles

if TYPE_CHECKING:
    import numpy as np

    from .embeddings import Encoder

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# everyday stem -> the first release word for it; (verb stem, particle) -> the same
_WORD: dict[str, str] = {stem(w): others[0] for w, others in EVERYDAY.items() if others}
_PHRASE: dict[tuple[str, str], str] = {(stem(v), p): others[0] for (v, p), others in PHRASAL.items()}


def in_release_words(text: str, doc_freqs: "Callable[[Iterable[str]], dict[str, int]] | None" = None) -> str:
    """`text` with its everyday words and phrasal verbs in the releases' words; `text`
    itself when it has none.

    With `doc_freqs` (stem -> passages holding it), a word (a phrasal verb: its verb) is
    replaced only where the releases use its release word more often than the word itself:
    "heads" becomes "headteacher", but "staff" stays "staff" in a collection that says
    "staff", and "called off" stays in one that says "called off".
    """
    tokens = list(_TOKEN.finditer(text))
    folded = [fold(t.group()) for t in tokens]
    phrases: dict[int, int] = {}  # verb position -> its particle's (the first found)
    for i, j in verb_particles(folded):
        phrases.setdefault(i, j)
    found: list[tuple[int, int, str, str]] = []  # start, end, release word, the word's (or verb's) stem
    i = 0
    while i < len(tokens):
        token, key = tokens[i], stem(folded[i])
        if i in phrases:
            j = phrases[i]
            found.append((token.start(), tokens[j].end(), _PHRASE[(key, folded[j])], key))
            i = j
        # a capitalised word inside the question is a name ("the Welsh Government", "Councils Network")
        elif key in _WORD and (i == 0 or not token.group()[0].isupper()):
            found.append((token.start(), token.end(), _WORD[key], key))
        i += 1
    if doc_freqs is not None and found:
        df = doc_freqs({s for _, _, w, key in found for s in (key, stem(w))})
        found = [f for f in found if df.get(f[3], 0) < df.get(stem(f[2]), 0)]
    out: list[str] = []
    at = 0
    for start, end, replacement, _ in found:
        out.append(text[at:start] + replacement)
        at = end
    return "".join(out) + text[at:] if out else text


def question_vector(encoder: "Encoder", text: str,
                    doc_freqs: "Callable[[Iterable[str]], dict[str, int]] | None" = None) -> "np.ndarray":
    """The question's vector: the mean of the question's and its release-word reading's
    (normalised), or the question's alone when it has no everyday words."""
    plain = in_release_words(text, doc_freqs)
    if plain == text:
        return encoder.encode([text], query=True)[0]
    both = encoder.encode([text, plain], query=True)
    mean = both.mean(axis=0)
    return mean / max(float((mean @ mean) ** 0.5), 1e-12)
