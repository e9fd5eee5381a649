"""What was said about a named thing ("the Welsh Language Education Bill"): only releases naming it say."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from retrieval.evidence import subject_holding_first
from retrieval.question import parse_question, says_period
from retrieval.ranker import Ranking
from retrieval.schema import Hit, Passage

from .conftest import lexical_engine
from .test_specifics import release

BILL = "Example Language Education Bill"
RELEASES = {
    "2023-06-13-bill.md": release(
        "2023-06-13", "Union responds to the language bill",
        f"The Example Teachers Union has welcomed the {BILL}, but warned that it needs more teachers who speak the "
        "language.", source="Example Teachers Union"),
    "2022-09-29-pay.md": release(
        "2022-09-29", "Pay award unfunded",
        "The Example Heads Union said the pay award for teachers and leaders is not funded, and that the education "
        "minister must find the money for the language and the pay of every teacher.", source="Example Heads Union"),
}


def test_the_names_of_what_is_asked_about_are_read_whole() -> None:
    assert parse_question(f"What did the union say about the {BILL}?").subject_names == \
        (("exampl", "languag", "educ", "bill"),)
    assert parse_question("What did the union say about the Curriculum for Wales and the pay award?").subject_names \
        == (("curriculum", "wale"),)
    assert parse_question("What did the union say about pay?").subject_names == ()
    assert parse_question(f"When was the {BILL} published?").subject_names == ()
    # A possessive before a name in capitals ends a name: "Wales's PISA results" are Wales's and PISA's.
    assert parse_question("What did the Government say about Wales's PISA results?").subject_names == ()
    assert parse_question("What did the union say about the Children's Commissioner for Wales report?") \
        .subject_names == (("children", "commission", "wale"),)
    # A person's title is left out: releases put a first name after it ("Professor Graham Donaldson").
    assert parse_question("How did the union react to Professor Donaldson's curriculum review?").subject_names == ()
    assert parse_question("What did the union say about Professor Graham Donaldson's review?").subject_names == \
        (("graham", "donaldson"),)
    # A run repeating its word is no name.
    assert parse_question("How did the union react to the first pay award made in Wales for Wales?") \
        .subject_names == ()


def test_what_was_said_about_a_name_other_releases_use_is_declined_from_releases_without_it(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, RELEASES)
    heads = e.answer(f"What did the Example Heads Union say about the {BILL}?")
    assert not heads.answered and heads.evidence["subject_missing"] == 1.0
    assert heads.reason == "the releases found say nothing about what the question asks about"
    teachers = e.answer(f"What did the Example Teachers Union say about the {BILL}?")
    assert teachers.answered and teachers.evidence["subject_missing"] == 0.0
    assert [Path(q.citation.path).name for q in teachers.quotes][:1] == ["2023-06-13-bill.md"]


def test_a_name_no_release_uses_is_left_to_the_words_it_shares(tmp_path: Path) -> None:
    # The question names something in words no release puts together: its words decide.
    e = lexical_engine(tmp_path, RELEASES)
    heads = e.answer("What did the Example Heads Union say about the Language Pay Award?")
    assert heads.answered and heads.evidence["subject_missing"] == 0.0


def test_a_period_is_named_by_what_it_is_of() -> None:
    assert parse_question("What did the union say about the proposed changes to the school year?").subject_periods \
        == (("school", "year"),)
    assert parse_question("What did the union say about the length of the school day?").subject_periods \
        == (("school", "day"),)
    # "this year" names no period of anything; nor does a year's figure.
    assert parse_question("What did the union say about school funding this year?").subject_periods == ()
    assert parse_question("What did the union say about the 2024 year?").subject_periods == ()
    assert parse_question("When does the school year start?").subject_periods == ()
    assert parse_question("How did the union respond to the changes to the school day?").subject_periods == (
        ("school", "day"),)
    # Named as such: side by side in the text itself, not once stopwords are left out.
    assert says_period("Changes to the school year were announced.", ("school", "year"))
    assert says_period("A school-year calendar.", ("school", "year"))
    assert not says_period("It surveyed 300 schools this year.", ("school", "year"))


def test_what_was_said_about_the_school_year_needs_a_release_naming_it(tmp_path: Path) -> None:
    releases = {
        **RELEASES,
        "2023-11-21-year.md": release(
            "2023-11-21", "School year consultation",
            "The Example Government has launched a consultation on changes to the school year, with a longer "
            "autumn break.", source="Example Government"),
        "2015-02-25-curriculum.md": release(
            "2015-02-25", "Curriculum review",
            "The Example Heads Union said schools need two years' notice of any changes to the curriculum, and "
            "called for a change in how schools are held to account each year. It surveyed 300 schools this "
            "year.", source="Example Heads Union"),
    }
    e = lexical_engine(tmp_path, releases)
    # The heads' releases speak of schools, years and changes, but never of the school year.
    heads = e.answer("What did the Example Heads Union say about the proposed changes to the school year?")
    assert not heads.answered and heads.evidence["subject_missing"] == 1.0
    assert heads.reason == "the releases found say nothing about what the question asks about"
    view = e.answer("What was the Example Heads Union's view on the proposed changes to the school year?")
    assert not view.answered and view.evidence["subject_missing"] == 1.0
    government = e.answer("What did the Example Government say about changes to the school year?")
    assert government.answered and Path(government.quotes[0].citation.path).name == "2023-11-21-year.md"



def test_the_release_speaking_of_what_is_asked_about_leads_when_the_best_ones_do_not() -> None:
    # The manifesto "based on a consultation with 312 members" ranks first (as the model's leg may put
    # it), but never names the school year; the union's response, found fifth, does, and leads.
    question = replace(parse_question("What did the union say about the consultation on the school year?"),
                       named_in=((("school", "year"), frozenset({"response", "government"})),))
    words = {"manifesto": {"manifesto", "consult", "member", "school"}, "pay": {"pay", "award", "consult"},
             "response": {"respond", "consult", "school", "year"}, "government": {"consult", "school", "year"}}
    order = ["manifesto", "pay", "manifesto", "pay", "response", "government"]
    hits = [Hit(Passage(doc, i, 0, 1, "x", date=dt.date(2024, 1, 1)), 1.0 - i / 10, "hybrid")
            for i, doc in enumerate(order)]
    ranking = Ranking(hits, {"consult": 1.0, "school": 0.5, "year": 0.5}, 1.0, 0.6, doc_terms=words)
    led = subject_holding_first(question, ranking)
    assert [h.passage.doc_id for h in led.hits] == ["response", "manifesto", "pay", "manifesto", "pay", "government"]
    # When a leading release speaks of it, the order stands.
    assert subject_holding_first(question, replace(ranking, hits=hits[2:])).hits == hits[2:]
    # Nor is anything moved for a question asking what was said about nothing in particular.
    plain = parse_question("How many schools responded to the consultation?")
    assert subject_holding_first(plain, ranking).hits == hits
