"""One calibrated decision: does the corpus cover the question?

A logistic model over the evidence (evidence.py) gives the probability that
the leading release answers the question; the corpus is said to cover it
when that probability reaches the model's threshold. The weights are fitted
on the tune half of the development collection by `bench/fit_decision.py`
(which writes decision.json beside this file) for two cases: with a model
(dense similarities among the evidence) and lexical-only (without them).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .answertype import GIVEN_KINDS
from .evidence import Evidence

WEIGHTS_FILE = Path(__file__).with_name("decision.json")

# The evidence each case weighs: lexical-only has no similarities to weigh.
FEATURES = {
    "hybrid": ("coverage", "release_coverage", "about", "names", "figures", "dense", "sentence", "margin", "agree",
               "answer_type"),
    "lexical": ("coverage", "release_coverage", "about", "names", "figures", "answer_type"),
}


# When one of the best sentences gives the kind of answer asked for plainly (answertype.GIVEN_KINDS),
# a question reworded far from the release's words ("How many teachers quit the job …?": "1,047
# teachers left the profession") is answered on evidence this much below the threshold.
GIVEN_MARGIN = 0.15
# A yes-or-no question a survey's or a ballot's share answers, speaking of its topic ("Are kids
# waiting longer to see a psychologist?": "71 per cent said waiting times for an educational
# psychologist had increased", evidence.gives_share_on_topic), is answered this much below it.
# (On the check collections 0.15 to 0.35 lost no decline; 0.25 gained one more paraphrase than 0.15.)
SHARE_MARGIN = 0.25


@dataclass(frozen=True)
class Model:
    """A fitted logistic model: weights per feature, bias, threshold on the probability."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, evidence: Evidence) -> float:
        z = self.bias + sum(w * getattr(evidence, name) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


@dataclass(frozen=True)
class Decision:
    """The verdict: answer or not, how sure, and why not in words."""

    answer: bool
    probability: float
    reason: str = ""


@lru_cache(maxsize=4)
def load_models(path: Path = WEIGHTS_FILE) -> dict[str, Model]:
    """The fitted models by case ("hybrid", "lexical")."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {case: Model(dict(m["weights"]), float(m["bias"]), float(m["threshold"]))
            for case, m in data["models"].items()}


def decide(evidence: Evidence, *, dense: bool, expects: str | None = None,
           models: dict[str, Model] | None = None) -> Decision:
    """Whether the evidence is enough to answer.

    A question asking for a figure ("how many", "what was the turnout") is
    not answered from passages that give none, whatever else they hold: the
    figure is the answer. Nor is a question naming figures ("the 2026-27
    draft budget", "£12m") answered from a dated release that gives none of
    them, nor one counting something the releases found never qualify ("How many teachers
    were assaulted?" of a workload survey), nor one naming something rare in the corpus (a town, a school, a
    person) from releases that never name it: they are about something else.
    A question asking where is not answered from a dated release that names
    no place but those named everywhere ("in Wales"); one asking who held a
    role, from one naming nobody beside it; "What did X say about Y?", from releases
    holding no word of Y; "Did X go ahead with Y in the end?", from sentences reporting no
    outcome (outcome.py); "Were X or Y more likely …?", from sentences never naming both
    (comparison.py); "What did the draft budget for 2023-24 provide?", from releases never
    naming that year's budget (year_named.py); "When will X happen?", from sentences giving no
    date it will (only when someone wants it); "What did Kirsty Williams say …?", from a release
    not naming her. Otherwise the probability decides, against a
    lower bar when the best sentences give the kind of answer asked for (GIVEN_MARGIN), or a
    survey's share answering yes or no (SHARE_MARGIN).

    Args:
        evidence: The measurements.
        dense: Whether a model's similarities are part of it (else lexical-only).
        expects: The kind of answer the question asks for (answertype.expected_type).
        models: The fitted models (default: decision.json).

    Returns:
        The decision, with a reason when it is not to answer.
    """
    model = (models or load_models())["hybrid" if dense else "lexical"]
    p = model.probability(evidence)
    if expects == "number" and not evidence.answer_type:
        return Decision(False, p, "the best passages do not give the figure asked for")
    if evidence.count_unqualified:
        return Decision(False, p, "the best release does not give a figure of what is asked about")
    if evidence.figure_missing:
        return Decision(False, p, "the best release does not give a figure the question asks about")
    if evidence.place_missing:
        return Decision(False, p, "the releases found do not say where")
    if evidence.holder_missing:
        return Decision(False, p, "the releases found do not say who held that role")
    if evidence.subject_missing:
        return Decision(False, p, "the releases found say nothing about what the question asks about")
    if evidence.outcome_unreported:
        return Decision(False, p, "the releases found do not report how it turned out")
    if evidence.groups_uncompared:
        return Decision(False, p, "the releases found do not compare those groups")
    if evidence.year_unnamed:
        return Decision(False, p, "none of the releases found names it for the year the question asks about")
    if evidence.when_unsaid:
        return Decision(False, p, "the releases found do not say when it will be")
    if evidence.person_unnamed:
        return Decision(False, p, "none of the releases found names the speaker the question asks about on that")
    if evidence.rare_name_missing:
        return Decision(False, p, "none of the releases found mentions a name the question asks about")
    if p >= model.threshold or expects in GIVEN_KINDS and evidence.given and p >= model.threshold - GIVEN_MARGIN \
            or expects is None and evidence.given and p >= model.threshold - SHARE_MARGIN:
        return Decision(True, p)
    return Decision(False, p, why_not(evidence))


def why_not(e: Evidence) -> str:
    """The weakest part of the evidence, in words."""
    if e.figures < 0.5:
        return "the best release does not give a figure the question asks about"
    if e.names < 0.5:
        return "the best release does not mention a name the question asks about"
    if e.answer_type < 1.0 and e.coverage >= 0.5:
        return "the best passages do not give the kind of answer asked for"
    return f"the best passage covers {e.coverage:.0%} of the question's topic words"
