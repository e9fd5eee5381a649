"""Thumbs up/down given under the bot's answers: stored in SQLite, listed by `citebot feedback`.

The database sits next to the index (`<index>/feedback.sqlite`), so the bot
and the command line find it from the same settings. One row per person and
answer: voting again changes the vote instead of adding a second one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

from retrieval import CitebotError, Settings

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    answer_key TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    at TEXT NOT NULL,
    UNIQUE (answer_key, user_id)
);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback(at);
"""


@dataclass(frozen=True)
class Feedback:
    """One vote: who, in which chat, on which question and answer, and when (UTC, ISO 8601)."""

    chat_id: int
    user_id: int
    question: str
    answer: str
    vote: int
    at: str


def feedback_path(settings: Settings) -> Path:
    """Where the feedback database lives: beside the index.

    Args:
        settings: The settings (their index_dir).

    Returns:
        The database path.
    """
    return settings.index_dir / "feedback.sqlite"


class FeedbackStore:
    """The feedback table; safe to share between threads (calls are serialised).

    Args:
        path: The SQLite file (created with its folder if missing).

    Raises:
        CitebotError: The database cannot be opened or created.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as e:
            raise CitebotError(f"cannot open the feedback database {path}: {e}") from None

    def record(self, *, answer_key: str, chat_id: int, user_id: int, question: str, answer: str, vote: int) -> None:
        """Store a vote (+1 or -1), replacing this person's earlier vote on the same answer.

        Args:
            answer_key: The answer's key (one per answer sent).
            chat_id: The chat the answer was sent to.
            user_id: Who voted.
            question: The question as asked.
            answer: The answer as plain text.
            vote: +1 (thumbs up) or -1 (thumbs down).
        """
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._lock:
            self._conn.execute(
                "INSERT INTO feedback(answer_key, chat_id, user_id, question, answer, vote, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(answer_key, user_id) DO UPDATE SET vote = excluded.vote, at = excluded.at",
                (answer_key, chat_id, user_id, question, answer, 1 if vote > 0 else -1, at),
            )

    def entries(self, limit: int | None = None) -> list[Feedback]:
        """The votes, newest first.

        Args:
            limit: At most this many (None: all).

        Returns:
            The votes.
        """
        sql = "SELECT chat_id, user_id, question, answer, vote, at FROM feedback ORDER BY at DESC, id DESC"
        params: tuple = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
        return [Feedback(*row) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def summary_line(entries: list[Feedback]) -> str:
    """"3 votes: 2 up, 1 down" (or "No feedback yet.")."""
    if not entries:
        return "No feedback yet."
    up = sum(1 for e in entries if e.vote > 0)
    return f"{len(entries)} vote{'s' if len(entries) != 1 else ''}: {up} up, {len(entries) - up} down"


def print_feedback(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """`citebot feedback`: list the votes, newest first, as text or JSON lines.

    Args:
        args: Parsed flags (json, limit).
        settings: The settings (where the index, and so the feedback, is).
        out: Where to print.

    Returns:
        The exit status (0).
    """
    path = feedback_path(settings)
    limit = getattr(args, "limit", None)
    entries: list[Feedback] = []
    if path.exists():
        store = FeedbackStore(path)
        try:
            entries = store.entries(limit)
        finally:
            store.close()
    if getattr(args, "json", False):
        for e in entries:
            print(json.dumps(asdict(e), ensure_ascii=False), file=out)
        return 0
    print(summary_line(entries), file=out)
    for e in entries:
        thumb = "+1" if e.vote > 0 else "-1"
        answer = " ".join(e.answer.split())
        print(f"{e.at}  {thumb}  chat {e.chat_id}  user {e.user_id}  Q: {e.question}", file=out)
        print(f"    A: {answer[:200]}{'…' if len(answer) > 200 else ''}", file=out)
    return 0
