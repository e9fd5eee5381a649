"""Whom an organisation represents, and which organisation a question means by them.

People name a union by whom it speaks for: "the heads' union", "the secondary heads' body". Its
releases say the same in their own words: "NAHT Cymru represents headteachers, deputy and
assistant heads …", "NAHT Cymru, the union representing school leaders in Wales", "ASCL Cymru,
the association for secondary school and college leaders", and its name may too ("National
Association of Head Teachers"). `learn` reads these from an organisation's own releases;
`Represented.find` reads a question's "<people>'s union" and names the one family whose members
those people most plainly are: a group whose last word is the question's (or one of its
everyday words: "heads" are headteachers and school leaders, everyday.py), holding the question's
other words ("secondary"), with the fewest words besides. When two families tie (teachers
belong to several unions) it names none: the question then filters nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import STOPWORDS, fold, stem
from .question import EXPANSIONS

# The bodies people are represented by ("the heads' union").
BODIES = ("union", "association", "body", "organisation", "organization", "federation")
# Words of a group that say where, not who ("school leaders in Wales": a branch's region).
_WHERE = frozenset(("wales", "welsh", "cymru", "england", "english", "uk", "scotland", "northern", "ireland",
                    "across", "throughout", "all", "every", "whole"))
# The most words a group of people is written in ("secondary school and college leaders").
MOST_WORDS = 6
# Where a list of people ends: a place, a count of schools, a clause.
_GROUP = r"((?:[a-z][\w’'-]*,?\s+){0,12}?[a-z][\w’'-]*)(?=\s+(?:in|across|throughout|at|working|who|from|within|" \
         r"employed|and\s+is|and\s+has|with)\b|[.;:\"”)]|,\s+(?:and\s+)?(?:is|has|which|who)\b|$)"
# "represents more than 35,000 …", "representing around 4,500 …".
_COUNT = r"(?:(?:more\s+than|over|around|about|some|nearly|almost|up\s+to)\s+)?(?:[\d,.]+\s+(?:thousand\s+)?)?"
_COMMA = re.compile(r",\s*(?:and\s+|or\s+)?")
_AND = re.compile(r"\s+(?:and|or|&)\s+")
_TOKEN = re.compile(r"[^\W_]+")


@dataclass
class Represented:
    """The groups each organisation represents, by family root, and how to read a question's."""

    groups: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    named: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)  # of them, those its names say

    def add(self, root: str, words: tuple[str, ...], *, by_name: bool = False) -> None:
        """Record that the family rooted at `root` represents `words` (folded tokens), as one of
        its names or descriptions says (`by_name`: "the school leaders' union") or as it says."""
        words = tuple(w for w in words if w not in STOPWORDS and w not in _WHERE and not w.isdigit())
        if 0 < len(words) <= MOST_WORDS:
            self.groups.setdefault(root, set()).add(words)
            if by_name:
                self.named.setdefault(root, set()).add(words)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Each "<people>'s union" of `text` that one family represents most plainly:
        (start, end, root of the family)."""
        out = []
        for m in _ASKED.finditer(text):
            said = "people" if m.group("people") else "people2"
            people = [w for w in _TOKEN.findall(fold(m.group(said))) if w not in STOPWORDS and w not in _WHERE]
            root = self.representing(tuple(people)) if people else None
            if root is not None:
                out.append((m.start(), m.end(), root))
        for m in _THEIR.finditer(text):
            root = self._theirs(text[:m.start()])
            if root is not None:
                out.append((m.start(), m.end(), root))
        return sorted(out)

    def _theirs(self, before: str) -> str | None:
        """The family of "their union" in "How many heads …, according to their union?": that of
        the nearest people named before it that any family represents (with the word before them:
        "secondary heads"), if only one family does."""
        tokens = _TOKEN.findall(fold(before))[-THEIR_REACH:]
        for i in range(len(tokens) - 1, -1, -1):
            if tokens[i] in STOPWORDS or tokens[i] in _WHERE:
                continue
            found = self._holding(tokens[i], set())
            if found == UNMATCHED:
                continue  # no one's members: not people ("schools", "years")
            if found is None or i == 0 or tokens[i - 1] in STOPWORDS:
                return found
            return self.representing((tokens[i - 1], tokens[i])) or found
        return None

    def representing(self, people: tuple[str, ...]) -> str | None:
        """The family whose groups hold `people` most plainly, if only one does: with the fewest
        other words ("headteachers" before "college leaders" for heads); among those, the one whose
        groups are mostly such people, by at least TIE_RATIO (NAHT, whose groups are headteachers,
        assistant heads and school leaders, before a teachers' union that represents headteachers too)."""
        found = self._holding(people[-1], {stem(w) for w in people[:-1]})
        return None if found == UNMATCHED else found

    def _holding(self, last: str, others: set[str]) -> str | None:
        """The family whose groups hold the people whose last word is `last` (with `others`) most
        plainly, None on a tie, UNMATCHED when none does. How an organisation names itself says
        whom it is for before the lists of whom it represents: ASCL may list heads among its
        members; NAHT is the head teachers' association."""
        nouns = {stem(last), *EXPANSIONS.get(stem(last), ())}
        named = _plainest(self.named, nouns, others)
        return named if named != UNMATCHED else _plainest(self.groups, nouns, others)


# No group of any family holds the people asked about (no organisation's name is a NUL).
UNMATCHED = "\0"


def _plainest(families: dict[str, set[tuple[str, ...]]], nouns: set[str], others: set[str]) -> str | None:
    """The family of `families` whose groups hold the people most plainly (Represented.representing),
    None on a tie, UNMATCHED when no group holds them."""
    found: dict[str, tuple[int, float]] = {}
    for root, groups in families.items():
        extras = [extra for extra in (_extra(group, nouns, others) for group in groups) if extra is not None]
        if extras:
            found[root] = (min(extras), len(extras) / len(groups))
    if not found:
        return UNMATCHED
    fewest = min(extra for extra, _ in found.values())
    shares = sorted(((share, root) for root, (extra, share) in found.items() if extra == fewest), reverse=True)
    if len(shares) > 1 and shares[0][0] < TIE_RATIO * shares[1][0]:
        return None
    return shares[0][1]


# Of two families representing the people asked about as plainly, the one whose groups are mostly
# such people names them when its share is this many times the other's.
TIE_RATIO = 2.0


def _extra(group: tuple[str, ...], nouns: set[str], others: set[str]) -> int | None:
    """How many words `group` holds besides the people asked about, or None when it is not them:
    its last word (or its last two as one: "head teachers") must be one of `nouns`, and it must
    hold the question's `others` ("secondary")."""
    stems = [stem(w) for w in group]
    joined = stem("".join(group[-2:])) if len(group) >= 2 else ""
    if stems[-1] not in nouns and joined not in nouns or not others <= set(stems):
        return None
    said = set(stems[-2:]) if joined in nouns else set()
    return len(set(stems) - others - nouns - said)


# "their union" (not "their union for …"): the union of the people named before it.
_THEIR = re.compile(r"\btheir\s+(?:" + "|".join(BODIES) + r")\b(?!\s+(?:for|of|representing)\b)", re.IGNORECASE)
# How many words before "their union" the people it is theirs are looked for.
THEIR_REACH = 16
# A question's "the heads' union", "the secondary heads' body", "the union for heads".
_ASKED = re.compile(r"\b(?:the|their|its|a|an)\s+(?P<people>(?:[\w-]+\s+){0,2}?[\w-]+?)(?:['’]s?|s['’])\s+(?:"
                    + "|".join(BODIES) + r")\b|\b(?:the|their|its)\s+(?:" + "|".join(BODIES)
                    + r")\s+(?:for|of|representing)\s+(?P<people2>(?:[\w-]+\s+){0,2}?[\w-]+s)\b", re.IGNORECASE)


def _people(text: str) -> list[tuple[str, ...]]:
    """The groups a list of people holds: each item, each part of several items, and the whole
    ("headteachers, deputy and assistant heads": headteachers; deputy; assistant heads; deputy and
    assistant heads; the whole)."""
    groups = []
    parts = [part for part in _COMMA.split(text) if part.strip()]
    for part in parts:
        items = [item for item in _AND.split(part) if item.strip()]
        groups += [tuple(_TOKEN.findall(fold(item))) for item in items]
        if len(items) > 1:
            groups.append(tuple(_TOKEN.findall(fold(part))))
    if len(parts) > 1:
        groups.append(tuple(_TOKEN.findall(fold(text))))
    return groups


def learn(represented: Represented, root: str, names: list[str], text: str) -> None:
    """Read whom the organisation named `names` (its forms, as written) represents from one of
    its releases' `text`, and record it for the family rooted at `root`."""
    alt = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(names, key=len, reverse=True))
    if not alt:
        return
    body = "|".join(BODIES)
    patterns = (
        # "NAHT Cymru represents more than 1,000 headteachers …"
        rf"(?:{alt})\s+(?:represents|speaks\s+for)\s+{_COUNT}{_GROUP}",
        # "NAHT Cymru, the union representing school leaders in Wales", "… is a trade union and
        # professional association representing …"
        rf"(?:{alt}),?\s+(?:is\s+)?(?:the|a|an)\s+(?:[\w’'-]+\s+){{0,5}}?(?:{body})\s+(?:representing|for|of)\s+"
        rf"{_COUNT}{_GROUP}",
    )
    for pattern in patterns:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            for group in _people(m.group(1)):
                represented.add(root, group)


def from_name(represented: Represented, root: str, form: tuple[str, ...]) -> None:
    """A name saying whom it represents ("national association of head teachers": head teachers;
    "association of school and college leaders") or a description ("school leaders union")."""
    for i, word in enumerate(form):
        if word in BODIES and i + 2 < len(form) and form[i + 1] in ("of", "for"):
            represented.add(root, form[i + 2:], by_name=True)
    if len(form) >= 2 and form[-1] in BODIES:
        represented.add(root, form[:-1], by_name=True)
