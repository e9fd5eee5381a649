"""A line that only says who is about to speak ("Jane Morgan, Director of HU Cymru, said:")
is not quoted for what it says: the paragraph it introduces is, scored as if it carried its
speaker's words. Asked for a name, the line itself may answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import Engine
from retrieval.speech import introduces_speech, is_byline

from .conftest import lexical_engine


def release(date: str, title: str, *paragraphs: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsource: Heads Union Cymru (HU Cymru)\n---\n" + "\n\n".join(paragraphs)


RELEASES = {
    "2024-03-01-workload.md": release(
        "2024-03-01", "Heads report rising workload",
        "Heads Union Cymru has published its annual survey of school leaders in Wales.",
        "The survey was answered by 812 members between January and February.",
        "Jane Morgan, Director of HU Cymru, said:",
        "“Workload is now the first reason leaders give for leaving. We need a national plan to cut it.”",
        "Notes to editors: HU Cymru represents school leaders in Wales."),
    "2024-06-01-budget.md": release(
        "2024-06-01", "Budgets under strain",
        "School budgets in Wales are under strain, Heads Union Cymru warned today.",
        "Responding to the figures, Jane Morgan, Director of HU Cymru, said:",
        "“Schools cannot keep cutting staff to balance the books. The funding formula must change.”"),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return lexical_engine(tmp_path_factory.mktemp("speech"), RELEASES)


@pytest.mark.parametrize(
    ("sentence", "introduces"),
    [
        ("Jane Morgan, Director of HU Cymru, said:", True),
        ("Responding to the draft budget published yesterday, Rhian Pugh-Davies, National Secretary, said:", True),
        ("Speaking to conference, Mr Ellis added:", True),
        ("She told the conference:", True),
        ("Jane Morgan said: “We need a plan.”", False),  # the speech is in the line itself
        ("Jane Morgan said that workload was rising.", False),
        ("The full text of the motion reads:", False),  # not a speaker
        ("The union is calling for three things:", False),
    ],
)
def test_a_line_introducing_a_speech_is_known(sentence: str, introduces: bool) -> None:
    assert introduces_speech(sentence) is introduces


@pytest.mark.parametrize(
    ("paragraph", "byline"),
    [
        ("Written Statement by the Minister for Education, Tomos Gruffydd", True),
        ("The school year will change from 2026.", False),
        ("Tesla moved to Karlovac in 1870.:32", False),  # a sentence with a reference mark after it
        ("Written Statement\nby the Minister", False),  # two lines
    ],
)
def test_a_byline_is_a_short_line_ending_no_sentence(paragraph: str, byline: bool) -> None:
    assert is_byline(paragraph) is byline


def test_the_speech_is_quoted_not_the_line_naming_its_speaker(engine: Engine) -> None:
    answer = engine.answer("What did Jane Morgan say about workload?")
    assert answer.answered
    first = answer.quotes[0]
    assert first.text.startswith("Workload is now the first reason leaders give for leaving.")
    assert (Path(first.citation.path).name, first.citation.paragraph) == ("2024-03-01-workload.md", 4)
    assert not any(introduces_speech(q.text) for q in answer.quotes)
    money = engine.answer("What did the Director of HU Cymru say about funding?")
    assert money.quotes[0].text.endswith("The funding formula must change.")
    assert not any(introduces_speech(q.text) for q in money.quotes)


def test_a_byline_is_read_as_the_statement_it_opens(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {"2023-11-21-statement.md": (
        "---\ntitle: Reforming the school year\ndate: 2023-11-21\nsource: Wales Government\n---\n"
        "Written Statement by the Minister for Education, Tomos Gruffydd\n\n"
        "Today I am launching a consultation on reforming the school year.\n\n"
        "The consultation closes on 12 February 2024.")})
    said = e.answer("What did the minister say about the school year?")
    assert said.quotes[0].text == "Today I am launching a consultation on reforming the school year."
    who = e.answer("Who is the Minister for Education?")
    assert who.quotes[0].text == "Written Statement by the Minister for Education, Tomos Gruffydd"


def test_asked_for_a_name_the_line_naming_the_speaker_answers(engine: Engine) -> None:
    answer = engine.answer("Who is the Director of HU Cymru?")
    assert answer.answered
    assert answer.quotes[0].text in ("Jane Morgan, Director of HU Cymru, said:",
                                     "Responding to the figures, Jane Morgan, Director of HU Cymru, said:")
