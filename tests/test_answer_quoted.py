"""The sentence giving what a question asks for is quoted, whatever else scores higher.

A figure or a date asked for, a closing date sharing no word with the question, the school
subjects a "Which subjects …?" asks for; and the words that only hedge a question
("Roughly how many …?") are not what it is about.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.analysis import words
from retrieval.answertype import expected_type, figure_beside, figure_focus, offers
from retrieval.question import parse_question
from retrieval.quoting import Sentence, make_quotes
from retrieval.schema import Hit, Passage

from .conftest import lexical_engine, release_text


def release(date: str, title: str, *paragraphs: str) -> str:
    return release_text(date, title, *paragraphs, source="Example Teachers' Union")


def others(months: range = range(1, 6)) -> dict[str, str]:
    """A release a month of 2019 on school budgets: enough others for a release's words to be rare."""
    return {f"2019-0{m}-01-other.md": release(f"2019-0{m}-01", f"Other {m}", "School budgets are tight.")
            for m in months}


def sentence(doc: str, rank: int, text: str, score: float) -> Sentence:
    hit = Hit(Passage(doc, rank, 0, len(text), text), score, "bm25")
    return Sentence(rank, 0, hit, 0, len(text), score, score, None)


def test_the_sentence_giving_the_figure_asked_for_is_quoted_though_it_scores_far_below_the_best() -> None:
    asked = parse_question("What was the turnout when members in Wales were balloted on industrial action in 2023?")
    opening = sentence("2023-02-10-uk.md", 0, "Members in England voted for industrial action, but the ballot did "
                                              "not meet the turnout threshold.", 10.0)
    unlike = sentence("2023-02-14-wales.md", 1, "Unlike members in England, members in Wales now have a mandate "
                                                "for industrial action.", 4.0)
    turnout = sentence("2023-02-14-wales.md", 2, "In the ballot, 56.3 per cent of those eligible voted.", 2.0)
    quoted = [q.text for q in make_quotes(asked, [opening, unlike, turnout], {})]
    assert quoted == [opening.text, unlike.text, turnout.text]
    # without it, only the two near the best (a third of its score is the floor)
    assert [q.text for q in make_quotes(parse_question("What did members in Wales say about the ballot?"),
                                        [opening, unlike, turnout], {})] == [opening.text, unlike.text]
    # with as many quotes as allowed, it takes the last place
    assert [q.text for q in make_quotes(asked, [opening, unlike, turnout], {}, max_quotes=2)] == [
        opening.text, turnout.text]


def test_a_closing_date_sharing_no_word_with_the_question_leads(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2023-03-07-offer.md": release(
            "2023-03-07", "Union to consult members on revised pay offer",
            "The union will consult its members on the revised pay offer, which it says is an improvement.",
            "The revised offer includes an additional 3 per cent for 2022-23 and a 5 per cent increase from "
            "September 2023.",
            "The consultation will close on 17 March."),
        **others()})
    answer = e.answer("By what date did members have to respond on the revised 2023 pay offer?")
    assert answer.answered and answer.quotes[0].text == "The consultation will close on 17 March."


def test_which_subjects_asks_for_school_subjects_by_name(tmp_path: Path) -> None:
    assert expected_type("Which subjects were big schools dropping because money was tight?") == "subject"
    assert expected_type("What GCSE subjects will be reformed first?") == "subject"
    words = set(parse_question("Which subjects were schools dropping?").words)
    assert offers("The subjects most often cut were modern foreign languages, music and design and technology.",
                  "subject", words)
    # two subjects named, not "Welsh" of the Welsh Government, nor a word the question holds
    assert not offers("The Welsh Government cut funding for music.", "subject", words)
    assert not offers("Schools cut music and drama.", "subject", {"which", "music", "drama"})
    e = lexical_engine(tmp_path, {
        "2017-11-21-survey.md": release(
            "2017-11-21", "Funding survey",
            "Secondary schools are dropping GCSE and A level courses because of funding pressures, according to "
            "a survey of secondary schools published today.",
            "The survey found that schools were cutting posts because money was tight.",
            "The subjects most often cut were modern foreign languages, music and design and technology."),
        **others()})
    answer = e.answer("Which subjects were secondary schools dropping because of funding pressures in 2017?")
    assert answer.answered
    assert answer.quotes[0].text == ("The subjects most often cut were modern foreign languages, music and design "
                                     "and technology.")


def test_words_that_hedge_a_question_are_not_its_topic() -> None:
    for question in ("Roughly how many members did the union have in 2014?",
                     "Approximately how many members did the union have in 2014?"):
        assert [g.stem for g in parse_question(question).groups if g.core] == ["member", "2014"], question
    # (elsewhere such a word may be the topic's: "nearly incompressible flow")
    assert [g.stem for g in parse_question("What is nearly incompressible flow?").groups if g.core] == [
        "near", "incompress", "flow"]
    assert [g.stem for g in parse_question("How large was the sample in the union's behaviour survey?").groups
            if g.core] == ["sampl", "behaviour", "survey"]


def test_a_fee_asked_for_is_a_sum_of_money() -> None:
    fee = parse_question("What was the registration fee for school teachers in 2022?")
    assert fee.expects == "number" and fee.money
    assert fee.offered_by("The annual registration fee for school teachers will remain at £46.")
    assert not fee.offered_by("On 31 March 2022 there were 40,312 school teachers on the register.")
    assert parse_question("How much did the registration fee for teachers rise to in 2020?").money
    assert parse_question("How much is the registration fee?").money
    assert not parse_question("How much did salaries fall in real terms?").money  # (a share may say)


def test_which_centre_asks_for_a_place_other_than_the_town_named(tmp_path: Path) -> None:
    assert expected_type("Which conference centre hosted the union's 2025 conference in Harrogate?") == "place"
    e = lexical_engine(tmp_path, {
        "2025-04-15-survey.md": release(
            "2025-04-15", "Workload survey",
            "Two in three teachers expect to leave, according to a survey published today at the union's annual "
            "conference in Harrogate.",
            "The union is calling for a limit on working hours."),
        **others()})
    answer = e.answer("Which conference centre hosted the union's 2025 annual conference in Harrogate?")
    assert not answer.answered and answer.reason == "the releases found do not say where"


def test_those_who_voted_for_something_are_counted_by_the_share_of_voters_who_did() -> None:
    walk_out = parse_question("How many teachers in Wales voted to walk out in January 2023?")
    assert walk_out.offered_by("Of NEU members in Wales who voted, 92.28 per cent backed strike action, on a "
                               "turnout of 58.1 per cent.")
    assert walk_out.offered_by("92 per cent of members who voted backed strike action.")
    # not a share of something else, nor a count of others
    assert not walk_out.offered_by("Of the 1,200 schools in Wales, 92 per cent were open.")
    assert not parse_question("How many teachers in Wales took part in the survey?").offered_by(
        "Of NEU members in Wales who voted, 92.28 per cent backed strike action.")
    # "How strongly did they vote …?" asks by what share, and "strongly" is no topic word
    strongly = parse_question("How strongly did teachers in Wales vote to walk out in January 2023?")
    assert strongly.expects == "number" and strongly.share and "strong" not in strongly.core
    assert strongly.offered_by("Of NEU members in Wales who voted, 92.28 per cent backed strike action.")
    assert not strongly.offered_by("Teachers in Wales will walk out on Wednesday 1 February.")


def test_how_many_members_an_organisation_has_is_how_many_it_represents(tmp_path: Path) -> None:
    members = parse_question("How many members does the union have?")
    assert members.membership and parse_question("Roughly how many members did the union have in 2014?").membership
    assert parse_question("By 2017, how many school leaders in Wales belonged to the union?").membership
    assert not parse_question("How many members have voted for action?").membership
    assert members.offered_by("The union represents around 4,500 teachers, headteachers and lecturers in Wales.")
    assert members.offered_by("The union has around 4,500 members in schools and colleges.")
    # not a share of them, nor those a survey asked
    assert not members.offered_by("Members of the union have voted for action, but the turnout fell short of the "
                                  "50 per cent threshold.")
    assert not members.offered_by("The survey of 1,780 members in Wales was carried out in September.")
    # however the question opens, and whoever it names as the members
    assert parse_question("At the time of its formation, how many members did the church have?").offered_by(
        "At the time of its formation, the church had about 11 million members in nearly 42,000 congregations.")
    assert parse_question("How many people belong to the university's board of trustees?").offered_by(
        "The board oversees the plans of the university and is composed of 50 members.")
    assert parse_question("What was the total membership of the church in 2008?").offered_by(
        "By 2008, total membership of the church was estimated at 11.4 million.")
    e = lexical_engine(tmp_path, {
        "2023-02-07-ballot.md": release(
            "2023-02-07", "Ballot result",
            "Members of the union have voted for industrial action over pay, but the turnout in the union's ballot "
            "fell short of the 50 per cent threshold required by law.",
            "The union said it would consult its members on a further ballot.",
            "The union represents around 4,500 teachers, headteachers and lecturers in Wales."),
        **others()})
    answer = e.answer("How many members does the union have?")
    assert answer.answered and answer.quotes[0].text == (
        "The union represents around 4,500 teachers, headteachers and lecturers in Wales.")


def test_asked_where_hosting_shapes_the_question(tmp_path: Path) -> None:
    assert [g.stem for g in parse_question("Which city hosted the union's conference?").groups if g.core] == [
        "confer"]
    # (asked what else, hosting is a topic word)
    assert "host" in [g.stem for g in parse_question("How many events has the union hosted?").groups if g.core]
    e = lexical_engine(tmp_path, {
        "2017-10-21-conference.md": release(
            "2017-10-21", "Annual conference",
            "Delegates at the union's annual conference in Aberystwyth called for action on teacher shortages.",
            "The conference, held at the Marine Hotel on the seafront, heard that training numbers had fallen."),
        **others()})
    answer = e.answer("Which Aberystwyth hotel hosted the union's 2017 conference?")
    assert answer.answered
    assert [q.text for q in answer.quotes if "Marine Hotel" in q.text] == [
        "The conference, held at the Marine Hotel on the seafront, heard that training numbers had fallen."]


def test_a_count_of_those_who_answered_names_who_they_are() -> None:
    parents = parse_question("How many parents responded to the consultation on the school year?")
    assert not parents.offered_by("The consultation received more than 16,000 responses.")
    assert parents.offered_by("More than 4,000 parents and carers responded to the consultation.")
    # a union's members are whoever it represents; anyone is anyone
    assert parse_question("How many school leaders answered the union's survey in January 2023?").offered_by(
        "The survey of 312 members found that 88 per cent were worried about funding.")
    assert parse_question("How many people responded to the consultation?").offered_by(
        "The consultation received more than 16,000 responses.")


def test_what_something_costs_is_a_sum_given_as_its_cost() -> None:
    cost = parse_question("What is the total cost of the 2025 teachers' pay award in Wales?")
    assert cost.costing
    assert not cost.offered_by("The award will take the starting salary for qualified teachers to £33,636.")
    assert cost.offered_by("The award will cost schools in Wales an estimated £44m a year.")
    assert cost.offered_by("The Government will provide £12.8m to local authorities to meet the cost of the award.")
    # a sum asked for otherwise may be given any way
    assert not parse_question("How much did the Government give schools for the award?").costing
    # "What would it cost?" asks the same, however the question opens
    reckoned = parse_question("What did the union reckon the first pay award would cost for the rest of the year?")
    assert reckoned.expects == "number" and reckoned.costing
    assert reckoned.offered_by("The union estimates that the cost of the award between September and March is "
                               "around £15m.")
    assert parse_question("What did the new scheme cost?").costing
    # however far the question puts it from "how much"
    award = parse_question("How much did the Government say the 2024 teachers' pay award would cost in total?")
    assert award.costing and award.offered_by("The award will cost schools in Wales an estimated £44m a year.")
    assert not award.offered_by("The draft budget includes an additional £30m for additional learning needs.")
    assert parse_question("What did the union say about the cost of the scheme?").expects is None


def test_a_share_taking_a_stance_answers_yes_or_no(tmp_path: Path) -> None:
    from retrieval.answertype import gives_respondents_share
    assert gives_respondents_share("The survey of 612 members found that 68 per cent opposed the proposed change and "
                                   "19 per cent supported it.")
    assert not gives_respondents_share("The proposed change was opposed by the union.")
    e = lexical_engine(tmp_path, {
        "2024-02-16-school-year.md": release(
            "2024-02-16", "School year consultation response",
            "The union said members in rural areas wanted to keep the long summer holiday.",
            "The evidence that a shorter summer holiday would improve learning is thin, the union said.",
            "The union's survey of 612 members found that 68 per cent opposed the proposed change and 19 per cent "
            "supported it."),
        **others()})
    answer = e.answer("Did most members of the union want to keep the long summer holiday?")
    assert answer.answered and any("68 per cent opposed" in q.text for q in answer.quotes)


def test_a_sum_is_asked_for_each_thing_named_to_the_end_of_its_name() -> None:
    from retrieval.sums import allocated_to
    assert allocated_to("How much did the draft budget set aside for Welsh-medium teacher training bursaries?")[0] \
        == "bursaries"
    assert allocated_to("How much did the Government allocate for kitchens and dining halls for free meals?") == (
        "kitchens", "halls")
    bursaries = parse_question("How much did the 2026-27 draft budget set aside for Welsh-medium teacher training "
                               "bursaries?")
    assert not bursaries.offered_by("The budget provided £25m for additional learning needs, including training.")
    assert bursaries.offered_by("The budget provides £4m for Welsh-medium teacher training bursaries.")
    assert parse_question("How much did the Government allocate for kitchens and dining halls for free meals?"
                          ).offered_by("The Government has provided £200m, including £70m for kitchen equipment.")
    # (a possessive in the phrase is none of its four words)
    consultation = parse_question("How much did the Government spend on running its school year consultation?")
    assert allocated_to(consultation.text) == ("consultation",)
    assert not consultation.offered_by("The Government will provide £200m over the next three years to fund meals.")
    # given to, without "to"
    assert allocated_to("How much funding did the Government give the National Attendance Taskforce?")[0] == \
        "taskforce"
    taskforce = parse_question("How much funding did the Government give the National Attendance Taskforce?")
    assert not taskforce.offered_by("The Government is extending funding for family engagement officers, with "
                                    "£6.5m available in 2025-26.")
    assert taskforce.offered_by("The Government gave the taskforce £2m.")
    # "to give" says what the money is for, not whom it is given to
    lunch = parse_question("How much money is being set aside to give every primary kid a free lunch?")
    assert allocated_to(lunch.text) == ()
    assert lunch.offered_by("The Welsh Government will provide £200 million over three years to fund the roll-out.")


def test_those_counted_are_counted_by_what_releases_call_them() -> None:
    # youngsters are pupils, whom exam releases count as candidates
    regraded = parse_question("How many youngsters got a better English result after the exam re-marking?")
    assert regraded.offered_by("Around 2,300 candidates will receive a higher grade.")
    assert not regraded.offered_by("The review will report to 12 ministers.")
    # but not as the question's own other words: "a headship" is no head
    assert "headship" not in parse_question("What share of deputy heads had no plans to seek a headship?").focus


def test_what_those_counted_took_part_in_is_no_place_and_a_ballot_due_to_end_asks_its_closing_date() -> None:
    from retrieval.answertype import asks_deadline
    from retrieval.outcome import asks_outcome
    took_part = parse_question("How many people took part in the National Education Workforce Survey in 2019?")
    assert took_part.counted_in == frozenset()
    assert parse_question("How many schools in Torfaen were in deficit?").counted_in == frozenset({"torfaen"})
    ending = "When was the union's statutory ballot of teachers in autumn 2022 scheduled to end?"
    assert asks_deadline(ending) and not asks_outcome(ending)
    assert asks_outcome("When did the union end its action short of strike?")


def test_a_release_holding_the_year_asked_about_leads_one_that_holds_none(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2019-09-23-pay.md": release(
            "2019-09-23", "Pay award 2019",
            "From the autumn, a newly qualified teacher will be paid 5 per cent more: how much a newly qualified "
            "teacher is paid will rise to £24,906."),
        "2024-07-23-pay.md": release(
            "2024-07-23", "Pay award 2024",
            "Teachers will receive a pay increase of 5.5 per cent from September 2024.",
            "The starting salary for a teacher will rise to £32,433."),
        **others()})
    answer = e.answer("How much will a newly qualified teacher be paid from autumn 2024?")
    assert answer.answered and answer.quotes[0].citation.path.endswith("2024-07-23-pay.md")
    assert any("£32,433" in q.text for q in answer.quotes)


def test_the_share_of_members_who_voted_in_a_ballot_is_its_turnout() -> None:
    voted_in = parse_question("What proportion of the union's members in Wales voted in its 2023 strike ballot?")
    assert voted_in.focus == frozenset({"turnout"})
    assert voted_in.offered_by("The ballot closed yesterday. Turnout was 51.9 per cent, above the threshold.")
    assert not voted_in.offered_by("Of those who voted, 70.6 per cent backed strike action.")
    assert parse_question("What share of members voted in favour of the offer in the ballot?").focus != frozenset(
        {"turnout"})


def test_a_share_asked_for_is_quoted_before_a_count_of_the_same_people(tmp_path: Path) -> None:
    # a share's "per cent" is part of it: "42 per cent of eligible members" is a share of members
    assert figure_beside("In England, 42 per cent of eligible members voted.", frozenset({"member"}), share=True)
    assert not figure_beside("In England, 42 per cent of the schools visited by inspectors had members.",
                             frozenset({"member"}), share=True)
    e = lexical_engine(tmp_path, {
        "2023-01-16-ballot.md": release(
            "2023-01-16", "Ballot result",
            "The union balloted around 29,000 members in schools in England and Wales between 5 December 2022 "
            "and 13 January 2023 over the pay award.",
            "Turnout fell short of the threshold required by law. In England, 42 per cent of eligible members voted."),
        **others()})
    answer = e.answer("What proportion of members in England returned a ballot paper in the 2022-23 pay ballot?")
    assert answer.answered and answer.quotes[0].text.startswith("In England, 42 per cent of eligible members voted.")


def test_what_grade_asks_for_an_exam_grade(tmp_path: Path) -> None:
    assert expected_type("In the 2012 GCSE English remark, what grade change did most kids get?") == "grade"
    assert expected_type("What grade boundaries did the exam board use?") is None
    assert offers("Most of them will move from a D to a C.", "grade", set())
    assert offers("The share achieving a grade C or above fell.", "grade", set())
    assert not offers("The exam board will regrade the papers.", "grade", set())
    e = lexical_engine(tmp_path, {
        "2012-09-11-regrade.md": release(
            "2012-09-11", "English GCSE to be regraded",
            "The Minister has directed the exam board to regrade this summer's GCSE English papers after a remark "
            "was called for.",
            "Around 2,300 pupils are expected to get a higher result, most of them moving from a D to a C."),
        **others()})
    answer = e.answer("In the 2012 GCSE English remark, what grade change did most pupils get?")
    assert answer.answered and answer.quotes[0].text == (
        "Around 2,300 pupils are expected to get a higher result, most of them moving from a D to a C.")


def test_which_classes_asks_for_subjects_named_in_a_sentence_sharing_no_word_with_it(tmp_path: Path) -> None:
    assert expected_type("Which classes are secondary schools dropping to save money?") == "subject"
    assert expected_type("What lessons can be learned from the strike?") is None
    e = lexical_engine(tmp_path, {
        "2018-03-13-survey.md": release(
            "2018-03-13", "Funding survey",
            "Secondary schools are dropping classes to save money, according to a survey published today.",
            "The survey of 126 secondary headteachers found that 81 per cent had increased class sizes.",
            "Those most likely to be cut were modern foreign languages, music, design and technology and drama."),
        **others()})
    answer = e.answer("Which classes are secondary schools dropping to save money?")
    assert answer.answered
    assert answer.quotes[0].text == ("Those most likely to be cut were modern foreign languages, music, design and "
                                     "technology and drama.")


def test_a_starting_date_asked_for_is_the_date_something_runs_from(tmp_path: Path) -> None:
    begin = parse_question("On what date did the union's action short of strike begin?")
    assert begin.starting and not begin.deadline
    assert begin.gives_bound("From Monday 17 April 2023, members will be instructed not to attend meetings.")
    assert not begin.gives_bound("The action was agreed on 17 March 2023.")
    assert not parse_question("When does the consultation close?").starting
    e = lexical_engine(tmp_path, {
        "2023-03-29-action.md": release(
            "2023-03-29", "Action short of strike confirmed",
            "The union has today confirmed that its members in Wales will begin action short of strike action "
            "after the Easter holidays.",
            "The action short of strike action follows the union's ballot.",
            "From Monday 17 April 2023, members will be instructed not to attend meetings outside the school day."),
        **others()})
    answer = e.answer("On what date did the union's action short of strike begin?")
    assert answer.answered
    assert answer.quotes[0].text == ("From Monday 17 April 2023, members will be instructed not to attend meetings "
                                     "outside the school day.")


def test_turnout_asked_without_the_is_a_figure_and_a_threshold_is_not_a_turnout() -> None:
    assert expected_type("What was turnout in England in the 2022 ballot?") == "number"
    assert figure_focus("What was turnout in England in the 2022 ballot?") == ("turnout",)
    turnout = frozenset({"turnout"})
    assert not figure_beside("The ballot narrowly failed to meet the statutory 50 per cent turnout threshold.", turnout)
    assert not figure_beside("The ballot needed a turnout of at least 50 per cent to be lawful.", turnout)
    assert not figure_beside("It needed a turnout threshold of 50% to be lawful.", turnout)
    assert figure_beside("Turnout was 42 per cent, below the 50 per cent threshold.", turnout)
    assert figure_beside("Turnout was 51 per cent, above the threshold.", turnout)
    # "What turnout did X get …?" asks for the turnout too; "What turnout threshold …?" for no turnout.
    assert figure_focus("What turnout did the union get in its 2023 strike ballot?") == ("turnout",)
    assert figure_focus("What level of turnout did the ballot reach?") == ("turnout",)
    assert figure_focus("What turnout threshold must a strike ballot reach?") == ()
    assert figure_focus("What was the turnout threshold for the ballot?") == ()


def test_a_question_opening_between_during_after_or_before_asks_outright(tmp_path: Path) -> None:
    from retrieval.answer_scan import asks_outright
    assert asks_outright(parse_question("Between which dates was the union's formal pay ballot open?"))
    assert asks_outright(parse_question("During which month did the strikes take place?"))
    e = lexical_engine(tmp_path, {
        "2023-01-16-ballot.md": release(
            "2023-01-16", "Ballot result",
            "Members have voted for industrial action over pay, the union's formal ballot of members shows.",
            "Of those voting, 73 per cent backed strike action.",
            "Members said pay must rise.",
            "The ballot ran from 9 December 2022 to 13 January 2023."),
        **others()})
    answer = e.answer("Between which dates was the union's formal pay ballot open?")
    assert answer.answered and answer.quotes[0].text == "The ballot ran from 9 December 2022 to 13 January 2023."


def test_a_compound_joined_by_a_word_is_one_word_before_what_is_counted() -> None:
    assert figure_focus("How many new made-for-Wales GCSEs start in September 2025?") == ("made-for-wales", "gcses")
    assert figure_focus("How many Welsh-medium primary schools closed?") == ("welsh", "medium", "primary", "schools")
    gcses = parse_question("How many new made-for-Wales GCSEs start in September 2025?")
    assert gcses.offered_by("Twenty-one new GCSEs are being introduced for first teaching in September 2025.")


def test_a_share_answering_yes_or_no_follows_its_releases_best_sentence_before_other_releases() -> None:
    from retrieval.quoting import COMPANION_SHARE, with_companions
    asked = parse_question("Do teachers want to quit because of the hours?")
    hours = sentence("2017-03-21-survey.md", 0, "Teachers reported working an average of 51 hours a week, with 40 "
                                                 "per cent saying they spent six hours on marking.", 1.0)
    contract = sentence("2018-09-28-contract.md", 1, "The union called for a contract that limits the hours teachers "
                                                     "can be required to work.", 0.93)
    leaving = sentence("2017-03-21-survey.md", 2, "The survey found that 79 per cent had considered leaving the "
                                                  "profession.", 0.5)
    raised = with_companions(asked, [hours, contract, leaving])
    assert raised[2].score == pytest.approx(COMPANION_SHARE) and raised[2].score > contract.score
    assert [q.text for q in make_quotes(asked, raised, {})][:2] == [hours.text, leaving.text]


def test_a_paragraph_opening_with_a_place_sets_where_its_sentences_are(tmp_path: Path) -> None:
    from retrieval.evidence import frame
    assert frame("In England, 87 per cent backed action. However, the turnout was 42 per cent.") == "England"
    assert frame("In any other election, a 42 per cent turnout would be a landslide.") == ""
    e = lexical_engine(tmp_path, {
        "2023-01-16-ballot.md": release(
            "2023-01-16", "Ballot result",
            "Members in England and Wales have voted for industrial action in the union's first national ballot.",
            "In England, 87 per cent of those voting backed strike action. However, the turnout of 42 per cent was "
            "below the threshold."),
        **others()})
    answer = e.answer("What was the turnout in England in the union's first national ballot?")
    assert answer.answered and any("turnout of 42 per cent" in q.text for q in answer.quotes)


def test_a_word_opening_a_quotation_or_a_title_names_nobody_new() -> None:
    asked = set(words("Who took over from Russell Hobby as general secretary?"))
    assert not offers('Russell Hobby, general secretary, said: "Schools are being asked to do more."', "name", asked)
    assert not offers("The conference is Mr Hobby's last as general secretary.", "name", asked)
    assert offers("He steps down in the summer, and will be succeeded by Paul Whiteman.", "name", asked)


def test_which_year_groups_asks_for_no_date_and_how_old_asks_for_an_age() -> None:
    assert expected_type("Which year groups were covered first?") is None
    assert expected_type("What year group will sit the new exams?") is None
    assert expected_type("Which year did the new system start?") == "date"
    old = {g.stem: g for g in parse_question("How old is the typical head in Wales now?").groups}
    assert old["age"].variants == ("age",) and old["age"].answers and not old["age"].core
    assert "age" not in {g.stem for g in parse_question("How many heads are over 55?").groups}


def test_a_closing_date_comes_from_a_release_found_on_the_rest_of_the_question(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2024-02-21-response.md": release(
            "2024-02-21", "Union responds on the school year",
            "The union has told the Government there is no case for changing the school year, in its response to "
            "the school year consultation, which closed last week.",
            "The union said the school year consultation had drawn a strong response from members."),
        "2023-11-21-consultation.md": release(
            "2023-11-21", "School year consultation launched",
            "The Government has today launched a consultation on the school year.",
            "The consultation is open for 12 weeks, until 12 February 2024."),
        "2020-03-18-closures.md": release(
            "2020-03-18", "Schools to close",
            "Schools will close by Friday 20 March at the latest, the minister said."),
        **others()})
    answer = e.answer("When was the school year consultation due to close?")
    assert answer.answered
    assert answer.quotes[0].text == "The consultation is open for 12 weeks, until 12 February 2024."
    # (asked for its "closing date", a word no release need say)
    dated = e.answer("What was the closing date for the school year consultation?")
    assert dated.answered
    assert dated.quotes[0].text == "The consultation is open for 12 weeks, until 12 February 2024."


def test_a_sentence_going_on_from_the_one_quoted_is_quoted_with_it(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2023-01-16-ballot.md": release(
            "2023-01-16", "Teachers vote for strike action",
            "Teachers have voted for strike action in the union's ballot over pay.",
            "Of teacher members who voted, 92.3 per cent supported strike action. Support staff members were also "
            "balloted. They voted for strike action by 87.8 per cent on a turnout of 51.4 per cent."),
        **others()})
    answer = e.answer("How did the union's support staff members vote in the January 2023 ballot?")
    assert answer.answered
    assert answer.quotes[0].text.endswith("Support staff members were also balloted. They voted for strike action by "
                                          "87.8 per cent on a turnout of 51.4 per cent.")


def test_a_count_comes_from_a_release_found_on_the_rest_of_the_question(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2015-04-04-conference.md": release(
            "2015-04-04", "Union conference in Cardiff",
            "The conference also heard concerns about the recommendations of Professor Graham Donaldson's review of "
            "the curriculum, published in February.",
            "Delegates said the review would be introduced on the cheap."),
        "2015-02-25-review.md": release(
            "2015-02-25", "Union welcomes Successful Futures",
            "The union has welcomed Professor Graham Donaldson's review of the curriculum, published today.",
            "The report makes 68 recommendations, including a new curriculum organised into six areas of learning."),
        "2016-03-01-pay.md": release(
            "2016-03-01", "Pay review",
            "The pay review body makes 4 recommendations on teachers' pay in Wales."),
        **others()})
    answer = e.answer("How many recommendations were in Graham Donaldson's curriculum review?")
    assert answer.answered
    assert answer.quotes[0].text == ("The report makes 68 recommendations, including a new curriculum organised into "
                                     "six areas of learning.")


def test_a_count_is_read_in_the_next_release_found_when_the_leading_one_gives_none(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2015-02-26-response.md": release(
            "2015-02-26", "Union responds to Professor Donaldson's curriculum review",
            "The union welcomed the recommendations of Professor Donaldson's curriculum review.",
            "The union said the recommendations of Professor Donaldson's curriculum review must be funded.",
            "Teachers want time to study the recommendations of Professor Donaldson's curriculum review."),
        "2015-02-25-review.md": release(
            "2015-02-25", "Professor Donaldson's curriculum review published",
            "The Minister has published Successful Futures today.",
            "The Minister thanked Professor Donaldson for the recommendations of his curriculum review.",
            "Professor Donaldson said the curriculum review listened to teachers.",
            "Successful Futures makes 68 recommendations, including six areas of learning and experience for "
            "learners aged three to sixteen and new progression steps in place of the old key stages."),
        "2015-03-02-heads.md": release(
            "2015-03-02", "Heads on Professor Donaldson's curriculum review",
            "Heads backed the recommendations of Professor Donaldson's curriculum review.",
            "Heads said the recommendations of Professor Donaldson's curriculum review need time."),
        **others()})
    answer = e.answer("How many recommendations were in Professor Donaldson's curriculum review?")
    assert answer.answered
    assert answer.quotes[0].text.startswith("Successful Futures makes 68 recommendations")

