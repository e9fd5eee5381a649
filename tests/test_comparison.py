"""A question comparing two groups is not answered by a figure for all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.comparison import compared_groups

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
