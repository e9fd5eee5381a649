"""Tune how quotes are chosen, on the development collection's tune half.

A grid over quoting's SIMILARITY_WEIGHT (how much a sentence's score is its
similarity to the question, with the model) and ANSWER_TYPE_BONUS (the extra
weight of a sentence holding the kind of answer asked for), asked of the
hybrid system; the test half is never read. Prints answerable questions
counted per setting; the shipped constants are set by hand from it.

    .venv/bin/python bench/tune_quoting.py [--index-dir DIR]
"""

from __future__ import annotations

import sys
import tempfile
from itertools import product
from pathlib import Path
from typing import Sequence

from collection import Collection, Timing, model_slug, run, tune_half, tune_parser
from common import table

from retrieval import Settings, quoting

WEIGHTS = (0.3, 0.5, 0.7)
BONUSES = (0.3, 0.6, 1.0)


def main(argv: Sequence[str] | None = None) -> int:
    args = tune_parser(__doc__.splitlines()[0]).parse_args(argv)
    tune = tune_half(args.dev)
    if tune is None:
        return 0
    tune = [q for q in tune if not q.get("decline")]
    coll = Collection("dev", args.dev / "releases", tune, ["tune"] * len(tune))
    rows = []
    with tempfile.TemporaryDirectory(prefix="citebot-tune-quoting-") as tmp:
        folder = (args.index_dir or Path(tmp)) / f"dev-{model_slug(args.model)}"
        settings = Settings(corpus=(coll.corpus,), index_dir=folder, model=args.model)
        for weight, bonus in product(WEIGHTS, BONUSES):
            quoting.SIMILARITY_WEIGHT, quoting.ANSWER_TYPE_BONUS = weight, bonus
            records = run(coll, "hybrid", settings, Timing())
            counted = sum(r.scored.counted for r in records)
            wrong_sentence = sum(r.scored.failure == "wrong sentence" for r in records)
            rows.append([f"{weight:.1f}", f"{bonus:.1f}", f"{counted}/{len(records)}", str(wrong_sentence)])
            print(*rows[-1], flush=True)
    print(table(["similarity weight", "answer-type bonus", "answerable counted (tune)", "wrong sentence"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
