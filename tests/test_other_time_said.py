"""Another time's release answering for the time asked about, when it names that time in its own
words: a month said without its year in a release soon after, among other times ("carried out in
November … than in 2010"), or a day of it fixed shortly before ("on 12 March").

Invented releases, a lexical-only engine and a fixed today (28 November 2026).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from retrieval.other_time import day_of_month, month_after, speaks_within
from retrieval.timeframe import read_time, times_said, with_award_winter

from .test_who_and_when import TODAY, one_release

SURVEY = ("A survey of 312 members carried out in November found that 78 per cent believed the pace of change in "
          "the past three years had damaged staff morale, against 40 per cent who said so in 2010.")


def test_each_time_a_sentence_names_is_read_on_its_own() -> None:
    issued = dt.date(2013, 12, 3)
    said = times_said(SURVEY, issued)
    assert (dt.date(2013, 11, 1), dt.date(2013, 11, 30)) in said
    assert (dt.date(2010, 1, 1), dt.date(2010, 12, 31)) in said
    november = read_time("in November 2013", TODAY)
    # Read as one window, the sentence spans 2010 to November 2013: nothing within November alone.
    assert read_time(SURVEY, issued).since == dt.date(2010, 1, 1)
    assert speaks_within(SURVEY, issued, november)
    assert not speaks_within(SURVEY, issued, read_time("in October 2013", TODAY))


def test_a_month_said_without_its_year_soon_after_answers_among_other_times(tmp_path: Path) -> None:
    e = one_release(tmp_path, "2013-12-03", "Reform fatigue", SURVEY, "The network wants a pause in new initiatives.")
    answer = e.answer("What proportion of members surveyed in November 2013 said reform had damaged staff morale?")
    assert answer.answered and answer.notes == (
        "no release in November 2013 covers that; quoting one from another time that speaks of November 2013",)
    assert answer.quotes[0].text == SURVEY
    assert not e.answer("What proportion of members surveyed in November 2012 said reform had damaged "
                        "staff morale?").answered


def test_a_day_of_the_month_asked_about_fixed_shortly_before_says_what_was_set_for_it(tmp_path: Path) -> None:
    hustings = "The network will hold an election hustings at Yr Egin in Carmarthen on 12 March."
    e = one_release(tmp_path, "2026-02-10", "Election priorities", "The network has published its priorities.",
                    hustings)
    answer = e.answer("Where is the network holding its election hustings in March 2026?")
    assert answer.answered and answer.notes == (
        "no release in March 2026 covers that; quoting one from another time that speaks of March 2026",)
    assert answer.quotes[0].text == hustings
    # A month it names no day of, or one long after the release, is not.
    assert not e.answer("Where is the network holding its election hustings in April 2026?").answered
    assert not e.answer("Where is the network holding its election hustings in March 2027?").answered
    reopening = "All schools will open to more pupils from 29 June, with at most a third of pupils in at once."
    e2 = one_release(tmp_path / "day", "2020-06-03", "Schools reopening", reopening,
                     "The network will examine the plans in detail.")
    back = e2.answer("Did all pupils go back to school at once on 29 June 2020?")
    assert back.answered and back.quotes[0].text == reopening


def test_a_day_of_a_month_is_named_without_its_year() -> None:
    march = day_of_month(read_time("in March 2026", TODAY))
    assert march is not None
    assert [bool(march.search(t)) for t in ("on 12 March.", "on 15 and 16 March", "from March 12",
                                            "in March 2026", "on 12 March 2026", "by March 12, 2026")] == [
        True, True, True, False, False, False]
    assert day_of_month(read_time("in 2026", TODAY)) is None


def test_after_a_month_a_release_shortly_before_naming_it_says_what_will_be(tmp_path: Path) -> None:
    seats = "The election will be the first to the enlarged 96-member Senedd."
    e = one_release(tmp_path, "2026-02-24", "Manifesto", "The network has published its manifesto for the Senedd "
                    "election on 7 May.", seats)
    answer = e.answer("How many members will the Senedd have after the May 2026 election?")
    assert answer.answered and seats in [q.text for q in answer.quotes]
    # (not what was, nor after a month it does not name)
    assert not e.answer("How many members did the Senedd have after the May 2026 election?").answered
    assert not e.answer("How many members will the Senedd have after the June 2026 election?").answered
    after = read_time("after the May 2026 election", TODAY)
    assert month_after(after) is not None and month_after(read_time("in May 2026", TODAY)) is None


def test_where_an_event_was_held_is_reported_only_by_a_sentence_naming_it(tmp_path: Path) -> None:
    e = one_release(tmp_path, "2022-10-28", "Ballot opens", "The ballot, which runs until 13 January 2023, is being "
                    "held at the same time as ballots in England.", "The network will hold its conference in spring.")
    held = e.answer("Where was the network's conference held in 2023?")
    assert not held.answered and held.reason == "no release in 2023 covers that"


def test_a_years_pay_award_runs_on_into_the_winter_after(tmp_path: Path) -> None:
    asked = "What was the turnout in the ballot over the 2022 pay award?"
    t = with_award_winter(read_time(asked, TODAY), asked)
    assert (t.since, t.until, t.label) == (dt.date(2022, 1, 1), dt.date(2023, 3, 31), "January 2022 to March 2023")
    other = "What was the turnout in the 2022 ballot?"
    assert with_award_winter(read_time(other, TODAY), other) == read_time(other, TODAY)
    result = "In Wales, 41.6 per cent of members took part in the ballot over the pay award for 2022-23."
    e = one_release(tmp_path, "2023-01-17", "Ballot result", result, "The network will press for talks.")
    answer = e.answer(asked)
    assert answer.answered and answer.quotes[0].text == result
    assert answer.notes == ("searched releases January 2022 to March 2023",)
