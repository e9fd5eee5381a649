"""Another time's release answering for the time asked about.

When no release of the time a question asks about covers it, a release of
another time may still answer: one published after it reporting what happened
then ("In January 2015 there were around 71,000 surplus places", published
that September; "last September" in a release of June 2019), a survey's own
"last twelve months" for "in the past year", or, for what would be, one
published before it saying what would. A year may name an event rather than
when a release was issued ("the 2012 PISA tests", reported in December 2013;
"the summer 2021 exams", cancelled in November 2020): a release within a year
of it naming it answers. answering.py quotes it, with a note.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from typing import Callable, Sequence

from .analysis import analyse
from .answer_scan import held_event
from .evidence import telling
from .question import Question
from .quoting import Sentence
from .timeframe import TimeFrame, times_said

# The best sentences found outside the time asked about that are looked at for naming it.
REPORTS_DEPTH = 3
# A release naming the month asked about anywhere reports on it when issued this soon after.
REPORTS_AFTER = dt.timedelta(days=183)
MONTH_DAYS = 31
# A release naming the year asked about reports that year's events when issued this near it.
YEAR_NEAR = dt.timedelta(days=366)


# A question about what would or will be: a release from before the time may say.
# "Which year groups were to sit the tests in 2013?" is the future seen from the past.
_AHEAD = re.compile(r"\b(?:would|will|could|might|shall|expect(?:s|ed)?|forecasts?|projected|predicted|likely"
                    r"|going|due|targets?|aims?|decision\s+to|(?:set|planned|plans?|was|were|about)\s+to"
                    # "What score did the minister want Wales to reach in 2021?", "… hoped to open by 2020?"
                    r"|want(?:s|ed)?\s+(?:[\w'’-]+\s+){1,4}?to"
                    r"|(?:hop(?:e|es|ed|ing)|aim(?:ed|ing)|intend(?:s|ed)?)\s+to)\b",
                    re.IGNORECASE)


# A time a change takes effect from, named before it comes ("will rise to £24,095 from 1 September
# 2019", "will be taught from September 2025"): a release issued before it says what it brings.
_FROM = re.compile(r"\b(?:from|starting|effective)\s+(?:(?:on|in)\s+)?(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?$",
                   re.IGNORECASE)
# A day fixed before it comes ("will strike on Thursday 17 October 2013"): a release issued before
# it says when.
_ON_DAY = re.compile(r"\bon\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?\d{1,2}(?:st|nd|rd|th)?\s+$",
                     re.IGNORECASE)


# A release's own "past year": what a survey asking "in the last twelve months" reports.
_ROLLING = re.compile(r"\b(?:in|over|during|within)\s+the\s+(?:last|past|previous)\s+(?:(?:\d+|two|three|six|"
                      r"twelve|few)\s+)?(?:years?|months?|weeks?|terms?)\b", re.IGNORECASE)


# A year naming a law is not a time spoken of: "the Additional Learning Needs Act 2018".
_NOT_A_LAW = "".join(rf"(?<!\b{word} )" for word in ("Act", "Measure", "Regulations", "Order", "Bill"))


# A season of a year, as a question names it ("summer 2021").
_SEASON_OF = re.compile(r"(?:spring|summer|autumn|fall|winter)\s+(\d{4})", re.IGNORECASE)

# The words before a time as a question puts it ("in spring 2021"), not the time's own.
_LEADING = re.compile(r"^(?:(?:in|during|for|by|over|at|the|of|after|since|from|until|before)\s+)+", re.IGNORECASE)


def window_named(t: TimeFrame, question: str = "") -> re.Pattern[str] | None:
    """How a sentence names the time asked about: its label ("January 2015"; a year as part of
    a span, "2020-21", is another time), or for months spanned ("June 2021 to August 2021"),
    the `question`'s own words for them ("summer 2021"); or, for a window running back from
    today ("in the past year"), a period running back from the release's own day ("in the last
    twelve months"). None when the question asks of no closed window."""
    if not t.label or t.since is None or t.until is None:
        return None
    if t.rolling:
        return _ROLLING
    said = [_LEADING.sub("", question[a:b]) for a, b in t.spans] if " to " in t.label else []
    # A season's events are named by their year alone too: "the 2021 exams" for "summer 2021".
    seasons = [m.group(1) for x in said if (m := _SEASON_OF.fullmatch(x))]
    phrases = [t.label, *(x for x in said if any(c.isdigit() for c in x)), *seasons]
    return re.compile(_NOT_A_LAW + r"(?<!\d[-–/])\b(?:" + "|".join(map(re.escape, phrases)) + r")\b(?![-–/]\d)")


def topic_words(question: Question, idf: dict[str, float]) -> frozenset[str]:
    """The question's telling topic words (evidence.telling): what a release reporting on the
    time asked about says of it; for where an event was held, the event ("The ballot, which runs
    until 13 January 2023, is being held …" says nothing of where the 2023 conference was)."""
    event = held_event(question)
    return frozenset(event) if event else telling([g for g in question.groups if g.core], idf)


def of_topic(text: str, topic: frozenset[str]) -> bool:
    """Whether `text` holds a word of `topic` (topic_words): "the 2022 PISA results" do not speak of
    "the 2022 teachers' pay award". (Any text, when there is no topic to hold.)"""
    return not topic or not topic.isdisjoint(analyse(text))


def reports_window(question: Question, sentences: Sequence[Sentence], named: re.Pattern[str],
                   topic: frozenset[str] = frozenset()) -> bool:
    """Whether one of the best `sentences` reports on the time asked about (reporting)."""
    return bool(reporting(question, sentences, named, topic))


def reporting(question: Question, sentences: Sequence[Sentence], named: re.Pattern[str],
              topic: frozenset[str] = frozenset()) -> list[Sentence]:
    """Those of the best `sentences` found outside the window (any, for a month or a day)
    naming the time asked about (`named`, window_named): a release after it reporting what
    happened then ("In January 2015 there were around 71,000 surplus places", published that
    September; "36 per cent had been assaulted in the last twelve months" for "in the past
    year"), or, when the question asks what would be, one before it saying what would ("83 per
    cent of schools would have less funding per pupil in 2020"; not "How many members voted in
    January 2023?" from the release announcing the ballot); or, for a month or a day, one shortly
    before it fixing it as when a change takes effect ("from 1 September 2019"), or, for a date
    asked, the day something is set for (fixes)."""
    t = question.time
    assert t.since is not None and t.until is not None
    ahead = bool(_AHEAD.search(question.text))
    # A month or a day is named in passing rarely: any sentence found naming it reports on it.
    best = sorted(sentences, key=lambda s: -s.score)[:None if short(t) else REPORTS_DEPTH]
    day, month = day_named(t), month_named(t) if ahead else None
    # ("How many members will the Senedd have after the May 2026 election?": "the Senedd election on
    # 7 May", in February 2026)
    opened = month_after(t) if ahead else None
    # "… will rise to £27,018 from September", in July 2020: the month without its year, in a
    # sentence giving the figure asked for (not "a pay award … from September" called for); or the
    # day set in it, for a date asked ("rallies … on Wednesday 1 February", the day before)
    date_asked = question.expects == "date"
    bare_month = month_named(t) if question.expects == "number" or date_asked else None

    def reports(s: Sentence, issued: dt.date) -> bool:  # after it, or before it for what would be
        return (issued > t.until or (ahead or t.rolling) and issued < t.since) and (
            names(named, s.text) or speaks_within(s.text, issued, t)
            or day is not None and issued <= t.until + REPORTS_AFTER and bool(day.search(s.text))
            or month is not None and t.since - REPORTS_AFTER <= issued < t.since and bool(month.search(s.text))
            or opened is not None and t.since - REPORTS_AFTER <= issued < t.since and bool(opened.search(s.text)))

    # A day of the time asked about, named without its year shortly before it, says what was set
    # for it ("schools will open to more pupils from 29 June", on 3 June 2020; "a hustings … on 12
    # March", in February 2026); not which days were struck or how many took part, which only a
    # release after it reports.
    day_ahead = None if question.expects in ("number", "date") else day_named(t) or day_of_month(t)

    def fixed_before(s: Sentence, issued: dt.date) -> bool:  # shortly before a month or day it fixes
        return short(t) and t.since - REPORTS_AFTER <= issued < t.since and (
            fixes(named, s.text, date_asked) or bare_month is not None and fixes(bare_month, s.text, date_asked)
            and question.offered_by(s.text, s.context) or day_ahead is not None and bool(day_ahead.search(s.text)))

    # (from a release giving the kind of figure asked for: "down from 35,682 in 2020" in a release
    # giving no sum is no fee of 2020)
    offering = {s.hit.passage.doc_id for s in sentences
                if question.expects != "number" or question.offered_by(s.text, s.context)}
    return [s for s in best if s.hit.passage.date is not None
            and (reports(s, s.hit.passage.date) or fixed_before(s, s.hit.passage.date))
            and of_topic(f"{s.context} {s.text}", topic) and s.hit.passage.doc_id in offering]


def led_by(sentences: Sequence[Sentence], reports: Sequence[Sentence]) -> list[Sentence]:
    """`sentences` with those of the releases `reports` are from (reporting) scored above the rest,
    in their own order: the release that speaks of the time asked about is quoted first ("3,451
    pupils from 140 schools … in November and December 2015", not the 2012 tests' figures that
    score a little higher)."""
    docs = {s.hit.passage.doc_id for s in reports}
    top = max((s.score for s in sentences), default=0.0)
    return [replace(s, score=s.score + top) if s.hit.passage.doc_id in docs and s.score > 0 else s for s in sentences]


def fixes(named: re.Pattern[str], text: str, date_asked: bool = False) -> bool:
    """Whether `text` names the time asked about (`named`) as the one a change takes effect from
    ("from 1 September 2019"), or, when a date is asked for (`date_asked`), as the day something
    is fixed for ("on Thursday 17 October 2013")."""
    return any(_FROM.search(text[:m.start()]) or (date_asked and _ON_DAY.search(text[:m.start()]))
               for m in named.finditer(text))


_DAY_LABEL = re.compile(r"(\d{1,2} [A-Z][a-z]+) \d{4}")
_MONTH_LABEL = re.compile(r"([A-Z][a-z]+) \d{4}")


def day_named(t: TimeFrame) -> re.Pattern[str] | None:
    """For a day asked about ("the strike on 1 February 2023"), how a release issued soon after
    names it without its year ("On 1 February, 83 per cent of schools were closed")."""
    return _without_year(_DAY_LABEL, t)


def month_named(t: TimeFrame) -> re.Pattern[str] | None:
    """For a month asked about as what was to come ("Which days were teachers due to strike in
    February 2023?"), how a release issued in the months before names it without its year
    ("will strike on Wednesday 1 February")."""
    return _without_year(_MONTH_LABEL, t)


def day_of_month(t: TimeFrame) -> re.Pattern[str] | None:
    """For a month asked about, how a release issued before it names a day of it without the year
    ("on 12 March", "on 15 and 16 March", "March 12"), or None for any other time."""
    m = _MONTH_LABEL.fullmatch(t.label or "")
    return _days_of(m.group(1)) if m and short(t) else None


def month_after(t: TimeFrame) -> re.Pattern[str] | None:
    """For a time after a month ("after the May 2026 election"), how a release issued before it
    names that month without its year ("the Senedd election on 7 May", "May's election", "in
    May"), or None for any other time."""
    if not t.soonest or t.since is None or t.since.day != 1:
        return None
    month = calendar.month_name[t.since.month]
    return re.compile(_days_of(month).pattern + rf"|\b{month}['’]s\b|\bin\s+{month}\b(?!\s+\d)")


def _days_of(month: str) -> re.Pattern[str]:
    """A day of `month` named without its year: "12 March", "15 and 16 March", "March 12"."""
    month = re.escape(month)
    return re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{month}\b(?!\s+\d{{4}})"
                      rf"|\b{month}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})")


def _without_year(label: re.Pattern[str], t: TimeFrame) -> re.Pattern[str] | None:
    """The time `t` labels (`label`: "1 February 2023", "February 2023") named without its year."""
    m = label.fullmatch(t.label or "")
    return re.compile(r"\b" + re.escape(m.group(1)) + r"\b(?! \d{4})") if m and short(t) else None


# A year named from the day a release was issued: "next summer's exams" in November 2020 are 2021's,
# said of the thing asked about in the words right after it.
_NEXT = re.compile(r"\bnext\s+(year|spring|summer|autumn)(?:['’]s)?\b((?:\W+[\w'’-]+){0,6})", re.IGNORECASE)
_SEASON_STARTS = {"spring": 3, "summer": 6, "autumn": 9}


def next_years(text: str, issued: dt.date, topic: frozenset[str]) -> set[int]:
    """The years `text`, issued on `issued`, names as the next year or season, of something of
    `topic` (topic_words) said in the words after it ("next summer's GCSE, AS and A-level
    exams"; not "next year" of anything)."""
    return {issued.year + 1 if m.group(1).lower() == "year" or issued.month >= _SEASON_STARTS[m.group(1).lower()]
            else issued.year for m in _NEXT.finditer(text) if not topic.isdisjoint(analyse(m.group(2)))}


def release_reports(texts: Sequence[str], issued: "dt.date | None", t: TimeFrame, named: re.Pattern[str],
                    topic: frozenset[str] = frozenset(), *, before: bool = True) -> bool:
    """Whether a release issued near the time asked about names it in so many words anywhere
    (`texts`, its paragraphs): for a month or a day, one issued soon after it (within
    REPORTS_AFTER): "The survey was carried out between 12 and 29 February 2024" in a release of
    March answers "… ASCL Cymru's February 2024 survey?"; for a year, one issued within
    YEAR_NEAR after it or before it, of that year's event: "the 2018 PISA tests" in a release of
    December 2019, "the summer 2021 exams" in one of November 2020. (A year is named in passing
    too often to look further: "since 2019" in a release of 2025 is not about 2019.) Not one issued
    before it unless `before` (a figure of the year, asked as it was, is not given ahead of it:
    "new programmes starting in September 2019", in 2018, gives no count of 2019); that one may
    name the year as the next ("the decision to cancel next summer's GCSE exams", in November 2020,
    for "the 2021 exams")."""
    if issued is None or t.rolling or t.since is None or t.until is None or not before and issued < t.since:
        return False
    near = t.until < issued <= t.until + REPORTS_AFTER if short(t) else near_year(issued, t)
    year = t.since.year if not short(t) and t.since.year == t.until.year and issued < t.since else None
    return near and any((named.search(text) or year in next_years(text, issued, topic)) and of_topic(text, topic)
                        for text in texts)


# Words before a time that compare with it rather than report it: "Scores fell compared with 2018"
# in a release of 2023 gives no score of 2018.
_COMPARED = re.compile(r"\b(?:compared\s+(?:with|to)|than|since)\s+(?:in\s+)?(?:the\s+)?$", re.IGNORECASE)


# A question asking what something found or showed: its findings, which no release before it reports.
_FINDINGS = re.compile(r"\b(?:find|found|show|showed|shown|reveal|revealed|conclude|concluded)\b", re.IGNORECASE)


# "What did NAHT Cymru say about GCSE reform in 2025?": the year, ending the question after a plain
# topic, says when it was said (not "… about whether schools were ready to start it in 2022").
_SAID_IN = re.compile(r"^\W*(?:what|how)\s+(?:did|does|has|had)\s+.+?\s+(?:say|said|think|thought)\s+(?:about|on)\s+"
                      r"(?P<about>.+?)\s+in\s+(?:(?:early|late|mid)\s+)?\d{4}\W*$", re.IGNORECASE)
_CLAUSE = re.compile(r"\b(?:whether|if|that|to|will|would|was|were|is|are|had|have|been|being|when|how|why|what)\b",
                     re.IGNORECASE)


def ahead_of_it(question: Question) -> bool:
    """Whether a release before the time asked about may answer: the question asks what would be
    ("How many would …?"), or for no figure ("What did X say about the summer 2021 exams?"); not
    for what a survey or a report of that time found ("What did X's 2022 survey find?": "it would
    repeat the survey in 2022", in a release of 2021, says nothing of its findings), nor for what
    was said then ("What did X say about GCSE reform in 2025?": a release of 2024 proposing changes
    "from 2025" is not what X said in 2025)."""
    if _FINDINGS.search(question.text) and not _AHEAD.search(question.text):
        return False
    said_in = _SAID_IN.match(question.text)
    if said_in and not _CLAUSE.search(said_in.group("about")):
        return False
    return question.expects != "number" or bool(_AHEAD.search(question.text))


def names(named: re.Pattern[str], text: str) -> bool:
    """Whether `text` names the time asked about (`named`) other than to compare with it."""
    return any(not _COMPARED.search(text[:m.start()]) for m in named.finditer(text))


def near_year(issued: dt.date, t: TimeFrame) -> bool:
    """Whether a release `issued` then is near enough the year asked about to report its events
    (within YEAR_NEAR after it or before it): "the 2018 PISA tests" in a release of December
    2019, not in one of 2023."""
    assert t.since is not None and t.until is not None
    return t.until < issued <= t.until + YEAR_NEAR or t.since - YEAR_NEAR <= issued < t.since


def reports_from(t: TimeFrame) -> "Callable[[dt.date], bool]":
    """Whether a release issued on a day may report the time asked about: any, for a month, a day
    or a window running back from today; one near it, for a year (near_year)."""
    return (lambda issued: True) if short(t) or t.rolling else (lambda issued: near_year(issued, t))


def short(t: TimeFrame) -> bool:
    """Whether `t` is a month or a day: named in passing rarely, unlike a year."""
    return t.since is not None and t.until is not None and (t.until - t.since).days <= MONTH_DAYS


def speaks_within(text: str, issued: dt.date, t: TimeFrame) -> bool:
    """Whether `text`, read on the day it was `issued`, names a time within `t`'s window
    ("last September" in a release of June 2019, for "in September 2018"; "A survey … carried
    out in November found …", in December 2013, for "in November 2013"), whatever other times
    it names ("… than in 2010")."""
    return t.since is not None and t.until is not None and any(
        since is not None and until is not None and t.since <= since and until <= t.until
        for since, until in times_said(text, issued))
