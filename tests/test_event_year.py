"""A year can name an event rather than when a release was issued: "the 2012 PISA tests" are
reported in a release of December 2013, "the summer 2021 exams" were cancelled in one of November
2020. A release that near the year naming it answers, said so; one long after comparing with it
("scores fell compared with the 2018 tests") does not."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from retrieval.analysis import analyse
from retrieval.other_time import ahead_of_it, fixes, names, release_reports, reporting, window_named
from retrieval.question import parse_question
from retrieval.quoting import Sentence
from retrieval.schema import Hit, Passage
from retrieval.timeframe import TimeFrame, read_time

from .conftest import lexical_engine, plans_releases, release_text

TODAY = dt.date(2026, 11, 28)


def release(date: str, title: str, *paragraphs: str) -> str:
    return release_text(date, title, *paragraphs, source="Example Tests Office")


RELEASES = {
    "2013-12-03-results.md": release(
        "2013-12-03", "International test results",
        "The international tests were sat by 3,000 pupils from 137 schools in November 2012.",
        "Wales scored 468 in mathematics and 480 in reading."),
    "2016-12-06-results.md": release(
        "2016-12-06", "International test results",
        "Wales scored 478 in mathematics and 477 in reading, and the mathematics score improved compared with 2012."),
    "2023-12-05-results.md": release(
        "2023-12-05", "International test results",
        "Wales scored 466 in mathematics and 466 in reading.",
        "Scores fell compared with the 2018 tests in both subjects."),
    "2020-11-10-exams.md": release(
        "2020-11-10", "Exams cancelled",
        "The exams in summer 2021 will not go ahead, and teachers will assess learners instead.",
        "The decision follows the recommendations of the independent review led by Ann Example."),
}


def test_a_release_within_a_year_of_the_year_asked_about_naming_it_answers_for_it(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, RELEASES, today=lambda: TODAY)
    sat = e.answer("What did Wales score in mathematics in the 2012 tests?")
    assert sat.answered and sat.notes == (
        "no release in 2012 covers that; quoting one from another time that speaks of 2012",)
    assert sat.quotes[0].citation.date == dt.date(2013, 12, 3)
    # Only a release of 2023 speaks of 2018, comparing with it: it gives no score of 2018.
    compared = e.answer("What did Wales score in mathematics in the 2018 tests?")
    assert not compared.answered and compared.reason == "no release in 2018 covers that"
    # A season is named by the question's own words for it, a year before it.
    summer = e.answer("Who led the review before the exams were cancelled for summer 2021?")
    assert summer.answered and summer.quotes[0].citation.date == dt.date(2020, 11, 10)


def test_a_seasons_events_are_named_by_their_year_alone(tmp_path: Path) -> None:
    backed = release(
        "2020-11-12", "Heads back decision on exams",
        "The heads' association has backed the decision to cancel the 2021 exams, saying they could not be fair.")
    e = lexical_engine(tmp_path, {**RELEASES, "2020-11-12-heads.md": backed}, today=lambda: TODAY)
    heads = e.answer("How did the heads' association react to the decision that there would be no exams in "
                     "summer 2021?")
    assert heads.answered and heads.quotes[0].citation.date == dt.date(2020, 11, 12)
    assert heads.notes == ("no release in June 2021 to August 2021 covers that; quoting one from another time "
                           "that speaks of June 2021 to August 2021",)


def test_a_release_naming_the_year_of_another_topic_does_not_answer_for_it(tmp_path: Path) -> None:
    results = release(
        "2013-12-03", "International test results",
        "The international tests were sat by 3,000 pupils from 137 schools in November 2012.",
        "The office also said that the teachers' pay award must be fully funded by the Government.")
    e = lexical_engine(tmp_path, {**RELEASES, "2013-12-03-results.md": results}, today=lambda: TODAY)
    # The release of December 2013 names 2012 of the tests, and speaks of pay without it.
    pay = e.answer("What was said about the teachers' pay award in 2012?")
    assert not pay.answered and pay.reason == "no release in 2012 covers that"
    # (named by its year, the award is none a release of 2013 speaks of: there is none nearer)
    named = e.answer("What was said about the 2012 teachers' pay award?")
    assert not named.answered and named.reason.startswith("There are no releases in January 2012 to March 2013;")
    assert e.answer("How many pupils sat the 2012 international tests?").answered


def test_announcing_is_how_a_question_asks_not_its_topic(tmp_path: Path) -> None:
    releases = {
        **RELEASES,
        "2018-05-01-attendance.md": release("2018-05-01", "Attendance", "Attendance in primary classes rose to 95.1%."),
        "2019-07-23-pay.md": release(
            "2019-07-23", "First pay award",
            "Teachers will receive a 2.75% pay rise, the Minister announced today, in the first award since "
            "pay was devolved on 30 September 2018."),
        "2023-11-21-school-year.md": release(
            "2023-11-21", "School year", "A consultation on changes to the school year was launched today."),
    }
    e = lexical_engine(tmp_path, releases, today=lambda: TODAY)
    # The pay release names 2018 and "announced", but nothing of the school year.
    year = e.answer("What changes to the school year were announced in 2018?")
    assert not year.answered and year.reason == "no release in 2018 covers that"


@pytest.mark.parametrize("text, said", [
    ("The tests were sat in 2018 by 3,000 pupils.", True),
    ("Scores fell compared with the 2018 tests.", False),
    ("Scores are higher than in 2018.", False),
    ("Attendance has fallen since 2018.", False),
    ("The annual report for 2017-2018 was published today.", False),
])
def test_a_year_compared_with_or_part_of_a_span_is_not_named(text: str, said: bool) -> None:
    named = window_named(read_time("in 2018", TODAY))
    assert named is not None and names(named, text) is said


def test_a_year_is_reported_by_a_release_near_it_only() -> None:
    t = read_time("the 2012 tests", TODAY)
    named = window_named(t)
    assert named is not None
    said = ["The tests were sat by 3,000 pupils in November 2012."]
    assert release_reports(said, dt.date(2013, 12, 3), t, named)  # within a year after
    assert release_reports(said, dt.date(2011, 11, 3), t, named)  # within a year before: what would be
    assert not release_reports(said, dt.date(2016, 12, 6), t, named)  # long after
    assert not release_reports(said, dt.date(2012, 12, 3), t, named)  # within it: not another time
    # A figure of the year, asked as it was, is not given ahead of it.
    assert not release_reports(said, dt.date(2011, 11, 3), t, named, before=False)
    assert release_reports(said, dt.date(2013, 12, 3), t, named, before=False)


def test_a_release_before_the_year_may_name_it_as_the_next() -> None:
    t = read_time("the 2021 exams", TODAY)
    named = window_named(t)
    assert named is not None
    cancelled = ["The union said the decision to cancel next summer's GCSE exams gives schools certainty."]
    exams = frozenset(analyse("exams"))
    assert release_reports(cancelled, dt.date(2020, 11, 10), t, named, exams)  # summer 2021, from November 2020
    assert not release_reports(cancelled, dt.date(2020, 3, 10), t, named, exams)  # (from March 2020: summer 2020)
    assert release_reports(["The union wants next year's exams scrapped."], dt.date(2020, 11, 10), t, named, exams)
    assert not release_reports(["The union wants next year's exams scrapped."], dt.date(2019, 11, 10), t, named,
                               exams)
    # (of the thing asked about, not of anything: "next year's budget" in a release on exams)
    assert not release_reports(["Exams were cancelled, and next year's budget is tight."], dt.date(2020, 11, 10), t,
                               named, exams)
    assert not release_reports(cancelled, dt.date(2020, 11, 10), t, named, exams, before=False)


def test_a_release_before_the_year_answers_only_what_would_be_or_no_figure() -> None:
    assert not ahead_of_it(parse_question("How many support workers were on the register in 2019?"))
    assert ahead_of_it(parse_question("How many support workers would be on the register in 2019?"))
    assert ahead_of_it(parse_question("How many schools were about to lose funding in 2019?"))
    assert ahead_of_it(parse_question("What score did the minister want Wales to reach in 2021?"))
    assert ahead_of_it(parse_question("How many schools did the council hope to open by 2020?"))
    assert not ahead_of_it(parse_question("How many schools did the council open by 2020?"))
    assert ahead_of_it(parse_question("What did the union say about the 2019 register?"))
    # what a survey or a report of the year found is reported after it only
    assert not ahead_of_it(parse_question("What did the union's 2022 follow-up survey on ALN reform find?"))
    assert not ahead_of_it(parse_question("What did the 2019 tests show about reading?"))
    assert ahead_of_it(parse_question("What was the 2022 survey expected to find?"))
    # what was said in a year is not said by a release before it; what was said of a clause ending in one may be
    assert not ahead_of_it(parse_question("What did the union say about GCSE reform in 2025?"))
    assert ahead_of_it(parse_question("What did the union say about whether schools were ready to start it in 2022?"))


def test_a_release_before_the_year_saying_a_survey_will_be_repeated_then_gives_no_findings(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2021-11-16-survey.md": release(
            "2021-11-16", "Survey on ALN reform",
            "School leaders support the aims of ALN reform but say it is underfunded, according to a survey.",
            "The union said it would repeat the survey in 2022 to track the ALN reform."),
        **plans_releases(2022, ("pay", "attendance", "behaviour", "inspection", "meals"), "Example Tests Office"),
        **RELEASES}, today=lambda: TODAY)
    answer = e.answer("What did the union's 2022 survey on ALN reform find?")
    assert not answer.answered and answer.reason == "no release in 2022 covers that"
    assert e.answer("What did the union's 2021 survey on ALN reform find?").answered


def test_months_spanned_are_named_by_the_questions_own_words() -> None:
    question = "What was cancelled for summer 2021?"
    named = window_named(read_time(question, TODAY), question)
    assert named is not None
    assert named.search("The exams in summer 2021 will not go ahead.")
    assert named.search("No exams from June 2021 to August 2021.")
    # (after an event named by its month, the month is its name: not "after the May 2026")
    after = "How many members will the Senedd have after the May 2026 election?"
    named = window_named(read_time(after, TODAY), after)
    assert named is not None and named.search("The Senedd election on 7 May 2026 is the first for 96 members.")


@pytest.mark.parametrize("question", ["What did the 2015 PISA results show?", "What did the PISA 2015 tests show?"])
def test_a_round_named_by_its_year_runs_to_the_year_its_results_come_out(question: str) -> None:
    t = read_time(question, TODAY)
    assert (t.since, t.until) == (dt.date(2015, 1, 1), dt.date(2016, 12, 31))


SCHEDULED = {
    "2019-07-16-pay.md": release(
        "2019-07-16", "Teachers' pay award",
        "The starting salary for a new teacher will rise to £24,095 from 1 September 2019.",
        "The award follows the recommendations of the independent pay review body."),
    "2013-09-19-strike.md": release(
        "2013-09-19", "Strike day announced",
        "Teachers in the union will take strike action on Thursday 17 October 2013 over pay and pensions."),
    "2022-12-01-ballot.md": release(
        "2022-12-01", "Ballot opens",
        "The ballot of 20,000 members on strike action opens today and closes on 10 January 2023."),
}


def test_a_release_before_a_month_says_what_takes_effect_from_it(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, SCHEDULED, today=lambda: TODAY)
    salary = e.answer("What did the starting salary for a new teacher rise to in September 2019?")
    assert salary.answered and salary.quotes[0].citation.date == dt.date(2019, 7, 16)
    assert salary.notes == ("no release in September 2019 covers that; quoting one from another time "
                            "that speaks of September 2019",)
    # a day fixed beforehand answers when it was
    day = e.answer("On which day did teachers strike in October 2013?")
    assert day.answered and day.quotes[0].citation.date == dt.date(2013, 9, 19)
    # but a count of what happened then is not known before it: the ballot's close is no result
    voted = e.answer("How many members voted for strike action in January 2023?")
    assert not voted.answered and voted.reason == "no release in January 2023 covers that"


@pytest.mark.parametrize("text, date_asked, fixed", [
    ("Salaries will rise from 1 September 2019.", False, True),
    ("The new GCSEs will be taught starting in September 2019.", False, True),
    ("Teachers will strike on Thursday 12 September 2019.", True, True),
    ("Teachers will strike on Thursday 12 September 2019.", False, False),
    ("The review will report in September 2019.", True, False),
])
def test_a_month_fixed_beforehand(text: str, date_asked: bool, fixed: bool) -> None:
    named = window_named(read_time("in September 2019", TODAY))
    assert named is not None
    assert fixes(named, text, date_asked) is fixed


def test_the_release_speaking_of_the_year_asked_about_is_quoted_first(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2013-12-03-results.md": release(
            "2013-12-03", "International test results",
            "In Wales, the international tests were sat by 3,000 pupils from 137 schools in November 2012.",
            "The next round of the tests will be held in 2015."),
        "2016-12-06-results.md": release(
            "2016-12-06", "International test results",
            "Results of the 2015 international tests show an improvement in mathematics.",
            "The tests were sat by 3,451 pupils from 140 schools.")}, today=lambda: TODAY)
    sat = e.answer("How many pupils and schools in Wales sat the international tests in 2015?")
    assert sat.answered and sat.notes == (
        "no release in 2015 covers that; quoting one from another time that speaks of 2015",)
    assert [q.citation.date for q in sat.quotes] == [dt.date(2016, 12, 6), dt.date(2016, 12, 6), dt.date(2013, 12, 3)]


def window(phrase: str) -> tuple[TimeFrame, re.Pattern[str]]:
    """The time `phrase` names, and how a release names it."""
    time = read_time(phrase, TODAY)
    named = window_named(time)
    assert named is not None
    return time, named


def dated_sentence(doc: str, text: str, score: float = 1.0) -> Sentence:
    """`text` as a scored sentence of the release `doc`, dated by its file name."""
    hit = Hit(Passage(doc, 0, 0, len(text), text, date=dt.date.fromisoformat(doc[:10])), score, "bm25")
    return Sentence(0, 0, hit, 0, len(text), score, score, None)


def test_a_release_of_another_time_naming_the_year_reports_on_it_only_giving_the_kind_of_figure_asked() -> None:
    time, named = window("in 2020")
    down = dated_sentence("2025-06-17-statistics.md", "Registration of school teachers fell to 34,104, down from "
                                                      "35,682 in 2020.", 2.0)
    fee = parse_question("How much did the registration fee for teachers rise to in 2020?", time=time)
    assert reporting(fee, [down], named) == []  # no sum of 2020
    count = parse_question("How many school teachers were registered in 2020?", time=time)
    assert reporting(count, [down], named) == [down]
    # (a release giving a sum in another sentence reports the year it names)
    award = dated_sentence("2025-06-17-statistics.md", "The fee will rise to £46 from 2026.")
    assert reporting(fee, [down, award], named) == [down]


def test_a_release_shortly_before_a_month_giving_the_figure_from_it_answers_for_that_month(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2020-07-21-pay.md": release(
            "2020-07-21", "Pay award 2020",
            "The award gives an 8.48 per cent increase to the starting salary for new teachers, which will rise "
            "to £27,018 from September."),
        "2024-05-04-conference.md": release(
            "2024-05-04", "Conference calls for a pay award",
            "Delegates called on the government to deliver a fully funded pay award for teachers from September."),
        "2019-07-23-pay.md": release(
            "2019-07-23", "Pay award 2019", "Teachers will receive a 2.75 per cent pay rise from September 2019."),
        **{f"2019-0{m}-01-other.md": release(f"2019-0{m}-01", f"Other {m}", "School budgets are tight.")
           for m in range(1, 6)}}, today=lambda: TODAY)
    salary = e.answer("What did the starting salary for new teachers go up to in September 2020?")
    assert salary.answered and salary.notes == (
        "no release in September 2020 covers that; quoting one from another time that speaks of September 2020",)
    assert "£27,018 from September" in salary.quotes[0].text
    # (a pay award called for from September is no figure given for it)
    time, named = window("in September 2024")
    called = dated_sentence("2024-05-04-conference.md", "Delegates called on the government to deliver a fully "
                                                        "funded pay award for teachers from September.")
    # (a figure, of another time)
    fallen = dated_sentence("2024-05-04-conference.md", "Leaders' pay has fallen by 14 per cent in real terms "
                                                        "since 2010.")
    assert reporting(parse_question("What pay award did teachers receive in September 2024?", time=time),
                     [called, fallen], named) == []


def test_a_release_shortly_before_a_month_setting_a_day_in_it_answers_when(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        "2023-01-31-strike.md": release(
            "2023-01-31", "Strike to go ahead tomorrow",
            "The union has confirmed that tomorrow's strike will go ahead after talks failed.",
            "Schools are expected to close on Wednesday 1 February, and rallies will take place in Cardiff and "
            "Swansea."),
        **{f"2022-0{m}-01-other.md": release(f"2022-0{m}-01", f"Other {m}", "School budgets are tight.")
           for m in range(1, 6)}}, today=lambda: TODAY)
    when = e.answer("When was the rally in Cardiff on the strike day in February 2023?")
    assert when.answered and when.notes == (
        "no release in February 2023 covers that; quoting one from another time that speaks of February 2023",)
    assert when.quotes[0].text.startswith("Schools are expected to close on Wednesday 1 February")
