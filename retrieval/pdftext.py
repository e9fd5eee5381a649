"""The text of a PDF as a reader sees it, from the layout of its lines.

pdfminer.six gives every text line with its position and font size. From
those, columns are read one after the other (a line across the gutter, such
as a headline, is read where it stands), a header or footer repeated at the
same place on most pages is left out, and wrapped lines are joined into
paragraphs where the layout says a paragraph goes on: a new paragraph starts
after extra space, at a change of font size, at an indented first line, or
after a line that stops short of the margin although the next word would have
fitted. Every other line of text is kept, in order.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from .dates import dateline

log = logging.getLogger(__name__)

_SENTENCE_END = ".!?:\"”’"
# Titles that producers write when the author gave none: "(anonymous)", "untitled",
# "Microsoft Word - release.docx", a file name.
_JUNK_TITLES = re.compile(r"^(?:\(?(?:anonymous|untitled|unspecified|none|null)\)?|microsoft word\b.*"
                          r"|.*\.(?:docx?|pdf|odt|rtf|indd|pages))$", re.IGNORECASE)


class PdfUnreadable(Exception):
    """The bytes are not a PDF that can be read; the message says why, in a few words."""


@dataclass(frozen=True)
class Line:
    """One line of text on a page, with its box (PDF points, y upwards) and font size."""

    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    text: str

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class PdfText:
    """What a PDF holds: its paragraphs in reading order and its own metadata."""

    paragraphs: list[str]
    title: str | None
    running: list[str]  # header and footer lines left out, once each


def read_pdf(raw: bytes) -> PdfText:
    """The paragraphs and title of a PDF.

    Args:
        raw: The file's bytes.

    Returns:
        The paragraphs (wrapped lines joined with single spaces), the title
        from the document information when it is a real one, and the running
        header/footer lines that were left out.

    Raises:
        PdfUnreadable: The bytes are not a readable PDF, or it is encrypted.
    """
    pages, info = _lines_and_info(raw)
    running = _running_lines(pages)
    kept = [[ln for ln in page if _key(ln) not in running or not _at_edge(ln, page)] for page in pages]
    segments = [_merge_baselines(seg) for page in kept for band in _bands(page) for seg in _segments(band)]
    title = info.get("Title")
    if not isinstance(title, str) or not title.strip() or _JUNK_TITLES.match(title.strip()):
        title = None
    dropped = sorted({ln.text for page in pages for ln in page if _key(ln) in running and _at_edge(ln, page)})
    return PdfText(_paragraphs(segments), title.strip() if title else None, dropped)


# -- reading the lines -----------------------------------------------------------------------


@contextmanager
def _quiet_pdfminer() -> Iterator[list[str]]:
    """Keep pdfminer's own warnings off the user's terminal; they are logged at debug level instead."""
    caught: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            caught.append(record.getMessage())

    logger = logging.getLogger("pdfminer")
    handler = _Collect(logging.WARNING)
    saved = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield caught
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved
        for message in caught:
            log.debug("pdfminer: %s", message)


def _lines_and_info(raw: bytes) -> tuple[list[list[Line]], dict[str, Any]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage, PDFTextExtractionNotAllowed
    from pdfminer.pdfparser import PDFParser

    if b"%PDF-" not in raw[:1024]:
        raise PdfUnreadable("no PDF header")
    pages: list[list[Line]] = []
    info: dict[str, Any] = {}
    with _quiet_pdfminer():  # its warnings on damaged files are not for the user's terminal
        try:
            document = PDFDocument(PDFParser(io.BytesIO(raw)))
            for entry in document.info:
                for key, value in entry.items():
                    info[key] = _text_of(value)
            manager = PDFResourceManager()
            device = PDFPageAggregator(manager, laparams=LAParams())
            interpreter = PDFPageInterpreter(manager, device)
            for number, page in enumerate(PDFPage.create_pages(document), start=1):
                interpreter.process_page(page)
                lines: list[Line] = []
                stack = list(device.get_result())
                while stack:
                    item = stack.pop(0)
                    if isinstance(item, LTTextLine):
                        text = " ".join(item.get_text().split())
                        if text:
                            sizes = [c.size for c in item if isinstance(c, LTChar) and c.get_text().strip()]
                            size = statistics.median(sizes) if sizes else item.height
                            lines.append(Line(number, item.x0, item.x1, item.y0, item.y1, round(size, 1), text))
                    elif isinstance(item, LTTextContainer) or hasattr(item, "__iter__"):
                        stack[:0] = list(item)
                pages.append(lines)
        except (PDFPasswordIncorrect, PDFTextExtractionNotAllowed):
            raise PdfUnreadable("it is encrypted or does not allow text extraction") from None
        except Exception as e:  # pdfminer raises many kinds on damaged files
            reason = str(e).split("\n")[0].strip() or type(e).__name__
            raise PdfUnreadable(reason[:120]) from None
    return pages, info


def _text_of(value: Any) -> Any:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        try:
            return value[2:].decode("utf-16-be") if value[:2] == b"\xfe\xff" else decode_text(value)
        except UnicodeDecodeError:
            return None
    return value


# -- headers and footers ---------------------------------------------------------------------


def _key(line: Line) -> str:
    """A line's text with numbers blanked: "Page 2 of 3" and "Page 3 of 3" are the same footer."""
    return re.sub(r"\d+", "#", line.text.casefold())


def _at_edge(line: Line, page: list[Line]) -> bool:
    """Whether `line` is the top or bottom line of its page (within two lines' height)."""
    top = max(ln.y1 for ln in page)
    bottom = min(ln.y0 for ln in page)
    reach = 2.5 * max(line.y1 - line.y0, line.size)
    return line.y1 >= top - reach or line.y0 <= bottom + reach


def _running_lines(pages: list[list[Line]]) -> set[str]:
    """Texts found at the top or bottom edge, at the same height, on most pages (at least two)."""
    if len(pages) < 2:
        return set()
    seen: dict[tuple[str, int], set[int]] = {}
    for page in pages:
        if not page:
            continue
        for ln in page:
            if _at_edge(ln, page):
                seen.setdefault((_key(ln), round(ln.y0 / 4)), set()).add(ln.page)
    needed = max(2, (len(pages) + 1) // 2)
    return {key for (key, _), on in seen.items() if len(on) >= needed}


# -- reading order ----------------------------------------------------------------------------


def _bands(lines: list[Line]) -> list[list[Line]]:
    """The page cut across its whole width where a wide empty strip separates text above from
    text below: a masthead, the columns, a footer. Paragraph spacing inside columns is narrower."""
    bands: list[list[Line]] = []
    lowest = None
    for ln in sorted(lines, key=lambda ln: (-ln.y1, ln.x0)):
        if lowest is None or ln.y1 < lowest - 2.2 * ln.size:
            bands.append([])
            lowest = ln.y0
        bands[-1].append(ln)
        lowest = min(lowest, ln.y0)
    return bands


def _segments(lines: list[Line]) -> list[list[Line]]:
    """The lines of one band of a page as read, in runs that share a column: top to bottom, a column at a time.

    A gutter is an empty vertical strip with lines on both sides; lines that
    cross it (a headline above two columns) split the band, each part read
    left column first.
    """
    lines = sorted(lines, key=lambda ln: (-ln.y1, ln.x0))
    gutter = _gutter(lines)
    if gutter is None:
        return [lines] if lines else []
    out: list[list[Line]] = []
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines:
        if ln.x0 < gutter < ln.x1:  # across the columns
            out += _segments(left) + _segments(right) + [[ln]]
            left, right = [], []
        elif ln.x1 <= gutter:
            left.append(ln)
        else:
            right.append(ln)
    return out + _segments(left) + _segments(right)


def _merge_baselines(lines: list[Line]) -> list[Line]:
    """Pieces of one column on the same baseline as one line (a justified line with wide
    spaces can come as several pieces), left to right."""
    out: list[Line] = []
    for ln in sorted(lines, key=lambda ln: (-round(ln.y0), ln.x0)):
        last = out[-1] if out else None
        if last is not None and abs(last.y0 - ln.y0) < 0.3 * ln.size and ln.x0 >= last.x1 - 1:
            out[-1] = Line(last.page, last.x0, ln.x1, min(last.y0, ln.y0), max(last.y1, ln.y1),
                           max(last.size, ln.size), last.text + " " + ln.text)
        else:
            out.append(ln)
    return out


def _gutter(lines: list[Line]) -> float | None:
    """The x of the empty strip between two columns, or None for a single column.

    The strip is searched in the middle three fifths of the text's width; a
    few lines (headlines, footers) may cross it, most lines must not; it is
    not a space of justified lines (`_spaced_evenly`), nor narrower than the
    text's size: lined-up word spaces of lines in two pieces leave a strip a
    space wide ("Council will school | funding will work").
    """
    if len(lines) < 6:
        return None
    lo = min(ln.x0 for ln in lines)
    hi = max(ln.x1 for ln in lines)
    span = hi - lo
    size = sorted(ln.size for ln in lines)[len(lines) // 2]
    best: tuple[int, float] | None = None
    x = lo + 0.2 * span
    while x <= lo + 0.8 * span:
        crossing = sum(1 for ln in lines if ln.x0 < x < ln.x1)
        left = sum(1 for ln in lines if ln.x1 <= x)
        right = sum(1 for ln in lines if ln.x0 >= x)
        if left and right and crossing <= 0.2 * len(lines) and (best is None or crossing < best[0]) \
                and not _spaced_evenly(lines, x) and _strip_width(lines, x) >= size:
            best = (crossing, x)
        x += 2.0
    if best is None:
        return None
    x = best[1]
    left_edge = max(ln.x1 for ln in lines if ln.x1 <= x)
    right_edge = min(ln.x0 for ln in lines if ln.x0 >= x)
    return (left_edge + right_edge) / 2


def _strip_width(lines: list[Line], x: float) -> float:
    """How wide the empty strip at `x` is: from the rightmost line end left of it to the leftmost
    line start right of it (lines crossing it left out)."""
    return min(ln.x0 for ln in lines if ln.x0 >= x) - max(ln.x1 for ln in lines if ln.x1 <= x)


def _spaced_evenly(lines: list[Line], x: float) -> bool:
    """Whether the strip at `x` is the space between words of justified lines, not a gutter:
    most baselines with text on both sides of it come in three or more pieces spaced evenly, as
    a justified line does (a lone paragraph's spaces can line up down the column: "council
    council council"). A line of each column beside a gutter leaves one gap, or uneven ones."""
    rows: dict[int, list[Line]] = {}
    for ln in lines:
        rows.setdefault(round(ln.y0), []).append(ln)
    both = evenly = 0
    for row in rows.values():
        if not (min(ln.x0 for ln in row) < x < max(ln.x1 for ln in row)) or len(row) < 2:
            continue
        row.sort(key=lambda ln: ln.x0)
        gaps = sorted(b.x0 - a.x1 for a, b in zip(row, row[1:]))
        both += 1
        evenly += len(gaps) >= 2 and gaps[-1] - gaps[0] <= max(1.0, 0.1 * gaps[len(gaps) // 2])
    return both > 0 and 2 * evenly >= both


# -- paragraphs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Margins:
    left: float
    right: float


def _paragraphs(segments: list[list[Line]]) -> list[str]:
    """Join the lines of the segments, in reading order, into paragraphs."""
    flow = [(ln, i) for i, seg in enumerate(segments) for ln in seg]
    if not flow:
        return []
    leading = _leading(segments)
    margins = _all_margins(segments)
    paragraphs: list[list[str]] = []
    prev: tuple[Line, int] | None = None
    for ln, seg in flow:
        if prev is None or _starts_paragraph(prev[0], margins[prev[1]], ln, margins[seg], leading):
            paragraphs.append([ln.text])
        else:
            paragraphs[-1].append(ln.text)
        prev = (ln, seg)
    return [_join(p) for p in paragraphs]


def _leading(segments: list[list[Line]]) -> dict[float, float]:
    """The distance between the baselines of consecutive lines of one paragraph, by font size.

    Within a paragraph it is the same everywhere; between paragraphs it is
    larger when they are spaced. Releases often have one-line paragraphs, so
    the smallest distance seen twice is taken, not the most common one.
    """
    gaps: dict[float, list[float]] = {}
    for seg in segments:
        for a, b in zip(seg, seg[1:]):
            d = round((a.y0 - b.y0) * 2) / 2
            if a.size == b.size and 0 < d < 3 * a.size:
                gaps.setdefault(a.size, []).append(d)
    out = {}
    for size, ds in gaps.items():
        repeated = [d for d in set(ds) if ds.count(d) > 1]
        out[size] = min(repeated or ds)
    return out


def _all_margins(segments: list[list[Line]]) -> list[_Margins]:
    """The margins of each segment.

    The left margin is the leftmost start shared by two lines or more. The
    right margin is where wrapped lines end: the furthest line end, when three
    lines or more reach it. A segment of a few short lines (the end of a
    column) takes it from another segment with the same left margin that
    shows it, else it is its furthest line end.
    """
    lefts: list[float] = []
    rights: list[float | None] = []
    for seg in segments:
        starts = [round(ln.x0) for ln in seg]
        repeated = [x for x in set(starts) if starts.count(x) > 1]
        left = min(repeated or starts)
        right = max(ln.x1 for ln in seg)
        reaching = sum(1 for ln in seg if ln.x1 >= right - 0.02 * (right - left))
        lefts.append(left)
        rights.append(right if reaching >= 3 else None)
    out = []
    for seg, left, right in zip(segments, lefts, rights):
        if right is None:
            known = [r for l2, r in zip(lefts, rights) if r is not None and abs(l2 - left) <= 3]
            widest = max(ln.x1 for ln in seg)
            right = max(widest, statistics.median(known)) if known else widest
        out.append(_Margins(left, right))
    return out


def _starts_paragraph(prev: Line, pm: _Margins, ln: Line, m: _Margins, leading: dict[float, float]) -> bool:
    """Whether `ln` starts a new paragraph after `prev` (each with its column's margins)."""
    if abs(prev.size - ln.size) > 0.15 * max(prev.size, ln.size):
        return True  # a change of font size: headline, heading, body
    if dateline(prev.text) or dateline(ln.text):
        return True  # a dateline stands alone
    char = max(prev.width / max(len(prev.text), 1), 1.0)
    prev_indent = prev.x0 - pm.left
    indent = ln.x0 - m.left
    first_line_indent = char < indent <= 8 * char
    next_word = len(ln.text.split(" ", 1)[0]) + 1
    fitted = prev.x1 + next_word * char < pm.right - char  # the next word would have fitted on prev's line
    if prev.page != ln.page or ln.y0 >= prev.y0:  # the next column or page
        return prev.text[-1] in _SENTENCE_END or fitted or first_line_indent
    if prev.y0 - ln.y0 > leading.get(ln.size, 1.2 * ln.size) + max(1.5, 0.2 * ln.size):
        return True  # extra space between them
    if first_line_indent and (abs(prev_indent) <= char or abs(prev.x0 - ln.x0) < 1):
        return True  # an indented first line, after a line at the margin or a one-line paragraph
    # After a line at the margin or an indented first line (not a centred one): a short line ends a paragraph.
    return -char <= prev_indent <= 8 * char and fitted


def _join(lines: list[str]) -> str:
    """Join wrapped lines with a space; a line ending in a hyphen joins the next without one."""
    out = lines[0]
    for ln in lines[1:]:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and ln[:1].islower():
            out += ln
        else:
            out += " " + ln
    return out
