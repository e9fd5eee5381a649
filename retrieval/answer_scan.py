"""The rest of the leading release, scanned for the sentence that gives the answer asked for.

A question asking for a figure or a date ("What was the turnout in the
ballot?") is often answered by a short paragraph that shares few words with
it ("In England, … the turnout of 42.6 per cent was below the 50 per cent
required by law"), while the release's opening, full of the question's words,
ranks above it and the paragraph is not among the passages found. So the
other paragraphs of the leading release are read too, and their sentences
that give that kind of answer (for a count, the figure beside the word for
what it counts) join the candidates, scored as if from the second passage.
Nothing else of them is quoted.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Sequence

from .answertype import QUESTION_START, figure_beside
from .question import Question
from .quoting import Sentence, blend, decay, sentence_score, trim_quote_marks
from .schema import Hit
from .sentences import sentence_spans

if TYPE_CHECKING:
    import numpy as np

    from .schema import Passage

# Most sentences of the rest of a release taken as candidates (each is compared with the
# question by the model: about 15 ms a sentence on two cores).
SCAN_LIMIT = 6
# Most paragraphs read: a press release has a few dozen; a long report added as a PDF is
# read as far as this, so that a question stays quick.
SCAN_PASSAGES = 80


# A question that opens by asking for a figure or a date ("What was …", "How many …",
# "When …", "In which year …"), not one asking yes or no ("Will colleges limit how many …?").
# (Not a name: nearly every sentence of a release holds one, so it would say little.)
_OUTRIGHT = re.compile(QUESTION_START + r"(?:when|which|what|how)\b", re.IGNORECASE)


def asks_outright(question: Question) -> bool:
    """Whether `question` opens by asking for a figure or a date."""
    return question.expects in ("number", "date") and bool(_OUTRIGHT.match(question.text))


def gives_answer(question: Question, text: str) -> bool:
    """Whether `text` gives the kind of answer `question` asks for; for a count, with the
    figure beside the word for what it counts."""
    if not question.offered_by(text):
        return False
    return not question.focus or figure_beside(text, question.focus)


def scan_release(question: Question, rest: Sequence["Passage"], idf: dict[str, float], *, first_rank: int,
                 top: float, similarity: "Callable[[list[str]], np.ndarray] | None" = None) -> list[Sentence]:
    """Sentences of `rest` (the leading release's paragraphs not among the hits) that give
    the kind of answer asked for, scored as `quoting.score_sentences` scores a sentence of
    the second passage.

    Args:
        question: The analysed question (its `expects` set).
        rest: The paragraphs to scan (the first SCAN_PASSAGES of them).
        idf: Term weights (from the ranker).
        first_rank: The rank the first of `rest` takes (after the hits): quotes group by rank.
        top: The best lexical sentence score among the hits (scores are shares of it with a model).
        similarity: Cosine similarity to the question (with a model).

    Returns:
        At most SCAN_LIMIT sentences, those sharing most with the question.
    """
    found: list[tuple[int, int, int, int, str, float]] = []
    for r, passage in enumerate(rest[:SCAN_PASSAGES]):
        for i, (a, b) in enumerate(sentence_spans(passage.text)):
            a, b = trim_quote_marks(passage.text, a, b)
            text = passage.text[a:b]
            score = sentence_score(question, text, idf)
            if score > 0 and gives_answer(question, text):
                found.append((r, i, a, b, text, score))
    found = sorted(found, key=lambda f: -f[5])[:SCAN_LIMIT]
    if not found:
        return []
    sims = list(similarity([f[4] for f in found])) if similarity is not None else [None] * len(found)
    hits = {r: Hit(rest[r], 0.0, "release") for r, *_ in found}
    out = []
    for (r, i, a, b, _, score), sim in zip(found, sims):
        sim = float(sim) if sim is not None else None
        out.append(Sentence(first_rank + r, i, hits[r], a, b, blend(score, top, sim, similarity is not None) * decay(1),
                            score, sim))
    return out
