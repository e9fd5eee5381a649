"""The `citebot` command line: one parser, thin handlers over `retrieval`.

Exit status: 0 success (also when the corpus does not cover a question),
1 an error (no usable index, a file that could not be added, ...),
2 bad usage or input (empty question, bad date, unknown option).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import logging
import os
import re
import shlex
import shutil
import sys
import time
from pathlib import Path
from typing import Callable, Sequence, TextIO

from retrieval import BadFilter, BadQuestion, BadSetting, CitebotError, Engine, IndexMissing, Settings
from retrieval.dates import human
from retrieval.indexer import IndexReport

from .render import ANSI, PLAIN, one_line, render_sources, render_status, render_text, status_json, wrap

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
BATCH_AND_QUESTION = "give either a question or --batch FILE, not both"


class UsageError(CitebotError):
    """Bad command-line input: exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns the exit status."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see: {self.prog} --help)")


def parse_args(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """`parser.parse_args(argv)`, with a helpful message for arguments it does not know.

    Raises:
        UsageError: A mistyped option (the nearest one suggested), an unquoted
            question ("quote the question"), or another stray argument.
    """
    args, extras = parser.parse_known_args(argv)
    if extras:
        raise UsageError(_unrecognized(parser, args, extras))
    return args


def _unrecognized(parser: argparse.ArgumentParser, args: argparse.Namespace, extras: list[str]) -> str:
    command = _command_parser(parser, args)
    options = [e for e in extras if e.startswith("-") and len(e) > 1 and not re.fullmatch(r"-\d+(\.\d*)?", e)]
    if options:
        option = options[0].split("=", 1)[0]
        known = sorted({o for action in command._actions for o in action.option_strings})
        near = difflib.get_close_matches(option, known, n=1, cutoff=0.75)
        return f"unknown option {option}{f'; did you mean {near[0]}?' if near else ''} (see: {command.prog} --help)"
    if getattr(args, "command", None) == "ask" and args.batch:
        return BATCH_AND_QUESTION
    if getattr(args, "command", None) == "ask" and args.question is not None:
        return f"quote the question: {command.prog} {_shell_quoted(' '.join([args.question, *extras]))}"
    return f"unrecognized arguments: {' '.join(extras)} (see: {command.prog} --help)"


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The (sub)parser of the command that was given, e.g. the one for `citebot ask`."""
    while True:
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        name = getattr(args, subparsers[0].dest, None) if subparsers else None
        if name not in (subparsers[0].choices if subparsers else {}):
            return parser
        parser = subparsers[0].choices[name]


def _shell_quoted(text: str) -> str:
    """`text` in double quotes, as people type it, or in single quotes where double ones would not do."""
    return f'"{text}"' if not re.search(r'["$`\\!]', text) else shlex.quote(text)


def _at_least_one(value: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}; leave it out for all")
    return number


# -- output helpers ------------------------------------------------------------


def _color(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _width(stream: TextIO) -> int | None:
    """The terminal's width to wrap output to; None when `stream` is not a terminal (a pipe, a file)."""
    return shutil.get_terminal_size().columns if stream.isatty() else None


def _progress(stream: TextIO) -> Callable[[str, int, int], None] | None:
    """A one-line progress bar on a terminal for long work; nothing otherwise."""
    if not stream.isatty():
        return None
    started = time.monotonic()

    def show(stage: str, done: int, total: int) -> None:
        if total < 50 and time.monotonic() - started < 1.0:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        end = "\n" if done >= total else ""
        stream.write(f"\r{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{end}")
        stream.flush()

    return show


class _NoteHandler(logging.Handler):
    """Prints the library's warnings as one-line notes on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(f"citebot: note: {record.getMessage()}\n")
        except Exception:  # noqa: BLE001 - never let a note crash a command
            pass


def _configure_logging(verbose: bool) -> None:
    handler = _NoteHandler()
    for name in ("citebot", "retrieval"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO if verbose else logging.WARNING)
        logger.propagate = False


def print_report(report: IndexReport, out: TextIO) -> None:
    """"added 2, updated 0, removed 0, unchanged 0 — 2 documents, 30 passages (model: none)"."""
    for problem in report.problems:
        print(f"citebot: skipped {one_line(str(problem))}", file=sys.stderr)
    print(
        f"{'rebuilt' if report.full else 'indexed'}: added {len(report.added)}, updated {len(report.updated)}, "
        f"removed {len(report.removed)}, unchanged {report.unchanged} — {report.documents} documents, "
        f"{report.passages} passages, {report.embedded} embedded (model: {report.model}) in {report.seconds:.1f} s",
        file=out,
    )


# -- commands ---------------------------------------------------------------------


def _engine(settings: Settings) -> Engine:
    return Engine(settings)


def _ensure_index(engine: Engine, err: TextIO) -> None:
    """Build the index from the corpus when there is none yet, saying so."""
    try:
        engine.current()
    except IndexMissing:
        where = ", ".join(str(p) for p in engine.settings.corpus)
        print(f"citebot: no index yet; building it from {where} ...", file=err)
        print_report(engine.index(progress=_progress(err)), err)


def _note_what_the_index_holds(engine: Engine, args: argparse.Namespace, err: TextIO) -> None:
    """Say in one line when --model or --corpus differ from what the index was built with
    (answering uses the index as it is; only `citebot index` rebuilds)."""
    from retrieval.indexer import corpus_signature

    gen = engine.current()
    model = getattr(args, "model", None)
    if model and model != gen.model:
        print(f"citebot: note: answered with the index's model {gen.model}, not --model {model}; to use it, "
              f"rebuild with: citebot index --full --model {model}", file=err)
    corpus = getattr(args, "corpus", None)
    recorded = gen.meta.get("corpus")
    if corpus and recorded and corpus_signature(engine.settings) != recorded:
        shown = " ".join(f"--corpus {p}" for p in corpus)
        built = ", ".join(recorded.split(os.pathsep))
        print(f"citebot: note: answered from the index of {built}, not {shown}; to use it, rebuild with: "
              f"citebot index --full {shown}", file=err)


def cmd_ask(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    if not args.batch and settings.lexical == "auto":
        # One question: ask SQLite's FTS5 directly rather than load the postings.
        settings = settings.with_(lexical="fts5")
    engine = _engine(settings)
    if args.batch:
        if args.question:
            raise UsageError(BATCH_AND_QUESTION)
        _ensure_index(engine, err)
        _note_what_the_index_holds(engine, args, err)
        return _ask_batch(engine, args, out)
    if args.question is None:
        raise UsageError("the question is missing: citebot ask \"QUESTION\"")
    question = " ".join(args.question) if isinstance(args.question, list) else args.question
    if not question.strip():
        raise BadQuestion("the question is empty")
    _ensure_index(engine, err)
    _note_what_the_index_holds(engine, args, err)
    answer = engine.answer(question, k=args.k, sources=args.source or (), since=args.since, until=args.until)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False), file=out)
    else:
        print(render_text(answer, color=_color(out), width=_width(out)), file=out)
    return EXIT_OK


def _ask_batch(engine: Engine, args: argparse.Namespace, out: TextIO) -> int:
    stream = sys.stdin if args.batch == "-" else None
    try:
        stream = stream or open(args.batch, encoding="utf-8", errors="replace")
    except OSError as e:
        raise CitebotError(f"cannot read {args.batch}: {e.strerror}") from None
    status = EXIT_OK
    with stream:
        for line in stream:
            # files saved on Windows: a byte-order mark before the first question, CRLF line ends
            question = line.rstrip("\r\n").removeprefix("\ufeff")
            try:
                answer = engine.answer(question, k=args.k, sources=args.source or (), since=args.since,
                                       until=args.until)
            except (BadQuestion, BadFilter) as e:
                status = EXIT_USAGE if isinstance(e, BadFilter) else status
                if args.json:
                    print(json.dumps({"question": question, "answered": False, "error": str(e)},
                                     ensure_ascii=False), file=out)
                else:
                    print(f"citebot: {one_line(str(e))}", file=out)
                continue
            if args.json:
                print(json.dumps(answer.to_json(), ensure_ascii=False), file=out, flush=True)
            else:
                text = render_text(answer, color=_color(out), width=_width(out))
                print(f"Q: {question}\n{text}\n", file=out, flush=True)
    return status


def cmd_chat(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from .chat import run_chat

    engine = _engine(settings)
    _ensure_index(engine, err)
    _note_what_the_index_holds(engine, args, err)
    return run_chat(engine, args, out, color=_color(out), width=_width(out))


def cmd_index(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    report = _engine(settings).index(full=args.full, progress=_progress(err), wait=args.wait)
    print_report(report, out)
    return EXIT_OK


def cmd_add(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from retrieval.ingest import Given

    if (args.title or args.url) and len(args.items) > 1:
        raise UsageError("--title and --url describe one release; add the others separately")
    given = Given(title=args.title, date=_given_date(args.date), source=args.source, url=args.url)
    engine = _engine(settings)
    added, failed, report = engine.add(args.items, given=given, progress=_progress(err))
    for e in failed:
        print(f"citebot: not added: {one_line(str(e))}", file=err)
    for a in added:
        if a.status == "skipped":
            print(f"skipped {a.path}: {a.note}", file=out)
            continue
        where = _shown(a.path)
        print({"added": f"added {where} (from {a.origin})",
               "replaced": f"replaced {where} with the page now at {a.origin}",
               "updated": f"recorded for {where} (already in the corpus; from {a.origin})",
               "already": f"already in the corpus as {where}: {a.origin}"}[a.status], file=out)
        doc = a.document
        if doc is None or a.status == "already":
            continue
        print(f"  {doc.title} — {doc.source or 'unknown organisation'}, {human(doc.date)}"
              + (f" — {doc.url}" if doc.url else ""), file=out)
        absent = [(what, flag) for what, flag, value in (("date", "--date YYYY-MM-DD", doc.date),
                                                          ("organisation", "--source ORG", doc.source)) if not value]
        if absent:
            print(f"citebot: {where}: no {' or '.join(w for w, _ in absent)} found; give "
                  f"{'it' if len(absent) == 1 else 'them'} with: citebot add {where} "
                  f"{' '.join(f for _, f in absent)}", file=err)
    if report is not None:
        print_report(report, out)
    return EXIT_ERROR if failed else EXIT_OK


def _given_date(value: str | None) -> dt.date | None:
    """--date: YYYY-MM-DD, or a date as releases write it ("3 February 2025")."""
    from retrieval.dates import dateline

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        found = dateline(value)
        if found is None:
            raise UsageError(f"--date {value!r} is not a date; use YYYY-MM-DD") from None
        return found


def _shown(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (OSError, ValueError):
        return str(path)


def cmd_status(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    status = _engine(settings).status()
    if args.json:
        print(json.dumps(status_json(status), ensure_ascii=False), file=out)
    else:
        print(render_status(status, ANSI if _color(out) else PLAIN), file=out)
    return EXIT_OK


def cmd_sources(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    text = render_sources(_engine(settings).documents())
    width = _width(out)
    print(text if width is None else wrap(text, width), file=out)
    return EXIT_OK


def cmd_model(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from retrieval.model_files import download_model, local_model

    name = args.name or settings.model
    if name.strip().lower() == "none":
        raise UsageError("no model to download: the model is 'none'")
    local = local_model(name)
    if local is None:
        print(f"downloading {name} ...", file=err)
        folder = download_model(name, timeout=args.timeout, endpoint=settings.hub_endpoint)
    else:
        folder = local.folder
    print(f"{name}: {folder}", file=out)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from retrieval.evaluate import (
        DEFAULT_DEPTH, BadEvalFile, evaluate, evaluate_expectations, read_expectations, read_qrels, read_queries,
    )

    try:  # a malformed file is bad input (exit 2); an unreadable one an error (exit 1)
        if args.qrels is not None:
            queries, qrels = read_queries(args.queries), read_qrels(args.qrels)
        else:
            items = read_expectations(args.queries)
    except BadEvalFile as e:
        raise UsageError(str(e)) from None
    engine = _engine(settings)
    if args.corpus:
        report = engine.index(progress=_progress(err))
        if report.changed or report.problems:
            print_report(report, err)
    else:
        _ensure_index(engine, err)
    if args.qrels is None:
        return _eval_expectations(evaluate_expectations(engine, items, k=args.k), args.json, out)
    depth = args.k or DEFAULT_DEPTH
    result = evaluate(engine, queries, qrels, k=depth)
    if not result.queries:
        raise UsageError(f"no query judged relevant in {args.qrels} is in {args.queries}")
    if result.missing:
        print(f"citebot: note: {result.missing} judged queries are not in {args.queries}; "
              f"scored the other {result.queries}", file=err)
    if args.json:
        print(json.dumps(result.to_json()), file=out)
        return EXIT_OK
    shallow = f"  (documents ranked: {depth})" if depth < 100 else ""
    print(
        f"queries     {result.queries}\n"
        f"nDCG@10     {result.ndcg_10:.4f}\n"
        f"Recall@10   {result.recall_10:.4f}\n"
        f"Recall@100  {result.recall_100:.4f}{shallow}\n"
        f"MRR@10      {result.mrr_10:.4f}\n"
        f"queries/s   {result.qps:.1f}",
        file=out,
    )
    return EXIT_OK


def _eval_expectations(report, as_json: bool, out: TextIO) -> int:  # noqa: ANN001 - ExpectationReport
    summary = report.summary()
    if as_json:
        results = [{"question": r.item.question, "decline": r.item.decline, "answered": r.answered, "hit": r.hit,
                    "first_hit": r.first_hit} for r in report.results]
        print(json.dumps({"summary": summary, "results": results}, ensure_ascii=False), file=out)
        return EXIT_OK
    n_exp, n_dec = summary["expect"], summary["decline"]
    lines = [f"questions         {summary['questions']}"]
    if n_exp:
        lines += [f"quoted            {summary['quoted']} of {n_exp}  (a quoted sentence holds an expected phrase)",
                  f"first quote       {summary['first_quote']} of {n_exp}",
                  f"wrongly declined  {summary['declined_wrongly']} of {n_exp}"]
    if n_dec:
        lines.append(f"declined          {summary['declined']} of {n_dec}  (questions marked decline)")
    for r in report.results:
        if not r.hit:
            why = "answered; expected a decline" if r.item.decline else (
                "declined" if not r.answered else "no quoted sentence holds an expected phrase")
            lines.append(f"miss: {r.item.question}  ({why})")
    print("\n".join(lines), file=out)
    return EXIT_OK


def cmd_bot(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from .telegram import run_bot

    return run_bot(args, settings)


def cmd_feedback(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from .feedback import print_feedback

    return print_feedback(args, settings, out)


# -- the parser ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", metavar="DIR", type=Path, help="index folder (default .citebot, or CITEBOT_INDEX_DIR)")
    common.add_argument("--corpus", metavar="PATH", type=Path, action="append",
                        help="corpus file or folder; repeatable (default corpus/)")
    common.add_argument("--model", metavar="NAME", help="embedding model: hub name, local folder, or 'none'")
    common.add_argument("-v", "--verbose", action="store_true", help="say more about what happens")

    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("-k", type=int, metavar="N", help="passages to consider (default 5)")
    filters.add_argument("--source", action="append", metavar="ORG", help="only releases from ORG; repeatable")
    filters.add_argument("--since", metavar="DATE", help="only releases on or after DATE (YYYY[-MM[-DD]])")
    filters.add_argument("--until", metavar="DATE", help="only releases on or before DATE")
    filters.add_argument("--rerank", action="store_true", default=None, help="re-rank with a cross-encoder")

    parser = _Parser(prog="citebot", description="Answer questions about press releases with verbatim, cited quotes.")
    parser.add_argument("--version", action="version", version="citebot 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("ask", parents=[common, filters], help="answer a question with quotes",
                       description="Answer a question by quoting the releases.")
    p.add_argument("question", nargs="?", help="the question (quote it)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--batch", metavar="FILE", help="questions one per line from FILE ('-' for stdin)")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", parents=[common, filters], help="ask questions interactively",
                       description="An interactive prompt; /help inside lists its commands.")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("index", parents=[common], help="bring the index up to date with the corpus",
                       description="Index new and changed releases, drop deleted ones.")
    p.add_argument("--full", action="store_true", help="rebuild everything from scratch")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another running index to finish (default: refuse at once)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("add", parents=[common], help="add releases (files or URLs) and index them",
                       description="Copy files, or fetch http(s) pages, into the corpus folder; then index.")
    p.add_argument("items", nargs="+", metavar="PATH|URL", help="release files, folders of them, or http(s) URLs")
    p.add_argument("--source", metavar="ORG", help="organisation to record (wins over what the release says)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="release date to record")
    p.add_argument("--title", help="title to record (one release only)")
    p.add_argument("--url", metavar="URL", help="where the release is published (one release only)")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("status", parents=[common], help="what the index holds",
                       description="Documents, passages, sources, date range, model, when built.")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("sources", parents=[common], help="list the indexed releases",
                       description="The indexed releases, newest first.")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("eval", parents=[common], help="measure retrieval and answer quality on a question set",
                       description="Score citebot on judged questions. With --qrels: BEIR queries ({_id, text} "
                                   "JSONL) and qrels ('query-id corpus-id score' TSV); prints nDCG@10, Recall@10, "
                                   "Recall@100, MRR@10 and queries per second (a document ranks by its best "
                                   "passage). Without --qrels: JSONL lines {\"question\", \"expect\": [phrases]} "
                                   "or {\"question\", \"decline\": true}; counts quotes holding an expected "
                                   "phrase and questions rightly declined. With --corpus the index is brought up "
                                   "to date first.")
    p.add_argument("--queries", metavar="FILE", type=Path, required=True,
                   help="queries (BEIR JSONL) or questions with expectations (JSONL)")
    p.add_argument("--qrels", metavar="FILE", type=Path, help="relevance judgements (BEIR TSV, header line)")
    p.add_argument("-k", type=int, metavar="N",
                   help="documents ranked per query (default 100); without --qrels, passages per answer (default 5)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_eval)

    # -- Telegram front end (bot/telegram.py owns these handlers) --
    p = sub.add_parser("bot", parents=[common], help="run the Telegram bot",
                       description="Run the Telegram bot (token from TELEGRAM_BOT_TOKEN or --token-file). "
                                   "Long polling by default; a webhook with --webhook-url. See docs/TELEGRAM.md.")
    p.add_argument("--token-file", metavar="FILE", type=Path,
                   help="read the bot token from FILE instead of TELEGRAM_BOT_TOKEN")
    p.add_argument("--webhook-url", metavar="URL",
                   help="receive updates at this public https URL instead of long polling")
    p.add_argument("--listen", metavar="ADDR", default="127.0.0.1",
                   help="address the webhook server binds (default 127.0.0.1)")
    p.add_argument("--port", metavar="N", type=int, default=8443, help="webhook server port (default 8443)")
    p.add_argument("--secret-token", metavar="T",
                   help="secret Telegram sends with each webhook update (or TELEGRAM_WEBHOOK_SECRET)")
    p.set_defaults(func=cmd_bot)
    p = sub.add_parser("feedback", parents=[common], help="list the feedback given in Telegram",
                       description="Thumbs up/down given under the bot's answers, newest first.")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--limit", metavar="N", type=_at_least_one, help="only the latest N votes (default: all)")
    p.set_defaults(func=cmd_feedback)
    # -- end of Telegram section --

    p = sub.add_parser("model", parents=[common], help="manage the embedding model",
                       description="Model management.")
    msub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    d = msub.add_parser("download", parents=[common], help="fetch a model into the local cache",
                        description="Pre-fetch a model for machines without internet.")
    d.add_argument("name", nargs="?", help="hub name (default: the configured model)")
    d.add_argument("--timeout", type=float, default=60.0, help="seconds per request (default 60)")
    d.set_defaults(func=cmd_model)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from the environment, then the command's flags."""
    return Settings.from_env(
        index_dir=getattr(args, "index", None),
        corpus=tuple(args.corpus) if getattr(args, "corpus", None) else None,
        model=getattr(args, "model", None),
        k=getattr(args, "k", None),
        rerank=getattr(args, "rerank", None),
    )


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    # The process's own setting, not the library's: tokenizers' thread pool warns
    # (and can deadlock) when a process forks after using it, as the bot's index runs do.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        args = parse_args(build_parser(), argv)
        if not getattr(args, "func", None):
            raise UsageError('no command given; try: citebot ask "QUESTION"')
        _configure_logging(getattr(args, "verbose", False))
        settings = settings_from(args)
        return args.func(args, settings, out, err)
    except (UsageError, BadQuestion, BadFilter, BadSetting) as e:
        print(f"citebot: {one_line(str(e))}", file=err)
        return EXIT_USAGE
    except CitebotError as e:
        print(f"citebot: {one_line(str(e))}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("citebot: interrupted", file=err)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
