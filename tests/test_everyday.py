"""Everyday words find what releases say in their own words, without a model."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from retrieval import Engine
from retrieval.analysis import analyse
from retrieval.evidence import said_otherwise
from retrieval.question import EXPANSIONS, parse_question, respell

from .conftest import lexical_engine


def groups(question: str) -> dict[str, tuple[str, ...]]:
    """The question's topic words, each with the words that count as it."""
    return {g.stem: g.variants for g in parse_question(question).groups if g.core}

RELEASE = ("---\ntitle: Survey of school leaders\ndate: 2025-03-01\nsource: Example Heads Union\n---\n"
           "One in five headteachers said they had been physically assaulted by a parent in the past year.\n\n"
           "The union is calling for more funding for school buildings.\n")


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return lexical_engine(tmp_path, {"2025-03-01-survey.md": RELEASE})


def test_an_everyday_word_counts_the_releases_word_for_it() -> None:
    groups = {g.stem: g.variants for g in parse_question("Were heads hit by parents?").groups}
    assert groups["head"][0] == "head" and "headteach" in groups["head"]
    assert groups["hit"][0] == "hit" and "assault" in groups["hit"]
    groups = {g.stem: g.variants for g in parse_question("Will colleges limit places because of money?").groups}
    assert groups["money"] == ("money", "fund", "invest", "cash", "budget", "financ", "pay")
    assert groups["limit"] == ("limit", "cap", "restrict", "ceil")
    groups = {g.stem: g.variants for g in parse_question("How did the union respond to the plans?").groups}
    assert groups["plan"] == ("plan", "propos")
    groups = {g.stem: g.variants for g in parse_question("Will pupils lose a week of their summer break?").groups}
    assert groups["break"] == ("break", "holiday") and "shorten" in groups["lose"]
    # Exam entries are candidates; heads are school leaders; a platform is social media.
    groups = {g.stem: g.variants for g in parse_question("How many pupils did heads say were bullied on Facebook?").groups}
    assert "candid" in groups["pupil"] and "leader" in groups["head"] and "social" in groups["facebook"]
    # Both ways where releases use either word: "members voted", "the strike ballot".
    groups = {g.stem: g.variants for g in parse_question("How did the strike ballot go?").groups}
    assert groups["ballot"] == ("ballot", "vote") and groups["strike"] == ("strike", "industri", "walkout")
    # A phrasal verb counts the release's word for it, its particle next to it or one word on.
    for asked in ("Was the new curriculum put off?", "Did they put it off?"):
        groups = {g.stem: g.variants for g in parse_question(asked).groups}
        assert groups["put"] == ("put", "delay", "postpon", "defer", "paus"), asked
    assert {g.stem: g.variants for g in parse_question("Did they put money in?").groups}["put"] == ("put",)
    groups = {g.stem: g.variants for g in parse_question("Are heads packing it in after being thumped?").groups}
    assert "leav" in groups["pack"] and "assault" in groups["thump"]
    groups = {g.stem: g.variants for g in parse_question("Will they get a cash bonus for sticking around?").groups}
    assert "incent" in groups["bonus"] and "retent" in groups["stick"]
    assert EXPANSIONS["welsh"] == ("wale",)  # a people: the release may name the country
    # A noun for particle is read with its verb, not as a topic the release must hold.
    for asked in ("How many took part in the survey?", "How many are taking part in the survey?"):
        groups = {g.stem: g.variants for g in parse_question(asked).groups}
        assert "part" not in groups and "respond" in (groups.get("took") or groups["take"]), asked
    assert "part" in {g.stem for g in parse_question("Which part of the budget was cut?").groups}
    # Words of one stem ("wage", "wages") pool their entries, and no entry lists its own stem.
    assert EXPANSIONS["wage"] == ("pay", "salari", "earn")
    assert all(key not in others for key, others in EXPANSIONS.items())


def test_a_question_in_everyday_words_is_answered_from_the_release(engine: Engine) -> None:
    answer = engine.answer("Have heads been hit by parents?")
    assert answer.answered
    assert answer.quotes[0].text == ("One in five headteachers said they had been physically assaulted by a parent in "
                                     "the past year.")
    money = engine.answer("What does the union want cash for?")
    assert money.answered and "funding for school buildings" in money.quotes[0].text


def test_how_many_took_part_is_answered_by_the_responses(tmp_path: Path) -> None:
    survey = ("---\ntitle: Workload survey\ndate: 2024-11-05\nsource: Example Teachers Union\n---\n"
              "The union has published its annual workload survey, showing teachers work 55 hours a week.\n\n"
              "The survey received 1,083 responses.\n")
    engine = lexical_engine(tmp_path, {"2024-11-05-survey.md": survey})
    # The responses are what is counted, though the question calls them people or teachers.
    for asked in ("How many people took part in the workload survey?", "How many teachers took part in the survey?"):
        answer = engine.answer(asked)
        assert answer.answered, asked
        assert answer.quotes[0].text == "The survey received 1,083 responses.", asked


def test_an_everyday_word_the_releases_never_use_is_searched_as_their_words() -> None:
    question = parse_question("What about pupils bunking off?")
    read = respell(question, {"bunk"}, lambda stem: "bank")  # not respelt as a near word
    bunk = next(g for g in read.groups if g.stem == "bunk")
    assert bunk.unheard and bunk.variants == ("bunk", "attend", "absenc", "truanci")
    assert read.terms.count("attend") == 2 and question.terms.count("attend") == 1


def test_an_everyday_word_the_releases_never_use_is_not_respelt_as_a_near_word() -> None:
    from retrieval.english import is_everyday

    assert is_everyday("contest") and is_everyday("Hosted") and not is_everyday("gaurentee")
    assert not is_everyday("septicemia")  # a rare word may be the corpus's "septicaemia"
    question = parse_question("Did heads refuse the contest? Is the gaurentee kept?")
    near = {"contest": "context", "gaurente": "guarante"}
    read = respell(question, {"contest", "gaurente"}, near.get, is_everyday)
    stems = [g.stem for g in read.groups]
    # "contest" is no misspelling of "context": it stays, for a model's neighbours to read
    assert "contest" in stems and "context" not in stems
    assert "guarante" in stems and "gaurente" not in stems
    # Without the word list, both are respelt.
    assert "context" in [g.stem for g in respell(question, {"contest", "gaurente"}, near.get).groups]
    # An everyday word in the other spelling is the corpus's word.
    american = parse_question("What about pupils' behavior?")
    assert "behaviour" in [g.stem for g in respell(american, {"behavior"}, {"behavior": "behaviour"}.get,
                                                   is_everyday).groups]


def test_teaching_assistants_are_support_staff_and_blokes_men() -> None:
    assistants = {g.stem: g.variants for g in parse_question("How many teaching assistants were attacked?").groups}
    assert "support" in assistants["teach"]  # (the phrase's words, under its first)
    blokes = {g.stem: g.variants for g in parse_question("Are there many blokes teaching in primaries?").groups}
    assert "men" in blokes["bloke"] and "male" in blokes["bloke"]


def test_trainees_are_students_and_more() -> None:
    # trainee teachers are student teachers; a union set up was formed; an enlarged body expanded
    assert "student" in parse_question("How many trainee teachers qualified?").counted_kind[0]
    assert "form" in parse_question("How many members did the union have when it was set up?").qualifiers[0]
    assert "expand" in parse_question("How many members will the enlarged Senedd have?").qualifiers[0]
    # skipping or staying off school is missing it ("pupils … sometimes missed school")
    assert "miss" in {v for g in parse_question("Why do teenagers skip school?").groups for v in g.variants}
    assert "miss" in {v for g in parse_question("Why are youngsters staying off school?").groups for v in g.variants}


def test_a_name_in_capitals_is_respelt_as_another_name_not_as_an_everyday_word() -> None:
    from retrieval.english import is_everyday

    question = parse_question("What did UNISON say about DATNET?")
    near = {"unison": "union", "datnet": "datanet"}
    stems = [g.stem for g in respell(question, {"unison", "datnet"}, near.get, is_everyday).groups]
    assert "unison" in stems and "union" not in stems
    assert "datanet" in stems and "datnet" not in stems


def test_a_phrasal_verb_means_what_it_means_as_a_phrase() -> None:
    kicked = {g.stem: g.variants for g in parse_question("Were teachers kicked by pupils?").groups}
    kicked_out = {g.stem: g.variants for g in parse_question("Are pupils kicked out for vaping?").groups}
    assert "assault" in kicked["kick"] and "exclud" not in kicked["kick"]
    assert "exclud" in kicked_out["kick"] and "assault" not in kicked_out["kick"]

    # Money paid out, harm done, and a post filled for a while, each in the releases' words.
    forking = {g.stem: g.variants for g in parse_question("Are schools forking out for agency staff?").groups}
    knocked = {g.stem: g.variants for g in parse_question("Are teachers getting knocked about?").groups}
    standing = {g.stem: g.variants for g in parse_question("Who is standing in for the head?").groups}
    assert forking["fork"] == ("fork", "spend", "pay", "cost")
    assert knocked["knock"] == ("knock", "assault", "violenc", "physic")
    assert standing["stand"] == ("stand", "cover", "suppli", "act", "temporari")
    # Pupils turning up, or not showing up, is attendance.
    turning = {g.stem: g.variants for g in parse_question("Are more pupils turning up now?").groups}
    assert turning["turn"] == ("turn", "attend", "arriv")
    # "maths" is the releases' mathematics; exams cancelled were scrapped or abandoned.
    asked = {g.stem: g.variants for g in parse_question("Were maths exams cancelled?").groups}
    assert asked["math"] == ("math", "mathemat", "numeraci") and "scrap" in asked["cancel"]
    # Staff let go are redundancies; books balanced are a budget, and "books" is no topic of its own.
    asked = {g.stem: g.variants for g in parse_question("Are schools letting staff go to balance the books?").groups}
    assert asked["let"] == ("let", "redund", "dismiss") and "budget" in asked["balanc"] and "book" not in asked
    asked = {g.stem: g.variants for g in parse_question("What is driving up teachers' workload?").groups}
    assert "increas" in asked["drive"] and "caus" in asked["drive"]
    asked = {g.stem: g.variants for g in parse_question("Do deputies want the top job?").groups}
    assert "headship" in asked["headship"] and "top" not in asked and "job" not in asked
    asked = {g.stem: g.variants for g in parse_question("How many top jobs were re-advertised because nobody "
                                                        "suitable came forward?").groups}
    assert "headship" in asked["headship"] and "top" not in asked and "applic" in asked["came"]
    asked = {g.stem: g.variants for g in parse_question("How long does it take to wrap up a case?").groups}
    assert "conclud" in asked["wrap"]
    asked = {g.stem: g.variants for g in parse_question("Who was lined up to take over as chief inspector?").groups}
    assert "appoint" in asked["line"]
    assert "week" in groups("What share backed a fortnight-long October half-term?")["fortnight"]
    asked = {g.stem: g.variants for g in parse_question("What was the PISA target?").groups}
    assert {"ambit", "aim", "goal"} <= set(asked["target"])
    # "originally meant to come in": when it was due to be introduced
    meant = parse_question("When was the new ALN system originally meant to come in?")
    asked = {g.stem: g.variants for g in meant.groups}
    assert "introduc" in asked["come"] and {"origin", "meant"}.isdisjoint(meant.core)


def test_irregular_forms_of_a_word_count_as_it(tmp_path: Path) -> None:
    groups = {g.stem: g.variants for g in parse_question("What about the loss of teaching assistants?").groups}
    assert groups["loss"] == ("loss", "lose", "lost")
    e = lexical_engine(tmp_path, {"2025-10-15-budget.md": (
        "---\ntitle: Draft budget response\ndate: 2025-10-15\nsource: Example Teachers Union\n---\n"
        "Schools in Wales have lost around 1,100 teaching assistant posts since 2022.\n\n"
        "The union wants a fair settlement for councils.\n")})
    answer = e.answer("What has the union said about the loss of teaching assistants?")
    assert answer.answered
    assert answer.quotes[0].text == "Schools in Wales have lost around 1,100 teaching assistant posts since 2022."


def test_a_verb_and_its_noun_count_as_each_other(tmp_path: Path) -> None:
    groups = {g.stem: g.variants for g in parse_question("What did the union say about pay being devolved?").groups}
    assert groups["devolv"] == ("devolv", "devolut")
    e = lexical_engine(tmp_path, {"2017-09-01-launch.md": (
        "---\ntitle: Union launches in Wales\ndate: 2017-09-01\nsource: Example Teachers Union\n---\n"
        "The union warned that the devolution of pay must not be a route to lower pay.\n\n"
        "The union wants a fair settlement for councils.\n")})
    answer = e.answer("What did the union say about pay being devolved?")
    assert answer.answered
    assert answer.quotes[0].text == "The union warned that the devolution of pay must not be a route to lower pay."


def test_a_title_abbreviated_is_the_title_a_release_writes_out() -> None:
    # "Cllr Glyn Roderick" is the release's "Councillor Glyn Roderick": not a name it lacks.
    assert said_otherwise(["cllr", "roderick"], {"councillor", "roderick"}) == {"cllr"}
    assert said_otherwise(["prof"], {"professor"}) == {"prof"}
    # a name in capitals held in the plural the stemmer keeps ("GCSEs", indexed "gcses")
    assert said_otherwise(["gcse", "welsh"], set(analyse("the new GCSEs in Welsh-medium schools"))) == {"gcse"}


def test_idioms_read_as_the_releases_words() -> None:
    # "head teachers" is one word written as two: no topic word "teachers" beside the heads
    heads = groups("Do mums and dads give head teachers a hard time?")
    assert "teacher" not in heads and "headteach" in heads["head"] and "abus" in heads["hard"]
    # Covid struck: nobody was hit
    covid = groups("Were the exams called off when Covid hit?")
    assert "hit" not in covid and "assault" not in covid["covid"] and "pandem" in covid["covid"]
    assert "assault" in groups("How many heads were hit by a pupil?")["hit"]
    coronavirus = groups("When coronavirus hit, were the summer exams called off?")
    assert "hit" not in coronavirus and "covid" in coronavirus["coronavirus"]
    assert "pisa" in groups("How did Wales do in the big international test in 2022?")["internat"]
    # degree and time words frame the question: "far too much on their plate"
    plate = groups("How many heads say they've got far too much on their plate, and will leave soon?")
    assert not {"far", "much", "soon"} & set(plate)
    assert "headship" in groups("Is it hard to find people willing to be in charge of a school?")["charg"]
    assert "second" in groups("Are assistants taking another job to pay the bills?")["anoth"]
    assert "workload" in groups("Have heads got too much on their plate?")["plate"]
    assert "shorten" in groups("Did they go ahead with chopping a week off the summer break?")["chop"]
    # ministers "backing down" reversed a decision; teachers' "predictions" are their assessed grades
    assert "revers" in groups("Did ministers back down and let teachers' predictions decide the grades?")["back"]
    assert "assess" in groups("Did teachers' own predictions decide the grades?")["predict"]
    # schools "going back" reopen; a "brand-new" teacher is newly qualified
    assert "reopen" in groups("How many heads said their health got worse after schools went back?")["went"]
    assert "newli" in groups("What will a brand-new teacher be paid?")["brand"]
    assert "recruit" in groups("Are enough graduates signing up to train as teachers?")["sign"]
    # "classroom assistants" are the support staff releases count
    assistants = groups("How many classroom assistants have been hit by a child?")
    assert {"support", "staff"} <= set(assistants["assist"]) and "classroom" not in assistants


def test_a_name_in_capitals_asks_of_both_its_numbers() -> None:
    def variants(question: str, word: str) -> tuple[str, ...]:
        return {g.stem: g.variants for g in parse_question(question).groups}[word]

    assert variants("Were GCSEs cancelled?", "gcses") == ("gcses", "gcse")
    assert variants("How many PRU places are there?", "pru") == ("pru", "prus")
    assert variants("Were exams cancelled?", "exam")[:1] == ("exam",)


def test_who_answered_a_survey_is_no_topic_word() -> None:
    core = {g.stem for g in parse_question("How many people answered the union's 2014 workload survey?").groups
            if g.core}
    assert core == {"2014", "workload", "survey"}
    # "took part" stays: its words are the responses counted
    assert "took" in {g.stem for g in parse_question("How many people took part in the survey?").groups if g.core}
    assert "direct" in {g.stem: g.variants for g in parse_question("Should funding go straight to schools?").groups
                        }["straight"]
    assert "inset" in {g.stem: g.variants for g in parse_question("How many training days were asked for?").groups
                       }["train"]


def test_more_everyday_words_read_as_the_releases() -> None:
    lunch = groups("Are all the younger children going to get lunch at school without paying?")
    assert "free" in lunch["without"] and "primari" in lunch["younger"]
    assert "due" not in groups("Which days were teachers due to walk out?")
    tests = groups("How badly did teenagers do in the big international tests?")
    assert "big" not in tests and "declin" in tests["bad"]
    assert "persist" in groups("How many pupils are regularly absent?")["regular"]
    # a shake-up is a reform; work piled on is workload; pay shrunk once prices count, a fall in real terms
    shake = groups("How many staff said the shake-up of special needs support had piled more work on them?")
    assert "reform" in shake["shake"] and "workload" in shake["pile"]
    # second jobs to make ends meet: additional paid work to supplement an income
    jobs = groups("Were teachers taking second jobs to make ends meet in 2022?")
    assert "addit" in jobs["addit"] and "supplement" in jobs["end"] and "job" not in jobs and "second" not in jobs
    # holidays shaken up or shuffled around: changed
    assert "chang" in groups("Will kids spend fewer days in class if the holidays get shaken up?")["shaken"]
    assert "chang" in groups("Would children lose days if the holidays were shuffled around?")["shuffl"]
    shrunk = groups("How much have heads' wages shrunk once prices are taken into account?")
    assert "fall" in shrunk["shrunk"] and "real" in shrunk["price"]
    assert "health" in groups("What share of heads say the job is making them ill?")["ill"]
    assert "concess" in groups("Did ministers back down?")["back"]
    assert "increas" in groups("How much more will schools pay now national insurance went up?")["went"]
    # money put or set aside is allocated, and "aside" is no topic of its own
    aside = groups("How much money did ministers put aside for lunches?")
    assert "alloc" in aside["put"] and "asid" not in aside
    assert "earmark" in groups("How much was set aside for the scheme?")["set"]
    # underfunded: not enough funding
    under = groups("What share of school leaders said the ALN changes were underfunded?")
    assert "fund" in under["underfund"] and "enough" in under["underfund"]
    # tens in words are their figures ("fifty-plus": "aged 50 or over"); a cap is a limit
    assert groups("What share of teachers were fifty-plus in 2018?")["fifti"] == ("fifti", "50", "50s")
    assert groups("How many heads are in their forties?")["forti"] == ("forti", "40", "40s")
    assert "limit" in groups("What cap on directed time did delegates call for?")["cap"]
    assert "england" in groups("How much less goes on each child than over the border?")["border"]
    assert "repres" in groups("How big was the union's membership in 2016?")["membership"]
    # where something took place is no topic: it was held
    assert "place" not in groups("Where did the conference take place in April 2019?")
    assert "place" in groups("Did the strike take place?")


@pytest.mark.parametrize("module", ["everyday.py", "phrasal.py", "outcome.py", "question.py", "answertype.py"])
def test_no_word_table_writes_a_key_twice(module: str) -> None:
    # A dict literal keeps the last of two equal keys: the first entry would silently do nothing.
    tree = ast.parse((Path(__file__).parent.parent / "retrieval" / module).read_text(encoding="utf-8"))
    twice = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [ast.unparse(k) for k in node.keys if k is not None]
            twice += sorted({k for k in keys if keys.count(k) > 1})
    assert twice == []


def test_turning_to_drink_and_empty_stomachs_are_said_in_the_releases_words() -> None:
    drink = groups("Are stressed teachers turning to drink?")
    assert "alcohol" in drink["drink"] and "use" in drink["turn"]
    hungry = groups("Are kids turning up with empty stomachs?")
    assert "hungri" in hungry["stomach"] and "arriv" in hungry["turn"]
    assert "hungri" in groups("Have teachers seen children turning up with empty bellies?")["belli"]
    # (men and women are said as male and female)
    assert "male" in groups("What fraction of teachers were men?")["men"]
    assert "femal" in groups("What fraction of teachers were women?")["women"]


def test_everyday_words_for_free_average_difficult_and_verbal_abuse() -> None:
    assert "free" in groups("Do young children get lunch for nothing?")["noth"]
    assert "averag" in groups("How much will a typical school be short?")["typic"]
    assert "difficult" in groups("Is it hard to find Welsh-speaking teachers?")["hard"]
    assert "verbal" in groups("How many teachers were sworn at by pupils?")["sworn"]
    assert "suppli" in groups("Are heads paying for school stuff themselves?")["stuff"]
    assert "salari" in groups("What will a new teacher earn from September?")["earn"]
    assert "own" in groups("Are heads paying out of their own pockets?")["pocket"]
    assert "pay" in groups("Did teachers walk out over money?")["money"]  # teachers' money is their pay
    assert "receiv" in groups("How many responses did the consultation attract?")["attract"]
    assert "receiv" in groups("How many responses came in to the consultation?")["came"]
    assert "award" in groups("What share of entries achieved A* to C?")["achiev"]
    assert "absenc" in groups("Why do teenagers stay off school?")["stay"]
    assert "launch" in groups("How many members did the union start out with?")["start"]
    assert "implement" in groups("How are the reforms being put into practice?")["put"]
    waiting = groups("Are kids with special needs waiting ages to see a psychologist?")
    assert "delay" in waiting["wait"] and "age" not in waiting  # "ages" says how long, not a topic


def test_words_that_only_frame_a_question_are_no_topic() -> None:
    core = set(groups("Have inspectors stopped giving schools marks like good, and is the idea dropped altogether?"))
    assert not {"like", "idea", "altogeth"} & core and {"inspector", "mark"} <= core
    # who was named to a post was appointed to it: "named" is no topic word, the post is
    named = set(groups("Who was named as the chief inspector's successor?"))
    assert "name" not in named and {"successor", "inspector"} <= named
    # where the body asked about is says who it is, not what it spoke of
    assert "wale" not in groups("What did the heads' union in Wales say about changing the school year?")
    assert "wale" in groups("What did the heads' union say about changing the school year in Wales?")
    assert "wale" in groups("How many teachers in Wales were assaulted?")


def test_taking_over_coming_back_and_reshuffling_read_as_the_releases_words() -> None:
    # who takes over from someone succeeds them, or takes up their post
    assert {"succeed", "successor", "post"} <= set(groups("Who took over from the general secretary?")["took"])
    assert "succeed" in groups("Who will take over as chief inspector?")["take"]
    # pupils due back, or coming back, return when schools reopen
    due = {g.stem: g.variants for g in parse_question("When were all year groups due back in school?").groups}
    assert "reopen" in due["due"]
    assert "return" in groups("When did pupils come back to school?")["come"]
    # a reshuffled school year is changed; jobs that disappeared or vanished were lost
    assert "chang" in groups("Who backed reshuffling the school holidays?")["reshuffl"]
    assert "lost" in groups("How many posts vanished last year?")["vanish"]
    # striking teachers gather at a rally
    assert "ralli" in groups("Where did teachers gather when they walked out?")["gather"]


def test_older_kids_are_secondary_pupils_but_older_teachers_are_of_an_age() -> None:
    kids = groups("How often did older kids turn up to school before Covid?")
    assert "secondari" in kids["secondari"] and "older" not in kids and "kid" not in kids
    assert "age" in groups("How many older teachers left the profession?")["older"]


def test_the_long_holidays_are_the_summer_high_schools_secondary_and_the_poorest_disadvantaged() -> None:
    summer = groups("Do children forget their Welsh over the long holidays?")
    assert "holiday" in summer["summer"] and "long" not in summer and "holiday" not in summer
    assert "lose" in summer["forget"]  # pupils forgetting their Welsh: "lose … their Welsh"
    assert "disadvantag" in groups("How much was promised for the poorest schools?")["poorest"]
    assert "identifi" in groups("Are fewer children being labelled as having special needs?")["label"]
    high = groups("Which subjects are high schools finding it hardest to get staff for?")
    assert "secondari" in high and "high" not in high


def test_what_a_body_named_beside_it_is_says_who_not_what() -> None:
    def core(question: str, name: str) -> set[str]:
        at = question.index(name)
        return {g.stem for g in parse_question(question, speakers=(name,), leave_out=((at, at + len(name)),)).groups
                if g.core}
    assert core("What did the heads' union NAHT say about Estyn?", "NAHT") == {"estyn"}
    assert core("What did UCAC, the Welsh-medium teachers' union, say about pay?", "UCAC") == {"pay"}
    # (not said beside the name: the heads asked about are the topic)
    assert "head" in core("What did NAHT say about heads' pay?", "NAHT")
