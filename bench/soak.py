"""Telegram bot soak: a steady stream of questions for minutes; memory and open files sampled.

The real Application runs in a process of its own with its production settings (Telegram's
30 messages a second, 10 questions a minute per person, answers remembered for their
buttons up to 1,000), polling the fake Bot API server of the tests (in this process) on
127.0.0.1. The corpus is the seed corpus plus 300 generated releases
(tests/telegram_support.LoadCorpus). Every second --rate questions arrive from 200 people
in turn; besides, every 7th question someone presses a button under an earlier answer
(More, Show paragraph, a vote), every 25th someone sends an inline query, every 100th
someone asks /status, and once a minute an admin rewrites 30 releases and sends /reindex,
so the bot switches index generations while it answers.

Every 10 s the bot process's resident memory (VmRSS), open file descriptors (/proc/PID/fd)
and threads are read. At the end every question must have been answered exactly once.

Run:  .venv/bin/python bench/soak.py [--minutes 10] [--rate 5] [--quick]   (--quick: 1 minute)
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from common import REPO, base_parser, finish, table

from retrieval import Engine, Settings
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_support import LoadCorpus, delivery, percentiles, reply_counts

ADMIN = 99
EXTRA = ["what did NAHT Cymru ask for?", "What did ASCL Cymru say about school leaders?",
         "what is the price of fish in Tokyo?"]


def _run_bot(base_url: str, token: str, settings: Settings, cache: int, ready: Any, stop: Any) -> None:
    """The bot, with its production configuration, in a process of its own."""
    from bot.telegram import build_application, polling_options
    from bot.telegram_config import BotConfig
    from tests.fake_bot_api import BotRunner

    logging.basicConfig(level=logging.ERROR)
    config = BotConfig(api_base_url=base_url, poll_timeout=30.0, admins=frozenset({ADMIN}), answer_cache_size=cache)
    with BotRunner(build_application(settings.with_(memory_snapshot=True), config, token),
                   polling_options(config)):
        ready.set()
        parent = os.getppid()
        while not stop.wait(1) and os.getppid() == parent:  # stop, or the parent is gone
            pass


def sample(pid: int) -> dict[str, float]:
    """RSS (MB), open file descriptors and threads of process `pid`."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {"rss": int(fields["VmRSS"].split()[0]) / 1024, "fds": len(os.listdir(f"/proc/{pid}/fd")),
            "threads": int(fields["Threads"])}


def _buttons(call: Any) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def soak(minutes: float, rate: float, workdir: Path, cache: int) -> dict[str, Any]:
    corpus = workdir / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    load = LoadCorpus()
    load.write(corpus, 1)
    settings = Settings(corpus=(corpus,), index_dir=workdir / "index", model="none")
    engine = Engine(settings, encoder=None)
    engine.index()
    engine.close()
    questions = load.questions() + EXTRA
    rng = random.Random(5)
    spawn = multiprocessing.get_context("spawn")
    ready, stop = spawn.Event(), spawn.Event()
    samples: list[tuple[float, dict[str, float]]] = []
    asked: list[dict[str, Any]] = []
    reindexes, presses, inline = 0, 0, 0
    with FakeBotAPI() as api:
        bot = spawn.Process(target=_run_bot, args=(api.base_url, api.token, settings, cache, ready, stop))
        bot.start()
        try:
            assert ready.wait(60), "the bot did not start"
            api.wait_replies(api.message(ADMIN, EXTRA[0]), timeout=30)
            start = time.monotonic()
            samples.append((0.0, sample(bot.pid)))
            next_sample, next_reindex, version = 10.0, 60.0, 2
            i = 0
            while (now := time.monotonic() - start) < minutes * 60:
                chat = 60_000 + i % 200
                asked.append(api.message(chat, rng.choice(questions)))
                if i % 7 == 6:
                    answered = [r for r in api.sent()[-50:] if _buttons(r)]
                    if answered:
                        reply = rng.choice(answered)
                        api.callback(api.message_of(reply), rng.choice(_buttons(reply)),
                                     user_id=reply.params["chat_id"])
                        presses += 1
                if i % 25 == 24:
                    api.inline(chat, rng.choice(questions))
                    inline += 1
                if i % 100 == 99:
                    api.message(chat, rng.choice(["/status", "/sources", "/help"]))
                if now >= next_reindex:
                    for t in range(10):  # one organisation's 30 releases change
                        for s in (1, 2, 3):
                            (corpus / f"load-{reindexes % 10}-{t}-{s}.md").write_text(
                                load.release(reindexes % 10, t, s, version), encoding="utf-8")
                    api.message(ADMIN, "/reindex")
                    reindexes += 1
                    next_reindex += 60
                    version = 3 - version if reindexes % 10 == 0 else version
                if now >= next_sample:
                    samples.append((now, sample(bot.pid)))
                    print(f"{now:5.0f} s  {samples[-1][1]}  questions {len(asked)}", flush=True)
                    next_sample += 10
                i += 1
                time.sleep(max(0.0, start + i / rate - time.monotonic()))
            deadline = time.monotonic() + 120
            while reply_counts(api, asked)[0] and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(2)
            samples.append((time.monotonic() - start, sample(bot.pid)))
        finally:
            stop.set()
            bot.join(30)
        tally = delivery(api, asked)
        p50, p95 = percentiles(tally.latencies)
        reindexed = [c.params["text"] for c in api.calls_to("editMessageText") if c.params["text"].startswith("Re-ind")]
        return {"samples": samples, "questions": len(asked), "lost": tally.lost,
                "twice": tally.twice, "p50": p50 * 1000, "p95": p95 * 1000,
                "presses": presses, "inline": inline, "reindexes": reindexes, "reindexed": len(reindexed),
                "failed": sum(1 for c in api.calls if not c.ok), "sent": len(api.sent())}


def main() -> None:
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long (default 10)")
    parser.add_argument("--rate", type=float, default=5.0, help="questions per second (default 5)")
    parser.add_argument("--answer-cache", type=int, default=1000,
                        help="answers remembered for their buttons (default 1000, the bot's default)")
    args = parser.parse_args()
    if args.quick:
        args.minutes = 1.0
    logging.basicConfig(level=logging.ERROR)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        r = soak(args.minutes, args.rate, Path(tmp), args.answer_cache)
    samples = r["samples"]
    first, last = samples[0][1], samples[-1][1]
    half = next(s for t, s in samples if t >= samples[-1][0] / 2)
    rows = []
    for key, label, fmt in [("rss", "resident memory (MB)", "{:.1f}"), ("fds", "open file descriptors", "{:.0f}"),
                            ("threads", "threads", "{:.0f}")]:
        peak = max(s[key] for _, s in samples)
        sign = "{:+.1f}" if key == "rss" else "{:+.0f}"
        rows.append([label, fmt.format(first[key]), fmt.format(half[key]), fmt.format(last[key]), fmt.format(peak),
                     sign.format(last[key] - first[key]), sign.format(last[key] - half[key])])
    summary = table(["measure", "start", "half-way", "end", "max", "growth", "growth in the second half"], rows)
    per_minute = table(["minute", "RSS MB", "fds", "threads"],
                       [[f"{t / 60:.1f}", f"{s['rss']:.1f}", s["fds"], s["threads"]] for t, s in samples
                        if round(t) % 60 < 10 or s is samples[-1][1]])
    traffic = table(["questions", "answered once", "lost", "duplicated", "button presses", "inline queries",
                     "re-indexes (done)", "messages sent", "failed calls", "p50 ms", "p95 ms"],
                    [[r["questions"], r["questions"] - r["lost"] - r["twice"], r["lost"], r["twice"], r["presses"],
                      r["inline"], f"{r['reindexes']} ({r['reindexed']})", r["sent"], r["failed"], f"{r['p50']:.0f}",
                      f"{r['p95']:.0f}"]])
    notes = (f"\n{args.minutes:g} minutes at {args.rate:g} questions a second from 200 people, against the fake "
             "Bot API server on 127.0.0.1; the bot in its own process with its production settings "
             f"(answers kept for their buttons: {args.answer_cache:,}), answering from a lexical-only in-memory "
             "copy of a 302-release index that it re-indexes once a minute. Memory and file descriptors are the "
             "bot process's, read from /proc every 10 s.\n")
    finish(args, "soak", "Telegram bot: soak", f"{summary}\n\n{traffic}\n\n{per_minute}", started, notes=notes)


if __name__ == "__main__":
    main()
