"""Things a question names by the year they are for: "the draft budget for 2023-24",
"the teachers' pay award for 2024-25", "the 2020-21 budget".

Every year has its budget and its pay award, and releases speak of several at
once ("the draft budget for 2024-25 … on top of this year's pay award"). A
release answers about the one asked for only when it names it: the span and
the words for the thing together in one sentence ("Draft Budget 2023-24", "the
budget for 2023-24"). The question's span alone is not enough ("For 2023-24,
teachers would receive a 5% increase" is no budget), nor its words alone. One of
the thing's words beside the span will do ("the 2018-19 pay award" is "for
2018-19, the NASUWT said the differentiated award …"), but not another of its
kind: "the Draft Budget for 2026-27" is not the final one. A release issued in the
season the thing is made in names it without its year too ("the teachers' pay award
announced today", in July 2018, is the 2018-19 one), unless it names one for another year.

A pay award or offer is also named by the one calendar year it is made in ("the 2024 pay
award"): a release of that year names it without its year, and one naming it for a school year
it is made in ("the pay award for 2024-25", or 2023-24's, settled in 2024) names it too; a
release of the next year's award does not ("The pay award will increase the starting salary to
£33,651", of the 2025 award, is no answer for "What is the starting salary after the 2024 pay
award?"). Not a budget: "the 2024 budget" may be for 2023-24 or 2024-25.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from .analysis import STOPWORDS, analyse, stem, words
from .contrast import STAGES, contrasted, names_other

# A span of two years in a row, as written: "2023-24", "2023/24", "2023–2024", "2023 to 2024".
_SPAN = re.compile(r"(?<![\d£$€])((?:19|20)\d\d)\s*(?:[-–/]|\s+to\s+)\s*((?:19|20)?\d\d)(?![\d%])")
_TOKEN = re.compile(r"[^\W_][\w'’-]*")
# The words right after a span, in the same phrase: "the 2020-21 *budget*" (not "in 2024-25, according";
# not the year the span is: "the 2021-22 financial year", "the 2023-24 school year").
_NEXT_WORDS = re.compile(r"\s+(?!(?:(?:financial|academic|school|tax)\s+)?years?\b)"
                         r"([a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)")
# Words a thing's name stops at, read back from the span: "the Welsh Government's draft budget
# for …" stops at the possessive; "the teachers' pay award in Wales for …" skips the place.
_POSSESSIVE = ("'s", "’s", "'", "’")
# Words before a span naming which one: "the 2020-21 budget", "Estyn's 2021-2022 annual report" (not
# "in 2016-2017 according to Estyn").
_DETERMINERS = ("the", "its", "their", "this", "that", "his", "her", "our")
# What each year has one of, named by the year it is for: a budget, a settlement, a pay award or
# offer. (A figure "for 2023-24" may be said of anything: "councils' pressures for 2023-24" are
# those a release gives beside "the settlement for 2023-24". An annual report is not named so:
# "The report draws on 412 inspections … during the 2010-2011 academic year"; timeframe.py
# reads "the 2013-14 annual report" as when it came out.)
_YEARS_OWN = frozenset(analyse("budget settlement award offer remit accounts"))
# What is also named by the calendar year it is made in: "the 2024 pay award" (a thing of one year,
# read as the span (2024, 2024)).
_MADE_IN_YEAR = frozenset(analyse("award offer remit"))
# One year on its own, not a span's: "the 2024 pay award" (not "2023-24", "£2024", "2024/25").
_YEAR = re.compile(r"(?<![\d£$€/–-])((?:19|20)\d\d)(?![\d%/–-]|\s+to\s+\d)")
# Whose it is, between the year and the thing: "the 2024 teachers' pay award".
_WHOSE = re.compile(r"\s+[a-z][\w-]*s['’](?=\s)")
# Words naming the whole thing at most: "draft budget", "pay award".
THING_WORDS = 2
# A sentence names the thing for the span when its words stand this near it.
NEAR = 8
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def years_of_span(first: str, second: str) -> tuple[int, int] | None:
    """The two years a span names ("2023", "24" -> (2023, 2024)), or None when they do not
    follow each other ("2019-21" is a stretch of years, not one financial or school year)."""
    y1 = int(first)
    y2 = int(second) if len(second) == 4 else y1 // 100 * 100 + int(second)
    return (y1, y2) if y2 == y1 + 1 else None


def one_year(years: tuple[int, int]) -> bool:
    """Whether `years` name a thing by the calendar year it is made in ("the 2024 pay award")."""
    return years[0] == years[1]


def thing_after(text: str, at: int) -> tuple[str, ...]:
    """The stems of the thing named right after `at` ("the 2020-21 *budget*", "Estyn's 2021-2022
    *annual report*", "the 2024 teachers' *pay award*"): up to THING_WORDS words, to the first of
    what each year has one of."""
    thing: list[str] = []
    whose = _WHOSE.match(text, at)
    after = _NEXT_WORDS.match(text, whose.end() if whose else at)
    for token in after.group(1).split() if after else ():
        if token in STOPWORDS or len(thing) == THING_WORDS:
            break
        thing.append(token)
        if stem(token) in _YEARS_OWN:
            break
    return tuple(analyse(" ".join(thing)))


def determined(text: str, at: int) -> bool:
    """Whether the word before `at` says which one: "the", "its", a possessive ("Estyn's 2021-2022
    annual report"; not "in 2016-2017 according to Estyn")."""
    before = _TOKEN.findall(text[:at])
    return bool(before) and (before[-1].lower() in _DETERMINERS or before[-1].endswith(_POSSESSIVE))


def named_for_year(text: str) -> tuple[tuple[tuple[str, ...], tuple[int, int]], ...]:
    """Each thing `text` names by the year it is for, as the stems of its words and the span's
    years: ("draft", "budget"), (2023, 2024) of "the Welsh Government's draft budget for
    2023-24"; ("budget",), (2020, 2021) of "the 2020-21 budget". Only for a span after "for" or
    "of", or right after "the" or a possessive ("in 2024-25" says when, not which), and for what
    each year has one of (_YEARS_OWN). A pay award or offer named by one year comes with that
    year twice: ("pay", "award"), (2024, 2024) of "the 2024 pay award"."""
    found = []
    for m in _YEAR.finditer(text):
        stems = thing_after(text, m.end()) if determined(text, m.start()) else ()
        if stems and stems[-1] in _MADE_IN_YEAR:
            found.append((stems, (int(m.group(1)), int(m.group(1)))))
    for m in _SPAN.finditer(text):
        years = years_of_span(m.group(1), m.group(2))
        if years is None:
            continue
        before = _TOKEN.findall(text[:m.start()])
        thing: list[str] = []
        stems: tuple[str, ...] = ()
        if before and before[-1].lower() in ("for", "of") and len(before) > 1:
            rest = before[:-1]
            if len(rest) >= 2 and rest[-2].lower() == "in" and rest[-1][:1].isupper():
                rest = rest[:-2]  # "the pay award in Wales for 2024-25"
            for token in reversed(rest):
                if len(thing) == THING_WORDS or token.lower() in STOPWORDS \
                        or token.endswith(_POSSESSIVE) or any(ch.isdigit() for ch in token):
                    break
                thing.insert(0, token)
            stems = tuple(analyse(" ".join(thing)))
        elif determined(text, m.start()):
            stems = thing_after(text, m.end())
        if stems and stems[-1] in _YEARS_OWN:
            found.append((stems, years))
    return tuple(dict.fromkeys(found))


# "When was the Final Budget for 2015-16 due to be published?": asked what was to come, it is
# answered before it came, by a release naming it without its year ("the Final Budget will be
# published on 2 December", in the draft budget's release).
_TO_COME = re.compile(r"\b(?:due|expected|scheduled|planned|set)\s+to\b", re.IGNORECASE)


def asks_what_was_to_come(text: str) -> bool:
    """Whether `text` asks about something still to come then ("due to be published")."""
    return bool(_TO_COME.search(text))


def fits(span: tuple[int, int] | None, years: tuple[int, int]) -> bool:
    """Whether a span written in a release names the year asked (`years`): the same span, or for
    a thing named by the year it is made in (one_year), a school year it may be made in ("the pay
    award for 2023-24", settled in 2024, is "the 2024 pay award"), either way round."""
    if span is None:
        return False
    if span == years:
        return True
    if one_year(years) == one_year(span):
        return False
    year, school_year = (years, span) if one_year(years) else (span, years)
    return year[0] in school_year


def naming_spans(text: str, years: tuple[int, int]) -> Iterator[re.Match[str]]:
    """The spans of `text` naming `years` (fits), and for a thing of one year, that year on its
    own ("the 2024 pay award")."""
    yield from (m for m in _SPAN.finditer(text) if fits(years_of_span(m.group(1), m.group(2)), years))
    if one_year(years):
        yield from (m for m in _YEAR.finditer(text) if int(m.group(1)) == years[0])


def names_for_year(text: str, thing: tuple[str, ...], years: tuple[int, int]) -> bool:
    """Whether a sentence of `text` names `thing` for `years`: the span, and a stem of the thing
    within NEAR words of it ("The Draft Budget 2023-24 provides …"), and not another of its
    kind ("the Draft Budget for 2026-27" is not the final one: contrast.py)."""
    others = contrasted(thing, STAGES)
    for m in naming_spans(text, years):
        before = words(_SENTENCE_END.split(text[:m.start()])[-1])[-NEAR:]
        after = words(_SENTENCE_END.split(text[m.end():])[0])[:NEAR]
        near = analyse(" ".join((*before, *after)))
        if set(near).intersection(thing) and not names_other(near, others):
            return True
    return False


def span_terms(years: tuple[int, int]) -> tuple[tuple[str, ...], ...]:
    """The indexed terms a release writing the span holds side by side ("2023", "24" of
    "2023-24" and "2023/24"; "2023", "2024" of "2023-2024" and "2023 to 2024"). For a thing of one
    year, the year, and the school year ending in it ("2024"; "2023", "24")."""
    first, second = years
    if one_year(years):
        return (str(first),), (str(first - 1), f"{first % 100:02d}")
    return (str(first), f"{second % 100:02d}"), (str(first), str(second))


# What is set before the financial year it is for (April to March): a budget or a settlement, made
# from the October before to the March it starts. The rest (a pay award or offer for the school
# year from September) is made from April to December of the year it starts.
_FINANCIAL = frozenset(analyse("budget settlement accounts"))


def in_season(thing: tuple[str, ...], years: tuple[int, int], issued: dt.date) -> bool:
    """Whether a release issued on `issued` falls in the season `thing` for `years` is made in
    (for a thing of one year, that year)."""
    first = years[0]
    if one_year(years):
        return issued.year == first
    if _FINANCIAL.intersection(thing):
        return dt.date(first - 1, 10, 1) <= issued <= dt.date(first, 3, 31)
    return dt.date(first, 4, 1) <= issued <= dt.date(first, 12, 31)


def names_unspanned(texts: list[str], thing: tuple[str, ...], years: tuple[int, int]) -> bool:
    """Whether a sentence of `texts` (a release's headline and paragraphs) names `thing` with no
    span of years beside it ("NAHT has said that the teachers' pay award announced for England
    today …"), and none names one of its kind for other school or financial years ("the pay award
    for 2019-20"; not "£26.2m in 2025-26 to help meet the cost of the award", which says when the
    money comes)."""
    named = False
    for text in texts:
        # (a span's: "for the 2020 pay award" names next year's beside this year's, announced today)
        if any(stems[-1] == thing[-1] and not one_year(other) and not fits(other, years)
               for stems, other in named_for_year(text)):
            return False
        named = named or any(names_thing(set(analyse(sentence)), thing, years) and not _SPAN.search(sentence)
                             for sentence in _SENTENCE_END.split(text))
    return named


def names_thing(stems: set[str], thing: tuple[str, ...], years: tuple[int, int]) -> bool:
    """Whether a sentence's `stems` hold `thing`'s words; for a thing of one year, its kind said
    either way ("the 2022 pay offer" is the "pay award" UCAC balloted over that November)."""
    if one_year(years) and thing[-1] in _MADE_IN_YEAR:
        return set(thing[:-1]) <= stems and not stems.isdisjoint(_MADE_IN_YEAR)
    return set(thing) <= stems
