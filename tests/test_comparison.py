"""A question comparing two groups is not answered by a figure for all of them; one asking yes
or no of a comparison is answered by a sentence stating one."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.comparison import asks_comparison, compared_groups, states_comparison

from .conftest import lexical_engine, release_text


@pytest.mark.parametrize("question, groups", [
    ("Were male or female headteachers more likely to be assaulted?", ({"male"}, {"femal"})),
    ("How did the share of primary heads in deficit compare with secondary heads?", ({"primari"}, {"secondari"})),
    ("How much less was spent on each pupil in Wales than in England?", None),
    ("How did funding compare with last year?", None),
    ("How did GCSE grades in 2022 compare with those awarded in 2019?", ({"2022"}, {"2019"})),
    ("How did the 2023-24 budget compare with 2022?", None),  # a financial year is not a year
])
def test_the_groups_a_question_compares(question: str, groups: tuple[set[str], set[str]] | None) -> None:
    assert compared_groups(question) == groups


def release(date: str, title: str, *paragraphs: str) -> str:
    return release_text(date, title, *paragraphs, source="Example Union")


SURVEY = {
    "2024-05-14-violence.md": release(
        "2024-05-14", "Violence survey",
        "One in three school leaders has been physically assaulted by a pupil in the last twelve months, a survey "
        "of 412 members found.",
        "Leaders of primary schools said pupils' behaviour had worsened since the pandemic.",
        "Secondary school leaders said they lacked the staff to support pupils who assault staff."),
    "2024-06-01-meals.md": release("2024-06-01", "Free school meals", "Every primary pupil gets free school meals."),
    "2024-07-01-transport.md": release("2024-07-01", "School transport", "Councils run school transport."),
}
BROKEN_DOWN = {
    "2024-09-10-violence.md": release(
        "2024-09-10", "Violence in primary schools",
        "Assaults were most common in primary schools, where 41 per cent of leaders had been assaulted by a pupil, "
        "compared with 22 per cent in secondary schools."),
}
QUESTION = "Were primary or secondary school leaders more likely to be assaulted by a pupil in 2024?"


def test_groups_compared_are_answered_only_by_a_sentence_naming_both(tmp_path: Path) -> None:
    overall = lexical_engine(tmp_path / "overall", SURVEY).answer(QUESTION)
    assert not overall.answered and overall.evidence["groups_uncompared"] == 1.0
    assert overall.reason == "the releases found do not compare those groups"
    both = lexical_engine(tmp_path / "both", {**SURVEY, **BROKEN_DOWN}).answer(QUESTION)
    assert both.answered and both.evidence["groups_uncompared"] == 0.0
    assert both.quotes[0].text == ("Assaults were most common in primary schools, where 41 per cent of leaders had "
                                   "been assaulted by a pupil, compared with 22 per cent in secondary schools.")


def test_a_release_compares_the_year_it_was_issued_in_without_naming_it(tmp_path: Path) -> None:
    funding = {
        "2019-10-08-funding.md": release(
            "2019-10-08", "Funding analysis",
            "Schools in Wales are receiving £291 less per pupil in real terms than they did in 2010, according to "
            "new analysis.", "The union wants a fair funding review."),
        **{f"2019-0{m}-01-other.md": release(f"2019-0{m}-01", topic, f"New plans for {topic} in schools.")
           for m, topic in enumerate(("meals", "transport", "uniforms"), start=1)},
    }
    e = lexical_engine(tmp_path, funding)
    now = e.answer("How much less per pupil in real terms were schools getting in 2019 compared with 2010?")
    assert now.answered and now.evidence["groups_uncompared"] == 0.0
    assert now.quotes[0].text.startswith("Schools in Wales are receiving £291 less per pupil")
    # a year it neither names nor was issued in is still not compared
    other = e.answer("How much less per pupil in real terms were schools getting in 2019 compared with 2012?")
    assert not other.answered and other.evidence["groups_uncompared"] == 1.0


@pytest.mark.parametrize("question, compares", [
    ("Are there now more classroom assistants than teachers in Wales?", True),
    ("Are college tutors paid less than school teachers?", True),
    # (a rise over time is answered by its figure, and "more than half" is a share)
    ("Are children acting up more than before?", False),
    ("Are teachers getting hit by kids more than they used to?", False),
    ("Is pay lower than it was in 2010?", False),
    ("Did more than half of members vote?", False),
    ("How many more teachers than assistants are there?", False),  # no yes or no
])
def test_a_yes_or_no_of_a_comparison(question: str, compares: bool) -> None:
    assert asks_comparison(question) is compares


def test_a_comparison_asked_is_answered_by_one_stated(tmp_path: Path) -> None:
    assert states_comparison("The number of support workers has overtaken the number of teachers.")
    assert not states_comparison("The number of support workers rose to 41,206.")
    source = "Example Workforce Council"
    e = lexical_engine(tmp_path, {
        "2023-06-20-statistics.md": release_text(
            "2023-06-20", "Workforce statistics 2023",
            "There were 34,967 school teachers and 41,206 learning support workers on the register in March.",
            "The number of learning support workers on the register has overtaken the number of school teachers "
            "for the first time.",
            "The Council registers teachers and learning support workers in schools and colleges.",
            source=source),
        **{f"2023-0{m}-01-other.md": release_text(f"2023-0{m}-01", f"Other {m}", "School budgets are tight.",
                                                  source=source) for m in range(1, 5)},
    })
    answer = e.answer("Are there now more classroom assistants than teachers in Wales?")
    assert answer.answered
    assert answer.quotes[0].text.startswith("The number of learning support workers on the register has overtaken")
