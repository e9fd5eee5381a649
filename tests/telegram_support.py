"""What the Telegram tests share: fixtures, fixed texts, update builders the fake server has no
helper for (edited messages, channel posts), and a generated corpus whose releases change
between two index generations in a way every answer shows (used by the load tests and by
bench/telegram_load.py and bench/soak.py).

Fixtures defined here are used by importing them into a test module
(`from .telegram_support import api, logs_reach_caplog`).
"""

from __future__ import annotations

import logging
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest

from retrieval import Engine, IndexReport

from .fake_bot_api import CONTENT_METHODS, Call, FakeBotAPI

SEED_QUESTION = "what did NAHT Cymru ask for?"
BOT_TAGS = {"b", "i", "a", "blockquote", "code", "pre"}  # the tags the bot writes
SORRY = "Sorry, something went wrong while handling that. Please try again."
NOT_ADMIN = "Sorry, only the bot's admins can do that."
NOT_COVERED = "The releases in the corpus don't cover that. See /sources for what the releases cover."


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def logs_reach_caplog(monkeypatch: pytest.MonkeyPatch) -> None:
    """`citebot` CLI runs in other tests stop propagation; these tests read the bot's log."""
    monkeypatch.setattr(logging.getLogger("citebot"), "propagate", True)


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    """A fake Bot API server on 127.0.0.1, stopped after the test."""
    with FakeBotAPI() as server:
        yield server


# -- what the server saw ---------------------------------------------------------------------


def content_to(api: FakeBotAPI, chat_ids: set[int]) -> list[str]:
    """Every call that could carry content (messages, edits, files) addressed to `chat_ids`."""
    return [f"{c.method} {c.params}" for c in api.calls
            if c.method in CONTENT_METHODS and c.params.get("chat_id") in chat_ids]


def key(message: dict[str, Any]) -> tuple[int, int]:
    """(chat id, message id): what identifies a message."""
    return message["chat"]["id"], message["message_id"]


def replies_index(api: FakeBotAPI) -> dict[tuple[int, int], list[Call]]:
    """Delivered replies by the key of the message they reply to, in one pass over the calls
    (api.replies() per message is quadratic over a long run)."""
    index: dict[tuple[int, int], list[Call]] = {}
    for call in api.sent():
        if call.reply_to is not None:
            index.setdefault((call.params["chat_id"], call.reply_to), []).append(call)
    return index


def reply_counts(api: FakeBotAPI, messages: list[dict[str, Any]]) -> Counter[int]:
    """How many delivered replies each message got: {number of replies: how many messages}."""
    index = replies_index(api)
    return Counter(len(index.get(key(m), ())) for m in messages)


def wait_answered(api: FakeBotAPI, messages: list[dict[str, Any]], timeout: float = 60.0) -> None:
    """Wait until every message has a reply, polling outside the server's lock (cheap under load)."""
    deadline = time.monotonic() + timeout
    while (left := reply_counts(api, messages)[0]) > 0:
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s: {left} of {len(messages)} messages have no reply")
        time.sleep(0.1)


def latencies(api: FakeBotAPI, messages: list[dict[str, Any]]) -> list[float]:
    """Seconds from each message being queued at the server to its first reply arriving there."""
    index = replies_index(api)
    return [min(r.at for r in index[key(m)]) - api.pushed_at[api.message_update[key(m)]] for m in messages]


@dataclass(frozen=True)
class Delivery:
    """What became of a run's questions, as the server recorded it.

    Attributes:
        lost: Questions without a reply.
        twice: Replies delivered more than once (a question answered three times counts 2).
        answered: The questions with at least one reply.
        latencies: Seconds from each answered question being queued to its first reply.
    """

    lost: int
    twice: int
    answered: list[dict[str, Any]]
    latencies: list[float]


def delivery(api: FakeBotAPI, messages: list[dict[str, Any]]) -> Delivery:
    """Tally the replies to `messages` at the end of a run."""
    counts = reply_counts(api, messages)
    index = replies_index(api)
    answered = [m for m in messages if key(m) in index]
    return Delivery(lost=counts[0], twice=sum(counts[k] * (k - 1) for k in counts if k > 1), answered=answered,
                    latencies=latencies(api, answered))


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) of `samples`."""
    if len(samples) < 2:
        return (samples[0], samples[0]) if samples else (float("nan"), float("nan"))
    return statistics.median(samples), statistics.quantiles(samples, n=100, method="inclusive")[94]


# -- updates the fake server has no helper for --------------------------------------------------


def push_edited(api: FakeBotAPI, message: dict[str, Any], text: str) -> int:
    """Queue an edit of `message` (one a person sent) to `text`; returns the update id."""
    edited = {**message, "text": text, "edit_date": int(time.time())}
    edited.pop("entities", None)
    if text.startswith("/"):
        edited["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return api.push({"edited_message": edited})


def push_channel_post(api: FakeBotAPI, chat_id: int, text: str, *, edited: bool = False) -> int:
    """Queue a post in channel `chat_id` (channel posts have a sender chat, no sender user)."""
    chat = api.chat(chat_id, "channel")
    post: dict[str, Any] = {"message_id": 10_000 + len(api.pushed_at), "date": int(time.time()), "chat": chat,
                            "sender_chat": chat, "text": text}
    if text.startswith("/"):
        post["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return api.push({"edited_channel_post" if edited else "channel_post": post})


# -- a corpus whose two generations every answer tells apart -------------------------------------


ORGS = ["Harbour Nurses Guild", "Valley Rail Workers", "Northern Librarians Forum", "Coastal Firefighters Union",
        "Upland Farmers Alliance", "City Bus Drivers Association", "Riverside Carers Network",
        "Metro Cleaners Union", "Highland Postal Workers", "Lakeside Teachers Federation"]
TOPICS = [("night shifts", "night shifts must be limited to four in a row"),
          ("sick pay", "sick pay should start from the first day of illness"),
          ("pensions", "pension contributions must not rise again this year"),
          ("training budgets", "training budgets must be protected from the next round of cuts"),
          ("staff safety", "staff safety needs panic alarms in every workplace"),
          ("overtime rates", "overtime rates should be paid at time and a half"),
          ("holiday leave", "holiday leave should grow by one day for every five years of service"),
          ("agency staff", "agency staff should be offered permanent contracts after a year"),
          ("uniform costs", "uniform costs should be met in full by the employer"),
          ("travel expenses", "travel expenses must cover the real cost of fuel")]
FACETS = ["In its {season} statement on {topic} the {org} said {demand}.",
          "The {org} warned in {season} that a ballot on {topic} will follow if employers refuse.",
          "Talks on {topic} with employers resumed this {season}, the {org} confirmed."]
SEASONS = {1: "spring", 2: "autumn"}


class LoadCorpus:
    """Generated releases: for each organisation and topic, three statements, one sentence each
    on the topic, so that an answer quotes all three releases.

    In generation 1 every statement speaks of "spring", in generation 2 of "autumn": an answer
    that mixes the two seasons (or matches neither generation's answer) was read from a
    half-built index.

    Args:
        orgs: How many organisations (up to 10).
        topics: How many topics (up to 10).
    """

    def __init__(self, orgs: int = 10, topics: int = 10) -> None:
        self.orgs, self.topics = ORGS[:orgs], TOPICS[:topics]

    def __len__(self) -> int:
        return len(self.orgs) * len(self.topics) * len(FACETS)

    def questions(self) -> list[str]:
        """One question per organisation and topic."""
        return [f"What did the {org} say about {topic}?" for org in self.orgs for topic, _ in self.topics]

    def release(self, o: int, t: int, s: int, version: int) -> str:
        org, (topic, demand), season = self.orgs[o], self.topics[t], SEASONS[version]
        facet = FACETS[s - 1].format(org=org, topic=topic, demand=demand, season=season)
        return (f"---\ntitle: {org} statement {s} on {topic}\ndate: 2024-{1 + s:02d}-{10 + t:02d}\n"
                f"source: {org}\n---\n{facet}\n\nMembers were kept informed throughout the {season}, "
                f"officials added.\n")

    def write(self, folder: Path, version: int, statements: tuple[int, ...] = (1, 2, 3)) -> int:
        """Write (or overwrite) the releases of `version` in `folder`; returns how many."""
        folder.mkdir(parents=True, exist_ok=True)
        n = 0
        for o in range(len(self.orgs)):
            for t in range(len(self.topics)):
                for s in statements:
                    (folder / f"load-{o}-{t}-{s}.md").write_text(self.release(o, t, s, version), encoding="utf-8")
                    n += 1
        return n


def season_of(text: str) -> set[str]:
    """The seasons an answer's text speaks of."""
    return {season for season in SEASONS.values() if season in text}


class SlowWriteEngine(Engine):
    """An Engine whose index runs dwell `delay` seconds on every document written: the window
    in which a build has written part of the next generation but not committed it is long
    enough for a burst of questions to land inside it."""

    delay = 0.004

    def index(self, **kw: Any) -> IndexReport:  # type: ignore[override]
        def slow(stage: str, done: int, total: int) -> None:
            if stage == "writing":
                time.sleep(self.delay)

        return super().index(progress=slow, **kw)
