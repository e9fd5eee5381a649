"""Who a question asks about: the organisation whose statement is wanted.

"What did X say/ask/announce…", "How did X respond…", "Did X call for…",
"X's reaction/survey/ballot…", "the president of X", "according to X", "X members voted…": X is
the speaker, and only X's releases may answer. Any other organisation the
question names ("… about the Welsh Government's draft budget", "… ask the
council to do") is a mention: part of the topic, never a filter. Asked only
what X did that others report ("How much did X promise …?"), X's releases are
searched first, and others' when they do not cover it (`Speakers.firm`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .acronyms import ACRONYM
from .organisations import Mention

# The question's subject comes right after a question word and an auxiliary:
# "What did [X] say", "How has [X] responded", "Did [X] call for", "Where will the [X] hold".
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[?.!;:]\s*|\b(?:what|how|why|when|where|which|who|whom|whose)\b[^?.;:]*?)"
    r"\b(?:did|does|do|has|have|had|is|are|was|were|will|would|could|should|can|might|must)\s+(?:the\s+)?$",
    re.IGNORECASE)
_ACCORDING = re.compile(r"\b(?:according\s+to|in\s+the\s+words\s+of|said\s+by|(?:as\s+)?(?:cited|quoted|reported)\s+by)"
                        # ("according to the report of X's conference", "… to a statement from X")
                        r"\s+(?:(?:the|a|an)\s+)?(?:(?:[\w-]+\s+){0,2}?(?:report|account|release|statement|summary)"
                        r"\s+(?:of|from|by|on)\s+(?:the\s+)?)?$", re.IGNORECASE)
# "[X] said", "[X] members voted", "[X]'s general secretary warned", "the manifesto [X] published".
_ROLE = (r"(?:members|leaders|delegates|officials|representatives|spokesperson|spokesman|spokeswoman"
         r"|general\s+secretary|secretary|president|director|chief\s+executive|chair|head|executive)")
_SPEECH_AFTER = re.compile(
    r"^(?:['’]s\s+" + _ROLE + r"|\s+" + _ROLE + r"|)\s+"
    r"(?:say|says|said|ask|asks|asked|announce[sd]?|warn(?:s|ed)?|call(?:s|ed)?|urge[sd]?|demand(?:s|ed)?"
    r"|want(?:s|ed)?|respond(?:s|ed)?|react(?:s|ed)?|argue[sd]?|claim(?:s|ed)?|recommend(?:s|ed)?|propose[sd]?"
    r"|found|find(?:s)?|report(?:s|ed)?|welcome[sd]?|criticis(?:e|es|ed)|vote[sd]?|decide[sd]?|believe[sd]?"
    r"|think(?:s)?|thought|told|tell(?:s)?|agree[sd]?|reject(?:s|ed)?|back(?:s|ed)?|oppose[sd]?|accept(?:s|ed)?"
    r"|answer(?:s|ed)?|publish(?:es|ed)?|issue[sd]?|release[sd]?|launch(?:es|ed)?)\b",
    re.IGNORECASE)
# After the subject, a deed that others may report as well as X ("How much did [X] promise",
# "What did [X] allocate"), rather than a statement or a position ("What did [X] say", "Does [X]
# support", "Where will [X] hold its conference").
_DEED_AFTER = re.compile(
    r"^\s+(?:been\s+)?(?:promis(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|giv(?:e|es|en|ing)|gave|allocat(?:e|es|ed|ing)"
    r"|spen(?:d|ds|t|ding)|fund(?:s|ed|ing)?|provid(?:e|es|ed|ing)|pa(?:y|ys|id|ying)|offer(?:s|ed|ing)?"
    r"|invest(?:s|ed|ing)?|cut(?:s|ting)?|commit(?:s|ted|ting)?|put(?:s|ting)?|set(?:s|ting)?\s+aside"
    r"|earmark(?:s|ed|ing)?|award(?:s|ed|ing)?|grant(?:s|ed|ing)?|represent(?:s|ed|ing)?"
    r"|aim(?:s|ed|ing)?\s+(?:for|to|at)|target(?:s|ed|ing)?)\b",
    re.IGNORECASE)
# "[X]'s survey", "[X] members", "the [X] ballot": something of X's the question asks about.
_OWNED_AFTER = re.compile(
    r"^(?:['’]s|s?['’])(?!\w)|^\s+(?:[\w-]+\s+){0,2}?(?:members|ballot|survey|conference|congress|manifesto|report"
    r"|response|statement"
    r"|analysis|research|motion|council|executive|president|general\s+secretary|campaign|evidence|submission)\b",
    re.IGNORECASE)
# "the president of [X]", "members of the [X]": a role or body of X's the question asks about.
_OWNED_BEFORE = re.compile(
    r"\b(?:members|president|vice[\s-]president|general\s+secretary|secretary|director|chief\s+executive|chair"
    r"|chairman|chairwoman|spokesperson|leader|leaders|conference|congress|executive)\s+(?:of|at)\s+(?:the\s+)?$",
    re.IGNORECASE)
# "the Welsh Government's 2024-25 draft budget", "X's pay offer": a measure of X's that others report and
# weigh ("a cut of around £20m to education grants", in a union's response), not X's statement or its
# own members' survey or ballot.
_MEASURE_AFTER = re.compile(
    r"^(?:['’]s|s?['’])\s+(?:(?!(?:to|of|on|about|for|in|over|with|at)\b)[\w-]+\s+){0,3}?(?:budgets?|plans?"
    r"|strateg(?:y|ies)|targets?|offers?|awards?|settlements?|proposals?|polic(?:y|ies)|reforms?|funding|grants?"
    r"|bills?|programmes?|schemes?|legislation|commitments?|pledges?)\b",
    re.IGNORECASE)
# "the heads' union conference", "NAHT's annual conference": a gathering of the family's.
_GATHERING_AFTER = re.compile(r"^(?:['’]s?)?\s+(?:annual\s+|national\s+|special\s+)?(?:conference|congress)\b",
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
            ("How much did the department promise …?", "What does X represent?"), not of a
            statement or a position ("say", "call for", "support", "hold its conference"),
            nor owner or source of what is asked about (other than of a measure others
            report: "the Government's draft budget"): when the speakers' releases do not
            cover it, other releases may.
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
        text[m.end:])]
    speaking = [i for i, m in enumerate(mentions) if i in stating or _subject(text, m)]
    firm = (bool(stating) or not speaking or not all(_DEED_AFTER.match(text[mentions[i].end:]) for i in speaking)) \
        and not (speaking and all(mentions[i].described for i in speaking))
    if not speaking and not unheard_speakers(text, mentions):
        # "X's survey", "X's 2023 ballot", "the president of X": the first organisation owning
        # something the question asks about (not when someone else is asked what they said:
        # "What did the WLGA say about the Welsh Government's draft budget?").
        speaking = [i for i, m in enumerate(mentions)
                    if _OWNED_AFTER.match(text[m.end:]) or _OWNED_BEFORE.search(text[:m.start])][:1]
    if speaking and all(_MEASURE_AFTER.match(text[mentions[i].end:]) for i in speaking):
        firm = False  # "the Government's draft budget": others report it too
    # "What did X and Y say": names joined to a speaker speak too.
    for i in list(speaking):
        j = i + 1
        while j < len(mentions) and _AND_BEFORE.match(text[mentions[j - 1].end:mentions[j].start]):
            if j not in speaking:
                speaking.append(j)
            j += 1
    speaking.sort()
    others = tuple(m for i, m in enumerate(mentions) if i not in speaking)
    # "What did NAHT Cymru tell the heads' union conference?": the branch's people speak at its
    # family's gathering, which the body's releases report.
    hosts = [o for m in others if m.how == "family" and _GATHERING_AFTER.match(text[m.end:])
             and any(set(m.orgs) & set(mentions[i].orgs) for i in speaking) for o in m.orgs]
    named_apart = {o for m in others for o in m.orgs if m.how == "branch"}
    orgs: list[str] = []
    for i in speaking:
        m = mentions[i]
        # "What did NAHT say about NAHT Cymru's call": the body, not the branch it talks about.
        keep = [o for o in m.orgs if not (m.how == "family" and o in named_apart)]
        orgs.extend(o for o in keep if o not in orgs)
    orgs.extend(o for o in dict.fromkeys(hosts) if o not in orgs)
    return Speakers(tuple(orgs), tuple((mentions[i].start, mentions[i].end) for i in speaking), others, firm)


def _subject(text: str, m: Mention) -> bool:
    return bool(_SUBJECT_BEFORE.search(text[:m.start]))


def unheard_speakers(text: str, mentions: list[Mention]) -> tuple[str, ...]:
    """The names in capitals a question asks what they said ("What did the WLGA say …?", "according
    to UNISON") that are no organisation of the corpus's (none of `mentions`): if the corpus never
    writes them, nor spells them out, it holds nothing they said."""
    spans = [(m.start, m.end) for m in mentions]
    return tuple(dict.fromkeys(
        a.group() for a in ACRONYM.finditer(text) if not any(start <= a.start() < end for start, end in spans)
        and (_ACCORDING.search(text[:a.start()]) or _SPEECH_AFTER.match(text[a.end():]))))
