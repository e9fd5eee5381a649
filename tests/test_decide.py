"""The decision to answer: one logistic model over the evidence, and the words
near a question's in meaning (neighbours) that let a paraphrase be covered."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

from retrieval import Engine, Settings
from retrieval.decide import FEATURES, GIVEN_MARGIN, Model, decide, load_models, why_not
from retrieval.evidence import Evidence
from retrieval.neighbours import Neighbours, expand, vocabulary
from retrieval.question import parse_question

from .conftest import REPO
from .fakes import FakeEncoder

sys.path.insert(0, str(REPO / "bench"))
from fit_decision import L2_GRID, best_threshold, choose_l2, cross_validated, fit_logistic  # noqa: E402

STRONG = Evidence(coverage=1.0, release_coverage=1.0, about=1.0, names=1.0, figures=1.0, dense=0.8, sentence=0.8,
                  margin=0.3, agree=1.0, answer_type=1.0, topic=1.0)


def test_the_shipped_weights_cover_every_feature_of_each_case() -> None:
    models = load_models()
    assert set(models) == {"hybrid", "lexical"}
    for case, model in models.items():
        assert tuple(model.weights) == FEATURES[case]
        assert 0.0 < model.threshold < 1.0
    data = json.loads((REPO / "retrieval" / "decision.json").read_text())
    assert "tune half" in data["about"]


@pytest.mark.parametrize("dense", [True, False])
def test_full_evidence_answers_and_none_declines(dense: bool) -> None:
    assert decide(STRONG, dense=dense).answer
    nothing = replace(STRONG, coverage=0.0, release_coverage=0.0, about=0.0, dense=0.0, sentence=0.0, margin=0.0,
                      agree=0.0)
    verdict = decide(nothing, dense=dense)
    assert not verdict.answer and verdict.reason == "the best passage covers 0% of the question's topic words"


@pytest.mark.parametrize("feature", ["coverage", "release_coverage", "about"])
def test_more_of_the_topic_never_lowers_the_probability(feature: str) -> None:
    for case in ("hybrid", "lexical"):
        model = load_models()[case]
        probabilities = [model.probability(replace(STRONG, **{feature: x / 10})) for x in range(11)]
        assert probabilities == sorted(probabilities)


@pytest.mark.parametrize("dense", [True, False])
def test_a_rare_name_the_release_never_gives_declines_whatever_else_it_holds(dense: bool) -> None:
    verdict = decide(replace(STRONG, rare_name_missing=1.0), dense=dense)
    assert not verdict.answer
    assert verdict.reason == "none of the releases found mentions a name the question asks about"
    assert verdict.probability == decide(STRONG, dense=dense).probability  # the rule, not the weights


def test_the_reason_names_the_weakest_evidence() -> None:
    assert why_not(replace(STRONG, figures=0.0)) == "the best release does not give a figure the question asks about"
    assert why_not(replace(STRONG, names=0.2)) == "the best release does not mention a name the question asks about"
    assert why_not(replace(STRONG, answer_type=0.0)) == "the best passages do not give the kind of answer asked for"


def test_a_model_is_a_threshold_on_a_logistic_probability() -> None:
    model = Model({"coverage": 4.0}, bias=-2.0, threshold=0.5)
    assert model.probability(replace(STRONG, coverage=0.5)) == pytest.approx(0.5)
    assert decide(replace(STRONG, coverage=0.6), dense=False, models={"lexical": model}).answer
    assert not decide(replace(STRONG, coverage=0.4), dense=False, models={"lexical": model}).answer


def test_the_kind_of_answer_asked_for_given_outright_lowers_the_bar() -> None:
    model = Model({"coverage": 4.0}, bias=-2.0, threshold=0.5)
    below = replace(STRONG, coverage=0.4, given=1.0)  # probability 0.40: under 0.5, over 0.5 - 0.15
    assert 0.5 - GIVEN_MARGIN < model.probability(below) < 0.5
    assert decide(below, dense=False, expects="number", models={"lexical": model}).answer
    assert decide(below, dense=False, expects="date", models={"lexical": model}).answer
    # not without the sentence giving it, not for a name (nearly every sentence holds one), nor
    # much further below
    assert not decide(replace(below, given=0.0), dense=False, expects="number", models={"lexical": model}).answer
    assert not decide(below, dense=False, expects="name", models={"lexical": model}).answer
    assert not decide(replace(below, coverage=0.2), dense=False, expects="number", models={"lexical": model}).answer


def test_a_surveys_share_on_the_topic_answering_yes_or_no_lowers_the_bar_further() -> None:
    from retrieval.decide import SHARE_MARGIN
    from retrieval.evidence import gives_share_on_topic
    from retrieval.question import parse_question
    waiting = parse_question("Are kids waiting longer to see a psychologist?")
    assert gives_share_on_topic(waiting, "The survey found that 71 per cent said waiting times for an educational "
                                         "psychologist had increased.")
    assert not gives_share_on_topic(waiting, "The survey found that 83 per cent said funding was insufficient.")
    assert not gives_share_on_topic(waiting, "Waiting times for a psychologist have increased.")  # (no share)
    model = Model({"coverage": 4.0}, bias=-2.0, threshold=0.5)
    below = replace(STRONG, coverage=0.3, given=1.0)  # probability 0.31: over 0.5 - 0.25
    assert 0.5 - SHARE_MARGIN < model.probability(below) < 0.5 - GIVEN_MARGIN
    assert decide(below, dense=False, expects=None, models={"lexical": model}).answer
    assert not decide(below, dense=False, expects="number", models={"lexical": model}).answer
    assert not decide(replace(below, given=0.0), dense=False, expects=None, models={"lexical": model}).answer
    assert not decide(replace(below, coverage=0.1), dense=False, expects=None, models={"lexical": model}).answer


def test_a_figure_beside_what_is_counted_is_given_outright(tmp_path: Path) -> None:
    from .conftest import lexical_engine
    head = "---\ntitle: {t}\ndate: {d}\nsource: Example Union\n---\n"
    e = lexical_engine(tmp_path, {
        "2026-02-24-manifesto.md": head.format(t="Manifesto", d="2026-02-24")
        + "The union published its manifesto for the Senedd election today.\n\n"
          "Official figures show 1,047 teachers left the profession in Wales last year.",
        "2023-01-30-action.md": head.format(t="Action", d="2023-01-30")
        + "The union will begin action in schools across Wales from Wednesday 8 February."})
    quit_job = e.answer("How many teachers quit the job in Wales in the most recent year?")
    assert quit_job.evidence["given"] == 1.0
    shut = e.answer("How many schools shut across Wales in February?")
    assert shut.evidence["given"] == 0.0  # a date is no count of schools


def test_the_fit_separates_what_can_be_separated() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, size=(200, 2))
    y = (x[:, 0] > 0.5).astype(float)
    w, b = fit_logistic(x, y, l2=0.01)
    assert w[0] > 5 * abs(w[1])
    p = 1 / (1 + np.exp(-(x @ w + b)))
    threshold, right = best_threshold(p, y)
    assert right >= 196 and 0.2 < threshold < 0.8


def test_the_ridge_is_chosen_by_cross_validation() -> None:
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 1, size=(120, 3))
    y = (x[:, 0] + 0.1 * rng.standard_normal(120) > 0.5).astype(float)
    l2, scores = choose_l2(x, y)
    assert set(scores) == set(L2_GRID) and all(0 <= n <= 120 for n in scores.values())
    assert scores[l2] == max(scores.values()) and all(other <= l2 for other in L2_GRID if scores[other] == scores[l2])
    assert cross_validated(x, y, l2) == scores[l2]
    # A learnable rule is learnt out of fold too: far better than the 50% of guessing.
    assert scores[l2] >= 100
    # Labels that are noise cross-validate no better than chance, however well the model fits them all.
    noise = rng.integers(0, 2, size=120).astype(float)
    assert max(choose_l2(x, noise)[1].values()) < 85


class SynonymEncoder(FakeEncoder):
    """The fake encoder, with words of a synonym table made to point the same way."""

    SAME = {"remuneration": "pay", "salaries": "pay", "quitting": "leaving"}

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        return super().encode([self.SAME.get(t, t) for t in texts], query=query)


def test_a_question_word_gains_the_corpus_words_near_it() -> None:
    encoder = SynonymEncoder()
    words = vocabulary(["Teachers voted over pay and salaries.", "Heads are leaving the profession."])
    assert words == {"teacher": "teachers", "vote": "voted", "pay": "pay", "salari": "salaries",
                     "head": "heads", "leav": "leaving", "profess": "profession"}
    neighbours = Neighbours([(s, w, v.tobytes()) for (s, w), v in zip(words.items(), encoder.encode(list(words.values())))])
    question = expand(parse_question("Did teachers strike over remuneration?"), neighbours, encoder)
    groups = {g.stem: g.variants for g in question.groups}
    assert groups["remuner"][:1] == ("remuner",) and set(groups["remuner"][1:]) == {"pay", "salari"}
    # They count towards coverage, and are not searched for: the dense leg finds passages in other words.
    assert question.terms == parse_question("Did teachers strike over remuneration?").terms
    assert groups["teacher"] == ("teacher",)  # its own stem is not a neighbour


def test_an_index_keeps_its_words_and_reads_questions_with_them(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2024-01-01-pay.md").write_text(
        "---\ntitle: Pay offer\ndate: 2024-01-01\nsource: Example Union\n---\n"
        "The union said the pay offer leaves teachers worse off than a decade ago.\n", encoding="utf-8")
    encoder = SynonymEncoder()
    engine = Engine(Settings(corpus=(corpus,), index_dir=tmp_path / "idx", model=encoder.name), encoder=encoder)
    engine.index()
    body = "The union said the pay offer leaves teachers worse off than a decade ago."
    assert sorted(engine.current().neighbours.stems) == sorted(vocabulary([body]))
    groups = engine._prepare(engine.current(), "What did the union say about remuneration?", (), None, None).question.groups
    assert {g.stem: g.variants for g in groups}["remuner"] == ("remuner", "pay")
