"""Who a question asks about: the organisation whose statement is wanted.

"What did X say/ask/announce…", "How did X respond…", "Did X call for…",
"X's reaction/survey/ballot…", "according to X", "X members voted…": X is
the speaker, and only X's releases may answer. Any other organisation the
question names ("… about the Welsh Government's draft budget", "… ask the
council to do") is a mention: part of the topic, never a filter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .organisations import Mention

# The question's subject comes right after a question word and an auxiliary:
# "What did [X] say", "How has [X] responded", "Did [X] call for", "Where will the [X] hold".
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[?.!;:]\s*|\b(?:what|how|why|when|where|which|who|whom|whose)\b[^?.;:]*?)"
    r"\b(?:did|does|do|has|have|had|is|are|was|were|will|would|could|should|can|might|must)\s+(?:the\s+)?$",
    re.IGNORECASE)
_ACCORDING = re.compile(r"\b(?:according\s+to|in\s+the\s+words\s+of|said\s+by)\s+(?:the\s+)?$", re.IGNORECASE)
# "[X] said", "[X] members voted", "[X]'s general secretary warned".
_ROLE = (r"(?:members|leaders|delegates|officials|representatives|spokesperson|spokesman|spokeswoman"
         r"|general\s+secretary|secretary|president|director|chief\s+executive|chair|head|executive)")
# Verbs of a statement, in every tense ("say", "said", "is asking", "has called").
_STATEMENTS = (
    r"(?:say(?:s|ing)?|said|ask(?:s|ed|ing)?|announc(?:e|es|ed|ing)|warn(?:s|ed|ing)?|call(?:s|ed|ing)?"
    r"|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|want(?:s|ed|ing)?|respond(?:s|ed|ing)?|react(?:s|ed|ing)?"
    r"|argu(?:e|es|ed|ing)|claim(?:s|ed|ing)?|recommend(?:s|ed|ing)?|propos(?:e|es|ed|ing)|found|find(?:s|ing)?"
    r"|report(?:s|ed|ing)?|welcom(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|vot(?:e|es|ed|ing)|decid(?:e|es|ed|ing)"
    r"|believ(?:e|es|ed|ing)|think(?:s|ing)?|thought|told|tell(?:s|ing)?|agree(?:s|d|ing)?|reject(?:s|ed|ing)?"
    r"|back(?:s|ed|ing)?|oppos(?:e|es|ed|ing)|accept(?:s|ed|ing)?|answer(?:s|ed|ing)?)\b")
_SPEECH_AFTER = re.compile(r"^(?:['’]s\s+" + _ROLE + r"|\s+" + _ROLE + r"|)\s+" + _STATEMENTS, re.IGNORECASE)
# After the subject: a statement ("What did [X] say", "What has [X] been saying"), something
# of X's ("What was [X]'s reaction") or a deed on its own ("Where will [X] hold its conference"),
# rather than a deed others may report ("How much did [X] promise").
_STATEMENT_AFTER = re.compile(r"^(?:['’]s?(?!\w)|\s+(?:been\s+)?" + _STATEMENTS + r"|\s+[\w-]+\s+(?:its|their)\b)",
                              re.IGNORECASE)
# "[X]'s survey", "[X] members", "the [X] ballot": something of X's the question asks about.
_OWNED_AFTER = re.compile(
    r"^(?:['’]s|s?['’])(?!\w)|^\s+(?:[\w-]+\s+){0,2}?(?:members|ballot|survey|conference|congress|manifesto|report"
    r"|response|statement"
    r"|analysis|research|motion|council|executive|president|general\s+secretary|campaign|evidence|submission)\b",
    re.IGNORECASE)
_AND_BEFORE = re.compile(r"^\s*(?:,|and|or|&|,\s*and)\s*(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Speakers:
    """The organisations a question asks about, and the others it only mentions.

    Attributes:
        orgs: The speakers' organisations, the likeliest first (a family's
            preferred member leads); empty when no one is asked about.
        spans: Where the question names them.
        mentioned: The other mentions (topic, not filter).
        firm: False when each speaker is only the subject of a deed others may report
            ("How much did the department promise …?", "Where will X hold …?"), not of a
            statement ("say", "call for"), nor owner or source of what is asked about:
            when the speakers' releases do not cover it, other releases may.
    """

    orgs: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    mentioned: tuple[Mention, ...] = ()
    firm: bool = True


def find_speakers(text: str, mentions: list[Mention]) -> Speakers:
    """Tell the speakers among a question's mentions from the organisations it merely names.

    Args:
        text: The question.
        mentions: The organisations it names (organisations.Directory.find), in order.

    Returns:
        The speakers and the other mentions.
    """
    stating = [i for i, m in enumerate(mentions) if _ACCORDING.search(text[:m.start]) or _SPEECH_AFTER.match(
        text[m.end:]) or (_subject(text, m) and _STATEMENT_AFTER.match(text[m.end:]))]
    speaking = [i for i, m in enumerate(mentions) if i in stating or _subject(text, m)]
    firm = bool(stating) or not speaking
    if not speaking:
        # "X's survey", "X's 2023 ballot": the first organisation owning something the question asks about.
        speaking = [i for i, m in enumerate(mentions) if _OWNED_AFTER.match(text[m.end:])][:1]
    # "What did X and Y say": names joined to a speaker speak too.
    for i in list(speaking):
        j = i + 1
        while j < len(mentions) and _AND_BEFORE.match(text[mentions[j - 1].end:mentions[j].start]):
            if j not in speaking:
                speaking.append(j)
            j += 1
    speaking.sort()
    others = tuple(m for i, m in enumerate(mentions) if i not in speaking)
    named_apart = {o for m in others for o in m.orgs if m.how == "branch"}
    orgs: list[str] = []
    for i in speaking:
        m = mentions[i]
        # "What did NAHT say about NAHT Cymru's call": the body, not the branch it talks about.
        keep = [o for o in m.orgs if not (m.how == "family" and o in named_apart)]
        orgs.extend(o for o in keep if o not in orgs)
    return Speakers(tuple(orgs), tuple((mentions[i].start, mentions[i].end) for i in speaking), others, firm)


def _subject(text: str, m: Mention) -> bool:
    return bool(_SUBJECT_BEFORE.search(text[:m.start]))
