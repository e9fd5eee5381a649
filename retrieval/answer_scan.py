"""The rest of the leading release, scanned for the sentence that gives the answer asked for.

A question asking for a figure or a date ("What was the turnout in the
ballot?"), or for a title ("What was the report called?"), is often answered
by a short paragraph that shares few words with it ("In England, … the
turnout of 42.6 per cent was below the 50 per cent required by law"), while
the release's opening, full of the question's words, ranks above it and the
paragraph is not among the passages found. So the other paragraphs of the
leading release are read too, and their sentences that give that kind of
answer (for a count, the figure beside the word for what it counts) join the
candidates, scored as if from the second passage. Nothing else of them is
quoted. Asked how something turned out or what is to happen, the sentence
saying outright what was decided is looked for the same way
(outcome.decided_in).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Sequence

from .analysis import STOPWORDS, analyse, stem
from .answertype import (GIVEN_KINDS, NAMED_KINDS, QUESTION_START, figure_of, gives_respondents_share,
                         gives_title, gives_venue, gives_voters_share, places)
from .later_decision import asks_decision
from .outcome import decided_in
from .passages import LIST_ITEM
from .question import Question
from .quoting import (FEW_PLACES, Sentence, answer_lift, blend, decay, rare_places, sentence_score,
                      trim_quote_marks)
from .roles import ROLES, name_beside
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
# A place named in more than this share of the corpus's passages, and more than this many
# ("Wales"), says where of nothing.
COMMON_PLACE_SHARE = 0.1
COMMON_PLACE_PASSAGES = 20


# A question that opens by asking for a figure, a date, a place or the holder of a role ("What
# was …", "How many …", "When …", "In which year …", "Where …", "Who chaired …"), not one asking
# yes or no ("Will colleges limit how many …?"). (Not any name: nearly every sentence of a
# release holds one, so it would say little; a name beside the role asked about says much.)
_OUTRIGHT = re.compile(QUESTION_START + r"(?:when|which|what|how|where|who)\b", re.IGNORECASE)


def asks_outright(question: Question) -> bool:
    """Whether `question` opens by asking for a figure, a date, a place, school subjects, an exam
    grade, a role's holder or a title ("What was the union's 2019 report called?"), or asks how
    something turned out or what is to happen ("Did the Government go ahead with …?", "Are the
    summer holidays going to be cut?": "has confirmed that there will be no changes", in a
    paragraph sharing no word with it)."""
    return (question.expects in GIVEN_KINDS or bool(question.role)
            or question.title) and bool(_OUTRIGHT.match(question.text)) or asks_decision(question.text) \
        or answered_by_share(question)


def answered_by_share(question: Question) -> bool:
    """Whether `question` asks yes or no of what a survey's or a ballot's shares answer ("Are heads
    thinking of quitting?": "64 per cent were considering leaving", a paragraph past the release's
    opening; "Did heads vote for action?": "90.4% of members who voted backed action")."""
    return question.yes_or_no and question.expects is None and not asks_decision(question.text)


def whole_release(question: Question) -> bool:
    """Whether the answer asked for is looked for in all the leading release, the hits' own
    paragraphs too: a place or a role's holder, whose sentence ("Delegates meeting at the
    Glanrafon Hall in Llandudno", "Dewi Talfryn, President of NAHT Cymru, said:") may share no
    word with the question. (Only in a dated release: an encyclopaedia's paragraphs name places
    and people as their subject.)"""
    return question.expects == "place" or bool(question.role)


def gives_answer(question: Question, text: str, idf: dict[str, float], context: str = "") -> bool:
    """Whether `text` gives the kind of answer `question` asks for; for a count, with the
    figure beside the word for what it counts (or, for an item of a list, with that word in the
    sentence introducing the list, `context`); for a place, one rare in the corpus; for a
    role's holder, a name beside the role."""
    if question.expects == "place":
        return bool(rare_places(question, text, idf))
    if question.role:
        return name_beside(text, question.role, question.words)
    if question.title:
        return gives_title(text, question.words)
    if asks_decision(question.text):  # (and of the kind asked for, if one is: "When did X call off …?")
        if not decided_in(question.text, text):
            return False
        if question.expects is None:
            return True
    if answered_by_share(question):
        return gives_respondents_share(text) or gives_voters_share(text, question.text)
    if question.focus and gives_respondents_share(text):
        return question.offered_by(text, context, surveyed=True)  # "28% had been subjected to violence"
    if not question.offered_by(text, context):
        return False
    return not question.focus or figure_of(text, question.focus, context)


def lacking(question: Question, texts: Sequence[str], everywhere: frozenset[str],
            best: Sequence[str] = ()) -> dict[str, float]:
    """What the whole leading release (`texts`, a dated one) and the `best` sentences found, whatever
    their release, lack of the answer asked for, as evidence: for "Where …?", any place the question
    does not name but those the corpus names everywhere (`everywhere`: "wales"); for "Who was X's
    president?", any name beside the role."""
    # "Where was X's annual conference held?" of a release about X's hustings: it says where
    # something else was; so does a best sentence from another release not naming the event.
    event = held_event(question) if question.expects == "place" else ()
    # (a venue asked for is not the town: "Which venue in Llandudno …?"; the leading releases read name it,
    # or a best sentence naming the town the question does)
    towns = set(question.specifics[0])
    venues = [*texts, *(b for b in best if towns <= set(analyse(b)))]
    texts = [*texts, *(b for b in best if not event or not set(event).isdisjoint(analyse(b)))]
    if question.expects == "place":
        named = any(t not in everywhere for text in texts for place in places(text, question.words, question.school)
                    for t in analyse(place))
        named = named and (not question.venue or any(gives_venue(text, question.words) for text in venues))
        told = not event or any(not set(event).isdisjoint(analyse(text)) for text in texts)
        return {} if named and told else {"place_missing": 1.0}
    if question.role & ROLES and not any(name_beside(text, question.role, question.words) for text in texts):
        return {"holder_missing": 1.0}
    return {}


# "Where was the annual conference held?", "Where did the rally take place?", "Where is the summit
# being staged?": the event asked where of is the last word before the verb.
_WHERE_HELD = re.compile(QUESTION_START + r"where\s+(?:was|is|were|are|will|did|does|do)\s+(?:[\w’'-]+\s+){0,6}?"
                         r"(?P<event>[a-z][\w-]*)\s+(?:be\s+|being\s+)?(?:held|hosted|staged|take\s+place|took\s+place"
                         r"|taking\s+place)\b", re.IGNORECASE)


def held_event(question: Question) -> tuple[str, ...]:
    """For "Where was X held?", the event X names (its last word, with the words that count as it:
    "conference"), or none."""
    m = _WHERE_HELD.match(question.text)
    if not m or m.group("event").lower() in STOPWORDS:
        return ()
    return question.variants(stem(m.group("event").lower()))


def named_everywhere(passages: int, freqs: dict[str, int]) -> frozenset[str]:
    """Of terms and the number of passages holding each (`freqs`), those in more than
    COMMON_PLACE_SHARE of the corpus's `passages`, and in more than COMMON_PLACE_PASSAGES (in a
    small collection every name is in a good share of it)."""
    return frozenset(t for t, n in freqs.items() if n > max(COMMON_PLACE_SHARE * passages, COMMON_PLACE_PASSAGES))


def place_terms(question: Question, texts: Sequence[str]) -> set[str]:
    """The indexed terms of the places `texts` name that the question does not (to weigh how
    rare each is in the corpus)."""
    return {t for text in texts for place in places(text, question.words, question.school) for t in analyse(place)}


def scan_release(question: Question, rest: Sequence["Passage"], idf: dict[str, float], *, first_rank: int,
                 top: float, similarity: "Callable[[list[str]], np.ndarray] | None" = None,
                 leadins: dict[int, str] | None = None) -> list[Sentence]:
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
        leadins: The sentence introducing each list item's list, by passage id (`lead_ins`).

    Returns:
        At most SCAN_LIMIT sentences, those sharing most with the question.
    """
    spans = [(r, i, *trim_quote_marks(passage.text, a, b)) for r, passage in enumerate(rest[:SCAN_PASSAGES])
             for i, (a, b) in enumerate(sentence_spans(passage.text))]
    texts = [rest[r].text[a:b] for r, _, a, b in spans]
    # A release naming a few places names where its event was: a sentence naming one is often
    # about the event in other words ("delegates meeting at the Glanrafon Hall in Llandudno"),
    # so it scores as the best of the hits' sentences would if it named one, over its own
    # score (which orders sentences naming places). (A text naming many, an encyclopaedia
    # article, says nothing by naming one.)
    # The same for the sentences naming someone beside the role asked about.
    named = {p for text in texts for p in rare_places(question, text, idf)} if question.expects == "place" else ()
    lifted = 0 < len(named) <= FEW_PLACES or bool(question.role) or question.title or asks_decision(question.text)
    lift = answer_lift(top) if lifted else 0.0
    found: list[tuple[int, int, int, int, str, float]] = []
    leadins = leadins or {}
    for (r, i, a, b), text in zip(spans, texts):
        leadin = leadins.get(rest[r].passage_id or -1, "")
        if gives_answer(question, text, idf, leadin):
            # (lift: 0 unless a place, a holder or a title is asked for.) A date in a list of
            # dates shares the question's words through the sentence introducing it ("will
            # strike on:"); a figure in a list is scored by its own words, as the list's items
            # all share the introduction's.
            dates = question.expects == "date" and leadin
            score = sentence_score(question, f"{leadin} {text}" if dates else text, idf) + lift
            if question.venue and gives_venue(text, question.words):  # "at the Telford International Centre"
                score += answer_lift(top)
            # (A closing date may share no word with the question: "The consultation will close on
            # 17 March" for "By what date did members have to respond on the offer?"; nor need school
            # subjects or grades named: "… were modern foreign languages, music, design and technology")
            if score > 0 or question.gives_bound(text) or question.expects in NAMED_KINDS:
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
                            score, sim, leadins.get(rest[r].passage_id or -1, "")))
    return out


def lead_ins(passages: Sequence["Passage"]) -> dict[int, str]:
    """For each passage of a release (in reading order) that is an item of a list, the last
    sentence of the paragraph before the list ("Of the 512 teachers and support staff who
    responded:"): what the item's figures count."""
    out: dict[int, str] = {}
    intro = ""
    for passage in passages:
        if not LIST_ITEM.match(passage.text):
            spans = sentence_spans(passage.text)
            intro = passage.text[slice(*spans[-1])] if spans else ""
        elif intro and passage.passage_id is not None:
            out[passage.passage_id] = intro
    return out
