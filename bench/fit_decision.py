"""Fit the decision to answer (retrieval/decide.py) on the dev collection's tune half.

Asks every tune-half question of the development collection (bench/collection.py's
split), and the generic questions of bench/decline_controls.jsonl (plainly not
covered: "What is the capital of France?", "Which school has the best rugby
team?"; the dev declines all share words with the releases, so without these
the fit never sees a question the corpus is silent on), lexical-only and with
the model, and records the evidence each answer rests on (retrieval/evidence.py). A question counts as "should answer" when it
is answerable and the leading release is the right one, "should decline" when
it is a decline question; answerable questions whose leading release is wrong
teach nothing either way and are left out. A logistic model (L2-regularised,
fitted by Newton's method; the ridge strength chosen by 10-fold cross-validation
on the same examples) is fitted per case, and its threshold set where the
most tune questions come out right. The result is written to
retrieval/decision.json; the test half is never read.

    .venv/bin/python bench/fit_decision.py [--index-dir DIR] [--dry-run] [--lexical-only] [--extra DIR ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from collection import Collection, Timing, file_name, model_slug, read_questions, run, tune_half, tune_parser
from common import REPO

from retrieval import Settings
from retrieval.answertype import expected_type
from retrieval.decide import FEATURES, WEIGHTS_FILE

CONTROLS = Path(__file__).with_name("decline_controls.jsonl")
# Ridge strengths on the weights (not the bias) tried; the one that gets the most examples
# right across FOLDS folds of the tune examples is fitted on them all.
L2_GRID = (0.1, 0.5, 2.0, 5.0, 20.0)
FOLDS = 10


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression (Newton's method)."""
    n, d = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 1e-6
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-a @ w))
        grad = a.T @ (p - y) + reg * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def probabilities(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """The fitted model's probability of "answer" for each row of `x`."""
    return 1.0 / (1.0 + np.exp(-(x @ w + b)))


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, int]:
    """The threshold on probabilities that gets the most examples right (middle of the best run)."""
    cuts = np.unique(np.concatenate([[0.0, 1.0], p]))
    mids = (cuts[:-1] + cuts[1:]) / 2
    right = np.array([int(((p >= t) == (y == 1)).sum()) for t in mids])
    best = right.max()
    winners = mids[right == best]
    return float(np.median(winners)), int(best)


def cross_validated(x: np.ndarray, y: np.ndarray, l2: float, folds: int = FOLDS) -> int:
    """Examples right when each fold is decided by a model (and threshold) fitted on the others;
    fold i holds every folds-th example from i, so each fold mixes questions of every kind."""
    right = 0
    for i in range(folds):
        held = np.arange(len(y)) % folds == i
        w, b = fit_logistic(x[~held], y[~held], l2)
        threshold, _ = best_threshold(probabilities(x[~held], w, b), y[~held])
        right += int(((probabilities(x[held], w, b) >= threshold) == (y[held] == 1)).sum())
    return right


def choose_l2(x: np.ndarray, y: np.ndarray) -> tuple[float, dict[float, int]]:
    """The ridge strength of L2_GRID that cross-validates best (the strongest among ties)."""
    scores = {l2: cross_validated(x, y, l2) for l2 in L2_GRID}
    best = max(scores.values())
    return max(l2 for l2, n in scores.items() if n == best), scores


def examples(records: Sequence[Any], features: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels from answered records (see the module docstring)."""
    rows, labels = [], []
    for r in records:
        q, a = r.question, r.answer
        if not a.evidence or not a.evidence.get("topic"):
            continue  # broad or topic-less questions are not decided by the model
        if expected_type(q["question"]) == "number" and not a.evidence.get("answer_type"):
            continue  # declined before the model is asked (decide.py)
        if q["kind"] == "decline":
            label = 0
        elif a.passages and file_name(a.passages[0].passage.path) == q["doc"]:
            label = 1
        else:
            continue
        rows.append([a.evidence[f] for f in features])
        labels.append(label)
    return np.array(rows, dtype=float), np.array(labels, dtype=float)


def main(argv: Sequence[str] | None = None) -> int:
    parser = tune_parser(__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the fit, do not write decision.json")
    parser.add_argument("--lexical-only", action="store_true", help="fit the lexical case alone (implies --dry-run)")
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="DIR",
                        help="another collection (releases/ and questions.jsonl, as the dev one) whose questions "
                             "all join the fit; repeatable")
    args = parser.parse_args(argv)
    tune = tune_half(args.dev)
    if tune is None:
        return 0
    tune += read_questions(CONTROLS)
    colls = [Collection("dev", args.dev / "releases", tune, ["tune"] * len(tune))]
    for n, extra in enumerate(args.extra, start=1):
        qs = read_questions(extra / "questions.jsonl")
        colls.append(Collection(f"extra{n}", extra / "releases", qs, ["tune"] * len(qs)))
    models: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="citebot-fit-") as tmp:
        where = args.index_dir or Path(tmp)
        cases = [("lexical", "none")] + ([] if args.lexical_only else [("hybrid", args.model)])
        for case, model in cases:
            records = []
            for coll in colls:
                folder = where / f"{coll.name}-{'lexical' if model == 'none' else model_slug(model)}"
                records += run(coll, case, Settings(corpus=(coll.corpus,), index_dir=folder, model=model), Timing())
            names = FEATURES[case]
            x, y = examples(records, names)
            l2, cv = choose_l2(x, y)
            w, b = fit_logistic(x, y, l2)
            p = probabilities(x, w, b)
            threshold, right = best_threshold(p, y)
            models[case] = {"weights": {n: round(float(v), 4) for n, v in zip(names, w)}, "bias": round(b, 4),
                            "threshold": round(threshold, 4)}
            print(f"{case}: {len(y)} tune examples ({int(y.sum())} answer, {int(len(y) - y.sum())} decline), "
                  f"{right} right at threshold {threshold:.3f}; ridge {l2} (right in {FOLDS}-fold cross-validation: "
                  f"{', '.join(f'{k} {v}' for k, v in cv.items())}); weights {models[case]['weights']}, bias {b:.3f}")
    data = {"about": "Fitted by bench/fit_decision.py on the dev collection's tune half; see retrieval/decide.py.",
            "models": models}
    if args.dry_run or args.lexical_only:
        print(json.dumps(data, indent=1))
    else:
        WEIGHTS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
