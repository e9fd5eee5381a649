"""How many members an organisation has: asked ("How many members does UCAC have?") and given
("UCAC represents around 4,500 teachers, headteachers and lecturers"), told from a survey's count
of those it asked ("The survey of 1,780 members").
"""

from __future__ import annotations

import re

# How many an organisation represents: "NEU Cymru … represents more than 13,000 teachers, lecturers
# and support staff", "a membership of 4,500".
_REPRESENTS = re.compile(r"\b(?:represents?|representing|membership\s+of)\s+(?:(?:more\s+than|over|around|about|almost"
                         r"|nearly|some|approximately|roughly|up\s+to)\s+)?\d[\d,]*\b", re.IGNORECASE)


def gives_membership(sentence: str) -> bool:
    """Whether `sentence` gives how many an organisation represents ("NEU Cymru represents more
    than 13,000 teachers"): its members."""
    return bool(_REPRESENTS.search(sentence))


_MEMBERS = re.compile(r"\b(?:members?|membership|belong\w*|join(?:ed|s)?)\b", re.IGNORECASE)
# Those a survey or a ballot asked: "The survey of 1,780 members …" counts them, not the membership.
_ASKED_COUNT = re.compile(r"\b(?:survey\w*|poll\w*|ballot\w*|questioned|asked)\s+(?:of\s+)?(?:more\s+than\s+|over\s+)?"
                          r"\d", re.IGNORECASE)


def names_members(sentence: str) -> bool:
    """Whether `sentence` names members ("a survey of 312 members", "membership had grown")."""
    return bool(_MEMBERS.search(sentence))


def speaks_of_members(sentence: str) -> bool:
    """Whether `sentence` speaks of members ("membership had grown to more than 1,600 leaders"),
    not of those a survey asked ("The survey of 1,780 members")."""
    return names_members(sentence) and not _ASKED_COUNT.search(sentence)


# How many members an organisation has: "How many members does UCAC have?", "How many school leaders
# belonged to NAHT Cymru?", "What was the union's membership?" (not "How many members have voted …?").
_ASKS_MEMBERSHIP = re.compile(
    r"\bhow\s+many\s+members\s+(?:did|does|do|has|had|will)\s+(?:[\w'’-]+\s+){1,5}?(?:have|had)\b(?!\s+[^\W\d_]+ed\b)"
    r"|\bhow\s+many\s+(?:[^\W\d_]+\s+){0,4}?(?:belong(?:s|ed)?\s+to|(?:are|were|is|was)\s+members\s+of)\b"
    r"|\bmembership\b", re.IGNORECASE)


def asks_membership(question: str) -> bool:
    """Whether `question` asks how many members an organisation has."""
    return bool(_ASKS_MEMBERSHIP.search(question))
