"""A question asking how something turned out is not answered by the release announcing it:
its proposals, its consultation, its vote still to come."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.outcome import asks_outcome, asks_strike, outcome_reported, reacts_to_outcome, reports_outcome

from .conftest import lexical_engine, release_text


@pytest.mark.parametrize("question, asks", [
    ("Did the Government go ahead with the two-week October half-term in the end?", True),
    ("What was the result of the union's consultation of members on the pay offer?", True),
    ("What did the Government finally decide about the school year?", True),
    ("What did the Government decide after its consultation on the school year closed?", True),
    ("What did the union's conference decide in May 2022?", False),
    ("Did members vote to accept the improved pay offer?", True),
    ("What did the attendance taskforce recommend in its final report?", True),
    ("Did the union go on to call strike action in Wales in 2023?", True),
    ("What did the behaviour working group recommend when it reported to the minister?", True),
    ("What did the union recommend?", False),
    ("What share of members voted to accept the pay offer?", False),
    ("How did the union react to the decision to cancel the exams?", False),
    ("How far did grades drop in the first results of the reformed GCSEs?", False),
    ("How did the union feel when pay and conditions were finally devolved?", False),
    ("What did the union say when the Government finally decided?", False),
    ("Did the Government hold the behaviour summit that the union asked for?", True),
    ("Has the council published the plan which heads called for?", True),
    ("When did the union call off its action short of strike?", True),
    ("Why did the Government scrap the reading tests?", True),
    ("Were the summer exams cancelled in 2020?", True),
    ("What did the independent review of school spending conclude?", True),
    ("What did the evaluation of the two-week October half-term find?", True),
    ("What did the inspectorate's annual report find about attendance?", False),
    ("Which motions were passed at the union's 2025 conference?", True),
    ("Did the union get everything it wanted when the 2023 row ended?", False),
    ("How many candidates ended up with a better grade?", False),
    ("Is the Government going to scrap the long summer holiday?", False),
    ("How many learners were due to sit exams before the summer series was cancelled?", False),
])
def test_a_question_asks_how_something_turned_out(question: str, asks: bool) -> None:
    assert asks_outcome(question) is asks


@pytest.mark.parametrize("sentence, reports", [
    ("In a consultation that closed yesterday, 73 per cent of members voted to accept the offer.", True),
    ("The Government has decided not to proceed with the proposals.", True),
    ("The changes will not be taken forward during the current Senedd term.", True),
    ("The school year will therefore follow the existing pattern, with a six-week summer holiday.", True),
    ("There will be no changes to the structure of the school year.", True),
    # a decision said outright reports one: what is decided not to change, with an adverb or without "to"
    ("The structure of the school year in Wales will not change during the current Senedd term.", True),
    ("I have therefore decided that no changes will be made before the next Senedd election.", True),
    ("The consultation says the total number of school days would not change.", False),
    ("The review makes 17 recommendations about how inspection should change.", True),
    ("A working group will report to the minister by March, and make recommendations for next year.", False),
    ("Under the proposals, the summer holiday would be shortened from six weeks to five.", False),
    ("The union will announce the result of the consultation at the end of March.", False),
    ("A survey carried out as part of the research found that 44 per cent supported the change.", False),
    ("The union said that if members backed action in the indicative ballot, it would consider a formal ballot.",
     False),
    ("Members backed action in the indicative ballot, and the union will now hold a formal ballot.", True),
    ("Delegates have voted to hold an indicative ballot of members over workload.", False),
])
def test_a_sentence_reports_an_outcome(sentence: str, reports: bool) -> None:
    assert reports_outcome(sentence) is reports


def test_the_outcome_of_something_done_again_is_reported_of_it() -> None:
    question = "What was the outcome of the union's re-ballot of members in 2023?"
    first = "Members voted strongly in favour of action, but the turnout did not reach the threshold."
    assert asks_outcome(question) and not outcome_reported(question, [first])
    assert outcome_reported(question, [first, "In the re-ballot, 62 per cent of members voted for action."])
    assert outcome_reported("What was the result of the ballot?", [first])
    # A vote's figure asked of the re-ballot is its outcome too; when it was held is not.
    turnout = "What was the turnout when the union re-balloted its members in 2023?"
    assert asks_outcome(turnout) and not outcome_reported(turnout, ["The turnout in Wales was 43.8%."])
    assert outcome_reported(turnout, ["The turnout in the re-ballot was 51.2%."])
    assert not asks_outcome("When did the union re-ballot its members?")


def test_a_request_met_is_reported_by_its_being_done() -> None:
    question = "Did the Government hold the national behaviour summit that the union asked for?"
    asked = "We are urging the Government to hold a national behaviour summit, bringing together teachers and police."
    assert not outcome_reported(question, [asked])
    assert outcome_reported(question, [asked, "The Government held a national behaviour summit in Cardiff in June."])
    assert outcome_reported(question, [asked, "The Government has agreed to hold a summit in the autumn."])
    assert not outcome_reported(question, [asked, "The Government has agreed a pay award for teachers."])


def test_something_stopped_is_reported_by_its_stopping() -> None:
    question = "When did the union call off its action short of strike?"
    begun = ["The union will begin action short of strike from 11 September 2023.",
             "In the ballot, 78.4% of members who voted backed action short of strike, on a turnout of 51.9%."]
    assert not outcome_reported(question, begun)
    for stopped in ("The union has suspended its action short of strike after the pay deal.",
                    "Action short of strike was called off on 3 May.",
                    "Members will no longer follow the work-to-rule from Monday.",
                    "Action short of strike will not go ahead from the autumn term."):
        assert outcome_reported(question, [*begun, stopped])


def test_motions_passed_are_reported_by_a_vote_on_a_motion() -> None:
    question = "Which motions were passed at the union's 2025 conference?"
    assert not outcome_reported(question, ["The union's conference takes place this weekend.",
                                           "Ministers have agreed a pay award for teachers."])
    assert outcome_reported(question, ["Delegates backed a motion calling for a limit on class sizes."])


def test_what_a_review_found_is_reported_of_that_review() -> None:
    question = "What did the independent review of school spending conclude?"
    commissioned = ["We welcome the decision to commission an independent review of school spending.",
                    "Estyn's most recent annual report, which found that behaviour had worsened, was quoted.",
                    "We urge the Minister to make sure that the review reports quickly and that its findings are "
                    "acted on."]
    assert not outcome_reported(question, commissioned)
    assert outcome_reported(question, [*commissioned, "The review concluded that schools were underfunded by £100m."])
    assert outcome_reported(question, [*commissioned, "Its findings show that sixth forms were underfunded."])


@pytest.mark.parametrize("question, asks", [
    ("Did the union's members actually go on strike after their January ballot?", True),
    ("Did teachers walk out in Wales back in 2013?", True),
    ("Did the union go on to call strike action in Wales?", True),
    ("Did head teachers vote to walk out in 2023?", False),
    ("Did the union ballot its members for industrial action in 2023?", False),
    ("Were members prepared to go on strike?", False),
    ("Did the strike ballot pass the turnout threshold?", False),
    ("What did the union say about its strike action in March?", False),
])
def test_a_question_asks_whether_a_strike_took_place(question: str, asks: bool) -> None:
    assert asks_strike(question) is asks


def test_a_strike_taking_place_is_not_reported_by_the_vote_for_it() -> None:
    question = "Did the union's members actually go on strike after their January ballot?"
    assert asks_outcome(question)
    vote = ["Of those voting, 70.1% backed strike action and 86.9% supported action short of strike.",
            "The national executive will decide later whether to call strike action in Wales.",
            "Members said they would be prepared to go on strike."]
    assert not outcome_reported(question, vote)
    for taken in ("Teachers in Wales walked out on Tuesday, closing hundreds of schools.",
                  "Members will go on strike on 1 February and 14 February.",
                  "The strike planned for next week has been called off after an improved offer."):
        assert outcome_reported(question, [*vote, taken])
    # (having taken action is its taking place: "Had heads ever taken industrial action before 2023?")
    ever = "Had heads in Wales ever taken industrial action before 2023?"
    assert asks_strike(ever) and not outcome_reported(ever, vote)
    assert outcome_reported(ever, [*vote, "It is the first time that school leaders in Wales have taken industrial "
                                          "action over pay."])


def release(date: str, title: str, *paragraphs: str) -> str:
    return release_text(date, title, *paragraphs, source="Example Councils Network")


PROPOSED = {
    "2023-11-21-school-year.md": release(
        "2023-11-21", "Consultation on the school year",
        "The network has launched a consultation on changing the school year.",
        "Under the proposals, the summer holiday would be shortened from six weeks to five, with the extra week "
        "added to the October half-term to create a two-week autumn break.",
        "The consultation closes on 12 February 2024."),
    "2023-05-02-meals.md": release("2023-05-02", "Free school meals", "Every primary pupil gets free school meals."),
    "2023-06-02-transport.md": release("2023-06-02", "School transport", "Councils run school transport."),
}
DECIDED = {
    "2024-07-09-school-year-decision.md": release(
        "2024-07-09", "Decision on the school year",
        "The network has decided not to proceed with a two-week October half-term, and the summer holiday will "
        "stay at six weeks."),
}
QUESTION = "Did the network go ahead with the two-week October half-term in the end?"
# Releases on other things: in a corpus of a handful, every word of the topic is found all over it.
OTHERS = {f"2022-0{m}-01-other.md": release(f"2022-0{m}-01", f"Other {m}", f"The network met councils in month {m}.")
          for m in range(1, 7)}


def test_how_something_turned_out_is_not_answered_by_its_announcement(tmp_path: Path) -> None:
    proposed = lexical_engine(tmp_path / "proposed", PROPOSED).answer(QUESTION)
    assert not proposed.answered and proposed.evidence["outcome_unreported"] == 1.0
    assert proposed.reason == "the releases found do not report how it turned out"
    decided = lexical_engine(tmp_path / "decided", {**PROPOSED, **DECIDED}).answer(QUESTION)
    assert decided.answered and decided.evidence["outcome_unreported"] == 0.0
    assert decided.quotes[0].text == ("The network has decided not to proceed with a two-week October half-term, and "
                                      "the summer holiday will stay at six weeks.")


def test_an_outcome_of_something_else_does_not_report_how_it_turned_out(tmp_path: Path) -> None:
    pay = {"2024-07-23-pay.md": release(
        "2024-07-23", "Pay award", "The network has confirmed that teachers will receive a 5.5 per cent pay rise, "
        "following the review body's recommendation.")}
    answer = lexical_engine(tmp_path, {**PROPOSED, **pay, **OTHERS}).answer(
        "What did the network decide after its consultation on the school year closed?")
    assert not answer.answered and answer.reason == "the releases found do not report how it turned out"


def test_the_sentence_reporting_how_it_turned_out_leads(tmp_path: Path) -> None:
    plainly = {"2024-07-09-school-year-decision.md": release(
        "2024-07-09", "The school year",
        "Respondents to the consultation were divided.", "The October half-term will remain one week long.")}
    answer = lexical_engine(tmp_path, {**PROPOSED, **plainly, **OTHERS}).answer(QUESTION)
    assert answer.answered
    assert answer.quotes[0].text == "The October half-term will remain one week long."



def test_the_next_leading_releases_are_read_for_how_it_turned_out_and_who_held_a_role(tmp_path: Path) -> None:
    from retrieval.analysis import analyse
    from retrieval.answering import rest_of_lead
    from retrieval.question import parse_question
    from retrieval.ranker import Ranking
    from retrieval.schema import Hit
    union = release_text("2023-01-16", "Ballot result", "Teachers have voted for action over pay.",
                         "The union has announced four days of strike action in February and March.",
                         "Its executive, chaired by Ann Example, meets next week.", source="Example Union")
    offer = release("2023-03-02", "Improved pay offer", "The network has made an improved pay offer to teachers.",
                    "The network hopes teachers will accept the offer.")
    e = lexical_engine(tmp_path, {"2023-01-16-ballot.md": union, "2023-03-02-offer.md": offer})

    def rest(question: str) -> list[str]:
        def read(gen):  # type: ignore[no-untyped-def]
            first = {d.doc_id: gen.store.passages_of_document(d.doc_id) for d in gen.store.documents()}
            offer_p, union_p = (next(v for k, v in first.items() if k.endswith(name)) for name in ("offer.md",
                                                                                                  "ballot.md"))
            rare = {t: 5.0 for t in analyse("union executive attendance taskforce teachers")}  # (idf)
            ranking = Ranking([Hit(offer_p[0], 1.0, "bm25"), Hit(union_p[0], 0.9, "bm25")], rare, 1.0, None)
            return [x.text for x in rest_of_lead(gen, parse_question(question), ranking).rest]
        return e._read(read)

    # The offer leads; the union's strike days, the next release's, are read for whether teachers walked out.
    strike = "The union has announced four days of strike action in February and March."
    assert strike in rest("Did teachers walk out over pay?")
    assert rest("How much was the improved pay offer worth?") == ["The network hopes teachers will accept the offer."]
    # and the whole of both for who held a role, when the next names what the role is of
    assert strike in rest("Who chaired the union's executive?") and len(rest("Who chaired the union's executive?")) == 5
    assert rest("Who chairs the attendance taskforce?") == [
        "The network has made an improved pay offer to teachers.", "The network hopes teachers will accept the offer."]


def test_what_was_said_when_an_outcome_came_in_is_quoted_from_the_release_reporting_it(tmp_path: Path) -> None:
    releases = {
        "2023-01-10-ballot-opens.md": release(
            "2023-01-10", "Strike ballot opens",
            "School leaders have today begun voting in the union's first national strike ballot.",
            "The union said the result of its strike ballot would come in at the end of the month."),
        "2023-01-31-ballot-result.md": release(
            "2023-01-31", "Leaders back action",
            "School leaders have voted for action in the strike ballot, the union said.",
            "Leaders are angry about pay."),
        **OTHERS,
    }
    question = "What did the union say when the result of its strike ballot came in?"
    assert not asks_outcome(question) and reacts_to_outcome(question)
    assert not reacts_to_outcome("What did the union say about the result of its strike ballot?")
    answer = lexical_engine(tmp_path, releases).answer(question)
    assert answer.answered and answer.quotes[0].citation.doc_id.endswith("ballot-result.md")
