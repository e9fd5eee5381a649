"""Who held a role: "Who was NAHT Cymru's president?", "Who led UCAC in 2019?".

The role asked about is read from the question, and a sentence answers it
when it names someone beside that role ("Dewi Talfryn, President of NAHT
Cymru, said:"); a release naming nobody beside it does not say who held it.
"""

from __future__ import annotations

import re

from .analysis import STOPWORDS, fold, stem, words
from .answertype import FOCUS_REACH
from .openings import QUESTION_START

# "Who was NAHT Cymru's *president* …?", "Who is the *chief executive* of …?", "Who became
# *president* …?": the role whose holder is asked for, after the verb and any "the" or possessive.
_WHO_IS = re.compile(QUESTION_START + r"who\s+(?:is|was|were|are|will\s+be|has\s+been|had\s+been|became|becomes"
                     r"|(?:will|has|had)\s+become)\s+(?P<rest>.+)")
# "Who was *appointed to* chair …", "Who was *elected* president …": the role follows.
_APPOINTED = re.compile(r"^(?:newly\s+)?(?:appointed|elected|named|chosen|selected|made|installed)\s+(?:to\s+|as\s+)?"
                        r"(?:(?:the|its|their)\s+)?")
# "Who did NAHT elect as president …?", "Who did the union appoint as its new general secretary?".
_WHO_CHOSEN = re.compile(QUESTION_START + r"who(?:m)?\s+did\s+(?:[\w'’-]+\s+){1,5}?"
                         r"(?:elect|appoint|choose|name|select|install)\s+(?:as\s+|to\s+be\s+)?"
                         r"(?:(?:its|their|the|a|an|new|next)\s+)*"
                         r"(?P<role>(?:[^\W\d_]+\s+)?[^\W\d_]+)")
_OWNER = re.compile(r"^(?:(?:the|its|their)\s+)?(?:(?:[^\W\d_]+\s+){0,3}?[^\W\d_]+[’']s\s+)?")
_TOKEN = re.compile(r"[^\W_][\w’'-]*")


# "Who led/chaired …?": the holder of a leading role, whatever it is called.
# "Who is leading …?" and "Who was put in charge of …?" too; and "led by Professor X" names the
# holder, as "X, its director" does.
_WHO_LED = re.compile(QUESTION_START + r"(?:who|which\s+[^\W\d_]+)\s+(?:(?:is|was|will\s+be|has\s+been)\s+)?"
                      r"(?:(?P<chair>chaired|chairs|chairing)|led|leads|leading|heads|headed|heading|ran|runs"
                      r"|(?:put|placed|left)\s+in\s+charge|in\s+charge)\b")
_CHAIRS = ("chair", "chairman", "chairwoman", "chairperson")
_LEADERS = ("leader", "director", "president", "secretary", "chief", "executive", "head", "led", "lead", *_CHAIRS)
# "Who spoke for X?": whoever X's release quotes for it, its spokesperson or one of its leaders.
_WHO_SPOKE = re.compile(QUESTION_START + r"who\s+(?:spoke|speaks|was\s+speaking|is\s+speaking)\s+"
                        r"(?:for|on\s+behalf\s+of)\b")
_SPOKESPEOPLE = ("spokesperson", "spokesman", "spokeswoman", *_LEADERS)
# "Who proposed/moved the motion?": whoever a release names beside proposing or moving it ("The
# motion, proposed by Bethan Rowlands, a primary teacher from Swansea").
_WHO_MOVED = re.compile(QUESTION_START + r"who\s+(?:proposed|moved|tabled|put\s+forward|brought)\b")
_MOVERS = ("proposed", "proposing", "proposer", "moved", "moving", "mover", "tabled")


# Words for roles someone holds: a release naming nobody beside one does not say who held it.
ROLES = frozenset(stem(w) for w in """president secretary director chair chairman chairwoman chairperson chief
    executive leader head minister inspector commissioner officer official spokesperson spokesman spokeswoman
    treasurer convenor organiser principal headteacher governor deputy""".split())


def role_focus(question: str) -> tuple[str, ...]:
    """The folded head word of the role a "Who is/was …?" asks the holder of ("secretary" of
    "general secretary"; not a name, "Who is Laura Doel?"), the words for leading roles for
    "Who led …?", for speaking for "Who spoke for …?", for moving a motion for "Who proposed
    …?", or none."""
    led = _WHO_LED.search(fold(question))
    if led:
        # (a review or a body "led by" someone names its chair: "the Independent Review …, led by Louise Casella")
        return (*_CHAIRS, "led") if led.group("chair") else _LEADERS
    if _WHO_SPOKE.search(fold(question)):
        return _SPOKESPEOPLE
    if _WHO_MOVED.search(fold(question)):
        return _MOVERS
    chosen_as = _WHO_CHOSEN.search(fold(question))
    if chosen_as:  # the role's head word ("secretary" of "general secretary at its conference")
        named = [w for w in words(chosen_as.group("role")) if stem(w) in ROLES]
        return tuple(named[-1:])
    m = _WHO_IS.search(fold(question))
    if not m:
        return ()
    chosen = _APPOINTED.match(m.group("rest"))
    if chosen:  # "Who was chosen to chair NAHT's commission?", "… elected president of …": the role follows
        after = words(m.group("rest")[chosen.end():])[:1]
        if after and stem(after[0]) in ROLES:
            return tuple(after)
    rest = _APPOINTED.sub("", _OWNER.sub("", m.group("rest"), count=1), count=1)
    role: list[str] = []
    for word in words(rest)[:3]:
        if word in STOPWORDS:
            break
        role.append(word)
    # A capitalised word is a name asked about ("Who is Laura Doel?"), not a role, unless it
    # is a role's title ("Who was Chief Inspector in 2014?").
    written = {t for t in _TOKEN.findall(question) if t[:1].isupper() and stem(fold(t)) not in ROLES}
    return tuple(w for w in role[-1:] if not any(fold(t) == w for t in written))


def name_beside(sentence: str, role: frozenset[str], question_words: set[str] | frozenset[str]) -> bool:
    """Whether a name the question does not give (a capitalised word inside the sentence)
    stands within FOCUS_REACH words of a word whose stem is in `role` ("Dewi Talfryn,
    President of NAHT Cymru, said:" for "Who was NAHT Cymru's president?"), not counting the
    question's own words between them ("the chair of the Review Body, Professor Marian Holt");
    or before it, further, when made it ("Dr Eleri Vaughan has been appointed as its first chair")."""
    tokens = [t for t in _TOKEN.findall(sentence) if stem(fold(t)) in role or fold(t) not in question_words]
    at_role = [i for i, t in enumerate(tokens) if stem(fold(t)) in role]
    if not at_role:
        return False
    at_name = [i for i, t in enumerate(tokens) if t[0].isupper() and fold(t) not in STOPWORDS
               and stem(fold(t)) not in role]
    return any(abs(i - j) <= FOCUS_REACH or (j < i <= j + APPOINTED_REACH and any(
        fold(t) in _MADE for t in tokens[j + 1:i])) for i in at_role for j in at_name)


# "Dr Eleri Vaughan has been appointed as its first chair": the name, made the role further on.
_MADE = frozenset("appointed elected named chosen selected became becomes installed confirmed".split())
APPOINTED_REACH = 8
