"""The Telegram front end's configuration, its token, and keeping secrets out of logs.

`BotConfig.from_env(env, args)` is built once in `run_bot` from the
environment and the `citebot bot` flags; a bad value stops the bot at start-up
with a one-line message. The token is read by `read_token` only, and
`protect_secrets` makes sure it never reaches a log line, however it got there
(httpx logs request URLs, which contain it; so do some exception messages).
"""

from __future__ import annotations

import argparse
import logging
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from retrieval import CitebotError

TOKEN_RE = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{10,}")
TELEGRAM_API = "https://api.telegram.org"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")  # where a plain-http webhook URL is allowed (testing)
SECRET_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
REDACTED = "<redacted>"


@dataclass(frozen=True)
class Webhook:
    """Where Telegram delivers updates in webhook mode.

    Attributes:
        url: The public URL Telegram posts to (https in production).
        listen: The address the local web server binds.
        port: The port it listens on.
        secret_token: Telegram sends it in a header with every update; others are refused.
        path: The URL's path, which the local server answers on.
    """

    url: str
    listen: str
    port: int
    secret_token: str
    path: str


@dataclass(frozen=True)
class BotConfig:
    """How the bot behaves; the retrieval side is `retrieval.Settings`.

    Attributes:
        api_base_url: Bot API server's root, without python-telegram-bot's "/bot" (None: api.telegram.org);
            a self-hosted server or a test fake.
        allowed_chats: Chat ids served; empty means everyone.
        admins: User ids that may add releases, re-index and read feedback.
        user_limit: Questions one person may ask per `user_window` seconds.
        user_window: The window of that limit, in seconds.
        inline_limit: Inline queries one person may send per `user_window` seconds.
        max_question_chars: Longer questions are refused with a clear reply.
        max_upload_bytes: Largest release file accepted as an upload.
        quotes_per_message: Quotes shown at once; "More" shows the next ones.
        answer_cache_size: Answers remembered for their buttons (oldest forgotten first).
        workers: Threads answering questions.
        send_rate: Outgoing messages per second over all chats (Telegram allows about 30); 0 = no limit.
        retries_after_429: Times a request is retried after Telegram says "too many requests".
        network_retries: Times a request is retried after a network error or a 5xx.
        poll_timeout: Long-polling timeout in seconds.
        unreachable_note_after: Seconds of failed requests to the Bot API after which the bot says, once,
            what to check.
        webhook: Webhook settings; None means long polling.
        allow_private_urls: Whether /add may fetch from loopback, private, link-local, multicast or
            reserved addresses (CITEBOT_ALLOW_PRIVATE_URLS=1); off, an admin account someone has taken
            over cannot make the bot reach the machine's own services or the cloud metadata address.
    """

    api_base_url: str | None = None
    allowed_chats: frozenset[int] = field(default_factory=frozenset)
    admins: frozenset[int] = field(default_factory=frozenset)
    user_limit: int = 10
    user_window: float = 60.0
    inline_limit: int = 30
    max_question_chars: int = 1000
    max_upload_bytes: int = 10 * 1024 * 1024
    quotes_per_message: int = 3
    answer_cache_size: int = 1000
    workers: int = 4
    send_rate: float = 30.0
    retries_after_429: int = 5
    network_retries: int = 3
    poll_timeout: float = 30.0
    unreachable_note_after: float = 180.0
    webhook: Webhook | None = None
    allow_private_urls: bool = False

    @property
    def server(self) -> str:
        """The Bot API server's root URL, as shown in the log (it never holds the token)."""
        return self.api_base_url or TELEGRAM_API

    def is_admin(self, user_id: int | None) -> bool:
        """Whether `user_id` may add releases, re-index and read feedback."""
        return user_id is not None and user_id in self.admins

    def allows(self, chat_id: int | None, chat_type: str | None, user_id: int | None) -> bool:
        """Whether an update from this chat (or, without a chat, this user) is served.

        Args:
            chat_id: The chat, or None (inline queries have none).
            chat_type: "private", "group", "supergroup", "channel", or "sender" for inline queries.
            user_id: Who sent it.

        Returns:
            True when the allowlist is empty, the chat is on it, or it is an
            admin's private chat (or an admin's or allowed user's inline query).
        """
        if not self.allowed_chats:
            return True
        if chat_id is not None and chat_id in self.allowed_chats:
            return True
        personal = chat_id is None or chat_type == "private"
        return personal and user_id is not None and (user_id in self.allowed_chats or self.is_admin(user_id))

    @classmethod
    def from_env(cls, env: Mapping[str, str], args: argparse.Namespace | None = None) -> "BotConfig":
        """Read TELEGRAM_* and CITEBOT_* variables and the `citebot bot` flags.

        Args:
            env: The environment.
            args: Parsed flags (webhook_url, listen, port, secret_token); None for none.

        Returns:
            The configuration.

        Raises:
            CitebotError: A value cannot be used; the message names it and says what is expected.
        """
        values: dict[str, object] = {
            "allowed_chats": parse_ids(env.get("CITEBOT_ALLOWED_CHATS", ""), "CITEBOT_ALLOWED_CHATS", "chat"),
            "admins": parse_ids(env.get("CITEBOT_ADMINS", ""), "CITEBOT_ADMINS", "user"),
            "allow_private_urls": env.get("CITEBOT_ALLOW_PRIVATE_URLS", "").strip().lower() in ("1", "true", "yes",
                                                                                               "on"),
        }
        base = env.get("TELEGRAM_API_BASE_URL", "").strip()
        if base:
            parts = urllib.parse.urlparse(base)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise CitebotError(f"TELEGRAM_API_BASE_URL={base!r} is not an http(s) URL "
                                   "(e.g. http://localhost:8081 for a self-hosted Bot API server)")
            # the server's root; python-telegram-bot's own convention ends in /bot, which is accepted too
            values["api_base_url"] = base.rstrip("/").removesuffix("/bot").rstrip("/")
        if env.get("CITEBOT_QUESTION_LIMIT", "").strip():
            values["user_limit"], values["user_window"] = parse_limit(env["CITEBOT_QUESTION_LIMIT"])
        if env.get("CITEBOT_MAX_UPLOAD_MB", "").strip():
            raw = env["CITEBOT_MAX_UPLOAD_MB"]
            try:
                mb = float(raw)
            except ValueError:
                mb = -1.0
            if not 0 < mb <= 20:
                raise CitebotError(f"CITEBOT_MAX_UPLOAD_MB={raw!r} must be a number of megabytes from 0 to 20 "
                                   "(Telegram lets bots download files up to 20 MB)")
            values["max_upload_bytes"] = int(mb * 1024 * 1024)
        webhook_url = getattr(args, "webhook_url", None) if args is not None else None
        if webhook_url:
            secret = getattr(args, "secret_token", None) or env.get("TELEGRAM_WEBHOOK_SECRET", "")
            values["webhook"] = parse_webhook(webhook_url, getattr(args, "listen", None) or "127.0.0.1",
                                              getattr(args, "port", None) or 8443, secret)
        return cls(**values)  # type: ignore[arg-type]


def parse_ids(raw: str, name: str, kind: str) -> frozenset[int]:
    """Comma-separated integer ids ("123, -1001234567890"); blank means none.

    Raises:
        CitebotError: An entry is not an integer.
    """
    ids: set[int] = set()
    for item in raw.replace(";", ",").split(","):
        item = item.strip()
        if not item:
            continue
        try:
            ids.add(int(item))
        except ValueError:
            raise CitebotError(f"{name}: {item!r} is not a {kind} id; give comma-separated numbers "
                               f"such as 123456789 or -1001234567890") from None
    return frozenset(ids)


def parse_limit(raw: str) -> tuple[int, float]:
    """"N/SECONDS" (e.g. "10/60": ten questions a minute per person).

    Raises:
        CitebotError: It is not of that form, or not positive.
    """
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*", raw)
    if not match or int(match.group(1)) < 1 or float(match.group(2)) <= 0:
        raise CitebotError(f"CITEBOT_QUESTION_LIMIT={raw!r} must be N/SECONDS, e.g. 10/60 for ten questions "
                           "a minute per person")
    return int(match.group(1)), float(match.group(2))


def parse_webhook(url: str, listen: str, port: int, secret: str) -> Webhook:
    """Check the webhook flags.

    Raises:
        CitebotError: The URL is plain http (allowed only for 127.0.0.1 and
            localhost) or has no path, the port is out of range, or the secret
            token is missing or has characters Telegram does not allow.
    """
    parts = urllib.parse.urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CitebotError(f"--webhook-url {url!r} is not a URL; Telegram needs https://HOST/PATH")
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise CitebotError(f"--webhook-url {url!r} is plain http: Telegram posts updates only to https URLs "
                           "(http is allowed only for 127.0.0.1 and localhost, for testing)")
    path = parts.path.strip("/")
    if not path:
        raise CitebotError("--webhook-url needs a path, e.g. https://bot.example.org/citebot")
    if not 0 < port < 65536:
        raise CitebotError(f"--port {port} is not a port number")
    if not secret:
        raise CitebotError("webhook mode needs --secret-token (or TELEGRAM_WEBHOOK_SECRET), so that only "
                           "Telegram can post updates")
    if not SECRET_TOKEN_RE.fullmatch(secret):
        raise CitebotError("the webhook secret token may only hold letters, digits, '_' and '-' "
                           "(1 to 256 characters)")
    return Webhook(url=url, listen=listen, port=port, secret_token=secret, path=path)


def read_token(args: argparse.Namespace | None, env: Mapping[str, str]) -> str:
    """The bot token, from --token-file or else TELEGRAM_BOT_TOKEN.

    No message raised here contains the token.

    Raises:
        CitebotError: There is none, the file cannot be read, or it does not look like a token.
    """
    path: Path | None = getattr(args, "token_file", None) if args is not None else None
    if path is not None:
        try:
            token = Path(path).read_text(encoding="utf-8").strip()
        except OSError as e:
            raise CitebotError(f"cannot read the token file {path}: {e.strerror or e.__class__.__name__}") from None
        where = f"the token file {path}"
    else:
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        where = "TELEGRAM_BOT_TOKEN"
    if not token:
        raise CitebotError("no bot token: set TELEGRAM_BOT_TOKEN or pass --token-file FILE "
                           "(@BotFather gives you one; see docs/TELEGRAM.md)")
    if not TOKEN_RE.fullmatch(token):
        raise CitebotError(f"{where} does not hold a bot token (expected digits, a colon, then letters, "
                           "as @BotFather gives it)")
    return token


class SecretRedactor(logging.Filter):
    """Replaces registered secrets in a log record: its message, arguments, traceback and stack.

    It works on the record as it is created (see `protect_secrets`), because
    a filter on handlers would miss handlers added later and a filter on one
    logger misses records from its children (httpx, httpcore, telegram.*).
    """

    def __init__(self) -> None:
        super().__init__()
        self._secrets: tuple[str, ...] = ()
        self._pattern: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def add(self, secret: str) -> None:
        """Redact `secret` from now on, and its URL-quoted form and its part after the colon."""
        forms = {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote(secret)}
        if ":" in secret and len(secret.split(":", 1)[1]) >= 8:
            forms.add(secret.split(":", 1)[1])
        with self._lock:
            # longest first, so a whole token is replaced before its secret part
            self._secrets = tuple(sorted(set(self._secrets) | forms, key=len, reverse=True))
            # in any letter case: python-telegram-bot lower-cases error descriptions that start
            # with "Bad Request: " (str.capitalize), URLs with the token in them included
            self._pattern = re.compile("|".join(map(re.escape, self._secrets)), re.IGNORECASE)

    def redact(self, text: str) -> str:
        """`text` with every registered secret, in any letter case, replaced by <redacted>."""
        pattern = self._pattern
        return pattern.sub(REDACTED, text) if pattern is not None else text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not hide the record
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            # formatters print exc_text when set; without exc_info nothing can re-render the raw traceback
            record.exc_info = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


# The log-record factory is process-wide by nature, so the one redactor that
# feeds it is too; `protect_secrets` installs it once.
_REDACTOR = SecretRedactor()
_installed = False
_install_lock = threading.Lock()


def protect_secrets(*secrets: str) -> SecretRedactor:
    """Keep `secrets` out of every log record in this process, and quieten httpx.

    Args:
        *secrets: The bot token, the webhook secret.

    Returns:
        The redactor (its `redact` cleans strings shown to people, e.g. error messages).
    """
    global _installed
    for secret in secrets:
        if secret:
            _REDACTOR.add(secret)
    with _install_lock:
        if not _installed:
            previous = logging.getLogRecordFactory()

            def factory(*args: object, **kwargs: object) -> logging.LogRecord:
                record = previous(*args, **kwargs)
                _REDACTOR.filter(record)
                return record

            logging.setLogRecordFactory(factory)
            _installed = True
    # httpx logs every request URL (with the token in it) at INFO
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return _REDACTOR
