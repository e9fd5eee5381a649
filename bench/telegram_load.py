"""Telegram bot under load and under Telegram faults: nothing lost, nothing twice.

The real Application, in a process of its own as in production, polls the fake Bot API
server of the tests (tests/fake_bot_api.py, in this process) on 127.0.0.1. The corpus is
the seed corpus plus 300 generated releases (tests/telegram_support.LoadCorpus): for each
of 10 organisations and 10 topics, three statements, so an answer quotes three releases.

Scenarios (each on a fresh bot; --questions questions from --chats private chats, all
queued within a second):

- reindex: the bot's outgoing limit off; an admin's /reindex is queued after the first 15%
  of the questions, with every generated release rewritten ("spring" becomes "autumn"), and
  its write phase stretched to about 1.2 s (tests/telegram_support.SlowWriteEngine). Every
  reply must equal the old generation's answer or the new one's, never a mix.
- reindex, 30 msg/s: the same with Telegram's limit on, as in production.
- faults: a share (--fault-share) of all calls, getUpdates included, answered 429
  (retry_after 1 s, as Telegram sends), 500, 502, or dropped before being carried out.
- drops after delivery: a share of sendMessage calls carried out but their answer lost;
  the bot retries them, so these replies arrive twice (see tests/test_telegram_load.py).

Latency runs from the moment a question's update is queued at the server to its reply
arriving there.

Run:  .venv/bin/python bench/telegram_load.py [--quick] [--questions 1000] [--chats 200]
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from common import REPO, bot_parser, finish, table

from bot.telegram_views import answer_page
from retrieval import Engine, Settings
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_support import (LoadCorpus, delivery, key, percentiles, replies_index, season_of,
                                    wait_answered)

ADMIN = 99
SCENARIOS = ("reindex", "reindex, 30 msg/s", "faults", "drops after delivery")


def _run_bot(base_url: str, token: str, settings: Settings, config: dict[str, Any], ready: Any, stop: Any) -> None:
    """The bot, in a process of its own (the fake server stays in the parent)."""
    from bot.telegram import build_application, polling_options
    from bot.telegram_config import BotConfig
    from tests.fake_bot_api import BotRunner
    from tests.telegram_support import SlowWriteEngine

    logging.basicConfig(level=logging.ERROR)
    bot_config = BotConfig(api_base_url=base_url, poll_timeout=1.0, admins=frozenset({ADMIN}), **config)
    settings = settings.with_(memory_snapshot=True)
    app = build_application(settings, bot_config, token, engine=SlowWriteEngine(settings, encoder=None))
    with BotRunner(app, polling_options(bot_config)):
        ready.set()
        parent = os.getppid()
        while not stop.wait(1) and os.getppid() == parent:  # stop, or the parent is gone
            pass


def _first(engine: Engine, question: str) -> str:
    return answer_page(engine.answer(question), 0, 3)[0]


def run(workdir: Path, scenario: str, n: int, chats: int, share: float) -> dict[str, Any]:
    """One scenario on a fresh index and bot; returns its figures."""
    corpus, index = workdir / "corpus", workdir / "index"
    shutil.rmtree(workdir, ignore_errors=True)
    shutil.copytree(REPO / "corpus", corpus)
    load = LoadCorpus()
    load.write(corpus, 1)
    settings = Settings(corpus=(corpus,), index_dir=index, model="none")
    reference = Engine(settings, encoder=None)
    reference.index()
    questions = load.questions()
    old = {q: _first(reference, q) for q in questions}
    reference.close()
    reindex = scenario.startswith("reindex")
    if reindex:
        load.write(corpus, 2)
    config = {"send_rate": 30.0 if scenario == "reindex, 30 msg/s" else 0.0, "user_limit": 100_000}
    spawn = multiprocessing.get_context("spawn")
    ready, stop = spawn.Event(), spawn.Event()
    with FakeBotAPI() as api:
        bot = spawn.Process(target=_run_bot, args=(api.base_url, api.token, settings, config, ready, stop))
        bot.start()
        try:
            assert ready.wait(60), "the bot did not start"
            api.wait_replies(api.message(ADMIN, questions[0]), timeout=30)  # warm-up, untimed
            if scenario == "faults":
                api.chaos(share, kinds=("429", "500", "502", "drop"), seed=1)
            elif scenario == "drops after delivery":
                api.chaos(share, kinds=("drop-after",), methods={"sendMessage"}, seed=1)
            ask = [(50_000 + i % chats, questions[(7 * i) % len(questions)]) for i in range(n)]
            cut = n * 15 // 100
            burst = [api.message(chat, q) for chat, q in ask[:cut]]
            command = api.message(ADMIN, "/reindex") if reindex else None
            burst += [api.message(chat, q) for chat, q in ask[cut:]]
            wait_answered(api, burst, timeout=900)
            if command is not None:
                api.wait_calls("editMessageText", timeout=120)
            time.sleep(1.0)  # a late retry or duplicate would arrive now
            api.chaos(0)
        finally:
            stop.set()
            bot.join(30)
        tally = delivery(api, burst)
        index = replies_index(api)
        answered, lat = tally.answered, tally.latencies
        figures: dict[str, Any] = {
            "questions": n, "chats": chats, "lost": tally.lost, "twice": tally.twice,
            "injected": sum(api.injected.values()), "kinds": dict(api.injected),
            "failed calls": sum(1 for c in api.calls if not c.ok), "p50": percentiles(lat)[0] * 1000,
            "p95": percentiles(lat)[1] * 1000, "max": max(lat) * 1000,
            "wall": max(r.at for m in answered for r in index[key(m)]) - api.pushed_at[
                api.message_update[(burst[0]["chat"]["id"], burst[0]["message_id"])]],
        }
        if reindex:
            new_engine = Engine(settings, encoder=None)
            new = {q: _first(new_engine, q) for q in questions}
            new_engine.close()
            [started] = api.replies(command)
            [done] = api.calls_to("editMessageText")
            kinds = {"old": 0, "new": 0, "neither": 0, "mixed": 0}
            for m in answered:
                text = index[key(m)][0].params["text"]
                kinds["old" if text == old[m["text"]] else "new" if text == new[m["text"]] else "neither"] += 1
                kinds["mixed"] += len(season_of(text)) > 1
            figures.update(kinds)
            figures["during"] = sum(1 for c in api.sent() if started.at < c.at < done.at and c.reply_to is not None)
            figures["reindex s"] = done.at - started.at
            figures["report"] = done.params["text"]
    return figures


def main() -> None:
    parser = bot_parser(__doc__.split("\n\n")[0], questions=1000, chats=200, per="per scenario")
    parser.add_argument("--fault-share", type=float, default=0.10, help="share of calls failed (default 0.10)")
    parser.add_argument("--scenarios", type=lambda s: s.split("/"), default=SCENARIOS, metavar="A/B",
                        help=f"which scenarios, separated by '/' (default all: {'/'.join(SCENARIOS)})")
    args = parser.parse_args()
    if set(args.scenarios) - set(SCENARIOS):
        parser.error(f"unknown scenario {sorted(set(args.scenarios) - set(SCENARIOS))[0]!r}; "
                     f"the scenarios: {'/'.join(SCENARIOS)}")
    if args.quick:
        args.questions, args.chats = 200, 50
    logging.basicConfig(level=logging.ERROR)
    started = time.perf_counter()
    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in args.scenarios:
            share = args.fault_share if scenario == "faults" else args.fault_share / 2
            r = run(Path(tmp) / "run", scenario, args.questions, args.chats, share)
            kinds = ", ".join(f"{k}: {v}" for k, v in sorted(r["kinds"].items()))
            injected = f"{r['injected']} ({kinds})" if r["injected"] else "none"
            generation = "—"
            if "old" in r:
                took = re.search(r"\(([\d.]+) s\)", r["report"])
                generation = (f"{r['old']} old, {r['new']} new, {r['neither'] + r['mixed']} mixed; re-index "
                              f"{took.group(1) if took else '?'} s, {r['during']} replies between its start and "
                              f"end messages ({r['reindex s']:.1f} s apart)")
                notes.append(f"{scenario}: {r['report']}")
            rows.append([scenario, r["questions"], r["chats"], injected, r["questions"] - r["lost"], r["lost"],
                         r["twice"], generation, f"{r['p50']:.0f}", f"{r['p95']:.0f}", f"{r['max']:.0f}",
                         f"{r['wall']:.1f}"])
            print(rows[-1], flush=True)
    text = table(["scenario", "questions", "chats", "faults injected", "answered", "lost", "duplicated",
                  "answers by generation", "p50 ms", "p95 ms", "max ms", "burst s"], rows)
    how = ("\nLatency: update queued at the fake Bot API server to its reply arriving there; "
           "the bot runs in its own process, long-polling over HTTP/1.1 on 127.0.0.1, lexical-only "
           "index of 302 releases (630 passages), four answer threads. \"Lost\" is a question without a "
           "reply, \"duplicated\" a reply delivered more than once. All questions are queued at once "
           "(within about 10 ms), so latency is mostly waiting in line: the bot drains the queue at the "
           "\"questions / burst s\" rate. The re-index's own time is from its report; its start and end "
           "messages queue behind the replies. Faults are drawn at random per call "
           f"(seeded); with \"drops after delivery\" a share of {args.fault_share / 2:.0%} of sendMessage calls "
           "is carried out but its answer lost, and the bot's retry delivers that reply again: at least "
           "once, not exactly once, by design (a reply is never lost to a dropped connection).\n\n"
           + "\n".join(f"- {n}" for n in notes) + "\n")
    finish(args, "telegram-load", "Telegram bot: load, re-indexing and faults", text, started, notes=how)


if __name__ == "__main__":
    main()
