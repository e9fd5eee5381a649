"""A sentence naming the other of a pair ("primary" for "secondary") gives the answer for something else."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.analysis import analyse
from retrieval.answertype import expected_type
from retrieval.contrast import contrasted, names_other, together

from .conftest import lexical_engine


@pytest.mark.parametrize("sentence, other", [
    ("Spending on universal primary free school meals will total £97 million.", True),
    ("Spending on free school meals in secondary schools will total £12 million.", False),
    ("Spending on free school meals will total £12 million.", False),  # names neither
    ("Primary and secondary schools share £12 million for meals.", False),  # names both
])
def test_a_sentence_naming_the_other_of_a_pair(sentence: str, other: bool) -> None:
    asked = contrasted(analyse("How much was set aside for free meals in secondary schools?"))
    assert asked == {("secondari",): ("primari",)}
    assert names_other(analyse(sentence), asked) is other


def test_a_pair_may_be_of_phrases() -> None:
    asked = contrasted(analyse("What was the turnout in the ballot of school support staff?"))
    assert names_other(analyse("92.2% of teachers who voted backed strike action, on a turnout of 58.4%."), asked)
    assert not names_other(analyse("Support staff backed action on a turnout of 41%, teachers on 58%."), asked)
    # "support" alone is no support staff
    assert not names_other(analyse("Only 20% of staff said they had the support they needed."),
                           contrasted(analyse("What share of teachers were assaulted?")))


@pytest.mark.parametrize("sentence, other", [
    ("Attendance in secondary schools improved to 91.4%, which still compares unfavourably with England.", False),
    ("Attendance in secondary schools was 91.4%, lower than in England.", False),
    ("Attendance in secondary schools in England was 94.1%.", True),
])
def test_the_other_of_a_pair_named_only_to_compare_with_leaves_the_figure_the_one_asked_abouts(
        sentence: str, other: bool) -> None:
    asked = contrasted(analyse("What was school attendance in Wales in 2012?"))
    assert asked == {("wale",): ("england",)}
    assert names_other(analyse(sentence), asked, sentence) is other


def test_asked_both_of_a_pair_any_sentence_may_answer() -> None:
    asked = contrasted(analyse("Was attendance higher in primary or secondary schools?"))
    assert not names_other(analyse("Attendance in primary schools was 94%."), asked)


def test_a_figure_for_the_other_of_a_pair_does_not_answer(tmp_path: Path) -> None:
    body = ("---\ntitle: Draft budget\ndate: 2025-10-14\nsource: Example Government\n---\n"
            "Spending on universal primary free school meals will total £97 million in 2026-27.\n\n"
            "The budget also protects funding for schools.\n")
    engine = lexical_engine(tmp_path, {"2025-10-14-budget.md": body})
    secondary = engine.answer("How much did the draft budget set aside for free meals in secondary schools?")
    assert not secondary.answered and secondary.reason == "the best passages do not give the figure asked for"
    primary = engine.answer("How much did the draft budget set aside for free meals in primary schools?")
    assert primary.answered and primary.quotes[0].text.startswith("Spending on universal primary")


@pytest.mark.parametrize("question, kind", [
    ("What was attendance in Welsh primary schools in 2024-2025?", "number"),
    ("What was secondary school attendance in 2019?", "number"),
    ("What was the impact of attendance on results?", None),
])
def test_attendance_asked_for_is_a_figure(question: str, kind: str | None) -> None:
    assert expected_type(question) == kind


def test_a_turnout_given_for_the_place_asked_about_answers_not_the_others(tmp_path: Path) -> None:
    # "42 per cent of eligible members returned their ballot papers" is a turnout; "In Wales, …" is not England's
    body = ("---\ntitle: Heads vote for action\ndate: 2023-01-09\nsource: Example Heads Union\n---\n"
            "In Wales, where the ballot was run separately, the turnout in the heads' ballot exceeded the 50 per "
            "cent threshold.\n\n"
            "In England, 42 per cent of eligible members returned their ballot papers.\n")
    engine = lexical_engine(tmp_path, {"2023-01-09-ballot.md": body})
    answer = engine.answer("What was the turnout in England in the heads' ballot?")
    assert answer.answered and answer.quotes[0].text.startswith("In England, 42 per cent")


def test_a_figure_of_a_release_never_naming_the_one_asked_about_does_not_answer(tmp_path: Path) -> None:
    teachers = ("---\ntitle: Members back strike action\ndate: 2023-01-16\nsource: Example Teachers Union\n---\n"
                "Teachers in Wales have voted for strike action over pay.\n\n"
                "Of those who voted, 91.3% backed strike action, on a turnout of 58.4%.\n")
    engine = lexical_engine(tmp_path / "teachers", {"2023-01-16-ballot.md": teachers})
    staff = engine.answer("What percentage of the union's support staff members voted for strike action?")
    assert not staff.answered and staff.reason == "the best passages do not give the figure asked for"
    assert engine.answer("What percentage of the union's teacher members voted for strike action?").answered
    # a release naming them gives their figure, though its sentence does not
    both = teachers.replace("Teachers in Wales", "Teachers and support staff in Wales")
    staff = lexical_engine(tmp_path / "both", {"2023-01-16-ballot.md": both}).answer(
        "What percentage of the union's support staff members voted for strike action?")
    assert staff.answered


def test_a_figure_naming_neither_under_a_headline_of_the_other_is_not_the_one_asked_abouts(
        tmp_path: Path) -> None:
    # The release names support staff, in a separate ballot; its figure is the teachers' headline's.
    body = ("Teachers in Wales have voted for strike action over pay.\n\n"
            "Of those who voted, 91.3% backed strike action, on a turnout of 58.4%.\n\n"
            "Support staff members also took part in a separate ballot, but the turnout did not reach the threshold.\n")
    release = "---\ntitle: {}\ndate: 2023-01-16\nsource: Example Teachers Union\n---\n" + body
    asked = "What was the turnout among the union's support staff members in the ballot?"
    others = {f"2022-0{m}-01-other.md": f"---\ntitle: Other {m}\ndate: 2022-0{m}-01\nsource: Example Teachers Union\n"
              f"---\nSchool budgets are tight.\n\nClass sizes are rising.\n" for m in range(1, 8)}
    teachers = lexical_engine(tmp_path / "teachers", {"2023-01-16-ballot.md": release.format("Teachers vote to strike"),
                                                      **others})
    staff = teachers.answer(asked)
    assert not staff.answered and staff.reason == "the best passages do not give the figure asked for"
    assert teachers.answer("What was the turnout among the union's teacher members in the ballot?").answered
    # (under a headline naming neither, the release naming them gives their figure)
    members = lexical_engine(tmp_path / "members", {"2023-01-16-ballot.md": release.format("Members vote to strike"),
                                                    **others})
    assert members.answer(asked).answered


def test_both_of_a_pair_named_together() -> None:
    assert together("a turnout of 53 per cent across England and Wales", ("wale",))
    assert together("in primary or secondary schools", ("secondari",))
    assert not together("In Wales, 40 per cent; in England, 42 per cent", ("wale",))
    assert not together("across England and Wales", ("primari",))
