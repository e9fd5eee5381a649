"""Answering by quoting, on SQuAD v1.1 dev: does the first quote hold the answer?

Every one of the 2,067 paragraphs is indexed as a document (title: the
article's title), and each of the 10,570 questions is asked. Measured, for
citebot (`Engine.answer`, lexical-only) and for a bm25s paragraph baseline:

- paragraph Recall@1 and @5: the question's own paragraph is the best
  document, or among the best five (citebot: `Engine.search`);
- quote hit rate: the share of questions whose first quote contains a gold
  answer (case and whitespace ignored). citebot's first quote is
  `answer.quotes[0]` (at most two sentences of one passage, pieces joined by
  " … "); "any quote" counts all its quotes. A declined question is a miss.
  citebot is also run with max_quotes=1, so that its one quote is the single
  best sentence: the like-for-like comparison with the baseline's sentence;
- the baseline quotes one sentence of bm25s's top paragraph: the one sharing
  the most distinct stemmed, stopword-free tokens with the question (the
  bm25s tokenizer; ties to the earlier sentence), and, as a floor, simply its
  first sentence. Sentences are split with retrieval.sentences.sentence_spans
  for both systems.

bm25s: method "lucene", k1=1.2, b=0.75, PyStemmer English, stopwords "en",
one thread, documents as title + paragraph.

With a model (--model, default the packaged all-MiniLM-L6-v2; "none" leaves
it out): a second index of the same paragraphs built with it, and citebot
hybrid as shipped (questions encoded with the ONNX export) beside citebot
lexical-only on the same questions: --model-limit of them (default 2,000),
evenly spaced through the file as --limit picks them, since a hybrid answer
encodes the question and the sentences it weighs (all 10,570 would take a
quarter of an hour here).

Run:  .venv/bin/python bench/squad.py [--quick | --limit N] [--model NAME] [--model-limit N] [--data DIR]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import base_parser, finish, require_data, table

from retrieval import Engine, Settings
from retrieval.evaluate import contains_phrase, quoted_sentences
from retrieval.sentences import normalise_space, sentence_spans
from retrieval.settings import DEFAULT_MODEL


@dataclass
class Question:
    qid: str
    text: str
    answers: tuple[str, ...]
    doc: str


def rate(per_second: float) -> str:
    """Questions per second: whole above 10, else with a decimal (a hybrid answer takes most of a second here)."""
    return f"{per_second:,.0f}" if per_second >= 10 else f"{per_second:.1f}"


@dataclass
class Tally:
    """Counts for one system."""

    system: str
    r1: int = 0
    r5: int = 0
    first_quote: int = 0
    any_quote: int = 0
    declined: int = 0
    words: int = 0
    seconds: float = 0.0
    n: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def cells(self, has_any: bool) -> list[str]:
        def pct(x: int) -> str:
            return f"{100 * x / self.n:.1f}%" if self.n else "-"
        return [self.system, pct(self.r1), pct(self.r5), f"**{pct(self.first_quote)}**",
                pct(self.any_quote) if has_any else "-", f"{self.words / self.n:.1f}" if self.n else "-",
                pct(self.declined) if has_any else "-", rate(self.n / self.seconds) if self.seconds else "-"]


def load_squad(data: Path) -> tuple[list[tuple[str, str, str]], list[Question]]:
    """(doc id, title, paragraph) of every paragraph, and the questions with their paragraph's id."""
    raw = json.loads((data / "squad-v1.1-dev" / "dev-v1.1.json").read_text(encoding="utf-8"))
    docs, questions = [], []
    for a, article in enumerate(raw["data"]):
        title = article["title"].replace("_", " ")
        for p, para in enumerate(article["paragraphs"]):
            doc_id = f"{a}-{p}"
            docs.append((doc_id, title, para["context"]))
            for qa in para["qas"]:
                answers = tuple(dict.fromkeys(x["text"] for x in qa["answers"]))
                questions.append(Question(qa["id"], qa["question"], answers, doc_id))
    return docs, questions


def sample(questions: list[Question], limit: int | None) -> list[Question]:
    """Every question, or `limit` of them spread evenly over the file (all articles represented)."""
    if not limit or limit >= len(questions):
        return questions
    step = len(questions) / limit
    return [questions[int(i * step)] for i in range(limit)]


def build_citebot(docs: list[tuple[str, str, str]], tmp: Path, model: str = "none") -> tuple[Settings, float]:
    """Index the paragraphs in `tmp` (lexical-only, or with `model`); the settings to open it with, and the seconds.

    Raises:
        SystemExit: The model could not be loaded (the index was built without vectors).
    """
    corpus = tmp / "squad.jsonl"
    if not corpus.exists():
        corpus.write_text("".join(json.dumps({"_id": i, "title": t, "text": x}) + "\n" for i, t, x in docs),
                          encoding="utf-8")
    settings = Settings(corpus=(corpus,), index_dir=tmp / f"citebot-{abs(hash(model))}", model=model)
    engine = Engine(settings)
    started = time.perf_counter()
    engine.index()
    seconds = time.perf_counter() - started
    if not settings.lexical_only and engine.current().vectors is None:
        raise SystemExit(f"the index was built without vectors: model {model} could not be loaded")
    engine.close()
    return settings, seconds


def run_citebot(settings: Settings, questions: list[Question], name: str) -> Tally:
    engine = Engine(settings)
    engine.current()
    for q in questions[:20]:  # warm-up
        engine.answer(q.text)
    tally = Tally(name)
    started = time.perf_counter()
    for q in questions:
        ranked = [doc for doc, _ in engine.search(q.text, k=5)]
        answer = engine.answer(q.text)
        tally.n += 1
        tally.r1 += bool(ranked) and ranked[0] == q.doc
        tally.r5 += q.doc in ranked
        if not answer.quotes:
            tally.declined += 1
            tally.misses.append((q.text, q.answers[0], "(declined: " + answer.reason + ")"))
            continue
        first = answer.quotes[0]
        pieces = quoted_sentences(first.text)
        tally.words += len(first.text.split())
        hit = any(contains_phrase(p, q.answers) for p in pieces)
        tally.first_quote += hit
        tally.any_quote += any(contains_phrase(p, q.answers) for quote in answer.quotes
                               for p in quoted_sentences(quote.text))
        if not hit and len(tally.misses) < 400:
            tally.misses.append((q.text, q.answers[0], first.text))
    tally.seconds = time.perf_counter() - started
    engine.close()
    return tally


def run_baseline(docs: list[tuple[str, str, str]], questions: list[Question]) -> tuple[Tally, Tally]:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")

    def tokens(texts: list[str]) -> list[list[str]]:
        return bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False)

    retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
    retriever.index(bm25s.tokenize([f"{t} {x}" for _, t, x in docs], stopwords="en", stemmer=stemmer,
                                   show_progress=False), show_progress=False)
    best, lead = Tally("bm25s + best-overlap sentence"), Tally("bm25s + first sentence")
    started = time.perf_counter()
    found, _ = retriever.retrieve(bm25s.tokenize([q.text for q in questions], stopwords="en", stemmer=stemmer,
                                                 show_progress=False), k=5, show_progress=False, n_threads=1)
    for q, row in zip(questions, found):
        ranked = [docs[i][0] for i in row]
        text = docs[row[0]][2]
        sentences = [normalise_space(text[s:e]) for s, e in sentence_spans(text)]
        wanted = set(tokens([q.text])[0])
        overlaps = [len(wanted & set(toks)) for toks in tokens(sentences)]
        chosen = sentences[max(range(len(sentences)), key=lambda i: (overlaps[i], -i))]
        for tally, quote in ((best, chosen), (lead, sentences[0])):
            tally.n += 1
            tally.r1 += ranked[0] == q.doc
            tally.r5 += q.doc in ranked
            hit = contains_phrase(quote, q.answers)
            tally.first_quote += hit
            tally.words += len(quote.split())
    best.seconds = lead.seconds = time.perf_counter() - started
    return best, lead


def main() -> int:
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="ask only N questions, spread over the file (--quick: 500)")
    parser.add_argument("--lexical", default="memory", help="citebot's BM25 backend: memory (default) or fts5")
    parser.add_argument("--model", default=DEFAULT_MODEL,
                        help=f"model of the hybrid row (default {DEFAULT_MODEL}; none: lexical only)")
    parser.add_argument("--model-limit", type=int, default=2000,
                        help="questions asked of the hybrid row and its lexical twin (default 2,000; --quick: 100)")
    parser.add_argument("--misses", type=Path, metavar="FILE",
                        help="write citebot's first 400 misses (question, gold answer, first quote) as JSONL")
    args = parser.parse_args()
    require_data(args.data, "squad-v1.1-dev/dev-v1.1.json")
    limit = args.limit or (500 if args.quick else None)
    started = time.perf_counter()
    docs, questions = load_squad(args.data)
    asked = sample(questions, limit)
    with_model = args.model.strip().lower() not in ("", "none")
    subset = sample(questions, min(args.model_limit, 100) if args.quick else args.model_limit)
    model_rows: list[Tally] = []
    with tempfile.TemporaryDirectory(prefix="citebot-squad-") as tmpdir:
        settings = build_citebot(docs, Path(tmpdir))[0].with_(lexical=args.lexical)
        cite = run_citebot(settings, asked, f"citebot ({args.lexical})")
        one = run_citebot(settings.with_(max_quotes=1), asked, "citebot, one sentence (max_quotes=1)")
        if with_model:
            hybrid, build_s = build_citebot(docs, Path(tmpdir), args.model)
            print(f"model index built in {build_s:.0f} s", file=sys.stderr, flush=True)
            model_rows = [run_citebot(settings, subset, f"citebot ({args.lexical}), lexical-only"),
                          run_citebot(hybrid.with_(lexical=args.lexical), subset,
                                      f"citebot ({args.lexical}), hybrid: {args.model}")]
    best, lead = run_baseline(docs, asked)
    scope = f"all {len(asked):,} questions" if len(asked) == len(questions) else \
        f"a sample of {len(asked):,} of the {len(questions):,} questions, evenly spaced through the file"
    headers = ["system", "paragraph R@1", "paragraph R@5", "quote hit (first quote)", "any quote",
               "words in first quote", "declined", "q/s"]
    text = (f"{len(docs):,} paragraphs indexed as documents; {scope}.\n\n"
            + table(headers, [cite.cells(True), one.cells(True), best.cells(False), lead.cells(False)]))
    if model_rows:
        text += (f"\n\n**With the model**, on {len(subset):,} of the {len(questions):,} questions (evenly spaced "
                 f"through the file), both in this run; the model index took {build_s:.0f} s to build (loading the "
                 "model, embedding every paragraph and the corpus's words, the ONNX export).\n\n"
                 + table(headers, [t.cells(True) for t in model_rows]))
    text += ("\n\nquote hit: the first quote contains a gold answer (case, whitespace and curly quotes ignored). "
             "citebot's first quote may hold two sentences of one passage, hence the word count; with max_quotes=1 "
             "it is citebot's single best sentence, the like-for-like comparison with the baseline. q/s: citebot's "
             "`search` (for R@k) plus `answer` per question, one at a time; the baseline retrieves the batch and "
             "picks sentences, one thread.")
    if args.misses:
        args.misses.write_text("".join(json.dumps({"question": q, "answer": a, "first_quote": f},
                                                  ensure_ascii=False) + "\n" for q, a, f in cite.misses),
                               encoding="utf-8")
    finish(args, "squad", "Answering by quoting: SQuAD v1.1 dev", text, started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
