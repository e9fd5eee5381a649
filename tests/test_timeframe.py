"""Times in questions read as windows on release dates, against an injected today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from retrieval.timeframe import read_time, with_exams_autumn

from .conftest import lexical_engine, plans_releases, release_text

TODAY = dt.date(2026, 11, 28)
D = dt.date


@pytest.mark.parametrize(
    ("question", "since", "until", "label", "said"),
    [
        ("What did X say about the draft budget in December 2019?", D(2019, 12, 1), D(2019, 12, 31),
         "December 2019", ["in December 2019"]),
        ("What was X's reaction to the December 2021 draft budget?", D(2021, 12, 1), D(2021, 12, 31),
         "December 2021", ["December 2021"]),
        ("What did X say at its 2021 conference?", D(2021, 1, 1), D(2021, 12, 31), "2021", ["2021"]),
        ("What did X say about pay in 2020?", D(2020, 1, 1), D(2020, 12, 31), "2020", ["in 2020"]),
        ("What did X say about the draft budget last December?", D(2025, 12, 1), D(2025, 12, 31),
         "December 2025", ["last December"]),
        ("What did X say in December?", D(2025, 12, 1), D(2025, 12, 31), "December 2025", ["in December"]),
        ("What did X say in May?", D(2026, 5, 1), D(2026, 5, 31), "May 2026", ["in May"]),
        ("What did X say last year?", D(2025, 1, 1), D(2025, 12, 31), "2025", ["last year"]),
        ("What has X said this year?", D(2026, 1, 1), D(2026, 12, 31), "2026", ["this year"]),
        ("What did X say this week?", D(2026, 11, 23), D(2026, 11, 29), "23 November 2026 to 29 November 2026",
         ["this week"]),
        ("What did X say between 2019 and 2021?", D(2019, 1, 1), D(2021, 12, 31), "2019 to 2021",
         ["between 2019 and 2021"]),
        ("What did X say from 2019 to 2021?", D(2019, 1, 1), D(2021, 12, 31), "2019 to 2021",
         ["from 2019 to 2021"]),
        ("What has X said since March 2020?", D(2020, 3, 1), None, "since March 2020", ["since March 2020"]),
        ("What did X say before 2018?", None, D(2017, 12, 31), "up to 31 December 2017", ["before 2018"]),
        # An event of that year: what led up to it is in the year before, or the year itself.
        ("What did X want ahead of the 2026 Senedd election?", D(2025, 1, 1), D(2026, 12, 31), "2025 to 2026",
         ["ahead of the 2026"]),
        ("What did X say in the run-up to the 2021 election?", D(2020, 1, 1), D(2021, 12, 31), "2020 to 2021",
         ["in the run-up to the 2021"]),
        # A decade, or part of one.
        ("What did X report in the early 2010s?", D(2010, 1, 1), D(2013, 12, 31), "2010 to 2013",
         ["in the early 2010s"]),
        ("What did X say in the 2010s?", D(2010, 1, 1), D(2019, 12, 31), "2010 to 2019", ["in the 2010s"]),
        ("What did X say in the mid-2010s?", D(2013, 1, 1), D(2016, 12, 31), "2013 to 2016", ["in the mid-2010s"]),
        # An event of that month: the half year before it, and the month itself, which announced it.
        ("How many voted for action ahead of the October 2013 walkout?", D(2013, 4, 1), D(2013, 10, 31),
         "April 2013 to October 2013", ["ahead of the October 2013"]),
        ("What did X say before October 2013?", None, D(2013, 9, 30), "up to 30 September 2013",
         ["before October 2013"]),
        # After an event of that year: what followed it can be that year too, and the year after, not
        # the years of the next such events; after the year itself, any time.
        ("Are teachers worse off after the 2022 pay rise?", D(2022, 1, 1), D(2023, 12, 31), "2022 to 2023",
         ["after the 2022"]),
        ("What did X say after 2022?", D(2023, 1, 1), None, "since January 2023", ["after 2022"]),
        ("What did X want after the December 2022 draft budget?", D(2022, 12, 1), D(2023, 12, 31),
         "December 2022 to December 2023", ["after the December 2022"]),
        ("What did X say prior to 2018?", None, D(2017, 12, 31), "up to 31 December 2017", ["prior to 2018"]),
        ("What did X say two years ago?", D(2024, 1, 1), D(2024, 12, 31), "2024", ["two years ago"]),
        ("What did X say 3 months ago?", D(2026, 8, 1), D(2026, 8, 31), "August 2026", ["3 months ago"]),
        ("What did X say last summer?", D(2026, 6, 1), D(2026, 8, 31), "June 2026 to August 2026", ["last summer"]),
        ("What did X say this spring?", D(2026, 3, 1), D(2026, 5, 31), "March 2026 to May 2026", ["this spring"]),
        ("What did X say last winter?", D(2025, 12, 1), D(2026, 2, 28), "December 2025 to February 2026",
         ["last winter"]),
        ("Did teachers strike at the start of 2023?", D(2023, 1, 1), D(2023, 5, 31),
         "January 2023 to May 2023", ["at the start of 2023"]),
        ("What did X say in spring 2024?", D(2024, 3, 1), D(2024, 5, 31), "March 2024 to May 2024",
         ["in spring 2024"]),
        ("What did X say on 3 February 2025?", D(2025, 2, 1), D(2025, 2, 5),
         "3 February 2025", ["on 3 February 2025"]),
        # Months sharing a year; a month of last year; halves of a year.
        ("What did X say in January and February 2024?", D(2024, 1, 1), D(2024, 2, 29),
         "January 2024 to February 2024", ["in January and February 2024"]),
        ("What did X say from October to December 2023?", D(2023, 10, 1), D(2023, 12, 31),
         "October 2023 to December 2023", ["from October to December 2023"]),
        ("What did X say between December and February 2024?", D(2023, 12, 1), D(2024, 2, 29),
         "December 2023 to February 2024", ["between December and February 2024"]),
        ("What did X say in March last year?", D(2025, 3, 1), D(2025, 3, 31), "March 2025", ["in March last year"]),
        ("What did X say in June this year?", D(2026, 6, 1), D(2026, 6, 30), "June 2026", ["in June this year"]),
        # A year's annual report comes out that year or early the next.
        ("What did Estyn's 2023 annual report say about attendance?", D(2023, 1, 1), D(2024, 3, 31),
         "January 2023 to March 2024", ["2023"]),
        # An academic or financial year's report comes out from the June it nears its end to the spring
        # after it (not in the spring before: that is the last year's report).
        ("What did the 2017-2018 annual report say?", D(2018, 6, 1), D(2019, 3, 31), "June 2018 to March 2019",
         ["2017-2018"]),
        ("What did the 2017/18 report find?", D(2018, 6, 1), D(2019, 3, 31), "June 2018 to March 2019",
         ["2017/18"]),
        ("What did Estyn say about attendance in its annual report on 2022-23?", D(2023, 6, 1), D(2024, 3, 31),
         "June 2023 to March 2024", ["on 2022-23"]),
        # "going by the 2017 poll" is according to it, not by then
        ("What share of teachers had thought about quitting, going by the 2017 union poll?", D(2017, 1, 1),
         D(2017, 12, 31), "2017", ["2017"]),
        # ... and "going by the 2024 figures", by those of that year, which may come out the next
        ("How many teaching assistants work in schools, going by the 2024 figures?", D(2024, 1, 1),
         D(2025, 12, 31), "2024 to 2025", ["2024"]),
        # A stretch before a month is what a release of that month reports of its past year or two.
        ("How many heads had cut back on classroom helpers in the year before May 2018?", D(2017, 5, 1),
         D(2018, 5, 31), "May 2017 to May 2018", ["in the year before May 2018"]),
        ("How many posts were advertised twice in the two years before December 2019?", D(2017, 12, 1),
         D(2019, 12, 31), "December 2017 to December 2019", ["in the two years before December 2019"]),
        # A year after a name in capitals names its round, reported on that year or the next.
        ("What did Wales score for reading in PISA 2015?", D(2015, 1, 1), D(2016, 12, 31), "2015 to 2016",
         ["2015"]),
        # A survey is published in the months after it is carried out.
        ("What did X's autumn 2025 funding survey find?", D(2025, 9, 1), D(2026, 3, 31),
         "September 2025 to March 2026", ["autumn 2025"]),
        ("What did the winter 2023 poll find?", D(2023, 12, 1), D(2024, 6, 30), "December 2023 to June 2024",
         ["winter 2023"]),
        ("What did the November 2014 poll find?", D(2014, 11, 1), D(2014, 11, 30), "November 2014",
         ["November 2014"]),
        # A year of figures to a month is reported from that month to nine months after it.
        ("How many joined the register in the year to March 2019?", D(2019, 3, 1), D(2019, 12, 31),
         "March 2019 to December 2019", ["in the year to March 2019"]),
        ("How many left in the 12 months ending 31 August 2023?", D(2023, 8, 1), D(2024, 5, 31),
         "August 2023 to May 2024", ["in the 12 months ending 31 August 2023"]),
        # Each of two rounds named together ("the 2015 and 2018 PISA rounds").
        ("How much did the score go up between the 2015 and 2018 PISA rounds?", D(2015, 1, 1), D(2019, 12, 31),
         "2015 to 2019", ["2015", "2018"]),
        ("Did Wales do better in the 2018 round of the international tests?", D(2018, 1, 1), D(2019, 12, 31),
         "2018 to 2019", ["2018"]),
        # ... or rounds of something named before them.
        ("How far did the PISA science score drop between the 2012 and 2015 rounds?", D(2012, 1, 1),
         D(2016, 12, 31), "2012 to 2016", ["2012", "2015"]),
        # A change counted since a year, said at another time: that time says when.
        ("How much have wages shrunk since 2010, according to the union in 2019?", D(2019, 1, 1),
         D(2019, 12, 31), "2019", ["since 2010", "in 2019"]),
        # What a body asked for an election was published in the months before it.
        ("What did X's manifesto for the 2026 Senedd election call for?", D(2025, 1, 1), D(2026, 12, 31),
         "2025 to 2026", ["2026"]),
        # So do tests "taken in" a year, whatever they are called.
        ("How did Wales do in the international maths tests taken in 2018?", D(2018, 1, 1), D(2019, 12, 31),
         "2018 to 2019", ["in 2018"]),
        ("What did X say in the first half of 2024?", D(2024, 1, 1), D(2024, 6, 30), "January 2024 to June 2024",
         ["in the first half of 2024"]),
        # A part of a month: its first or last ten days or its middle, and a release two days after.
        ("What did X announce at the end of March 2023?", D(2023, 3, 21), D(2023, 4, 2),
         "21 March 2023 to 2 April 2023", ["at the end of March 2023"]),
        ("What did X say in early March 2023?", D(2023, 3, 1), D(2023, 3, 12), "1 March 2023 to 12 March 2023",
         ["in early March 2023"]),
        # (a time something is to be done by is the month, as before)
        ("How many schools expected a deficit by the end of March 2019?", D(2019, 3, 1), D(2019, 3, 31),
         "March 2019", ["of March 2019"]),
        ("Which days did X strike in the first part of 2023?", D(2023, 1, 1), D(2023, 6, 30),
         "January 2023 to June 2023", ["in the first part of 2023"]),
    ],
)
def test_times_become_windows(question: str, since: dt.date | None, until: dt.date | None, label: str,
                              said: list[str]) -> None:
    frame = read_time(question, TODAY)
    assert (frame.since, frame.until, frame.label) == (since, until, label)
    assert [question[a:b] for a, b in frame.spans] == said
    assert frame.window and not frame.latest


@pytest.mark.parametrize(
    "question",
    [
        "How much did the 2026-27 draft budget allocate?",  # a budget year names the topic
        "How much lower is funding than in 2010?",  # compared with
        "How much do schools need to get back to 2010 funding levels?",  # a measure
        "Is funding back to 2010 levels?",
        "What is funding in 2010 prices?",
        "How often will schools be inspected under the arrangements starting in September 2026?",  # counted from
        "What will X say in 2027?",  # still to come: not when a release was issued
        "Schools may close early",  # the verb, not the month
        "Will pupils lose a week of their summer break in August?",  # a month in what will be
        "a grant of £2020",
        "Schools may close from September to December 2027",  # still to come
    ],
)
def test_what_is_not_a_window(question: str) -> None:
    frame = read_time(question, TODAY)
    assert not frame.window and frame.spans == ()


def test_latest_and_recent_ask_for_the_newest() -> None:
    frame = read_time("What is the latest from NAHT on pay?", TODAY)
    assert frame.latest and not frame.window and frame.label == "the newest releases"
    both = read_time("What did X say recently about pay in 2024?", TODAY)
    assert both.latest and (both.since, both.until) == (D(2024, 1, 1), D(2024, 12, 31))
    assert ["recently", "in 2024"] == ["What did X say recently about pay in 2024?"[a:b] for a, b in both.spans]
    lately = read_time("What has X said lately about pay?", TODAY)
    assert lately.latest and not lately.window and lately.spans == ((16, 22),)


def test_relative_times_follow_today() -> None:
    early = dt.date(2027, 1, 5)
    assert read_time("last December", early).since == D(2026, 12, 1)
    assert read_time("in December", D(2026, 12, 20)).since == D(2026, 12, 1)  # this December, under way
    assert read_time("last December", D(2026, 12, 20)).since == D(2025, 12, 1)


@pytest.mark.parametrize("question, rolling", [
    ("How many heads were assaulted in the past year?", True),
    ("How many heads were assaulted in the last 12 months?", True),
    ("What did the union say over the past month?", True),
    ("What did the union say last year?", False),
    ("How many heads were hit in the last year?", True),  # "the last year" runs back, as "the past year"
    ("What did the union say this week?", False),
    ("What did the union say in the past year and in 2019?", False),
])
def test_a_window_running_back_from_today_is_rolling(question: str, rolling: bool) -> None:
    assert read_time(question, TODAY).rolling is rolling


def test_a_surveys_past_year_beside_the_year_asked_about_is_the_surveys() -> None:
    back = read_time("Back in 2014, what share of teachers said a pupil had hit them in the past year?", TODAY)
    assert (back.since, back.until, back.rolling) == (D(2014, 1, 1), D(2014, 12, 31), False)
    survey = read_time("How many teachers were assaulted in the last 12 months, according to the 2019 survey?", TODAY)
    assert (survey.since, survey.until) == (D(2019, 1, 1), D(2019, 12, 31))
    both = read_time("What did the union say in the past year and in 2019?", TODAY)
    assert (both.since, both.until) == (D(2019, 1, 1), TODAY)


def test_the_past_years_of_what_someone_said_are_theirs_not_the_questions() -> None:
    said = read_time("How many secondary heads said they'd had to drop A level courses over the last three years?",
                     TODAY)
    assert (said.since, said.until, said.rolling, said.label) == (None, None, False, "")
    assert said.spans == ((65, 90),)  # (still no topic words)
    back = read_time("In 2019, how many heads said they had been assaulted in the past year?", TODAY)
    assert (back.since, back.until) == (D(2019, 1, 1), D(2019, 12, 31))
    # when something was said is the question's
    when = read_time("What did the union say in the past year about pay?", TODAY)
    assert when.rolling and when.until == TODAY


def test_ever_before_a_year_asks_about_all_that_came_before_it() -> None:
    ever = read_time("Had heads ever voted to take action before 2023?", TODAY)
    assert (ever.since, ever.until, ever.label) == (None, None, "")
    assert read_time("What did the union say before 2023?", TODAY).until == D(2022, 12, 31)


def test_the_last_year_is_the_year_running_back_to_today_not_the_calendar_year_before() -> None:
    rolling = read_time("How many heads were hit in the last year?", TODAY)
    assert (rolling.since, rolling.until) == (TODAY - dt.timedelta(days=365), TODAY)
    assert read_time("What did the union say last year?", TODAY).since == D(TODAY.year - 1, 1, 1)


def test_after_an_event_what_followed_soonest_is_asked_about() -> None:
    assert read_time("What did X want after the December 2022 draft budget?", TODAY).soonest
    assert not read_time("What did X say since 2022?", TODAY).soonest
    assert not read_time("What did X say in 2022?", TODAY).soonest


def test_next_years_budget_is_the_newest() -> None:
    frame = read_time("How much extra money are schools getting in next year's budget?", TODAY)
    assert frame.latest and not frame.window
    assert ["next year's"] == ["How much extra money are schools getting in next year's budget?"[a:b]
                               for a, b in frame.spans]
    # next year itself, not its budget, is what a release says will happen then
    assert not read_time("Will schools be in deficit next year?", TODAY).latest


def test_a_years_exams_reach_back_to_the_autumn_before() -> None:
    asked = "What did X say about scrapping the 2021 exams?"
    t = with_exams_autumn(read_time(asked, TODAY), asked)
    assert (t.since, t.until, t.label) == (D(2020, 9, 1), D(2021, 12, 31), "September 2020 to December 2021")
    levels = "What did X say about the 2020 A levels?"
    assert with_exams_autumn(read_time(levels, TODAY), levels).since == D(2019, 9, 1)
    # not a year of anything else, nor exams of another year than the one asked about
    for other in ("What did X say about the 2021 budget?", "What did X say in 2021 about the 2020 exams?"):
        frame = read_time(other, TODAY)
        assert with_exams_autumn(frame, other) == frame


def test_a_years_exams_reach_back_only_for_what_was_said(tmp_path: Path) -> None:
    releases = {
        "2020-11-10-exams.md": release_text("2020-11-10", "No exams next summer",
                                            "The union welcomed the decision to scrap the GCSE exams in 2021.",
                                            source="Example Union"),
        "2021-12-14-budget.md": release_text("2021-12-14", "Draft budget",
                                             "The union said the draft budget leaves schools short.",
                                             source="Example Union"),
        **plans_releases(2019, ["meals", "transport", "uniforms", "buses"], "Example Union"),
    }
    e = lexical_engine(tmp_path, releases)
    said = e.answer("What did the union say about scrapping the 2021 exams?")
    assert said.answered and said.notes == ("searched releases September 2020 to December 2021",)
    assert Path(said.quotes[0].citation.path).name == "2020-11-10-exams.md"

