"""Organisations learned from the corpus, and who a question asks about.

A small invented corpus: a UK union and its Welsh branch, a federation with a
self-description, an inspectorate described in its releases, a government.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.organisations import Directory
from retrieval.speaker import find_speakers

from .conftest import lexical_engine, plans_releases, release_text

SOURCES = ["Heads Union (HU)", "Heads Union Cymru (HU Cymru)", "Arolwg", "Wales Government", "TSU"]
TEXTS = [
    ("Heads Union (HU)", "The Heads Union (HU) said today that school leaders in England need more time."),
    ("Heads Union Cymru (HU Cymru)", "School leaders' union HU Cymru has warned about budgets."),
    ("Arolwg", "Arolwg, the education inspectorate for Wales, published its annual report today."),
    ("TSU", "The Teaching Staff Union (TSU) balloted its members."),
]


@pytest.fixture(scope="module")
def directory() -> Directory:
    return Directory(SOURCES, TEXTS)


def names(directory: Directory, question: str) -> list[tuple[str, tuple[str, ...], str]]:
    return [(question[m.start:m.end], m.orgs, m.how) for m in directory.find(question)]


def test_branches_are_found_by_their_names(directory: Directory) -> None:
    assert directory.orgs["Heads Union Cymru (HU Cymru)"].parent == "Heads Union (HU)"
    assert directory.orgs["Heads Union Cymru (HU Cymru)"].qualifier == ("cymru",)
    assert directory.orgs["Heads Union (HU)"].branches == ["Heads Union Cymru (HU Cymru)"]


def test_a_name_typed_as_one_word_or_apart_is_the_same_name() -> None:
    found = Directory(["Colegau Cymru", "TeachWales"], [])
    assert [(m.orgs, m.how) for m in found.find("What did ColegauCymru ask for?")] == [(("Colegau Cymru",), "name")]
    assert [(m.orgs, m.how) for m in found.find("What did Teach Wales say?")] == [(("TeachWales",), "name")]


def test_a_name_given_in_two_languages_is_each_of_them() -> None:
    found = Directory(["Colegau Cymru / CollegesWales", "Heads Union (HU)"], [])
    for asked in ("What did Colegau Cymru say?", "What did CollegesWales say?", "What did ColegauCymru say?"):
        assert [(m.orgs, m.how) for m in found.find(asked)] == [(("Colegau Cymru / CollegesWales",), "name")]


def test_a_bare_acronym_covers_the_body_and_its_branches(directory: Directory) -> None:
    both = ("Heads Union (HU)", "Heads Union Cymru (HU Cymru)")
    assert names(directory, "How did HU members vote?") == [("HU", both, "family")]
    # about Wales: the Welsh branch first
    assert names(directory, "How did HU members in Wales vote?") == [("HU", both[::-1], "family")]
    assert names(directory, "What did HU Cymru say?") == [("HU Cymru", both[1:], "branch")]
    assert names(directory, "What did the Heads Union say?") == [("Heads Union", both[:1], "name")]
    # in lower case a description: the family, as the acronym is
    assert names(directory, "What did the heads union say?") == [("heads union", both, "family")]
    assert names(directory, "What did the heads union in Wales say?") == [("heads union", both[::-1], "family")]
    assert names(directory, "What did the Heads Union Cymru say?") == [("Heads Union Cymru", both[1:], "branch")]


def test_names_learned_from_the_releases(directory: Directory) -> None:
    assert names(directory, "What did the Teaching Staff Union say?") == [
        ("Teaching Staff Union", ("TSU",), "name")]
    assert names(directory, "What did the education inspectorate find?") == [
        ("education inspectorate", ("Arolwg",), "name")]
    assert names(directory, "What did the inspectorate find?") == [("inspectorate", ("Arolwg",), "name")]
    # "the union" names nobody: several releases call themselves one
    assert names(directory, "What did the union say?") == []


def test_a_misspelt_acronym_is_read_as_the_nearest(directory: Directory) -> None:
    [mention] = directory.find("What did TUS say?", known=lambda word: False)
    assert (mention.orgs, mention.respelt) == (("TSU",), "TUS")
    # two letters are too few to guess from
    assert directory.find("What did UH say?", known=lambda word: False) == []
    # a word the corpus knows is left alone
    assert directory.find("What did TUS say?", known=lambda word: True) == []


@pytest.mark.parametrize(
    ("question", "speakers", "mentioned"),
    [
        ("What did HU Cymru say about the Wales Government's draft budget?", ["Heads Union Cymru (HU Cymru)"],
         ["Wales Government"]),
        ("How did Arolwg respond to the report?", ["Arolwg"], []),
        ("What is TSU calling for?", ["TSU"], []),
        ("Did TSU back strike action?", ["TSU"], []),
        ("What was HU Cymru's reaction to the budget?", ["Heads Union Cymru (HU Cymru)"], []),
        ("How many schools face cuts, according to HU Cymru?", ["Heads Union Cymru (HU Cymru)"], []),
        ("How many schools face cuts, as cited by HU Cymru?", ["Heads Union Cymru (HU Cymru)"], []),
        ("Who is TSU's president, according to the report of HU Cymru's conference?",
         ["TSU", "Heads Union Cymru (HU Cymru)"], []),
        ("How did TSU members vote?", ["TSU"], []),
        ("What was the turnout in the TSU ballot?", ["TSU"], []),
        ("What was the name of the manifesto HU Cymru published for the 2021 election?",
         ["Heads Union Cymru (HU Cymru)"], []),
        # a role or body of the organisation's
        ("Who was president of HU Cymru in 2018?", ["Heads Union Cymru (HU Cymru)"], []),
        ("What did the members of TSU vote for?", ["TSU"], []),
        ("What did HU Cymru ask the Wales Government to do?", ["Heads Union Cymru (HU Cymru)"],
         ["Wales Government"]),
        ("What did TSU and Arolwg say about attendance?", ["TSU", "Arolwg"], []),
        ("How much money came to the Wales Government from Westminster?", [], ["Wales Government"]),
        # the body, not the branch it talks about
        ("What did HU say about HU Cymru's motion?", ["Heads Union (HU)"], ["HU Cymru"]),
        # a clause about another ("the government accepting …") does not make it speak
        ("How did TSU respond to the Wales Government accepting the offer?", ["TSU"], ["Wales Government"]),
    ],
)
def test_the_speaker_filters_and_a_mention_does_not(directory: Directory, question: str, speakers: list[str],
                                                    mentioned: list[str]) -> None:
    found = find_speakers(question, directory.find(question))
    assert list(found.orgs) == speakers
    assert [question[m.start:m.end] for m in found.mentioned] == mentioned


def test_an_acronym_spelt_out_in_the_releases_names_it() -> None:
    found = Directory(["NEU Cymru", "UCAC"], [
        ("NEU Cymru", "The National Education Union Cymru said teachers work 51 hours a week."),
        ("UCAC", "UCAC, the Welsh-medium education union, balloted its members."),
    ])
    assert names(found, "What did the National Education Union Cymru say?") == [
        ("National Education Union Cymru", ("NEU Cymru",), "name")]
    # Without "Cymru" it is what "NEU" is, not the other union's "education union".
    assert names(found, "What did the National Education Union say?") == [
        ("National Education Union", ("NEU Cymru",), "name")]
    assert names(found, "What did the education union say?") == [("education union", ("UCAC",), "name")]


def test_the_noun_heading_a_name_names_it_after_the() -> None:
    found = Directory(["Department for Schools Wales", "Heads Union (HU)"], [])
    assert names(found, "What did the department say about pay?") == [
        ("department", ("Department for Schools Wales",), "name")]
    assert names(found, "What did the Department say about pay?") == [
        ("Department", ("Department for Schools Wales",), "name")]
    # not without "the": "a department of state", "HU's department heads"
    assert names(found, "Which department of state runs schools?") == []
    # two organisations headed by the same noun: it names neither
    both = Directory(["Department for Schools Wales", "Department for Education"], [])
    assert names(both, "What did the department say?") == []


def test_a_branch_spelling_out_its_acronym_names_the_family() -> None:
    spelt = Directory(["Teaching Staff Union (TSU)", "Teaching Staff Union Cymru (TSU Cymru)"], [
        ("Teaching Staff Union Cymru (TSU Cymru)", "The Teachers Support Union Cymru met today."),
    ])
    both = ("Teaching Staff Union (TSU)", "Teaching Staff Union Cymru (TSU Cymru)")
    assert names(spelt, "What did the Teachers Support Union Cymru say?") == [
        ("Teachers Support Union Cymru", both[1:], "branch")]
    assert names(spelt, "What did the Teachers Support Union say?") == [("Teachers Support Union", both, "family")]


def test_the_noun_ending_a_name_names_it_after_the() -> None:
    found = Directory(["Wales Government", "Heads Union (HU)"], [])
    assert names(found, "What did the government say about pay?") == [("government", ("Wales Government",), "name")]
    assert names(found, "What did the UK government say about pay?") == []
    assert names(found, "How big was the local government settlement?") == []
    assert names(found, "What did the union say?") == []  # too general, as before


def test_a_description_in_the_notes_to_editors_names_it(tmp_path: Path) -> None:
    filler = "The union met ministers today to discuss school budgets. " * 60  # past the opening lines
    release = ("---\ntitle: Budgets\ndate: 2025-01-01\nsource: Athrawon\n---\n" + filler
               + "\n\nNotes to editors: Athrawon is the only Welsh-medium teachers' union in Wales.\n")
    engine = lexical_engine(tmp_path, {"2025-01-01-budgets.md": release})
    assert names(engine.current().directory, "What did the Welsh-medium teachers' union say?") == [
        ("Welsh-medium teachers' union", ("Athrawon",), "name")]


@pytest.mark.parametrize(
    ("question", "firm"),
    [
        ("What did HU Cymru say about pay?", True),
        ("What has HU Cymru been saying about pay?", True),
        ("What is TSU calling for?", True),
        ("What was HU Cymru's reaction to the budget?", True),
        ("Where will TSU hold its conference?", True),  # a deed on its own
        ("How did TSU members vote?", True),
        ("What was the turnout in the TSU ballot?", True),
        ("How much did the Wales Government promise for the pay award?", False),  # others may report it
        ("How many members does TSU represent?", False),
        ("Does TSU support a ban on phones?", True),  # its position: its releases' to give
        ("How much has HU Cymru been given?", False),
        ("How much was cut from grants in the Wales Government's 2024-25 draft budget?", False),  # reported by others
        ("What level of delegation was the Wales Government aiming for?", False),  # its aim, reported by others
        ("What was the turnout in HU Cymru's ballot?", True),  # its own ballot
        ("How many teachers does the Wales Government's plan say are needed?", False),  # others cite it
    ],
)
def test_a_speaker_only_doing_what_is_asked_about_is_not_firm(directory: Directory, question: str,
                                                               firm: bool) -> None:
    found = find_speakers(question, directory.find(question))
    assert found.orgs and found.firm is firm


def test_what_the_speaker_did_is_quoted_from_others_when_its_releases_do_not_say(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2024-01-10-wg-meals.md": (
            "---\ntitle: Free school meals\ndate: 2024-01-10\nsource: Wales Government\n---\n"
            "The Wales Government will extend free school meals to every primary pupil from September."),
        "2024-09-12-tsu-pay.md": (
            "---\ntitle: Pay deal accepted\ndate: 2024-09-12\nsource: Teaching Staff Union (TSU)\n---\n"
            "Members of the Teaching Staff Union have voted to accept the pay offer.\n\n"
            "The Wales Government has promised £38m in additional funding to meet the cost of the pay award."),
    })
    deed = e.answer("How much additional funding did the Wales Government promise for the pay award?")
    assert deed.answered
    assert deed.quotes[0].text == ("The Wales Government has promised £38m in additional funding to meet the cost "
                                   "of the pay award.")
    assert deed.notes == ("no release from Wales Government covers that; quoting other releases",)
    # What it said is its own releases' to answer, or nobody's.
    said = e.answer("What did the Wales Government say about the pay award?")
    assert not said.answered
    assert said.notes == ("searched releases from Wales Government",)


def test_a_full_name_that_is_also_the_acronym_spelt_out_names_the_body_alone() -> None:
    found = Directory(["NEU", "NEU Cymru"], [
        ("NEU", "The National Education Union (NEU) said today that teachers in England need a pay rise."),
        ("NEU", "The National Education Union said its members would vote."),
        ("NEU Cymru", "NEU Cymru said teachers in Wales need a pay rise."),
    ])
    assert ("national", "education", "union") in found.orgs["NEU"].forms
    assert names(found, "What did the National Education Union say about pay?") == [
        ("National Education Union", ("NEU",), "name")]


def test_what_a_release_says_its_organisation_belongs_to_or_meets_names_neither() -> None:
    # "HU Cymru is a member of the Wales Government's schools group" describes neither HU
    # Cymru as a government nor "the Wales Government" as HU Cymru; nor does a list of those
    # talking describe one by the next.
    found = Directory(["Heads Union Cymru (HU Cymru)", "Wales Government"], [
        ("Heads Union Cymru (HU Cymru)", "HU Cymru is a member of the Wales Government's schools group."),
        ("Heads Union Cymru (HU Cymru)", "HU Cymru is a member of the Wales Government schools forum."),
        ("Heads Union Cymru (HU Cymru)", "HU Cymru is the school leaders' union in Wales."),
        # a list, not "the Wales Government, the UK Government, …" in apposition
        ("Wales Government", "It follows talks between the Wales Government, the UK Government and the unions."),
    ])
    assert found.orgs["Heads Union Cymru (HU Cymru)"].descriptions == {("school", "leaders", "union")}
    assert found.orgs["Wales Government"].descriptions == set()
    assert names(found, "What did the UK Government say?") == []
    assert names(found, "What did the Wales Government's budget give schools?") == [
        ("Wales Government", ("Wales Government",), "name")]
    assert names(found, "What did the school leaders' union say?") == [
        ("school leaders' union", ("Heads Union Cymru (HU Cymru)",), "name")]


def test_a_long_name_given_without_a_short_one_is_named_by_its_initials() -> None:
    found = Directory(["Wales Council Network", "Schools Workforce Council", "Heads Union (HU)",
                       "Wales Council News"], [])
    assert names(found, "What did the SWC say about pay?") == [("SWC", ("Schools Workforce Council",), "name")]
    # two names with the same initials: they name neither
    assert names(found, "What did the WCN say about pay?") == []
    # a name with its own short name is not given another
    assert found.orgs["Heads Union (HU)"].acronyms == {"hu"}


def test_a_name_ending_in_its_country_is_named_without_it() -> None:
    found = Directory(["Children's Commissioner for Wales", "Wales Government", "Heads Union (HU)"], [])
    assert names(found, "What did the Children's Commissioner say about the school year?") == [
        ("Children's Commissioner", ("Children's Commissioner for Wales",), "name")]
    # not where another organisation has that name
    both = Directory(["Children's Commissioner for Wales", "Children's Commissioner", "Wales Government"], [])
    assert names(both, "What did the Children's Commissioner say about the school year?") == [
        ("Children's Commissioner", ("Children's Commissioner",), "name")]


def test_an_organisation_named_by_its_description_is_searched_first_not_only() -> None:
    # "the teachers' union" is how one union's releases describe it; a reader may mean another.
    found = Directory(["UCAC", "NEU Cymru"], [("UCAC", "UCAC, the teachers' union, balloted its members.")])
    described = find_speakers("How far in the red were schools, according to the teachers' union?",
                              found.find("How far in the red were schools, according to the teachers' union?"))
    assert described.orgs == ("UCAC",) and not described.firm
    named = find_speakers("How far in the red were schools, according to UCAC?",
                          found.find("How far in the red were schools, according to UCAC?"))
    assert named.orgs == ("UCAC",) and named.firm


def test_a_speaker_in_capitals_the_corpus_never_names_said_nothing_in_it(tmp_path: Path,
                                                                         directory: Directory) -> None:
    from retrieval.speaker import unheard_speakers
    question = "What did the WLGA say about the Wales Government's draft budget?"
    assert unheard_speakers(question, directory.find(question)) == ("WLGA",)
    # ... not an organisation of the corpus's, nor one merely named
    for known in ("What did HU say about the draft budget?", "What does the draft budget mean for the WLGA?"):
        assert unheard_speakers(known, directory.find(known)) == (), known
    assert unheard_speakers("According to UNISON, how many staff left?", []) == ("UNISON",)
    # Someone else is asked what they said: the Government whose budget it is is not the speaker.
    assert find_speakers(question, directory.find(question)).orgs == ()
    e = lexical_engine(tmp_path, {
        "2024-12-10-wg-budget.md": (
            "---\ntitle: Draft budget\ndate: 2024-12-10\nsource: Wales Government\n---\n"
            "The Wales Government has published its draft budget for 2025-26, with more for schools."),
        "2024-12-11-hu-budget.md": (
            "---\ntitle: Union on the budget\ndate: 2024-12-11\nsource: Heads Union Cymru (HU Cymru)\n---\n"
            "HU Cymru said the draft budget from the Wales Government would not meet rising costs.\n\n"
            "The Teaching Staff Union and the Local Councils Association (LCA) agreed with it."),
    })
    answer = e.answer(question)
    assert not answer.answered and answer.reason == "no release is from or mentions WLGA"
    assert answer.explanation == "No release in the collection is from WLGA or mentions it."
    # nor is a name in capitals read as a corpus word spelt nearly so ("UNISON" is not "union")
    assert e.answer("What did UNISON say about the draft budget?").reason == "no release is from or mentions UNISON"
    # A name the corpus writes, or spells out, may be quoted by others.
    assert e.answer("What did the LCA say about the draft budget?").reason != "no release is from or mentions LCA"
    assert e.answer("What did the TSU say about the draft budget?").reason != "no release is from or mentions TSU"


def test_a_body_the_corpus_only_spells_out_speaks_only_in_the_releases_naming_it(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2025-10-14-wg-budget.md": (
            "---\ntitle: Draft budget 2026-27\ndate: 2025-10-14\nsource: Wales Government\n---\n"
            "The Wales Government has published its draft budget for 2026-27, with more for local government."),
        "2024-11-19-wg-school-year.md": (
            "---\ntitle: School year decision\ndate: 2024-11-19\nsource: Wales Government\n---\n"
            "The Wales Government will not change the school year.\n\n"
            "The decision was welcomed by the Local Councils Association, which had raised concerns about "
            "the cost of the school year reforms."),
        **plans_releases(2023, ("attendance", "behaviour", "inspection", "curriculum"), "Wales Government",
                         "The Wales Government has announced new plans for {} in schools."),
    })
    budget = e.answer("What did the LCA say about the Wales Government's draft budget for 2026-27?")
    assert not budget.answered
    assert budget.reason == "none of the releases found names the speaker the question asks about on that"
    school_year = e.answer("What did the LCA say about the school year decision?")
    assert school_year.answered
    assert school_year.quotes[0].text.startswith("The decision was welcomed by the Local Councils Association")


def test_a_measure_of_the_speakers_is_quoted_from_others_reporting_it(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2023-12-19-wg-budget.md": (
            "---\ntitle: Draft budget published\ndate: 2023-12-19\nsource: Wales Government\n---\n"
            "The Wales Government has published its draft budget for 2024-25, protecting core school funding."),
        "2023-12-20-hu-budget.md": (
            "---\ntitle: Union responds to draft budget\ndate: 2023-12-20\nsource: Heads Union Cymru (HU Cymru)\n---\n"
            "HU Cymru said the draft budget for 2024-25 includes a cut of around £20m to education grants."),
    })
    cut = e.answer("How much was cut from education grants in the Wales Government's 2024-25 draft budget?")
    assert cut.answered
    assert cut.quotes[0].text == ("HU Cymru said the draft budget for 2024-25 includes a cut of around £20m to "
                                  "education grants.")
    assert cut.notes[-1] == "no release from Wales Government covers that; quoting other releases"


def test_what_a_person_named_in_full_said_is_quoted_only_from_a_release_naming_them(tmp_path: Path) -> None:
    source = "Example Heads Union"
    e = lexical_engine(tmp_path, {
        "2019-12-03-pisa.md": release_text(
            "2019-12-03", "Union responds to the PISA 2018 results",
            "The union said the PISA 2018 results showed the first improvement in Wales for a decade.",
            "Dai Williams, the union's director, said the PISA results were a tribute to teachers.",
            "Mr Williams added: \"Politicians must resist the temptation to change course.\"",
            source=source),
        "2019-11-05-pay.md": release_text(
            "2019-11-05", "Union writes to the Minister on pay",
            "The union will write to the Education Minister, Kirsty Williams, about the pay award.",
            source=source),
        "2021-09-01-aln.md": release_text(
            "2021-09-01", "New additional learning needs system begins",
            "The Minister, Jeremy Miles, said the new additional learning needs system was a "
            "once-in-a-generation change.",
            source="Example Government"),
    })
    declined = e.answer("What did Kirsty Williams say about the PISA 2018 results?")
    assert not declined.answered
    assert declined.reason == "none of the releases found names the speaker the question asks about on that"
    answered = e.answer("What did Jeremy Miles say about the new additional learning needs system?")
    assert answered.answered
    assert answered.quotes[0].text.startswith("The Minister, Jeremy Miles, said")
    # Of a time none of the releases covers, the words of another naming the time are not theirs.
    later = lexical_engine(tmp_path / "later", {
        "2020-11-03-pay.md": release_text(
            "2020-11-03", "Union welcomes rise for new teachers",
            "The Minister for Education, Kirsty Williams, confirmed today that new teachers will receive a rise.",
            "The union said it would argue for the 2021 pay award to be paid from September.",
            source=source),
        **plans_releases(2019, ("meals", "attendance", "behaviour", "inspection"), source)})
    elsewhere = later.answer("What did Kirsty Williams say about the 2021 pay award?")
    assert not elsewhere.answered and elsewhere.reason == "no release in January 2021 to March 2022 covers that"


def test_a_deed_of_the_speakers_at_a_time_is_quoted_from_anothers_release_of_then(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2025-07-15-union-pay.md": release_text(
            "2025-07-15", "Union welcomes 4 per cent pay award",
            "The union has welcomed the Wales Government's decision to accept a 4 per cent pay rise for teachers "
            "from September 2025.",
            "The union noted that the Wales Government had confirmed additional funding of £41m towards the cost of "
            "the award.",
            source="Heads Union Cymru (HU Cymru)"),
        "2019-12-16-wg-budget.md": release_text(
            "2019-12-16", "Draft budget", "The budget includes money towards the cost of the teachers' pay award.",
            source="Wales Government"),
        **plans_releases(2023, ("attendance", "behaviour", "inspection", "curriculum"), "Wales Government",
                         "The Wales Government has new plans for {} in schools."),
    })
    asked = "How much did the Wales Government put towards the cost of the September 2025 teachers' pay rise?"
    answer = e.answer(asked)
    assert answer.answered
    assert answer.notes[-2:] == (
        "no release from Wales Government covers that; quoting other releases",
        "no release in September 2025 covers that; quoting one from another time that speaks of September 2025")
    assert [q.text for q in answer.quotes[:2]] == [
        "The union has welcomed the Wales Government's decision to accept a 4 per cent pay rise for teachers from "
        "September 2025.",
        "The union noted that the Wales Government had confirmed additional funding of £41m towards the cost of the "
        "award."]
