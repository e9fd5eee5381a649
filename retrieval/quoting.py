"""Choosing the sentences that answer a question and quoting them verbatim.

Every quote is built from (start, end) spans of the stored document text;
the shown text is those spans with whitespace collapsed, joined by " … "
where sentences in between were left out. Nothing else is ever added.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Sequence

from .analysis import analyse
from .answertype import (NAMED_KINDS, date_beside, figure_beside, figure_of, gives_respondents_share, gives_share,
                         gives_title, gives_voters_share, offers, offers_number, places)
from .comparison import states_comparison
from .question import Question
from .roles import name_beside
from .schema import Citation, Hit, Quote
from .sentences import normalise_space, sentence_spans
from .sums import gives_money

if TYPE_CHECKING:
    import numpy as np

CUT = "…"
# Extra weight for a sentence holding the kind of thing the question asks for
# (a date for "when", a number for "how many"); tuned on half of SQuAD dev.
ANSWER_TYPE_BONUS = 0.3
BIGRAM_WEIGHT = 1.0
# Further weight when the figure stands beside the word for what it counts ("the turnout of
# 42.6 per cent" for "What was the turnout?"), not elsewhere in the sentence.
FOCUS_BONUS = 0.5
# With a model, a sentence's score is this much its similarity to the question and
# the rest its share of the best lexical score (bench/tune_quoting.py).
SIMILARITY_WEIGHT = 0.5


@dataclass(frozen=True)
class Sentence:
    """A sentence of a ranked passage, scored for a question.

    Attributes:
        rank: Rank of the hit it comes from.
        index: Its position among the passage's sentences.
        hit: The hit.
        start, end: Offsets into the passage text.
        score: How well it answers (lexical and, with a model, similarity blended).
        lexical: Its lexical score alone.
        similarity: Its cosine similarity to the question (None without a model).
        context: For an item of a list, the sentence introducing the list ("Of the 512 staff
            who responded:"): what its figures count. Never quoted for it.
    """

    rank: int
    index: int
    hit: Hit
    start: int
    end: int
    score: float
    lexical: float = 0.0
    similarity: float | None = None
    context: str = ""

    @property
    def text(self) -> str:
        return self.hit.passage.text[self.start:self.end]


_OPENING = "“‘\"'"
_CLOSING = "”’\"'"


def trim_quote_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a sentence span past a quotation mark it does not close (or open).

    A sentence that opens a quotation running on into the next one ("“We
    welcome ... plan.") would show a stray mark inside the reply's own quote
    marks; the narrowed span is still an exact substring.
    """
    piece = text[start:end]
    if len(piece) > 1 and piece[0] in _OPENING and not any(c in _CLOSING for c in piece[1:].replace("’s", "")):
        start += 1
    piece = text[start:end]
    if len(piece) > 1 and piece[-1] in _CLOSING and piece[-1] != "'" and not any(c in _OPENING for c in piece[:-1]):
        end -= 1
    return start, end


# A question's words for money, which a sum given in a sentence says ("£36 million").
MONEY_STEMS = frozenset({"money", "cash"})


def sentence_score(question: Question, text: str, idf: dict[str, float]) -> float:
    """How much of the question `text` answers.

    Each stem of the question scores the idf of the best of its variants
    present (an expansion at half weight); when the question has topic words,
    framing words ("say", "ask") and their expansions count only a little.
    """
    tokens = analyse(text)
    present = set(tokens)
    has_core = any(g.core for g in question.groups)
    score = 0.0
    for g in question.groups:
        found = [idf.get(v, 1.0) * (1.0 if v == g.stem or g.unheard else 0.5) for v in g.variants if v in present]
        if g.stem in MONEY_STEMS and gives_money(text):
            found.append(idf.get(g.stem, 1.0))  # "how much extra money": "an additional £36 million"
        if found:
            score += max(found) * (1.0 if g.core or g.answers or not has_core else 0.3)
    if score and question.bigrams and BIGRAM_WEIGHT:
        pairs = set(zip(tokens, tokens[1:]))
        score += BIGRAM_WEIGHT * sum(min(idf.get(a, 1.0), idf.get(b, 1.0)) for a, b in question.bigrams
                                     if (a, b) in pairs)
    if score and question.expects is None and question.yes_or_no and (
            states_comparison(text) if question.comparison else offers_number(text, question.words)):
        score *= 1.0 + ANSWER_TYPE_BONUS  # "Are heads thinking of quitting?": "64 per cent were considering leaving"
    if score and offers(text, question.expects, question.words, question.school) and (
            not question.share or gives_share(text)):
        score *= 1.0 + ANSWER_TYPE_BONUS  # (a share asked for is not given by "1,820 school leaders")
        # (a share of those a survey asked, speaking of more than who they are, counts them: "67% said
        # they had considered leaving" for "How many teachers were thinking of quitting?")
        if (question.focus and (figure_beside(text, question.focus) or question.surveyed_share(text))) or (
                question.expects == "date" and (question.gives_bound(text) or not question.deadline
                                                and date_beside(text, question.topic_stems))) or (
                question.role and name_beside(text, question.role, question.words)) or (
                question.title and gives_title(text, question.words)):
            score *= 1.0 + FOCUS_BONUS
    return score


# A place named in fewer than this share of the corpus's passages is what a "Where …?" asks for
# (a venue, a town); one that most releases name ("in Wales") says little.
# (A passage idf above this: the ranker's idf, log(1 + (n - df + 0.5) / (df + 0.5)).)
RARE_PLACE_IDF = math.log(1.0 + 1.0 / 0.02)
# Most places a release names, rare in the corpus, for one of them to be where its event was.
FEW_PLACES = 4


def rare_places(question: Question, text: str, idf: dict[str, float]) -> list[str]:
    """The places `text` names after "at", "in" or "near" that the question does not, each
    with a word rare in the corpus ("at the Glanrafon Hall in Llandudno")."""
    top = max(idf.values(), default=1.0)
    return [place for place in places(text, question.words, question.school)
            if any(idf.get(t, top) >= RARE_PLACE_IDF for t in analyse(place))]


def score_sentences(
    question: Question,
    hits: Sequence[Hit],
    idf: dict[str, float],
    *,
    similarity: "Callable[[list[str]], np.ndarray] | None" = None,
    events: bool = False,
) -> list[Sentence]:
    """Every sentence of `hits`, scored for how well it answers `question`.

    Args:
        question: The analysed question.
        hits: Ranked passages, best first.
        idf: Term weights (from the ranker).
        similarity: Optional: cosine similarity of the question to each given
            sentence (with a model); blended into the lexical score.
        events: The hits tell of events (the leading release is dated: a press release): for
            "Where …?", a sentence naming one of the few rare places they name is lifted
            (`lift_places`); for "What is the report called?", one giving a title. An
            encyclopaedia's paragraphs, which name and title things throughout, are not read so.

    Returns:
        The sentences in passage rank and reading order.
    """
    per_hit = [[trim_quote_marks(h.passage.text, a, b) for a, b in sentence_spans(h.passage.text)] for h in hits]
    lexical = [[sentence_score(question, h.passage.text[s:e], idf) for s, e in spans]
               for h, spans in zip(hits, per_hit)]
    sims: list[list[float | None]] = [[None] * len(spans) for spans in per_hit]
    if similarity is not None and any(per_hit):
        # One encoding call for the sentences worth comparing (see `worth_encoding`).
        chosen = worth_encoding(lexical)
        values = iter(similarity([hits[r].passage.text[slice(*per_hit[r][i])] for r, i in chosen]))
        for r, i in chosen:
            sims[r][i] = float(next(values))
    top = max((x for lx in lexical for x in lx), default=0.0) or 1.0
    if events and question.expects == "place":
        lexical = lift_places(question, hits, per_hit, lexical, idf, top)
    elif events and question.title:
        lexical = [[x + answer_lift(top) if gives_title(h.passage.text[a:b], question.words) else x
                    for x, (a, b) in zip(lx, spans)] for h, spans, lx in zip(hits, per_hit, lexical)]
    out: list[Sentence] = []
    encoded = similarity is not None
    for rank, (hit, spans, lx, sm) in enumerate(zip(hits, per_hit, lexical, sims)):
        for i, ((a, b), score, sim) in enumerate(zip(spans, lx, sm)):
            out.append(Sentence(rank, i, hit, a, b, blend(score, top, sim, encoded) * decay(rank), score, sim))
    return out


# The words asking for a closing date, not what closes ("When was the consultation due to close?", "What was
# the closing date …?").
_CLOSING_WORDS = frozenset(analyse("close closes closed closing deadline date end ends ended finish"))
# What a sentence lift_figures lifts gains: the best sentence's score, and a little more.
LIFT = 1.001


def lift_figures(question: Question, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences, those of the leading release giving a figure beside the word for what is
    counted ("52 inspections … will not take place" for "How many inspections were called
    off?") lifted to the top when the best gives none: the question's other words, said
    otherwise ("called off"), had put the release's opening sentence first. For a figure of
    nothing named ("How much did X commit to the Act?"), or a date ("When did X take over?"),
    any figure or date in a sentence sharing a word with the question, and one in the
    sentence holding most of the question's words, whatever its release ("Gareth Pritchard, who
    became Director of NAHT Cymru in September" for "When did he take over as director?"). For
    a closing date, a sentence of the leading release giving one ("closes on 12 February
    2024"), when the best gives none: one sharing a word with the question, or else any ("The
    consultation will close on 17 March" for "By what date did members have to respond on
    the offer?"); the same for a starting date ("From Monday 17 April 2023, …"). For a title,
    a sentence of the leading release giving one ("The manifesto, titled Leading the Recovery").
    School subjects or a grade may share no word with the question."""
    if not sentences:
        return sentences
    best = max(sentences, key=lambda s: s.score)
    if answers_outright(question, best):
        return sentences
    lead, top = sentences[0].hit.passage.doc_id, best.score
    most = max(s.lexical for s in sentences)
    closing = [s for s in sentences if s.hit.passage.doc_id == lead and question.gives_bound(s.text)]
    if not closing and question.deadline:
        # The leading release gives none ("which closed last week", in a union's response): another
        # found that does, its sentences found speaking of all the rest of the question ("The
        # consultation is open for 12 weeks, until 12 February 2024"; not "Schools will close by
        # Friday 20 March", of no consultation)
        closing = [s for s in sentences if s.lexical > 0 and question.gives_bound(s.text)
                   and speaks_of_all(question, sentences, s, _CLOSING_WORDS)][:1]
    shared = any(s.lexical > 0 for s in closing)
    counted: list[Sentence] = []

    def figure(s: Sentence) -> bool:
        # (a share asked for is a share: not "NAHT balloted around 29,000 members" for "What proportion of
        # members returned a ballot paper?")
        return figure_of(s.text, question.focus, s.context, question.share) and (not question.share
                                                                                 or gives_share(s.text))
    if question.focus and not question.title and not any(s.hit.passage.doc_id == lead and figure(s)
                                                          for s in sentences):
        # The same for a count the leading release does not give ("the recommendations of Professor
        # Graham Donaldson's review", of a conference): the best of another release found speaking
        # of all the question ("The report, "Successful Futures", makes 68 recommendations").
        counted = sorted((s for s in sentences if s.lexical > 0 and figure(s)
                          and speaks_of_all(question, sentences, s)), key=lambda s: -s.score)[:1]

    def lifted(s: Sentence) -> bool:
        if question.title:  # "What was the manifesto called?": "The manifesto, titled Leading the Recovery, …"
            return s.hit.passage.doc_id == lead and gives_title(s.text, question.words)
        if question.focus:
            return s.hit.passage.doc_id == lead and figure(s) or s in counted
        # "When was the deadline …?": "The consultation closes on 12 February 2024"; "When did it
        # begin?": "From Monday 17 April 2023, …"
        if question.deadline or s in closing:
            return s in closing and (s.lexical > 0 or not shared)
        return (s.hit.passage.doc_id == lead and (s.lexical > 0 or question.expects in NAMED_KINDS)
                or s.lexical == most > 0) and question.offered_by(s.text)
    # (above the best, even from a score of 0: a closing date may share no word with the question)
    return [replace(s, score=s.score + top * LIFT) if lifted(s) else s for s in sentences]


def speaks_of_all(question: Question, sentences: Sequence[Sentence], sentence: Sentence,
                  aside: frozenset[str] = frozenset()) -> bool:
    """Whether the sentences found of `sentence`'s release hold each of the question's topic words
    (but those `aside`), or a word that counts as it."""
    doc = sentence.hit.passage.doc_id
    said = set().union(*(analyse(s.text) for s in sentences if s.hit.passage.doc_id == doc))
    return all(not said.isdisjoint(g.variants) for g in question.groups if g.core and g.stem not in aside)


def answers_outright(question: Question, sentence: Sentence) -> bool:
    """Whether `sentence` gives what lift_figures lifts: a closing date asked for, a count beside
    the word for what is counted ("four purposes" is no count of recommendations; a share may be
    of anyone, "70 per cent of respondents"), or the kind of answer asked for."""
    if question.deadline or question.gives_bound(sentence.text):
        return question.gives_bound(sentence.text)
    if question.title:
        return gives_title(sentence.text, question.words)
    if question.surveyed_share(sentence.text):
        return True  # "67% said they had considered leaving" for "How many teachers were thinking of quitting?"
    return question.offered_by(sentence.text, sentence.context) and (
        not question.focus or question.share or gives_share(sentence.text)
        or figure_of(sentence.text, question.focus, sentence.context))


# What a sentence giving the figure asked for, in the release of the best sentence, scores at
# least, as a share of the best's score (with_companions). (0.9 left "79 per cent had considered
# leaving" behind two other releases' sentences about hours; 0.99 put a survey's shares above the
# anecdote "Did a little kid hit a teacher in Swansea?" asks about.)
COMPANION_SHARE = 0.95


def with_companions(question: Question, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences, those of the best sentence's release that give the figure asked for too
    raised to just under it: a release's opening gives a figure in round words ("Seven in ten
    school leaders"), and its own detail ("71 per cent were considering leaving") follows it
    before another release's sentences do. Its sentences giving a share of those asked ("62 per
    cent had considered leaving") count what the best one counts. For a yes-or-no question
    answered by a figure ("Are teachers abused online?": "Almost six in ten teachers …"), those
    shares are its companions."""
    if not sentences:
        return sentences
    best = max(sentences, key=lambda s: s.score)
    number = question.expects == "number"
    if not number and not offers_number(best.text, question.words):
        return with_survey_share(question, sentences, best)
    if number and not question.offered_by(best.text, best.context):
        return sentences

    # A companion speaks of the question's topic ("44% of respondents said they had experienced
    # verbal abuse" is no detail of teachers thinking of leaving).
    topic = question.topic_stems

    def gives(s: Sentence) -> bool:
        if topic and topic.isdisjoint(analyse(s.text)):
            return False
        return question.offered_by(s.text, s.context, surveyed=True) if number else gives_respondents_share(s.text)

    floor = best.score * COMPANION_SHARE
    return [replace(s, score=floor) if s is not best and s.score < floor and s.lexical > 0
            and s.hit.passage.doc_id == best.hit.passage.doc_id and gives(s) else s
            for s in sentences]


def with_survey_share(question: Question, sentences: list[Sentence], best: Sentence) -> list[Sentence]:
    """For a yes-or-no question whose best sentence gives no figure ("A new survey shows the toll
    the pandemic has taken on teachers' wellbeing"), the sentences, the best of its release's
    giving a share of those surveyed on the question's topic ("69% said their mental health had
    got worse"), or of those who voted for a question about a vote, raised to just under it: the
    survey's or the ballot's answer."""
    topic = question.topic_stems
    shares = [s for s in sentences if s is not best and s.hit.passage.doc_id == best.hit.passage.doc_id
              and s.lexical > 0 and (gives_respondents_share(s.text) or gives_voters_share(s.text, question.text))
              and not topic.isdisjoint(analyse(s.text))]
    if not shares:
        return sentences
    lifted = max(shares, key=lambda s: s.score)
    floor = best.score * COMPANION_SHARE
    return [replace(s, score=floor) if s is lifted and s.score < floor else s for s in sentences]


def answer_lift(top: float) -> float:
    """What a sentence naming where an event was, or who held the role asked about, gains
    over its own score: the best sentence's score with both bonuses."""
    return top * (1 + ANSWER_TYPE_BONUS) * (1 + FOCUS_BONUS)


def lift_places(question: Question, hits: Sequence[Hit], per_hit: Sequence[Sequence[tuple[int, int]]],
                lexical: list[list[float]], idf: dict[str, float], top: float) -> list[list[float]]:
    """The lexical scores, those of sentences naming a rare place lifted when the passages name
    few (FEW_PLACES): then one of them is where the event was ("at the Meridian Conference
    Centre"), however few of the question's words it shares; their own scores order them.
    (Passages naming many, an encyclopaedia's, say nothing by naming one.)"""
    named = [[rare_places(question, h.passage.text[a:b], idf) for a, b in spans] for h, spans in zip(hits, per_hit)]
    if not 0 < len({p for row in named for found in row for p in found}) <= FEW_PLACES:
        return lexical
    return [[x + answer_lift(top) if found else x for x, found in zip(lx, row)] for lx, row in zip(lexical, named)]


def blend(lexical: float, top: float, similarity: float | None, encoded: bool) -> float:
    """A sentence's score before decay: with a model, SIMILARITY_WEIGHT of its similarity
    (0 for one not compared) and the rest its share of the best lexical score `top`;
    without one, its lexical score."""
    if not encoded:
        return lexical
    return (1 - SIMILARITY_WEIGHT) * (lexical / (top or 1.0)) + SIMILARITY_WEIGHT * max(similarity or 0.0, 0.0)


def decay(rank: int) -> float:
    """What a sentence of the passage ranked `rank` keeps of its score: later passages weigh a
    little less, so ties go to the better passage."""
    return 1.0 / (1.0 + 0.1 * rank)


# Sentences compared with the question by the model, at most: encoding is most
# of a cold answer's time (about 15 ms a sentence on two cores).
SIMILARITY_BUDGET = 20


def worth_encoding(lexical: Sequence[Sequence[float]], budget: int = SIMILARITY_BUDGET) -> list[tuple[int, int]]:
    """(hit, sentence) indexes to compare with the question: each passage's first two
    sentences (where a paraphrased answer often is), then those sharing the most
    words with the question, up to `budget`."""
    opening = [(r, i) for r, scores in enumerate(lexical) for i in range(min(2, len(scores)))]
    sharing = sorted(((r, i) for r, scores in enumerate(lexical) for i, x in enumerate(scores) if x > 0),
                     key=lambda ri: -lexical[ri[0]][ri[1]])
    priority = list(dict.fromkeys([*sharing[:budget // 2], *opening, *sharing[budget // 2:]]))
    return sorted(priority[:budget])


Order = Callable[[Sequence[Sentence]], tuple]


def best_first(group: Sequence[Sentence]) -> tuple:
    """Quotes ordered by their best sentence's score: the answering sentence leads."""
    return (-max(c.score for c in group), group[0].rank)


def make_quotes(question: Question, sentences: Sequence[Sentence], idf: dict[str, float], *,
                max_quotes: int = 6, per_passage: int = 2, order: Order = best_first) -> list[Quote]:
    """Quote the sentences that best answer `question`.

    Args:
        question: The analysed question.
        sentences: Scored sentences (see `score_sentences`).
        idf: Term weights (from the ranker).
        max_quotes: Most sentences quoted in all.
        per_passage: Most sentences quoted from one passage.
        order: How the quotes are ordered (default: the best sentence first).

    Returns:
        The quotes, each with its citation, numbered in order.
    """
    chosen = _choose(list(sentences), question, idf, max_quotes, per_passage)
    if not chosen and sentences:
        # Nothing shares a word with the question (a dense-only match): quote
        # the opening sentence of the best passage.
        chosen = [sentences[0]]
    return assemble(chosen, order=order)


def _choose(candidates: list[Sentence], question: Question, idf: dict[str, float], max_quotes: int,
            per_passage: int) -> list[Sentence]:
    """The sentences to quote: those scoring near the best, plus any that
    answer a part of the question (a topic word) no chosen sentence has, and, for a figure or
    a date asked for that none of those gives, the best sentence giving it ("56.3 per cent of
    those eligible voted", scoring a third of the release's opening, which named the turnout
    without giving it)."""
    scored = [c for c in candidates if c.score > 0]
    if not scored:
        return []
    best = max(c.score for c in scored)
    floor = 0.35 * best
    topic_mass = sum(idf.get(g.stem, 1.0) for g in question.groups if g.core)
    picked: list[Sentence] = []
    per_hit: dict[int, int] = {}
    seen: set[str] = set()
    covered: set[str] = set()
    for c in sorted(scored, key=lambda c: (-c.score, c.rank, c.start)):
        if len(picked) >= max_quotes:
            break
        key = normalise_space(c.text).casefold()
        if per_hit.get(c.rank, 0) >= per_passage or key in seen:
            continue
        present = set(analyse(c.text))
        topics = {g.stem for g in question.groups if g.core and any(v in present for v in g.variants)}
        novel = sum(idf.get(t, 1.0) for t in topics - covered)
        if c.score < floor and novel < 0.25 * topic_mass:
            continue
        seen.add(key)
        covered |= topics
        per_hit[c.rank] = per_hit.get(c.rank, 0) + 1
        picked.append(c)
    picked = with_continuations(picked, candidates, max_quotes)
    extra = giving_answer(scored, picked, question)
    return (picked[:max_quotes - 1] if extra else picked) + extra


# A sentence going on from the one before it, about what it named: "Support staff members were
# also balloted. *They* voted for strike action by 87.8 per cent on a turnout of 51.4 per cent."
_GOES_ON = re.compile(r"^\W*(?:They|Their|Theirs|It|Its|These|He|His|She|Her)\b")


def with_continuations(picked: list[Sentence], candidates: Sequence[Sentence], max_quotes: int) -> list[Sentence]:
    """`picked`, each followed by the next sentence of its passage when that one goes on from it
    (_GOES_ON): quoted alone, the first says who without what ("were also balloted")."""
    at = {(c.rank, c.index): c for c in candidates}
    out = list(picked)
    for c in picked:
        after = at.get((c.rank, c.index + 1))
        if len(out) < max_quotes and after is not None and after not in out and _GOES_ON.match(after.text):
            out.append(after)
    return out


def giving_answer(scored: list[Sentence], picked: list[Sentence], question: Question) -> list[Sentence]:
    """The best of `scored` giving the figure or date asked for, when none of `picked` does."""
    if question.expects not in ("number", "date") or any(answers_outright(question, c) for c in picked):
        return []
    return sorted((c for c in scored if c not in picked and answers_outright(question, c)),
                  key=lambda c: (-c.score, c.rank, c.start))[:1]


def assemble(chosen: list[Sentence], *, order: Order | None = None) -> list[Quote]:
    """One quote per passage: its chosen sentences in reading order, cuts marked.

    Args:
        chosen: The sentences to quote.
        order: Sort key of a passage's chosen sentences, ordering the quotes
            (default: the passages' rank).
    """
    by_hit: dict[int, list[Sentence]] = {}
    for c in chosen:
        by_hit.setdefault(c.rank, []).append(c)
    order_of = order or (lambda group: (group[0].rank,))
    order = sorted(by_hit, key=lambda r: order_of(by_hit[r]))
    numbers: dict[tuple[str, int], int] = {}
    quotes: list[Quote] = []
    for rank in order:
        group = sorted(by_hit[rank], key=lambda c: c.index)
        passage = group[0].hit.passage
        # Runs of adjacent sentences, each quoted whole from the passage: what stands between
        # two of them (a quotation mark trimmed from both, trim_quote_marks) is kept.
        runs: list[list[Sentence]] = []
        for c in group:
            if runs and c.index == runs[-1][-1].index + 1:
                runs[-1].append(c)
            else:
                runs.append([c])
        spans = [(run[0].start, run[-1].end) for run in runs]
        n = numbers.setdefault((passage.doc_id, passage.paragraph), len(numbers) + 1)
        quotes.append(
            Quote(
                text=f" {CUT} ".join(normalise_space(passage.text[a:b]) for a, b in spans),
                score=max(c.score for c in group),
                citation=Citation.of(n, passage),
                spans=tuple((passage.start + a, passage.start + b) for a, b in spans),
            )
        )
    return quotes
