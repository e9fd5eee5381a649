"""Splitting a document into paragraph passages.

One passage per paragraph, numbered from 1 as a reader counts them: the
headline, datelines, section headings and end marks are not paragraphs;
every other line of text is in a passage. A paragraph longer than
`max_chars` is cut at sentence boundaries into parts that share its number.
"""

from __future__ import annotations

import re

from .dates import dateline
from .loaders import is_headline
from .schema import Document, Passage
from .settings import DEFAULT_MAX_PASSAGE_CHARS
from .sentences import normalise_space, sentence_spans

_BLANK = re.compile(r"\n[ \t\xa0]*\n")
# An item of a list: a line opening with a bullet or a number ("- 44% reported …", "2. …").
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block of text that may be a paragraph.

    Text with blank lines between blocks is split at blank lines (a block's
    own line breaks are wrapping, except list items); text without any blank
    line has one paragraph per line, as releases pasted from the web do.
    """
    if _BLANK.search(text.strip()):
        spans: list[tuple[int, int]] = []
        pos = 0
        for m in _BLANK.finditer(text):
            spans.extend(_split_list_items(text, pos, m.start()))
            pos = m.end()
        spans.extend(_split_list_items(text, pos, len(text)))
    else:
        lines = _lines(text, 0, len(text))
        spans = _unwrap(text, lines) if _hard_wrapped(text, lines) else lines
    return [s for s in (_trim(text, a, b) for a, b in spans) if s]


_ENDS = ".!?:;\"'”’)…"


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True for text wrapped at a fixed width (most lines stop mid-sentence),
    as opposed to one paragraph per line."""
    body = [text[a:b].rstrip() for a, b in lines[:-1] if text[a:b].strip()]
    if len(body) < 3:
        return False
    open_ended = sum(1 for line in body if line[-1] not in _ENDS)
    return open_ended > len(body) / 2


def _unwrap(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs of hard-wrapped text: a line ending a sentence well short of
    the wrap width ends its paragraph, as does a heading line."""
    width = max(b - a for a, b in lines)
    spans: list[tuple[int, int]] = []
    start = None
    for a, b in lines:
        line = text[a:b].rstrip()
        heading = len(line) < 0.7 * width and is_headline(line)  # a full-width line is wrapped text
        if start is not None and heading:
            spans.append((start, prev_end))
            start = None
        if start is None:
            start = a
        prev_end = b
        if line and line[-1] in _ENDS and len(line) < 0.8 * width or heading:
            spans.append((start, b))
            start = None
    if start is not None:
        spans.append((start, prev_end))
    return spans


def _lines(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^\n]+", text[a:b]):
        out.append((a + m.start(), a + m.end()))
    return out


def _split_list_items(text: str, a: int, b: int) -> list[tuple[int, int]]:
    lines = _lines(text, a, b)
    if len(lines) > 1 and sum(1 for s, e in lines if LIST_ITEM.match(text[s:e])) >= 2:
        merged: list[tuple[int, int]] = []
        for s, e in lines:
            if merged and not LIST_ITEM.match(text[s:e]):
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        return merged
    return [(a, b)]


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_END_MARK = re.compile(r"^[\W_]*(?:ends?|diwedd|-?30-?|#{3})[\W_]*$", re.IGNORECASE)


# Section headings of press releases, in any case, with or without a colon.
_SECTION = re.compile(r"^(?:notes? (?:to|for) editors?|editors?['’]? notes?|background|further information"
                      r"|(?:media|press) (?:enquiries|contacts?)|for more information|contacts?"
                      r"|nodiadau i olygyddion|nodyn i olygyddion|gwybodaeth bellach)\s*:?$", re.IGNORECASE)


def is_heading(line: str) -> bool:
    """True for a section heading: a Markdown heading, a usual release section heading
    ("Notes to editors:"), or a short line (six words at most) without end punctuation
    in capitals or title case ("About NAHT Cymru", "Key Facts", "BACKGROUND").

    A short line written as a sentence ("Twenty schools will share five million pounds")
    is content, whatever its punctuation.
    """
    line = line.strip()
    if _MARKDOWN_HEADING.match(line) or _SECTION.match(line):
        return True
    if not line or line[-1] in ".!?:;,\"'”’)…" or any(ch.isdigit() for ch in line):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if not words or len(words) > 6 or len(line.split()) > 6:
        return False
    long_words = [w for w in words if len(w) > 3]
    if line.isupper() and any(ch.isalpha() for ch in line):
        return True
    if not long_words or not words[0][0].isupper() or not all(w[0].isupper() for w in long_words):
        return False
    return len(long_words) >= 2 or all(w[0].isupper() for w in words)


def is_paragraph(block: str, title: str) -> bool:
    """False only for what is provably not content: the headline repeated, a
    dateline, a section heading, or an end mark ("ENDS", "###")."""
    flat = normalise_space(block)
    if not any(ch.isalnum() for ch in flat) or _END_MARK.match(flat):
        return False
    if flat.lstrip("# ").casefold() == normalise_space(title).lstrip("# ").casefold() or dateline(flat):
        return False
    return "\n" in block.strip() or not is_heading(flat)


def split_document(doc: Document, max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> list[Passage]:
    """The passages of `doc`.

    Args:
        doc: The document.
        max_chars: Paragraphs longer than this are split at sentence boundaries.

    Returns:
        Passages in reading order; `doc.text[p.start:p.end] == p.text`.
    """
    passages: list[Passage] = []
    number = 0
    for a, b in paragraph_spans(doc.text):
        if not is_paragraph(doc.text[a:b], doc.title):
            continue
        number += 1
        for part, (s, e) in enumerate(_chunks(doc.text, a, b, max_chars), start=1):
            passages.append(
                Passage(
                    doc_id=doc.doc_id,
                    paragraph=number,
                    part=part,
                    start=s,
                    end=e,
                    text=doc.text[s:e],
                    title=doc.title,
                    source=doc.source,
                    date=doc.date,
                    path=doc.path,
                    url=doc.url,
                )
            )
    return passages


def _chunks(text: str, a: int, b: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut text[a:b] into pieces of at most about max_chars at sentence ends.

    A sentence longer than max_chars is cut at spaces; a last piece shorter
    than a quarter of max_chars is merged into the one before it.
    """
    if b - a <= max_chars:
        return [(a, b)]
    pieces: list[tuple[int, int]] = []
    for s, e in sentence_spans(text, a, b):
        while e - s > max_chars:
            cut = text.rfind(" ", s, s + max_chars)
            cut = cut if cut > s else s + max_chars
            pieces.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if s < e:
            pieces.append((s, e))
    chunks: list[tuple[int, int]] = []
    for s, e in pieces:
        if chunks and e - chunks[-1][0] <= max_chars:
            chunks[-1] = (chunks[-1][0], e)
        else:
            chunks.append((s, e))
    if len(chunks) > 1 and chunks[-1][1] - chunks[-1][0] < max_chars // 4:
        last = chunks.pop()
        chunks[-1] = (chunks[-1][0], last[1])
    return chunks
