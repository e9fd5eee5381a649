"""What an answer would rest on, measured: the evidence the decision weighs.

For the release the ranking puts first, and its best sentences: how much of
the question's topic its best passage and the whole release hold (idf
weighted), whether it holds every name and figure the question asks about,
how similar the best passage and sentence are to the question (with a
model), and whether the best sentence offers the kind of answer asked for
(a number for "how many", a date for "when", a name for "who").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, replace
from typing import Sequence

from .analysis import analyse, figure_term
from .answer_scan import answered_by_share
from .answertype import SURVEY_WORDS, asks_when_to_happen, gives_respondents_share, gives_voters_share
from .comparison import compared_groups, gives_both
from .contrast import CONTRASTS, holds, said_as, together
from .contrast import names as names_phrase
from .outcome import asks_outcome, outcome_reported
from .place_lists import beside_another, unlisted
from .question import EXPANSIONS, Question, TermGroup
from .quoting import Sentence, answers_outright
from .ranker import RARE_NAME_IDF, Ranking
from .sentences import sentence_spans

# The kind of answer asked for must be in one of this many best sentences (what quoting leads with).
ANSWER_TYPE_DEPTH = 3
NAME_DEPTH = 3  # the releases of this many leading passages: where quotes come from
# A word in more than a fifth of the corpus's passages (the ranker's idf below this) is common.
COMMON_IDF = math.log(1.0 + 4.0)


@dataclass(frozen=True)
class Evidence:
    """The measurements a decision is made on (each in [0, 1]).

    Attributes:
        coverage: idf-weighted share of the topic words in the best passage.
        release_coverage: The same over the whole leading release.
        about: The same over its headline and first paragraph (what the release is about).
        names: idf-weighted share of the names the question asks about ("Ceredigion")
            that the leading release holds (1 when it asks about none).
        figures: The same for its figures ("2026-27", "£12m").
        dense: Cosine similarity of the best passage (0 without a model).
        sentence: Cosine similarity of the best sentence (0 without a model).
        margin: How far the best sentence stands out: its similarity less the
            median of the hits' sentences (0 without a model).
        agree: 1 when BM25's best passage and the model's best are from the same
            release (0 when they differ, or without a model).
        answer_type: 1 when one of the best sentences offers the kind of answer asked
            for (or none is asked for), else 0; a figure of what is asked about
            ("How many pupils …?": a figure in a sentence naming pupils).
        topic: 1 when the question names a topic at all.
        given: 1 when one of the best sentences gives what is asked for outright: for a figure of
            something, beside the word for it ("1,047 teachers left the profession"; not "from
            Wednesday 8 February" in a sentence naming schools); for a date, a place or school
            subjects, one (quoting.answers_outright); for yes or no, a survey's or a ballot's
            share speaking of the question's topic (gives_share_on_topic).
        rare_name_missing: 1 when none of the leading releases holds a name the question
            asks about that is rare in the corpus (or absent from it): "Newport" in a question
            about school funding the releases never give for Newport.
        figure_missing: 1 when the question names figures ("the 2026-27 draft budget",
            "£12m", "from September 2025") and the leading release, a dated one, holds none
            of them: it is about another year or sum. (In an undated collection, such as
            encyclopaedia paragraphs, "the 1950s" or "3rd" is written too many ways to rule on.)
        place_missing: 1 when the question asks where, and the leading release, a dated one, names
            no place but those found all over the corpus ("in Wales"): it does not say where.
        count_unqualified: 1 when the question asks for a figure of something ("How many teachers
            were physically assaulted?") and none of the releases found, dated ones, holds any other
            word of its topic: their figures count something else.
        holder_missing: 1 when the question asks who held a role ("Who was X's president?"), and
            the leading release, a dated one, names nobody beside that role.
        subject_missing: 1 when the question asks what was said about something ("What did
            Estyn's annual report say about attendance?") and none of the leading releases holds
            any of its words, nor any word that counts as one: they say nothing about it.
        outcome_unreported: 1 when the question asks how something turned out ("Did X go ahead
            with Y in the end?", outcome.py) and none of the best sentences, from a dated release,
            reports an outcome: they announce what was proposed or is still to be decided.
        groups_uncompared: 1 when the question compares two groups ("Were male or female heads
            more likely …?", comparison.py) and no sentence found, from a dated release, names
            both: a figure for all of them does not tell them apart.
        year_unnamed: 1 when the question names a thing by the year it is for ("the draft budget
            for 2023-24", year_named.py) and none of the leading releases, dated ones, names it so:
            they speak of another year's, or of that year's something else.
        when_unsaid: 1 when the question asks when something is to happen ("When will free meals
            reach secondary schools?") and none of the best sentences, from a dated release, gives
            a date it will (a date someone calls for is not one: answertype.dates_called_for).
        person_unnamed: 1 when the question asks what a person named in full said ("What did
            Kirsty Williams say about the PISA 2018 results?", question.person_speaking), or a body
            the corpus only names (question.spelt_speaker), and none of the leading releases, dated
            ones, holds their whole name with its topic: they quote someone else ("Mr Williams
            added", another Williams).
    """

    coverage: float
    release_coverage: float
    about: float
    names: float
    figures: float
    dense: float
    sentence: float
    margin: float
    agree: float
    answer_type: float
    topic: float
    given: float = 0.0
    rare_name_missing: float = 0.0
    figure_missing: float = 0.0
    place_missing: float = 0.0
    holder_missing: float = 0.0
    count_unqualified: float = 0.0
    subject_missing: float = 0.0
    outcome_unreported: float = 0.0
    groups_uncompared: float = 0.0
    year_unnamed: float = 0.0
    when_unsaid: float = 0.0
    person_unnamed: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in asdict(self).items()}


def held(terms: Sequence[str], words: set[str], idf: dict[str, float]) -> float:
    """idf-weighted share of `terms` found in `words` (1 when there are none)."""
    top = max(idf.values(), default=1.0)
    total = sum(idf.get(t, top) for t in terms)
    return sum(idf.get(t, top) for t in terms if t in words) / total if total else 1.0


# Small numbers a release writes in words ("within five years" for "within 5 years").
_NUMERALS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}


def with_numerals(words: set[str] | frozenset[str]) -> set[str]:
    """`words` with the figure of each small number they write in words ("five": "5"), and of
    each small figure written as a plural ("a class of year 9s": "9"; not a decade: "the 1990s")."""
    return set(words) | {_NUMERALS[w] for w in words if w in _NUMERALS} | {
        w[:-1] for w in words if 1 < len(w) <= 3 and w.endswith("s") and w[:-1].isdigit()}


def said_otherwise(names: Sequence[str], words: set[str] | frozenset[str]) -> set[str]:
    """Of `names`, those a release with `words` holds in its everyday form ("English" as
    "England", "Facebook" as "social media": everyday.py), or in the plural the stemmer keeps
    ("GCSE" as "GCSEs", indexed "gcses")."""
    return {n for n in names if any(v in words for v in EXPANSIONS.get(n, ())) or n + "s" in words}


def rare_name_missing(question: Question, ranking: Ranking, names: Sequence[str]) -> bool:
    """Whether the question asks about a name rare in the corpus that none of the leading
    releases holds. A name the question's reading respelt ("Sigimund" for "Sigismund") is
    left out: it is the respelt word that counts, and the reader meant a name the corpus has;
    so is one written in capitals ("GP", "INSET") that the corpus never writes so: releases may
    spell it out or say it otherwise; and one the releases hold in its everyday form ("English":
    "England"). One in capitals that the corpus does write so ("RAAC") is missing however common,
    unless the releases spell it out: a release about it would write it one way or the other."""
    held = leading_words(ranking)
    held |= said_otherwise(names, held)
    # (In dated releases only: an encyclopaedia's paragraph may say "the league" for "NFL".)
    dated = bool(ranking.hits) and ranking.hits[0].passage.doc_id in ranking.doc_dates
    spelt_out = dict(question.indexed) if dated else {}
    rare = rare_names(question, ranking, [n for n in names if n not in question.initialisms])
    return any(n not in held and (
        n in question.asked and not (spelt_out[n] and all(s in held for s in spelt_out[n])) if n in spelt_out
        else n in rare) for n in names)


def subject_missing(question: Question, ranking: Ranking) -> bool:
    """Whether the question asks what was said about something (question.subject) and none of
    the leading releases (those of the NAME_DEPTH leading passages, where quotes come from)
    holds any of its words or the words that count as them; or none holds a name of it that
    other releases use ("the Welsh Language Education Bill"): they speak of something else."""
    if not question.subject:
        return False
    leading = {h.passage.doc_id for h in ranking.hits[:NAME_DEPTH]}
    if any(not docs & leading for _, docs in question.named_in):
        return True
    # A word found all over the corpus ("Welsh" of "the Welsh draft budget") says nothing of it.
    return leading_words(ranking).isdisjoint(telling(question.subject, ranking.idf))


def year_unnamed(question: Question, ranking: Ranking) -> bool:
    """Whether the question names a thing by the year it is for ("the draft budget for 2023-24")
    that none of the leading releases names so (Question.for_year_in)."""
    leading = {h.passage.doc_id for h in ranking.hits[:NAME_DEPTH]}
    return any(not docs & leading for docs in question.for_year_in)


def leading_words(ranking: Ranking) -> set[str]:
    """The words of the releases of the NAME_DEPTH leading passages (where quotes come from)."""
    leading = {h.passage.doc_id for h in ranking.hits[:NAME_DEPTH]}
    return set().union(*(ranking.doc_terms.get(doc, set()) for doc in leading))


def count_unqualified(question: Question, ranking: Ranking) -> bool:
    """Whether the question asks for a figure of something ("How many teachers were physically
    assaulted?") and none of the releases found holds a word saying which of it is counted
    (question.qualifiers): the figures they give count other things ("1,380 teachers" surveyed);
    or none names the kind of it counted ("How many *female* heads …?", question.counted_kind), or
    what a score asked for is of (question.scored_in).
    (Ruled on for dated releases only, as figure_missing: encyclopaedia paragraphs, which a
    reader's question rewords throughout, lost 0.2 points of SQuAD to it.)"""
    held = set().union(*(ranking.doc_terms.get(h.passage.doc_id, set()) for h in ranking.hits))
    if any(not any(v in held for v in variants) for variants in question.scored_in):
        return True  # "What did Wales score in creative thinking?" of releases giving reading and science
    if any(not any(v in held for v in variants) for variants in question.counted_kind):
        return True  # "How many registered school teachers …?" of a survey of "1,047 teachers"
    if not question.qualifiers:
        return False
    return not any(v in held for variants in question.qualifiers for v in variants)


def years_of(issued: "dt.date") -> set[str]:
    """The years a release issued on `issued` speaks of without naming them: its own, and the
    financial or school years it falls in or follows ("the current financial year" of September
    2021: 2021-22; "the last financial year" of December 2017: 2016-17); not one still to start
    (a release of January 2019 does not speak of 2019-20, which starts in April at the soonest)."""
    year = issued.year
    spans = {f"{year - 1}_{year % 100:02d}"} | ({f"{year}_{(year + 1) % 100:02d}"} if issued.month >= 4 else set())
    return {str(year), *spans}


_YEARLIKE = re.compile(r"(?:19|20)\d\d(?:_\d\d)?")
# The year a report is on: "the annual report for 2023-2024", "the Chief Inspector's report on 2019-20".
_REPORT_FOR = re.compile(r"\b(?:report|review)\s+(?:for|on)\s+(?:the\s+)?((?:19|20)\d\d)\s*[-–/]\s*"
                         r"((?:19|20)?\d\d)\b", re.IGNORECASE)


def reported_years(question: str) -> list[str]:
    """The school or financial years `question` names as what a report is on, as figure terms
    ("2023_24"): a release holds one by naming it, not by being issued in it."""
    return [figure_term([m.group(1), m.group(2)]) for m in _REPORT_FOR.finditer(question)]


def subject_holding_first(question: Question, ranking: Ranking) -> Ranking:
    """`ranking` with the first release found that speaks of what the question asks was said
    about (its names, or its telling words: subject_missing) put first, when none of the leading
    releases does: "What did X say about the consultation on the school year?" of X's manifesto
    that was "based on a consultation with 312 members", ranked above X's response to the school
    year consultation."""
    if not ranking.hits or not subject_missing(question, ranking):
        return ranking
    named = [docs for _, docs in question.named_in]
    wanted = telling(question.subject, ranking.idf)

    def holds(doc: str) -> bool:
        if named:
            return all(doc in docs for docs in named)
        return not ranking.doc_terms.get(doc, set()).isdisjoint(wanted)

    first = next((h.passage.doc_id for h in ranking.hits if holds(h.passage.doc_id)), None)
    return ranking if first is None else release_first(ranking, first)


def year_holding_first(question: Question, ranking: Ranking) -> Ranking:
    """`ranking` with the first of the leading releases (NAME_DEPTH) that holds a year the question
    names ("paid from autumn 2024", "in 2024-2025"; or the year it was issued in, years_of) put
    first, when the best release, a dated one, holds none: the 2019 award's "starting salary … to
    £24,906" is no answer for 2024, the 2024 award's "will rise to £32,433", found second, is."""
    years = [f for f in question.specifics[1] if _YEARLIKE.fullmatch(f)]
    if not years or not ranking.hits:
        return ranking

    def holds(doc: str) -> bool | None:
        if doc not in ranking.doc_dates or doc not in ranking.doc_terms:
            return None
        return release_holds(doc, years, ranking)

    if holds(ranking.hits[0].passage.doc_id) is not False:
        return ranking
    first = next((h.passage.doc_id for h in ranking.hits[:NAME_DEPTH] if holds(h.passage.doc_id)), None)
    return ranking if first is None else release_first(ranking, first)


def release_first(ranking: Ranking, doc: str) -> Ranking:
    """`ranking` with the hits of release `doc` put first, each part in its order."""
    return replace(ranking, hits=[*(h for h in ranking.hits if h.passage.doc_id == doc),
                                  *(h for h in ranking.hits if h.passage.doc_id != doc)])


def of_pair(sentence: Sentence, question: Question, ranking: Ranking) -> bool:
    """Whether `sentence` is from a release naming the one of a pair the question asks about
    (contrast.py: "support staff", "secondary"), or names it itself: a figure of a release that
    never names support staff ("Of those who voted, 91.3% backed strike action", of a teachers'
    ballot) is not theirs. Nor is a figure of a sentence naming neither of the pair, in a release
    whose headline names only the other: "Of the members who voted, 92 per cent backed strike
    action", under "Teachers in Wales vote to strike", is not support staff's, though the release
    says they "took part in a separate ballot". (Any sentence, for undated passages or releases
    not read.)"""
    doc = sentence.hit.passage.doc_id
    words = ranking.doc_terms.get(doc)
    if not question.contrasts or doc not in ranking.doc_dates or words is None:
        return True
    # (One found all over the corpus, "teachers" or "Wales" in a Welsh education collection, goes
    # without saying; so does one the question's words read otherwise: "head teachers" as headteachers.)
    asked = [mine for mine, other in question.contrasts.items() if other not in question.contrasts
             and all(t in ranking.idf for t in mine) and not all(common(t, ranking.idf) for t in mine)]
    stems = analyse(sentence.text)
    headline = analyse(sentence.hit.passage.title)

    def under_others_headline(mine: tuple[str, ...]) -> bool:  # naming neither, under "Teachers … vote"
        other = question.contrasts[mine]
        return names_phrase(headline, other) and not names_phrase(headline, mine) \
            and not names_phrase(stems, mine) and not names_phrase(stems, other)
    return all(any(set(p) <= words or holds(stems, p) for p in said_as(mine)) and not under_others_headline(mine)
               for mine in asked)


# What a turnout is of: the kind of poll taken.
_POLLS = frozenset(analyse("ballot ballots consultation consultations survey surveys poll polls vote votes referendum"))


def of_poll(sentence: Sentence, question: Question, ranking: Ranking) -> bool:
    """For a turnout asked of a kind of poll ("What was the turnout in NEU Cymru's consultation of
    members on the improved offer?"), whether `sentence` is from a release naming that kind (one of
    them: "members who voted in the 2023 ballot"), or a word that counts as it ("vote", "ballot"): a
    strike ballot's turnout, of a release never speaking of a consultation, is not the
    consultation's. (Any sentence, for undated passages or releases not read.)"""
    doc = sentence.hit.passage.doc_id
    words = ranking.doc_terms.get(doc)
    if "turnout" not in question.focus or doc not in ranking.doc_dates or words is None:
        return True
    polls = [g for g in question.groups if g.core and g.stem in _POLLS]
    return not polls or any(not words.isdisjoint(g.variants) for g in polls)


def of_figures(sentence: Sentence, figures: Sequence[str], ranking: Ranking) -> bool:
    """Whether `sentence` is from a release holding one of the figures the question names ("the
    2026-27 draft budget"), or the year it was issued in: a dated release without them gives a
    figure of another year ("held at £5.2m" in 2018). (Any sentence, for undated passages.)"""
    doc = sentence.hit.passage.doc_id
    return not figures or doc not in ranking.doc_dates or release_holds(doc, figures, ranking)


def of_year_named(sentence: Sentence, question: Question, ranking: Ranking) -> bool:
    """Whether `sentence` is from a release naming each thing the question names by the year it is
    for (Question.for_year_in: "the 2024-25 draft budget"): a figure of the 2026-27 draft budget's
    release, issued as 2024-25 was the last financial year, is not one of 2024-25's. (Any sentence,
    for undated passages, and when none of the leading releases names it so: year_unnamed says so.)"""
    doc = sentence.hit.passage.doc_id
    return doc not in ranking.doc_dates or year_unnamed(question, ranking) or all(
        doc in docs for docs in question.for_year_in)


def release_holds(doc: str, figures: Sequence[str], ranking: Ranking) -> bool:
    """Whether dated release `doc` holds one of `figures` as written, or as a year it was issued
    in or speaks of without naming it (years_of)."""
    words = with_numerals(ranking.doc_terms.get(doc, set())) | years_of(ranking.doc_dates[doc])
    return any(f in words for f in figures)


def common(term: str, idf: dict[str, float]) -> bool:
    """Whether `term` is found all over the corpus ("Wales" in a Welsh collection): a sentence
    giving a figure of it need not name it again ("83 per cent of schools were closed")."""
    return idf.get(term, max(idf.values(), default=1.0)) < COMMON_IDF


def telling(groups: Sequence[TermGroup], idf: dict[str, float]) -> frozenset[str]:
    """The stems of `groups` not found all over the corpus, and the words that count as them (of
    all of them, when every one is): what a release speaking of them holds."""
    rare = [g for g in groups if not common(g.stem, idf)] or groups
    return frozenset(v for g in rare for v in g.variants)


def rare_names(question: Question, ranking: Ranking, names: Sequence[str]) -> list[str]:
    """Of the names the question asks about, those rare in the corpus (a town, a school, a
    person: RARE_NAME_IDF) that it asks about as written."""
    top = max(ranking.idf.values(), default=1.0)
    return [n for n in names if n in question.asked and ranking.idf.get(n, top) >= RARE_NAME_IDF]


# A paragraph opening with a place sets where all its sentences are: "In England, 87 per cent … However,
# the turnout of 42 per cent was below the 50 per cent threshold."
_FRAME = re.compile(r"^\W*(?:In|Across|Throughout)\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}),")


def frame(paragraph: str) -> str:
    """The place a paragraph opens with, setting where its sentences are ("In England, …"), or ""."""
    m = _FRAME.match(paragraph)
    return m.group(1) if m else ""


def sentence_before(sentence: Sentence) -> str:
    """The sentence before `sentence` in its paragraph, or "" for a paragraph's first."""
    before = sentence.hit.passage.text[:sentence.start]
    spans = sentence_spans(before)
    return before[slice(*spans[-1])] if spans and "\n" not in before[spans[-1][1]:] else ""


def of_names(sentence: Sentence, names: Sequence[str], ranking: Ranking, places: Sequence[str] = ()) -> bool:
    """Whether `sentence` is from a release holding every rare name the question asks about
    (`names`: "How many schools in Swansea had RAAC?"): a dated release without one gives the
    answer for something else ("RAAC … in four school buildings across three local
    authorities"). The place of what is counted (`places`, Question.counted_in: "schools in
    Torfaen", "the turnout in England"), rare or not found all over the corpus, must be named in
    the sentence itself, in the sentence introducing its list, or at the head of its paragraph
    ("In England, …"), and not only in a list of places (place_lists.py). Nor is a sentence naming
    another of a list the release names a rare name in of that name ("3,000 teachers … marched
    from Cardiff Central station" for the rally in Aberystwyth).
    (Any sentence, for undated passages or releases not read.)"""
    doc = sentence.hit.passage.doc_id
    words = ranking.doc_terms.get(doc)
    if not (names or places) or doc not in ranking.doc_dates or words is None:
        return True
    if places:
        # "How many schools in Torfaen …?": a place's figure is given beside the place, not by a
        # release or paragraph naming it in passing ("One primary headteacher in Torfaen wrote");
        # or just before it, of the same people ("Of those members in England who voted, 72 per
        # cent backed action. However, turnout was 42 per cent")
        around = {t for text in (sentence.text, sentence.context, frame(sentence.hit.passage.text),
                                 sentence_before(sentence)) for t in analyse(unlisted(text))}
        if not all(n in around or said_otherwise([n], around) or opened_on(n, sentence, ranking) for n in places):
            return False
    texts = [h.passage.text for h in ranking.hits if h.passage.doc_id == doc]
    return all((n in words or said_otherwise([n], words)) and not beside_another(n, sentence.text, texts)
               for n in names)


def opened_on(place: str, sentence: Sentence, ranking: Ranking) -> bool:
    """Whether `sentence` is of a release opening on one of a pair of places (contrast.CONTRASTS:
    "a 5.5 per cent pay award for teachers and school leaders in England", not Wales too) in a
    paragraph naming neither: its figures are of that place ("schools would receive additional
    funding of £1.2bn", for "… schools in England …"). A paragraph naming the other sets its own."""
    other = CONTRASTS.get((place,))
    opening = ranking.doc_about.get(sentence.hit.passage.doc_id, set())
    paragraph = analyse(sentence.hit.passage.text)
    return other is not None and place in opening and not set(other) <= opening \
        and not set(other) <= set(paragraph) and place not in paragraph


# Topic words a survey's or a ballot's share must speak of to answer a yes-or-no question outright.
SHARE_TOPIC_WORDS = 2


def gives_share_on_topic(question: Question, sentence: str) -> bool:
    """Whether `sentence` gives a share of those a survey or a ballot asked ("71 per cent said waiting
    times for educational psychologists had increased") speaking of SHARE_TOPIC_WORDS of the
    question's topic words, the survey's own left out: the answer to "Are kids waiting longer to see
    a psychologist?"."""
    if not (gives_respondents_share(sentence) or gives_voters_share(sentence, question.text)):
        return False
    present = set(analyse(sentence))
    return sum(1 for g in question.groups if g.core and g.stem not in SURVEY_WORDS
               and not present.isdisjoint(g.variants)) >= SHARE_TOPIC_WORDS


def gather(question: Question, ranking: Ranking, sentences: Sequence[Sentence]) -> Evidence:
    """Measure the evidence for answering `question` from `ranking`.

    Args:
        question: The analysed question.
        ranking: The ranked hits (with the leading releases' words).
        sentences: The scored sentences of the hits (quoting.score_sentences).

    Returns:
        The evidence.
    """
    if not ranking.hits:
        return Evidence(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, float(bool(question.core)))
    idf = ranking.idf
    top_idf = max(idf.values(), default=1.0)
    lead = ranking.hits[0].passage.doc_id
    words = ranking.doc_terms.get(lead, set())
    core = [g for g in question.groups if g.core]
    total = sum(idf.get(g.stem, top_idf) for g in core)
    covered = sum(idf.get(g.stem, top_idf) for g in core if any(v in words for v in g.variants))
    about = ranking.doc_about.get(lead, set())
    covered_about = sum(idf.get(g.stem, top_idf) for g in core if any(v in about for v in g.variants))
    names, figures = question.specifics
    spelt = [n for n in names if n not in question.initialisms]  # "INSET" may be spelt out, or said otherwise
    # A release holds the year it was issued in ("by autumn 2020" of a release of September 2020).
    issued = ranking.doc_dates.get(lead)
    # (not the year a report is for: "Estyn's annual report for 2023-2024" names it, whenever it came out)
    unsaid = years_of(issued) - set(reported_years(question.text)) if issued else set()
    figures_held = held(figures, with_numerals(words) | unsaid, idf)
    best = sorted(sentences, key=lambda s: -s.score)[:ANSWER_TYPE_DEPTH]
    sims = [s.similarity for s in sentences if s.similarity is not None]
    answer_type, given = 1.0, 0.0
    if question.expects is not None:
        rare = rare_names(question, ranking, spelt)
        counted_in = [n for n in spelt if n in question.counted_in and (n in rare or not common(n, ranking.idf))]
        # (a place named all over the corpus, "members in Wales", goes without saying; but a figure
        # "across England and Wales" is theirs together, not the one asked about's)
        everywhere = [n for n in spelt if n in question.counted_in and n not in counted_in]
        fitting = [s for s in best if of_figures(s, figures, ranking) and of_names(s, rare, ranking, counted_in)
                   and of_year_named(s, question, ranking) and of_pair(s, question, ranking)
                   and of_poll(s, question, ranking)
                   and not any(together(s.text, (n,)) for n in everywhere)]
        # (a share of those a survey asked answers for them when it speaks of more than who they are:
        # "67% said they had considered leaving" for "How many teachers were thinking of quitting?")
        answer_type = float(any(question.offered_by(s.text, s.context, surveyed=question.surveyed_share(s.text))
                                for s in fitting))
        given = float(any(answers_outright(question, s) for s in fitting))
    elif answered_by_share(question):
        given = float(any(gives_share_on_topic(question, s.text) for s in best))
    return Evidence(
        coverage=ranking.coverage,
        release_coverage=covered / total if total else 0.0,
        about=covered_about / total if total else 0.0,
        names=held(spelt, words | said_otherwise(spelt, words), idf),
        figures=figures_held,
        dense=max(ranking.similarity or 0.0, 0.0),
        sentence=max(max(sims, default=0.0), 0.0),
        margin=max(max(sims) - sorted(sims)[len(sims) // 2], 0.0) if sims else 0.0,
        agree=float(bool(ranking.agree)),
        answer_type=answer_type,
        given=given,
        topic=float(bool(core)),
        rare_name_missing=float(rare_name_missing(question, ranking, names)),
        figure_missing=float(bool(figures) and issued is not None and figures_held == 0.0),
        count_unqualified=float(issued is not None and count_unqualified(question, ranking)),
        subject_missing=float(subject_missing(question, ranking)),
        outcome_unreported=float(issued is not None and asks_outcome(question.text)
                                 and not outcome_reported(question.text, on_topic(best, core, idf))),
        groups_uncompared=float(issued is not None and uncompared(question, sentences)),
        year_unnamed=float(issued is not None and year_unnamed(question, ranking)),
        when_unsaid=float(issued is not None and not answer_type and question.expects == "date"
                          and asks_when_to_happen(question.text)),
        person_unnamed=float(issued is not None and person_unnamed(question, ranking)),
    )


def person_unnamed(question: Question, ranking: Ranking) -> bool:
    """Whether the question asks what a person named in full said (question.person_speaking), or a
    body that speaks only in others' releases (question.spelt_speaker: "What did the WLGA say …?"),
    and none of the leading releases holds their whole name and a telling word of the question's
    topic: they quote someone else on it ("Mr Williams added"), or name the speaker on something else."""
    name = set(question.person_speaking or question.spelt_speaker)
    if not name:
        return False
    topic = telling([g for g in question.groups if g.core and g.stem not in name], ranking.idf)
    leading = {h.passage.doc_id for h in ranking.hits[:NAME_DEPTH]}
    return not any(name <= (words := ranking.doc_terms.get(doc, set())) and not topic.isdisjoint(words)
                   for doc in leading)


# The words asking how something turned out ("in the end", "finally", "decide"): not its topic.
_OUTCOME_WORDS = frozenset(analyse("end finally ultimately eventually decide decided decision result outcome"))


def on_topic(sentences: Sequence[Sentence], core: Sequence[TermGroup], idf: dict[str, float]) -> list[str]:
    """The texts of `sentences` holding a telling word of the question's topic (`core`, less the
    words asking how it turned out): an outcome of something else ("has confirmed that teachers
    will receive a 4% pay rise", for what was decided after the consultation on the school year)
    reports none of it."""
    words = telling([g for g in core if g.stem not in _OUTCOME_WORDS], idf)
    return [s.text for s in sentences if not words.isdisjoint(analyse(f"{s.context} {s.text}"))]


def uncompared(question: Question, sentences: Sequence[Sentence]) -> bool:
    """Whether the question compares two groups and no sentence found names both. A release speaks
    of the year it was issued in without naming it: "Schools are receiving £291 less per pupil than
    they did in 2010", in 2019, compares 2019 with 2010."""
    groups = compared_groups(question.text)
    return groups is not None and not gives_both(groups, [
        f"{s.context} {s.text} {s.hit.passage.date.year if s.hit.passage.date else ''}" for s in sentences])
