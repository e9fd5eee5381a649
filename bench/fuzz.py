"""Long runs of the property tests: inputs tried and failures, per target.

The suite runs each property a few dozen times (tests/test_properties.py,
tests/test_telegram_units.py, tests/test_telegram_hardening.py); this runs the same
properties, with the same strategies and the same checks (the tests' own bodies), on many
more inputs, and counts failures instead of stopping at the first:

- questions: any text (unicode, control characters, HTML and Markdown, up to 10,000
  characters) to the engine over the seed corpus plus a release full of markup: an answer
  or a clear error, every quote a substring of its release.
- documents: random bytes, mixed encodings, enormous lines, deeply nested HTML, front
  matter that is not YAML, through the loaders: loaded or reported, never a traceback.
- CLI arguments: `citebot` with random arguments: exit 0, 1 or 2 with one-line errors.
- Telegram pages: random answers (BMP text with markup and entities) rendered a page at a
  time: valid Telegram HTML, each message within 4,096 characters.
- Telegram UTF-16: the same with astral characters (emoji), measured as Telegram does, in
  UTF-16 code units (this failed until bot/render.py counted UTF-16 units).
- bot messages / inline queries: any text sent to the running bot (the fake Bot API server
  checks every reply as Telegram does): valid HTML, never the "something went wrong" reply.

Generation only (no shrinking), seeded; a failure is recorded with its input and the run
goes on.

Run:  .venv/bin/python bench/fuzz.py [--quick] [--scale 1.0] [--only NAME ...]
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from common import REPO, base_parser, finish, table
from hypothesis import HealthCheck, Phase, given, seed, settings

from retrieval import Engine, Settings
from tests import test_properties as props
from tests import test_telegram_hardening as hardening
from tests import test_telegram_units as units
from tests.fake_bot_api import FakeBotAPI, start_citebot

# name: (examples in a full run, what it checks)
TARGETS = {
    "questions → engine": 50_000,
    "documents → loaders": 10_000,
    "CLI arguments": 10_000,
    "Telegram pages (BMP)": 20_000,
    "Telegram pages (UTF-16, emoji)": 5_000,
    "bot messages": 2_000,
    "bot inline queries": 1_000,
}


class TempFactory:
    """Stands in for pytest's tmp_path_factory."""

    def __init__(self, root: Path) -> None:
        self.root, self.n = root, 0

    def mktemp(self, name: str) -> Path:
        self.n += 1
        path = self.root / f"{name}{self.n}"
        path.mkdir()
        return path


def run(body: Callable[..., Any], strategies: dict[str, Any], n: int, cleanup: Callable[[], None] = lambda: None
        ) -> tuple[int, list[tuple[str, str]]]:
    """Run `body` on `n` generated inputs; returns (inputs tried, failures as (kind, input))."""
    tried = 0
    failures: list[tuple[str, str]] = []

    @seed(20_260_101)
    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(**strategies)
    def one(**kw: Any) -> None:
        nonlocal tried
        tried += 1
        try:
            body(**kw)
        except Exception as e:  # noqa: BLE001 - counted, with its input
            where = traceback.extract_tb(e.__traceback__)[-1]
            first = (str(e).splitlines() or [""])[0][:160] or (where.line or "")
            failures.append((f"{type(e).__name__} at {Path(where.filename).name}:{where.lineno}: {first}",
                             _short(kw)))
        finally:
            cleanup()

    one()
    return tried, failures


def _short(value: Any) -> str:
    """A readable, bounded repr of an input: long strings and lists summarised."""
    def shorten(v: Any) -> Any:
        if isinstance(v, (str, bytes)) and len(v) > 60:
            return f"{v[:40]!r}… ({len(v):,} {'characters' if isinstance(v, str) else 'bytes'})"
        if isinstance(v, dict):
            return {k: shorten(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [shorten(x) for x in v[:5]] + ([f"… {len(v)} items"] if len(v) > 5 else [])
        return v if isinstance(v, (int, float, type(None))) else repr(v)[:120]
    return str(shorten(value))[:400]


def strategies_of(test: Any) -> dict[str, Any]:
    """The strategies a @given test draws its arguments from."""
    return dict(test.hypothesis._given_kwargs)


def main() -> None:
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every target's examples (default 1)")
    parser.add_argument("--only", nargs="*", default=None, help="run only targets whose name contains one of these")
    args = parser.parse_args()
    scale = 0.005 if args.quick else args.scale
    logging.basicConfig(level=logging.CRITICAL)
    logging.getLogger().setLevel(logging.CRITICAL)
    started = time.perf_counter()
    rows, details = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        shutil.copytree(REPO / "corpus", corpus)
        (corpus / "2024-06-01-hostile.md").write_text(hardening.HOSTILE_RELEASE, encoding="utf-8")
        settings_ = Settings(corpus=(corpus,), index_dir=root / "index", model="none")
        engine = Engine(settings_, encoder=None)
        engine.index()
        factory = TempFactory(root / "t")
        factory.root.mkdir()

        def clean_temp() -> None:
            for child in factory.root.iterdir():
                shutil.rmtree(child, ignore_errors=True)

        api = FakeBotAPI().start()
        runner = start_citebot(api, settings_, user_limit=10**9, inline_limit=10**9).start()
        plans: dict[str, tuple[Callable[..., Any], dict[str, Any], Callable[[], None]]] = {
            "questions → engine": (lambda question: props.check_answer(engine, question),
                                   strategies_of(props.test_any_question_gets_an_answer_or_a_clear_error),
                                   lambda: None),
            "documents → loaders": (
                lambda data, suffix: props.test_any_file_loads_or_is_reported.hypothesis.inner_test(
                    factory, data, suffix),
                strategies_of(props.test_any_file_loads_or_is_reported), clean_temp),
            "CLI arguments": (
                lambda argv: props.test_any_cli_arguments_exit_cleanly.hypothesis.inner_test(factory, argv),
                strategies_of(props.test_any_cli_arguments_exit_cleanly), clean_temp),
            "Telegram pages (BMP)": (
                units.test_answer_pages_are_valid_telegram_html_within_the_limit.hypothesis.inner_test,
                strategies_of(units.test_answer_pages_are_valid_telegram_html_within_the_limit), lambda: None),
            "Telegram pages (UTF-16, emoji)": (
                hardening.test_rendered_answers_fit_telegram_in_utf16_units.hypothesis.inner_test,
                strategies_of(hardening.test_rendered_answers_fit_telegram_in_utf16_units), lambda: None),
            "bot messages": (lambda text: hardening.ask_bot(api, text), {"text": hardening.BOT_QUESTIONS},
                             lambda: None),
            "bot inline queries": (lambda text: hardening.ask_bot_inline(api, text),
                                   {"text": hardening.INLINE_QUERIES}, lambda: None),
        }
        try:
            for name, full in TARGETS.items():
                if args.only and not any(o.lower() in name.lower() for o in args.only):
                    continue
                body, strategies, cleanup = plans[name]
                t0 = time.perf_counter()
                tried, failures = run(body, strategies, max(5, int(full * scale)), cleanup)
                kinds = Counter(kind for kind, _ in failures)
                rows.append([name, tried, len(failures), len(kinds), f"{time.perf_counter() - t0:.0f}"])
                print(rows[-1], flush=True)
                for kind, count in kinds.most_common(3):
                    example = next(i for k, i in failures if k == kind)
                    details.append(f"- {name}: {count} × `{kind}`; e.g. `{example}`")
        finally:
            runner.stop()
            refused = [c for c in api.calls if c.outcome not in ("ok",)]
            api.stop()
            engine.close()
        if refused:
            details.append(f"- bot: {len(refused)} calls refused by the fake Bot API server "
                           f"(first: {refused[0].method} {refused[0].outcome})")
    text = table(["target", "inputs tried", "failures", "distinct failures", "seconds"], rows)
    print(text)
    print("\n".join(details))
    notes = ("\n" + ("\n".join(details) if details else "No failures.") + "\n\n"
             "Each target runs the property test's own body on generated inputs (hypothesis, generation only, "
             "seeded); \"distinct\" groups failures by exception and place. The UTF-16 target measures "
             "messages as Telegram does, in UTF-16 code units (an emoji outside the BMP counts 2).\n")
    finish(args, "fuzz", "Fuzzing: inputs tried and failures", text, started, notes=notes, echo=False)


if __name__ == "__main__":
    main()
