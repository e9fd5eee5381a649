"""`citebot chat`: an interactive prompt with history over the same engine."""

from __future__ import annotations

import argparse
import difflib
import re
from typing import TextIO

from retrieval import CitebotError, Engine

from .render import ANSI, PLAIN, one_line, render_sources, render_status, render_text, wrap

HELP = """Type a question and press Enter. Commands:
  /sources   list the releases
  /status    what the index holds
  /help      this text
  /quit      leave (or Ctrl-D)"""
COMMANDS = ["/sources", "/status", "/help", "/quit", "/exit"]
# A line whose first word looks like this is a command, not a question ("/etc/hosts?" is a question).
COMMAND_RE = re.compile(r"/[a-z_]+")


def _readline_history(engine: Engine) -> None:
    """Arrow-key editing and history kept between sessions, where readline exists."""
    try:
        import atexit
        import readline
    except ImportError:  # pragma: no cover - not on every platform
        return
    path = engine.settings.index_dir / "chat_history"
    try:
        readline.read_history_file(path)
    except OSError:
        pass
    readline.set_history_length(1000)

    def save() -> None:
        try:
            readline.write_history_file(path)
        except OSError:
            pass

    atexit.register(save)


def unknown_command(command: str) -> str:
    """The reply to a /command chat does not have, suggesting the nearest one it does."""
    near = difflib.get_close_matches(command, COMMANDS, n=1, cutoff=0.6)
    return f"unknown command {command}{f' (did you mean {near[0]}?)' if near else ''}; /help lists them"


def run_chat(engine: Engine, args: argparse.Namespace, out: TextIO, *, color: bool = False,
             width: int | None = None, read=input) -> int:  # noqa: ANN001 - read is input() or a test double
    """Ask questions until /quit or end of input.

    Args:
        engine: The engine.
        args: Parsed flags (k, source, since, until).
        out: Where answers go.
        color: Use ANSI colour.
        width: Wrap answers to this many columns (None: not at all).
        read: Reads one line with a prompt (input() in real use).

    Returns:
        The exit status (0).
    """
    if read is input:
        _readline_history(engine)
    status = engine.status()
    print(f"citebot chat — {status.documents} releases, {status.passages} passages. /help for commands.", file=out)
    while True:
        try:
            line = read("? ")
        except EOFError:
            print(file=out)
            return 0
        except KeyboardInterrupt:
            print(file=out)
            continue
        command = line.strip().lower()
        if not command:
            continue
        if command in ("quit", "exit"):
            return 0
        if COMMAND_RE.fullmatch(command.split()[0]):
            name = command.split()[0]
            if name in ("/quit", "/exit"):
                return 0
            if name == "/help":
                print(HELP, file=out)
            elif name == "/sources":
                text = render_sources(engine.documents())
                print(text if width is None else wrap(text, width), file=out)
            elif name == "/status":
                text = render_status(engine.status(), ANSI if color else PLAIN)
                print(text if width is None else wrap(text, width), file=out)
            else:
                print(unknown_command(name), file=out)
            continue
        try:
            answer = engine.answer(line, k=args.k, sources=args.source or (), since=args.since, until=args.until)
        except CitebotError as e:
            print(f"citebot: {one_line(str(e))}", file=out)
            continue
        print(render_text(answer, color=color, width=width) + "\n", file=out)
