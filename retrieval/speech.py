"""Lines that say who is about to speak, and the speech they introduce.

Press releases set a spokesperson's words out as "Sioned Rowlands, Wales
Secretary of CTF Cymru, said:" on a line of its own, the statement following
in the next paragraphs; a written statement opens with its byline ("Written
Statement by the Minister for Education, Tomos Gruffydd"). Such a line shares
the most words with "What did Sioned Rowlands say about workload?" or "What
did the minister say?", yet quoted alone it answers nothing. So a line that
only introduces what follows is quoted only when the question asks for a
name ("Who opened the conference?"); otherwise the paragraph it introduces
is read in its place, each of that paragraph's sentences scored as if it
carried its speaker's words ("Sioned Rowlands … said: Teachers are spending
their evenings …").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

from .quoting import Sentence, blend, decay, sentence_score, trim_quote_marks
from .schema import Hit
from .sentences import sentence_spans

if TYPE_CHECKING:
    import numpy as np

    from .question import Question
    from .schema import Passage

# A line naming a speaker and ending in a colon after the verb of speech ("…, said:",
# "Mr Ellis added:", "She told the conference:"), with no quotation of its own.
_SPEECH_VERBS = (r"said|says|adds|added|comments|commented|explains|explained|warns|warned|continues|continued"
                 r"|states|stated|responds|responded|remarks|remarked|argues|argued|notes|noted|tells|told"
                 r"|declares|declared|insists|insisted|concludes|concluded|urges|urged")
_INTRODUCES = re.compile(r"\b(?:" + _SPEECH_VERBS + r")\b[^.!?:“”\"]{0,60}:\s*$", re.IGNORECASE)
_QUOTED = re.compile("[“”\"]")
_MAX_WORDS = 45
# Most sentences of the speeches read that are compared with the question by the model.
SIMILARITY_BUDGET = 8
# A byline: a short line that ends no sentence ("Written Statement by the Minister for
# Education, Tomos Gruffydd").
_BYLINE_WORDS = 25
_SENTENCE_ENDS = ".!?:;\"”’)…"
_MARKED_END = re.compile(r"[.!?][^\s\w]")  # a sentence ending before a reference mark ("1870.:32")


def introduces_speech(sentence: str) -> bool:
    """Whether `sentence` only says who is about to speak ("Owain Tudur Lloyd, National
    Secretary of SLU Cymru, said:")."""
    text = sentence.strip()
    return (bool(_INTRODUCES.search(text)) and not _QUOTED.search(text)
            and len(text.split()) <= _MAX_WORDS)


def is_byline(paragraph: str) -> bool:
    """Whether a whole paragraph is a byline: one short line ending no sentence ("Written
    Statement by the Minister for Education, Tomos Gruffydd")."""
    text = paragraph.strip()
    return (bool(text) and "\n" not in text and text[-1] not in _SENTENCE_ENDS
            and not _MARKED_END.search(text) and len(text.split()) <= _BYLINE_WORDS)


def speech_lines(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences that introduce what the next paragraph says: a line ending its passage
    that introduces a speech, or a byline standing as a paragraph of its own."""
    last: dict[int, Sentence] = {}
    for s in sentences:
        if s.rank not in last or s.index > last[s.rank].index:
            last[s.rank] = s
    return [s for s in last.values() if introduces_speech(s.text)
            or (s.index == 0 and s.text.strip() == s.hit.passage.text.strip() and is_byline(s.text))]


def quote_speeches(question: "Question", sentences: list[Sentence], following: dict[int, "Passage"],
                   idf: dict[str, float], *, first_rank: int, top: float,
                   similarity: "Callable[[list[str]], np.ndarray] | None" = None) -> list[Sentence]:
    """`sentences` with each line introducing a speech replaced, unless the question asks
    for a name, by the sentences of the paragraph it introduces.

    Args:
        question: The analysed question.
        sentences: The scored sentences of the passages found (`quoting.score_sentences`).
        following: {rank of a passage ending in such a line: the paragraph after it}. One
            already among the passages found is scored afresh, and ranked by the line if
            that ranks higher.
        idf: Term weights (from the ranker).
        first_rank: The rank the first introduced paragraph takes (quotes group by rank).
        top: The best lexical sentence score among the hits (scores are shares of it with a model).
        similarity: Cosine similarity to the question (with a model).

    Returns:
        The candidates to quote.
    """
    lines = {s.rank: s for s in speech_lines(sentences)}
    if question.expects in ("name", "place") or not lines:
        return sentences
    introduced = {p.passage_id for r, p in following.items() if r in lines and lines[r].lexical > 0}
    kept = [s for s in sentences if lines.get(s.rank) is not s and s.hit.passage.passage_id not in introduced]
    ranked = {s.hit.passage.passage_id: s.rank for s in sentences}
    spoken: list[_Spoken] = []
    for n, (rank, passage) in enumerate(sorted(following.items())):
        line = lines.get(rank)
        if line is None or line.lexical <= 0:
            continue
        hit = Hit(passage, 0.0, "speech")
        for i, (a, b) in enumerate(sentence_spans(passage.text)):
            a, b = trim_quote_marks(passage.text, a, b)
            score = sentence_score(question, f"{line.text} {passage.text[a:b]}", idf)
            spoken.append(_Spoken(line, first_rank + n, hit, i, a, b, score))
    sims: list[float | None] = [None] * len(spoken)
    if similarity is not None and spoken:
        # The speech sentences sharing most with the question are compared with it (each costs
        # about 15 ms on two cores); the rest count as not similar.
        chosen = sorted(range(len(spoken)), key=lambda j: -spoken[j].lexical)[:SIMILARITY_BUDGET]
        for j, value in zip(chosen, similarity([spoken[j].text for j in chosen])):
            sims[j] = float(value)
    for s, sim in zip(spoken, sims):
        # Ranked by the line, or by the paragraph itself when it was found ranked higher.
        rank = min(s.line.rank, ranked.get(s.hit.passage.passage_id, s.line.rank))
        kept.append(Sentence(s.rank, s.index, s.hit, s.start, s.end,
                             blend(s.lexical, top, sim, similarity is not None) * decay(rank), s.lexical, sim))
    return kept


class _Spoken(NamedTuple):
    """A sentence of an introduced paragraph, scored with its speaker's words."""

    line: Sentence
    rank: int
    hit: Hit
    index: int
    start: int
    end: int
    lexical: float

    @property
    def text(self) -> str:
        return self.hit.passage.text[self.start:self.end]
