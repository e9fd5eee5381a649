"""What the bot keeps between updates: the Application's bot_data.

`BotState` holds the one Engine, the configuration, the answers behind the
buttons (an LRU keyed by a short random key, because callback data is limited
to 64 bytes), the per-person question limits, the feedback store, and the
thread pools retrieval and indexing run in, off the event loop. The
Application is built with `CONTEXT_TYPES`, so its bot_data is a BotState and a
handler's `context.bot_data` is typed as one (python-telegram-bot's
contexttypesbot example does the same).
"""

from __future__ import annotations

import asyncio
import functools
import secrets
import time
from collections import OrderedDict, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from retrieval import Answer, Engine

from .feedback import FeedbackStore
from .telegram_config import BotConfig

T = TypeVar("T")


@dataclass
class Entry:
    """An answer sent to a chat, kept for its buttons.

    Attributes:
        question: The question as asked.
        answer: The answer.
        chat_id: The chat it was sent to (buttons only work there).
        pages_sent: Pages of quotes already sent ("More" sends each once).
    """

    question: str
    answer: Answer
    chat_id: int
    pages_sent: set[int] = field(default_factory=lambda: {0})


class AnswerCache:
    """The most recent answers by key; the least recently used is forgotten first.

    Args:
        capacity: How many answers to keep.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = max(1, capacity)
        self._entries: OrderedDict[str, Entry] = OrderedDict()

    def put(self, entry: Entry) -> str:
        """Keep `entry`; returns its new key (8 URL-safe characters)."""
        key = secrets.token_urlsafe(6)
        while key in self._entries:
            key = secrets.token_urlsafe(6)
        self._entries[key] = entry
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
        return key

    def get(self, key: str) -> Entry | None:
        """The entry for `key`, or None when unknown or forgotten."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def __len__(self) -> int:
        return len(self._entries)


class QuestionLimiter:
    """At most `limit` events per `window` seconds per key (a sliding window).

    Args:
        limit: Events allowed in any window.
        window: The window, in seconds.
        clock: Returns the time in seconds (tests pass a fake clock).
    """

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._seen: dict[object, deque[float]] = {}
        self._warned: set[object] = set()
        self._checks = 0

    def check(self, key: object) -> tuple[bool, float | None]:
        """Count an event for `key` if it is allowed.

        Returns:
            (allowed, wait): wait is the seconds until the next event would be
            allowed, given only the first time an event is refused within a
            window (so the bot says "slow down" once, not to every message).
        """
        now = self._clock()
        self._checks += 1
        if self._checks % 1000 == 0:
            self._forget_idle(now)
        times = self._seen.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._warned.discard(key)
            return True, None
        if key in self._warned:
            return False, None
        self._warned.add(key)
        return False, max(0.0, times[0] + self.window - now)

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, times in self._seen.items() if not times or times[-1] <= now - self.window]:
            del self._seen[key]
            self._warned.discard(key)


class BotState:
    """Everything the handlers share; one per Application, as its bot_data.

    python-telegram-bot creates it empty along with the Application (see
    `CONTEXT_TYPES`); `setup` then gives it the engine and the configuration.
    """

    engine: Engine
    config: BotConfig
    feedback: FeedbackStore
    answers: AnswerCache
    limiter: QuestionLimiter
    inline_limiter: QuestionLimiter
    answer_pool: ThreadPoolExecutor
    index_pool: ThreadPoolExecutor
    index_lock: asyncio.Lock

    def setup(self, engine: Engine, config: BotConfig, feedback: FeedbackStore) -> None:
        """Answer with `engine` under `config`, votes to `feedback`: the caches, limits and thread pools.

        Args:
            engine: The engine (closed by `close`).
            config: The bot's configuration.
            feedback: Where votes are stored (closed by `close`).
        """
        self.engine = engine
        self.config = config
        self.feedback = feedback
        self.answers = AnswerCache(config.answer_cache_size)
        self.limiter = QuestionLimiter(config.user_limit, config.user_window)
        self.inline_limiter = QuestionLimiter(config.inline_limit, config.user_window)
        self.answer_pool = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="citebot-answer")
        self.index_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citebot-index")
        self.index_lock = asyncio.Lock()

    async def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a retrieval call (answer, documents, status ...) in a worker thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.answer_pool, functools.partial(fn, *args, **kwargs))

    async def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run an indexing call in the one indexing thread, one at a time."""
        loop = asyncio.get_running_loop()
        async with self.index_lock:
            return await loop.run_in_executor(self.index_pool, functools.partial(fn, *args, **kwargs))

    def close(self) -> None:
        """Stop the thread pools and close the engine and the feedback store."""
        self.answer_pool.shutdown(wait=True, cancel_futures=True)
        self.index_pool.shutdown(wait=True, cancel_futures=True)
        self.engine.close()
        self.feedback.close()


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotState]
"""A handler's context: `context.bot_data` is the bot's BotState."""

CONTEXT_TYPES = ContextTypes(bot_data=BotState)
"""What the Application is built with (`ApplicationBuilder.context_types`), so its bot_data is a BotState."""
