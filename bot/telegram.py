"""`citebot bot`: the Telegram front end over the same `retrieval` Engine as the command line.

A question in a private chat (or /ask, an @mention or a reply in a group, or
an inline query) is answered with verbatim quotes and their sources. Admins
add releases by sending files or /add <url>, and /reindex in the background.
`run_bot` reads the token and the configuration, builds the Application
(`build_application`) and polls Telegram or listens for its webhook.

Handlers live in `bot.telegram_handlers` (the admins' in `bot.telegram_admin`), what they show in
`bot.telegram_views`, the shared state in `bot.telegram_state` and the
configuration and token handling in `bot.telegram_config`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from typing import Any, Callable, Coroutine

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from retrieval import CitebotError, Engine, IndexMissing, Settings

from . import telegram_admin as admin
from . import telegram_handlers as h
from .feedback import FeedbackStore, feedback_path
from .telegram_config import TELEGRAM_API, BotConfig, protect_secrets, read_token
from .telegram_state import CONTEXT_TYPES
from .telegram_views import SOMETHING_WRONG

log = logging.getLogger("citebot.telegram")

PUBLIC_COMMANDS = [
    BotCommand("ask", "Ask a question about the releases"),
    BotCommand("sources", "List the releases, with their dates"),
    BotCommand("status", "What the index holds"),
    BotCommand("help", "How to use the bot"),
    BotCommand("start", "What this bot is, with examples"),
]
ADMIN_COMMANDS = [
    BotCommand("add", "Add a release from a URL"),
    BotCommand("reindex", "Re-index the corpus folder"),
    BotCommand("feedback", "The latest thumbs up and down"),
]


class PatientRateLimiter(AIORateLimiter):
    """Telegram's flood limits, retries after 429, and a few retries after network errors and 5xx.

    A request that timed out is not repeated (it may have been delivered, and a
    duplicate answer is worse than a late one), nor is a 400 Bad Request
    (which PTB counts as a network error, but will never succeed).

    It also watches whether the Bot API answers at all: its failures name the
    server (never the token), and once requests have failed for `note_after`
    seconds without a break it says, once, what to check.

    Args:
        send_rate: Requests per second over all chats (0: none).
        retries_after_429: Retries after a 429 (each waits as long as Telegram asks).
        network_retries: Retries after a dropped connection or a 5xx.
        server: The Bot API server's root URL, for the log.
        note_after: Seconds of failures before saying what to check.
    """

    def __init__(self, send_rate: float, retries_after_429: int, network_retries: int, *,
                 server: str = TELEGRAM_API, note_after: float = 180.0) -> None:
        super().__init__(overall_max_rate=send_rate, overall_time_period=1 if send_rate else 0,
                         max_retries=retries_after_429)
        self._network_retries = network_retries
        self._server = server
        self._note_after = note_after
        self._failing_since: float | None = None
        self._noted = False

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: int | None) -> Any:
        delay = 0.5
        for attempt in range(self._network_retries + 1):
            try:
                result = await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:  # will never be accepted; but the server answered
                self._answered()
                raise
            except TimedOut:  # may have been delivered
                self._failed()
                raise
            except NetworkError as e:
                self._failed()
                # getUpdates has its own retry loop in the Updater
                if endpoint == "getUpdates" or attempt >= self._network_retries:
                    raise
                log.warning("%s failed at %s (%s); retrying in %.1f s", endpoint, self._server, e, delay)
                await asyncio.sleep(delay)
                delay *= 2
            except TelegramError:  # an answer, if a refusal
                self._answered()
                raise
            else:
                self._answered()
                return result
        raise AssertionError("unreachable")  # pragma: no cover

    def _answered(self) -> None:
        self._failing_since, self._noted = None, False

    def _failed(self) -> None:
        now = time.monotonic()
        if self._failing_since is None:
            self._failing_since = now
        elif not self._noted and now - self._failing_since >= self._note_after:
            self._noted = True
            log.warning(unreachable_advice(self._server, self._note_after))


def unreachable_advice(server: str, seconds: float) -> str:
    """What to check when the Bot API has not answered for a while.

    Args:
        server: The Bot API server's root URL (api.telegram.org, or a self-hosted one).
        seconds: How long it has not answered.

    Returns:
        One line for the log.
    """
    minutes = seconds / 60
    took = f"{minutes:g} minute{'s' if minutes != 1 else ''}" if seconds >= 60 and seconds % 60 == 0 \
        else f"{seconds:g} seconds"
    if server == TELEGRAM_API:
        return (f"the Bot API at {server} has not answered for {took}; check this machine's internet connection, "
                "DNS, and any proxy or firewall (the bot needs outgoing HTTPS to api.telegram.org)")
    return (f"the Bot API at {server} has not answered for {took}; check that the server is running and reachable "
            "from here, and TELEGRAM_API_BASE_URL (the server's root, e.g. http://localhost:8081)")


# -- access and errors ----------------------------------------------------------------


async def gate(update: Update, context: h.Context) -> None:
    """Let through only updates from allowed chats; the rest get no content at all."""
    config = context.bot_data.config
    chat, user = update.effective_chat, update.effective_user
    chat_type = chat.type if chat else ("sender" if update.inline_query else None)
    if config.allows(chat.id if chat else None, chat_type, user.id if user else None):
        return
    log.info("ignored update %s from chat %s, user %s: not allowed", update.update_id,
             chat.id if chat else None, user.id if user else None)
    try:
        if update.inline_query:
            await update.inline_query.answer([], cache_time=0, is_personal=True)
        elif update.callback_query:
            await update.callback_query.answer()
    except TelegramError as e:
        log.warning("update %s: could not close the refused query (%s)", update.update_id, e)
    finally:
        # whatever happened above, no handler may see this update
        raise ApplicationHandlerStop


async def on_error(update: object, context: h.Context) -> None:
    """Log the error, then tell the person something went wrong; the bot carries on."""
    error = context.error
    where = f"update {update.update_id}" if isinstance(update, Update) else "polling"
    if isinstance(error, Forbidden):
        log.warning("%s: Telegram refused (%s); the user may have blocked the bot", where, error)
        return
    if isinstance(error, (NetworkError, RetryAfter)) and not isinstance(error, BadRequest):
        log.warning("%s: Telegram unreachable or busy at %s (%s); carrying on", where, context.bot_data.config.server,
                    error)
        return
    log.error("%s: %s", where, error.__class__.__name__, exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query:
            await update.callback_query.answer(SOMETHING_WRONG, show_alert=True)
        elif update.effective_chat and update.effective_message:
            await h.reply(context, update.effective_message, SOMETHING_WRONG)
    except TelegramError as e:
        log.warning("%s: could not tell the user about the error (%s)", where, e)


# -- the application ------------------------------------------------------------------


def add_handlers(app: Application) -> None:
    """Register the access gate, the handlers and the error handler."""
    new = filters.UpdateType.MESSAGE
    private = filters.ChatType.PRIVATE & new
    app.add_handler(TypeHandler(Update, gate), group=-1)
    for name, callback in [("start", h.start), ("help", h.help_command), ("sources", h.sources),
                           ("status", h.status), ("ask", h.ask_command), ("add", admin.add_command),
                           ("reindex", admin.reindex), ("feedback", admin.feedback_command)]:
        app.add_handler(CommandHandler(name, callback, filters=new))
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, h.private_text))
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & new & filters.TEXT & ~filters.COMMAND, h.group_text))
    app.add_handler(MessageHandler(private & filters.COMMAND, h.unknown_command))
    app.add_handler(MessageHandler(private & filters.Document.ALL, admin.upload))
    app.add_handler(MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL, h.not_text))
    app.add_handler(CallbackQueryHandler(h.on_more, pattern=r"^m:"))
    app.add_handler(CallbackQueryHandler(h.on_paragraph, pattern=r"^p:"))
    app.add_handler(CallbackQueryHandler(h.on_vote, pattern=r"^v:"))
    app.add_handler(InlineQueryHandler(h.inline_query))
    app.add_error_handler(on_error)


async def _post_init(app: Application) -> None:
    """Register the command menus: everyone's, and the admins' in their private chats."""
    await app.bot.set_my_commands(PUBLIC_COMMANDS)
    for admin_id in sorted(app.bot_data.config.admins):
        try:
            await app.bot.set_my_commands(PUBLIC_COMMANDS + ADMIN_COMMANDS, scope=BotCommandScopeChat(admin_id))
        except (BadRequest, Forbidden) as e:  # the admin has not started a chat with the bot yet
            log.info("no admin command menu for user %s: %s", admin_id, e)
    log.info("@%s is answering from %s", app.bot.username, app.bot_data.engine.settings.index_dir)


async def _post_shutdown(app: Application) -> None:
    """Stop the worker threads; close the engine and the feedback store."""
    await asyncio.get_running_loop().run_in_executor(None, app.bot_data.close)


def build_application(settings: Settings, config: BotConfig, token: str, *,
                      engine: Engine | None = None) -> Application:
    """The bot's Application: handlers, rate limiter, shared state; not yet started.

    Args:
        settings: Retrieval settings (the bot passes memory_snapshot=True).
        config: The bot's configuration.
        token: The bot token (kept out of the logs from here on).
        engine: The engine to answer with (default: a new one for `settings`).

    Returns:
        The Application; start it with run_polling()/run_webhook(), or
        initialize(), post_init, updater.start_polling(**polling_options(config)), start().
    """
    protect_secrets(token, config.webhook.secret_token if config.webhook else "")
    builder = (
        Application.builder()
        .token(token)
        .rate_limiter(PatientRateLimiter(config.send_rate, config.retries_after_429, config.network_retries,
                                         server=config.server, note_after=config.unreachable_note_after))
        .concurrent_updates(True)
        # A few dozen connections serve a burst faster than httpx's default 256:
        # with hundreds open, most of the time goes to choosing one.
        .connection_pool_size(32)
        .pool_timeout(30.0)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .context_types(CONTEXT_TYPES)
    )
    if config.api_base_url:
        builder = builder.base_url(f"{config.api_base_url}/bot").base_file_url(f"{config.api_base_url}/file/bot")
    app = builder.build()
    app.bot_data.setup(engine or Engine(settings), config, FeedbackStore(feedback_path(settings)))
    add_handlers(app)
    return app


def polling_options(config: BotConfig) -> dict[str, Any]:
    """Arguments for run_polling / updater.start_polling."""
    return {"poll_interval": 0.0, "timeout": config.poll_timeout, "allowed_updates": Update.ALL_TYPES}


# -- running it --------------------------------------------------------------------------


def _not_a_rejected_token(record: logging.LogRecord) -> bool:
    """False for python-telegram-bot's traceback of a rejected token: `run_bot` says that in one line."""
    error = record.exc_info[1] if record.exc_info else None
    # the redactor has already turned the traceback into text (exc_text)
    return not (isinstance(error, InvalidToken) or (record.name.startswith("telegram")
                                                   and "telegram.error.InvalidToken" in (record.exc_text or "")))


def _configure_logging(verbose: bool, redact: logging.Filter) -> None:
    """Timestamped lines on stderr for a long-running service; the token redacted everywhere."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(redact)
    handler.addFilter(_not_a_rejected_token)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    for name in ("citebot", "retrieval"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
        logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("telegram").setLevel(logging.INFO if verbose else logging.WARNING)
    logging.captureWarnings(True)


def _ensure_index(engine: Engine) -> None:
    """Build the index when there is none yet, and load its model now rather than at the first question."""
    try:
        engine.current()
    except IndexMissing:
        log.info("no index yet; building it from %s", ", ".join(str(p) for p in engine.settings.corpus))
        report = engine.index()
        log.info("indexed %d documents, %d passages", report.documents, report.passages)
    engine.warm_up()


def rejected_token_message(config: BotConfig) -> str:
    """One line for a token the server refused; a self-hosted server is named, since a wrong URL gets the same 404.

    Args:
        config: The bot's configuration (its api_base_url).

    Returns:
        The message, without the token.
    """
    if config.api_base_url is None:
        return "Telegram rejected the bot token; check TELEGRAM_BOT_TOKEN or the token file"
    return (f"the Bot API at {config.api_base_url} rejected the bot token; check TELEGRAM_BOT_TOKEN or the token "
            "file, and TELEGRAM_API_BASE_URL (the server's root)")


def run_bot(args: argparse.Namespace, settings: Settings) -> int:
    """Run the bot until interrupted (SIGINT/SIGTERM): long polling, or a webhook with --webhook-url.

    Args:
        args: The `citebot bot` flags (token_file, webhook_url, listen, port, secret_token, verbose).
        settings: Retrieval settings from the environment and the flags.

    Returns:
        The exit status (0 after a clean stop).

    Raises:
        CitebotError: No usable token or configuration, or Telegram refused the token;
            the message never contains the token.
    """
    token = read_token(args, os.environ)
    redactor = protect_secrets(token)
    config = BotConfig.from_env(os.environ, args)
    _configure_logging(getattr(args, "verbose", False), redactor)
    settings = settings.with_(memory_snapshot=True)
    engine = Engine(settings)
    _ensure_index(engine)
    app = build_application(settings, config, token, engine=engine)
    try:
        if config.webhook:
            hook = config.webhook
            app.run_webhook(listen=hook.listen, port=hook.port, url_path=hook.path, webhook_url=hook.url,
                            secret_token=hook.secret_token, allowed_updates=Update.ALL_TYPES, bootstrap_retries=-1)
        else:
            app.run_polling(bootstrap_retries=-1, **polling_options(config))
    except InvalidToken:
        raise CitebotError(rejected_token_message(config)) from None
    except TelegramError as e:
        raise CitebotError(f"Telegram: {redactor.redact(str(e))}") from None
    except RuntimeError as e:  # e.g. webhook mode without the "webhooks" extra installed
        raise CitebotError(redactor.redact(str(e)).splitlines()[0]) from None
    return 0
