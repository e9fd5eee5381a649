"""The bot's handlers for everyone: one small coroutine per command, message kind, button and inline query.

Each reads the shared `BotState` from `context.bot_data`, runs retrieval in a worker
thread (`state.read`), and replies in Telegram HTML; the admins' handlers are
in `bot.telegram_admin`. Errors not handled here go to the one error handler
in `bot.telegram`.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Awaitable, Callable

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode

from retrieval import Answer, BadFilter, BadQuestion, IndexDamaged, IndexMissing

from .render import PLAIN, render
from .telegram_state import BotState, Context, Entry
from .telegram_views import (
    ANSWER_EXPIRED,
    ASK_USAGE,
    INDEX_UNAVAILABLE,
    NOT_TEXT,
    UP,
    answer_keyboard,
    answer_page,
    esc,
    help_text,
    inline_message,
    inline_title,
    page_count,
    paragraph_messages,
    parse_callback,
    slow_down_text,
    sources_messages,
    start_text,
    status_messages,
    too_long_text,
)

log = logging.getLogger("citebot.telegram")

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


# -- sending ---------------------------------------------------------------------


async def send_html(context: Context, chat_id: int, text: str, *, reply_to: int | None = None,
                    thread_id: int | None = None, markup: InlineKeyboardMarkup | None = None) -> Message:
    """Send one Telegram-HTML message, optionally as a reply, without link previews.

    Returns:
        The message sent.
    """
    return await context.bot.send_message(
        chat_id, text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW, message_thread_id=thread_id,
        reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None,
        reply_markup=markup,
    )


def _thread(message: object) -> int | None:
    """The forum topic a message is in (replies go there too), or None."""
    return getattr(message, "message_thread_id", None) if getattr(message, "is_topic_message", False) else None


async def reply(context: Context, message: Message, text: str) -> Message:
    """Reply to `message` with Telegram HTML."""
    return await send_html(context, message.chat_id, text, reply_to=message.message_id, thread_id=_thread(message))


async def send_page(context: Context, st: BotState, chat_id: int, answer: Answer, key: str | None, page: int, *,
                    reply_to: int, thread_id: int | None = None) -> None:
    """Send one page of an answer, the first message as a reply, the buttons under the last."""
    per_page = st.config.quotes_per_message
    messages = answer_page(answer, page, per_page)
    markup = answer_keyboard(key, answer, page, per_page) if key else None
    for i, text in enumerate(messages):
        await send_html(context, chat_id, text, reply_to=reply_to if i == 0 else None, thread_id=thread_id,
                        markup=markup if i == len(messages) - 1 else None)


# -- questions ---------------------------------------------------------------------


async def answer_question(update: Update, context: Context, question: str) -> None:
    """Answer `question` in the update's chat: length and rate limits first, retrieval off the loop."""
    st = context.bot_data
    message = update.effective_message
    question = question.strip()
    if not question:
        await reply(context, message, esc(ASK_USAGE))
        return
    if len(question) > st.config.max_question_chars:
        await reply(context, message, esc(too_long_text(len(question), st.config.max_question_chars)))
        return
    user = update.effective_user
    allowed, wait = st.limiter.check(user.id if user else message.chat_id)
    if not allowed:
        if wait is not None:
            await reply(context, message, esc(slow_down_text(wait)))
        return
    try:
        answer = await st.read(st.engine.answer, question)
    except (BadQuestion, BadFilter) as e:
        await reply(context, message, esc(str(e)))
        return
    except (IndexMissing, IndexDamaged) as e:
        log.error("cannot answer: %s", e)
        await reply(context, message, esc(INDEX_UNAVAILABLE))
        return
    key = st.answers.put(Entry(question, answer, message.chat_id)) if answer.answered and answer.quotes else None
    await send_page(context, st, message.chat_id, answer, key, 0, reply_to=message.message_id,
                    thread_id=_thread(message))


async def private_text(update: Update, context: Context) -> None:
    """A text message in a private chat is a question."""
    await answer_question(update, context, update.effective_message.text)


async def group_text(update: Update, context: Context) -> None:
    """In groups, answer only messages that mention the bot or reply to it."""
    question = addressed_question(update.effective_message, context.bot.username, context.bot.id)
    if question is not None:
        await answer_question(update, context, question)


def addressed_question(message: Message, username: str, bot_id: int) -> str | None:
    """The question in a group message addressed to the bot, or None when it is other chatter.

    Args:
        message: The message.
        username: The bot's username (without @).
        bot_id: The bot's user id.

    Returns:
        The text without the @mention when it mentions the bot or replies to
        one of its messages; None otherwise.
    """
    text = message.text or ""
    mentioned = False
    me = "@" + username.lower()
    for value in message.parse_entities([MessageEntity.MENTION]).values():
        if value.lower() == me:
            text, mentioned = text.replace(value, " ", 1), True
            break
    replied = message.reply_to_message
    to_me = replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    return " ".join(text.split()) if mentioned or to_me else None


async def ask_command(update: Update, context: Context) -> None:
    """/ask <question>: the way to ask in groups (works everywhere)."""
    command_and_question = (update.effective_message.text or "").split(maxsplit=1)
    await answer_question(update, context, command_and_question[1] if len(command_and_question) > 1 else "")


async def not_text(update: Update, context: Context) -> None:
    """A sticker, photo, voice message ... in a private chat: ask for text."""
    await reply(context, update.effective_message, esc(NOT_TEXT))


# -- information commands ---------------------------------------------------------------


async def start(update: Update, context: Context) -> None:
    """/start: what the bot is and three example questions (/start sources: the list)."""
    st = context.bot_data
    documents = await st.read(st.engine.documents)
    if context.args and context.args[0] == "sources":
        for text in sources_messages(documents):
            await reply(context, update.effective_message, text)
        return
    await reply(context, update.effective_message, start_text(context.bot.first_name or "citebot", documents))


async def help_command(update: Update, context: Context) -> None:
    """/help: how to ask, commands, groups, inline mode (admin commands for admins)."""
    user = update.effective_user
    admin = context.bot_data.config.is_admin(user.id if user else None)
    await reply(context, update.effective_message, help_text(context.bot.username or "", admin))


async def sources(update: Update, context: Context) -> None:
    """/sources: the indexed releases with their dates, newest first."""
    st = context.bot_data
    for text in sources_messages(await st.read(st.engine.documents)):
        await reply(context, update.effective_message, text)


async def status(update: Update, context: Context) -> None:
    """/status: documents, passages, organisations, dates, model, when last indexed."""
    st = context.bot_data
    for text in status_messages(await st.read(st.engine.status)):
        await reply(context, update.effective_message, text)


async def unknown_command(update: Update, context: Context) -> None:
    """An unknown command in a private chat: point to /help."""
    await reply(context, update.effective_message, "I don't know that command; /help lists what I can do.")


# -- buttons ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Press:
    """A press of a button under an answer still remembered in its chat.

    Attributes:
        query: The callback query.
        key: The answer's key in the answer cache.
        entry: The answer, its question and chat.
        arg: The button's argument (a page, a quote's index, a vote).
    """

    query: CallbackQuery
    key: str
    entry: Entry
    arg: str


ButtonHandler = Callable[[Update, Context, Press], Awaitable[None]]


def answer_button(handler: ButtonHandler) -> Callable[[Update, Context], Awaitable[None]]:
    """Run `handler` for a button under an answer still remembered in this chat;
    any other press (foreign data, a forgotten answer, another chat) is told the answer has expired."""

    @functools.wraps(handler)
    async def pressed(update: Update, context: Context) -> None:
        query = update.callback_query
        parsed = parse_callback(query.data)
        entry = context.bot_data.answers.get(parsed[1]) if parsed is not None and query.message is not None else None
        if entry is None or entry.chat_id != query.message.chat.id:
            await query.answer(ANSWER_EXPIRED, show_alert=True)
            return
        await handler(update, context, Press(query, parsed[1], entry, parsed[2]))

    return pressed


@answer_button
async def on_more(update: Update, context: Context, press: Press) -> None:
    """"More": send the answer's next page of quotes (each page once)."""
    query, entry = press.query, press.entry
    st = context.bot_data
    page = int(press.arg) if press.arg.isdigit() else 0
    if not 0 < page < page_count(entry.answer, st.config.quotes_per_message):
        await query.answer()
        return
    if page in entry.pages_sent:
        await query.answer("Already shown above.")
        return
    entry.pages_sent.add(page)
    await query.answer()
    await send_page(context, st, entry.chat_id, entry.answer, press.key, page, reply_to=query.message.message_id,
                    thread_id=_thread(query.message))


@answer_button
async def on_paragraph(update: Update, context: Context, press: Press) -> None:
    """"Show paragraph": send the whole paragraph a quote came from."""
    query, entry = press.query, press.entry
    index = int(press.arg) if press.arg.isdigit() else -1
    if not 0 <= index < len(entry.answer.quotes):
        await query.answer(ANSWER_EXPIRED, show_alert=True)
        return
    st = context.bot_data
    citation = entry.answer.quotes[index].citation
    parts = [p for p in await st.read(st.engine.passages_of, citation.doc_id) if p.paragraph == citation.paragraph]
    if not parts:
        await query.answer("That release is no longer in the index.", show_alert=True)
        return
    await query.answer()
    for i, text in enumerate(paragraph_messages(entry.question, citation, parts)):
        await send_html(context, entry.chat_id, text, reply_to=query.message.message_id if i == 0 else None,
                        thread_id=_thread(query.message))


@answer_button
async def on_vote(update: Update, context: Context, press: Press) -> None:
    """👍/👎: store the vote (one per person and answer) and say thanks."""
    entry = press.entry
    st = context.bot_data
    await st.read(st.feedback.record, answer_key=press.key, chat_id=entry.chat_id, user_id=press.query.from_user.id,
                  question=entry.question, answer=render(entry.answer, PLAIN, with_paths=False).join(),
                  vote=1 if press.arg == UP else -1)
    await press.query.answer("Thanks for the feedback!")


# -- inline mode --------------------------------------------------------------------------------


async def inline_query(update: Update, context: Context) -> None:
    """"@bot question" in any chat: up to 10 quotes, each sent with its citation."""
    st = context.bot_data
    query = update.inline_query
    text = " ".join(query.query.split())
    if len(text) < 3 or len(text) > st.config.max_question_chars or not st.inline_limiter.check(query.from_user.id)[0]:
        await query.answer([], cache_time=5, is_personal=True)
        return
    try:
        answer = await st.read(st.engine.answer, text)
    except (BadQuestion, BadFilter, IndexMissing, IndexDamaged) as e:
        log.info("inline query not answered: %s", e)
        answer = Answer(question=text, answered=False)
    results = [
        InlineQueryResultArticle(
            id=f"q{i}", title=inline_title(quote), description=f"“{quote.text}”"[:200],
            input_message_content=InputTextMessageContent(inline_message(answer, quote), parse_mode=ParseMode.HTML,
                                                          link_preview_options=NO_PREVIEW),
        )
        for i, quote in enumerate(answer.quotes[:10])
    ]
    button = None if results else InlineQueryResultsButton("Not covered: see the releases", start_parameter="sources")
    # personal: Telegram must not hand these cached results to someone the allowlist keeps out
    await query.answer(results, cache_time=60, is_personal=True, button=button)
