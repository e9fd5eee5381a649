"""An outcome asked for, and whether the sentences found report one.

"Did the Welsh Government go ahead with the two-week half-term in the end?",
"What was the result of the consultation of members?", "What did the
taskforce recommend in its final report?", "What did the working group
recommend?" ask how something turned out. A
release announcing it, with its proposals, its consultation launched or its
strike days suspended "in order to consult members", shares every topic word
with the question and answers none of it: it was written before the outcome.
evidence.py rules such an answer out unless one of the best sentences reports
an outcome in the past tense ("73 per cent … voted to accept", "has decided
not to proceed", "will not be taken forward"). Some outcomes are reported only
in their own words: a request met by the thing asked for being done ("Did the
Government hold the summit X asked for?"), something stopped by its stopping
("When did X call off its action?"), a review's conclusion by what it found,
motions passed by a vote on a motion, a strike by its taking place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Sequence

from .inflections import IRREGULAR

if TYPE_CHECKING:
    from .quoting import Sentence

# How a question asks what came of something. (Not "the decision to cancel the exams": a
# reaction to a decision is asked for there, and the decision is given.)
_ASKS = re.compile(
    r"\b(?:result|outcome)\s+of\b|\bin\s+the\s+end\b|\bfinally\b|\bultimately\b|\beventually\b"
    r"|\bg(?:o|one|oing)\s+ahead\b|\bwent\s+ahead\b|\b(?:go|went)\s+on\s+to\b"
    r"|\bfinal\s+(?:report|decision|recommendations?)\b"
    r"|\bdid\b.*\bvote\s+to\s+(?:accept|reject)\b"
    r"|\bwhat\s+did\s+the\b[^?]*\b(?:review|group|panel|taskforce|task\s+force|commission|inquiry|committee)\b"
    r"[^?]*\b(?:recommend|conclude)\b"
    # "What did the Welsh Government decide after its consultation closed?" (not "What did the
    # conference decide?": what it voted for is in its release)
    r"|\bwhat\s+(?:did|has|have|had)\b[^?]*\bdecided?\b[^?]*\b(?:after|once|following)\b",
    re.IGNORECASE)

# A reaction asked for: "How did UCAC feel when pay was finally devolved?" asks what was said of
# an outcome, which the question gives.
_REACTION = re.compile(r"\bhow\s+did\b.*\b(?:feel|felt|react|respond|view|see)\b|\bwhat\s+did\b.*\b(?:say|think|make)\b"
                       r"|\b(?:view|reaction|response|verdict)\s+(?:of|on|to)\b", re.IGNORECASE)

# How a sentence reports an outcome: a vote, a decision, a finding, in the past tense, or what
# will remain as it is (with a decision said outright, _DECIDED: what will not now happen).
_REPORTS = re.compile(
    r"\b(?:voted|accepted|rejected|decided|confirmed|agreed|approved|backed|endorsed"
    r"|(?:was|were)\s+(?:carried|passed)|adopted|scrapped|dropped|abandoned|shelved|recommended|concluded|went\s+ahead"
    r"|turnout|recommends|concludes)\b|\brecommendations\s+(?:include|are|were)\b|\bmakes?\s+\w+\s+recommendations\b"
    r"|\bnot\s+to\s+take\b|\bwill\s+(?:therefore\s+|now\s+)?(?:remain|stay|follow\s+the\s+existing)\b",
    re.IGNORECASE)


# "Did members go on strike after the ballot?", "Did teachers walk out in 2013?": whether a strike
# took place is asked, not how members voted ("Did heads vote to walk out?" asks that).
_ASKS_STRIKE = re.compile(
    r"^\W*(?:did|have|has|had|were|was)\b(?:(?!\b(?:vote|voted|agree|agreed|back|backed|prepared|willing|ready)\b)"
    r"[^?])*?(?:(?<!\bto\s)|(?<=\bon\sto\s))\b(?:(?:go|went|gone)\s+on\s+strike|walk(?:ed)?\s+out"
    r"|(?:take|took|taken|call|called)\s+(?:strike|industrial)\s+action)\b",
    re.IGNORECASE)
# A strike reported as taking place, called, set for a day, or called off: not a vote for one, nor
# "prepared to go on strike" or "will decide whether to call strike action".
_STRIKE_TAKEN = re.compile(
    r"(?<!\bto\s)\b(?:(?:went|go|goes|going|gone)\s+on\s+strike|walk(?:ed|ing|s)?\s+out|struck|striking"
    r"|(?:took|take|taking|taken)\s+(?:strike|industrial)\s+action\s+(?:on|today|yesterday|this|last)"
    # "the first time that school leaders in Wales have taken industrial action"
    r"|(?:have|has|had)\s+(?:(?:ever|now|already|previously)\s+)?taken\s+(?:strike|industrial)\s+action"
    r"|call(?:ed|s|ing)?\s+(?:strike|industrial)\s+action)\b"
    r"|\bwalkouts?\b|\bon\s+strike\s+(?:on|today|yesterday|this|last)\b|\bstrike\s+days?\b"
    r"|\bdays?\s+of\s+(?:strike|industrial)\s+action\b|\bstrikes?\s+(?:will\s+)?(?:went|go|goes|going)\s+ahead\b"
    r"|\bpicket\s+lines?\b|\b(?:called\s+off|suspended|postponed)\b"
    r"|\b(?:closed|shut)\b[^.]{0,60}\b(?:strike|action)\b",
    re.IGNORECASE)


def asks_strike(question: str) -> bool:
    """Whether `question` asks whether a strike took place ("Did NAHT Cymru members actually go
    on strike after their ballot?"), not how members voted on one."""
    return bool(_ASKS_STRIKE.search(question))


# Something done again ("the re-ballot", "a second ballot"): its outcome is not that of the first.
_AGAIN = re.compile(r"\bre-?(?:ballot|run|vote|consult)\w*|\bsecond\s+(?:ballot|vote|consultation|referendum)\b",
                    re.IGNORECASE)


# A vote's figure asked of something done again ("the turnout when the union re-balloted its
# members"): the re-ballot's outcome, not the first ballot's.
_VOTE_FIGURE = re.compile(r"\b(?:turnout|voted|share|percentage|proportion|majority)\b", re.IGNORECASE)


# "Did the Welsh Government hold the summit that NASUWT Cymru asked for?": whether a request was met.
_ASKS_MET = re.compile(r"^\W*(?:did|has|have|had|was|were)\b(?P<done>[^?]*?)\b(?:that|which)\b[^?]*"
                       r"\b(?:(?:asked|called|pushed|campaigned|lobbied|pressed)\s+for|urged|demanded|requested"
                       r"|proposed|wanted)\b", re.IGNORECASE)
# "When did NAHT Cymru call off its action?": when something stopped, which its start does not say.
_ASKS_STOP = re.compile(r"^\W*(?:(?:when|why|how)\s+)?(?:did|has|have|had|was|were)\b"
                        r"(?:(?!\b(?:when|after|before|while|whose|that|which|who|going|will|would"
                        r"|consultation|ballot|vote|survey|poll)\b)[^?])*?"  # (a consultation ends when it closes)
                        r"\b(?:call(?:ed)?\s+off|cancel(?:led|ed)?|suspend(?:ed)?|(?<!\bthe\s)(?<!\bto\s)end(?:ed)?"
                        r"|halt(?:ed)?"
                        r"|lift(?:ed)?|abandon(?:ed)?|scrap(?:ped)?|withdr[ae]w(?:n)?|stop(?:ped)?)\b"
                        r"(?!\s+(?:of|to|up)\b)",
                        re.IGNORECASE)
_STOPPED = re.compile(r"\b(?:called\s+off|cancel(?:led|ed|s|ling)?|cancellation|suspend(?:ed|s|ing)?|suspension"
                      r"|ended|end\s+(?:its|their|the)|halted|lifted|abandoned|scrapped|withdr[ae]wn?|stopped"
                      r"|paused|postponed|no\s+longer|not\s+be\s+rescheduled|(?:will|would)\s+(?:end|stop|cease)"
                      r"|(?:will|would|is|are)\s+not\s+(?:now\s+)?(?:go(?:ing)?\s+ahead|take\s+place|be\s+held)"
                      r"|there\s+will\s+be\s+no)\b",
                      re.IGNORECASE)
# "Which motions were passed at the conference?": what its delegates voted for.
_ASKS_MOTION = re.compile(r"\b(?:motions?|resolutions?|amendments?)\b[^?]*\b(?:passed|carried|approved|adopted"
                          r"|backed)\b", re.IGNORECASE)
_MOTION = re.compile(r"\b(?:motions?|resolutions?|amendments?|delegates)\b", re.IGNORECASE)
# What a review found asked for: "What did the review of school spending conclude?".
_ASKS_FINDING = re.compile(r"\bwhat\s+did\s+the\b[^?]*\b(?P<body>review|evaluation|group|panel|taskforce|task\s+force"
                           r"|commission|inquiry|committee)\b[^?]*\b(?:recommend|conclude|find)\b",
                           re.IGNORECASE)
_FINDS = re.compile(r"\b(?:recommend(?:s|ed)|conclu(?:des|ded)|found|finds)\b"
                    r"|\b(?:findings|conclusions)\s+(?:show|shows|showed|suggest|suggested|include|included)\b"
                    r"|\brecommendations\s+(?:include|are|were)\b|\bmakes?\s+\w+\s+recommendations\b", re.IGNORECASE)
# A result said only as a condition ("if members backed action, it would consider a ballot", "whatever
# the review body recommends will be funded"), or a vote to hold what is asked about ("delegates voted to
# hold an indicative ballot"): not one.
_CONDITION = re.compile(r"\b(?:if|unless|whether|should|whatever|whichever)\b[^,.;:]*"
                        r"|\bvoted\s+(?:to|for)\s+(?:hold|launch|open|run|call|begin|start|conduct"
                        r"|ballot|consult)\w*\b", re.IGNORECASE)


def asks_outcome(question: str) -> bool:
    """Whether `question` asks how something turned out ("Did X go ahead with Y?", "What was the
    result of the ballot?", "What did the taskforce recommend in its final report?", "Did the
    Government hold the summit that X asked for?", "When did X call off its action?")."""
    return (bool(_ASKS.search(question) or _ASKS_MET.search(question) or _ASKS_STOP.search(question)
                 or _ASKS_FINDING.search(question) or _ASKS_MOTION.search(question)
                 or _AGAIN.search(question) and _VOTE_FIGURE.search(question))
            or asks_strike(question)) and not _REACTION.search(question)


# An outcome as the time something was said: "… when the result of its strike ballot came in".
_WHEN_OUTCOME = re.compile(r"\b(?:when|after|once)\b[^?]*\b(?:result|outcome)s?\b", re.IGNORECASE)


def reacts_to_outcome(question: str) -> bool:
    """Whether `question` asks what was said when something turned out ("What did the heads'
    union say when the result of its strike ballot came in?"): the release reporting the outcome
    says it, not the one announcing the ballot. (Not what was said about a result: "What did NAHT
    say about the result of its ballot in England?" is answered by its statement on it, whether or
    not a sentence of it gives the result.)"""
    return bool(_REACTION.search(question) and _WHEN_OUTCOME.search(question))


def reports_outcome(sentence: str) -> bool:
    """Whether `sentence` reports how something turned out ("73 per cent of members voted to
    accept the offer"; "The proposals will not be taken forward"), rather than what is proposed,
    planned or still to be decided ("Under the proposals, the summer holiday would be shortened")."""
    said = _CONDITION.sub(" ", sentence)
    return bool(_REPORTS.search(said) or _DECIDED.search(said))


# A decision said outright, as the rest of a release says one away from the words of the question
# ("has confirmed that there will be no changes to the structure of the school year"); not a
# vote's share, nor what a body "recommends" every year.
_DECIDED = re.compile(
    r"\b(?:has|have|had)\s+(?:(?:now|therefore|also|today|formally)\s+)?(?:decided|confirmed|agreed|accepted"
    r"|rejected|approved|scrapped|dropped|abandoned|shelved)\b"
    r"|\b(?:will|would|is|are)\s+not\s+(?:now\s+)?(?:be\s+)?(?:go(?:ing)?\s+ahead|proceed(?:ing)?|taken\s+forward)\b"
    r"|\b(?:will|is|are)\s+not\s+(?:now\s+)?(?:be\s+)?change[ds]?\b"
    r"|\bnot\s+to\s+(?:proceed|go\s+ahead)\b|\bdecision\s+(?:to|not)\b"
    # ("there would be no change to the number of teaching days" is what a proposal would do)
    r"|(?<!would\sbe\s)(?<!could\sbe\s)\bno\s+changes?\s+(?:will\s+be\s+made\b|to\b)|\bwill\s+go\s+ahead\b",
    re.IGNORECASE)


def said_outright(sentence: str) -> bool:
    """Whether `sentence` says outright that something was decided (_DECIDED), not as a condition."""
    return bool(_DECIDED.search(_CONDITION.sub(" ", sentence)))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.lower()))


def own_words(question: str) -> "Callable[[str], bool] | None":
    """For an outcome reported only in its own words, whether a sentence reports it: for a strike,
    its taking place, being set for a day or called off ("teachers walked out"), not the vote for it
    ("70.1% backed strike action"); for something stopped, its stopping; for motions, a vote on a
    motion; for what a review found, that body's finding ("The review recommended …", "Its findings
    show …"), not another's; for a request met, the thing asked for said done ("held a behaviour
    summit") or decided on; for something done again ("the re-ballot"), a report naming it so, not
    the first one's result. None for other questions."""
    if asks_strike(question):
        return lambda s: bool(_STRIKE_TAKEN.search(s))
    if _ASKS_STOP.search(question):
        return lambda s: bool(_STOPPED.search(s))
    if _ASKS_MOTION.search(question):
        return lambda s: reports_outcome(s) and bool(_MOTION.search(s))
    finding = _ASKS_FINDING.search(question)
    if finding:
        body = re.compile(rf"\b{finding.group('body')}\b|^\W*(?:its|it|they|their)\b", re.IGNORECASE)
        return lambda s: bool(_FINDS.search(s) and body.search(s))
    met = _ASKS_MET.search(question)
    if met:
        said = re.findall(r"[^\W\d_]+", met.group("done").lower())
        done = {f for w in said for f in IRREGULAR.get(w, ())}
        thing = set(said[-2:])  # "… the national behaviour *summit*"
        return lambda s: bool(thing & _words(s)) and (bool(done & _words(s)) or said_outright(s))
    if _AGAIN.search(question):
        return lambda s: reports_outcome(s) and bool(_AGAIN.search(s))
    return None


def decided_in(question: str, sentence: str) -> bool:
    """Whether `sentence`, of the rest of the leading release, says outright how what `question`
    asks about turned out: in its own words (own_words: "called off", "voted in the re-ballot"),
    else a decision said outright."""
    return (own_words(question) or said_outright)(sentence)


def outcome_reported(question: str, sentences: Sequence[str]) -> bool:
    """Whether one of `sentences` reports how what `question` asks about turned out: in its own
    words where it has them (own_words), else any outcome (reports_outcome)."""
    reports = own_words(question) or reports_outcome
    return any(reports(s) for s in sentences)


def outcome_first(group: "Sequence[Sentence]") -> tuple:
    """Quotes reporting how something turned out first ("The school year will therefore follow
    the existing pattern"), then by their best sentence's score: asked whether the Government
    went ahead, the proposals it consulted on say least."""
    return (not any(reports_outcome(s.text) for s in group), -max(s.score for s in group), group[0].rank)
