"""Sentence boundaries with character offsets.

Quotes are built from these spans, so they must be exact: each span is
`(start, end)` into the original text, trimmed of surrounding whitespace.
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof rev st sr jr mt cllr hon sen gen col lt sgt capt co corp inc ltd plc
    vs etc al e.g i.e cf fig figs no nos vol p pp ed eds approx dept est govt jan feb mar apr jun jul aug
    sep sept oct nov dec u.s u.k a.m p.m
    """.split()
)

# A candidate end: terminal punctuation, optional closing quotes/brackets,
# then whitespace.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
# A line opening a list item: a bullet ("-", "*", "•") or a number ("1.", "2)") and a space.
_ITEM = re.compile(r"(?m)^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+(?=\S)")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split `text[start:end]` into sentences.

    Args:
        text: The full text.
        start: Offset where the region begins.
        end: Offset where it ends (default: end of text).

    Returns:
        (start, end) offsets of each sentence, whitespace trimmed, in order.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    # Each item of a list ("- 78% said …" on a line of its own) is a sentence, stop or no stop.
    items = list(_ITEM.finditer(text, start, end))
    cuts = [m.start() for m in items]
    for after, b in zip([start, *(m.end() for m in items)], [*cuts, end]):
        cursor = after  # the item's text, without its bullet or number ("1. ")
        for m in _END.finditer(text, after, b):
            stop = m.end()
            if not _is_boundary(text, m.start(), stop, b):
                continue
            _append(spans, text, cursor, stop)
            cursor = stop
        _append(spans, text, cursor, b)
    return spans


def _is_boundary(text: str, punct_at: int, stop: int, end: int) -> bool:
    # The next non-space character must open a sentence: upper case, a digit,
    # an opening quote or bracket.
    i = stop
    while i < end and text[i].isspace():
        i += 1
    if i >= end:
        return True
    nxt = text[i]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘([£$€"):
        return False
    if text[punct_at] == ".":
        j = punct_at
        while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "."):
            j -= 1
        token = text[j:punct_at].lower()
        if token in _ABBREVIATIONS:
            return False
        # Initials such as "J. Smith".
        if len(token) == 1 and token.isalpha() and text[j].isupper():
            return False
    return True


def _append(spans: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        spans.append((a, b))


def normalise_space(text: str) -> str:
    """Collapse every whitespace run (newlines, no-break spaces) to one space."""
    return " ".join(text.split())
