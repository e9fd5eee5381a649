"""Judging the ranked passages of a question: the model work of an answer.

Stage two of an answer, after the store reads: the hits ranked (and
re-ranked), their sentences scored (with the model's similarity when there
is one), the evidence measured and the decision made. Nothing here holds a
lock, so the bot's answer threads run it side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .decide import Decision, decide
from .evidence import Evidence, gather
from .quoting import Sentence, score_sentences
from .ranker import Ranking, Retrieved, rank

if TYPE_CHECKING:
    import numpy as np

    from .embeddings import Encoder
    from .question import Question
    from .ranker import Reranker
    from .settings import Settings


def similarity_to(encoder: "Encoder | None", vector: "np.ndarray | None") -> "Callable[[list[str]], np.ndarray] | None":
    """Cosine similarity of texts to the question's embedding (None without a model)."""
    if encoder is None or vector is None:
        return None
    return lambda texts: encoder.encode(texts) @ vector


@dataclass
class Judged:
    """The ranking, its scored sentences, the evidence and the decision."""

    ranking: Ranking
    sentences: list[Sentence]
    evidence: Evidence
    decision: Decision


def judge(question: "Question", retrieved: Retrieved, settings: "Settings", *, reranker: "Reranker | None",
          k: int | None, encoder: "Encoder | None", vector: "np.ndarray | None") -> Judged:
    """Rank the retrieved hits, score their sentences, and decide whether they answer.

    Args:
        question: The analysed question.
        retrieved: Stage one's hits, terms and idf.
        settings: Ranking settings.
        reranker: Optional cross-encoder.
        k: How many hits to keep (default settings.k).
        encoder: The question's encoder (None: lexical-only).
        vector: The question's embedding.

    Returns:
        What was judged.
    """
    ranking = rank(question, retrieved, settings, reranker=reranker, k=k)
    sentences = score_sentences(question, ranking.hits, ranking.idf, similarity=similarity_to(encoder, vector))
    evidence = gather(question, ranking, sentences)
    if not ranking.hits:
        decision = Decision(False, 0.0, "no passage matches the question")
    elif not question.core:
        decision = Decision(False, 0.0, "the question names no topic to look for")
    else:
        decision = decide(evidence, dense=vector is not None, expects=question.expects)
    return Judged(ranking, sentences, evidence, decision)
