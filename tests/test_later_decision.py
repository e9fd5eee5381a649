"""Asked what is to happen to a proposal, the decision taken on it later answers, though the
proposal and the responses to it share more of the question's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.later_decision import asks_prospect

from .conftest import lexical_engine, release_text


@pytest.mark.parametrize("question, asks", [
    ("Are the summer holidays going to be cut?", True),
    ("Is the network going to shorten the summer holiday?", True),
    ("Are head teacher jobs getting hardly any applicants?", False),
    ("Is the summer holiday in Wales getting shorter?", True),
    ("Are GCSEs being scrapped?", True),
    ("Are schools getting more money?", False),
    ("Will the summer holiday be shortened to five weeks?", True),
    ("Is anyone applying to be a head teacher any more?", False),
    ("What did the network say about the summer holiday?", False),
    ("How many parents opposed a shorter summer holiday?", False),
])
def test_a_question_asks_what_is_to_happen(question: str, asks: bool) -> None:
    assert asks_prospect(question) is asks


def release(date: str, title: str, *paragraphs: str, source: str = "Example Councils Network") -> str:
    return release_text(date, title, *paragraphs, source=source)


PROPOSAL = {
    "2023-11-21-consultation.md": release(
        "2023-11-21", "Consultation on cutting the summer holidays",
        "The network has launched a consultation on proposals to cut the summer holidays to five weeks.",
        "Under the proposals, one week of the summer holidays would be moved to the October half-term, so the "
        "summer holidays would be cut to five weeks from 2025.",
        "The total number of school days would not change."),
    "2024-02-12-response.md": release(
        "2024-02-12", "Teachers oppose cutting the summer holidays",
        "A survey of members found that 71% opposed cutting the summer holidays to five weeks.",
        "Cutting the summer holidays would hurt staff and families, the union said.", source="Example Union"),
    "2022-05-03-meals.md": release("2022-05-03", "Free school meals", "Every primary pupil gets free school meals."),
    "2022-06-03-transport.md": release("2022-06-03", "School transport", "Councils run school transport."),
}
DECISION = {
    "2024-11-12-decision.md": release(
        "2024-11-12", "No changes to the school year",
        "The network has confirmed that there will be no changes to the structure of the school year during "
        "this term of office.",
        "Responses to the consultation on cutting the summer holidays were divided."),
}
QUESTION = "Are the summer holidays going to be cut?"


def test_what_is_to_happen_is_answered_by_the_later_decision(tmp_path: Path) -> None:
    answer = lexical_engine(tmp_path, {**PROPOSAL, **DECISION}).answer(QUESTION)
    assert answer.answered
    assert answer.quotes[0].citation.doc_id.endswith("2024-11-12-decision.md")
    assert answer.quotes[0].text == ("The network has confirmed that there will be no changes to the structure of "
                                     "the school year during this term of office.")


def test_what_a_proposal_would_not_change_is_no_decision(tmp_path: Path) -> None:
    proposal = {**PROPOSAL, "2023-11-21-consultation.md": PROPOSAL["2023-11-21-consultation.md"].replace(
        "The total number of school days would not change.",
        "There would be no change to the total number of school days.")}
    answer = lexical_engine(tmp_path, {**proposal, **DECISION}).answer(QUESTION)
    assert answer.answered and answer.quotes[0].citation.doc_id.endswith("2024-11-12-decision.md")


def test_with_no_decision_yet_the_proposal_answers(tmp_path: Path) -> None:
    answer = lexical_engine(tmp_path, PROPOSAL).answer(QUESTION)
    assert answer.answered
    assert answer.quotes[0].citation.doc_id.endswith(("2023-11-21-consultation.md", "2024-02-12-response.md"))
    assert "would not change" not in answer.quotes[0].text  # said of the proposal, it decides nothing


def test_a_decision_older_than_the_proposal_does_not_answer_it(tmp_path: Path) -> None:
    old = {"2019-11-12-decision.md": DECISION["2024-11-12-decision.md"].replace("2024-11-12", "2019-11-12")}
    answer = lexical_engine(tmp_path, {**PROPOSAL, **old}).answer(QUESTION)
    assert answer.answered and not answer.quotes[0].citation.doc_id.endswith("2019-11-12-decision.md")


def test_how_it_turned_out_is_read_in_the_rest_of_the_leading_release(tmp_path: Path) -> None:
    # The decision's paragraph shares no word with the question; the one found (k=1) only reports the responses.
    releases = {**DECISION, **{k: v for k, v in PROPOSAL.items() if "consultation" not in k and "response" not in k}}
    answer = lexical_engine(tmp_path, releases).answer("Did the network go ahead with cutting the summer holidays?",
                                                        k=1)
    assert [h.passage.text for h in answer.passages] == [
        "Responses to the consultation on cutting the summer holidays were divided."]
    assert answer.answered and answer.evidence["outcome_unreported"] == 0.0
    assert answer.quotes[0].text.startswith("The network has confirmed that there will be no changes")


def test_the_proposers_decision_found_further_down_answers(tmp_path: Path) -> None:
    # Eleven passages on cutting the summer holidays rank above the decision, which shares a word
    # with the question only in passing; it is the proposer's, on the same matter.
    proposal = release(
        "2023-11-21", "Consultation on the school year",
        *(f"Cutting the summer holidays to five weeks is proposal {n} of the consultation on the school year."
          for n in range(1, 7)))
    responses = {f"2024-0{m}-12-response.md": release(
        f"2024-0{m}-12", f"Union {m} responds on the summer holidays",
        "The plan for the summer holidays would hurt staff and families.",
        "Our members oppose the plan for the summer holidays.", source=f"Example Union {m}") for m in range(1, 4)}
    decision = release(
        "2024-11-12", "No changes to the school year this term",
        "The network has confirmed that it will not make changes to the structure of the school year during this "
        "term of office.",
        "The consultation received 16,000 responses, many about the summer.")
    unrelated = release("2024-12-01", "Free meals for all", "The network has confirmed free meals for all pupils.",
                        "Meals will be served all summer.")
    e = lexical_engine(tmp_path, {"2023-11-21-consultation.md": proposal, **responses,
                                  "2024-11-12-decision.md": decision, "2024-12-01-meals.md": unrelated})
    answer = e.answer("Are the summer holidays going to be cut?")
    assert answer.answered and answer.quotes[0].citation.doc_id.endswith("2024-11-12-decision.md")
