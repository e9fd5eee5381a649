"""Words of the corpus near a question's words in meaning: "heads" finds
"headteachers", "quitting" finds "leaving", "wages" finds "pay".

At index time each word of the corpus (one surface form per stem) is
embedded with the model and kept in the store; at question time the
question's topic words are embedded and their nearest corpus words become
extra variants of them, counted (at the weight of a variant) when judging
whether a release covers the question and which sentence answers it. They
are not searched for: the dense leg finds passages in other words, and BM25
with them lost 0.011 nDCG@10 on SciFact (bench/RESULTS.md). Lexical-only
indexes have none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Sequence

from .analysis import STOPWORDS, fold, stem

if TYPE_CHECKING:
    from .embeddings import Encoder
    from .question import Question

# A corpus word this similar to a question word (cosine, all-MiniLM-L6-v2) counts as a variant of it.
MIN_SIMILARITY = 0.64
PER_WORD = 3  # most variants one question word gets
MAX_WORDS = 60_000  # most words embedded for one index (the commonest first)
_ALPHA = re.compile(r"[^\W\d_]{3,}")


def vocabulary(texts: Iterable[str], known: set[str] = frozenset()) -> dict[str, str]:  # type: ignore[assignment]
    """{stem: its commonest surface word} of the content words of `texts`, stems in `known` left out."""
    counts: Counter[str] = Counter(w for text in texts for w in _ALPHA.findall(fold(text)) if w not in STOPWORDS)
    best: dict[str, tuple[int, str]] = {}
    for word, n in counts.items():
        s = stem(word)
        if s in known:
            continue
        if s not in best or n > best[s][0]:
            best[s] = (n, word)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:MAX_WORDS]
    return {s: w for s, (_, w) in ranked}


def embed_words(words: dict[str, str], encoder: "Encoder", batch: int = 512) -> list[tuple[str, str, bytes]]:
    """(stem, word, vector bytes) rows for the store."""
    import numpy as np

    stems = list(words)
    rows: list[tuple[str, str, bytes]] = []
    for i in range(0, len(stems), batch):
        part = stems[i:i + batch]
        vectors = np.asarray(encoder.encode([words[s] for s in part]), dtype=np.float32)
        rows.extend((s, words[s], v.tobytes()) for s, v in zip(part, vectors))
    return rows


class Neighbours:
    """The corpus's word vectors, to find the corpus words nearest a question's.

    Args:
        rows: (stem, word, float32 vector bytes) from the store.
    """

    def __init__(self, rows: Sequence[tuple[str, str, bytes]]) -> None:
        import numpy as np

        self.stems = [r[0] for r in rows]
        self.matrix = np.vstack([np.frombuffer(r[2], dtype=np.float32) for r in rows]) if rows \
            else np.zeros((0, 1), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.stems)

    def near(self, words: Sequence[str], encoder: "Encoder") -> list[list[str]]:
        """For each word, the stems of the corpus words nearest it (at least MIN_SIMILARITY), nearest first."""
        if not len(self) or not words:
            return [[] for _ in words]
        import numpy as np

        vectors = np.asarray(encoder.encode(list(words)), dtype=np.float32)
        if vectors.shape[1] != self.matrix.shape[1]:
            return [[] for _ in words]
        sims = vectors @ self.matrix.T
        out = []
        for word, row in zip(words, sims):
            own = stem(fold(word))
            top = np.argsort(-row)[:PER_WORD + 1]
            out.append([self.stems[i] for i in top if row[i] >= MIN_SIMILARITY and self.stems[i] != own][:PER_WORD])
        return out


def expand(question: "Question", neighbours: Neighbours, encoder: "Encoder") -> "Question":
    """`question` with the nearest corpus words of each topic word added to its variants.

    Args:
        question: The analysed question.
        neighbours: The corpus's word vectors.
        encoder: The model (the same the word vectors were made with).

    Returns:
        The question, its topic words' variants extended (its search terms as they were).
    """
    from .question import blank

    surface: dict[str, str] = {}
    for word in _ALPHA.findall(blank(question.text, question.left_out)):
        if word[0].isupper() and not word.isupper() and surface.get(stem(fold(word))) is None:
            surface[stem(fold(word))] = ""  # a name ("England", "Cardiff"): its neighbours are other names
        else:
            surface.setdefault(stem(fold(word)), fold(word))
    surface = {s: w for s, w in surface.items() if w}
    core = [g for g in question.groups if g.core and g.stem in surface]
    if not core or not len(neighbours):
        return question
    found = dict(zip((g.stem for g in core), neighbours.near([surface[g.stem] for g in core], encoder)))
    groups = tuple(
        replace(g, variants=(*g.variants, *(s for s in found.get(g.stem, ()) if s not in g.variants)))
        for g in question.groups)
    return replace(question, groups=groups)
