"""A fake Telegram Bot API server for offline tests and benchmarks, and a runner for the real bot.

`FakeBotAPI` is a real HTTP/1.1 server on 127.0.0.1 (random port, threaded,
keep-alive, a large listen backlog) that speaks enough of the Bot API for
python-telegram-bot: getMe, getUpdates (long polling with offset and
timeout), sendMessage, editMessageText, answerCallbackQuery,
answerInlineQuery, getFile and file download, setMyCommands, deleteWebhook,
setWebhook. Tests queue updates (`message`, `document`, `callback`, `inline`
...), wait for calls with a timeout (`wait_replies`, `wait_calls`), and
inject faults: 429 with retry_after, 5xx, dropped connections (before the
call is carried out, or after it: the message is delivered but the answer is
lost), 403 for a chat that blocked the bot, and random faults for a share of
all calls (`chaos`). Every call is recorded as a `Call`.

`BotRunner` runs an Application in a thread with its own event loop, in the
order `Application.run_polling` uses, polling the fake server.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import email.parser
import html
import email.policy
import json
import random
import re
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, TypeVar

T = TypeVar("T")

TOKEN = "7000001:FAKE-token_for-tests-do-not-leak-123456"
BOT_ID = 7000001
BOT_USERNAME = "citebot_test_bot"
# Parameters python-telegram-bot sends as plain strings; everything else is JSON.
TEXT_PARAMS = {"text", "caption", "query", "parse_mode", "callback_query_id", "inline_query_id", "file_id", "url",
               "secret_token", "next_offset", "description", "title", "language_code", "inline_message_id",
               "action"}
CONTENT_METHODS = {"sendMessage", "editMessageText", "sendDocument", "sendPhoto", "getFile", "forwardMessage",
                   "copyMessage"}


@dataclass
class Call:
    """One request the bot made.

    Attributes:
        method: The Bot API method as sent (e.g. "sendMessage").
        params: Its parameters, decoded (chat_id an int, reply_markup a dict ...).
        at: time.monotonic() when it arrived.
        outcome: "ok", or the injected fault: "429", "500", "403", "dropped"; "401" for a wrong token.
        result: What was returned on success.
        answer_dropped: The call was carried out ("ok": a message was delivered) but the
            connection was closed before the bot got the answer.
    """

    method: str
    params: dict[str, Any]
    at: float
    outcome: str = "ok"
    result: Any = None
    answer_dropped: bool = False

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def reply_to(self) -> int | None:
        """The message id this message replies to, if any."""
        rp = self.params.get("reply_parameters")
        return rp.get("message_id") if isinstance(rp, dict) else self.params.get("reply_to_message_id")


@dataclass
class _Fault:
    status: int  # HTTP status; 0: drop the connection unanswered; DROP_AFTER: carry the call out, then drop it
    times: int
    retry_after: float | None = None
    description: str = ""


DROP_AFTER = -1


@dataclass
class _Chaos:
    share: float
    kinds: tuple[str, ...]
    methods: frozenset[str] | None
    rng: random.Random
    retry_after: float
    max_streak: int | None
    streaks: dict[str, int] = field(default_factory=dict)


@dataclass
class _Files:
    data: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # file_id -> (file_path, bytes)


class FakeBotAPI:
    """The fake server. Use as a context manager, or start()/stop().

    Args:
        token: The token it accepts (others get 401 Unauthorized).
        username: The bot's username, returned by getMe.
    """

    def __init__(self, token: str = TOKEN, *, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_user = {"id": BOT_ID, "is_bot": True, "first_name": "Citebot", "username": username,
                         "can_join_groups": True, "can_read_all_group_messages": False,
                         "supports_inline_queries": True}
        self.calls: list[Call] = []
        self.pushed_at: dict[int, float] = {}  # update_id -> time queued
        self.message_update: dict[tuple[int, int], int] = {}  # (chat_id, message_id) -> update_id
        self.webhook: dict[str, Any] = {}
        self._cond = threading.Condition()
        self._updates: list[dict[str, Any]] = []
        self._next_update = 1
        self._next_message = 1
        self._next_id = 1
        self._faults: dict[str, list[_Fault]] = {}
        self._chaos: _Chaos | None = None
        self.injected: Counter[str] = Counter()  # faults injected by `chaos`, by kind
        self._blocked: set[int] = set()
        self._chats: dict[int, dict[str, Any]] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._files = _Files()
        self._pages: dict[str, tuple[bytes, str]] = {}
        self._closed = False
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------

    def start(self) -> "FakeBotAPI":
        server = _Server(("127.0.0.1", 0), _Handler)
        server.api = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-bot-api", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> "FakeBotAPI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """What TELEGRAM_API_BASE_URL is set to: http://127.0.0.1:PORT."""
        assert self._server is not None, "start() the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- faults -------------------------------------------------------------------------

    def fail_next(self, method: str, times: int = 1, *, status: int = 429, retry_after: int | None = None,
                  description: str = "") -> None:
        """Answer the next `times` calls of `method` with HTTP `status` (429 gets retry_after, default 1)."""
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._cond:
            self._faults.setdefault(method, []).append(_Fault(status, times, retry_after, description))

    def drop_next(self, method: str, times: int = 1, *, after: bool = False) -> None:
        """Close the connection without answering the next `times` calls of `method`.

        By default the call is dropped before it is carried out (nothing is
        delivered); with after=True it is carried out first (a message is
        delivered), and only the answer is lost. For getUpdates with after=True,
        only answers that carry updates count (their updates are lost in transit).
        """
        self.fail_next(method, times, status=DROP_AFTER if after else 0)

    def chaos(self, share: float, *, kinds: tuple[str, ...] = ("429", "500", "drop"),
              methods: set[str] | None = None, seed: int = 0, retry_after: float = 1,
              max_streak: int | None = None) -> None:
        """From now on, fail a random `share` of calls with one of `kinds`; share 0 stops it.

        Args:
            share: The probability that a call is failed (0 to 1).
            kinds: Faults to draw from, evenly: "429" (with `retry_after`), "500", "502", "503",
                "drop" (the connection closes before the call is carried out) and "drop-after"
                (the call is carried out, then the connection closes without an answer).
            methods: Only these methods (default: all).
            seed: Seed of the random draws.
            retry_after: Seconds a 429 asks for (Telegram sends whole seconds; tests may use less).
            max_streak: Let a call through after it failed this many times in a row (a retry is
                recognised by its method and parameters): transient faults rather than an outage.
        """
        with self._cond:
            self._chaos = _Chaos(share, tuple(kinds), frozenset(methods) if methods else None, random.Random(seed),
                                 retry_after, max_streak) if share > 0 else None

    def _chaos_fault(self, method: str, params: dict[str, Any]) -> _Fault | None:
        with self._cond:
            chaos = self._chaos
            if chaos is None or (chaos.methods is not None and method not in chaos.methods):
                return None
            key = method + json.dumps(params, sort_keys=True, default=str)
            if chaos.max_streak is not None and chaos.streaks.get(key, 0) >= chaos.max_streak:
                chaos.streaks.pop(key, None)
                return None
            if chaos.rng.random() >= chaos.share:
                chaos.streaks.pop(key, None)
                return None
            kind = chaos.rng.choice(chaos.kinds)
            chaos.streaks[key] = chaos.streaks.get(key, 0) + 1
            self.injected[kind] += 1
            status = {"drop": 0, "drop-after": DROP_AFTER}.get(kind)
            return _Fault(int(kind) if status is None else status, 1,
                          chaos.retry_after if kind == "429" else None)

    def block(self, chat_id: int) -> None:
        """Messages to `chat_id` get 403 "bot was blocked by the user"."""
        with self._cond:
            self._blocked.add(chat_id)

    # -- updates ------------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        """Queue a raw update (its update_id is assigned); returns the update_id."""
        with self._cond:
            update_id = self._next_update
            self._next_update += 1
            update = {"update_id": update_id, **update}
            self._updates.append(update)
            self.pushed_at[update_id] = time.monotonic()
            message = update.get("message")
            if message:
                self.message_update[(message["chat"]["id"], message["message_id"])] = update_id
            self._cond.notify_all()
            return update_id

    def user(self, user_id: int) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "username": f"user{user_id}"}

    def chat(self, chat_id: int, chat_type: str | None = None) -> dict[str, Any]:
        """The chat object for `chat_id` (private when positive, a supergroup when negative)."""
        with self._cond:
            if chat_id not in self._chats or chat_type:
                kind = chat_type or ("private" if chat_id > 0 else "supergroup")
                chat = {"id": chat_id, "type": kind}
                chat.update({"first_name": f"User{chat_id}"} if kind == "private" else {"title": f"Group {chat_id}"})
                self._chats[chat_id] = chat
            return self._chats[chat_id]

    def _new_message(self, chat_id: int, user_id: int | None, **fields: Any) -> dict[str, Any]:
        with self._cond:
            message_id = self._next_message
            self._next_message += 1
        chat = self.chat(chat_id)
        sender = user_id if user_id is not None else (chat_id if chat_id > 0 else 1000 + abs(chat_id) % 1000)
        return {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": self.user(sender), **fields}

    def message(self, chat_id: int, text: str, *, user_id: int | None = None,
                reply_to: dict[str, Any] | None = None) -> dict[str, Any]:
        """Queue a text message (commands and @mentions get their entities); returns the message."""
        entities = []
        command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if command:
            entities.append({"type": "bot_command", "offset": 0, "length": len(command.group(0))})
        for m in re.finditer(r"@[A-Za-z0-9_]{5,}", text):
            if command and m.start() < command.end():
                continue
            entities.append({"type": "mention", "offset": _utf16_len(text[:m.start()]),
                             "length": _utf16_len(m.group(0))})
        fields: dict[str, Any] = {"text": text}
        if entities:
            fields["entities"] = entities
        if reply_to is not None:
            fields["reply_to_message"] = reply_to
        message = self._new_message(chat_id, user_id, **fields)
        self.push({"message": message})
        return message

    def document(self, chat_id: int, file_name: str, content: bytes, *, mime_type: str = "text/markdown",
                 user_id: int | None = None) -> dict[str, Any]:
        """Queue a message carrying a document (downloadable through getFile)."""
        suffix = "".join(c for c in Path(file_name).suffix if c.isalnum() or c == ".")
        file_id = self.add_file(content, f"documents/file_{self._next_id}{suffix}")
        doc = {"file_id": file_id, "file_unique_id": "u" + file_id, "file_name": file_name, "mime_type": mime_type,
               "file_size": len(content)}
        message = self._new_message(chat_id, user_id, document=doc)
        self.push({"message": message})
        return message

    def sticker(self, chat_id: int, *, user_id: int | None = None) -> dict[str, Any]:
        sticker = {"file_id": "stk", "file_unique_id": "ustk", "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False}
        message = self._new_message(chat_id, user_id, sticker=sticker)
        self.push({"message": message})
        return message

    def photo(self, chat_id: int, *, user_id: int | None = None) -> dict[str, Any]:
        message = self._new_message(chat_id, user_id, photo=[{"file_id": "ph", "file_unique_id": "uph",
                                                              "width": 90, "height": 90}])
        self.push({"message": message})
        return message

    def voice(self, chat_id: int, *, user_id: int | None = None) -> dict[str, Any]:
        message = self._new_message(chat_id, user_id, voice={"file_id": "vc", "file_unique_id": "uvc", "duration": 2})
        self.push({"message": message})
        return message

    def callback(self, message: dict[str, Any], data: str, *, user_id: int | None = None) -> str:
        """Queue a button press on `message` (one the bot sent); returns the callback query id."""
        with self._cond:
            query_id = f"cb{self._next_id}"
            self._next_id += 1
        chat_id = message["chat"]["id"]
        sender = user_id if user_id is not None else (chat_id if chat_id > 0 else 1001)
        self.push({"callback_query": {"id": query_id, "from": self.user(sender), "message": message,
                                      "chat_instance": f"ci{chat_id}", "data": data}})
        return query_id

    def inline(self, user_id: int, query: str) -> str:
        """Queue an inline query; returns its id."""
        with self._cond:
            query_id = f"iq{self._next_id}"
            self._next_id += 1
        self.push({"inline_query": {"id": query_id, "from": self.user(user_id), "query": query, "offset": "",
                                    "chat_type": "sender"}})
        return query_id

    # -- files and pages ------------------------------------------------------------------

    def add_file(self, content: bytes, file_path: str) -> str:
        """Store a file for getFile; returns its file_id."""
        with self._cond:
            file_id = f"file{self._next_id}"
            self._next_id += 1
            self._files.data[file_id] = (file_path, content)
        return file_id

    def add_page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve `body` at /pages/<path> (for /add <url>); returns its URL."""
        self._pages[path.lstrip("/")] = (body, content_type)
        return f"{self.base_url}/pages/{path.lstrip('/')}"

    # -- assertions ------------------------------------------------------------------------

    def wait_for(self, predicate: Callable[[], T], timeout: float = 10.0, what: str = "a condition") -> T:
        """Wait until predicate() is truthy (re-checked on every call); returns its value."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout} s waiting for {what}; calls: "
                                         f"{[(c.method, c.outcome) for c in self.calls[-20:]]}")
                self._cond.wait(min(left, 0.2))

    def all_fetched(self) -> bool:
        """The bot has polled past every queued update: each one is in its hands."""
        with self._cond:
            return not self._updates

    def calls_to(self, method: str, *, ok: bool | None = True) -> list[Call]:
        """Calls of `method` (by default only the successful ones)."""
        with self._cond:
            return [c for c in self.calls if c.method == method and (ok is None or c.ok == ok)]

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Messages delivered (sendMessage that succeeded), optionally to one chat."""
        return [c for c in self.calls_to("sendMessage") if chat_id is None or c.params.get("chat_id") == chat_id]

    def replies(self, message: dict[str, Any]) -> list[Call]:
        """Delivered messages replying to `message`."""
        chat_id = message["chat"]["id"]
        return [c for c in self.sent(chat_id) if c.reply_to == message["message_id"]]

    def wait_replies(self, message: dict[str, Any], n: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait for at least `n` delivered replies to `message`; returns them."""
        return self.wait_for(lambda: (r := self.replies(message)) and len(r) >= n and r, timeout,
                             f"{n} replies to message {message['message_id']} in chat {message['chat']['id']}")

    def wait_sent(self, chat_id: int, n: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait for at least `n` delivered messages to `chat_id`; returns them all."""
        return self.wait_for(lambda: (s := self.sent(chat_id)) and len(s) >= n and s, timeout,
                             f"{n} messages to chat {chat_id}")

    def wait_calls(self, method: str, n: int = 1, where: Callable[[Call], bool] = lambda c: True,
                   timeout: float = 10.0) -> list[Call]:
        """Wait for at least `n` successful calls of `method` matching `where`; returns them."""
        return self.wait_for(lambda: (c := [x for x in self.calls_to(method) if where(x)]) and len(c) >= n and c,
                             timeout, f"{n} calls of {method}")

    def message_of(self, call: Call) -> dict[str, Any]:
        """The message object a sendMessage call created (for pressing its buttons or replying to it)."""
        return call.result

    # -- serving ---------------------------------------------------------------------------------

    def _record(self, method: str, params: dict[str, Any], outcome: str, result: Any = None) -> Call:
        with self._cond:
            call = Call(method, params, time.monotonic(), outcome, result)
            self.calls.append(call)
            self._cond.notify_all()
            return call

    def _fault_for(self, method: str, params: dict[str, Any], *, drop_after: bool = False) -> _Fault | None:
        """The queued fault for this call, if any (taken off the queue).

        A getUpdates call takes a queued drop-after only once it has updates to
        answer with (drop_after=True then).
        """
        with self._cond:
            queue = self._faults.get(method)
            if queue and method == "getUpdates" and (queue[0].status == DROP_AFTER) != drop_after:
                return None
            if queue:
                fault = queue[0]
                fault.times -= 1
                if fault.times <= 0:
                    queue.pop(0)
                return fault
            chat_id = params.get("chat_id")
            if method in CONTENT_METHODS and chat_id in self._blocked:
                return _Fault(403, 1, description="Forbidden: bot was blocked by the user")
        return None

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
        """Answer one API call: (HTTP status, JSON body); body None means drop the connection."""
        fault = self._fault_for(method, params) or self._chaos_fault(method, params)
        if fault is not None and fault.status != DROP_AFTER:
            self._record(method, params, "dropped" if fault.status == 0 else str(fault.status))
            if fault.status == 0:
                return 0, None
            body: dict[str, Any] = {"ok": False, "error_code": fault.status,
                                    "description": fault.description or _DESCRIPTIONS.get(fault.status, "Error")}
            if fault.status == 429:
                body["description"] = fault.description or f"Too Many Requests: retry after {fault.retry_after}"
                body["parameters"] = {"retry_after": fault.retry_after}
            return fault.status, body
        drop_after = fault is not None
        if method == "getUpdates":
            result: Any = self._get_updates(params)
            if self._closed:
                return 0, None
            if result and not drop_after and self._fault_for(method, params, drop_after=True):
                drop_after = True
        else:
            handler = getattr(self, f"_m_{method.lower()}", None)
            if handler is None:
                self._record(method, params, "404")
                return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
            try:
                result = handler(params)
            except _BadRequest as e:
                self._record(method, params, "400")
                return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {e}"}
        call = self._record(method, params, "ok", result)
        if drop_after:
            call.answer_dropped = True
            return 0, None
        return 200, {"ok": True, "result": result}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return list(self._updates[:limit])

    def _m_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    def _m_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        _check_message(params.get("text", ""), params.get("parse_mode"), params.get("reply_markup"))
        chat_id = params["chat_id"]
        message = self._new_message(chat_id, BOT_ID, text=params["text"])
        message["from"] = self.bot_user
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        with self._cond:
            self.messages[(chat_id, message["message_id"])] = message
        return message

    def _m_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        _check_message(params.get("text", ""), params.get("parse_mode"), params.get("reply_markup"))
        key = (params.get("chat_id"), params.get("message_id"))
        with self._cond:
            message = self.messages.get(key)  # type: ignore[arg-type]
            if message is None:
                raise _BadRequest("message to edit not found")
            message = {**message, "text": params["text"], "edit_date": int(time.time())}
            message.pop("reply_markup", None)
            if isinstance(params.get("reply_markup"), dict):
                message["reply_markup"] = params["reply_markup"]
            self.messages[key] = message  # type: ignore[index]
        return message

    def _m_getfile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = params.get("file_id")
        if file_id not in self._files.data:
            raise _BadRequest("invalid file_id")
        path, content = self._files.data[file_id]
        return {"file_id": file_id, "file_unique_id": "u" + file_id, "file_size": len(content), "file_path": path}

    def _m_setwebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = dict(params)
        return True

    def _m_deletewebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    def _true(self, params: dict[str, Any]) -> bool:
        return True

    def _m_answerinlinequery(self, params: dict[str, Any]) -> bool:
        results = params.get("results") or []
        if len(results) > 50:
            raise _BadRequest("RESULTS_TOO_MUCH")
        if len({r["id"] for r in results}) != len(results):
            raise _BadRequest("RESULT_ID_DUPLICATE")
        for r in results:
            content = r.get("input_message_content", {})
            _check_message(content.get("message_text", ""), content.get("parse_mode"), r.get("reply_markup"))
        return True

    def _m_answercallbackquery(self, params: dict[str, Any]) -> bool:
        if len(params.get("text") or "") > 200:
            raise _BadRequest("MESSAGE_TOO_LONG")
        return True

    _m_setmycommands = _m_deletemycommands = _true
    _m_sendchataction = _m_close = _m_logout = _true

    def _m_getmycommands(self, params: dict[str, Any]) -> list:
        return []

    def file(self, path: str) -> bytes | None:
        """The bytes of a stored file by its file_path."""
        for file_path, content in self._files.data.values():
            if file_path == path:
                return content
        return None


class _BadRequest(Exception):
    pass


TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote",
                 "tg-spoiler", "span", "tg-emoji"}
_TOKEN = re.compile(r'<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>'
                    r"|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);|[<>&]")


def html_problems(text: str, tags: set[str] = TELEGRAM_TAGS, limit: int = 4096) -> list[str]:
    """What Telegram's HTML parse mode would reject in `text` (empty when it is valid).

    Tags must be among `tags`, properly nested (no blockquote or link inside
    itself), with only the attributes Telegram knows; "<", ">" and "&" outside
    tags must be entities; the text after parsing must be 1 to `limit` UTF-16
    units long.
    """
    problems: list[str] = []
    stack: list[str] = []
    visible: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        visible.append(text[pos:m.start()])
        pos = m.end()
        token = m.group(0)
        if m.group(2):
            closing, name, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3).strip()
            if name not in tags:
                problems.append(f"tag <{name}> is not allowed")
            elif closing:
                if not stack or stack[-1] != name:
                    problems.append(f"</{name}> does not close {stack[-1] if stack else 'anything'}")
                else:
                    stack.pop()
            else:
                if name in stack and name in ("a", "blockquote", "pre", "code"):
                    problems.append(f"<{name}> inside <{name}>")
                pairs = re.findall(r'([a-z-]+)(?:="([^"]*)")?', attrs)
                names = [n for n, _ in pairs]
                if any(re.search(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", v) for _, v in pairs):
                    problems.append(f"unescaped '&' in an attribute of <{name}>")
                ok = {"a": {"href"}, "blockquote": {"expandable"}, "pre": set(), "code": {"class"},
                      "span": {"class"}, "tg-emoji": {"emoji-id"}}.get(name, set())
                if any(n not in ok for n in names):
                    problems.append(f"<{name}> has attributes {names}")
                if name == "a" and "href" not in names:
                    problems.append("<a> without href")
                stack.append(name)
        elif token in "<>&":
            problems.append(f"unescaped {token!r} at {m.start()}: {text[max(0, m.start() - 20):m.start() + 20]!r}")
        else:
            visible.append(html.unescape(token))
    visible.append(text[pos:])
    if stack:
        problems.append(f"unclosed tags {stack}")
    length = _utf16_len("".join(visible).strip())
    if length == 0:
        problems.append("message text is empty")
    elif length > limit:
        problems.append(f"message is too long ({length} > {limit})")
    return problems


def _check_message(text: str, parse_mode: str | None, markup: Any) -> None:
    if parse_mode == "HTML":
        problems = html_problems(text)
        if problems:
            raise _BadRequest("can't parse entities: " + "; ".join(problems))
    elif not text.strip() or _utf16_len(text) > 4096:
        raise _BadRequest("message text is empty or too long")
    if isinstance(markup, dict):
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if len(button.get("callback_data", "").encode()) > 64:
                    raise _BadRequest("BUTTON_DATA_INVALID")


_DESCRIPTIONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 500: "Internal Server Error",
                 502: "Bad Gateway", 503: "Service Unavailable"}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _decode_params(raw: dict[str, str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in TEXT_PARAMS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    allow_reuse_address = True
    api: FakeBotAPI

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # a client went away mid-answer (a cancelled long poll at shutdown)
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # quiet; the calls are recorded instead

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _params(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.command == "GET":
            body = urllib.parse.urlparse(self.path).query.encode()
        ctype = self.headers.get("Content-Type", "")
        if ctype.startswith("application/json"):
            return json.loads(body or b"{}")
        if ctype.startswith("multipart/form-data"):
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {ctype}\r\n\r\n".encode() + body)
            raw = {part.get_param("name", header="content-disposition"): part.get_content()
                   for part in message.iter_parts() if not part.get_filename()}
            return _decode_params({k: v if isinstance(v, str) else v.decode() for k, v in raw.items()})
        return _decode_params(dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True)))

    def _dispatch(self) -> None:
        api = self.server.api
        path = urllib.parse.urlparse(self.path).path
        if path.startswith("/pages/"):
            self._params()
            page = api._pages.get(path[len("/pages/"):])
            if page is None:
                self._send(404, b"not found", "text/plain")
            else:
                self._send(200, page[0], page[1])
            return
        match = re.fullmatch(r"/(file/)?bot([^/]+)/(.+)", path)
        if not match:
            self._params()
            self._send(404, b'{"ok":false,"error_code":404,"description":"Not Found"}')
            return
        is_file, token, rest = match.groups()
        token = urllib.parse.unquote(token)  # PTB quotes file URLs: the colon arrives as %3A
        params = self._params() if not is_file else {}
        if token != api.token:
            api._record(rest, params, "401")
            self._send(401, b'{"ok":false,"error_code":401,"description":"Unauthorized"}')
            return
        if is_file:
            content = api.file(urllib.parse.unquote(rest))
            self._send(200 if content is not None else 404, content or b"", "application/octet-stream")
            return
        status, body = api.handle(rest, params)
        if body is None:
            self.close_connection = True  # drop it: no response at all
            return
        self._send(status, json.dumps(body).encode())

    do_GET = do_POST = _dispatch


class BotRunner:
    """Runs an Application in a background thread with its own event loop, polling the fake server.

    Start-up and shut-down follow `Application.run_polling`: initialize,
    post_init, updater.start_polling, start; then updater.stop, stop,
    shutdown, post_shutdown.

    Args:
        app: The Application (from bot.telegram.build_application).
        polling: Arguments for updater.start_polling (bot.telegram.polling_options).
        webhook: Arguments for updater.start_webhook instead of polling.
    """

    def __init__(self, app: Any, polling: dict[str, Any] | None = None,
                 webhook: dict[str, Any] | None = None) -> None:
        self.app = app
        self.polling = polling or {"poll_interval": 0.0, "timeout": 1}
        self.webhook = webhook
        self.error: BaseException | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="bot-runner", daemon=True)

    def start(self, timeout: float = 15.0) -> "BotRunner":
        self._thread.start()
        if not self._ready.wait(timeout):
            raise AssertionError("the bot did not start in time")
        if self.error is not None:
            raise self.error
        return self

    def stop(self, timeout: float = 15.0) -> None:
        if self.loop is not None and self._stop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise AssertionError("the bot did not stop in time")

    def wait_idle(self, api: FakeBotAPI, timeout: float = 30.0) -> None:
        """Wait until the bot has fetched every update queued at `api` and finished handling each
        one, its replies and their retries included: then nothing more is on its way (short of
        tasks a handler leaves running in the background).

        Args:
            api: The fake server the bot polls.
            timeout: Seconds to wait in all.
        """
        deadline = time.monotonic() + timeout
        api.wait_for(api.all_fetched, timeout, "the bot to fetch every queued update")
        assert self.loop is not None, "start() the bot first"
        # Updates go into update_queue before the bot polls again, and each is marked done only
        # once its handlers (and the error handler) have returned.
        handled = asyncio.run_coroutine_threadsafe(self.app.update_queue.join(), self.loop)
        try:
            handled.result(max(0.0, deadline - time.monotonic()))
        except concurrent.futures.TimeoutError:
            handled.cancel()
            raise AssertionError(f"the bot was still handling updates after {timeout} s") from None

    def __enter__(self) -> "BotRunner":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        app = self.app
        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            await app.initialize()
            if app.post_init:
                await app.post_init(app)
            if self.webhook is not None:
                await app.updater.start_webhook(**self.webhook)
            else:
                def error_callback(exc: Exception) -> None:  # what run_polling installs
                    app.create_task(app.process_error(update=None, error=exc))

                await app.updater.start_polling(error_callback=error_callback, **self.polling)
            await app.start()
        except BaseException as e:  # noqa: BLE001 - reported to the starting thread
            self.error = e
            self._ready.set()
            for step in (app.shutdown, lambda: app.post_shutdown(app) if app.post_shutdown else asyncio.sleep(0)):
                try:
                    await step()
                except Exception:  # noqa: BLE001 - already failing; the first error is the one reported
                    pass
            return
        self._ready.set()
        await self._stop.wait()
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


def start_citebot(api: FakeBotAPI, settings: Any, *, engine: Any = None, token: str | None = None,
                  **config: Any) -> BotRunner:
    """A BotRunner (not yet started) for citebot's Application polling `api`.

    Args:
        api: The fake server.
        settings: Retrieval settings (memory_snapshot is switched on, as run_bot does).
        engine: An engine to use instead of a new one.
        token: The bot's token (default: the one the server accepts).
        **config: BotConfig fields (api_base_url and a 1 s poll timeout are set).
    """
    from bot.telegram import build_application, polling_options
    from bot.telegram_config import BotConfig

    bot_config = BotConfig(**{"api_base_url": api.base_url, "poll_timeout": 1.0, **config})
    app = build_application(settings.with_(memory_snapshot=True), bot_config, token or api.token, engine=engine)
    return BotRunner(app, polling_options(bot_config))
