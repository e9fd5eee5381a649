"""Answering a collection like the ones users keep: several organisations, the
same topics every year, organisations talking about each other.

Invented releases, a lexical-only engine and a fixed today (28 November 2026).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.render import render_text
from retrieval import BadFilter, Engine
from retrieval.dates import human
from retrieval.other_time import release_reports, window_named
from retrieval.timeframe import read_time

from .conftest import lexical_engine

TODAY = dt.date(2026, 11, 28)


def release(date: str, source: str, title: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"---\ntitle: \"{title}\"\ndate: {date}\nsource: {source}\n---\n{body}\n"


RELEASES = {
    "2023-12-19-hu-cymru-budget.md": release(
        "2023-12-19", "Heads Union Cymru (HU Cymru)", "Draft budget leaves schools short, says HU Cymru",
        "HU Cymru said the draft budget for 2024-25 leaves schools in Wales facing a shortfall of £30m.",
        "The union called on the Wales Government to protect school budgets in the final budget."),
    "2025-12-16-hu-cymru-budget.md": release(
        "2025-12-16", "Heads Union Cymru (HU Cymru)", "Another year of managing decline, says HU Cymru",
        "HU Cymru said the draft budget for 2026-27 means another year of managing decline, with a shortfall "
        "of £45m for schools.",
        "The union is calling on the Wales Government to publish a multi-year funding settlement for schools."),
    "2024-05-10-hu-cymru-conference.md": release(
        "2024-05-10", "Heads Union Cymru (HU Cymru)", "Heads meet in Llandudno",
        "Delegates at the annual conference of HU Cymru in Llandudno called for a national workload agreement.",
        "The conference also urged councils to fund more educational psychologists."),
    "2024-06-11-hu-election.md": release(
        "2024-06-11", "Heads Union (HU)", "Ten tests for the next government",
        "The Heads Union (HU) set out ten tests for the parties at the general election.",
        "HU called for the real-terms value of school funding in England to be restored."),
    "2025-12-09-wg-budget.md": release(
        "2025-12-09", "Wales Government", "Draft budget 2026-27: written statement",
        "The Wales Government today published its draft budget for 2026-27.",
        "The budget gives schools an extra £20m for attendance, paid through councils."),
    "2023-01-17-tsu-ballot.md": release(
        "2023-01-17", "Teaching Staff Union (TSU)", "Teachers vote for strike action",
        "Members of the Teaching Staff Union voted for strike action over pay in a ballot with a turnout of 58 per "
        "cent.",
        "Strikes will take place on 1 February and 14 March."),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return lexical_engine(tmp_path_factory.mktemp("collection"), RELEASES, today=lambda: TODAY)


def files(answer) -> list[str]:  # noqa: ANN001
    return [Path(q.citation.path).name for q in answer.quotes]


def test_the_speaker_filters_and_the_newest_statement_leads(engine: Engine) -> None:
    answer = engine.answer("What did HU Cymru say about the Wales Government's draft budget?")
    assert answer.answered
    assert set(files(answer)) <= {"2025-12-16-hu-cymru-budget.md", "2023-12-19-hu-cymru-budget.md"}
    assert files(answer)[0] == "2025-12-16-hu-cymru-budget.md"
    assert answer.notes == ("searched releases from Heads Union Cymru (HU Cymru)",
                            "1 more release on this; add a year to the question to see one") or \
        files(answer)[-1] == "2023-12-19-hu-cymru-budget.md"


def test_an_organisation_named_otherwise_does_not_filter(engine: Engine) -> None:
    answer = engine.answer("Which union called on the Wales Government to publish a multi-year funding settlement?")
    assert answer.answered and files(answer)[0] == "2025-12-16-hu-cymru-budget.md"
    assert not any(n.startswith("searched releases from") for n in answer.notes)


def test_an_acronym_covers_the_body_and_the_full_branch_name_only_the_branch(engine: Engine) -> None:
    body = engine.answer("What did HU say about the general election?")
    assert body.answered and files(body)[0] == "2024-06-11-hu-election.md"
    assert body.notes[0] == "searched releases from Heads Union (HU) and Heads Union Cymru (HU Cymru)"
    branch = engine.answer("What did HU Cymru say about the general election?")
    assert not branch.answered


def test_an_acronym_puts_the_body_first_unless_the_question_is_about_the_branchs_country(tmp_path: Path) -> None:
    ballot = {
        "2023-01-31-hu-ballot.md": release(
            "2023-01-31", "Heads Union (HU)", "Heads vote for action",
            "Heads across the UK have voted for industrial action over pay, HU said, on a turnout of 51 per cent.",
            "HU will write to the government."),
        "2023-01-31-hu-cymru-ballot.md": release(
            "2023-01-31", "Heads Union Cymru (HU Cymru)", "Heads in Wales vote for industrial action",
            "Heads in Wales have voted for industrial action over pay, HU Cymru said today, on a turnout of 56 per "
            "cent.",
            "HU Cymru will write to the Wales Government."),
    }
    e = lexical_engine(tmp_path, ballot, today=lambda: TODAY)
    assert files(e.answer("What did HU say about industrial action by heads?"))[0] == "2023-01-31-hu-ballot.md"
    assert files(e.answer("What did HU say about industrial action by heads in Wales?"))[0] == \
        "2023-01-31-hu-cymru-ballot.md"


@pytest.mark.parametrize(
    ("question", "expected", "searched"),
    [
        ("What did HU Cymru say about the draft budget in December 2023?", "2023-12-19-hu-cymru-budget.md",
         "December 2023"),
        ("What did HU Cymru say about the draft budget last December?", "2025-12-16-hu-cymru-budget.md",
         "December 2025"),
        ("What did HU Cymru say about the draft budget in 2023?", "2023-12-19-hu-cymru-budget.md", "2023"),
        ("What did HU Cymru say about the draft budget between 2023 and 2024?", "2023-12-19-hu-cymru-budget.md",
         "2023 to 2024"),
        ("What did HU Cymru say about the draft budget since 2025?", "2025-12-16-hu-cymru-budget.md",
         "since January 2025"),
    ],
)
def test_times_pick_the_release_of_that_time(engine: Engine, question: str, expected: str, searched: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and files(answer)[0] == expected
    assert answer.notes == (f"searched releases from Heads Union Cymru (HU Cymru), {searched}",)
    assert not any(w in " ".join(g.stem for g in engine._prepare(engine.current(), question, (), None, None)
                                 .question.groups if g.core) for w in ("decemb", "2023", "2025"))


def test_nothing_in_the_time_asked_about_says_so_and_quotes_the_nearest(engine: Engine) -> None:
    answer = engine.answer("What did HU Cymru say about the draft budget in December 2019?")
    assert not answer.answered and answer.quotes == ()
    assert answer.explanation == ("There are no releases from Heads Union Cymru (HU Cymru) in December 2019; the "
                                  "releases from Heads Union Cymru (HU Cymru) run from 19 December 2023 to 16 "
                                  "December 2025; the nearest that cover it:")
    assert {Path(q.citation.path).name for q in answer.nearby} <= {"2023-12-19-hu-cymru-budget.md",
                                                                  "2025-12-16-hu-cymru-budget.md"}
    since = engine.answer("What did HU Cymru say about the draft budget since 2026?")
    assert since.explanation == ("There are no releases from Heads Union Cymru (HU Cymru) since January 2026; the "
                                 "releases from Heads Union Cymru (HU Cymru) run from 19 December 2023 to 16 "
                                 "December 2025; the nearest that cover it:")
    nearest = engine.answer("What did HU Cymru say about the draft budget in 2024?")  # it spoke that year, not on it
    assert not nearest.answered
    assert nearest.explanation == ("No release from Heads Union Cymru (HU Cymru) in 2024 covers that; the nearest "
                                   "that do:")
    assert {Path(q.citation.path).name for q in nearest.nearby} <= {"2023-12-19-hu-cymru-budget.md",
                                                                   "2025-12-16-hu-cymru-budget.md"}
    # The nearest in time lead: 13 days before 2024, then 350 days after it.
    for question in ("What did HU Cymru say about the draft budget in 2024?",
                     "What did HU Cymru say about the draft budget in December 2019?"):
        dates = [q.citation.date for q in engine.answer(question).nearby]
        assert dates[0] == dt.date(2023, 12, 19) and dates == sorted(dates), question
    dates = [q.citation.date for q in engine.answer("What did HU Cymru say about the draft budget in 2026?").nearby]
    assert dates[0] == dt.date(2025, 12, 16) and dates == sorted(dates, reverse=True)
    text = render_text(nearest)
    assert text.startswith("No release from Heads Union Cymru (HU Cymru) in 2024 covers that; the nearest that do:")
    assert ", 19 December 2023]" in text or ", 16 December 2025]" in text


def test_a_place_or_figure_the_releases_never_mention_is_declined(engine: Engine) -> None:
    assert not engine.answer("What did HU Cymru say about school transport in Ceredigion?").answered
    assert not engine.answer("How many schools in Bridgend face a shortfall, according to HU Cymru?").answered
    covered = engine.answer("How big a shortfall did HU Cymru say the 2026-27 draft budget meant?")
    assert covered.answered and "£45m" in covered.quotes[0].text


def test_a_broad_question_gets_the_newest_calls_release_by_release(engine: Engine) -> None:
    answer = engine.answer("What is HU Cymru calling for?")
    assert answer.answered and answer.by_release
    assert files(answer)[0] == "2025-12-16-hu-cymru-budget.md"
    dates = [q.citation.date for q in answer.quotes]
    assert dates == sorted(dates, reverse=True)
    assert "calling on the Wales Government to publish a multi-year funding settlement" in answer.quotes[0].text
    text = render_text(answer)
    assert text.startswith("Heads Union Cymru (HU Cymru), 16 December 2025: Another year of managing decline, "
                           "says HU Cymru\n\n  “")
    assert "\nHeads Union Cymru (HU Cymru), 10 May 2024: Heads meet in Llandudno\n" in text


def test_asked_what_it_wants_of_another_the_newest_releases_calling_on_that_one(engine: Engine) -> None:
    answer = engine.answer("What does HU Cymru want from the Wales Government?")
    assert answer.answered and answer.by_release
    # The conference release calls on councils, not on the Wales Government: it is left out.
    assert files(answer) == ["2025-12-16-hu-cymru-budget.md", "2023-12-19-hu-cymru-budget.md"]
    assert "calling on the Wales Government to publish a multi-year funding settlement" in answer.quotes[0].text
    # Nothing of HU Cymru's calls on TSU: answered (here declined) as any other question.
    other = engine.answer("What does HU Cymru want from TSU?")
    assert not other.answered and not other.by_release
    # Asked what it said about another, it is not a call that is wanted.
    said = engine.answer("What did HU Cymru say about the Wales Government?")
    assert not said.by_release


def test_a_fact_with_a_figure_leads_with_the_sentence_that_gives_it(engine: Engine) -> None:
    answer = engine.answer("What was the turnout in the TSU strike ballot?")
    assert answer.answered and "turnout of 58 per cent" in answer.quotes[0].text
    when = engine.answer("When will the TSU strikes take place?")
    assert when.answered and "1 February and 14 March" in when.quotes[0].text


def test_the_question_and_source_flag_disagreeing_is_said_in_one_line(engine: Engine) -> None:
    with pytest.raises(BadFilter, match=r"^the question asks about Teaching Staff Union \(TSU\), but --source "
                                        r"limits it to Wales Government; drop --source or change the question$"):
        engine.answer("What did TSU say about pay?", sources=["Wales Government"])
    agreeing = engine.answer("What did TSU say about pay?", sources=["teaching staff"])
    assert agreeing.answered and files(agreeing)[0] == "2023-01-17-tsu-ballot.md"


def test_filters_that_leave_no_release_are_named_with_the_dates_there_are(engine: Engine) -> None:
    answer = engine.answer("What did the unions say about pay?", since="2027")
    assert not answer.answered
    assert answer.explanation == ("There are no releases since 1 January 2027; the releases in the corpus run "
                                  "from 17 January 2023 to 16 December 2025.")
    assert render_text(answer).startswith("There are no releases since 1 January 2027;")


def one_release(folder: Path, date: str, title: str, *paragraphs: str) -> Engine:
    """An engine over one release of the Councils Network, dated `date`, asked on TODAY."""
    return lexical_engine(folder, {f"{date}-release.md": release(date, "Councils Network", title, *paragraphs)},
                          today=lambda: TODAY)


def test_a_later_release_giving_the_figure_for_the_time_asked_about_answers(tmp_path: Path) -> None:
    releases = {
        "2015-09-22-councils-transport.md": release(
            "2015-09-22", "Councils Network", "School transport costs rise",
            "School transport now costs councils £96m a year.",
            "In January 2015 there were around 71,000 surplus places in Welsh schools."),
        "2025-12-11-councils-budget.md": release(
            "2025-12-11", "Councils Network", "Budget response",
            "The network estimates there are now around 58,000 surplus places in Welsh schools."),
    }
    e = lexical_engine(tmp_path, releases, today=lambda: TODAY)
    answer = e.answer("How many surplus places were there in Welsh schools in January 2015?")
    assert answer.answered
    assert answer.notes == (
        "no release in January 2015 covers that; quoting one from another time that speaks of January 2015",)
    assert answer.quotes[0].text == "In January 2015 there were around 71,000 surplus places in Welsh schools."
    # One before the time asked about, saying what would happen then, answers what would be;
    # not what was. A year as part of a span ("2020-21") is not that year.
    e2 = one_release(tmp_path / "forecast", "2019-11-12", "Surplus places forecast",
                     "The network forecasts 80,000 surplus places in Welsh schools in 2022, and 75,000 in 2020-21.")
    answer = e2.answer("How many surplus places would Welsh schools have in 2022?")
    assert answer.answered and answer.notes == (
        "no release in 2022 covers that; quoting one from another time that speaks of 2022",)
    assert not e2.answer("How many surplus places did Welsh schools have in 2022?").answered
    were_to = e2.answer("How many surplus places in Welsh schools were to be there in 2022?")
    assert were_to.answered and were_to.notes == answer.notes
    span = e2.answer("How many surplus places would Welsh schools have in 2020?")
    assert not span.answered
    # A target, or a decision to do something then, is what would be too.
    target = e2.answer("How many surplus places did the network target for Welsh schools in 2022?")
    assert target.answered and target.notes == answer.notes
    # A later release naming the time in its own words ("last September", issued in June 2019).
    e4 = one_release(tmp_path / "own-words", "2019-06-11", "Trainee numbers",
                     "Only 31 trainee teachers of Welsh began secondary teacher training last September.",
                     "The network wants more trainees.")
    trainees = e4.answer("How many trainee teachers of Welsh began secondary training in September 2018?")
    assert trainees.answered and trainees.notes == (
        "no release in September 2018 covers that; quoting one from another time that speaks of September 2018",)
    assert not e4.answer("How many trainee teachers of Welsh began secondary training in September 2016?").answered
    # A later release naming the day asked about without its year ("On 1 February"), issued soon after.
    e5 = one_release(tmp_path / "day", "2023-03-14", "Strikes suspended",
                     "The network noted that on 1 February, 83 per cent of schools were closed by the strike.",
                     "The network wants talks to go on.")
    closed = e5.answer("How many schools were closed by the strike on 1 February 2023?")
    assert closed.answered and closed.notes == (
        "no release on 1 February 2023 covers that; quoting one from another time that speaks of 1 February 2023",)
    assert not e5.answer("How many schools were closed by the strike on 1 February 2022?").answered
    # An earlier release naming the month asked about as what was to come, without its year ("will strike on
    # 1 February"), answers what was to be then; not what was.
    e6 = one_release(tmp_path / "month", "2023-01-16", "Strike days",
                     "The network has announced strike days in Wales on 1 February and 14 February.",
                     "The network wants talks to go on.")
    due = e6.answer("Which days were the network's strike days in Wales due to be in February 2023?")
    assert due.answered and due.notes == (
        "no release in February 2023 covers that; quoting one from another time that speaks of February 2023",)
    assert not e6.answer("Which days were the network's strike days in Wales in February 2023?").answered
    # "In the past year" asked today: an earlier survey of its own past year answers, said so.
    e3 = one_release(tmp_path / "rolling", "2024-05-10", "Assaults survey",
                     "The survey found that 36 per cent of heads had been assaulted by a pupil in the last twelve "
                     "months.", "The network called for more support for heads.")
    rolling = e3.answer("How many heads have been assaulted by a pupil in the past year?")
    assert rolling.answered and rolling.notes == (
        f"no release since {human(TODAY - dt.timedelta(days=365))} covers that; quoting an earlier one that speaks "
        "of the months before it",)
    assert not e3.answer("How many heads were assaulted by a pupil in 2025?").answered
    # A time no release speaks of is still said to be uncovered, with the nearest releases.
    other = e.answer("How many surplus places were there in Welsh schools in March 2019?")
    assert not other.answered and other.reason == "no release in March 2019 covers that"
    assert other.nearby


def test_a_release_soon_after_naming_the_month_asked_about_anywhere_answers(tmp_path: Path) -> None:
    survey = ("2024-03-12", "Deficit survey", "Six in ten secondary schools expect a deficit budget, a survey found.",
              "Of the 168 secondary headteachers who responded, 62 per cent expected a deficit budget.",
              "The network wants fairer funding.", "The survey was carried out between 12 and 29 February 2024.")
    e = one_release(tmp_path, *survey)
    answer = e.answer("How many secondary headteachers responded to the February 2024 deficit survey?")
    assert answer.answered and answer.notes == (
        "no release in February 2024 covers that; quoting one from another time that speaks of February 2024",)
    assert "Of the 168 secondary headteachers who responded, 62 per cent expected a deficit budget." in [
        q.text for q in answer.quotes]
    # "the winter 2023 survey" is published in the months after it: searched then too.
    survey_of = e.answer("How many secondary headteachers responded to the winter 2023 deficit survey?")
    assert survey_of.answered and survey_of.notes == ("searched releases December 2023 to June 2024",)
    assert survey_of.quotes[0].text == ("Of the 168 secondary headteachers who responded, 62 per cent expected a "
                                        "deficit budget.")
    # A year is named in passing too often to say what a release reports on; so is a month long before.
    assert not e.answer("How many secondary headteachers responded to the 2023 deficit survey?").answered
    february = read_time("the February 2024 survey", TODAY)
    named = window_named(february)
    assert named is not None
    said = ["The survey was carried out between 12 and 29 February 2024."]
    assert release_reports(said, dt.date(2024, 3, 12), february, named)
    assert not release_reports(said, dt.date(2024, 12, 12), february, named)  # long after
    assert not release_reports(said, dt.date(2024, 2, 20), february, named)  # within it: not another time


def test_a_year_naming_a_law_is_not_the_time_asked_about() -> None:
    named = window_named(read_time("in 2018", TODAY))
    assert named is not None
    assert named.search("The survey, carried out in 2018, found that 78 per cent were worried.")
    assert not named.search("78 per cent said the Additional Learning Needs (Wales) Act 2018 had added work.")


def test_a_figure_at_a_day_asked_about_is_found_in_a_later_release_giving_it(tmp_path: Path) -> None:
    at = read_time("What were school reserves at 31 March 2013?", TODAY)
    assert (at.since, at.until, at.label, at.phrase) == (dt.date(2013, 3, 29), dt.date(2013, 4, 2), "31 March 2013",
                                                         "on 31 March 2013")
    releases = {
        "2014-01-28-reserves.md": release(
            "2014-01-28", "Councils Network", "School reserves fall",
            "The reserves held by schools have fallen by more than £10m in a year, the network said today.",
            "The number of schools in deficit rose from 131 to 178.",
            "School reserves stood at £59.4m at 31 March 2013, down from £70.1m a year earlier."),
        "2024-10-22-reserves.md": release(
            "2024-10-22", "Councils Network", "School reserves halve",
            "The reserves held by schools have fallen by more than half in a year, the network said today.",
            "These figures show how quickly the reserves schools built up have been used up."),
    }
    e = lexical_engine(tmp_path, releases, today=lambda: TODAY)
    answer = e.answer("What did school reserves add up to at 31 March 2013?")
    assert answer.answered and answer.notes == (
        "no release on 31 March 2013 covers that; quoting one from another time that speaks of 31 March 2013",)
    assert answer.quotes[0].text == "School reserves stood at £59.4m at 31 March 2013, down from £70.1m a year earlier."


def test_what_followed_an_event_soonest_leads(tmp_path: Path) -> None:
    releases = {
        "2022-12-14-budget.md": release("2022-12-14", "Heads Union Cymru (HU Cymru)", "Draft budget response",
                                        "Energy costs will swallow any increase in school funding next year, "
                                        "leaving many schools with no option but to cut staff, the union warned "
                                        "of the draft budget for 2023-24."),
        "2025-12-16-budget.md": release("2025-12-16", "Heads Union Cymru (HU Cymru)", "Draft budget falls short",
                                        "HU Cymru responded to the draft budget: the draft budget falls short, HU Cymru said."),
    }
    e = lexical_engine(tmp_path, releases, today=lambda: TODAY)
    answer = e.answer("What did HU Cymru say after the December 2022 draft budget?")
    assert answer.answered and files(answer)[0] == "2022-12-14-budget.md"
    assert answer.notes == ("searched releases from Heads Union Cymru (HU Cymru), December 2022 to December 2023",)


def test_the_earliest_on_the_topic_first_when_asked_what_followed() -> None:
    from retrieval.quoting import Sentence
    from retrieval.recency import newest_first
    from retrieval.schema import Hit, Passage

    def group(doc: str, score: float) -> list[Sentence]:
        hit = Hit(Passage(doc, 1, 0, 4, "text"), score, "bm25")
        return [Sentence(0, 0, hit, 0, 4, score, score, None)]

    topical = {"old": dt.date(2022, 12, 14), "new": dt.date(2025, 12, 16)}
    groups = [group("new", 0.9), group("old", 0.5), group("other", 1.0)]
    order = [g[0].hit.passage.doc_id for g in sorted(groups, key=newest_first(topical))]
    assert order == ["new", "old", "other"]
    order = [g[0].hit.passage.doc_id for g in sorted(groups, key=newest_first(topical, earliest=True))]
    assert order == ["old", "new", "other"]


def test_a_branch_with_no_release_then_is_looked_for_in_its_parents(engine: Engine) -> None:
    answer = engine.answer("What did HU Cymru want for school funding in June 2024?")
    assert answer.answered and files(answer)[0] == "2024-06-11-hu-election.md"
    assert answer.notes == ("no release from Heads Union Cymru (HU Cymru) in June 2024; quoting Heads Union (HU)",
                            "searched releases from Heads Union Cymru (HU Cymru) and Heads Union (HU), June 2024")


def test_where_a_branch_met_is_not_where_its_parent_did(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        **RELEASES,
        "2018-05-05-hu-conference.md": release(
            "2018-05-05", "Heads Union (HU)", "Heads call for a rethink of accountability",
            "HU called for a rethink of school accountability at its annual conference at the Riverside Centre in "
            "Liverpool.",
            "HU Cymru president Gwen Rees, headteacher of a primary school in Pembrokeshire, told delegates that "
            "schools in Wales faced the same pressures.")}, today=lambda: TODAY)
    # (no release of the branch in 2018: its parent's are read, but the conference there is the parent's)
    venue = e.answer("Where did HU Cymru hold its annual conference in 2018?")
    assert not venue.answered and venue.reason == "no release from Heads Union Cymru (HU Cymru) in 2018 covers that"
    told = e.answer("What did HU Cymru's president tell the 2018 conference?")
    assert told.answered and told.quotes[0].text.startswith("HU Cymru president Gwen Rees")


def test_asked_for_the_latest_the_newest_release_on_the_topic_leads(tmp_path: Path) -> None:
    attendance = "Attendance in secondary schools"
    e = lexical_engine(tmp_path, {
        "2015-04-16-attendance.md": release(
            "2015-04-16", "Example Inspectorate", attendance,
            "Attendance in secondary schools has improved. Attendance in secondary schools is good, and persistent "
            "absence in secondary schools is falling: 4 per cent of secondary pupils are persistently absent."),
        "2024-06-26-attendance.md": release(
            "2024-06-26", "Example Government", "Attendance taskforce",
            "Attendance in secondary schools is below where it was: 17.9 per cent of secondary pupils were "
            "persistently absent last year."),
        "2019-01-10-pay.md": release("2019-01-10", "Example Government", "Pay award", "Teachers get a pay award."),
    })
    latest = e.answer("How many secondary pupils are persistently absent these days?")
    assert [Path(h.passage.path).name for h in latest.passages][:1] == ["2024-06-26-attendance.md"]
    assert latest.answered and latest.quotes[0].text.startswith("Attendance in secondary schools is below")
    undated = e.answer("How many secondary pupils are persistently absent?")
    assert [Path(h.passage.path).name for h in undated.passages][:1] == ["2015-04-16-attendance.md"]


def test_nothing_yet_this_year_quotes_the_latest_before_it(engine: Engine) -> None:
    answer = engine.answer("What did HU Cymru say about the draft budget this year?")
    assert answer.answered and files(answer)[0] == "2025-12-16-hu-cymru-budget.md"
    assert answer.notes == ("no release from Heads Union Cymru (HU Cymru) in 2026 covers that yet; quoting the "
                            "latest",)
    # A year named is asked about as such (test_nothing_in_the_time_asked_about_says_so_and_quotes_the_nearest).
    assert not engine.answer("What did HU Cymru say about the draft budget in 2026?").answered
    assert read_time("this summer", TODAY).current and not read_time("last summer", TODAY).current


def test_a_branch_whose_releases_never_name_what_is_asked_of_is_looked_for_in_its_parents(tmp_path: Path) -> None:
    e = lexical_engine(tmp_path, {
        **RELEASES,
        "2018-05-05-hu-conference.md": release(
            "2018-05-05", "Heads Union (HU)", "Heads call for a rethink of accountability",
            "The union met in Liverpool for its annual conference, calling for a rethink of school accountability.",
            "HU Cymru president Gwen Rees, headteacher of a primary school in Pembrokeshire, told delegates that "
            "schools in Wales faced the same pressures."),
        # (a release a month of the branch's on budgets: enough for Liverpool to be rare)
        **{f"{y}-{m:02d}-01-budget.md": release(f"{y}-{m:02d}-01", "Heads Union Cymru (HU Cymru)", f"Budget {m}",
                                                *(f"Paragraph {i} on school budgets." for i in range(5)))
           for y in (2016, 2017) for m in range(1, 13)}}, today=lambda: TODAY)
    # (the branch has releases, but none names Liverpool: its parent's sentence naming it answers)
    who = e.answer("Who was president of HU Cymru when the union met in Liverpool?")
    assert who.answered and who.quotes[0].text.startswith("HU Cymru president Gwen Rees")
    assert who.notes[0] == "no release from Heads Union Cymru (HU Cymru) covers that; quoting Heads Union (HU)"
    # (a sentence of the parent's own, not naming the branch, is not the branch's)
    called = e.answer("What did HU Cymru call for in Liverpool?")
    assert not called.answered
    assert called.reason == "none of the releases found mentions a name the question asks about"
