"""A thing named by the year it is for ("the draft budget for 2023-24") is answered only by a
release naming that one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from retrieval.year_named import in_season, named_for_year, names_for_year, names_unspanned

from .conftest import lexical_engine


@pytest.mark.parametrize("question, named", [
    ("What did the Welsh Government's draft budget for 2023-24 provide for schools?",
     ((("draft", "budget"), (2023, 2024)),)),
    ("What was the teachers' pay award in Wales for 2024-25?", ((("pay", "award"), (2024, 2025)),)),
    ("How much did the 2020-21 budget provide?", ((("budget",), (2020, 2021)),)),
    ("What did the annual report for 2022-2023 say?", ()),  # a report is named by when it came out
    # when, not which; a stretch of years, not one
    ("What was attendance in secondary schools in 2024-25, according to Estyn?", ()),
    ("How much was spent for 2019-21?", ()),
    ("How much of the councils' pressures for 2023-24 came from pay awards?", ()),  # said of anything
    ("How many schools went into special measures in 2016-2017 according to Estyn?", ()),
    ("What did the Welsh Government's 2024-25 pay award give teachers?", ((("pay", "award"), (2024, 2025)),)),
    ("How much was allocated for ALN in the 2021-22 financial year?", ()),  # the span is the year
    # a pay award or offer is named by the year it is made in too; a budget is not
    ("What is the starting salary after the 2024 pay award?", ((("pay", "award"), (2024, 2024)),)),
    ("What did NASUWT say about the 2019 teachers' pay award?", ((("pay", "award"), (2019, 2019)),)),
    ("What did the 2024 budget give schools?", ()),
    ("What was agreed in 2024 pay talks?", ()),
])
def test_what_a_question_names_by_its_year(question: str, named: tuple) -> None:
    assert named_for_year(question) == named


@pytest.mark.parametrize("text, names", [
    ("The Draft Budget 2023-24 provides £5m more.", True),
    ("The draft budget for 2023 to 2024 provides £5m more.", True),
    ("For 2023-24, teachers would receive a 5% increase. The draft budget is late.", False),  # not one sentence
    ("The draft budget for 2024-25 cuts school funding.", False),
    ("The budget for 2023-24 is the draft one.", True),  # a word of it will do
    ("The Final Budget for 2023-24 adds £5m.", False),  # another of its kind
])
def test_a_sentence_names_the_thing_beside_its_year(text: str, names: bool) -> None:
    assert names_for_year(text, ("draft", "budget"), (2023, 2024)) is names


@pytest.mark.parametrize("text, names", [
    ("The 2024 pay award gives 5.5 per cent.", True),
    ("The pay award for 2024-25 gives 5.5 per cent.", True),
    ("The 2025 pay award gives 4 per cent.", False),
    ("The pay award, backdated to September 2025, gives 4 per cent.", False),
])
def test_a_sentence_names_a_pay_award_by_the_year_it_is_made_in(text: str, names: bool) -> None:
    assert names_for_year(text, ("pay", "award"), (2024, 2024)) is names


def release(date: str, title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsource: Example Government\n---\n{body}\n"


def others(year: int, body: str = "School budgets are tight.") -> dict[str, str]:
    """Five releases of `year` on something else: the words asked about are rare."""
    return {f"{year}-0{m}-01-other.md": release(f"{year}-0{m}-01", f"Other {m}", body) for m in range(1, 6)}


def test_another_years_budget_does_not_answer_for_the_one_asked_about(tmp_path: Path) -> None:
    releases = {
        "2019-12-16-budget.md": release("2019-12-16", "Draft budget 2020-21",
                                        "The draft budget for 2020-21 includes an extra £100m for schools."),
        "2023-03-09-pay.md": release("2023-03-09", "Improved pay offer",
                                     "For 2023-24, teachers would receive a 5% increase, with £48m for schools."),
    }
    engine = lexical_engine(tmp_path, releases)
    answer = engine.answer("How much extra did the draft budget for 2023-24 give schools?")
    assert not answer.answered
    assert answer.reason == "none of the releases found names it for the year the question asks about"
    assert answer.evidence["year_unnamed"] == 1.0
    asked = engine.answer("How much extra did the draft budget for 2020-21 give schools?")
    assert asked.answered
    assert asked.quotes[0].text == "The draft budget for 2020-21 includes an extra £100m for schools."


def test_asked_what_was_to_come_a_thing_named_by_its_year_need_not_be_named_so(tmp_path: Path) -> None:
    draft = release("2014-09-30", "Draft budget 2015-16",
                    "The draft budget for 2015-16 protects schools.\n\n"
                    "The Final Budget will be published on 2 December.")
    engine = lexical_engine(tmp_path, {"2014-09-30-budget.md": draft})
    due = engine.answer("On what date was the Final Budget for 2015-16 due to be published?")
    assert due.answered and due.quotes[0].text == "The Final Budget will be published on 2 December."
    done = engine.answer("How did the Final Budget for 2015-16 change the money for schools?")
    assert not done.answered and done.evidence["year_unnamed"] == 1.0


def test_a_release_of_the_things_season_names_it_without_its_year(tmp_path: Path) -> None:
    award, budget = ("pay", "award"), ("draft", "budget")
    assert in_season(award, (2018, 2019), dt.date(2018, 7, 24))
    assert not in_season(award, (2018, 2019), dt.date(2018, 2, 1))  # (the 2017-18 award's dispute)
    assert in_season(budget, (2023, 2024), dt.date(2022, 12, 13)) and not in_season(budget, (2023, 2024),
                                                                                      dt.date(2023, 10, 3))
    today = ["The union said the teachers' pay award announced today leaves school leaders behind."]
    assert names_unspanned(today, award, (2018, 2019))
    assert not names_unspanned([*today, "The pay award for 2017-18 was 1 per cent."], award, (2018, 2019))
    # money for it in a later year says when it comes, not which award it is
    funded = ["The award accepts the review body's recommendation in full.",
              "The Government will provide £15.3m this year and £26.2m in 2025-26 to meet the cost of the award."]
    assert names_unspanned(funded, ("award",), (2024, 2024))
    assert not names_unspanned([*funded, "The award for 2022-23 was 6.5 per cent."], ("award",), (2024, 2024))
    assert names_unspanned([*funded, "The review body will report on the 2025 award in spring."], ("award",),
                           (2024, 2024))  # (next year's named beside this one)
    # an offer of one year is its award too
    assert names_unspanned(["UCAC opens ballot over 'inadequate' pay award"], ("pay", "offer"), (2022, 2022))
    assert not names_unspanned(["UCAC opens ballot over 'inadequate' pay award"], ("pay", "offer"), (2022, 2023))
    # the headline names it too
    offer = ["UCAC to consult members on improved pay offer",
             "UCAC will consult on the offer, which would give teachers an additional 1.5% for 2022-23."]
    assert names_unspanned(offer, ("pay", "offer"), (2023, 2023)) and not names_unspanned(offer[1:], ("pay", "offer"),
                                                                                              (2023, 2023))
    releases = {
        "2018-07-24-pay.md": release("2018-07-24", "Pay award leaves leaders behind",
                                     "The pay award announced today gives 1.5 per cent to school leaders."),
        "2019-07-23-pay.md": release("2019-07-23", "Pay award for 2019-20",
                                     "The pay award for 2019-20 gives 2.75 per cent to school leaders."),
        **others(2018, "School budgets for 2018-19 are tight."),
    }
    engine = lexical_engine(tmp_path, releases)
    answer = engine.answer("What increase did school leaders receive under the 2018-19 pay award?")
    assert answer.answered and answer.evidence["year_unnamed"] == 0.0
    assert answer.quotes[0].text == "The pay award announced today gives 1.5 per cent to school leaders."
    # (in another season it names another year's)
    assert engine.answer("What increase did school leaders receive under the 2017-18 pay award?").evidence[
        "year_unnamed"] == 1.0


def test_a_figure_of_another_years_release_is_not_the_one_named(tmp_path: Path) -> None:
    # The 2026-27 draft budget's release, issued as 2024-25 was the last financial year, gives no
    # figure of the 2024-25 draft budget; the 2024-25 release gives none for the needs asked about.
    releases = {
        "2023-12-19-budget.md": release("2023-12-19", "Draft budget 2024-25",
                                        "The draft budget for 2024-25 will force schools to make cuts.\n\n"
                                        "Leaders said the settlement was the worst in a decade."),
        "2025-12-16-budget.md": release("2025-12-16", "Draft budget 2026-27",
                                        "The draft budget allocates an extra £58m to education, including £12m "
                                        "for additional learning needs."),
        **others(2024),
    }
    engine = lexical_engine(tmp_path, releases)
    answer = engine.answer("How much did the 2024-25 draft budget allocate to additional learning needs?")
    assert not answer.answered
    assert answer.reason == "the best passages do not give the figure asked for"
    asked = engine.answer("How much did the 2026-27 draft budget allocate to additional learning needs?")
    assert asked.answered
    assert asked.quotes[0].text.startswith("The draft budget allocates an extra £58m to education")


def test_next_years_pay_award_does_not_answer_for_the_one_named_by_its_year(tmp_path: Path) -> None:
    # The 2025 award's release gives the starting salary; the 2024 award's release does not.
    releases = {
        "2024-11-12-pay.md": release("2024-11-12", "Pay award confirmed",
                                     "Teachers will receive a 5.5 per cent pay award, backdated to September."),
        "2025-10-14-pay.md": release("2025-10-14", "Pay award announced",
                                     "The pay award will increase the starting salary for a teacher to £33,651."),
        **others(2024),
    }
    engine = lexical_engine(tmp_path, releases)
    answer = engine.answer("What is the starting salary for a teacher after the 2024 pay award?")
    assert not answer.answered
    assert answer.reason == "the best passages do not give the figure asked for"
    asked = engine.answer("What is the starting salary for a teacher after the 2025 pay award?")
    assert asked.answered
    assert asked.quotes[0].text == "The pay award will increase the starting salary for a teacher to £33,651."
