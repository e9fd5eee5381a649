"""Two groups compared, and whether a sentence found gives both.

"Were male or female headteachers more likely to be assaulted?" and "How did
the share of primary heads saying their budget was insufficient compare with
secondary heads?" ask for a figure of each group side by side; "How did grades in 2022
compare with those awarded in 2019?", of each year. A release
giving one figure for all school leaders answers neither: evidence.py rules
such an answer out unless one of the sentences found names both groups ("26
per cent in primary schools, compared with 15 per cent in secondary schools").

"Are there now more classroom assistants than teachers?" asks yes or no of a
comparison: a sentence stating one ("has overtaken the number of school
teachers") answers it, before one giving a figure of either.
"""

from __future__ import annotations

import re
from typing import Iterable

from .analysis import analyse, fold
from .answertype import asks_yes_or_no

# "Were male or female heads more likely …?"
_EITHER = re.compile(r"\b(?:were|was|are|is|do|did|does)\s+([^\W\d_]+)\s+or\s+([^\W\d_]+)\s+[^\W\d_]+\b"
                     r".*\b(?:more|less)\s+likely\b", re.IGNORECASE)
# "How did … primary heads … compare with secondary heads?": the same kind of people, told apart.
_COMPARED = re.compile(r"\b([^\W\d_]+)\s+([^\W\d_]+)\b.*\bcompared?\s+(?:with|to)\s+(?:the\s+|those\s+of\s+)?"
                       r"([^\W\d_]+)\s+\2\b", re.IGNORECASE)

# "How did grades in 2022 compare with those awarded in 2019?": two years, told apart.
_YEARS_COMPARED = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])[^?]*\bcompared?\s+(?:with|to)\b[^?]*?"
                             r"(?<![\d-])((?:19|20)\d\d)(?![\d-])", re.IGNORECASE)


def compared_groups(question: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The two groups a question asks to compare, as indexed terms ("male", "female"), or None."""
    m = _EITHER.search(question)
    pair = (m.group(1), m.group(2)) if m else None
    if pair is None:
        m = _COMPARED.search(question)
        pair = (m.group(1), m.group(3)) if m and m.group(1).lower() != m.group(3).lower() else None
    if pair is None:
        m = _YEARS_COMPARED.search(question)
        pair = (m.group(1), m.group(2)) if m else None
    if pair is None:
        return None
    first, second = frozenset(analyse(pair[0])), frozenset(analyse(pair[1]))
    return (first, second) if first and second and first != second else None


def gives_both(groups: tuple[frozenset[str], frozenset[str]], sentences: Iterable[str]) -> bool:
    """Whether one of `sentences` names both groups compared."""
    first, second = groups
    for text in sentences:
        said = set(analyse(text))
        if first <= said and second <= said:
            return True
    return False


# "Are there now more classroom assistants than teachers?": a comparison, answered by one stated
# ("has overtaken the number of school teachers", "exceeds", "more … than"); not with the past
# ("acting up more than before": a rise, answered by its figure).
_ASKS_COMPARISON = re.compile(r"\b(?:more|fewer|less|higher|lower|bigger|greater|smaller)\b(?:\s+\S+){0,6}?\s+than\b"
                              r"(?!\s+(?:(?:they|it|we|you|there|he|she)\s+)?(?:before|ever|previously|earlier|usual|"
                              r"last|used|did|was|were|had|a\s+year|in\s+\d|half|a\s+(?:third|quarter)|\d))")
_STATES_COMPARISON = re.compile(r"\b(?:than|overtak\w*|overtook|exceed\w*|outnumber\w*|surpass\w*)\b")


def asks_comparison(question: str) -> bool:
    """Whether `question` asks yes or no of a comparison ("Are college tutors paid less than school teachers?")."""
    return asks_yes_or_no(question) and bool(_ASKS_COMPARISON.search(fold(question)))


def states_comparison(text: str) -> bool:
    """Whether `text` compares one thing with another ("has overtaken the number of school teachers")."""
    return bool(_STATES_COMPARISON.search(fold(text)))
