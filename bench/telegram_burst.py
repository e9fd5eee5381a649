"""Telegram bot under a burst: replies per second and update-to-reply latency.

The real Application (bot.telegram.build_application), in a process of its
own as in production, polls the fake Bot API server of the tests
(tests/fake_bot_api.py, in this process) on 127.0.0.1, answering from a
lexical-only index of the seed corpus (corpus/). A burst of --questions
questions from --chats private chats (each chat asks questions/chats of them,
from four questions, one the corpus does not cover) is queued at once;
each question's latency runs from the moment its update is queued at the
server to the moment its reply arrives there. Replies per second is the
number of replies over the time from the first update queued to the last
reply. One untimed question warms the bot up first. Each configuration runs
--repeat times on a fresh bot; the table shows the median run (by replies per
second) and the range.

Two runs: with the bot's outgoing limit at Telegram's ~30 messages per
second (how it runs in production), and with no outgoing limit (what the bot
itself can do: retrieval, rendering and HTTP on this machine).

Run:  .venv/bin/python bench/telegram_burst.py [--quick] [--questions 200] [--chats 50] [--repeat 3]
"""

from __future__ import annotations

import logging
import multiprocessing
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from common import REPO, bot_parser, finish, percentiles, table

from retrieval import Engine, Settings
from retrieval.settings import DEFAULT_MODEL
from tests.fake_bot_api import FakeBotAPI

QUESTIONS = ["what did NAHT Cymru ask for?", "What did ASCL Cymru say about school leaders?",
             "Which training course should be doubled?", "what is the price of fish in Tokyo?"]


def _run_bot(base_url: str, token: str, settings: Settings, send_rate: float, user_limit: int,
             ready: Any, stop: Any) -> None:
    """The bot, in a process of its own as in production (the fake server stays in the parent)."""
    from bot.telegram import build_application, polling_options
    from bot.telegram_config import BotConfig
    from tests.fake_bot_api import BotRunner

    logging.basicConfig(level=logging.ERROR)
    config = BotConfig(api_base_url=base_url, poll_timeout=1.0, send_rate=send_rate, user_limit=user_limit)
    with BotRunner(build_application(settings.with_(memory_snapshot=True), config, token), polling_options(config)):
        ready.set()
        stop.wait()


def burst(settings: Settings, n_questions: int, n_chats: int, send_rate: float) -> dict[str, float]:
    """Queue the burst against a fresh bot; returns replies/s and latency figures (ms)."""
    spawn = multiprocessing.get_context("spawn")
    ready, stop = spawn.Event(), spawn.Event()
    with FakeBotAPI() as api:
        bot = spawn.Process(target=_run_bot, args=(api.base_url, api.token, settings, send_rate,
                                                   max(10, n_questions), ready, stop))
        bot.start()
        try:
            assert ready.wait(60), "the bot did not start"
            api.wait_replies(api.message(999_999, QUESTIONS[0]), timeout=30)  # warm-up, untimed
            warm = len(api.sent())
            messages = [api.message(10_000 + i % n_chats, QUESTIONS[(i // n_chats + i) % len(QUESTIONS)])
                        for i in range(n_questions)]
            api.wait_for(lambda: len(api.sent()) >= warm + n_questions, timeout=600, what="every reply")
            time.sleep(0.5)  # a duplicate would arrive now
            assert len(api.sent()) == warm + n_questions, "a question was answered twice"
        finally:
            stop.set()
            bot.join(30)
        queued = {id(m): api.pushed_at[api.message_update[(m["chat"]["id"], m["message_id"])]] for m in messages}
        latencies, last = [], 0.0
        for m in messages:
            [reply] = api.replies(m)  # exactly one each
            latencies.append(reply.at - queued[id(m)])
            last = max(last, reply.at)
    first = min(queued.values())
    p50, p95 = percentiles(latencies)
    return {"rate": n_questions / (last - first), "p50": p50 * 1000, "p95": p95 * 1000,
            "max": max(latencies) * 1000, "wall": last - first}


def main() -> None:
    parser = bot_parser(__doc__.split("\n\n")[0], questions=200, chats=50, per="in the burst")
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration; the median is shown (default 3)")
    parser.add_argument("--models", default="none," + DEFAULT_MODEL, metavar="NAME,NAME",
                        help="the index's models, one configuration each (default: none, i.e. lexical-only, "
                             "and the default model)")
    args = parser.parse_args()
    if args.quick:
        args.questions, args.chats, args.repeat = 40, 10, 1
    logging.basicConfig(level=logging.ERROR)
    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(REPO / "corpus", corpus)
        for model in args.models.split(","):
            settings = Settings(corpus=(corpus,), index_dir=Path(tmp) / f"index-{len(rows)}", model=model)
            engine = Engine(settings)
            engine.index()
            engine.close()
            for label, rate in [("30 msg/s (Telegram's limit; production)", 30.0),
                                ("none (the bot's own capacity)", 0.0)]:
                runs = sorted((burst(settings, args.questions, args.chats, rate) for _ in range(args.repeat)),
                              key=lambda r: r["rate"])
                r = runs[len(runs) // 2]  # the median run by replies/s
                rows.append([model, label, args.questions, args.chats, f"{r['rate']:.1f}",
                             f"{runs[0]['rate']:.0f}–{runs[-1]['rate']:.0f}", f"{r['p50']:.0f}", f"{r['p95']:.0f}",
                             f"{r['max']:.0f}", f"{r['wall']:.2f}"])
    text = table(["model", "outgoing limit", "questions", "chats", "replies/s", f"range ({args.repeat} runs)", "p50 ms",
                  "p95 ms", "max ms", "burst s"], rows)
    notes = ("\nLatency: update queued at the fake Bot API server to its reply arriving there; the bot long-polls "
             "the server over HTTP/1.1 on 127.0.0.1, answers from an index of the seed corpus (2 releases, 30 "
             "passages) built with each model (none: lexical-only), four answer threads. With Telegram's limit the burst is paced by "
             "the rate limiter (a burst allowance of 30, then 30 per second), not by retrieval.\n")
    finish(args, "telegram-burst", "Telegram bot: a burst of questions", text, started, notes=notes)


if __name__ == "__main__":
    main()
