"""The development collection: does citebot quote the right release, and decline what it cannot answer?

Three collections are asked, each with `Engine(settings).answer(question)`
at the default settings, lexical-only (model "none") and hybrid (the
sentence-transformers model of --model) in the same run:

- dev: the 70 fictional Welsh education releases and 206 questions of
  ../shared/dev-corpus (--dev DIR), split into a tune half and a test half:
  within each kind, in file order, the 1st, 3rd, 5th ... question is tune,
  the 2nd, 4th ... is test. Tune on tune; report test.
- seeds: bench/seed_questions.jsonl over the repository's corpus/ (copied to
  the index folder first), all reported, no split.

Scoring (the held-out acceptance collection is scored the same way). A quote
holds an expected phrase when the phrase occurs in its text once both are
normalised (whitespace collapsed, curly quotes and apostrophes made straight,
casefolded). A citation is matched to a release by file name.

- fact, paraphrase: counted when one of the first three quotes is from the
  right release and holds one of the `expect` phrases;
- org, dated, broad: counted by the same rule, or when the first quote is
  from the right release;
- decline: counted when the answer is declined (`answered` False).

Answerable questions not counted fall in one class: "declined", "wrong
release" (no quote from the right release among the first three) or "wrong
sentence" (the right release is there, with no phrase). Beside that, a
retrieval diagnostic: is the right release among the top 3 ranked passages?
Fidelity: every quote, split at " … ", must occur in its release's text
(read from the cited file, front matter stripped, whitespace collapsed).

Run:  .venv/bin/python bench/collection.py [--quick] [--only KIND] [--half tune|test]
          [--model NAME|DIR] [--index-dir DIR] [--dump FILE.jsonl] [--record "what changed"]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from common import DEFAULT_DEV, REPO, RESULTS, header, table, write_section

from retrieval import Engine, Settings
from retrieval.settings import DEFAULT_MODEL

KINDS = ("fact", "org", "dated", "paraphrase", "broad", "decline")
PHRASE_KINDS = ("fact", "paraphrase")  # only a quote holding a phrase counts
HALVES = ("tune", "test")
SEEDS = REPO / "bench" / "seed_questions.jsonl"
SEED_CORPUS = REPO / "corpus"
CUT = " … "  # what quoting puts between the pieces of one quote
FAILURES = ("declined", "wrong release", "wrong sentence")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_FRONT = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


class BadQuestions(Exception):
    """A questions file cannot be read; the message says where and why."""


# -- scoring ---------------------------------------------------------------------


def normalise(text: str) -> str:
    """Whitespace runs collapsed to one space, curly quotes made straight, casefolded."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


def holds(quote_text: str, phrases: Iterable[str]) -> bool:
    """Whether the quote holds one of `phrases` (both normalised)."""
    text = normalise(quote_text)
    return any(normalise(p) in text for p in phrases)


def file_name(path: str) -> str:
    return Path(path).name


@dataclass(frozen=True)
class Scored:
    """How one answer scores.

    Attributes:
        counted: The question counts as answered right (or, for decline, as declined).
        failure: "" when counted; else "declined", "wrong release" or "wrong
            sentence" (answerable), or "answered" (decline questions).
        retrieved: The right release is among the top 3 ranked passages (None for decline).
    """

    counted: bool
    failure: str
    retrieved: bool | None


def score(question: dict[str, Any], answer: Any) -> Scored:
    """Score `answer` (a retrieval Answer) against one question of the collection.

    Args:
        question: The question's record: `kind`, and for answerable ones `doc` and `expect`.
        answer: What Engine.answer returned.

    Returns:
        The verdict, its failure class and the retrieval diagnostic.
    """
    if question["kind"] == "decline":
        return Scored(not answer.answered, "" if not answer.answered else "answered", None)
    doc = question["doc"]
    retrieved = any(file_name(h.passage.path) == doc for h in answer.passages[:3])
    if not answer.answered:
        return Scored(False, "declined", retrieved)
    first3 = answer.quotes[:3]
    right = [q for q in first3 if file_name(q.citation.path) == doc]
    counted = any(holds(q.text, question["expect"]) for q in right)
    if not counted and question["kind"] not in PHRASE_KINDS:
        counted = file_name(first3[0].citation.path) == doc
    if counted:
        return Scored(True, "", retrieved)
    return Scored(False, "wrong sentence" if right else "wrong release", retrieved)


def release_text(path: Path) -> str:
    """A release's body as quotes are checked against: front matter stripped, whitespace collapsed."""
    text = path.read_text(encoding="utf-8-sig")
    return " ".join(_FRONT.sub("", text, count=1).split())


def not_verbatim(answer: Any, text_of: Callable[[str], str]) -> list[str]:
    """The quotes of `answer` that are not verbatim from the release they cite.

    Args:
        answer: A retrieval Answer.
        text_of: The collapsed body text of the release at a citation's path.

    Returns:
        The text of each quote one of whose " … " pieces is not in its release.
    """
    bad = []
    for quote in answer.quotes:
        body = text_of(quote.citation.path)
        if not all(" ".join(piece.split()) in body for piece in quote.text.split(CUT)):
            bad.append(quote.text)
    return bad


# -- the questions -------------------------------------------------------------------


def read_questions(path: Path) -> list[dict[str, Any]]:
    """The questions of a JSONL file, checked.

    Raises:
        BadQuestions: A line is not JSON, or lacks a field its kind needs.
    """
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            raise BadQuestions(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(q, dict) or not isinstance(q.get("question"), str) or q.get("kind") not in KINDS:
            raise BadQuestions(f"{path}:{n}: needs a 'question' and a 'kind' among {', '.join(KINDS)}")
        if q["kind"] != "decline" and not (isinstance(q.get("doc"), str) and isinstance(q.get("expect"), list)
                                           and q["expect"]):
            raise BadQuestions(f"{path}:{n}: an answerable question needs 'doc' and a non-empty 'expect' list")
        out.append(q)
    return out


def tune_parser(description: str) -> argparse.ArgumentParser:
    """The flags of the scripts that tune on the dev collection's tune half."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, metavar="DIR")
    parser.add_argument("--model", default=DEFAULT_MODEL, metavar="NAME|DIR")
    parser.add_argument("--index-dir", type=Path, default=None, metavar="DIR", help="keep and reuse the indexes here")
    return parser


def tune_half(dev: Path) -> list[dict[str, Any]] | None:
    """The tune half of the dev collection's questions; None (said in one line) when it is not there."""
    questions_file = dev / "questions.jsonl"
    if not questions_file.is_file():
        print(f"no development collection at {dev}: nothing tuned")
        return None
    qs = read_questions(questions_file)
    return [q for q, h in zip(qs, halves(qs)) if h == "tune"]


def halves(questions: Sequence[dict[str, Any]]) -> list[str]:
    """Each question's half: within each kind, in file order, alternately tune and test."""
    seen: dict[str, int] = {}
    out = []
    for q in questions:
        i = seen.get(q["kind"], 0)
        seen[q["kind"]] = i + 1
        out.append(HALVES[i % 2])
    return out


# -- running -----------------------------------------------------------------------


@dataclass
class Record:
    """One question asked of one system."""

    collection: str
    system: str
    half: str
    question: dict[str, Any]
    scored: Scored
    answer: Any
    not_verbatim: list[str] = field(default_factory=list)

    def dump(self) -> dict[str, Any]:
        """Everything needed to debug this question, as one JSON object."""
        a = self.answer
        return {
            "collection": self.collection, "system": self.system, "half": self.half,
            "kind": self.question["kind"], "question": self.question["question"],
            "doc": self.question.get("doc"), "expect": self.question.get("expect"),
            "outcome": "counted" if self.scored.counted else "missed", "failure": self.scored.failure,
            "right_release_in_top3_passages": self.scored.retrieved,
            "answered": a.answered, "reason": a.reason, "notes": list(a.notes),
            "quotes": [{"file": file_name(q.citation.path),
                        "date": q.citation.date.isoformat() if q.citation.date else None,
                        "holds": holds(q.text, self.question.get("expect") or []), "text": q.text}
                       for q in a.quotes[:3]],
            "passages": [file_name(h.passage.path) for h in a.passages[:5]],
            "nearby": [file_name(q.citation.path) for q in getattr(a, "nearby", ())[:3]],
            "confidence": getattr(a, "confidence", None),
            "evidence": getattr(a, "evidence", {}),
            "not_verbatim": self.not_verbatim,
        }


@dataclass
class Collection:
    name: str
    corpus: Path
    questions: list[dict[str, Any]]
    halves: list[str]
    documents: int = 0  # releases indexed (set by run)


@dataclass
class Timing:
    index_s: float = 0.0
    answer_s: float = 0.0
    questions: int = 0


def model_slug(model: str) -> str:
    """A folder name for an index built with `model`."""
    tail = re.sub(r"[^A-Za-z0-9]+", "-", Path(model).name).strip("-")[:40] or "model"
    return f"{tail}-{hashlib.sha1(model.encode()).hexdigest()[:8]}"


def run(coll: Collection, system: str, settings: Settings, timing: Timing) -> list[Record]:
    """Index `coll` with `settings` (incrementally) and ask all its questions."""
    engine = Engine(settings)
    try:
        started = time.perf_counter()
        engine.index()
        timing.index_s += time.perf_counter() - started
        coll.documents = engine.status().documents
        texts: dict[str, str] = {}

        def text_of(path: str) -> str:
            if path not in texts:
                texts[path] = release_text(Path(path))
            return texts[path]

        records = []
        started = time.perf_counter()
        for q, half in zip(coll.questions, coll.halves):
            answer = engine.answer(q["question"])
            records.append(Record(coll.name, system, half, q, score(q, answer), answer, not_verbatim(answer, text_of)))
        timing.answer_s += time.perf_counter() - started
        timing.questions += len(records)
        return records
    finally:
        engine.close()


def find_model(name: str) -> str:
    """"" when model `name` can be had here, else why not (one line). The engine loads it
    itself, as `citebot` does: sentence-transformers to index, its ONNX export for questions."""
    from retrieval.errors import ModelUnavailable
    from retrieval.model_files import resolve_model

    try:
        resolve_model(name, offline=True)
        return ""
    except ModelUnavailable as e:
        return str(e)


# -- tables ------------------------------------------------------------------------


def frac(hits: int, n: int) -> str:
    return f"{hits}/{n} ({100 * hits / n:.0f}%)" if n else "-"


def kind_table(records: Sequence[Record], systems: Sequence[str], cols: Sequence[str]) -> str:
    """Rows: kinds and the answerable total; columns: system x half."""
    def cell(rows: list[Record]) -> str:
        return frac(sum(r.scored.counted for r in rows), len(rows))

    def pick(system: str, half: str, kinds: Iterable[str]) -> list[Record]:
        return [r for r in records if r.system == system and (half == "all" or r.half == half)
                and r.question["kind"] in kinds]

    present = [k for k in KINDS if any(r.question["kind"] == k for r in records)]
    rows = [[k] + [cell(pick(s, h, [k])) for s in systems for h in cols] for k in present if k != "decline"]
    rows.append(["**answerable**"] + [cell(pick(s, h, [k for k in KINDS if k != "decline"]))
                                      for s in systems for h in cols])
    if "decline" in present:
        rows.append(["decline"] + [cell(pick(s, h, ["decline"])) for s in systems for h in cols])
    return table(["kind"] + [f"{s} {h}" if h != "all" else s for s in systems for h in cols], rows)


def diagnosis_table(records: Sequence[Record], systems: Sequence[str], cols: Sequence[str]) -> str:
    """Per system and half: decline precision/recall, the failure classes, retrieval, fidelity."""
    rows = []
    for s in systems:
        for h in cols:
            mine = [r for r in records if r.system == s and (h == "all" or r.half == h)]
            if not mine:
                continue
            ans = [r for r in mine if r.question["kind"] != "decline"]
            dec = [r for r in mine if r.question["kind"] == "decline"]
            declined = [r for r in mine if not r.answer.answered]
            right = sum(r.question["kind"] == "decline" for r in declined)
            missed = [r for r in ans if not r.scored.counted]
            rows.append([s, h, frac(right, len(declined)), frac(right, len(dec)), len(ans),
                         sum(r.scored.counted for r in ans),
                         *(sum(r.scored.failure == f for r in ans) for f in FAILURES),
                         frac(sum(bool(r.scored.retrieved) for r in ans), len(ans)),
                         sum(bool(r.scored.retrieved) for r in missed),
                         sum(len(r.not_verbatim) for r in mine)])
    return table(["system", "half", "decline precision", "decline recall", "answerable", "counted",
                  *FAILURES, "right release in top-3 passages", "missed with it in top 3",
                  "quotes not verbatim"], rows)


def render(coll: Collection, records: Sequence[Record], systems: Sequence[str]) -> str:
    cols = ["all"] if coll.name == "seeds" else [h for h in HALVES if any(r.half == h for r in records)]
    quotes = sum(len(r.answer.quotes) for r in records)
    bad = sum(len(r.not_verbatim) for r in records)
    split = "all; no split" if cols == ["all"] else " and ".join(cols) + (" halves" if len(cols) > 1 else " half")
    title = f"**{coll.name}**: {coll.documents} releases, {len({id(r.question) for r in records})} questions ({split})"
    return (f"{title}\n\n{kind_table(records, systems, cols)}\n\n{diagnosis_table(records, systems, cols)}\n\n"
            f"Fidelity: {bad} of {quotes} quotes not verbatim.")


# -- recording ----------------------------------------------------------------------

CHANGES_HEADING = "### Development collection (`bench/collection.py --record`)"
CHANGES_COLUMNS = ["date", "change", "lexical dev tune", "lexical dev test", "lexical seeds",
                   "hybrid dev tune", "hybrid dev test", "hybrid seeds"]


def summary_cell(records: Sequence[Record], collection: str, system: str, half: str) -> str:
    """"answerable % · declines declined/decline questions" for one slice ("-" when not run)."""
    mine = [r for r in records if r.collection == collection and r.system == system
            and (half == "all" or r.half == half)]
    ans = [r for r in mine if r.question["kind"] != "decline"]
    dec = [r for r in mine if r.question["kind"] == "decline"]
    if not ans:
        return "-"
    pct = 100 * sum(r.scored.counted for r in ans) / len(ans)
    return f"{pct:.1f}% · {sum(r.scored.counted for r in dec)}/{len(dec)}"


def record_change(text: str, records: Sequence[Record], path: Path = RESULTS) -> str:
    """Append one row to the development-collection table in RESULTS.md's changes section.

    The table (and the section) is created when absent; nothing else in the file changes.

    Returns:
        The row written.
    """
    cells = [dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"), " ".join(text.split()).replace("|", "\\|")]
    for system in ("lexical", "hybrid"):
        cells += [summary_cell(records, "dev", system, "tune"), summary_cell(records, "dev", system, "test"),
                  summary_cell(records, "seeds", system, "all")]
    row = "| " + " | ".join(cells) + " |"
    start, end = "<!-- changes:start -->", "<!-- changes:end -->"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if start not in old or end not in old:
        write_section("changes", "## Changes", path)
        old = path.read_text(encoding="utf-8")
    head, rest = old.split(start, 1)
    body, tail = rest.split(end, 1)
    if CHANGES_HEADING not in body:
        body = (body.rstrip() + f"\n\n{CHANGES_HEADING}\n\nEach cell: answerable questions counted, % · decline "
                "questions declined / decline questions. Dev halves as split in the script; seeds: all.\n\n"
                + table(CHANGES_COLUMNS, []) + "\n")
    lines = body.split("\n")
    at = lines.index(CHANGES_HEADING)
    while at < len(lines) and not lines[at].startswith("|"):
        at += 1
    while at < len(lines) and lines[at].startswith("|"):
        at += 1
    lines.insert(at, row)
    new = head + start + "\n".join(lines).rstrip("\n") + "\n" + end + tail
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)
    return row


# -- main ----------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="lexical-only, and RESULTS.md is not written")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, metavar="DIR",
                        help=f"the development collection (default {os.path.relpath(DEFAULT_DEV, Path.cwd())})")
    parser.add_argument("--seeds", type=Path, default=SEED_CORPUS, metavar="DIR",
                        help="the seed releases the seed questions are about (default corpus/)")
    parser.add_argument("--model", default=DEFAULT_MODEL, metavar="NAME|DIR",
                        help=f"the hybrid system's model (default {DEFAULT_MODEL})")
    parser.add_argument("--index-dir", type=Path, metavar="DIR",
                        help="keep the indexes here and reuse them (default: a temporary folder)")
    parser.add_argument("--only", choices=KINDS, help="ask only the questions of this kind")
    parser.add_argument("--half", choices=HALVES, help="ask only this half of the dev questions (seeds: all)")
    parser.add_argument("--dump", type=Path, metavar="FILE", help="write one JSON line per question and system")
    parser.add_argument("--record", metavar="TEXT",
                        help="also append a row to the changes table in RESULTS.md (full runs only)")
    parser.add_argument("--write", action=argparse.BooleanOptionalAction, default=None,
                        help="write the section into RESULTS.md (default: yes, except with --quick, --only or --half)")
    args = parser.parse_args(argv)
    if args.record is not None and (args.quick or args.only or args.half):
        parser.error("--record needs a full run (no --quick, --only or --half)")
    return args


def subset(coll: Collection, only: str | None, half: str | None) -> Collection:
    keep = [i for i, q in enumerate(coll.questions)
            if (only is None or q["kind"] == only) and (half is None or coll.name == "seeds" or coll.halves[i] == half)]
    return Collection(coll.name, coll.corpus, [coll.questions[i] for i in keep], [coll.halves[i] for i in keep])


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    dev_questions = args.dev / "questions.jsonl"
    if not dev_questions.is_file() or not (args.dev / "releases").is_dir():
        print(f"no development collection at {args.dev} (it must hold questions.jsonl and releases/; "
              f"put it at {DEFAULT_DEV} or pass --dev DIR): nothing measured")
        return 0
    try:
        dev_qs = read_questions(dev_questions)
        seed_qs = read_questions(SEEDS)
    except (BadQuestions, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    write = args.write if args.write is not None else not (args.quick or args.only or args.half)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="citebot-collection-") as tmpdir:
        where = args.index_dir or Path(tmpdir)
        seeds_corpus = where / "seeds-corpus"
        shutil.rmtree(seeds_corpus, ignore_errors=True)
        shutil.copytree(args.seeds, seeds_corpus)  # copy2: times kept, so a kept index stays current
        collections = [subset(Collection("dev", args.dev / "releases", dev_qs, halves(dev_qs)), args.only, args.half),
                       subset(Collection("seeds", seeds_corpus, seed_qs, ["all"] * len(seed_qs)), args.only, None)]
        systems: list[tuple[str, str]] = [("lexical", "none")]
        model_note = "hybrid: not run (--quick)"
        if not args.quick:
            why = find_model(args.model)
            if why:
                print(f"model {args.model} cannot be loaded ({why}): running lexical-only alone", flush=True)
                model_note = f"hybrid: not run, model {args.model} could not be loaded"
            else:
                systems.append(("hybrid", args.model))
                model_note = f"hybrid: model {args.model}"
        records: list[Record] = []
        timings: dict[str, Timing] = {}
        for system, model in systems:
            timing = timings.setdefault(system, Timing())
            for coll in collections:
                if not coll.questions:
                    continue
                folder = where / f"{coll.name}-{'lexical' if model == 'none' else model_slug(model)}"
                settings = Settings(corpus=(coll.corpus,), index_dir=folder, model=model)
                records += run(coll, system, settings, timing)
    took = time.perf_counter() - started
    names = [s for s, _ in systems]
    sections = [render(c, [r for r in records if r.collection == c.name], names) for c in collections if c.questions]
    speed = "; ".join(f"{s}: indexes built/updated in {t.index_s:.1f} s, {t.questions} questions answered in "
                      f"{t.answer_s:.1f} s" for s, t in timings.items())
    notes = (f"Systems: lexical: model \"none\"; {model_note}; otherwise default settings. {speed}. "
             "Counted: fact, paraphrase: one of the first three quotes is from the right release and holds an "
             "expected phrase; org, dated, broad: that, or the first quote is from the right release; decline: "
             "declined. Decline precision: of the questions declined, the share meant to be; recall: of the "
             "decline questions, the share declined. Failure classes (answerable): declined; wrong release (no quote "
             "from it among the first three); wrong sentence (it is there, without a phrase). \"right release in "
             "top-3 passages\" is the ranking alone; \"missed with it in top 3\" are misses that quoting or the "
             "decision to answer lost. Dev halves: within each kind, in file order, odd-numbered questions are "
             "tune, even-numbered test.")
    text = header("Development collection: quoting the right release, declining the rest", took) + "\n" \
        + "\n\n".join(sections) + "\n\n" + notes + "\n"
    print(text)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r.dump(), ensure_ascii=False) + "\n")
        print(f"{len(records)} records written to {args.dump}", file=sys.stderr)
    if write:
        write_section("collection", text)
        print("written to bench/RESULTS.md", file=sys.stderr)
    if args.record is not None:
        print("changes row: " + record_change(args.record, records), file=sys.stderr)
    print(f"took {took:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
