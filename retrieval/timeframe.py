"""When a question is about: years, months, ranges and relative times read as
a window on the release date.

"in December 2019", "the 2025 conference", "last December", "this year",
"between 2019 and 2021", "since March 2020", "early 2023", "ahead of the 2026
election" (that year and the one before), "the 2023 annual report" (that year
and early the next, when such reports come out), "two years ago", "last summer",
"recently": each
becomes a `TimeFrame` (a date window, or a preference for the newest
releases), and the words that said it are marked so they never count as
topic words. Relative times are read against `today`, which callers inject.

Why not a date parser? dateparser's `search_dates` takes 0.35 s to import
and 0.45 s on its first call here (the whole answer takes less), reads
"last December" as a December still to come and the verb "may" as May, and
returns points, not windows; python-dateutil reads a date string but does
not find one in free text. The grammar below is small and tested case by case.
Spans such as "2016-17" or "2017/18" name a budget or school year: they are
topic words, not windows.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from .dates import human

_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | {
    name: i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS = {k.lower(): v for k, v in _MONTHS.items()} | {"sept": 9}
_MONTH = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december" \
         r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d/–-]|\.\d|s\b)"
# A year not part of "2016-17", "2017/18", "2017–2018", "£2020", "2020s" or a bigger number.
_LONE_YEAR = r"(?<![\d£$€/–-])" + _YEAR + r"(?!s\b)"

# Numbers written as words in "two years ago", "in the last three months".
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "twelve": 12}
_COUNTED = "one|two|three|four|five|six|ten|twelve"

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_PART = {"start": (1, 5), "beginning": (1, 5), "early": (1, 5), "mid": (5, 8), "middle": (5, 8),
         "end": (8, 12), "late": (8, 12), "first half": (1, 6), "second half": (7, 12),
         "first part": (1, 6), "latter part": (7, 12), "last part": (7, 12)}
_DECADE_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
_RECENT = re.compile(r"\b(?:latest|most\s+recent(?:ly)?|newest|recent(?:ly)?|currently|current|nowadays|these\s+days"
                     r"|right\s+now|at\s+the\s+moment|so\s+far|lately|of\s+late"
                     r"|next\s+year['’]s|(?:the\s+|this\s+)?coming\s+year['’]s)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TimeFrame:
    """A question's time: a window on release dates and/or a wish for the newest.

    Attributes:
        since: First release date in the window (None: open).
        until: Last release date in the window (None: open).
        latest: The question asks for the newest ("latest", "recently", "next year's budget").
        label: The window in words ("December 2019", "2019 to 2021").
        spans: (start, end) of the words that said it, in the question.
        rolling: The window runs back from today ("in the past year", "in the last 12
            months"), as a survey's question does from its own day.
        soonest: The window opens with an event ("after the December 2022 draft budget"):
            what followed soonest is what is asked about.
        current: The window is the present one ("this year", "this month", "this summer"):
            with no release in it yet, the latest before it is what is asked about.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    latest: bool = False
    label: str = ""
    spans: tuple[tuple[int, int], ...] = ()
    rolling: bool = False
    soonest: bool = False
    current: bool = False

    @property
    def window(self) -> bool:
        return self.since is not None or self.until is not None

    @property
    def phrase(self) -> str:
        """The window as it follows a noun: "in 2019", "since March 2020", "up to 31 December 2017",
        "on 31 March 2013"."""
        if self.label.startswith(("since ", "up to ")):
            return self.label
        return f"on {self.label}" if _A_DAY.fullmatch(self.label) else f"in {self.label}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shifted(year: int, month: int, n: int) -> tuple[int, int]:
    """The (year, month) `n` months after `month` of `year` (before it when `n` is negative)."""
    months = year * 12 + month - 1 + n
    return months // 12, months % 12 + 1


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """First day of `first` to the last day of `last`; `last` < `first` runs into the next year."""
    return dt.date(year, first, 1), _month_end(year + (last < first), last)


_A_DAY = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}")  # "31 March 2013", as dates.human writes a day
# A day asked about ("on 5 May 2021") is searched this many days either side: a release can follow its event.
DAY_SLACK = dt.timedelta(days=2)


def _label(since: dt.date, until: dt.date, *, day: bool = False) -> str:
    if day:
        return human(since + DAY_SLACK)  # the day as asked ("31 March 2013"), however wide the search
    if since.day == 1 and until == _month_end(until.year, until.month):
        if (since.year, since.month) == (until.year, until.month):
            return f"{calendar.month_name[since.month]} {since.year}"
        if (since.month, until.month) == (1, 12):
            return str(since.year) if since.year == until.year else f"{since.year} to {until.year}"
        return f"{calendar.month_name[since.month]} {since.year} to {calendar.month_name[until.month]} {until.year}"
    return human(since) if since == until else f"{human(since)} to {human(until)}"


def _last_month_named(month: int, today: dt.date, *, strictly_before: bool) -> int:
    """The year of the most recent `month` up to today ("in December"), or before this month ("last December")."""
    this_year_ok = month < today.month or (month == today.month and not strictly_before)
    return today.year if this_year_ok else today.year - 1


# Each rule: a pattern (matched case-insensitively) and a function of the match
# and today giving (since, until). The first rule to match a stretch of text wins.
_RULES: list[tuple[re.Pattern[str], object]] = []


def _rule(pattern: str):  # noqa: ANN202 - decorator
    def register(fn):  # noqa: ANN001, ANN202
        _RULES.append((re.compile(pattern, re.IGNORECASE), fn))
        return fn
    return register


@_rule(r"\bbetween\s+(?:" + _MONTH.replace("month", "m1") + r"\s+)?(?P<y1>(?:19|20)\d\d)\s+and\s+(?:"
       + _MONTH.replace("month", "m2") + r"\s+)?(?P<y2>(?:19|20)\d\d)\b"
       r"|\bfrom\s+(?:" + _MONTH.replace("month", "m3") + r"\s+)?(?P<y3>(?:19|20)\d\d)\s+(?:to|until|till)\s+(?:"
       + _MONTH.replace("month", "m4") + r"\s+)?(?P<y4>(?:19|20)\d\d)\b")
def _range(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    y1, y2 = int(m.group("y1") or m.group("y3")), int(m.group("y2") or m.group("y4"))
    m1, m2 = m.group("m1") or m.group("m3"), m.group("m2") or m.group("m4")
    since = dt.date(y1, _MONTHS[m1.lower()] if m1 else 1, 1)
    until = _month_end(y2, _MONTHS[m2.lower()]) if m2 else dt.date(y2, 12, 31)
    return (since, until) if since <= until else (dt.date(y2, 1, 1), dt.date(y1, 12, 31))


# The months after a year of figures ends in which they are published ("in the year to March
# 2019": the register's statistics as at 31 March, published that summer).
REPORT_LAG_MONTHS = 9


@_rule(r"\b(?:(?:in|over|during|for)\s+)?the\s+(?:12|twelve)?\s*(?:months?|year)\s+(?:to|ending(?:\s+in)?|up\s+to"
       r"|until)\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR)
def _year_to(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """"in the year to March 2019", "the 12 months ending 31 August 2023": a year of figures,
    reported from the month it ends to REPORT_LAG_MONTHS after it."""
    year, month = int(m.group("year")), _MONTHS[m.group("month").lower()]
    return dt.date(year, month, 1), _month_end(*_shifted(year, month, REPORT_LAG_MONTHS))


# The months before an event named by its month ("ahead of the October 2013 walkout") in which
# what led up to it was said.
EVENT_LEAD_MONTHS = 6
# The months after an event named by its month ("after the December 2022 draft budget") in which
# what followed it was said (by its year alone: that year and the next).
EVENT_FOLLOW_MONTHS = 12


@_rule(r"\b(?:in|over|during)\s+the\s+(?:(?P<n>\d{1,2}|" + _COUNTED + r")\s+)?(?P<unit>years?|months?)\s+"
       r"(?:before|leading\s+up\s+to)\s+" + _MONTH + r"\s+" + _YEAR)
def _stretch_before(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """"in the year before May 2018", "in the two years before December 2019": what a release of
    that month reports of its past year or two ("73 per cent had cut teaching assistant hours in
    the past year", on 5 May 2018): from that long before the month to the month's end."""
    n = int(_COUNTS.get((m.group("n") or "one").lower(), m.group("n") or 1))
    months = n * (12 if m.group("unit").lower().startswith("y") else 1)
    year, month = int(m.group("year")), _MONTHS[m.group("month").lower()]
    return dt.date(*_shifted(year, month, -months), 1), _month_end(year, month)


@_rule(r"\b(?P<word>since|after|before|until|till|up\s+to|ahead\s+of|prior\s+to|in\s+the\s+run[\s-]up\s+to)\s+"
       r"(?P<event>the\s+)?(?:" + _MONTH + r"\s+)?" + _YEAR)
def _open(m: re.Match[str], today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    year, word = int(m.group("year")), " ".join(m.group("word").lower().split())
    month = _MONTHS[m.group("month").lower()] if m.group("month") else None
    if word == "since":
        return dt.date(year, month or 1, 1), None
    if word == "after":
        if m.group("event"):
            # "after the 2022 pay award", "after the December 2022 draft budget": what followed
            # the event can be in its year or month too, and in the year after it; not in the
            # years when the next events came ("after the 2020 pay award": not the 2024 award's)
            if month:
                return dt.date(year, month, 1), _month_end(*_shifted(year, month, EVENT_FOLLOW_MONTHS))
            return dt.date(year, 1, 1), dt.date(year + 1, 12, 31)
        return (_month_end(year, month) + dt.timedelta(days=1) if month else dt.date(year + 1, 1, 1)), None
    if word in ("before", "ahead of", "prior to") or word.startswith("in the run"):
        if m.group("event") and not month:
            # "ahead of the 2026 election": the event is in 2026, what led up to it in the year before
            return dt.date(year - 1, 1, 1), dt.date(year, 12, 31)
        if m.group("event"):
            # "ahead of the October 2013 walkout": what led up to it in the half year before, and
            # the release announcing it in its month
            return dt.date(*_shifted(year, month, -EVENT_LEAD_MONTHS), 1), _month_end(year, month)
        return None, (dt.date(year, month, 1) if month else dt.date(year, 1, 1)) - dt.timedelta(days=1)
    return None, _month_end(year, month) if month else dt.date(year, 12, 31)


@_rule(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR
       + r"|\b" + _MONTH.replace("month", "month2") + r"\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?,?\s+"
       + _YEAR.replace("year", "year2"))
def _day(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    month = _MONTHS[(m.group("month") or m.group("month2")).lower()]
    day = int(m.group("day") or m.group("day2"))
    year = int(m.group("year") or m.group("year2"))
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return _months(year, month, month)
    return d - DAY_SLACK, d + DAY_SLACK  # a release can follow its event


@_rule(r"\b(?:(?:at\s+|in\s+)?the\s+)?(?P<part>start|beginning|end|middle|first\s+half|second\s+half"
       r"|first\s+part|latter\s+part|last\s+part)\s+of\s+"
       + _YEAR + r"|\b(?P<part2>early|mid|late)[\s-]+" + _YEAR.replace("year", "year2"))
def _part_of_year(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    first, last = _PART[" ".join((m.group("part") or m.group("part2")).lower().split())]
    return _months(int(m.group("year") or m.group("year2")), first, last)


@_rule(r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<decade>(?:19|20)\d0)['’]?s\b")
def _decade(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """"the 2010s": 2010 to 2019; "the early 2010s": 2010 to 2013, "mid": 2013 to 2016, "late": 2016 to 2019."""
    start = int(m.group("decade"))
    first, last = _DECADE_PART[m.group("part").lower()] if m.group("part") else (0, 9)
    return dt.date(start + first, 1, 1), dt.date(start + last, 12, 31)


@_rule(r"\b(?:(?:from|between)\s+)?" + _MONTH.replace("month", "m1")
       + r"\s+(?:and|or|to|until|till|through|[-–])\s+" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR)
def _months_of_year(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """"January and February 2024", "October to December 2023" (from the December before
    when the first month comes later: "December to February 2024")."""
    first, last, year = _MONTHS[m.group("m1").lower()], _MONTHS[m.group("month").lower()], int(m.group("year"))
    return _months(year - (last < first), first, last)


@_rule(r"\b" + _MONTH + r"\s+(?:of\s+)?(?P<which>last|this)\s+year\b")
def _month_of_last_year(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """"March last year", "in June this year"."""
    month = _MONTHS[m.group("month").lower()]
    return _months(today.year - (m.group("which").lower() == "last"), month, month)


# A survey or a poll is published in the months after it is carried out ("NAHT Cymru's autumn 2025
# funding survey", published in December). (One named by its month, "the January 2024 survey", is
# found by its month: a release after it that names the month reports it, other_time.py.)
SURVEY_LAG_MONTHS = 4


@_rule(r"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?" + _YEAR
       + r"(?=\s+(?:[\w'’-]+\s+){0,2}?(?:survey|poll|census|questionnaire)s?\b)")
def _survey_time(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """"the autumn 2025 survey": its season, and the months after it in which it was published
    (SURVEY_LAG_MONTHS)."""
    since, until = _months(int(m.group("year")), *_SEASONS[m.group("season").lower()])
    return since, _month_end(*_shifted(until.year, until.month, SURVEY_LAG_MONTHS))


@_rule(r"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?" + _YEAR)
def _season(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    first, last = _SEASONS[m.group("season").lower()]
    return _months(int(m.group("year")), first, last)


# "at the end of March 2023", "in early March 2023": a part of the month, its first or last ten days
# or its middle (and a few days after, for a release following its event); not a time something is
# to be done by ("in deficit by the end of March 2019").
@_rule(r"(?:\b(?:at|in)\s+|(?<!\bby\s)\b)the\s+(?P<part>start|beginning|end|middle)\s+of\s+" + _MONTH + r",?\s+"
       + _YEAR + r"|\b(?P<part2>early|mid|late)[\s-]+" + _MONTH.replace("month", "month2") + r",?\s+"
       + _YEAR.replace("year", "year2"))
def _part_of_month(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    month = _MONTHS[(m.group("month") or m.group("month2")).lower()]
    year = int(m.group("year") or m.group("year2"))
    part = (m.group("part") or m.group("part2")).lower()
    end = _month_end(year, month)
    if part in ("start", "beginning", "early"):
        return dt.date(year, month, 1), dt.date(year, month, 10) + DAY_SLACK
    if part in ("middle", "mid"):
        return dt.date(year, month, 11), dt.date(year, month, 20) + DAY_SLACK
    return dt.date(year, month, 21), end + DAY_SLACK


@_rule(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR)
def _month_year(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    month = _MONTHS[m.group("month").lower()]
    return _months(int(m.group("year")), month, month)


@_rule(r"\b(?P<the>the\s+)?(?P<which>last|this|past)\s+(?P<unit>year|month|week|" + _MONTH + r")\b")
def _relative(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    which, unit = m.group("which").lower(), m.group("unit").lower().rstrip(".")
    if m.group("the") and which == "last" and unit in ("year", "month", "week"):
        which = "past"  # "in the last year" runs back from today, as "in the past year" does
    if unit == "year":
        year = today.year - (which == "last")
        return (today - dt.timedelta(days=365), today) if which == "past" else (dt.date(year, 1, 1),
                                                                                dt.date(year, 12, 31))
    if unit == "month":
        if which == "past":
            return today - dt.timedelta(days=31), today
        first = today.replace(day=1)
        if which == "last":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return first, _month_end(first.year, first.month)
    if unit == "week":
        start = today - dt.timedelta(days=today.weekday())
        if which == "last":
            start -= dt.timedelta(days=7)
        return (today - dt.timedelta(days=7), today) if which == "past" else (start, start + dt.timedelta(days=6))
    month = _MONTHS[unit]
    year = today.year if which == "this" else _last_month_named(month, today, strictly_before=True)
    return _months(year, month, month)


@_rule(r"\b(?P<n>\d{1,2}|a|an|" + _COUNTED + r")\s+(?P<unit>years?|months?)\s+ago\b")
def _ago(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    n = int(_COUNTS.get(m.group("n").lower(), m.group("n")))
    if m.group("unit").lower().startswith("y"):
        return dt.date(today.year - n, 1, 1), dt.date(today.year - n, 12, 31)
    year, month = _shifted(today.year, today.month, -n)
    return _months(year, month, month)


@_rule(r"\b(?P<which>this|last|past)\s+(?P<season>spring|summer|autumn|fall|winter)\b")
def _this_season(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """"this summer": the one under way or just gone; "last summer": the last one over."""
    first, last = _SEASONS[m.group("season").lower()]
    year = today.year
    since, until = _months(year, first, last)
    if since > today or (m.group("which").lower() != "this" and until >= today):
        since, until = _months(year - 1, first, last)
    return since, until


@_rule(r"\b(?:in|over|during)\s+the\s+(?:last|past)\s+(?P<n>\d{1,2}|" + _COUNTED + r")\s+"
       r"(?P<unit>years?|months?|weeks?|days?)\b")
def _last_n(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    n = int(_COUNTS.get(m.group("n").lower(), m.group("n")))
    days = {"y": 365, "m": 31, "w": 7, "d": 1}[m.group("unit")[0].lower()] * n
    return today - dt.timedelta(days=days), today


@_rule(r"\b(?P<when>yesterday|today)\b")
def _day_word(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    d = today - dt.timedelta(days=m.group("when").lower() == "yesterday")
    return d, d


@_rule(r"\b(?:in|during|since|by)\s+" + _MONTH + r"(?!\s+\d)\b")
def _month_alone(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    month = _MONTHS[m.group("month").lower()]
    return _months(_last_month_named(month, today, strictly_before=False), month, month)


@_rule("(?:" + "|".join(rf"(?<=\bannual\sreport\s{p}\s)" for p in ("on", "for", "covering"))
       + r")(?P<y1>(?:19|20)\d\d)[-–/](?P<y2>(?:19|20)?\d\d)(?![\d%])")
@_rule(r"(?<![\d£$€/–-])(?P<y1>(?:19|20)\d\d)[-–/](?P<y2>(?:19|20)?\d\d)(?=\s+(?:annual\s+)?(?:report|review)\b)")
def _academic_year_report(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """"the 2013-14 annual report", "the Chief Inspector's 2013-2014 report", "its annual report on
    2022-23": a report on an academic or financial year, published from the June it nears its end
    to the spring after it (the spring before is the last year's report's)."""
    first = int(m.group("y1"))
    return dt.date(first + 1, 6, 1), dt.date(first + 2, 3, 31)


@_rule(_LONE_YEAR + r"(?=\s+annual\s+(?:report|review)\b)")
def _annual_report(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """"the 2023 annual report": the year's report, published that year or early the next."""
    year = int(m.group("year"))
    return dt.date(year, 1, 1), dt.date(year + 1, 3, 31)


@_rule("(?:" + "|".join(rf"(?<=\b{n}\s{v}\sin\s)" for n in ("test", "tests", "exam", "exams")
                         for v in ("taken", "sat", "held")) + ")" + _LONE_YEAR)
@_rule(r"(?<=(?-i:[A-Z]{3})\s)" + _LONE_YEAR)
@_rule(_LONE_YEAR + r"(?=(?:\s+(?:and|or|to)\s+(?:19|20)\d\d)?\s+(?-i:[A-Z]{3,})\s+"
       r"(?:results?|tests?|scores?|rounds?|performance|rankings?)\b)")
@_rule(_LONE_YEAR + r"(?=(?:\s+(?:and|or|to)\s+(?:19|20)\d\d)?\s+rounds\b|\s+round\s+of\b)")
def _named_year(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """A year right after a name in capitals, or before one and its results, names its round: "the
    PISA 2015 tests", "the 2015 PISA results", were sat in 2015 and reported on in 2016; so were
    "the international tests taken in 2015" (and each of "the 2015 and 2018 PISA rounds", or of
    "the score … between the 2012 and 2015 rounds"; "the 2018 round of the international tests")."""
    year = int(m.group("year"))
    return dt.date(year, 1, 1), dt.date(year + 1, 12, 31)


# What a body asked of the parties for an election ("NAHT Cymru's manifesto for the 2026 Senedd
# election", "the union's pitch for the 2026 election") was published in the months before it.
@_rule("(?:" + "|".join(rf"(?<=\b{n}\sfor\sthe\s)" for n in (
    "manifesto", "pitch", "campaign", "priorities", "asks", "demands", "pledges", "plan", "plans", "calls"))
    + ")" + _LONE_YEAR + r"(?=\s+(?:[\w-]+\s+){0,2}?elections?\b)")
def _election_call(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    year = int(m.group("year"))
    return dt.date(year - 1, 1, 1), dt.date(year, 12, 31)


@_rule(_LONE_YEAR)
def _year(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    year = int(m.group("year"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# Words before a time that make it the subject of a release rather than when it was issued.
_NOT_WHEN = re.compile(r"\b(?:than|compared\s+(?:with|to)|starting|start(?:s|ed)?|from|by|back\s+to|levels\s+of)\s+"
                       r"(?:in\s+|on\s+)?(?:the\s+)?$", re.IGNORECASE)
# ... but "going by the 2017 NASUWT poll" is according to the poll of that year; "going by the 2024
# figures", according to those of that year, which may come out the next.
_GOING_BY = re.compile(r"\bgoing\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_POLL_AFTER = re.compile(r"^(?:\s+[\w'’-]+)?\s+(?:polls?|surveys?|ballots?|questionnaires?)\b", re.IGNORECASE)
_FIGURES_AFTER = re.compile(r"^(?:\s+[\w'’-]+)?\s+(?:figures|statistics|stats|numbers|data)\b", re.IGNORECASE)
# "Had heads ever voted to strike before 2023?": what came before is what the question asks about,
# and a release of 2023 answers it ("the first time in our history").
_EVER = re.compile(r"\bever\b", re.IGNORECASE)


def _ever_before(fn: object, m: re.Match[str], text: str) -> bool:
    return fn is _open and " ".join(m.group("word").lower().split()) == "before" and bool(_EVER.search(text))


# ... and words after it: a year's levels or prices are a measure ("back to 2010 funding levels"; not
# "the 2020 A levels").
_MEASURE_AFTER = re.compile(r"^(?:\s+(?!as?\s)[\w-]+)?\s+(?:levels?|prices|terms)\b", re.IGNORECASE)
# A question about what will be: a month without a year in it is when that happens ("Will
# pupils lose a week of the break in August?"), not when a release was issued.
_FUTURE = re.compile(r"\b(?:will|would|shall|going\s+to)\b", re.IGNORECASE)
# Two times asked about together: "in the past year and in 2019".
_JOINED = re.compile(r"\b(?:year|month|months|weeks?|\d{4})\s+(?:and|or)\s+(?:in\s+|during\s+)?(?:the\s+)?"
                     r"(?:past|last|\d{4})\b", re.IGNORECASE)
# What someone said, reported in the question: "… heads said they'd had to drop A levels over the last
# three years" (the past three years are theirs, counted back from when they said it).
_REPORTED = re.compile(r"\b(?:said|say|says|reported|reporting|told|claimed|felt)\s+(?:that\s+)?"
                       r"(?:they|he|she|it|their|his|her)\b", re.IGNORECASE)
# Words around a time expression that only introduce it ("in", "during", "of").
_LEAD = re.compile(r"(?:\b(?:in|during|of|on|from|for|at)\s+)$", re.IGNORECASE)


def _times(text: str, today: dt.date) -> "list[tuple[int, re.Match[str], Any, dt.date | None, dt.date | None]]":
    """Each time `text` names as when (read_time), in the order of the rules: where it starts (its
    leading words included), its match, its rule and its window."""
    found: list[tuple[int, re.Match[str], Any, dt.date | None, dt.date | None]] = []
    blocked: list[tuple[int, int]] = []  # times that are topic, not windows: their words stay topic words
    for pattern, fn in _RULES:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in ((s, x.end()) for s, x, *_ in found)) \
                    or any(a < m.end() and m.start() < b for a, b in blocked):
                continue
            since, until = fn(m, today)  # type: ignore[operator]
            # A time compared with ("than in 2010"), counted from ("starting in") or still to
            # come is what a release talks about, not when it was issued.
            going_by = bool(_GOING_BY.search(text, 0, m.start()))
            by_figures = going_by and bool(_FIGURES_AFTER.match(text[m.end():])) and until is not None
            by_poll = going_by and bool(_POLL_AFTER.match(text[m.end():])) or by_figures
            if by_figures:  # (out that year or the next)
                until = dt.date(until.year + 1, 12, 31)  # type: ignore[union-attr]
            if (_NOT_WHEN.search(text, 0, m.start()) and not by_poll or _MEASURE_AFTER.match(text[m.end():])
                    or (since is not None and since > today) or _ever_before(fn, m, text)
                    or (fn is _month_alone and _FUTURE.search(text, 0, m.start()))):
                blocked.append((m.start(), m.end()))
                continue
            start = m.start()
            lead = _LEAD.search(text, 0, start)
            if lead and lead.end() == start:
                start = lead.start()
            found.append((start, m, fn, since, until))
    return found


def times_said(text: str, today: dt.date) -> list[tuple[dt.date | None, dt.date | None]]:
    """Each window `text`, read on `today`, names as when, one by one (read_time joins them): "A
    survey carried out in November found … than in 2010", in December 2013: November 2013."""
    return [(since, until) for _, _, _, since, until in _times(text, today)]


def _one_year(t: TimeFrame) -> int | None:
    """The calendar year `t` is, as "in 2021" or "the 2021 …" asks, or None for any other time."""
    if t.since is None or t.until is None:
        return None
    year = t.since.year
    return year if (t.since, t.until) == (dt.date(year, 1, 1), dt.date(year, 12, 31)) else None


# A year's exams ("the 2021 exams", "the 2021 GCSEs"): planned, changed or called off from the
# autumn before ("no GCSE, AS or A level exams in the summer of 2021", in November 2020), sat and
# graded that summer.
_EXAMS_OF = r"(?<![\d£$€/–-]){year}(?=\s+(?:summer\s+)?(?:exams?|examinations?|GCSEs?|A[\s-]levels?|AS[\s-]levels?)\b)"


def with_exams_autumn(t: TimeFrame, text: str) -> TimeFrame:
    """`t`, when it is the one year whose exams `text` names ("What did ASCL say about scrapping
    the 2021 exams?"), reaching back to the autumn before, when they were planned or called off;
    else `t`."""
    year = _one_year(t)
    if year is None or not re.search(_EXAMS_OF.format(year=year), text, re.IGNORECASE):
        return t
    since, until = dt.date(year - 1, 9, 1), dt.date(year, 12, 31)
    return replace(t, since=since, label=_label(since, until))


# A year's pay award or offer ("the 2022 pay award", "the 2022 teachers' pay offer"): disputed,
# balloted over and improved into the winter after ("the 5 per cent pay award for 2022-23", in a
# ballot result of January 2023).
_AWARD_OF = r"(?<![\d£$€/–-]){year}(?![\d/–-])\s+(?:[\w'’-]+\s+){{0,2}}?(?:award|offer)s?\b"
AWARD_WINTER_ENDS = (3, 31)  # the end of March after it


def with_award_winter(t: TimeFrame, text: str) -> TimeFrame:
    """`t`, when it is the one year whose pay award or offer `text` names, running on to the end
    of the March after it; else `t`."""
    year = _one_year(t)
    if year is None or not re.search(_AWARD_OF.format(year=year), text, re.IGNORECASE):
        return t
    since, until = dt.date(year, 1, 1), dt.date(year + 1, *AWARD_WINTER_ENDS)
    return replace(t, until=until, label=_label(since, until))


def read_time(text: str, today: dt.date) -> TimeFrame:
    """The time a question is about.

    Args:
        text: The question.
        today: The date relative expressions count from.

    Returns:
        Its TimeFrame (no window and `latest` False when it says nothing of time).
        When it names several times, the window covers them all.
    """
    taken: list[tuple[int, int]] = []
    windows: list[tuple[dt.date | None, dt.date | None]] = []
    rolling: list[bool] = []
    after: list[bool] = []
    days: list[bool] = []  # each window a single day asked about
    current: list[bool] = []  # each window the present one ("this year")
    counted_from: list[bool] = []  # each window opened by "since"
    for start, m, fn, since, until in _times(text, today):
        taken.append((start, m.end()))
        windows.append((since, until))
        rolling.append(fn is _last_n or (fn is _relative and (m.group("which").lower() == "past" or bool(
            m.group("the") and m.group("which").lower() == "last"))))
        after.append(fn is _open and m.group("word").lower() == "after")
        days.append(fn is _day and until - since == 2 * DAY_SLACK)
        current.append(fn in (_relative, _this_season) and m.group("which").lower() == "this")
        counted_from.append(fn is _open and m.group("word").lower() == "since")
    latest = [(m.start(), m.end()) for m in _RECENT.finditer(text)
              if not any(a < m.end() and m.start() < b for a, b in taken)]
    if not windows:
        return TimeFrame(latest=bool(latest), label="the newest releases" if latest else "",
                         spans=tuple(latest))
    reported = _REPORTED.search(text)
    if reported and any(r and start >= reported.end() for r, (start, _) in zip(rolling, taken)):
        # "How many heads said they'd had to drop A levels over the last three years?": a survey's
        # years, not the question's; any other time the question names is when.
        keep = [not (r and start >= reported.end()) for r, (start, _) in zip(rolling, taken)]
        windows, after, days, current, rolling = ([x for x, k in zip(xs, keep) if k]
                                                  for xs in (windows, after, days, current, rolling))
        if not windows:
            return TimeFrame(latest=bool(latest), label="the newest releases" if latest else "",
                             spans=tuple(sorted(taken + latest)))
    if any(rolling) and not all(rolling) and not _JOINED.search(text):
        # "Back in 2014, how many said a pupil had hit them in the past year?": the past year is the
        # survey's, counted back from when it was done; the year says when. (Not "in the past year
        # and in 2019": both are asked about.)
        windows = [w for w, r in zip(windows, rolling) if not r]
        after = [a for a, r in zip(after, rolling) if not r]
        days = [d for d, r in zip(days, rolling) if not r]
        current = [c for c, r in zip(current, rolling) if not r]
        counted_from = [c for c, r in zip(counted_from, rolling) if not r]
        rolling = [False] * len(windows)
    if any(counted_from) and not all(counted_from) \
            and all(None not in w for w, c in zip(windows, counted_from) if not c):
        # "How much have wages shrunk since 2010, according to UCAC in 2019?": a change is counted
        # from 2010; the other time, a closed one, says when it was said (not "since 2019 and before 2021").
        windows, after, days, current, rolling = ([x for x, c in zip(xs, counted_from) if not c]
                                                  for xs in (windows, after, days, current, rolling))
    starts = [s for s, _ in windows]
    ends = [u for _, u in windows]
    since = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    until = None if any(u is None for u in ends) else max(u for u in ends if u is not None)
    if since and until:
        label = _label(since, until, day=days == [True])
    elif since:
        label = f"since {calendar.month_name[since.month]} {since.year}" if since.day == 1 else f"since {human(since)}"
    else:
        label = f"up to {human(until)}" if until else ""
    return TimeFrame(since, until, bool(latest), label, tuple(sorted(taken + latest)), all(rolling),
                     all(after) and not latest, all(current))
