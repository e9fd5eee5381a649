"""The one renderer of answers, for the terminal and for Telegram.

The wording of quotes, citations, refusals, the list of releases and the
index's status is decided here once; the
`Markup` classes only differ in escaping and styling (plain text, ANSI
colour, Telegram HTML). Telegram replies are split at quote boundaries to fit
its message limit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from retrieval.dates import human
from retrieval.schema import Answer, Citation, Document, Quote

if TYPE_CHECKING:
    from retrieval import Status

TELEGRAM_LIMIT = 4096
NOT_COVERED = "The releases in the corpus don't cover that."


class Markup:
    """Plain text: no escaping, no styling."""

    def esc(self, text: str) -> str:
        return text

    def bold(self, text: str) -> str:
        return text

    def dim(self, text: str) -> str:
        return text

    def italic(self, text: str) -> str:
        return text

    def quote(self, text: str) -> str:
        """A block quotation of already-escaped text."""
        return "\n".join("  " + line for line in text.split("\n"))

    def link(self, text: str, url: str) -> str:
        return f"{text} <{url}>"

    def path(self, path: str) -> str:
        return self.dim(self.esc(path))

    def fields(self, rows: Sequence[tuple[str, str]]) -> list[str]:
        """"Label: value" lines, values aligned in a column (values already marked up)."""
        width = max((len(label) for label, _ in rows), default=0) + 1
        return [f"{(label + ':').ljust(width)} {value}" for label, value in rows]


class Ansi(Markup):
    """Terminal colours (only used when stdout is a terminal)."""

    def bold(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m"

    def dim(self, text: str) -> str:
        return f"\x1b[2m{text}\x1b[0m"

    def italic(self, text: str) -> str:
        return f"\x1b[3m{text}\x1b[0m"

    def link(self, text: str, url: str) -> str:
        return f"{text} {self.dim('<' + url + '>')}"


class TelegramHTML(Markup):
    """Telegram's HTML parse mode: every piece of text escaped."""

    def esc(self, text: str) -> str:
        return html.escape(text, quote=False)

    def bold(self, text: str) -> str:
        return f"<b>{text}</b>"

    def dim(self, text: str) -> str:
        return f"<i>{text}</i>"

    def italic(self, text: str) -> str:
        return f"<i>{text}</i>"

    def quote(self, text: str) -> str:
        return f"<blockquote>{text}</blockquote>"

    def link(self, text: str, url: str) -> str:
        return f'<a href="{html.escape(url, quote=True)}">{text}</a>'

    def path(self, path: str) -> str:
        return ""  # a server path means nothing in a chat

    def fields(self, rows: Sequence[tuple[str, str]]) -> list[str]:
        # a chat's proportional font would only scatter an aligned column
        return [f"{self.esc(label)}: {value}" for label, value in rows]


PLAIN = Markup()
ANSI = Ansi()
HTML = TelegramHTML()


def one_line(text: str) -> str:
    """`text` on one line: line breaks of every kind (\\n, \\x85, U+2028 ...) become spaces."""
    return " ".join(text.splitlines())


def source_lines(citations: Sequence[Citation], m: Markup, *, with_path: bool = True) -> list[str]:
    """The sources section's entries: one per release, listing its markers.

    "• Title — Organisation, 21 May 2024" then "  [1] paragraph 6, [3] paragraph 2"
    (a link on the title when the URL is known; the file path on a terminal).
    """
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.doc_id, []).append(c)
    entries = []
    for cs in groups.values():
        c = cs[0]
        title = m.esc(c.title)
        if c.url:
            title = m.link(title, c.url)
        about = ", ".join(p for p in (c.source, human(c.date) if c.date else None) if p)
        lines = [f"• {title}" + (f" — {m.esc(about)}" if about else "")]
        lines.append("  " + ", ".join(f"[{x.n}] paragraph {x.paragraph}" for x in cs))
        where = m.path(c.path) if with_path else ""
        if where:
            lines.append("  " + where)
        entries.append("\n".join(lines))
    return entries


def quote_block(q: Quote, m: Markup, *, dated: bool = False) -> str:
    """“text” [n], with the release's date beside the marker when `dated` ("[2, 9 December 2015]")."""
    mark = str(q.citation.n)
    if dated and q.citation.date:
        mark += ", " + human(q.citation.date)
    return m.quote(f"“{m.esc(q.text)}” [{m.esc(mark)}]")


def release_heading(c: Citation, m: Markup) -> str:
    """"NAHT Cymru, 21 May 2024: Title" above a release's quotes in a by-release answer."""
    about = ", ".join(p for p in (c.source, human(c.date) if c.date else None) if p)
    return m.bold(m.esc(about + (": " if about else ""))) + m.esc(c.title)


def spans_years(quotes: Sequence[Quote]) -> bool:
    """True when the quotes come from releases of more than one year."""
    return len({q.citation.date.year for q in quotes if q.citation.date}) > 1


def quote_blocks(answer: Answer, m: Markup) -> list[str]:
    """The quotes as blocks: ranked, each dated when the releases span years; or, for an
    organisation's recent calls from several releases, under a heading per release, newest first."""
    if not answer.by_release or len({q.citation.doc_id for q in answer.quotes}) < 2:
        dated = spans_years(answer.quotes)
        return [quote_block(q, m, dated=dated) for q in answer.quotes]
    blocks: list[str] = []
    current = None
    for q in answer.quotes:
        if q.citation.doc_id != current:
            current = q.citation.doc_id
            blocks.append(release_heading(q.citation, m))
        blocks.append(quote_block(q, m))
    return blocks


@dataclass(frozen=True)
class Rendered:
    """An answer as blocks: quotes first, then the sources section."""

    quotes: list[str]
    sources: str
    footer: str

    def join(self) -> str:
        return "\n\n".join(b for b in [*self.quotes, self.sources, self.footer] if b)


def render(answer: Answer, m: Markup = PLAIN, *, with_paths: bool = True,
           not_covered_hint: str = "") -> Rendered:
    """Lay out `answer` with markup `m`.

    Args:
        answer: The answer.
        m: The markup.
        with_paths: Show each source's file path.
        not_covered_hint: Extra sentence after the refusal (the bot points to /sources).
    """
    footer = m.dim(m.esc("(" + "; ".join(answer.notes) + ")")) if answer.notes else ""
    if not answer.answered or not answer.quotes:
        text = m.esc(answer.explanation or NOT_COVERED)
        if not answer.nearby:
            return Rendered([text + (" " + not_covered_hint if not_covered_hint else "")], "", footer)
        sources = m.bold("Sources") + "\n" + "\n".join(source_lines(answer.citations, m, with_path=with_paths))
        return Rendered([text, *(quote_block(q, m, dated=True) for q in answer.nearby)], sources, footer)
    sources = m.bold("Sources") + "\n" + "\n".join(source_lines(answer.citations, m, with_path=with_paths))
    return Rendered(quote_blocks(answer, m), sources, footer)


def render_text(answer: Answer, *, color: bool = False, width: int | None = None) -> str:
    """The answer for a terminal.

    Args:
        answer: The answer.
        color: Use ANSI colour.
        width: Wrap lines to this many columns (see `wrap`); None leaves them whole, as for a pipe or a file.
    """
    text = render(answer, ANSI if color else PLAIN).join()
    return text if width is None else wrap(text, width)


# -- wrapping for a terminal ---------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_OPENER = re.compile(r"• |[“‘\"(]")  # a hanging indent lines continuation lines up after these
_MARKER = re.compile(r"\[\d+\]")  # a quote's citation marker
MIN_WIDTH = 20


def display_width(text: str) -> int:
    """Columns `text` takes on a terminal: colour codes take none, wide (CJK) characters two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in _ANSI.sub("", text))


def wrap(text: str, width: int) -> str:
    """`text` with each line wrapped at spaces to `width` columns, with a hanging indent.

    A continuation line is indented like its line, plus the width of an opening
    "• ", quotation mark or parenthesis, so a quote's text lines up after its
    “. Words are never broken: one longer than the line (a URL, a path) gets a
    line of its own. Colour codes count for nothing.

    Args:
        text: Lines of rendered text (plain or ANSI).
        width: The terminal's columns (at least MIN_WIDTH is used).

    Returns:
        The wrapped text.
    """
    width = max(width, MIN_WIDTH)
    return "\n".join(_wrap_line(line, width) for line in text.split("\n"))


def _wrap_line(line: str, width: int) -> str:
    if display_width(line) <= width:
        return line
    body = line.lstrip(" ")
    indent = line[:len(line) - len(body)]
    opener = _OPENER.match(_ANSI.sub("", body))
    hang = indent + " " * (display_width(opener.group()) if opener else 0)
    words: list[str] = []
    for word in body.split(" "):
        if words and _MARKER.fullmatch(words[-1]):  # "[4] paragraph 7" stays on one line
            words[-1] += " " + word
        else:
            words.append(word)
    lines, current = [], indent + words[0]
    used = display_width(current)
    for word in words[1:]:
        size = display_width(word)
        if used + 1 + size <= width:
            current += " " + word
            used += 1 + size
        elif word:  # a run of spaces is not carried over to the next line
            lines.append(current)
            current, used = hang + word, len(hang) + size
    return "\n".join([*lines, current])


def render_telegram(answer: Answer, *, limit: int = TELEGRAM_LIMIT,
                    not_covered_hint: str = "See /sources for what the releases cover.") -> list[str]:
    """The answer as Telegram HTML messages, each within `limit` UTF-16 units.

    Messages break only between quotes (or between source lines), never
    inside a tag or an entity; a single quote too long for one message is
    cut at a word boundary and marked with "…".
    """
    r = render(answer, HTML, with_paths=False, not_covered_hint=not_covered_hint)
    blocks: list[str] = []
    for q in r.quotes:
        blocks.extend(_fit(q, limit))
    if r.sources:
        entries = source_lines(answer.citations, HTML, with_path=False)
        blocks.extend(_group([HTML.bold("Sources") + "\n" + entries[0], *entries[1:]], limit, sep="\n"))
    if r.footer:
        blocks.append(r.footer)
    return _group(blocks, limit, sep="\n\n")


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def _group(blocks: list[str], limit: int, sep: str) -> list[str]:
    messages: list[str] = []
    for block in blocks:
        if messages and telegram_length(messages[-1]) + len(sep) + telegram_length(block) <= limit:
            messages[-1] += sep + block
        else:
            messages.append(block)
    return messages


def _fit(block: str, limit: int) -> list[str]:
    """A quote block that fits, or its text cut (at a space where one is near) into several blocks."""
    if telegram_length(block) <= limit:
        return [block]
    inner = html.unescape(block.removeprefix("<blockquote>").removesuffix("</blockquote>"))
    room = limit - telegram_length(HTML.quote(" …"))
    pieces: list[str] = []
    while inner:
        # The longest prefix whose escaped form fits (escaping only grows text, so binary search works).
        lo, hi = 1, len(inner)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if telegram_length(html.escape(inner[:mid], quote=False)) <= room:
                lo = mid
            else:
                hi = mid - 1
        cut = lo
        if cut < len(inner):
            space = inner.rfind(" ", 0, cut)
            cut = space if space > cut // 2 else cut
        piece, inner = inner[:cut], inner[cut:].lstrip()
        pieces.append(HTML.quote(html.escape(piece, quote=False) + (" …" if inner else "")))
    return pieces


def render_sources(documents: list[Document], m: Markup = PLAIN) -> str:
    """The list of indexed releases, newest first: "21 May 2024 — NAHT Cymru: Title"."""
    if not documents:
        return m.esc("The corpus is empty.")
    lines = []
    for d in documents:
        title = m.esc(d.title)
        if d.url:
            title = m.link(title, d.url)
        lines.append(f"• {m.esc(human(d.date))} — {m.esc(d.source or 'unknown organisation')}: {title}")
    return m.bold(f"{len(documents)} releases") + "\n" + "\n".join(lines)


# -- the index's status ------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One line of the status, "Documents: 2".

    Attributes:
        label: What the value is.
        value: The value, as plain text.
        path: The value is a path on the server: shown on a terminal, not in a chat.
    """

    label: str
    value: str
    path: bool = False


def status_fields(status: Status) -> list[Field]:
    """What `citebot status`, chat's /status and the bot's /status show, one Field per line, in order.

    A line added here shows everywhere; `status_json` picks up new Status fields by itself.
    """
    organisations = ", ".join(f"{name or 'unknown'} ({n})" for name, n in status.sources.items())
    return [
        Field("Folder", str(status.index_dir), path=True),
        Field("Documents", f"{status.documents:,}"),
        Field("Passages", f"{status.passages:,}"),
        Field("Organisations", organisations or "none"),
        Field("Dates", f"{human(status.first_date)} to {human(status.last_date)}"),
        Field("Model", status.model + (f" ({status.dim} dimensions)" if status.dim else ""),
              path=os.path.isabs(status.model)),
        Field("Model files", status.model_from, path=True),
        Field("Question encoder", status.queries, path=status.queries.startswith("ONNX")),
        Field("Vectors", status.vectors),
        Field("Last indexed", f"{_when(status.built_at)} (generation {status.generation})"),
    ]


def render_status(status: Status, m: Markup = PLAIN) -> str:
    """The status: an "Index" heading, then one "Label: value" line per field (server paths on a terminal only).

    Args:
        status: The engine's status.
        m: The markup.

    Returns:
        The lines joined by newlines; each line is complete in itself (tags balanced),
        so a long status can be split between lines.
    """
    rows = [(f.label, m.path(f.value) if f.path else m.esc(f.value)) for f in status_fields(status) if f.value]
    return "\n".join([m.bold("Index"), *m.fields([(label, value) for label, value in rows if value])])


def status_json(status: Status) -> dict[str, Any]:
    """`citebot status --json`: every field of `status`, paths and dates as strings, `index_dir` named "index"."""
    data: dict[str, Any] = {}
    for f in dataclasses.fields(status):
        value = getattr(status, f.name)
        if isinstance(value, Path):
            value = str(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        data["index" if f.name == "index_dir" else f.name] = value
    return data


def _when(built_at: str | None) -> str:
    """An ISO timestamp as "21 May 2024 14:05 UTC"; anything unreadable as it is ("unknown" when missing)."""
    try:
        t = dt.datetime.fromisoformat(built_at or "").astimezone(dt.timezone.utc)
    except ValueError:
        return built_at or "unknown"
    return f"{human(t.date())} {t:%H:%M} UTC"
