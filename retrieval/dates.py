"""Dates: reading them from release text (datelines) and from user filters."""

from __future__ import annotations

import datetime as dt
import re
import warnings

from dateutil import parser as dateutil_parser

from .errors import BadFilter

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PATTERNS = [
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})"),
]
def find_date(text: str) -> dt.date | None:
    """The first valid date written in `text` ("27 November 2014", "May 21, 2024", "2024-05-21")."""
    best: tuple[int, dt.date] | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            d = _to_date(m)
            if d is not None and (best is None or m.start() < best[0]):
                best = (m.start(), d)
                break
    return best[1] if best else None


def dateline(line: str) -> dt.date | None:
    """The date when `line` is a dateline, else None.

    A dateline is a date with, at most, a lead-in ("First published",
    "For immediate release:", "Embargoed until 00:01"), a place ("Cardiff, ")
    and a weekday or time: "Cardiff, 3 February 2025", "3rd Feb 2025",
    "Embargoed until 00:01 Tuesday 4 March 2025"; or the same date twice, in
    two languages ("1 Medi 2025 / 1 September 2025"). A line holding anything else
    (a sentence that mentions a date) is not one. The date must give day,
    month (by name, English or Welsh, unless written as numbers) and a
    four-digit year.
    """
    text = line.strip().strip("*_#>[]()").strip()
    if not text or len(text) > 90:
        return None
    halves = re.split(r"\s+[/|]\s+", text)
    if len(halves) == 2:  # the same date in two languages: "1 Medi 2025 / 1 September 2025"
        first, second = (dateline(half) for half in halves)
        return first if first is not None and first == second else None
    text = _strip_lead_ins(text)
    found = _whole_date(text)
    if found is None:
        m = _PLACE.match(text)
        if m:
            found = _whole_date(_strip_lead_ins(text[m.end():]))
    return found


def leading_dateline(paragraph: str) -> dt.date | None:
    """The date of a dateline that opens a paragraph ("CARDIFF, 3 February 2025 – The council ..."), else None."""
    m = _OPENING.match(paragraph)
    return dateline(m.group(1)) if m else None


# Words that may stand before the date on a dateline, longest first.
_LEAD_INS = sorted((
    "first published", "published on", "published", "last updated", "updated on", "updated", "posted on", "posted",
    "issued on", "issued", "released on", "release date", "released", "date", "dated", "for immediate release",
    "immediate release", "for release on", "for release", "embargoed until", "embargoed to", "embargoed",
    "under embargo until", "embargo until", "embargo", "not for publication before", "not to be published before",
    "press release", "news release", "media release", "cyhoeddwyd", "dyddiad", "datganiad i'r wasg",
    "i'w gyhoeddi ar unwaith", "embargo tan",
), key=len, reverse=True)
_LEAD_IN = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _LEAD_INS) + r")\b\s*[:\-–—,.]?\s*", re.IGNORECASE)
# A place before the date: up to four capitalised words (or two such names), then a comma, colon or dash.
_PLACE_NAME = r"[A-ZÀ-Þ][\w'’.&-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.&-]*|upon|on|under|y|yr|de|le|la))" + "{0,3}"
_PLACE = re.compile(r"^" + _PLACE_NAME + r"(?:\s*,\s*" + _PLACE_NAME + r")?\s*(?:,|:|\s[-–—])\s*")
_OPENING = re.compile(r"^(.{6,80}?)\s+[-–—]\s+\S")
_NUMERIC = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}\b")


def _strip_lead_ins(text: str) -> str:
    while True:
        m = _LEAD_IN.match(text)
        if not m or m.end() == 0:
            return text
        text = text[m.end():]


class _Names(dateutil_parser.parserinfo):
    """English and Welsh month and weekday names for dateutil."""

    MONTHS = [
        ("Jan", "January", "Ionawr"), ("Feb", "February", "Chwefror"), ("Mar", "March", "Mawrth"),
        ("Apr", "April", "Ebrill"), ("May", "Mai"), ("Jun", "June", "Mehefin"),
        ("Jul", "July", "Gorffennaf"), ("Aug", "August", "Awst"), ("Sep", "Sept", "September", "Medi"),
        ("Oct", "October", "Hydref"), ("Nov", "November", "Tachwedd"), ("Dec", "December", "Rhagfyr"),
    ]

    def __init__(self) -> None:
        super().__init__(dayfirst=True)


_NAMES = _Names()
_MONTH_WORDS = {name.lower() for names in _Names.MONTHS for name in names}
_EARLY = dt.datetime(1, 1, 1)
_LATE = dt.datetime(2, 2, 2)


def _whole_date(text: str) -> dt.date | None:
    """The date when all of `text` is one date (with perhaps a weekday and a time) giving day, month and year."""
    text = text.strip().rstrip(".,;")
    if not 6 <= len(text) <= 60 or not re.search(r"\b\d{4}\b", text):
        return None
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    if not (words & _MONTH_WORDS or _NUMERIC.search(text)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown time zone names such as BST
            early = dateutil_parser.parse(text, parserinfo=_NAMES, default=_EARLY)
            late = dateutil_parser.parse(text, parserinfo=_NAMES, default=_LATE)
    except (ValueError, OverflowError, TypeError):
        return None
    if early.date() != late.date() or not 1000 <= early.year <= 2999:
        return None  # a part of the date was missing
    return early.date()


def _to_date(m: re.Match[str]) -> dt.date | None:
    try:
        year = int(m.group("year"))
        day = int(m.group("day"))
        if "mnum" in m.groupdict() and m.group("mnum"):
            month = int(m.group("mnum"))
        else:
            month = _MONTHS.get(m.group("month").lower().rstrip("."), 0)
        if not 1000 <= year <= 2999:
            return None
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        return None


def parse_filter_date(value: str, *, end: bool = False) -> dt.date:
    """Parse a --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD.

    Args:
        value: The text given by the user.
        end: Round a partial date up to the end of its year or month (for --until).

    Returns:
        The date.

    Raises:
        BadFilter: The value is not such a date.
    """
    v = value.strip()
    try:
        if re.fullmatch(r"\d{4}", v):
            return dt.date(int(v), 12, 31) if end else dt.date(int(v), 1, 1)
        if re.fullmatch(r"\d{4}-\d{1,2}", v):
            y, m = (int(x) for x in v.split("-"))
            if end:
                nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
                return nxt - dt.timedelta(days=1)
            return dt.date(y, m, 1)
        return dt.date.fromisoformat(v)
    except ValueError:
        pass
    raise BadFilter(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def human(d: dt.date | None) -> str:
    """"21 May 2024" (whatever the locale), or "undated"."""
    return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}" if d else "undated"
