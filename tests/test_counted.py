"""What a figure asked for counts, read from the question's own words.

A turnout is also the share who "returned their papers", and it is the turnout of the members
of the place named; "IDPs" and "TAs" are initialisms a release may spell out; "female" teachers
are the "women" a release counts; "little ones" are children; a compound joined by a word
("made-in-Wales") says which of something, not what; "had their say" is responding. "Classroom
assistants" are no classroom; a number "rose to a record 43,578"; "published in January 2018" says
when, not what. A turnout is asked as "NASUWT's ballot turnout" and given as "51.4 per cent of
members in Wales took part", or just after the sentence naming whose it is; a consultation "ends"
when it closes. A figure "across England and Wales" is theirs together, not Wales's; "sending back
their papers" is a turnout.
"""

from __future__ import annotations

from pathlib import Path

from retrieval.analysis import analyse
from retrieval.answertype import asks_deadline, counted_heads, expected_type, figure_beside, figure_focus, names_counted
from retrieval.contrast import names, said_as
from retrieval.outcome import asks_outcome
from retrieval.question import parse_question
from retrieval.sums import allocated_to, asks_money, rate_unit

from .conftest import lexical_engine, plans_releases, release_text


def others(year: int, source: str) -> dict[str, str]:
    """A release a month, January to April of `year`, on school budgets: enough others for a release's
    words to be rare."""
    return {f"{year}-0{m}-01-other.md": release_text(f"{year}-0{m}-01", f"Other {m}", "School budgets are tight.",
                                                     source=source) for m in range(1, 5)}


def gives_turnout(sentence: str) -> bool:
    return names_counted(sentence, frozenset({"turnout"}), analyse(sentence))


def test_a_turnout_is_the_share_who_returned_their_papers() -> None:
    assert gives_turnout("In England, 42 per cent of eligible members returned their papers.")
    assert gives_turnout("In all, 53 per cent of members returned their voting papers.")
    assert gives_turnout("In all, 61 per cent of members returned their ballot papers.")
    assert not gives_turnout("In all, 42 per cent of members returned to work.")


def test_the_turnout_of_members_in_a_place_is_that_places() -> None:
    assert parse_question("What was the turnout among members in Northern Ireland?").counted_in == {
        "northern", "ireland"}
    assert parse_question("What was the turnout of members in England in the ballot?").counted_in == {"england"}
    # (a count of teachers in a place is theirs, as before; the turnout's voters are not teachers)
    assert parse_question("How many teachers in Torfaen were surveyed?").counted_in == {"torfaen"}


def test_an_initialism_in_the_plural_is_an_initialism() -> None:
    assert parse_question("How many pupils with IDPs did the school have?").initialisms == {"idp"}
    assert parse_question("How many members expected to cut TAs?").initialisms == {"tas"}
    assert parse_question("What did Estyn say about the Welsh Government?").initialisms == frozenset()


def test_female_is_said_as_women_and_male_as_men() -> None:
    female, male = ("femal",), ("male",)
    assert said_as(female) == (female, ("women",))
    assert names(["women", "make", "up", "75.8"], female)
    assert names(["men", "make", "up"], male)
    assert not names(["teacher", "make", "up"], female)


def test_a_count_of_female_teachers_is_answered_by_the_share_of_women(tmp_path: Path) -> None:
    source = "Example Workforce Council"
    e = lexical_engine(tmp_path, {
        "2019-10-15-statistics.md": release_text(
            "2019-10-15", "Workforce statistics 2019",
            "There were 35,129 school teachers on the register on 31 March 2019.",
            "Women make up 75.8 per cent of school teachers in Wales, but 64 per cent of headteachers.",
            source=source),
        "2020-03-01-heads.md": release_text(
            "2020-03-01", "Female heads report abuse",
            "Female headteachers were more likely than male headteachers to report abuse from parents.",
            source=source),
        **others(2021, source),
    })
    answer = e.answer("What share of teachers are female?")
    assert answer.answered
    assert answer.quotes[0].text.startswith("Women make up 75.8 per cent")


def test_little_ones_are_children_and_ones_is_not_what_is_counted() -> None:
    q = parse_question("How many little ones got free dinners in the first month?")
    assert {"children", "pupil", "infant", "recept"} <= q.focus
    assert "one" not in q.focus


def test_a_compound_joined_by_a_word_is_not_what_a_sum_is_for() -> None:
    assert allocated_to("How much was set aside for the new made-in-Wales pay scales?") == ("scales",)
    assert allocated_to("How much was set aside for school kitchens?") == ("kitchens",)
    assert figure_focus("How much cash did ministers hand councils towards the first made-in-Wales pay rise?") \
        != ("made",)


def test_a_sum_for_giving_someone_something_is_for_the_giving() -> None:
    assert allocated_to("How much cash was set aside for giving every primary child a free dinner?") == ()
    assert allocated_to("How much cash was set aside for primary children?") == ("children",)


def test_a_sum_asked_for_is_judged_with_the_rest_of_its_release(tmp_path: Path) -> None:
    source = "Example Government"
    e = lexical_engine(tmp_path, {
        "2021-12-01-meals.md": release_text(
            "2021-12-01", "Free school meals for every primary pupil",
            "All primary school pupils will receive free school meals under plans announced today.",
            "Around 272,000 children will benefit from the policy, including 45,000 children from families "
            "living in poverty.",
            "The Minister said the policy would ensure that every primary school child gets a free lunch.",
            *(f"Every primary school in area {n} will give every child a free lunch, the council said."
              for n in range(1, 13)),
            "The Government will provide £200 million over three years for the roll-out, including new school "
            "kitchens.",
            source=source),
        **others(2022, source),
    })
    answer = e.answer("How much money is being set aside to give every primary kid a free lunch?")
    assert answer.answered
    assert answer.quotes[0].text.startswith("The Government will provide £200 million over three years")
    # (only a sum of funding: a salary or a fee asked for is not whatever sum its release gives)
    assert parse_question("How much money is being set aside to give every primary kid a free lunch?").funding
    assert not parse_question("What was the starting salary for new teachers in September 2022?").funding
    assert parse_question("What was the starting salary for new teachers in September 2022?").money


def test_a_sum_towards_the_cost_of_something_is_no_cost_and_a_clause_ends_what_it_is_for() -> None:
    question = "How much did the Government give towards the cost of the 2019 pay award in that financial year?"
    assert allocated_to(question) == ()
    assert not parse_question(question).costing
    assert parse_question("How much did the 2019 pay award cost?").costing
    assert allocated_to("How much extra money for schools came out of the budget deal?") == ("schools",)
    assert allocated_to("How much extra money for schools did the union ask the parties to commit?") == ("schools",)
    assert allocated_to("How much did the draft budget allocate to ALN reform?") == ("reform",)
    # whose it is, first or between its words, is none of them
    assert allocated_to("How much was set aside for the council's school kitchens?") == ("kitchens",)
    assert allocated_to("How much did ministers give schools towards the first Welsh teachers' pay award in "
                        "2019?") == ("award",)
    # to the time it is said of
    assert allocated_to("How much was set aside for school meals this year?") == ("meals",)
    assert allocated_to("How much had a primary spent on coronavirus costs since the autumn of 2020?") == ("costs",)


def test_cash_handed_over_is_a_sum_of_money() -> None:
    assert asks_money("How much cash did ministers hand councils towards the pay rise?")
    assert asks_money("How much cash was promised for the poorest schools after the test results?")
    # given to do something, asked of the giving
    assert asks_money("How much did the Government give councils to repair crumbling concrete in schools?")
    assert not asks_money("How much notice did the inspectorate give schools to prepare?")
    assert not asks_money("How many pupils did ministers hand over to the new school?")
    # money going into something is funding for it; time going into something is not money
    assert parse_question("How much money is going into free dinners for all primary kids?").funding
    assert parse_question("How much cash went into the new GCSEs?").funding
    assert not asks_money("How much time went into planning lessons?")


def test_what_is_added_to_a_cost_may_be_a_share_of_it() -> None:
    assert asks_money("How much would the new pension scheme cost schools?")
    assert not asks_money("How much would the rise in pension contributions add to the cost of employing a teacher?")
    assert not asks_money("How much will the award add to schools' costs?")


def test_a_per_cent_award_is_no_rate_and_a_release_opening_on_a_place_is_of_it(tmp_path: Path) -> None:
    asked = "How much extra money did ministers confirm for schools in England to help with the 5.5 per cent award?"
    assert rate_unit(asked) == () and rate_unit("How much was the 5 per cent rise worth per pupil?") == ("pupil",)
    e = lexical_engine(tmp_path, {
        "2024-07-29-award.md": release_text(
            "2024-07-29", "Union welcomes 5.5 per cent pay award",
            "The union has welcomed the 5.5 per cent pay award for teachers and school leaders in England.",
            "The union said ministers had confirmed that schools would receive additional funding of £1.2bn to help "
            "meet the cost of the award.",
            "In Wales, the union expects the Government to follow with an award of the same value.",
            source="Example Union"),
        "2024-07-30-wales.md": release_text(
            "2024-07-30", "Pay in Wales", "Teachers in Wales await the pay review body's report.",
            source="Example Government"),
        **plans_releases(2023, ("attendance", "behaviour", "inspection", "meals"), "Example Government",
                         "New plans for {} in schools in Wales.")})
    answer = e.answer(asked)
    assert answer.answered
    assert answer.quotes[0].text.startswith("The union said ministers had confirmed that schools would receive")


def test_jobs_that_disappeared_were_lost() -> None:
    q = parse_question("How many school jobs does the union say disappeared during 2024-25?")
    assert any("lost" in variants for variants in q.qualifiers)


def test_people_who_had_their_say_responded() -> None:
    assert "respond" in parse_question("How many people had their say on the school holidays?").focus
    assert "respond" not in parse_question("How many people have left the profession?").focus


def test_classroom_assistants_are_no_classroom() -> None:
    q = parse_question("Are there now more classroom assistants than teachers in Wales?")
    assert [g.stem for g in q.groups] == ["assist", "teacher", "wale"]
    assert q.groups[0].variants == ("assist", "support", "staff")
    assert {"assist", "support"} <= parse_question("How many classroom assistants work in Welsh schools?").focus
    assert "classroom" not in parse_question("How many classroom assistants work in Welsh schools?").focus


def test_a_figure_risen_to_is_what_is_counted() -> None:
    focus = frozenset({"support"})
    assert figure_beside("The number of school learning support workers rose to a record 43,578.", focus)
    assert figure_beside("The number of school learning support workers continued to rise, reaching 36,012.", focus)
    assert figure_beside("Turnout among support staff in Wales was 51 per cent.", focus)
    assert not figure_beside("The number of school learning support workers rose sharply over the year to "
                             "March 2024.", focus)


def test_published_when_or_by_whom_says_nothing_of_the_topic() -> None:
    text = "How many people took part in the first survey of members, published in January 2018?"
    q = parse_question(text, leave_out=[(text.index(" in January") + 1, len(text) - 1)])
    assert {g.stem: g.core for g in q.groups}["publish"] is False
    assert {g.stem: g.core for g in parse_question("How many reports were published on attendance?").groups}[
        "publish"] is True


def test_a_turnout_asked_by_whose_it_is_and_given_as_members_in_a_place_who_took_part() -> None:
    assert expected_type("What was NASUWT's ballot turnout in Wales in the pay ballot?") == "number"
    assert figure_focus("What was NASUWT's ballot turnout in Wales in the pay ballot?") == ("turnout",)
    turnout = frozenset({"turnout"})
    assert figure_beside("In the formal ballot, 51.4 per cent of NAHT members in Wales took part.", turnout)
    assert not figure_beside("In the formal ballot, NAHT members in Wales took part in large numbers.", turnout)
    assert figure_beside("In Wales, 51.2 per cent of eligible NAHT Cymru members voted, with 74 per cent of those "
                         "voting backing strike action.", turnout)
    assert figure_beside("In the formal ballot, which closed today, 51.4 per cent of NAHT Cymru members eligible to "
                         "vote took part, clearing the threshold.", turnout)


def test_the_turnout_of_a_place_may_follow_the_sentence_naming_it(tmp_path: Path) -> None:
    source = "Example Heads Union"
    e = lexical_engine(tmp_path, {
        "2023-01-26-ballot.md": release_text(
            "2023-01-26", "Ballot result",
            "School leaders have voted for industrial action over pay, the union announced today.",
            "Of those members in England who voted, 72 per cent backed strike action. However, turnout was 42 per "
            "cent, below the 50 per cent threshold.",
            "In Scotland, turnout among members exceeded the threshold.",
            source=source),
        **others(2022, source),
    })
    answer = e.answer("What was the turnout among members in England in the 2022-23 pay ballot?")
    assert answer.answered
    assert answer.quotes[0].text.endswith("However, turnout was 42 per cent, below the 50 per cent threshold.")
    assert not e.answer("What was the turnout among members in Wales in the 2022-23 pay ballot?").answered


def test_a_consultation_ends_when_it_closes() -> None:
    ending = "When did the union's consultation of members on the improved January 2023 pay offer end?"
    assert asks_deadline(ending) and not asks_outcome(ending)
    assert asks_outcome("When did the union end its strike action?")


def test_a_figure_of_both_of_a_pair_is_neithers_own(tmp_path: Path) -> None:
    source = "Example Heads Union"
    e = lexical_engine(tmp_path, {
        "2022-09-28-ballot.md": release_text(
            "2022-09-28", "Indicative ballot",
            "Members have rejected this year's pay award in an indicative ballot.",
            "The indicative ballot had a turnout of 53 per cent across England and Wales.",
            "It was open to all members in England and Wales.",
            source=source),
        **{f"2022-0{m}-01-wales.md": release_text(f"2022-0{m}-01", f"Wales {m}", "Schools in Wales are short of money.",
                                                  source=source) for m in range(1, 5)},
    })
    assert not e.answer("What was the turnout among members in Wales in the 2022 indicative ballot?").answered
    assert e.answer("What was the turnout in the 2022 indicative ballot?").answered



def test_the_share_who_sent_back_their_papers_is_the_turnout() -> None:
    assert figure_focus("What proportion of members in Wales sent back their papers in the 2023 pay vote?") == (
        "turnout",)
    assert figure_focus("What share of members returned their ballot papers?") == ("turnout",)
    # a share of those who voted doing something asks how the vote went
    assert "turnout" not in figure_focus(
        "What share of NAHT Cymru members who voted in the 2023 ballot supported strike action?")
    # (and a release's "turnout" answers it, though the question never says the word)
    asked = parse_question("What proportion of members in Wales sent back their papers in the 2023 pay vote?")
    assert [(g.stem, g.core, g.answers) for g in asked.groups if g.stem == "turnout"] == [("turnout", False, True)]


def test_a_share_of_respondents_is_answered_by_what_a_share_of_them_said() -> None:
    q = parse_question("In the 2016 survey, what share of respondents in Wales called their 2016-17 budget untenable?")
    said = ('Among respondents in Wales, the picture was starker still: 79 per cent said their budget for 2016-17 '
            'was "untenable" without further cuts.')
    assert q.surveyed_share(said)
    assert not q.surveyed_share("Among respondents in Wales, the picture was starker still.")
    # (how many answered is counted, not a share of what they said)
    assert not parse_question("How many people responded to the 2016 survey?").surveyed_share(
        "Of those who responded, 79 per cent said their budget was untenable.")


def test_a_share_of_respondents_answers_only_by_what_the_share_is_said_of() -> None:
    quitting = parse_question("How many teachers were thinking of quitting the profession?")
    assert quitting.surveyed_share("The survey found that 67 per cent said they had considered leaving the profession.")
    # the survey's setting, before the share, is not what the share is said of
    attended = parse_question("How many delegates attended the union's 2012 conference in Birmingham?")
    assert not attended.surveyed_share(
        "A survey of 3,600 members released during the conference found that 62 per cent were working more than "
        "50 hours a week.")


def test_a_turnout_asked_of_a_consultation_is_not_a_ballots(tmp_path: Path) -> None:
    def e(with_turnout: bool):  # noqa: ANN202
        releases = {
            "2023-01-16-ballot.md": release_text(
                "2023-01-16", "Teachers vote for strike action",
                "Teachers voted for strike action, with 92 per cent of members backing strikes on a turnout of "
                "58 per cent.", source="Example Union"),
            "2023-03-13-offer.md": release_text(
                "2023-03-13", "Strikes suspended",
                "The union has suspended strikes to consult members on the improved pay offer.",
                "The consultation of members closes on 24 March." + (
                    " The turnout in the consultation was 61 per cent." if with_turnout else ""),
                source="Example Union"),
            **plans_releases(2022, ("attendance", "behaviour", "inspection", "meals"), "Example Government")}
        return lexical_engine(tmp_path / str(with_turnout), releases)
    asked = "What was the turnout in the union's consultation of members on the improved pay offer?"
    declined = e(False).answer(asked)
    assert not declined.answered and declined.reason == "the best passages do not give the figure asked for"
    answered = e(True).answer(asked)
    assert answered.answered and answered.quotes[0].text.endswith("The turnout in the consultation was 61 per cent.")
    # a ballot's turnout is asked of a vote too
    assert e(False).answer("What was the turnout in the union's January 2023 strike vote?").answered


def test_what_a_thing_of_more_than_one_word_counts_is_its_last_word() -> None:
    assert counted_heads("How many attendance fines were issued to parents in 2023-24?") == ("fines",)
    assert counted_heads("How many family engagement officers did Estyn find?") == ("officers",)
    assert counted_heads("How many pupils were absent?") == ()  # one word: itself
    assert counted_heads("How many pupils and schools took part?") == ()  # two things, either counts
    # (a name before it says where, not what: "In Wales, 58 per cent of the 214 respondents" counts Welsh heads)
    assert counted_heads("How many Welsh heads have been assaulted by a pupil?") == ()
    assert counted_heads("How many school bosses were in the red?") == ()  # ("40 per cent of schools" were)
    assert counted_heads("How many free school meals were served in 2023?") == ("meals",)  # (school meals are meals)
    assert counted_heads("How many school staff in Wales were struck off?") == ()  # (as teachers, or anyone)
    meals = parse_question("How many free school meals were served in Welsh primary schools in 2023?")
    assert not meals.offered_by("The survey of 302 school leaders found that 89 per cent expected to make "
                                "redundancies.")
    welsh = parse_question("How many Welsh heads have been assaulted by a pupil?")
    assert welsh.offered_by("In Wales, 58 per cent of the 214 respondents said that they had been assaulted.")
    question = parse_question("How many attendance fines were issued to parents in Wales in 2023-24?")
    assert not question.offered_by("Attendance in secondary schools in Wales was 88.3 per cent in 2023-24.")
    assert question.offered_by("Councils issued 4,210 attendance fines to parents in 2023-24.")
    assert question.offered_by("Councils issued 4,210 fixed penalty notices for non-attendance in 2023-24.")


def test_a_rate_of_what_names_the_thing_counted_does_not_count_it(tmp_path: Path) -> None:
    releases = {
        "2024-10-08-attendance.md": release_text(
            "2024-10-08", "Attendance still too low",
            "Figures show that attendance in secondary schools in Wales was 88.3 per cent in 2023-24.\n\n"
            "Leaders called for more family support and for fines to be a last resort.", source="ASCL Cymru"),
        **others(2024, "NEU Cymru"),
    }
    engine = lexical_engine(tmp_path, releases)
    answer = engine.answer("How many attendance fines were issued to parents in Wales in 2023-24?")
    assert not answer.answered
    assert answer.reason == "the best passages do not give the figure asked for"
    rate = engine.answer("What was attendance in secondary schools in Wales in 2023-24?")
    assert rate.answered and rate.quotes[0].text.startswith("Figures show that attendance")


def test_a_sum_given_to_pay_for_something_is_money() -> None:
    assert asks_money("How much did the Welsh Government give councils to fund the 2023 teachers' pay award?")
    assert asks_money("How much did the Welsh Government give councils towards the 2020 teachers' pay rise?")
    assert not asks_money("How much did the Welsh Government give teachers?")  # (a pay rise may be a share)
    # a sum handed over "for the cost of" something is money given, not what it costs
    handed = parse_question("How much did the Treasury hand over to Wales for the cost of teachers' pay?")
    assert handed.money and not handed.costing
    assert handed.offered_by("The £26m transferred to Wales by the Treasury to cover the cost of the function should "
                             "be ring-fenced for teachers' pay.")
    assert parse_question("How much will the 2024 pay award cost?").costing


def test_what_is_counted_ends_where_it_is_said_to_have_done_something() -> None:
    assert figure_focus("How many schools shifted two bands or more in the 2012 banding results?") == ("schools",)
    assert figure_focus("How many newly qualified teachers registered with the EWC?") == (
        "newly", "qualified", "teachers")
    assert figure_focus("How many schools placed in special measures were primaries?") == ("schools",)
    assert figure_focus("How many girls told inspectors they had had unwanted remarks?") == ("girls",)


def test_men_and_women_are_said_as_male_and_female() -> None:
    men = parse_question("What fraction of teachers in Wales were men in 2019?")
    assert "male" in {v for g in men.groups for v in g.variants}
    assert names(analyse("Only 24.3 per cent of teachers were male."), ("men",))
    assert names(analyse("Three quarters of teachers were female."), ("women",))
    # (teachers are the teaching staff a release names beside support staff)
    planned = parse_question("How many school leaders planned to make teachers redundant?")
    assert planned.offered_by("A survey of 318 school leaders found that 47 per cent were planning to make teaching "
                              "staff redundant, and 82 per cent expected to reduce the number of support staff.")


def test_a_kind_of_what_is_counted_is_held_by_a_release_giving_its_figure(tmp_path: Path) -> None:
    releases = {
        "2022-03-15-survey.md": release_text(
            "2022-03-15", "Teachers assaulted",
            "The survey of 1,047 teachers in Wales found that 22 per cent had been hit by a pupil.",
            source="NASUWT Cymru"),
        **others(2022, "NEU Cymru"),
    }
    engine = lexical_engine(tmp_path, releases)
    answer = engine.answer("How many registered school teachers were there in Wales in 2022?")
    assert not answer.answered
    assert answer.reason == "the best release does not give a figure of what is asked about"


def test_a_figure_something_became_and_what_it_would_cost_are_sums() -> None:
    became = "What did the starting salary for a newly qualified teacher in Wales become in September 2020?"
    assert expected_type(became) == "number" and asks_money(became)
    assert expected_type("What did the union become?") is None
    assert expected_type("What became the minimum pay for a newly qualified teacher in Wales in September 2020?") \
        == "number"
    assert expected_type("What became of the plans to cut the summer holiday?") is None
    cost = parse_question("What would it cost to fund a family engagement officer for every secondary school?")
    assert cost.expects == "number" and cost.costing
    assert cost.offered_by("The union estimates the cost at around £18m a year.")
    assert parse_question("What will giving every primary pupil a free lunch cost each year?").costing
    assert parse_question("What would it cost to match the pay award for lecturers?").offered_by(
        "The union estimates that the cost of matching this year's pay award for college lecturers would be around "
        "£4.6m.")
    assert not parse_question("What will the union say about the cost of living?").costing


def test_a_count_at_a_rally_in_a_place_is_given_beside_that_place(tmp_path: Path) -> None:
    assert parse_question("How many people attended the strike rally in Wrexham?").counted_in == frozenset({"wrexham"})
    assert parse_question("How many delegates attended the conference in Birmingham?").counted_in == frozenset()
    source = "Example Teachers Union"
    e = lexical_engine(tmp_path, {
        "2023-02-01-strike.md": release_text(
            "2023-02-01", "Teachers march on strike day",
            "Around 4,000 people joined the march from City Hall to a rally outside the Senedd in Cardiff. Further "
            "rallies were held in Swansea, Wrexham, Bangor and Aberystwyth.", source=source),
        # (enough other releases for a town named in one to be rare)
        **plans_releases(2022, ("meals", "attendance", "behaviour", "inspection", "uniforms", "buses", "libraries",
                                "music", "sport", "languages", "transport", "nurseries"), source)})
    assert not e.answer("How many people attended the strike rally in Wrexham?").answered
    cardiff = e.answer("How many people attended the strike rally in Cardiff?")
    assert cardiff.answered and cardiff.quotes[0].text.startswith("Around 4,000 people joined the march")
