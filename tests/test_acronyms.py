"""An acronym the releases never use is read as the name they spell out."""

from __future__ import annotations

from pathlib import Path

from retrieval.acronyms import Acronyms, written_initialisms
from retrieval.question import parse_question

from .conftest import lexical_engine

PAY = ("---\ntitle: Union welcomes pay decision\ndate: 2024-07-29\nsource: Example Heads Union\n---\n"
       "The union has welcomed the Government’s decision to accept in full the School Teachers’ Review Body’s "
       "recommendation of a 5.5 per cent pay award.\n\n"
       "The union will now consult its members on the award.\n")
BUDGET = ("---\ntitle: Draft budget\ndate: 2024-12-10\nsource: Example Heads Union\n---\n"
          "The union said the draft budget leaves schools short of funding for the coming year.\n")


def test_names_are_filed_by_their_initials() -> None:
    names = Acronyms(["The School Teachers’ Review Body reported.",
                      "Evidence went to the Independent Welsh Pay Review Body in May.",
                      "The Department for Education said so."])
    assert names.name("STRB") == "School Teachers’ Review Body"
    assert names.name("IWPRB") == "Independent Welsh Pay Review Body"
    # With or without its joining words' initials.
    assert names.name("DFE") == "Department for Education" and names.name("DE") == "Department for Education"
    assert names.name("OECD") is None


def test_a_question_with_the_acronym_is_answered_from_the_spelt_out_name(tmp_path: Path) -> None:
    engine = lexical_engine(tmp_path, {"2024-07-29-pay.md": PAY, "2024-12-10-budget.md": BUDGET})
    answer = engine.answer("How did the union react to the STRB's 5.5 per cent recommendation?")
    assert answer.answered
    assert "read “STRB” as School Teachers’ Review Body" in answer.notes
    assert answer.quotes[0].text.startswith("The union has welcomed the Government’s decision")
    # An acronym the corpus neither uses nor spells out is not read as another name: a question
    # about what it recommended is not answered from the Review Body's recommendation.
    other = engine.answer("How did the union react to the OECD's recommendation on class sizes?")
    assert not other.answered
    assert not any(n.startswith("read “OECD”") for n in other.notes)


def test_an_initialism_in_the_plural_the_corpus_writes_is_written_with_its_letters_spelt_out() -> None:
    names = Acronyms(["Every pupil will have an Individual Development Plan."])
    question = parse_question("How many pupils with IDPs and GCSEs did the school have?")
    assert written_initialisms(question, set(), lambda: names) == (
        ("idp", ("individu", "develop", "plan")), ("gcses", ()))
    # one the corpus never writes is left to be spelt out or said otherwise
    assert written_initialisms(question, {"idp"}, lambda: names) == (("gcses", ()),)
