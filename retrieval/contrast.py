"""Words that rule each other out: a figure for primary schools does not answer for secondary ones.

"How much did the draft budget set aside for free meals in *secondary*
schools?" shares every other word with "Spending on universal *primary* free
school meals will total £97 million": a sentence naming the other of a pair,
and not the one asked about, gives the answer for something else. A sentence
naming neither may still answer ("£12m for free school meals"), and one naming
both compares them.
"""

from __future__ import annotations

import re
from typing import Sequence

from .analysis import analyse

# Pairs a question asks about one of: the kind of school, the sex of those counted, the country
# of a UK figure, who was balloted or surveyed ("teachers who voted" do not answer for support staff).
_PAIRS = (("primary", "secondary"), ("male", "female"), ("men", "women"), ("boys", "girls"),
          ("England", "Wales"), ("teachers", "support staff"))
# The stages of a budget: "the final budget for 2024-25" is not "the draft budget for 2024-25"
# (year_named.py). (Not of any sentence: "the final increase in core funding" is given beside
# "up from the 2.0% set out in the Draft Budget".)
_STAGES = (("draft", "final"),)
Phrase = tuple[str, ...]


def _both_ways(pairs: tuple[tuple[str, str], ...]) -> dict[tuple[str, ...], tuple[str, ...]]:
    return {a: b for x, y in pairs for a, b in ((tuple(analyse(x)), tuple(analyse(y))),
                                                (tuple(analyse(y)), tuple(analyse(x))))}


CONTRASTS = _both_ways(_PAIRS)
# Both of a pair named together ("across England and Wales"): a figure of both, neither's own.
_TOGETHER = re.compile("|".join(rf"\b{a}\s+(?:and|or|&)\s+{b}\b|\b{b}\s+(?:and|or|&)\s+{a}\b" for a, b in _PAIRS),
                       re.IGNORECASE)
STAGES = _both_ways(_STAGES)
# One of a pair said in other words: "How many teachers are female?" of "Women make up 75.8 per cent";
# "What fraction of teachers were men?" of "24.3 per cent … were male"; teachers as "teaching staff" (beside
# support staff).
SAID_AS = {tuple(analyse(a)): tuple(analyse(b)) for a, b in (("female", "women"), ("male", "men"), ("women", "female"),
                                                              ("men", "male"), ("teachers", "teaching staff"))}


def holds(stems: Sequence[str], phrase: Phrase) -> bool:
    """Whether `stems` hold `phrase`'s stems side by side ("support staff")."""
    n = len(phrase)
    return any(tuple(stems[i:i + n]) == phrase for i in range(len(stems) - n + 1))


def said_as(phrase: Phrase) -> tuple[Phrase, ...]:
    """`phrase`, and the words it is also said as (SAID_AS: "women" for "female")."""
    return (phrase, SAID_AS[phrase]) if phrase in SAID_AS else (phrase,)


def names(stems: Sequence[str], phrase: Phrase) -> bool:
    """Whether `stems` hold `phrase`, or words it is said as."""
    return any(holds(stems, p) for p in said_as(phrase))


def contrasted(stems: Sequence[str], pairs: dict[Phrase, Phrase] = CONTRASTS) -> dict[Phrase, Phrase]:
    """Each phrase of a pair (of `pairs`) the question's `stems` hold, with the other of its pair."""
    return {mine: other for mine, other in pairs.items() if holds(stems, mine)}


# The other of a pair named only to compare with ("improved to 91.4%, but … compares unfavourably with
# England"): the figure is still the one asked about's.
_COMPARED = re.compile(r"\b(?:than|compared?\s+(?:\w+\s+)?(?:with|to)|compares\s+(?:\w+\s+)?(?:with|to)|unlike"
                       r"|behind|ahead\s+of)\s+(?:(?:in|those\s+in|that\s+in|the)\s+)?(?P<other>[\w\s]+)",
                       re.IGNORECASE)


def names_other(sentence_stems: Sequence[str], asked: dict[Phrase, Phrase], text: str = "") -> bool:
    """Whether a sentence (its stems; its `text`, where known) names the other of a pair the
    question asks one of (`asked`, from `contrasted`) and not the one asked, but to compare with
    it: it gives the answer for something else. (Asked both of a pair, the question compares them:
    any sentence may answer.)"""
    compared = [tuple(analyse(m.group("other")))[:3] for m in _COMPARED.finditer(text)]
    return any(holds(sentence_stems, other) and not names(sentence_stems, mine)
               and not any(holds(c, other) for c in compared)
               for mine, other in asked.items() if other not in asked)


def together(text: str, phrase: Phrase) -> bool:
    """Whether `text` names `phrase` together with the other of its pair ("a turnout of 53 per cent
    across England and Wales": a figure of both, not the one asked about's)."""
    return any(holds(analyse(m.group()), phrase) for m in _TOGETHER.finditer(text))
