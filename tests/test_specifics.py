"""The figures a question names count whole ("2026-27", not 2026 and 27 anywhere), a release
without them does not answer it, and a sum of money does not answer "how many"."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import Engine, Settings
from retrieval.analysis import analyse, figure_pairs, figure_term
from retrieval.answertype import offers_number
from retrieval.question import parse_question

from .conftest import write_releases


def release(date: str, title: str, *paragraphs: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsource: Example Councils Network\n---\n" + "\n\n".join(paragraphs)


RELEASES = {
    # Holds 2026 and 27, apart, and says a lot about the draft budget.
    "2018-12-18-target.md": release(
        "2018-12-18", "Draft budget gives councils less than the 2026 target",
        "The draft budget gives councils nothing new: the draft budget gives 27 councils less than the 2026 target, "
        "and the draft budget gives councils nothing for attendance."),
    "2025-12-09-budget.md": release(
        "2025-12-09", "Draft budget 2026-27",
        "The draft budget for 2026-27 gives councils an extra £20m for attendance."),
    "2024-03-01-transport.md": release("2024-03-01", "School transport", "Councils run school transport in 2024."),
    "2024-06-01-meals.md": release("2024-06-01", "Free school meals", "Every primary pupil gets free school meals."),
    "2025-01-01-pay.md": release("2025-01-01", "Pay award", "The pay award for 2025 is 5.5 per cent."),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("specifics")
    corpus = write_releases(root / "corpus", RELEASES)
    e = Engine(Settings(corpus=(corpus,), index_dir=root / "idx", model="none"), encoder=None)
    e.index()
    return e


def test_a_figure_is_one_term_and_a_release_holds_it_when_its_parts_stand_together() -> None:
    assert figure_term(analyse("2026-27")) == figure_term(analyse("2026-2027")) == figure_term(analyse("2026/27")) \
        == "2026_27"
    assert figure_term(analyse("4.8%")) == "4_8"
    assert figure_term(analyse("£12m")) == figure_term(analyse("£12 million")) == "12_million"
    assert figure_pairs(analyse("£12m for schools and £12 million for councils")) == {"12_million"}
    assert figure_pairs(analyse("the budget for 2026–27 gives 4.8 per cent")) == {"2026_27", "4_8"}
    assert "2026_27" not in figure_pairs(analyse("the 2026 target leaves 27 councils short"))
    assert parse_question("What did the 2026-27 draft budget give Ceredigion?").specifics == (("ceredigion",),
                                                                                             ("2026_27",))


def test_the_release_with_the_figure_asked_about_leads(engine: Engine) -> None:
    answer = engine.answer("What did the 2026-27 draft budget give councils?")
    assert answer.answered
    assert Path(answer.quotes[0].citation.path).name == "2025-12-09-budget.md"
    assert answer.evidence["figures"] == 1.0
    # Releases holding 2026 and 27 apart do not give the budget asked about.
    apart = engine.answer("What did the 2026-27 draft budget give councils?", until="2019")
    assert not apart.answered and apart.evidence["figures"] == 0.0
    assert apart.reason == "the best release does not give a figure the question asks about"


def test_money_does_not_say_how_many(engine: Engine) -> None:
    assert offers_number("an extra £20m for attendance", {"how", "much", "extra"})
    assert not offers_number("an extra £20m for attendance", {"how", "many", "councils"})
    assert offers_number("27 councils are short", {"how", "many", "councils"})
    declined = engine.answer("How many councils will get the extra attendance money in the 2026-27 draft budget?")
    assert not declined.answered
    assert declined.reason == "the best passages do not give the figure asked for"
    covered = engine.answer("How much extra attendance money will councils get in the 2026-27 draft budget?")
    assert covered.answered and "£20m" in covered.quotes[0].text
