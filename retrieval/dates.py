"""Dates: reading them from release text and from user filters."""

from __future__ import annotations

import datetime as dt
import re

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
# A line that is (nearly) only a date, with an optional lead-in word.
_DATELINE = re.compile(
    r"^\s*(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|date|released?(?:\s+on)?)?\s*:?\s*"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?P<date>.{6,40}?)\s*$",
    re.IGNORECASE,
)


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
    """The date when `line` is a dateline ("First published 21 May 2024"), else None."""
    m = _DATELINE.match(line)
    if not m:
        return None
    inner = m.group("date")
    for pattern in _PATTERNS:
        dm = pattern.fullmatch(inner.strip().rstrip("."))
        if dm:
            return _to_date(dm)
    return None


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
