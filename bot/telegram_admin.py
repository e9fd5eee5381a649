"""The admins' handlers: add releases (a file, or /add <url>), /reindex, /feedback.

Indexing runs in the one indexing thread (`state.write`), one run at a time,
while questions keep being answered from the current index; the reply is a
progress message edited into the result.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Awaitable, Callable

from telegram import Update
from telegram.constants import ParseMode

from retrieval import CitebotError, Document, Engine, IndexBusy, IndexReport, LoadError
from retrieval.ingest import Added, Given, save_upload

from .feedback import summary_line
from .telegram_handlers import Context, reply
from .telegram_views import NOT_ADMIN, added_text, esc, report_text

UPLOAD_TYPES = (".html", ".htm", ".pdf", ".txt", ".md", ".markdown")
MIME_SUFFIX = {"application/pdf": ".pdf", "text/html": ".html", "text/plain": ".txt", "text/markdown": ".md"}
INDEX_WAIT = 30.0  # seconds an upload waits for another process's index run


def _is_admin(update: Update, context: Context) -> bool:
    user = update.effective_user
    return context.bot_data.config.is_admin(user.id if user else None)


Handler = Callable[[Update, Context], Awaitable[None]]


def admin_only(handler: Handler) -> Handler:
    """Let only admins run `handler`; anyone else gets a short refusal."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: Context) -> None:
        if not _is_admin(update, context):
            await reply(context, update.effective_message, esc(NOT_ADMIN))
            return
        await handler(update, context)

    return guarded


@admin_only
async def upload(update: Update, context: Context) -> None:
    """A document from an admin in a private chat: add it to the corpus and index it."""
    message = update.effective_message
    st = context.bot_data
    doc = message.document
    name = Path((doc.file_name or "").replace("\\", "/")).name or "release" + MIME_SUFFIX.get(doc.mime_type or "", "")
    if not name.lower().endswith(UPLOAD_TYPES):
        await reply(context, message, f"I can add HTML, PDF, TXT or MD files; {esc(name)} is not one of those.")
        return
    limit = st.config.max_upload_bytes
    too_big = f"{esc(name)} is too large; the limit is {_size(limit)}."
    if doc.file_size and doc.file_size > limit:
        await reply(context, message, too_big)
        return
    progress = await reply(context, message, f"Adding {esc(name)} …")
    tg_file = await context.bot.get_file(doc.file_id)
    if tg_file.file_size and tg_file.file_size > limit:  # the size getFile reports, before downloading
        await progress.edit_text(too_big, parse_mode=ParseMode.HTML)
        return
    data = bytes(await tg_file.download_as_bytearray())
    if len(data) > limit:
        await progress.edit_text(too_big, parse_mode=ParseMode.HTML)
        return
    try:
        added, found, report = await st.write(_save_and_index, st.engine, data, name)
    except IndexBusy:
        text = f"Saved {esc(name)}, but another index run is busy; /reindex later to make it searchable."
    except LoadError as e:
        text = f"Not added: {esc(e.reason)}"
    except CitebotError as e:
        text = f"Not added: {esc(str(e))}"
    else:
        text = _already_text(added) if added.status == "already" else added_text(found, report)
    await progress.edit_text(text, parse_mode=ParseMode.HTML)


def _already_text(added: Added) -> str:
    return f"Already in the corpus as <code>{esc(added.path.name)}</code>; nothing changed."


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.3g} MB" if n >= 1024 * 1024 else f"{n / 1024:.3g} KB"


def _save_and_index(engine: Engine, data: bytes, name: str) -> tuple[Added, list[tuple[Document, int]],
                                                                      IndexReport | None]:
    added = save_upload(data, name, engine.corpus_dir())
    if added.status == "already":
        return added, [], None
    report = engine.index(wait=INDEX_WAIT)
    return added, _describe(engine, [added.path]), report


def _add_url_and_index(engine: Engine, url: str, source: str | None, allow_private: bool) -> tuple[
        list[Added], list[tuple[Document, int]], list[CitebotError], IndexReport | None]:
    added, failed, report = engine.add([url], given=Given(source=source), allow_private_urls=allow_private,
                                       wait=INDEX_WAIT)
    return added, _describe(engine, [a.path for a in added if a.changed]), failed, report


def _describe(engine: Engine, paths: list[Path]) -> list[tuple[Document, int]]:
    """The indexed documents read from `paths`, each with its number of passages."""
    wanted = {p.resolve() for p in paths}
    found = [d for d in engine.documents() if Path(d.path).resolve() in wanted]
    return [(d, len(engine.passages_of(d.doc_id))) for d in found]


@admin_only
async def add_command(update: Update, context: Context) -> None:
    """/add <url> [organisation] (admins): fetch a release from the web and index it.

    Only public addresses are fetched from (each redirect too), unless CITEBOT_ALLOW_PRIVATE_URLS=1.
    """
    message = update.effective_message
    url = context.args[0] if context.args else ""
    if not url.lower().startswith(("http://", "https://")):
        await reply(context, message, "Usage: /add https://example.org/news/release [organisation]")
        return
    source = " ".join(context.args[1:]) or None
    st = context.bot_data
    progress = await reply(context, message, f"Fetching {esc(url)} …")
    try:
        added, found, failed, report = await st.write(_add_url_and_index, st.engine, url, source,
                                                      st.config.allow_private_urls)
    except IndexBusy:
        text = "Fetched, but another index run is busy; /reindex later to make it searchable."
    except CitebotError as e:
        text = f"Not added: {esc(str(e))}"
    else:
        if failed:
            text = f"Not added: {esc(str(failed[0]))}"
        elif added and added[0].status == "already":
            text = _already_text(added[0])
        else:
            text = added_text(found, report)
    await progress.edit_text(text, parse_mode=ParseMode.HTML)


@admin_only
async def reindex(update: Update, context: Context) -> None:
    """/reindex (admins): bring the index up to date in the background; answers carry on meanwhile."""
    message = update.effective_message
    st = context.bot_data
    if st.index_lock.locked():
        await reply(context, message, "An index run is already going; try again when it has finished.")
        return
    progress = await reply(context, message, "Re-indexing in the background; questions are still answered "
                                             "from the current index meanwhile …")
    try:
        report = await st.write(st.engine.index)
    except IndexBusy:
        text = "Another process is writing the index (citebot index?); try again when it has finished."
    except CitebotError as e:
        text = f"Re-indexing failed: {esc(str(e))}"
    else:
        text = "Re-indexed: " + report_text(report)
    await progress.edit_text(text, parse_mode=ParseMode.HTML)


@admin_only
async def feedback_command(update: Update, context: Context) -> None:
    """/feedback (admins): the latest thumbs up and down."""
    message = update.effective_message
    st = context.bot_data
    entries = await st.read(st.feedback.entries, 10)
    lines = [f"{'👍' if e.vote > 0 else '👎'} {esc(e.at[:16].replace('T', ' '))} — {esc(e.question[:200])}"
             for e in entries]
    await reply(context, message, "\n".join([f"<b>{esc(summary_line(entries))}</b>", *lines]))
