"""What the bot shows: answers a page of quotes at a time, paragraphs, inline
results, buttons, and its fixed texts, all as Telegram HTML.

Answers go through the one renderer, `bot.render.render_telegram`: a page is
the same Answer with only some of its quotes, a paragraph is an Answer with one
quote. Every other text here escapes what it did not write itself.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import replace
from typing import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from retrieval import Answer, Citation, Document, IndexReport, Passage, Quote, Status
from retrieval.dates import human

from .render import HTML, TELEGRAM_LIMIT, render_sources, render_status, render_telegram

MAX_CALLBACK_BYTES = 64
UP, DOWN = "+", "-"


# -- answers --------------------------------------------------------------------


def page_count(answer: Answer, per_page: int) -> int:
    """How many pages of `per_page` quotes the answer has (1 when it has none)."""
    return max(1, math.ceil(len(answer.quotes) / per_page))


def answer_page(answer: Answer, page: int, per_page: int) -> list[str]:
    """Page `page` (from 0) of the answer: its quotes and their sources, as messages.

    Args:
        answer: The answer.
        page: Which page.
        per_page: Quotes per page.

    Returns:
        Telegram HTML messages, each within Telegram's limit; the notes
        ("searched releases from ...") go with the first page only.
    """
    if not answer.answered or not answer.quotes:
        return render_telegram(answer)
    quotes = answer.quotes[page * per_page:(page + 1) * per_page]
    return render_telegram(replace(answer, quotes=quotes, notes=answer.notes if page == 0 else ()))


def paragraph_messages(question: str, citation: Citation, parts: list[Passage]) -> list[str]:
    """The whole paragraph a quote came from, quoted and cited like an answer.

    Args:
        question: The question (kept for the Answer it is rendered as).
        citation: The quote's citation (its marker is kept).
        parts: The paragraph's passages (a long paragraph is split in parts).

    Returns:
        Telegram HTML messages.
    """
    text = " ".join(" ".join(p.text.split()) for p in sorted(parts, key=lambda p: p.part))
    return render_telegram(Answer(question=question, answered=True, quotes=(Quote(text, 0.0, citation),)))


def inline_message(answer: Answer, quote: Quote) -> str:
    """One quote and its source, as the message an inline result sends (marker [1])."""
    single = replace(quote, citation=replace(quote.citation, n=1))
    messages = render_telegram(replace(answer, quotes=(single,), notes=()))
    return messages[0]


def inline_title(quote: Quote) -> str:
    """The result's title: organisation and date (plain text)."""
    c = quote.citation
    return ", ".join(p for p in (c.source or c.title, human(c.date) if c.date else None) if p)[:128]


# -- buttons ----------------------------------------------------------------------


def callback_data(action: str, key: str, arg: int | str) -> str:
    """"m:KEY:1" (More), "p:KEY:0" (paragraph of quote 0), "v:KEY:+" (vote); always within 64 bytes."""
    data = f"{action}:{key}:{arg}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long: {len(data.encode())} bytes")
    return data


def parse_callback(data: str | None) -> tuple[str, str, str] | None:
    """(action, key, arg) from callback data, or None when it is not ours."""
    if not data:
        return None
    pieces = data.split(":")
    if len(pieces) != 3 or pieces[0] not in ("m", "p", "v") or not pieces[1]:
        return None
    return pieces[0], pieces[1], pieces[2]


def answer_keyboard(key: str, answer: Answer, page: int, per_page: int) -> InlineKeyboardMarkup:
    """The buttons under a page: "Show paragraph [n]" per quote, then More and the thumbs.

    More only while quotes remain; the thumbs only under the first page.
    """
    first = page * per_page
    rows = [[InlineKeyboardButton(f"Show paragraph [{q.citation.n}]", callback_data=callback_data("p", key, i))]
            for i, q in enumerate(answer.quotes[first:first + per_page], start=first)]
    last: list[InlineKeyboardButton] = []
    if page + 1 < page_count(answer, per_page):
        last.append(InlineKeyboardButton("More", callback_data=callback_data("m", key, page + 1)))
    if page == 0:
        last.append(InlineKeyboardButton("👍", callback_data=callback_data("v", key, UP)))
        last.append(InlineKeyboardButton("👎", callback_data=callback_data("v", key, DOWN)))
    if last:
        rows.append(last)
    return InlineKeyboardMarkup(rows)


# -- fixed texts ---------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def example_questions(documents: list[Document]) -> list[str]:
    """Three example questions about the organisations in the corpus."""
    orgs: list[str] = []
    for d in documents:
        if d.source and d.source not in orgs:
            orgs.append(d.source)
    if not orgs:
        return ["What did the council announce?", "Who called for more funding?", "What was said about schools?"]
    templates = ["What did {} ask for?", "What did {} say about funding?", "What does {} want the government to do?"]
    return [t.format(orgs[i % len(orgs)]) for i, t in enumerate(templates)]


def start_text(bot_name: str, documents: list[Document]) -> str:
    """/start: what the bot is, and three example questions."""
    examples = "\n".join(f"• {esc(q)}" for q in example_questions(documents))
    return (f"<b>{esc(bot_name)}</b> answers questions about press releases by quoting them word for word, "
            f"with the source of every quote.\n\n"
            f"Ask a question in a message, for example:\n{examples}\n\n"
            f"/sources lists the releases; /help says more.")


def help_text(username: str, admin: bool) -> str:
    """/help: how to ask, the commands, groups and inline mode; admin commands for admins."""
    at = esc("@" + username) if username else "the bot"
    text = ("Send a question as a message; I reply with quotes from the releases and their sources.\n\n"
            "<b>Commands</b>\n"
            "/ask <i>question</i> — ask (also in groups)\n"
            "/sources — the releases I know\n"
            "/status — what the index holds\n"
            "/help — this text\n\n"
            f"<b>In groups</b> mention me ({at} <i>question</i>), reply to one of my messages, or use /ask.\n"
            f"<b>In any chat</b> type {at} and a question to pick a quote to send.\n\n"
            "Under an answer: <i>Show paragraph</i> gives the whole paragraph a quote comes from, "
            "<i>More</i> the next quotes, and 👍/👎 tell us whether it helped.")
    if admin:
        text += ("\n\n<b>Admins</b>\n"
                 "Send a file (HTML, PDF, TXT or MD) to add a release.\n"
                 "/add <i>url</i> [<i>organisation</i>] — fetch a release from the web\n"
                 "/reindex — bring the index up to date with the corpus folder\n"
                 "/feedback — the latest votes")
    return text


NOT_TEXT = "Please send your question as a text message."
NOT_ADMIN = "Sorry, only the bot's admins can do that."
ANSWER_EXPIRED = "This answer is too old for its buttons; please ask again."
SOMETHING_WRONG = "Sorry, something went wrong while handling that. Please try again."
INDEX_UNAVAILABLE = "Sorry, the releases cannot be searched right now. Please try again later."
ASK_USAGE = "Ask a question after the command, e.g. /ask what did the union call for?"


def too_long_text(length: int, limit: int) -> str:
    return (f"Your question is {length:,} characters long; please keep it under {limit:,} characters "
            f"and ask again.")


def slow_down_text(wait: float) -> str:
    return (f"You're asking faster than I can answer. Please wait {max(1, math.ceil(wait))} seconds "
            f"before the next question.")


def sources_messages(documents: list[Document]) -> list[str]:
    """/sources: the releases with their dates, newest first, split to fit."""
    return chunk_lines(render_sources(documents, HTML))


def status_messages(status: Status) -> list[str]:
    """/status: the index's status, split to fit (only a very long list of organisations needs two)."""
    return chunk_lines(render_status(status, HTML))


def report_text(report: IndexReport) -> str:
    """"Re-indexed: added 1, updated 0, removed 0, unchanged 2 — 3 documents, 35 passages (0.2 s)."."""
    problems = f"\nSkipped {len(report.problems)} unreadable file(s)." if report.problems else ""
    return (f"added {len(report.added)}, updated {len(report.updated)}, removed {len(report.removed)}, "
            f"unchanged {report.unchanged} — {report.documents:,} documents, {report.passages:,} passages "
            f"({report.seconds:.1f} s).{esc(problems)}")


def added_text(found: Iterable[tuple[Document, int]], report: IndexReport | None) -> str:
    """What an upload or /add put in the index: title, organisation, date, passages."""
    lines = []
    for doc, passages in found:
        lines.append(f"<b>{esc(doc.title)}</b>\n{esc(doc.source or 'unknown organisation')}, "
                     f"{esc(human(doc.date))} — {passages} passage{'s' if passages != 1 else ''}")
    head = "Added and indexed:" if lines else "Saved, but nothing new was indexed (is it a copy of a release?)."
    tail = f"\n\nIndex: {report_text(report)}" if report is not None else ""
    return head + ("\n" + "\n".join(lines) if lines else "") + tail


def chunk_lines(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split text made of self-contained lines (balanced tags on each) into messages within `limit`."""
    messages: list[str] = []
    for line in text.split("\n"):
        if len(line) > limit:  # only a freak title: keep its text, drop its markup, cut at a word
            plain = html.unescape(re.sub(r"<[^>]*>", "", line))
            line = esc(plain[:limit // 2].rsplit(" ", 1)[0]) + " …"
        if messages and len(messages[-1]) + 1 + len(line) <= limit:
            messages[-1] += "\n" + line
        else:
            messages.append(line)
    return messages
