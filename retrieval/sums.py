"""Sums of money a question asks for, and whether a sentence gives one.

"How much did the scheme cost?" asks for a sum ("£36m"), not a share or a count;
"How much … for school kitchens?" asks it of what it is given for; "How much per
meal?" asks for a sum for each of something ("£2.90 per meal").
"""

from __future__ import annotations

import re

from .analysis import STOPWORDS, fold, phrase_words, stem, words
from .openings import QUESTION_START, WHAT_BECAME, WHAT_CHANGED_TO, WHAT_COST


# The verbs a sum of funding is given by: "set aside", "allocated", "invested", "provided", "gave".
_FUNDED = r"allocat\w*|set\s+aside|put\s+aside|earmark\w*|spen[dt]\w*|invest\w*|provid\w*|give|gave|given"
# Money said to go into something: "How much money is going into free dinners?"
_PUT_INTO = r"(?:go(?:es|ing|ne)?|went|put(?:ting)?|pump\w*|pour\w*)\s+(?:into|towards)"
# "How much did the budget set aside *for school kitchens*?": a sum is asked for what it is given
# to, the last word of the phrase after "for", "on", "towards" or "to the" ("kitchens").
_ALLOCATED = re.compile(
    QUESTION_START + r"how\s+much\b.*?\b(?:" + _FUNDED +
    r"|offer\w*|(?<=much\s)(?:\w+\s+)?(?:funding|money|cash|investment|grant))\s+"
    r"(?:[^\W\d_]+\s+){0,4}?(?:for|on|towards|to\s+(?:the|a|an)|(?<=allocate\s)to|(?<=allocated\s)to"
    r"|to\s+(?:improve|support|tackle|fund|boost|raise|cut|reduce)|to(?=\s+[^\W\d_]+ing\s))\s+"
    # (four words, a hyphenated one counting as one: "Welsh-medium teacher training bursaries"; a
    # possessive between them none: "running *its* school year consultation", "the first Welsh
    # *teachers'* pay award")
    r"(?:the\s+|a\s+|an\s+)?(?:[^\W\d_]+(?:s['’]|['’]s)\s+)?"  # (whose it is first: "the council's school kitchens")
    r"(?P<y>[^\W\d_]+(?:-[^\W\d_]+)*(?:\s+(?:(?:its|their|[^\W\d_]+s['’]|[^\W\d_]+['’]s)\s+)?"
    r"[^\W\d_]+(?:-[^\W\d_]+)*){0,3})")
# "How much did the Government give *the National Attendance Taskforce*?": given to, without "to".
# ("How much is set aside to give every primary pupil a free lunch?": what the money is for, not to whom.)
_GIVEN_TO = re.compile(
    QUESTION_START + r"how\s+much\b.*?(?<!\bto\s)\b(?:give|gave|given|hand|handed)\s+"
    r"(?!(?:to|for|on|towards|out|back)\b)"
    r"(?:the\s+|a\s+|an\s+)?(?P<y>[^\W\d_]+(?:-[^\W\d_]+)*(?:\s+[^\W\d_]+(?:-[^\W\d_]+)*){0,3})")


_COST_OF = re.compile(r"costs?\s+of\b")
# Verbs that end the phrase a sum is for and start the question's clause: "money for schools *came* out of".
_CLAUSE_VERBS = frozenset("did does do was were is are has have had will would could should can came went got"
                          " this next last".split())  # (and the time it is said of: "for meals this year")
# A sum for giving someone something is for the giving: what it is given to says nothing of it.
_GIVING = frozenset(("giving", "offering", "handing", "providing"))
# Those a sum is given to, named by what they have: "children with special needs".
_BENEFICIARIES = frozenset("children pupils learners students people families schools".split())
_PREPOSITIONS = frozenset("for of in on to at by with from under over towards across since until before after during"
                          .split())


_TIME_SPENT = re.compile(r"\bhow\s+much\s+(?:\w+\s+)?time\b")


def allocated_to(question: str) -> tuple[str, ...]:
    """The folded last word of what a "How much did X allocate for …?" asks the sum for
    ("kitchens" of "school kitchens"; of each thing, "kitchens and dining halls"), with the
    initials of a longer phrase ("aln" of "additional learning needs"), or none."""
    m = _ALLOCATED.search(fold(question)) or _GIVEN_TO.search(fold(question))
    if not m or _TIME_SPENT.search(fold(question)):
        return ()  # (time spent on something is counted in hours, whatever it is spent on)
    if m.group("y").split()[0] in _GIVING or _COST_OF.match(m.group("y")):
        # "for giving every primary child a free dinner": for the giving, not the child; "towards
        # the cost of the award": a share of what something costs, whatever the sentence calls it
        return ()
    phrase: list[str] = []
    heads: list[str] = []  # of things named before "and": "for kitchens and dining halls"
    having = False
    for word in phrase_words(m.group("y")):
        if word in ("and", "or") and phrase and not having:
            heads, phrase = [*heads, phrase[-1]], []
            continue
        if word == "with" and len(phrase) == 1 and phrase[0] in _BENEFICIARIES:
            # "for children *with special needs*": what they have is what it is for, any of its words
            phrase, having = [], True
            continue
        if word in _PREPOSITIONS or word in _CLAUSE_VERBS:
            break  # "the new fund *for* small schools": the fund; "for schools *did* NEU Cymru ask": schools
        if word not in STOPWORDS:
            phrase.append(word)
    # A phrase of three or more words is often written by its initials: "additional learning needs", "ALN".
    # (Not of a phrase holding a short word or opening with a verb: "implementing the ALN Act".)
    initials = ("".join(w[0] for w in phrase),) if len(phrase) >= 3 and min(map(len, phrase)) > 3 \
        and not phrase[0].endswith("ing") else ()
    return (*(phrase if having else [*heads, *phrase[-1:]]), *initials)


# "How much per meal …?", "How much … for each poorer child?": a sum for each of something, given
# as one ("£2.90 per meal", "£1,150 per eligible pupil", "for each learner"), not a total.
# (Not "per cent": "to help with the 5.5 per cent award" names a rise, not a rate.)
_ASKS_RATE = re.compile(r"\bhow\s+much\b.*?\b(?:per|for\s+each|for\s+every|each)\s+(?!cent\b)"
                        r"(?P<unit>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})")
_RATE_WORDS = frozenset(("per", "each", "every", "a"))
_PER_TIME = frozenset("year years annum month months week weeks day days hour hours term terms".split())


def rate_unit(question: str) -> tuple[str, ...]:
    """The folded words for what a "How much per …?" asks a sum for each of ("meal"; "poorer",
    "child" of "for each poorer child in 2013"), or none."""
    m = _ASKS_RATE.search(fold(question))
    phrase: list[str] = []
    for word in m.group("unit").split() if m else ():
        if word in STOPWORDS:
            break
        phrase.append(word)
    # (not a time: a sum "per year" is as often given as annual, "a year's rainfall")
    return () if phrase and phrase[-1] in _PER_TIME else tuple(phrase)


def gives_rate(sentence: str, units: frozenset[str]) -> bool:
    """Whether `sentence` gives a sum for each of what the stems `units` name ("£1,150 per eligible
    pupil", "£2.90 a meal")."""
    ws = words(sentence)
    return any(w in _RATE_WORDS and not units.isdisjoint(map(stem, ws[i + 1:i + 4])) for i, w in enumerate(ws))


# "How much did the academy cost?", "How much was spent on …?", "How much does a new teacher
# earn?", "What was the starting salary …?", "How much did the registration fee rise to?": a sum
# of money is asked for, not a share or a count ("412 schools"). ("How much funding had sixth forms
# lost?", "How much more money were councils getting?" are answered by a share too: "around 8% of
# their funding".)
_ASKS_MONEY = re.compile(
    r"\bhow\s+much\b(?:\s+[\w'’-]+){0,12}?\s+(?:spen[dt]|spending|costs?|costing|invest(?:ed|ing)?|allocat\w*"
    r"|set\s+aside|earmark\w*|fees?)\b|\bhow\s+much\s+(?:money|cash)\b(?:\s+[^\W\d_]+){0,6}?\s+(?:give|gave|given"
    r"|hand|handed|provid\w*|grant\w*|promis\w*|pledg\w*|" + _PUT_INTO + r")\b"
    # "How much did the Welsh Government give councils to fund the pay award?": money given to pay for something
    r"|\bhow\s+much\b(?:\s+[\w'’-]+){0,8}?\s+(?:give|gave|given|hand|handed|provid\w*)\b(?:\s+[\w'’-]+){0,4}?"
    r"\s+(?:to\s+(?:fund|cover|meet|pay\s+for)|towards)\b"
    # ... or to do something ("give councils to repair RAAC"), asked of the giving itself ("How much did …",
    # not "How much notice did … give schools to prepare")
    r"|\bhow\s+much\s+(?:did|does|do|will|would|has|have|had|is|was|were|are)\b(?:\s+[\w'’-]+){0,6}?\s+"
    r"(?:give|gave|given|hand|handed)\s+(?:[\w'’-]+\s+){1,3}?to\s+(?!be\b)[^\W\d_]+\b"
    r"|\bwhat\s+(?:was|is|were|are|will\s+be)\s+the\s+(?:[^\W\d_]+\s+)?cost\b"
    r"|\bhow\s+much\s+(?!more\b|extra\b)(?:[^\W\d_][\w'’-]*\s+){0,8}?earn\w*\b"
    r"|" + WHAT_COST +
    r"|\bwhat\s+(?:was|is|were|are|will\s+be)\s+(?:the|a|an)\s+(?:[^\W\d_]+\s+){0,2}?(?:salary|salaries|wages?|fees?)\b"
    # "What did the starting salary for a new teacher go up to?", "… become in September 2020?"
    r"|(?=.*\b(?:salary|salaries|wages?|price|fees?)\b)(?:" + WHAT_CHANGED_TO + "|" + WHAT_BECAME + ")")
# A sum of money as releases write one: "£36m", "€2 billion", "36 million pounds", "£1.2bn".
_MONEY = re.compile(r"[£$€]\s?\d|\d\s*(?:pounds|euros|million|billion|bn)\b", re.IGNORECASE)


# A sum given as what something costs: "would cost schools in Wales an estimated £44m a year",
# "£12.8m to meet the cost of the award", "the registration fee … has been set at £15", "the costs
# of the increase …, estimated at around £40m"; not "a starting salary of £33,636".
_COST_WORD = r"(?:cost|costs|costing|costed|price|bill|fee|fees|charge|charges)\b"
_COST_BESIDE = re.compile(r"\b" + _COST_WORD + r"(?:\W+[\w'’-]+){0,10}?\W+[£$€]?\d"
                          r"|[£$€]\d[\d.,]*(?:\s*(?:m|bn|k|million|billion))?(?:\W+[\w'’-]+){0,6}?\W+"
                          + _COST_WORD + r"|\b" + _COST_WORD + r".*\b(?:(?:estimated|put|valued)\s+at"
                          # "the cost of matching … would be around £4.6m"
                          r"|(?:would|will|could)\s+be)\s+(?:around\s+|about\s+|some\s+|nearly\s+|almost\s+)?"
                          r"[£$€]\d", re.IGNORECASE)


def gives_cost(sentence: str) -> bool:
    """Whether `sentence` gives a sum as what something costs."""
    return bool(_COST_BESIDE.search(sentence))


# "How much was set aside / allocated / invested / provided …?": a sum of funding for something,
# not a salary, a fee or a price.
_FUNDING = re.compile(r"\bhow\s+much\b.*?\b(?:" + _FUNDED + r"|giving|hand|handed|committ?\w*|" + _PUT_INTO + r")\b")


def asks_funding(question: str) -> bool:
    """Whether `question` asks for a sum of funding ("How much was set aside to give every
    primary pupil a free lunch?")."""
    return bool(_FUNDING.search(fold(question)))


# "How much would the rise add to the cost of employing a teacher?": a sum or a share of it ("add
# around 7 per cent to the cost").
_ADDS_TO_COST = re.compile(r"\badd(?:s|ed|ing)?\b(?:\s+[\w'’-]+){0,3}?\s+to\s+(?:[\w'’-]+\s+){0,2}?costs?\b")


def asks_money(question: str) -> bool:
    """Whether `question` asks for a sum of money ("How much did the scheme cost?"), not time spent
    or what is added to a cost."""
    q = fold(question)
    return bool(_ASKS_MONEY.search(q)) and not _TIME_SPENT.search(q) and not _ADDS_TO_COST.search(q)


def gives_money(sentence: str) -> bool:
    """Whether `sentence` gives a sum of money ("£36m over the course of this Assembly")."""
    return bool(_MONEY.search(sentence))
