"""Which organisation a question means by whom it represents ("the heads' union").

An invented corpus: a leaders' association and its Welsh branch, a teachers' union
that has headteachers among its members, a secondary leaders' association, and a
second teachers' union. Each says whom it represents in its own words.
"""

from __future__ import annotations

import pytest

from retrieval.organisations import Directory
from retrieval.represented import Represented, learn
from retrieval.speaker import find_speakers

SOURCES = ["Leaders Association (LA)", "LA Cymru", "Athrawon Union Wales (AUW)", "Secondary Leaders (SL)",
           "Education Union Cymru (EUC)", "Schools Department"]
TEXTS = [
    ("LA Cymru", "LA Cymru represents more than 1,200 headteachers, deputy and assistant heads, and school "
                 "business managers across Wales."),
    ("Leaders Association (LA)", "LA, the union representing school leaders in England, Wales and Northern "
                                 "Ireland, said today that budgets had run out."),
    ("Athrawon Union Wales (AUW)", "AUW represents teachers, headteachers and lecturers in every county."),
    ("Secondary Leaders (SL)", "SL, the association representing secondary school and college leaders in Wales, "
                               "welcomed the report."),
    ("Education Union Cymru (EUC)", "EUC represents teachers and support staff in Wales."),
]


@pytest.fixture(scope="module")
def directory() -> Directory:
    return Directory(SOURCES, TEXTS)


def found(directory: Directory, question: str) -> list[tuple[str, tuple[str, ...], str, bool]]:
    return [(question[m.start:m.end], m.orgs, m.how, m.described) for m in directory.find(question)]


def test_whom_each_says_it_represents_is_learned(directory: Directory) -> None:
    groups = directory.represented.groups
    # Each item of a list, each part of several items, the whole when short; its name ("Leaders
    # Association"); what it says of the branch is the family's.
    assert groups["Leaders Association (LA)"] == {
        ("headteachers",), ("deputy",), ("assistant", "heads"), ("deputy", "assistant", "heads"),
        ("school", "business", "managers"), ("school", "leaders"), ("leaders",)}
    assert groups["Secondary Leaders (SL)"] == {
        ("secondary", "school", "college", "leaders"), ("secondary", "school"), ("college", "leaders")}
    assert groups["Education Union Cymru (EUC)"] == {("teachers",), ("support", "staff"),
                                                     ("teachers", "support", "staff")}
    assert "Schools Department" not in groups


def test_heads_union_is_the_family_whose_members_are_mostly_heads(directory: Directory) -> None:
    # AUW represents headteachers too, but mostly teachers and lecturers; LA's groups are mostly heads.
    assert found(directory, "What did the heads' union in Wales say about budgets?") == [
        ("the heads' union", ("LA Cymru", "Leaders Association (LA)"), "family", True)]


def test_the_words_beside_the_people_pick_among_families(directory: Directory) -> None:
    assert found(directory, "What did the secondary heads' body say about the report?") == [
        ("the secondary heads' body", ("Secondary Leaders (SL)",), "family", True)]
    assert found(directory, "What did the union for secondary heads say?") == [
        ("the union for secondary heads", ("Secondary Leaders (SL)",), "family", True)]


def test_people_several_families_represent_as_plainly_name_none(directory: Directory) -> None:
    assert found(directory, "What did the teachers' union say about pay?") == []


def test_their_union_is_that_of_the_people_named_before_it(directory: Directory) -> None:
    question = "How many heads in Wales have thought about quitting, according to their union's survey?"
    assert found(directory, question) == [("their union", ("LA Cymru", "Leaders Association (LA)"), "family", True)]
    assert find_speakers(question, directory.find(question)).orgs == ("LA Cymru", "Leaders Association (LA)")
    assert found(directory, "Did secondary heads back their association's motion?") == [
        ("their association", ("Secondary Leaders (SL)",), "family", True)]
    # people several families represent as plainly, or none named, name none
    assert found(directory, "How many teachers said their union should strike?") == []
    assert found(directory, "What did ministers say about their union?") == []


def test_a_branch_speaking_at_its_familys_conference_is_heard_in_the_bodys_releases(directory: Directory) -> None:
    def speakers(question: str) -> tuple[str, ...]:
        return find_speakers(question, directory.find(question)).orgs
    assert speakers("What did LA Cymru tell the heads' union conference about grades?") == (
        "LA Cymru", "Leaders Association (LA)")
    assert speakers("What did LA Cymru say at LA's annual conference?") == ("LA Cymru", "Leaders Association (LA)")
    assert speakers("What did LA Cymru say about LA's ballot?") == ("LA Cymru",)  # not a gathering


def test_a_description_beside_a_name_leaves_the_name(directory: Directory) -> None:
    assert found(directory, "What was the heads' union AUW's view on pay?") == [
        ("AUW", ("Athrawon Union Wales (AUW)",), "name", False)]
    assert found(directory, "What did AUW, the heads' union, say?") == [
        ("AUW", ("Athrawon Union Wales (AUW)",), "name", False)]


def test_the_family_found_so_is_asked_about_but_not_firmly(directory: Directory) -> None:
    question = "What did the heads' union say about the Schools Department's budget?"
    speakers = find_speakers(question, directory.find(question))
    assert (speakers.orgs, speakers.firm) == (("Leaders Association (LA)", "LA Cymru"), False)
    assert [m.orgs for m in speakers.mentioned] == [("Schools Department",)]


def test_an_organisations_name_says_whom_it_represents() -> None:
    named = Directory(["National Association of Head Teachers (NAHT-X)", "Teachers Union (TU)"], [])
    assert named.represented.groups["National Association of Head Teachers (NAHT-X)"] == {("head", "teachers")}
    question = "What did the heads' union say?"
    assert [m.orgs for m in named.find(question)] == [("National Association of Head Teachers (NAHT-X)",)]


def test_only_its_own_name_starts_what_it_says_of_itself() -> None:
    represented = Represented()
    learn(represented, "EUC", ["euc"], "The minister represents the government. EUC speaks for 9,000 teachers.")
    assert represented.groups == {"EUC": {("teachers",)}}


def test_whom_its_name_says_it_is_for_comes_before_whom_another_lists() -> None:
    # The secondary leaders' union lists heads among its members as plainly as the head teachers'
    # association's name says heads; the name decides.
    directory = Directory(["Head Teachers Association (HTA)", "School Leaders Union (SLU)"], [
        ("School Leaders Union (SLU)", "SLU is a trade union and professional association representing 9,000 "
                                       "heads, principals and deputies in secondary schools.")])
    assert ("heads",) in directory.represented.groups["School Leaders Union (SLU)"]
    named = directory.represented.named
    assert named["Head Teachers Association (HTA)"] == {("head", "teachers")}
    assert ("school", "leaders") in named["School Leaders Union (SLU)"]
    assert ("heads",) not in named["School Leaders Union (SLU)"]
    assert [m.orgs for m in directory.find("What did the heads' union say?")] == [("Head Teachers Association (HTA)",)]
