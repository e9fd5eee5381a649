"""Names a release gives in a list ("Rallies were held in Cardiff, Swansea, Wrexham, Aberystwyth
and Bangor"). A figure is not a listed place's own: not one beside the whole list ("Hundreds of
schools are expected to close …, with rallies planned in Cardiff, Swansea, Wrexham and
Carmarthen" for "How many schools in Wrexham closed?"), nor one beside another of the list
("Around 3,000 teachers … marched from Cardiff Central station" for the rally in Aberystwyth)."""

from __future__ import annotations

import re

from .analysis import analyse

# A name of up to three capitalised words ("Rhondda Cynon Taf", "Neath Port Talbot").
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}"
# Three names or more, with commas between and "and" or "or" before the last.
_LIST = re.compile(rf"\b{_NAME}(?:\s*,\s*{_NAME})+\s*,?\s+(?:and|or)\s+{_NAME}\b")
_ITEM = re.compile(_NAME)


def lists(text: str) -> list[list[frozenset[str]]]:
    """The lists of three names or more in `text`, each name as its indexed terms."""
    return [[frozenset(analyse(m.group())) for m in _ITEM.finditer(found.group())]
            for found in _LIST.finditer(text)]


def unlisted(text: str) -> str:
    """`text` without its lists of names: what it says of one name alone."""
    return _LIST.sub(" ", text)


def siblings(term: str, text: str) -> set[frozenset[str]]:
    """The names (as indexed terms) `text` lists together with the name holding `term`."""
    return {item for items in lists(text) if any(term in item for item in items) for item in items if term not in item}


def beside_another(term: str, sentence: str, texts: list[str]) -> bool:
    """Whether `sentence`, not naming `term`, names another of a list holding it in `texts` (the
    release's passages): what it says is of that other."""
    told = set(analyse(sentence))
    return term not in told and any(item <= told for text in texts for item in siblings(term, text))
