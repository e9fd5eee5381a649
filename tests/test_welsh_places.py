"""A place named in Welsh in the question and in English in the releases, or the other way round."""

from __future__ import annotations

from pathlib import Path

from retrieval.analysis import stem
from retrieval.question import EXPANSIONS

from .conftest import lexical_engine, plans_releases, release_text


def test_each_word_of_a_name_counts_the_other_languages_words() -> None:
    assert EXPANSIONS[stem("mon")] == ("anglesey",) and EXPANSIONS["ynys"] == ("anglesey",)
    assert EXPANSIONS[stem("anglesey")] == ("ynys", "mon")
    assert EXPANSIONS[stem("caerdydd")] == (stem("cardiff"),) and EXPANSIONS[stem("cardiff")] == (stem("caerdydd"),)


def test_a_place_named_in_welsh_is_found_under_its_english_name(tmp_path: Path) -> None:
    releases = {
        "2023-09-12-concrete.md": release_text(
            "2023-09-12", "Concrete closures", "Two secondary schools on Anglesey closed because of crumbling "
            "concrete, the council said.", "Around 1,700 pupils were affected.", source="Example Union"),
        **plans_releases(2022, ["meals", "transport", "uniforms", "buses", "libraries", "music"], "Example Union"),
        # (the Welsh name is a word the corpus knows, and rare)
        "2022-08-01-festival.md": release_text("2022-08-01", "Festival", "The Ynys Môn youth festival returns.",
                                               source="Example Union"),
    }
    e = lexical_engine(tmp_path, releases)
    answer = e.answer("How many secondary schools on Ynys Môn closed because of crumbling concrete?")
    assert answer.answered and answer.evidence["names"] == 1.0  # the release holds the place, in English
    assert answer.quotes[0].text.startswith("Two secondary schools on Anglesey closed")
    # (a place it does not name is still not answered)
    assert not e.answer("How many secondary schools in Wrecsam closed because of crumbling concrete?").answered
