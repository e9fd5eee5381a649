"""A "Where …?" is answered by the sentence naming the place, though it shares no word with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.answer_scan import held_event
from retrieval.answertype import asks_school, asks_venue, expected_type, gives_venue, places
from retrieval.question import parse_question

from .conftest import lexical_engine

CONFERENCE = ("---\ntitle: Heads' conference warns on workload\ndate: 2017-05-20\nsource: Example Heads Union\n---\n"
              "The union has today warned at its annual conference in Wales that workload is driving heads out of "
              "the profession.\n\n"
              "Delegates meeting at the Glanrafon Hall in Llandudno heard the results of a survey of 340 school "
              "leaders.\n\n"
              "The annual conference took place on 19 and 20 May 2017.\n")


def other_releases(n: int = 20) -> dict[str, str]:
    """Releases on other topics, enough paragraphs for a name in one to be rare, "Wales" in all."""
    body = "\n\n".join(f"Paragraph {i} on school budgets in Wales and what councils spend." for i in range(5))
    return {f"2020-01-{d + 1:02d}-budget.md": (f"---\ntitle: Budget {d}\ndate: 2020-01-{d + 1:02d}\n"
                                               f"source: Example Councils\n---\n{body}\n") for d in range(n)}


@pytest.mark.parametrize("question, kind", [
    ("Where did the union hold its 2017 conference?", "place"),
    ("Which venue hosted the conference?", "place"),
    ("Who opened the conference?", "name"),
    ("Which town hosted the conference?", "place"),
    ("In which seaside town was the conference?", "place"),
    ("Which school hosted the conference?", "place"),  # where it was: "at Ysgol Bryn Elian"
    ("Which primary school in Caerphilly did the speaker lead?", "place"),  # its name, not "a school in Caerphilly"
    ("Which local authority had the highest rate of persistent absence?", "place"),  # "in Blaenau Gwent"
    ("Which local authorities did the union warn about docking pay?", "place"),
    ("Which school in Cardiff reported the most assaults on staff?", "place"),  # its name
    ("Which Swansea school did the Chief Inspector visit?", "place"),
    ("What is the name of the Wrexham primary school where a head was pinned against a wall?", "place"),
    ("In which places were rallies planned for the first strike day?", "place"),
    ("Which places in Wales held rallies?", "place"),
    ("What took place in 2019?", None),  # (a place of no question word's)
    # a position, not a place
    ("Where does the union stand on school attendance?", None),
    ("Where do the unions stand over pay?", None),
])
def test_where_asks_for_a_place(question: str, kind: str | None) -> None:
    assert expected_type(question) == kind


def test_the_kind_of_place_asked_for_is_no_topic_word() -> None:
    from retrieval.question import parse_question
    assert parse_question("In which seaside town was the 2019 conference held?").core == ("2019", "confer", "held")
    # nor is hosting it: asked where, it shapes the question
    assert parse_question("Which seaside town hosted the 2019 conference?").core == ("2019", "confer")
    assert parse_question("In which towns and cities did the union plan rallies?").core == ("plan", "ralli")
    assert parse_question("In which places were rallies planned?").core == ("ralli", "plan")


def test_a_place_is_a_name_after_at_in_or_near() -> None:
    sentence = "Delegates meeting at the Glanrafon Hall in Llandudno heard the results."
    assert places(sentence, set()) == ["Glanrafon Hall", "Llandudno"]
    assert places(sentence, {"llandudno"}) == ["Glanrafon Hall"]  # the question's own place is not an answer
    assert places("The conference took place on 19 and 20 May 2017, in May.", set()) == []
    # the day it was there is no part of the place's name
    assert places("Members at an event in Llandrindod Wells on Saturday said so.", set()) == ["Llandrindod Wells"]
    assert places("Delegates met in Stratford on Avon.", set()) == ["Stratford on Avon"]
    # A place with a word of its own is new, though it shares another with the question.
    assert places("Leaders met at the Meridian Conference Centre.", {"confer", "birmingham"}) == [
        "Meridian Conference Centre"]
    assert places("The conference in Birmingham heard him.", {"confer", "birmingham"}) == []


VENUE = ("---\ntitle: Leaders' conference hears of budget squeeze\ndate: 2016-03-05\nsource: Example Leaders\n---\n"
         "Schools face the worst squeeze in a generation, the union's general secretary told its annual conference in "
         "Birmingham today.\n\n"
         "Speaking to 1,200 leaders at the Meridian Conference Centre, Jane Kaye said budgets were at breaking point."
         "\n\nThe conference continues tomorrow.\n")


def test_the_sentence_naming_the_venue_leads_though_the_question_names_the_city(tmp_path: Path) -> None:
    engine = lexical_engine(tmp_path, {"2016-03-05-conference.md": VENUE, **other_releases()})
    answer = engine.answer("Which venue in Birmingham hosted the union's 2016 annual conference?")
    assert answer.answered
    assert answer.quotes[0].text == ("Speaking to 1,200 leaders at the Meridian Conference Centre, Jane Kaye said "
                                     "budgets were at breaking point.")


def test_the_sentence_naming_the_place_leads(tmp_path: Path) -> None:
    engine = lexical_engine(tmp_path / "dated", {"2017-05-20-conference.md": CONFERENCE, **other_releases()})
    answer = engine.answer("Where did the union hold its 2017 annual conference?")
    assert answer.answered
    assert answer.quotes[0].text == ("Delegates meeting at the Glanrafon Hall in Llandudno heard the results of a "
                                     "survey of 340 school leaders.")
    # Undated text (an encyclopaedia's paragraphs) names places as its subject: not read so.
    undated = {name: text.replace(f"date: {name[:10]}\n", "")
               for name, text in {"2017-05-20-conference.md": CONFERENCE, **other_releases()}.items()}
    plain = lexical_engine(tmp_path / "undated", undated).answer("Where did the union hold its 2017 annual conference?")
    assert plain.answered and plain.quotes[0].text == "The annual conference took place on 19 and 20 May 2017."


def test_a_release_naming_no_place_but_the_countrys_does_not_say_where(tmp_path: Path) -> None:
    unplaced = CONFERENCE.replace("Delegates meeting at the Glanrafon Hall in Llandudno heard",
                                  "Delegates meeting at the union's conference over the Easter weekend heard")
    engine = lexical_engine(tmp_path, {"2017-05-20-conference.md": unplaced, **other_releases()})
    answer = engine.answer("Where did the union hold its 2017 annual conference?")
    assert not answer.answered
    assert answer.reason == "the releases found do not say where"
    assert answer.evidence["place_missing"] == 1.0
    # In a small collection, a place in a good share of it is still a place ("in Wales").
    few = lexical_engine(tmp_path / "few", {"2017-05-20-conference.md": unplaced, **other_releases(2)})
    assert few.answer("Where did the union hold its 2017 annual conference?").evidence["place_missing"] == 0.0


HUSTINGS = ("---\ntitle: Heads union publishes its manifesto\ndate: 2016-03-15\nsource: Example Heads Union\n---\n"
            "The union has today published its manifesto for the Assembly election, with five commitments.\n\n"
            "The union will hold hustings for candidates in Cardiff, Carmarthen and Wrexham during April.\n")


def test_where_an_event_was_held_is_not_answered_by_a_release_never_naming_it(tmp_path: Path) -> None:
    assert held_event(parse_question("Where was the union's annual conference held in 2016?")) == ("confer",)
    assert held_event(parse_question("Where did the rally take place?")) == ("ralli",)
    assert held_event(parse_question("Where did the union hold its 2017 annual conference?")) == ()
    engine = lexical_engine(tmp_path, {"2016-03-15-manifesto.md": HUSTINGS, **other_releases()})
    hustings = engine.answer("Where were the union's hustings held in 2016?")
    assert hustings.answered and "Cardiff, Carmarthen and Wrexham" in hustings.quotes[0].text
    # The release names places, but of its hustings: it does not say where a conference was.
    absent = engine.answer("Where was the union's annual conference held in 2016?")
    assert not absent.answered and absent.evidence["place_missing"] == 1.0


def test_which_local_authority_is_not_answered_by_a_release_naming_none(tmp_path: Path) -> None:
    absence = ("---\ntitle: Inspectorate annual report\ndate: 2024-01-24\nsource: Example Inspectorate\n---\n"
               "Owen Example, Chief Inspector of Education in Wales, said the proportion of pupils persistently "
               "absent had more than doubled.\n\n"
               "Local authorities and schools must work together on attendance.\n")
    engine = lexical_engine(tmp_path, {"2024-01-24-report.md": absence, **other_releases()})
    answer = engine.answer("Which local authority had the highest rate of persistent absence?")
    assert not answer.answered and answer.reason == "the releases found do not say where"
    named = absence.replace("had more than doubled.", "had more than doubled, and was highest in Blaenau Gwent.")
    again = lexical_engine(tmp_path / "named", {"2024-01-24-report.md": named, **other_releases()})
    assert again.answer("Which local authority had the highest rate of persistent absence?").answered


def test_which_school_is_answered_by_a_schools_name_not_a_town(tmp_path: Path) -> None:
    banding = ("---\ntitle: Heads warn on school banding\ndate: 2012-06-20\nsource: Example Heads Union\n---\n"
               "The union has warned that banding tells parents little about their schools.\n\n"
               "A crude label tells a parent in Merthyr or Maesteg nothing useful: a school in band four can be "
               "doing remarkable work.\n")
    engine = lexical_engine(tmp_path, {"2012-06-20-banding.md": banding, **other_releases()})
    question = "Which school in Maesteg did the union say was doing remarkable work despite its band?"
    answer = engine.answer(question)
    assert not answer.answered and answer.reason == "the releases found do not say where"
    named = banding.replace("a school in band four can be", "Ysgol Cwm Garw, a school in band four, can be")
    again = lexical_engine(tmp_path / "named", {"2012-06-20-banding.md": named, **other_releases()}).answer(question)
    assert again.answered and "Ysgol Cwm Garw" in again.quotes[0].text
    named_asked = "What is the name of the Maesteg school the union said was doing remarkable work despite its band?"
    assert engine.answer(named_asked).reason == "the releases found do not say where"


@pytest.mark.parametrize("sentence, schools", [
    ("Visiting Ysgol Gynradd Pen-y-Garth in Caerphilly, the Minister said", ["Ysgol Gynradd Pen-y-Garth"]),
    ("Speaking during a visit to Maesglas High School in Newport", ["Maesglas High School"]),
    ("Heads in Powys and Pembrokeshire reported cuts at a school in Maesteg", []),
])
def test_the_schools_a_sentence_names(sentence: str, schools: list[str]) -> None:
    assert places(sentence, {"which", "school"}, school=True) == schools


STRIKE = ("---\ntitle: Teachers vote to strike\ndate: 2023-01-16\nsource: Example Teachers Union\n---\n"
          "Teachers have voted to strike, with the first strike day set for Wednesday 1 February.\n\n"
          "The union has announced four strike days: 1 February, 14 February, 2 March and 16 March.\n")
RALLIES = ("---\ntitle: Strike goes ahead\ndate: 2023-01-31\nsource: Example Teachers Union\n---\n"
           "The union has confirmed that tomorrow's strike will go ahead after talks failed.\n\n"
           "Rallies will be held in Cardiff, Swansea, Wrexham and Aberystwyth.\n")


def test_the_best_sentence_found_may_say_where_whatever_its_release(tmp_path: Path) -> None:
    engine = lexical_engine(tmp_path, {"2023-01-16-ballot.md": STRIKE, "2023-01-31-strike.md": RALLIES,
                                       **other_releases()})
    answer = engine.answer("In which towns and cities did the union plan rallies for the first strike day?")
    assert answer.answered
    assert answer.quotes[0].text == "Rallies will be held in Cardiff, Swansea, Wrexham and Aberystwyth."
    # (not of an event it never names: a conference is no rally)
    assert not engine.answer("Where was the union's first annual conference held in 2023?").answered


def release(date: str, title: str, *paragraphs: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsource: Example Heads Union\n---\n" + "\n\n".join(paragraphs) + "\n"


def test_a_venue_asked_for_is_a_venue_not_the_town(tmp_path: Path) -> None:
    assert asks_venue("Which venue in Llandudno hosted the union's first conference?")
    assert gives_venue("Delegates met at the Glanrafon Hall.", set()) and gives_venue("It met at the Senedd.", set())
    assert not gives_venue("The union will hold its first conference in Llandudno.", set())
    assert gives_venue("It met at Venue Cymru.", set()) and not gives_venue("Delegates at NAHT's conference.", set())
    # the kind of place asked for may be part of the name: "At which venue did HU Cymru meet?"
    assert gives_venue("It met at Venue Cymru, Llandudno.", {"venue", "hu", "cymru", "meet"})
    assert places("It met at Venue Cymru, Llandudno.", {"venue", "hu", "cymru", "meet"}) == ["Venue Cymru"]
    e = lexical_engine(tmp_path, {
        "2017-09-01-launch.md": release(
            "2017-09-01", "New union launched",
            "The new union will hold its first conference in Llandudno in the spring.",
            "Its office will be based in Cardiff, with regional staff in Swansea."),
        "2023-04-17-ballot.md": release(
            "2023-04-17", "Ballot result", "The union's ballot narrowly missed the turnout threshold.",
            "The union's annual conference takes place in Telford at the end of the month."),
        "2023-04-29-conference.md": release(
            "2023-04-29", "Conference votes to re-ballot",
            "Delegates at the union's annual conference in Telford have voted to re-ballot members.",
            "The motion, moved at the Telford International Centre, instructs the union to open a new ballot."),
        **other_releases()})
    # (a town the question names, or another, is no venue)
    first = e.answer("Which venue in Llandudno hosted the union's first conference?")
    assert not first.answered and first.reason == "the releases found do not say where"
    # (the next release found names it, the leading one only the town)
    venue = e.answer("Which venue hosted the union's annual conference in 2023?")
    assert venue.answered
    assert "at the Telford International Centre" in " ".join(q.text for q in venue.quotes[:2])


def test_so_many_schools_asked_for_are_named_in_the_rest_of_the_release(tmp_path: Path) -> None:
    assert asks_school("Which two island secondary schools were shut because of dodgy concrete?")
    assert not asks_school("Which schools will be inspected first?")  # a kind of school, as often as names
    concrete = release(
        "2023-09-12", "Survey of school buildings needed",
        "The union has called for a full survey of school buildings, after two secondary schools on Anglesey were "
        "closed because of crumbling concrete.",
        "The council shut Ysgol Bro Menai in Porthaethwy and Ysgol Cybi in Caergybi last week.",
        "The union said staff had worked hard to keep pupils learning.")
    e = lexical_engine(tmp_path, {"2023-09-12-concrete.md": concrete, **other_releases()})
    answer = e.answer("Which two secondary schools on Anglesey were closed because of crumbling concrete?")
    assert answer.answered
    assert answer.quotes[0].text == "The council shut Ysgol Bro Menai in Porthaethwy and Ysgol Cybi in Caergybi last week."
