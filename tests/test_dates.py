"""Release dates: datelines in their usual forms, lines that only mention a date, and "may"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from retrieval.answertype import offers
from retrieval.dates import dateline, leading_dateline
from retrieval.loaders import load_file


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Cardiff, 3 February 2025", dt.date(2025, 2, 3)),
        ("For immediate release: 3 February 2025", dt.date(2025, 2, 3)),
        ("3rd Feb 2025", dt.date(2025, 2, 3)),
        ("Embargoed until 00:01 Tuesday 4 March 2025", dt.date(2025, 3, 4)),
        ("First published 21 May 2024", dt.date(2024, 5, 21)),
        ("27 November 2014", dt.date(2014, 11, 27)),
        ("May 21, 2024", dt.date(2024, 5, 21)),
        ("2024-05-21", dt.date(2024, 5, 21)),
        ("**27 November 2014**", dt.date(2014, 11, 27)),
        ("CARDIFF, Wales – 3 February 2025", dt.date(2025, 2, 3)),
        ("Llandudno: 21 May 2024", dt.date(2024, 5, 21)),
        ("NEWS RELEASE – Wednesday 4 June 2025 at 10am BST", dt.date(2025, 6, 4)),
        ("Date: 12/03/2025", dt.date(2025, 3, 12)),  # day first, as in the UK
        ("Caerdydd, 3 Chwefror 2025", dt.date(2025, 2, 3)),  # Welsh month names
    ],
)
def test_datelines(line: str, date: dt.date) -> None:
    assert dateline(line) == date


@pytest.mark.parametrize(
    "line",
    [
        "The union met the minister on 3 February 2025",  # a sentence that mentions a date
        "We may meet on 3 February 2025",
        "May 2024",  # no day
        "Monday 3 March",  # no year
        "1 2 3 4567",
        "Page 1 of 3",
        "Twenty primary schools will share five million pounds over two years",
        "3 March 2025 was a good day for the union",
    ],
)
def test_not_datelines(line: str) -> None:
    assert dateline(line) is None


def test_dateline_opening_a_paragraph() -> None:
    assert leading_dateline("CARDIFF, 3 February 2025 – The council has confirmed a grant.") == dt.date(2025, 2, 3)
    assert leading_dateline("The council – a body of 60 members – met today.") is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Council confirms funding\nCardiff, 3 February 2025\nThe council confirmed a grant.\n", dt.date(2025, 2, 3)),
        ("Council confirms funding\n\nFor immediate release: 3 February 2025\n\nThe council confirmed a grant.\n",
         dt.date(2025, 2, 3)),
        ("Council confirms funding\n\nEmbargoed until 00:01 Tuesday 4 March 2025\n\nThe council confirmed a grant.\n",
         dt.date(2025, 3, 4)),
        ("Council confirms funding\n\n3rd Feb 2025\n\nThe council confirmed a grant.\n", dt.date(2025, 2, 3)),
        ("Council confirms funding\n\nCARDIFF, 3 February 2025 – The council confirmed a grant.\n",
         dt.date(2025, 2, 3)),
    ],
)
def test_text_release_without_front_matter_gets_its_date_and_title(tmp_path: Path, text: str,
                                                                   date: dt.date) -> None:
    path = tmp_path / "release.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = load_file(path)
    assert (doc.title, doc.date) == ("Council confirms funding", date)


@pytest.mark.parametrize(
    ("sentence", "gives_a_date"),
    [
        ("Schools may close early if the strike goes ahead.", False),
        ("Councils may also bid for the money.", False),
        ("The vote closes on 21 May.", True),
        ("The conference meets in May.", True),
        ("It opened May 3.", True),
        ("The vote closes on 21 June.", True),
    ],
)
def test_the_verb_may_is_not_a_month(sentence: str, gives_a_date: bool) -> None:
    assert offers(sentence, "date", {"when", "vote"}) is gives_a_date


def test_a_day_in_the_year_a_question_names_is_a_date_it_does_not() -> None:
    asked = {"when", "strike", "2023"}
    assert offers("Wednesday 1 February 2023, national strike", "date", asked)
    assert not offers("Teachers went on strike in 2023.", "date", asked)
    assert offers("Teachers went on strike in 2022.", "date", asked)
    # (nor is the school or financial year ending in it: "a pay award for 2022-23", asked of 2023)
    assert not offers("Teachers were offered a 5 per cent pay award for 2022-23.", "date", asked)
    assert offers("Teachers were offered a 5 per cent pay award for 2021-22.", "date", asked)
    # a time of day answers "What time …?"
    assert offers("The rally will begin outside the Senedd at midday.", "date", {"what", "time", "rally", "begin"})
    assert offers("The rally will begin at 11am.", "date", {"what", "time", "rally", "begin"})
    assert not offers("The rally will begin at midday.", "date", {"when", "rally", "begin"})
