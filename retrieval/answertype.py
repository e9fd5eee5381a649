"""What kind of answer a question expects, and whether a sentence offers one.

"When ...?" wants a date, "How many ...?" a number, "Who ...?" a name. A
sentence that holds such a thing, and not merely the question's own words,
is more likely to answer; quoting gives it a bonus.
"""

from __future__ import annotations

import re
from typing import Iterable

from .analysis import STOPWORDS, fold, phrase_words, stem, words
from .membership import gives_membership
from .openings import HOW_STRONGLY, QUESTION_START, WHAT_BECAME, WHAT_CHANGED_TO, WHAT_COST, WHAT_RISE
from .sums import allocated_to

# "Which school in Cardiff reported …?", "Which Swansea school did …?", "At what school …?": a
# school, by its name; not "Which school leaders …", "What school year …", nor "Which schools will
# be inspected first?" (a kind of school, as often as their names).
_ASKS_SCHOOL = (r"\b(?:which|what)\s+(?:[^\W\d_]+\s+)?school\s+(?:in\s+[^\W\d_]+\s+)?"
                r"(?:did|do|does|was|were|is|are|has|have|had|will|would|hosted|held|[^\W\d_]+ed)\b"
                # "What is the name of the Wrexham primary school where …?"
                r"|\b(?:what|which)\s+(?:is|was)\s+the\s+name\s+of\s+the\s+(?:[^\W\d_]+\s+){0,3}?school\b"
                # "Which two island secondary schools were shut …?": so many schools, by their names
                r"|\b(?:which|what)\s+(?:two|three|four|five|six|\d+)\s+(?:[^\W\d_]+\s+){0,3}?schools\s+"
                r"(?:(?:in|on)\s+[^\W\d_]+\s+)?(?:did|do|does|was|were|is|are|has|have|had|will|would|[^\W\d_]+ed)\b")

_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(
        r"^\W*when\b|\b(?:and|or|but)\s+when\b|\b(?:what|which|in what|on what)\s+(?:year|years|date|day|month"
        r"|century|decade|time|season|era)s?\b(?!\s+(?:groups?|olds?)\b)"  # (not "which year groups")
        r"|\b(?:which|on\s+which|what|on\s+what)\s+[a-z]+\s+(?:day|date)s?\b(?![-–])"  # "Which strike day …?"
        r"|\bhow long ago\b|\bsince when\b|\bby when\b"
        r"|\bwhat\s+(?:was|is|were|are|will\s+be)\s+the\s+(?:\w+\s+)?(?:date|deadline)s?\b")),
    ("number", re.compile(
        r"\bhow\s+(?:many|much|long|old|far|large|big|high|tall|often|fast|wide|deep|heavy|few|late|early)\b"
        r"|" + HOW_STRONGLY + r"|" + WHAT_COST +
        r"|\bwhat\s+(?:percentage|percent|proportion|number|amount|size|fraction|share|rate|population|cost|price"
        r"|majority|turnout|margin|sum)\b"
        r"|\bwhat\s+(?:was|is|were|are|will\s+be)\s+(?:the|[^\W\d_]+(?:'s|’s))\s+(?:[\w'’]+\s+){0,3}?"
        r"(?:turnout|number|total|rate|cost|price"
        r"|amount|figure|size|salary|fee|shortfall|deficit|gap|increase|rise|cut|value|majority|share|proportion"
        r"|percentage)\b"
        r"|\bwhat\s+(?:was|is|were|are)\s+(?:the\s+)?(?:(?!(?:of|on|about|to)\s)[^\W\d_]+(?:'s|’s)?\s+){0,3}"
        r"(?:score|attendance)\b|\bwhat\s+(?:was|is|were|are|will\s+be)\s+turnout\b"
        r"|\bwhat\s+did\s+(?:[^\W\d_]+(?:-[^\W\d_]+)*(?:'s|’s)?\s+){1,3}score\b"
        r"|" + WHAT_RISE + "|" + WHAT_CHANGED_TO + "|" + WHAT_BECAME)),
    ("place", re.compile(
        r"^\W*where\b|\b(?:and|or|but)\s+where\b|\b(?:what|which|at what|in what)\s+(?:[^\W\d_]+\s+)?"
        r"(?:venue|location|town|city|village|building|hall|hotel|borough|district|centre|center)s?\b"
        r"|\b(?:which|what)\s+places\b|\b(?:in|at)\s+(?:which|what)\s+places?\b"  # (not "what took place")
        r"|\b(?:what|which|in what)\s+(?:local\s+)?authorit(?:y|ies)\b"
        r"|" + _ASKS_SCHOOL)),
    # "What grade change did most pupils get?": exam grades ("from a D to a C", "grade C or above").
    ("grade", re.compile(r"\b(?:what|which)\s+(?:[^\W\d_]+\s+)?grades?\b(?!\s+boundar)")),
    # "Which subjects were schools dropping?": school subjects by name (SUBJECTS).
    # (and "Which classes are schools dropping?"; not "What lessons can be learned?")
    ("subject", re.compile(r"\b(?:which|what)\s+(?:(?:school|gcse|a[\s-]level|secondary|shortage)\s+)?subjects?\b"
                           r"|\bwhich\s+(?:courses|classes|lessons)\b")),
    ("name", re.compile(
        r"\bwho\b|\bwhom\b|\bwhose\b|\bwhere\b|\b(?:what|which)\s+(?:(?:is|was)\s+the\s+)?(?:name|title)\b"
        r"|\bwhich\s+[^\W\d_]+\s+(?:led|leads|chaired|chairs|headed)\b"
        r"|\b(?:what|which)\s+(?:other\s+|two\s+|three\s+|main\s+|one\s+)?(?:city|country|state|region|place"
        r"|continent|town|county|council|company|organisation"
        r"|organization|union|team|person|man|woman|president|minister|king|queen|emperor|university|school)s?\b")),
]

_MONTHS = ("january february march april june july august september october november december "
           "monday tuesday wednesday thursday friday saturday sunday century").split()
# "May" is the month only when written next to a day or year, or capitalised inside a
# sentence; otherwise it is the verb ("schools may close").
_MAY = re.compile(r"\d(?:st|nd|rd|th)?\s+May\b|\bMay\s+\d|(?<![.!?:;“\"‘'(]\s)(?<![.!?:;“\"‘'(])(?<!^)\bMay\b")
_NUMBER_WORDS = set(("one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
                     "hundred hundreds thousand thousands million millions billion billions dozen dozens half "
                     "percent per cent first second third fourth fifth double twice").split())
# Feasts that name a time of year, not a place or a person ("over the Easter weekend").
_FEASTS = ("easter", "christmas", "whitsun", "whitsuntide")
DATE_WORDS = frozenset((*_MONTHS, *_FEASTS, "may"))
_YEAR = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})s?\b")
# A time of day: "11am", "12.30pm", "10:30 am", "midday".
_CLOCK = re.compile(r"\b\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b(?:midday|noon|midnight)\b",
                    re.IGNORECASE)
# A school or financial year, by its two years: "2022-23".
_SPAN_ENDING = re.compile(r"\b((?:19|20)\d\d)[-–/](\d\d)\b")
_DIGIT = re.compile(r"\d")
# (Not a word opening a sentence or a quotation: 'said: "Schools are …"'.)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<![\"“‘])(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
# Titles before a name, which name nobody new ("Mr Hobby's last" of a question naming Russell Hobby).
_TITLES = frozenset("mr mrs ms miss dr professor sir dame".split())


# A question asking yes or no ("Are heads thinking of quitting?", "Did heads vote to strike?").
_YES_NO = re.compile(r"^\W*(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could|should|might)\b")


def asks_yes_or_no(question: str) -> bool:
    """Whether `question` asks yes or no: the figure of a survey or a vote is the evidence that answers it."""
    return bool(_YES_NO.match(fold(question)))


# "What name did the union give its manifesto?": a title, written in quotation marks ("Ready to Lead").
_ASKS_TITLE = re.compile(r"\b(?:what|which)\s+(?:(?:is|was)\s+the\s+)?(?:(?:full|official|exact)\s+)?"
                         r"(?:name|title|slogan)\b"
                         r"|\bwhat\s+(?:was|is)\s+(?:\S+\s+){1,12}?called\b(?!\s+(?:for|on|upon|off)\b)"
                         # "Which piece of legislation put … on a statutory footing?": a law, by its name
                         r"|\b(?:what|which)\s+(?:piece\s+of\s+)?(?:legislation|law|act|bill)\b(?!\s+of\b)")
_QUOTED = re.compile(r"[“\"‘]([A-Z][^”\"’]{2,80})[”\"’]")


def asks_title(question: str) -> bool:
    """Whether `question` asks what something is called."""
    return bool(_ASKS_TITLE.search(fold(question)))


# "The report, The Balancing Act, found …", "a review entitled Learning for Life", "The manifesto,
# titled Leading the Recovery, …": a title set off by a comma, or named, after the word for what it is.
_TITLED = re.compile(r"\b(?:report|review|survey|strategy|plan|campaign|manifesto|paper|framework|programme|"
                     r"charter|guidance|motion)(?:\s*,\s*(?:(?:entitled|called|titled|named)\s+)?"
                     r"|\s+(?:entitled|called|titled|named)\s+)"
                     r"((?:The\s+|A\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the|in|to|a|on)\s+)*[A-Z][\w’'-]*)*)")


# A law by its name: "The School Standards and Organisation (Wales) Act 2013", "the Additional
# Learning Needs and Education Tribunal (Wales) Bill".
_LAW = re.compile(r"((?:[A-Z][\w’'-]*\s+)(?:(?:\(?[A-Z][\w’'-]*\)?|and|of|for|the|in|on)\s+){0,8}"
                  r"(?:Act|Bill|Measure))\b")


def gives_title(sentence: str, question_words: set[str] | frozenset[str]) -> bool:
    """Whether `sentence` gives a title the question does not: in quotation marks, set off by a
    comma after the word for what it is ("The report, The Balancing Act, found"), or a law's name."""
    found = [m.group(1) for m in (*_QUOTED.finditer(sentence), *_TITLED.finditer(sentence), *_LAW.finditer(sentence))]
    return any(not set(words(t)) <= set(question_words) for t in found if len(words(t)) <= 8)


# "Where does X stand on Y?" asks for a position, not a place.
_STANCE = re.compile(r"^\W*where\s+(?:do|does|did|is|are|was|were|will|would)\b.*\bstand(?:s|ing)?\s+(?:on|over)\b")


# "Where did the money for the pay offer come from?": a source of money (reserves, a budget), not a place.
_MONEY_FROM = re.compile(r"^\W*where\b(?:\s+[\w'’-]+){0,8}?\s+(?:money|funding|cash|funds?)\b"
                         r".*\bcom(?:e|es|ing)\s+from\b")


# The subjects schools teach, as releases name them ("modern foreign languages, music and design
# and technology"; "most acute in mathematics, science and English"). ("Welsh" is left out: in
# "the Welsh Government" it is no subject; one sentence naming two of them names subjects.)
SUBJECTS = frozenset("""maths mathematics science sciences english physics chemistry biology history geography
music art drama languages french spanish german computing ict technology literature""".split())


# An exam grade as releases give one: "from a D to a C", "grade C or above", "A*-C grades".
_GRADE = re.compile(r"\bfrom\s+an?\s+[A-G]\*?\s+to\s+an?\s+[A-G]\*?(?![\w*])|\bgrades?\s+[A-G]\*?(?![\w*])"
                    r"|(?<![\w*])[A-G]\*?\s*(?:-|–|to)\s*[A-G]\*?\s+grades?\b")


# The kinds of answer a sentence gives or not, plainly: a figure (of what is counted), a date, a
# place, school subjects, an exam grade (not a name: nearly every sentence holds one). A question
# asking for one is answered from the whole leading release (answer_scan.asks_outright), and on
# less evidence when one of the best sentences gives it (decide.GIVEN_MARGIN).
GIVEN_KINDS = ("number", "date", "place", "subject", "grade")
# Of those, the kinds whose sentence, naming them, may share no word with the question: "Subjects
# most likely to be cut were modern foreign languages, music, design and technology" for "Which
# classes are schools dropping to save money?".
NAMED_KINDS = ("subject", "grade")


def expected_type(question: str) -> str | None:
    """"date", "number", "place", "grade", "subject", "name", or None when the question does not say."""
    q = fold(question)
    if _STANCE.search(q) or _MONEY_FROM.search(q):
        return None
    for kind, pattern in _TYPES:
        if pattern.search(q):
            return kind
    return None


# "When will universal free meals reach secondary schools?": when it is to happen.
_WHEN_TO_HAPPEN = re.compile(r"^\W*when\s+(?:will|would|is|are|does|do|shall)\b", re.IGNORECASE)
# A call for something: "The union wants the Government to … starting with Year 7 in September 2024".
_CALLING = re.compile(r"\b(?:wants?|wanted|call(?:s|ed|ing)?\s+(?:on|for)|urg(?:es?|ed|ing)|demand(?:s|ed|ing)?"
                      r"|(?:is|are|was|were)\s+asking|press(?:es|ed|ing)?\s+for)\b", re.IGNORECASE)


def asks_when_to_happen(question: str) -> bool:
    """Whether `question` asks when something is to happen ("When will …?"), not when it was
    called for ("When will the union call for …?")."""
    return bool(_WHEN_TO_HAPPEN.match(question)) and not _CALLING.search(question)


def dates_called_for(sentence: str) -> bool:
    """Whether the dates `sentence` gives are all in a call for something ("The union wants the
    Government to extend free meals, starting with Year 7 in September 2024"): when someone
    wants it, not when it will be."""
    m = _CALLING.search(sentence)
    return bool(m) and not offers(sentence[:m.start()], "date", set())  # (no date before the call)


# "Which venue in Llandudno hosted …?", "At what venue …?": a venue by its name, not a town.
_ASKS_VENUE = re.compile(r"\b(?:which|what)\s+(?:[^\W\d_]+\s+)?venues?\b")
# A venue as a sentence names one: "the Marine Hotel" (NAMED_PLACE), or "at the Senedd", "at Venue Cymru".
_AT_NAME = re.compile(r"\bat\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})(?![\w’'-])")  # (not "at NAHT's")


def asks_venue(question: str) -> bool:
    """Whether `question` asks which venue ("Which venue in Llandudno hosted the conference?")."""
    return bool(_ASKS_VENUE.search(fold(question)))


# The words for the kind of place asked for, which a place's own name may hold ("At which venue
# did NASUWT Cymru meet?": "held at Venue Cymru" is a name the question does not give).
_PLACE_KINDS = frozenset("venue venues place places town towns city cities location locations".split())


def gives_venue(sentence: str, question_words: set[str] | frozenset[str]) -> bool:
    """Whether `sentence` names a venue the question does not ("at the Marine Hotel"; not "in Llandudno",
    nor "based in Cardiff")."""
    asked = question_words - _PLACE_KINDS
    return any(not set(words(m.group())) <= asked
               for m in (*NAMED_PLACE.finditer(sentence), *_AT_NAME.finditer(sentence)))


def asks_school(question: str) -> bool:
    """Whether `question` asks which school ("Which school in Maesteg did …?"): a place by its name."""
    return bool(re.search(_ASKS_SCHOOL, fold(question)))


def offers(sentence: str, kind: str | None, question_words: set[str], school: bool = False) -> bool:
    """Whether `sentence` holds something of `kind` that the question itself does not (for a
    school asked for, `school`, a school's name)."""
    if kind is None:
        return False
    if kind == "date":
        # a year the question names is no answer, nor a school or financial year ending in it ("a pay
        # award for 2022-23", asked about 2023), but the day or month it gives in that year is
        if any(y not in question_words for y in _YEAR.findall(_SPAN_ENDING.sub(
                lambda m: m.group() if f"{m.group(1)[:2]}{m.group(2)}" not in question_words else "", sentence))):
            return True
        if any(w in _MONTHS and w not in question_words for w in words(sentence)):
            return True
        if "time" in question_words and _CLOCK.search(sentence):
            return True  # "What time did the rally begin?": "at midday", "at 11am"
        return "may" not in question_words and bool(_MAY.search(sentence.strip()))
    if kind == "number":
        return offers_number(sentence, question_words)
    if kind == "grade":
        return bool(_GRADE.search(sentence))
    if kind == "subject":
        return len({w for w in words(sentence) if w in SUBJECTS and w not in question_words}) >= 2
    if kind == "place":
        # a place given as one: after "at", "in" or "near", or named for what it is ("visited Ysgol Bryn
        # Derw"); not any name ("UCAC also warned" for "Where did UCAC hold its conference?")
        if school:
            return bool(places(sentence, question_words, school))
        return bool(places(sentence, question_words)) or any(
            not set(words(m.group())) <= question_words for m in NAMED_PLACE.finditer(sentence))
    for m in _CAPITALISED.finditer(sentence):
        if any(w not in question_words and w not in _TITLES and (kind == "name" or w not in DATE_WORDS)
               for w in words(m.group())):
            return True
    return False


# A place as a sentence gives one: a capitalised name after "at", "in" or "near" ("delegates
# meeting at the Glanrafon Hall in Llandudno"), a day or month not being one.
_PLACE = re.compile(r"\b(?:at|in|near)\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s+(?:(?:of|on)\s+)?){0,4}[A-Z][\w’'-]*)")
# The day a place is named with, not part of its name: "in Llandrindod Wells *on Saturday*".
_ON_DAY = re.compile(r"\s+on\s+([A-Z][\w’'-]*)$")


# A name saying it is a place: "Ysgol Bryn Derw", "Glanrafon Hall", "the Venue Cymru Arena".
NAMED_PLACE = re.compile(r"\bYsgol(?:\s+[A-Z][\w’'-]*)+|(?:\b[A-Z][\w’'-]*\s+)+(?:School|College|Academy|Centre|Center"
                          r"|Hall|Hotel|Arena|Theatre|Stadium|Park|Campus|Pavilion)\b")


# A school's name: "Ysgol Gynradd Bryn Teg", "Maesglas High School", "Pen-y-Bryn Primary", "Coleg Gwent".
SCHOOL_NAME = re.compile(r"\b(?:Ysgol|Coleg)(?:\s+[A-Z][\w’'-]*)+|(?:\b[A-Z][\w’'-]*\s+)+(?:School|Academy|College"
                         r"|High|Primary|Comprehensive|Infants|Juniors)\b")


def places(sentence: str, question_words: set[str], school: bool = False) -> list[str]:
    """The places `sentence` names that the question does not ("Glanrafon Hall", "Llandudno"; "the
    Meridian Conference Centre" for a question about a conference: a word of its own is enough);
    for a school asked for (`school`), the schools it names ("Ysgol Bryn Derw", not "Maesteg")."""
    if school:
        return [m.group() for m in SCHOOL_NAME.finditer(sentence) if not set(words(m.group())) <= question_words]
    found = []
    asked = set(question_words) - _PLACE_KINDS
    for m in _PLACE.finditer(sentence):
        name = m.group(1)
        on = _ON_DAY.search(name)
        if on and set(words(on.group(1))) <= DATE_WORDS:  # "in Llandrindod Wells on Saturday"
            name = name[:on.start()]
        ws = [w for w in words(name) if w not in STOPWORDS]
        if ws and not all(w in asked for w in ws) and not any(w in DATE_WORDS for w in ws) \
                and not _DIGIT.search(name):
            found.append(name)
    return found


# A figure: digits with their currency, decimals and range ("£28m", "4.8", "1,630", "61.9"); not
# the comma after it ("since 2014, but").
_FIGURE = re.compile(r"(?<![\w.])[£$€]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:[-–/]\d+)?")
_YEARISH = re.compile(r"(?:19|20)\d\d(?:[-–/]\d{2,4})?")
# Counts written as words; ordinals and "double", "twice" say how, not how many.
_CARDINALS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
    thousands million millions billion billions dozen dozens half quarter""".split())


# Words a number after them names something by rather than counts it: "learners in Year 9", "Key
# Stage 3", "Level 2".
_NUMBERED = frozenset(("year", "years", "stage", "stages", "level", "levels", "band", "bands", "phase", "step"))
# (and the numbers listed after it: "pupils in Years 1 and 2", "Years 10 to 11")
_NUMBERED_BY = re.compile(r"\b(?:" + "|".join(_NUMBERED) + r")\s+"
                          r"(?:\d{1,2}(?:\s*,\s*|\s+(?:and|or|to)\s+|\s*[-–]\s*))*$", re.IGNORECASE)


def offers_number(sentence: str, question_words: set[str]) -> bool:
    """Whether `sentence` gives a figure the question does not: digits that are not a
    year or a year range ("2016-17"), or a count in words ("forty-three", "one in four").
    A sum of money does not say how many ("How many officers …?" is not answered by "£6.5m")."""
    counting = "many" in question_words and "much" not in question_words
    # "How much was put up for meals?" is no more answered by "20 March" than "How many …?" is.
    dating = counting or ("much" in question_words and "time" not in question_words)
    for m in _FIGURE.finditer(sentence):
        figure = m.group().lstrip("£$€")
        if _YEARISH.fullmatch(figure) or (counting and figure != m.group()) or (dating and _says_when(
                sentence[:m.start()], sentence[m.end():], question_words)) or _NUMBERED_BY.search(
                sentence[:m.start()]) and len(figure) <= 2:
            continue
        if not all(part in question_words for part in re.findall(r"\d+", figure)):
            return True  # "£40,000" is new beside "1,000 pupils": not all its digits are the question's
    ws = words(sentence)
    if any(_fraction_at(ws, i) for i in range(len(ws))):
        return True  # "More than a third of school leaders"
    if "often" in question_words and any(w in _FREQUENCY and w not in question_words for w in ws):
        return True  # "How often …?": "twice in each cycle", "every year"
    return any(w in _CARDINALS and w not in question_words
               and not (counting and _says_when("", " " + " ".join(ws[i + 1:i + 2]), question_words))
               for i, w in enumerate(ws))


# How often something happens, in words.
_FREQUENCY = frozenset("once twice thrice every annually yearly termly monthly weekly daily each".split())


# A figure that dates or times something ("12 February", "a 12-week consultation", "in the last
# 12 months") does not say how many of anything else.
_TIME_AFTER = re.compile(r"^(?:st|nd|rd|th)?[\s-]+(?P<unit>(?:week|month|year|day|hour|minute|term|decade|century)s?"
                         r"|january|february|march|april|may|june|july|august|september|october|november|december)\b",
                         re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|november"
                           r"|december)\s+$", re.IGNORECASE)


def _says_when(before: str, after: str, question_words: set[str]) -> bool:
    """Whether the figure between `before` and `after` is a date or a length of time that
    the question does not count ("How many weeks …" counts weeks)."""
    m = _TIME_AFTER.match(after)
    if m:
        unit = m.group("unit").lower().rstrip("s")
        return not any(w.rstrip("s") == unit for w in question_words)
    return bool(_MONTH_BEFORE.search(before))


# The thing a figure counts, right after the words opening a question that asks for one:
# "How many *pupils*", "What percentage of *teachers*", "What was the number of *delegates*",
# "What was the *turnout*" (not "Will colleges limit how many ...": that asks yes or no; not
# "How much": money, time and size are given without naming what they measure).
_FOCUS = re.compile(
    QUESTION_START + r"(?:"
    r"how\s+many\s+(?P<a>[^\W\d_]+(?:-[^\W\d_]+)*(?:\s+[^\W\d_]+(?:-[^\W\d_]+)*){0,3})"
    r"|what\s+(?:(?:was|is|were|are|will\s+be)\s+the\s+)?(?:percentage|percent|proportion|share|number|fraction)"
    r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?(?P<b>[^\W\d_]+(?:[\s-]+[^\W\d_]+){0,2})"
    r"|what\s+(?:(?:was|is|were|are|will\s+be)\s+(?:(?:the|[^\W\d_]+(?:'s|’s))\s+(?:[^\W\d_][\w'’]*\s+){0,3}?)?"
    r"|(?:(?:level|rate|percentage)\s+of\s+)?)(?P<c>turnout)\b(?!\s+(?:thresholds?|requirements?|rules?|bar)\b))")
# Words before the thing counted that are not it ("How many *total* yards", "*former* winners").
_BEFORE_COUNTED = frozenset("""total former major minor different separate other more fewer extra additional new
    further main key us uk""".split())
# Plurals without an "s" ("How many school *staff* …": the staff, not the schools).
_COLLECTIVE = frozenset("staff children people men women personnel workforce police".split())
# Counted things too vague to be named beside their figure ("How many people …", "… times").
_VAGUE_COUNTED = frozenset("people times ways types kinds sorts".split())


# "How many … took part?" is answered by a count of those who responded, whatever it calls them.
_TAKE = ("take", "takes", "taking", "took", "taken")
_TOOK_PART = re.compile(r"\b(?:" + "|".join(_TAKE) + r")\s+part\b")
_PARTICIPANTS = ("respondents", "responses", "participants")
# What those who answered a consultation or a survey sent, counted: "How many replies …?" is answered
# by "received 16,129 responses".
_REPLIES = frozenset(("replies", "responses", "submissions", "answers", "respondents"))
# Who may be anyone asked: "How many people answered?" counts the answers; "How many members
# answered?", those of whoever the union represents ("A survey of 1,240 teachers").
_ANYONE = frozenset(("people", "persons", "individuals", "members"))
# Those a survey of school leaders names: "How many school leaders took part?" is answered by "a
# survey of 437 headteachers, deputies and assistant heads".
_SURVEYED_AS = {"leaders": ("headteachers", "heads", "deputies")}
# "How many members answered the survey?": a count of those who answered, given beside a word
# saying so ("Of the 2,106 members who responded", "a survey of 1,240 teachers"); "80 per cent
# of members said …" is no such count.
_ANSWERED = re.compile(r"\b(?:answered|responded|replied|completed|filled\s+in|(?:had|have|having)\s+their\s+say)\b")
_RESPONDING = ("respondents", "responses", "responded", "respond", "participants", "participated", "took", "part",
               "survey", "surveyed", "poll", "polled", "answered", "completed", "replied", "replies")


# "By how much were pay scales raised?": a change, given beside a word for one ("increased by 2.75
# per cent", "a 5 per cent uplift").
_BY_HOW_MUCH = re.compile(QUESTION_START + r"by\s+how\s+much\b.*\b(?:rais|increas|rise|rose|risen|grow|grew|fall|"
                          r"fell|fallen|cut|reduc|drop|lift|boost|(?:go|goes|going|gone|went|come|came|coming)\s+"
                          r"(?:up|down))")
_CHANGES = ("increase", "increased", "increases", "rise", "rises", "rose", "risen", "raised", "raise", "uplift",
            "grow", "grew", "growth", "cut", "cuts", "reduced", "reduction", "fall", "fell", "fallen", "drop", "boost")


# The share of those balloted who voted in it: "What proportion of NAHT members voted in the 2023 ballot?"
# (not "voted in favour").
_SHARE_VOTING = re.compile(r"\b(?:proportion|share|percentage|per\s*cent)\s+of\b[^?]*\b(?:(?:voted|took\s+part)\s+in\s+"
                           r"(?!favou?r\b)(?:\S+\s+){0,5}?(?:ballot|vote|poll)\b"
                           # "… sent back their papers in the 2023 pay vote"
                           r"|(?:sent|send|sending|returned|return|returning)\s+(?:back\s+)?(?:their\s+)?"
                           r"(?:(?:ballot|voting)\s+)?(?:papers|ballots)\b)")


# What those who voted did, asked after them: "What share of members who voted in the 2023 ballot
# supported strike action?" asks how the vote went, not its turnout.
_BACKING = re.compile(r"\b(?:supported|support|backed|back|favou?red|opposed|rejected|accepted|chose|wanted)\b")


def figure_focus(question: str) -> tuple[str, ...]:
    """The folded words for what a question counts ("pupils"; "pioneer schools", "family
    engagement officers": a figure of any of them names it), or none. The words run to the
    last plural of the phrase ("How many pupils attend …": pupils); a count of those who
    took part counts them too ("How many teachers took part?": responses); a sum is of what
    it is given for ("How much … for school kitchens?": kitchens)."""
    folded = fold(question)
    voting = _SHARE_VOTING.search(folded)
    if voting and not _BACKING.search(folded, voting.end()):
        return ("turnout",)  # "What proportion of members voted in the ballot?": its turnout
    m = _FOCUS.search(folded)
    if not m:
        if _BY_HOW_MUCH.search(folded):
            return _CHANGES
        if re.search(WHAT_RISE, folded):
            return _CHANGES + ("award", "awards")  # "a 1.75 per cent pay award"
        return allocated_to(question)
    # Two things counted together ("How many pupils and schools took part?"): a figure of either
    counted = tuple(w for part in re.split(r"\s+(?:and|or)\s+", m.group("a") or m.group("b") or m.group("c"))[:2]
                    for w in _counted_phrase(part))
    if m.group("a") and _ANSWERED.search(folded) or counted and set(counted) <= _REPLIES:
        return _RESPONDING
    if m.group("a") and _TOOK_PART.search(folded):
        # "How many people took part in the survey?": "The union surveyed 341 headteachers"; but
        # for "How many teachers took part?", those surveyed may be others ("school leaders").
        if not counted:
            return _RESPONDING
        return counted + _PARTICIPANTS + tuple(w for c in counted for w in _SURVEYED_AS.get(c, ()))
    return counted


# Things of schools, counted as themselves: "free school meals" are meals (but "school bosses in the
# red" are schools in deficit, and school staff are counted in any of their words).
_SCHOOLS_THINGS = frozenset("meals lunches places days buildings budgets holidays trips closures uniforms".split())


def counted_heads(question: str) -> tuple[str, ...]:
    """For a count of something named in more than one word, the folded word naming what is
    counted, the last ("How many attendance *fines* …?"): a figure beside the words before it
    ("attendance was 88.3 per cent") counts something else. None for a thing of one word, or
    two things counted together ("How many pupils and schools …?"), or a share (whoever it is of:
    "Of those voting, 88.9 per cent …"); nor when a word before it is a name ("How many *Welsh*
    heads …?": "In Wales, 58 per cent of the 214 respondents" counts them), or the schools whose
    people it counts ("How many school bosses were in the red?": "40 per cent of schools" were;
    but "How many free school meals …?" counts meals)."""
    m = _FOCUS.search(fold(question))
    if not m or not m.group("a") or figure_focus(question) != (counted := _counted_phrase(m.group("a"))):
        return ()
    named = {w.lower() for w in re.findall(r"\b[A-Z][\w’'-]*", question)}
    return counted[-1:] if len(counted) > 1 and named.isdisjoint(counted[:-1]) and (
        {"school", "schools"}.isdisjoint(counted[:-1]) or counted[-1] in _SCHOOLS_THINGS) else ()


def answering_who(question: str) -> tuple[str, ...]:
    """For a count of those who answered, who they are as the question names them ("How many
    *parents* responded?": a figure of responses not naming parents may be of anyone's); none
    for anyone ("How many people answered?") or for replies ("How many responses …?")."""
    folded = fold(question)
    m = _FOCUS.search(folded)
    if not m or not m.group("a") or not _ANSWERED.search(folded):
        return ()
    counted = _counted_phrase(m.group("a"))
    return counted if set(counted).isdisjoint(_REPLIES | _ANYONE) else ()


def _counted_phrase(text: str) -> tuple[str, ...]:
    """The folded words naming what is counted at the start of `text`, to its last plural. (A
    compound joined by a word, "made-for-Wales", is one word before what is counted.)"""
    phrase: list[str] = []
    for word in phrase_words(text):
        if word in _BEFORE_COUNTED and not phrase:
            continue
        if word in STOPWORDS or word in _VAGUE_COUNTED or word in _TAKE:
            break
        if phrase and _plural(phrase[-1]) and (word.endswith("ed") or word in _DID):
            break  # "How many schools *shifted* two bands …?", "… girls *told* inspectors …?": who did something
        phrase.append(word)
    plurals = [i for i, w in enumerate(phrase) if i and _plural(w)]
    return tuple(phrase[:plurals[-1] + 1] if plurals else phrase[:1])


# Verbs in the past tense not ending in "-ed": "How many girls *told* inspectors …?"
_DID = frozenset("told said had got took made saw felt thought left lost won paid gave kept met sent spent brought "
                 "found went came became began".split())


def _plural(word: str) -> bool:
    """Whether the folded `word` names more than one ("schools", "staff")."""
    return word.endswith("s") and not word.endswith("ss") or word in _COLLECTIVE


# A figure this many words or fewer from the word for what it counts is beside it.
FOCUS_REACH = 4


# A turnout given as the share of those balloted who took part ("53.2 per cent took part", "42 per
# cent of eligible members returned their ballot papers").
_SHARE_TOOK_PART = re.compile(r"(?:\bper\s+cent|%)\s+(?:of\s+(?:[^\W\d_]+\s+){0,2}?(?:those|members|them)\s+"
                              r"(?:in\s+[^\W\d_]+\s+(?:[^\W\d_]+\s+)?)?"  # "of NAHT members in Wales took part"
                              r"(?:eligible\s+to\s+vote\s+)?)?"  # "of NAHT Cymru members eligible to vote took part"
                              r"(?:balloted\s+)?"
                              r"(?:took\s+part|participated"
                              r"|returned\s+(?:their\s+)?(?:ballots?|(?:ballot\s+|voting\s+)?papers))\b"
                              # "42.3% of eligible members voted, and 87.4% of those voting …" (not "voted for")
                              # "56.3 per cent of those eligible voted"
                              r"|(?:\bper\s+cent|%)\s+of\s+(?:(?:eligible|all)\s+(?:[^\W\d_]+\s+){0,2}?members|members"
                              r"|those\s+eligible)\s+"  # ("51.2 per cent of eligible NAHT Cymru members voted")
                              r"(?:eligible\s+to\s+vote\s+)?(?:voted|cast\s+(?:a\s+|their\s+)?votes?)\b"
                              r"(?!\s+(?:for|in\s+favour|to|against|yes|no)\b)",
                              re.IGNORECASE)


# "What proportion of school leaders …?" asks for a share, given as one whoever it is of ("Of those
# voting, 71.4 per cent supported …").
# So does "What was the attendance rate …?" (a rate of pay is a sum).
_ASKS_SHARE = re.compile(QUESTION_START + r"what\s+(?:(?:(?:was|is|were|are|will\s+be)\s+the\s+)?(?:percentage|percent"
                         r"|proportion|share|fraction)\s+of\b|(?:was|is|were|are|will\s+be)\s+(?:the|its|their)\s+"
                         r"(?!pay\b|hourly\b|daily\b|day\b|supply\b)(?:[^\W\d_]+\s+)?rates?\b(?!\s+of\s+pay))"
                         r"|" + HOW_STRONGLY)
_SHARE = re.compile(r"\bper\s*cent\b|%|\b(?:one|two|three|four|five|nine)\s+in\s+(?:two|three|four|five|six|seven|"
                    r"eight|nine|ten)\b|\b(?:half|two[\s-]thirds|(?:a|one|two)[\s-](?:third|quarter|fifth)s?|"
                    r"three[\s-]quarters|majority)\b", re.IGNORECASE)


# A share of those a survey asked, their subject left unsaid: "62 per cent had considered leaving",
# "43 per cent said", "71 per cent of respondents were" (not "a 5 per cent rise", "40 per cent of schools").
_RESPONDENTS_SHARE = re.compile(
    r"(?:\bper\s*cent|%)\s+(?:of\s+(?:them|those(?:\s+(?:surveyed|responding|who\s+responded))?|respondents)\s+)?"
    r"(?:had|have|has|said|say|says|were|was|are|is|felt|feel|reported|report|agreed|agree|believed|believe|thought"
    r"|think|would|did|do|planned|plan|intended|intend|expected|expect|wanted|want|considered|described|rated"
    r"|admitted|told"
    # a stance taken: "68 per cent opposed the proposed change and 19 per cent supported it"
    r"|opposed|oppose|supported|support|backed|favoured|favored|rejected|preferred|disagreed|disagree)\b",
    re.IGNORECASE)


# A share of a ballot's voters: "90.4% of members who voted backed action", "82 per cent of those voting".
_VOTERS_SHARE = re.compile(r"(?:\bper\s*cent|%)\s+of\s+(?:(?:the\s+)?[^\W\d_]+\s+){0,2}?(?:who\s+)?(?:voted|voting)\b"
                           # "Of NEU members in Wales who voted, 92.28 per cent backed strike action"
                           r"|\bof\s+(?:[^\W\d_]+\s+){0,5}?(?:who\s+)?(?:voted|voting),?\s+\d[\d.]*\s*(?:per\s*cent|%)",
                           re.IGNORECASE)
# A question about a vote ("Did heads vote to take action?").
_ASKS_VOTE = re.compile(r"\bvot(?:e|es|ed|ing)\b|\bballot", re.IGNORECASE)


def gives_voters_share(sentence: str, question: str) -> bool:
    """Whether `sentence` gives a share of a ballot's voters ("90.4% of members who voted backed
    action") and `question` asks about a vote: how the vote went."""
    return bool(_ASKS_VOTE.search(question) and _VOTERS_SHARE.search(sentence))


def gives_respondents_share(sentence: str) -> bool:
    """Whether `sentence` gives a share of those surveyed without naming them again ("62 per cent
    had considered leaving the profession"): what it counts is whom the survey asked."""
    return bool(_RESPONDENTS_SHARE.search(sentence))


def respondents_said(sentence: str) -> str:
    """What a share of those surveyed is said of: `sentence` from the share on ("per cent were
    working more than 50 hours a week"), not the survey's setting before it ("A survey of 3,600
    members released during the conference found that 62 …"); "" when it gives no such share."""
    m = _RESPONDENTS_SHARE.search(sentence)
    return sentence[m.start():] if m else ""


def gives_share(sentence: str) -> bool:
    """Whether `sentence` gives a percentage or a proportion ("61 per cent", "one in four", "half")."""
    return bool(_SHARE.search(sentence))


def asks_share(question: str) -> bool:
    """Whether `question` asks for a percentage or proportion of something."""
    return bool(_ASKS_SHARE.search(fold(question)))


# "How many members voted in the ballot?": those who took part, counted (not "51 per cent"; not
# "voted for strike action", "voted to accept").
_VOTED_IN = re.compile(r"\bvot(?:ed|ing)\b(?!\s+(?:for|to|in\s+favour|against|yes|no|on|by)\b)")


def gives_participants(sentence: str, question: str, question_words: set[str] | frozenset[str]) -> bool:
    """Whether `sentence` says how many took part as `question` asks it: a count ("Of the 2,106
    members who responded"), not how many an organisation represents; for "How many members took
    part in the ballot?", its turnout too ("Turnout was … 61 per cent among members in Wales"): the
    share of them who took part. ("How many voted in the ballot?" asks for a count of votes.)"""
    if gives_membership(sentence):
        return False
    return gives_count(sentence, set(question_words)) or bool(_TOOK_PART.search(fold(question))) \
        and figure_beside(sentence, _TURNOUT)


_TURNOUT = frozenset(("turnout",))


def asks_participants(question: str) -> bool:
    """Whether `question` asks how many took part or answered ("How many members took part in the
    consultation?"), not how many of them did something ("How many of those who answered …?")."""
    folded = fold(question)
    m = _FOCUS.search(folded)
    return bool(m and m.group("a") and not m.group("a").startswith("of ")
                and (_ANSWERED.search(folded) or _TOOK_PART.search(folded) or _VOTED_IN.search(folded)))


_PER_CENT_AFTER = re.compile(r"^\s*(?:%|per\s*cent|percent)", re.IGNORECASE)


def gives_count(sentence: str, question_words: set[str]) -> bool:
    """Whether `sentence` gives a count the question does not: a figure that is no percentage, sum
    or year ("Of the 2,106 members who responded"), or a count in words ("forty-three")."""
    for m in _FIGURE.finditer(sentence):
        figure = m.group()
        if figure[0] in "£$€" or _YEARISH.fullmatch(figure) or _PER_CENT_AFTER.match(sentence[m.end():]):
            continue
        if not all(part in question_words for part in re.findall(r"\d+", figure)):
            return True
    ws = words(sentence)
    return any(w in _CARDINALS and w not in question_words and ws[i + 1:i + 2] not in (["per"], ["percent"])
               for i, w in enumerate(ws))


# "What did Wales score *in creative thinking* in PISA 2022?": what the score is of.
_SCORE_IN = re.compile(r"\bscored?\s+(?:in|for|on)\s+(?:the\s+)?(?P<x>[^\W\d_]+(?:[\s-]+[^\W\d_]+){0,2})")
# "What was Wales's PISA *reading* score?": what it is of, before it.
_X_SCORE = re.compile(r"\b(?P<x>[^\W\d_]+)\s+scores?\b")
# Words before "score" saying which score, not what of: "the average score", "its PISA score".
_ANY_SCORE = frozenset("average overall mean total highest lowest best worst pisa test tests oecd its their "
                       "new latest previous".split())


def score_subject(question: str) -> tuple[str, ...]:
    """The folded words of what a score asked for is of ("creative", "thinking"), up to a small
    word ("in PISA 2022"), or the word before it ("What was Wales's PISA *reading* score?"), or none."""
    if expected_type(question) != "number":
        return ()
    before = None if _SCORED_BY.search(fold(question)) else _X_SCORE.search(fold(question))  # (not "Wales scored")
    if before and before.group("x") not in _ANY_SCORE and before.group("x") not in STOPWORDS \
            and not before.group("x").endswith(("'s", "’s")):
        return (before.group("x"),)
    m = _SCORE_IN.search(fold(question))
    out: list[str] = []
    for w in re.split(r"[\s-]+", m.group("x")) if m else ():
        if w in STOPWORDS or w in _ANY_SCORE:
            break  # ("… score in PISA 2018": which tests, not what of)
        out.append(w)
    return tuple(out)


# "What did *Welsh-medium* pupils score …?": who scored, and which of them (not pupils or Wales at large).
_SCORED_BY = re.compile(r"\bwhat\s+(?:did|do|does)\s+(?:the\s+)?"
                        r"(?P<who>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}?)\s+score\b")
_ANY_SCORER = frozenset("""pupils students learners children teenagers youngsters candidates young people wales welsh
    uk country nation schools""".split())


def score_holders(question: str) -> tuple[str, ...]:
    """The folded words saying which of those who scored a score asked for is of ("medium" of
    "What did Welsh-medium pupils score in reading?"), or none (for pupils, Wales)."""
    if expected_type(question) != "number":
        return ()
    m = _SCORED_BY.search(fold(question))
    return tuple(w for w in re.split(r"[\s-]+", m.group("who")) if w not in _ANY_SCORER and w not in STOPWORDS
                 and not w.endswith(("'s", "’s"))) if m else ()


def names_counted(sentence: str, focus: frozenset[str], stems: Iterable[str], share: bool = False) -> bool:
    """Whether `sentence` (its `stems`) names what a figure is asked of: a word of `focus`, or,
    for a turnout, a figure beside the word or the share of those who took part; for a share
    asked for (`share`), any share it gives; for an organisation's members, the number it
    represents."""
    if "turnout" in focus or "respond" in focus:
        # One figure, given beside the word ("a disappointing turnout", "80 per cent of members
        # said" give none)
        return figure_beside(sentence, focus)
    return bool(focus.intersection(stems)) or (share and bool(_SHARE.search(sentence))) \
        or "member" in focus and gives_membership(sentence)


# What a share of those a survey asked does not count: a turnout, those who answered, a rise.
# (Those who answered are who a survey asked: "what share of respondents in Wales called their budget
# untenable?" is answered by "Among respondents in Wales, … 79 per cent said"; how many answered is
# no such share, Question.participants.)
_UNSURVEYED = frozenset(stem(w) for w in ("turnout", *_CHANGES, "award", "awards"))
# The words naming the survey itself, not what its share says: "NASUWT's 2025 survey" is no topic
# that "73 per cent said their workload had increased" speaks of for "… said they had been assaulted?".
SURVEY_WORDS = frozenset(stem(w) for w in _RESPONDING)
# Words that say nothing of which of a thing is counted: when ("put in Band 1 in December 2012"),
# a light verb ("were put in", "did the Council issue"), where the figure is from ("according to the
# EWC's 2024 figures"), and who may be anyone asked ("How many NAHT members answered …?": "a survey of
# 1,054 school leaders").
UNQUALIFYING = frozenset(stem(w) for w in (*DATE_WORDS, *_ANYONE, "put", "get", "got", "issue", "issued", "make",
                                           "made", "figures", "statistics", "data", "numbers"))
# The words of a change asked for ("What increase did leaders receive under the pay award?"):
# what is counted, not a kind of it.
CHANGE_WORDS = frozenset((*_CHANGES, "award", "awards"))


def counts_surveyed(focus: frozenset[str]) -> bool:
    """Whether what `focus` counts may be those a survey asked ("teachers"; not a turnout)."""
    return focus.isdisjoint(_UNSURVEYED)


def figure_beside(sentence: str, focus: frozenset[str], share: bool = False) -> bool:
    """Whether a figure of `sentence` stands within FOCUS_REACH words of a word whose stem is
    in `focus` ("the turnout of 42.6 per cent", "1,200 pupils"), or gives a turnout as the
    share of those who took part. For a `share` asked for, a figure's "per cent" is part of it
    ("42 per cent of eligible members")."""
    if "turnout" in focus and _SHARE_TOOK_PART.search(sentence) or "member" in focus and gives_membership(sentence):
        return True
    ws = words(sentence)
    at_focus = [i for i, w in enumerate(ws) if stem(w) in focus]
    if not at_focus:
        return False
    at_figure = [i for i, w in enumerate(ws) if (_is_figure(w) or _fraction_at(ws, i)) and not _naming(ws, i)
                 and not _bar(ws, i)]
    ends = {j: j + 2 if share and ws[j + 1:j + 3] == ["per", "cent"] else j for j in at_figure}
    return any((j - i if i < j else max(i - ends[j], 0)) <= FOCUS_REACH or _stated(ws, i, j)
               for i in at_focus for j in at_figure)


def _naming(ws: list[str], i: int) -> bool:
    """Whether the figure at `i` of `ws` names something by its number ("Year 9") rather than counts."""
    return i > 0 and ws[i - 1] in _NUMBERED and bool(re.fullmatch(r"\d{1,2}", ws[i]))


def _bar(ws: list[str], i: int) -> bool:
    """Whether the figure at `i` of `ws` is a bar to reach, not what was reached: "failed to meet the
    statutory 50 per cent turnout threshold", "a threshold of 50 per cent", "a turnout of at least 50
    per cent"."""
    after = [w for w in ws[i + 1:i + 5] if w not in ("per", "cent", "percent", "turnout", "%")][:1]
    return after == ["threshold"] or ws[max(i - 2, 0):i] in (["threshold", "of"], ["at", "least"])


# What the word counted "was": "Turnout among members in Wales was 51 per cent".
_COPULAS = frozenset(("was", "were", "is", "are", "stood", "reached", "totalled", "totaled"))
# What it rose or fell to: "The number of learning support workers rose to a record 43,578",
# "continued to rise, reaching 36,012".
_CHANGED = frozenset(("rose", "risen", "rise", "rising", "fell", "fallen", "fall", "falling", "increased", "decreased",
                      "grew", "grown", "dropped", "climbed"))
_TO = frozenset(("to", "reaching"))
_RECORD = frozenset(("a", "an", "new", "record", "high", "low", "all-time", "of"))  # "to a record 43,578"
STATED_REACH = 8


def _stated(ws: list[str], focus: int, figure: int) -> bool:
    """Whether the figure at `figure` is what the word at `focus` was said to be or to have risen
    or fallen to: the first figure after it, within STATED_REACH words, just after a "was"
    ("Turnout among members in Wales was 51 per cent") or "rose to (a record)"."""
    if not focus < figure <= focus + STATED_REACH or any(_is_figure(w) for w in ws[focus + 1:figure]):
        return False
    if ws[figure - 1] in _COPULAS | {"at"} and any(w in _COPULAS for w in ws[focus + 1:figure]):
        return True
    k = figure - 1
    while k > focus + 1 and ws[k] in _RECORD:
        k -= 1
    return ws[k] in _TO and any(w in _CHANGED for w in ws[focus + 1:k])


_FRACTIONS = frozenset(("third", "quarter", "fifth", "tenth"))


def _fraction_at(ws: list[str], i: int) -> bool:
    """Whether the word at `i` begins a fraction of something: "a third of", "a fifth of"."""
    return ws[i] in ("a", "one") and i + 2 < len(ws) and ws[i + 1] in _FRACTIONS and ws[i + 2] == "of"


def _is_figure(word: str) -> bool:
    """A word giving a figure: digits that are not a year, or a count in words."""
    return (bool(_DIGIT.search(word)) and not _YEAR.fullmatch(word)) or word in _CARDINALS


def figure_of(sentence: str, focus: frozenset[str], context: str = "", share: bool = False) -> bool:
    """Whether `sentence` gives a figure of what `focus` names: beside its word (figure_beside, a
    `share` asked for), or, for an item of a list, anywhere in it when the paragraph introducing the
    list (`context`) names it ("Of the 512 teachers and support staff who responded:" then "- 44%
    reported a leaking roof")."""
    if figure_beside(sentence, focus, share):
        return True
    return bool(context) and bool(focus.intersection(stem(w) for w in words(context))) \
        and any(map(_is_figure, words(sentence)))


# A closing date asked for: "When was the deadline for responses …?", "By/Until what date could people
# respond …?", "When did the ballot close?", "… due to close?", "… scheduled to end?".
_ASKS_DEADLINE = re.compile(r"\bdeadline\b|\b(?:by|until|till)\s+(?:what|which)\s+(?:date|day)\b"
                            r"|\bclos(?:e|es|ed|ing)\b|\b(?:due|scheduled|set)\s+to\s+(?:end|finish)\b"
                            # "When did the consultation of members on the offer end?"
                            r"|^\W*when\b[^?]*\b(?:consultation|ballot|vote|survey|poll)s?\b[^?]*\b(?:end|finish)\b",
                            re.IGNORECASE)
# A closing date given: "The consultation closes on 12 February 2024", "will run until 26 February",
# "open until", "close at noon on Friday 24 March", "responses by 7 January".
_GIVES_DEADLINE = re.compile(r"\b(?:clos(?:e|es|ed|ing)|deadline|until|till|by)\b(?:\s+(?:date|is|was|on|at|of|the"
                             r"|noon|midday|midnight|\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)?|[^\W\d_]+day)\b){0,5}"
                             r"\s+\d{1,2}(?:st|nd|rd|th)?\s+(?:" + "|".join(_MONTHS[:11]) + r"|may)\b",
                             re.IGNORECASE)


# A starting date asked for: "On what date did the action short of strike begin?" (not a closing one).
_ASKS_START = re.compile(r"\b(?:begin|began|begun|begins|start|started|starts|commence[sd]?|kick(?:ed|s)?\s+off"
                         r"|t(?:ake|akes|ook|aken)\s+effect|c(?:ome|omes|ame)\s+into\s+(?:force|effect))\b",
                         re.IGNORECASE)
# A starting date given: "From Monday 17 April 2023, members will be instructed …", "with effect from 1 September".
_GIVES_START = re.compile(r"\b(?:from|starting|beginning|commencing)\s+(?:(?:on|the)\s+)?(?:[^\W\d_]+day\s+)?"
                          r"\d{1,2}(?:st|nd|rd|th)?\s+(?:" + "|".join(_MONTHS[:11]) + r"|may)\b", re.IGNORECASE)


def asks_start(question: str) -> bool:
    """Whether `question` asks when something began or begins ("When did the action begin?")."""
    return bool(_ASKS_START.search(question))


def gives_start(sentence: str) -> bool:
    """Whether `sentence` gives a starting date ("From Monday 17 April 2023, members will …")."""
    return bool(_GIVES_START.search(sentence))


def asks_deadline(question: str) -> bool:
    """Whether `question` asks for a closing date ("When was the deadline for responses?")."""
    return bool(_ASKS_DEADLINE.search(question))


def gives_deadline(sentence: str) -> bool:
    """Whether `sentence` gives a closing date ("The consultation closes on 12 February 2024")."""
    return bool(_GIVES_DEADLINE.search(sentence))


def date_beside(sentence: str, asked: frozenset[str]) -> bool:
    """Whether a date of `sentence` (a month, a day of the week or a year) stands within
    FOCUS_REACH words of a word whose stem is in `asked` ("the action will *begin* on Monday
    23 *October*" for "When did the action begin?")."""
    ws = words(sentence)
    # ("action short of strike from 27 February" is no strike)
    at_asked = [i for i, w in enumerate(ws) if stem(w) in asked and ws[max(i - 2, 0):i] != ["short", "of"]]
    if not at_asked:
        return False
    at_date = [i for i, w in enumerate(ws) if w in _MONTHS or _YEAR.fullmatch(w)
               or (w == "may" and any(_DIGIT.search(x) for x in ws[max(i - 1, 0):i + 2]))]
    return any(abs(i - j) <= FOCUS_REACH for i in at_asked for j in at_date)
