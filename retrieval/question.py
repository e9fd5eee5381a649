"""Reading a question: its search terms and the words that must be covered.

Press-release questions are mostly "what did X say/ask about Y (in Z)". X,
the speaker (speaker.py), steers the search to X's releases and Z
(timeframe.py) to a window of dates; neither is a topic. "say"/"ask" frame
the question and are not topics either; Y is what the corpus must cover for
an answer. `read_question` puts the stages together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from .analysis import STOPWORDS, analyse, figure_term, fold, in_figure, stem, words
from .answertype import (CHANGE_WORDS, DATE_WORDS, NAMED_PLACE, SURVEY_WORDS, UNQUALIFYING, answering_who,
                         asks_deadline, asks_participants, asks_school, asks_share, asks_start, asks_title, asks_venue,
                         asks_when_to_happen, asks_yes_or_no, counted_heads, counts_surveyed, dates_called_for,
                         expected_type, figure_beside, figure_focus, gives_deadline, gives_participants,
                         gives_respondents_share, gives_share, gives_start, gives_venue, gives_voters_share,
                         names_counted, offers, respondents_said, score_holders, score_subject)
from .comparison import asks_comparison
from .contrast import contrasted, names_other
from .english import other_spellings
from .everyday import EVERYDAY
from .inflections import IRREGULAR
from .membership import asks_membership, gives_membership, names_members, speaks_of_members
from .openings import HEDGES, WHAT_COST
from .phrasal import phrasal
from .roles import role_focus
from .sums import asks_funding, asks_money, gives_cost, gives_money, gives_rate, rate_unit
from .timeframe import TimeFrame
from .welsh_places import WELSH_PLACES
from .year_named import asks_what_was_to_come, named_for_year

if TYPE_CHECKING:
    import datetime as dt

    from .organisations import Directory

# Stems of words that frame a question about a release rather than name its topic.
FRAMING = frozenset(
    stem(w)
    for w in """
    say said says tell told think thought ask asked asking want wanted wants know mention mentioned state stated
    describe described explain explained talk talked speak spoke discuss discussed comment commented
    release releases press statement statements news anything something thing things view views position
    opinion stance respond response react reaction happen happened organisation organization union go going goes
    get gets got done doing getting become became becomes becoming
    anybody anyone somebody someone everybody everyone nobody actually really still even lots lot loads heaps
    tons according originally initially supposed meant much far ever soon willing due big
    announce announced announces announcing rate rates like proper properly altogether idea ideas
    """.split()
)

# Words that, right after "how"/"what"/"which", shape the question rather
# than name its topic ("how many", "what kind of", "which year").
_WH_FOLLOWERS = frozenset(
    """many much long old far often type types kind kinds sort sorts name names term example examples number
    amount year years proportion percentage share fraction large big high small strongly heavily decisively
    overwhelmingly solidly""".split()
)
_WH = re.compile(r"\b(?:how|what|which)\s+([^\W_]+)")
# "Who was named (as) …?", "… has been named …": appointed to what follows.
_WHO_NAMED = re.compile(r"^\W*who\s+(?:was|were|is|has\s+been|had\s+been|will\s+be)\s+named\b")
# A hedge before "how many" shapes the question too ("Roughly how many members …?"); elsewhere
# it may be the topic's ("nearly incompressible flow").
_HEDGE = re.compile(r"\b(" + "|".join(HEDGES) + r")\s+how\b")
# "In which seaside town …": the kind of place asked for, and what it is like, shape the question.
_WH_PLACE = re.compile(r"\b(?:which|what)\s+(?:[^\W\d_]+\s+)?"
                       r"(?:town|city|village|venue|building|hall|hotel|county)s?"
                       r"(?:\s+(?:and|or)\s+(?:towns?|city|cities|villages?))?\b"
                       r"|\b(?:which|what)\s+places\b|\b(?:in|at)\s+(?:which|what)\s+place\b")

# "What did X say / think … about *Y*?", "What was X's view on *Y*?", "How did X respond to *Y*?",
# "How many teachers did X survey about *Y*?": what is asked of is Y.
_SAID_ABOUT = re.compile(r"\b(?:(?:say|said|says|saying|think|thought|thinks|warn|warned|argue|argued|claim|claimed"
                         r"|feel|felt|complain|complained)\b.*?\babout|(?:view|views|position|stance|verdict)\s+"
                         r"(?:on|of)|(?:respond|responded|react|reacted|response|reaction)\s+to"
                         r"|\b(?:did|does|do)\s+(?:(?![\w-]*['’]s\b|\d)[\w'’-]+\s+){1,3}?(?:survey|poll|consult)\s+"
                         r"(?:(?:its|their|the)\s+[^\W\d_]+\s+)?(?:about|on)"
                         r"|(?:surveyed|polled|consulted)\s+(?:(?:its|their|the)\s+[^\W\d_]+\s+)?(?:about|on)"
                         # "NEU Cymru's survey on changing the school year": what a survey was on, said right after it
                         r"|(?:survey|poll|consultation)\s+(?:on|about|into))"
                         r"\s+(?P<y>\S.*)$", re.IGNORECASE | re.DOTALL)
# Where something was said, its speaker's own: "in its 2013 annual report", "at their conference".
_SAID_IN_OWN = re.compile(r"\s+(?:in|at)\s+(?:its|their|his|her)\s+(?:[^\s?]+\s+){0,4}?(?:reports?|speech|address"
                          r"|response|manifesto|evidence|statement|submission|conference|survey|review|budget"
                          r"|briefing|letter)\b", re.IGNORECASE)
# "What share voted *to accept* the offer / *for* strike action / *yes*?": what was voted for.
_VOTED_FOR = re.compile(r"\bvot(?:ed|es|e|ing)\s+(?:(?P<yes>yes|in\s+favou?r)\b|to\s+(?P<verb>[^\W\d_]+)"
                        r"|for\s+(?P<what>[^\W\d_]+))", re.IGNORECASE)
# How a release says members voted for what was balloted on.
_VOTED_YES = tuple(stem(w) for w in ("yes", "favour", "favor", "backed", "supported", "support", "accept"))

# Taking part "in" something names what, not where: "took part in the National Education Workforce Survey".
_PART_IN = frozenset(("part", "participated", "participating", "involved", "engaged", "enrolled"))
# A name after a word and "in" or "at" ("schools in Torfaen", "pupils at Ysgol Bryn Derw"): a place.
_IN_PLACE = re.compile(r"\b([^\W\d_]+)\s+(?:in|at)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")
# Whose turnout a turnout is: "the turnout … among members in Northern Ireland" is theirs.
_TURNOUT_OF = frozenset(stem(w) for w in ("turnout", "members", "voters", "ballot"))
# Where those counted are: "How many of the members … were based in Ceredigion?"
_BASED_IN = re.compile(r"\b(?:based|working|work|employed|located|teaching|living|live)\s+in\s+(?:the\s+)?"
                       r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")
# Where those counted gathered, of what is held in many places at once: "How many people attended the
# strike rally in Wrexham?" is answered beside Wrexham, not by the march in Cardiff (not "the
# conference in Birmingham", held in one place, named once).
_RALLY_IN = re.compile(r"\b(?:rally|rallies|march|marches|protest|protests|demonstrations?|pickets?|picket\s+lines?"
                       r"|vigils?)\s+(?:in|at)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")
# A possessive before a name in capitals ends a name: "Wales's PISA results" (not "Children's Commissioner").
_POSSESSIVE = re.compile(r"(?<=\w)['’]s?\s+(?=[A-Z]{2,}\b)")
# A school or hall named after "at" or "in" ("the attendance rate at Ysgol Gyfun Gŵyr"): a figure
# asked for there is that place's, whatever it counts.
_AT_NAMED_PLACE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?(" + NAMED_PLACE.pattern + ")")
# A council named by its place ("Powys council", "Cardiff County Council"): a figure of it is its place's.
_COUNCIL = re.compile(r"\b([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*?)(?:\s+(?:County|Borough|City|county|borough|city))*"
                      r"\s+(?:[Cc]ouncil|[Aa]uthority)\b")
# A run of capitalised words, with small words between ("the Welsh Language and Education Bill",
# "the Curriculum for Wales"): a name.
_NAME_RUN = re.compile(r"(?<=\s)[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the|in|on)\s+)?[A-Z][\w’'-]*)+")

# "Why …?" asks for reasons: the words a release gives them in, searched for as framing words are.
_WHY = re.compile(r"^\W*why\b", re.IGNORECASE)
_REASONS = tuple(stem(w) for w in ("reason", "because", "cause", "due", "driven", "cited"))
# "How old is …?" asks for an age: "the average age of headteachers rose to 48.9 years".
_HOW_OLD = re.compile(r"\bhow\s+old\b", re.IGNORECASE)
_AGE_STEM = stem("age")
_TURNOUT = stem("turnout")

# A person's title, which releases put before a first name ("Professor Graham Donaldson") that a
# question leaves out ("Professor Donaldson's review").
_TITLES = frozenset(stem(w) for w in ("professor", "prof", "dr", "mr", "mrs", "ms", "miss", "sir", "dame", "lord",
                                      "lady", "baroness", "cllr", "councillor"))


def _without_title(terms: tuple[str, ...]) -> tuple[str, ...]:
    """A name's indexed terms, a person's title before it left out."""
    return terms[1:] if terms and terms[0] in _TITLES else terms


# Periods a question may name by what they are of ("the school year", "the academic year", "the
# school day"), the stems.
_PERIODS = frozenset(stem(w) for w in ("year", "term", "day", "week", "month", "session"))

# Words a release uses for what a question calls asking: question word -> release words.
_ASKING: dict[str, tuple[str, ...]] = {
    "ask": ("call", "urge", "demand", "request", "challenge", "appeal"),
    "want": ("call", "urge", "demand"),
    "demand": ("call", "urge"),
    "request": ("call", "urge"),
    "propose": ("call", "motion"),
    "say": ("warn",),
    "worry": ("concern", "warn"),
    "concern": ("warn", "worry"),
    "money": ("fund", "funding", "investment", "cash"),
    "funding": ("fund", "investment", "cash"),
}


def _by_stem(*tables: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """{question stem: release stems} merged from word tables (words of one stem pooled, itself left out)."""
    out: dict[str, tuple[str, ...]] = {}
    for table in tables:
        for word, others in table.items():
            key = stem(word)
            out[key] = tuple(dict.fromkeys((*out.get(key, ()), *(s for s in map(stem, others) if s != key))))
    return out


# question stem -> the release stems that count as it (expansions: half weight when quoting)
EXPANSIONS: dict[str, tuple[str, ...]] = _by_stem(_ASKING, EVERYDAY, IRREGULAR, WELSH_PLACES)


# A capitalised word inside the question, or a token with a digit: names,
# places and figures ("Ceredigion", "Bryn Derw", "4.8%", "£12m", "2016-17").
_AGE = re.compile(r"[-\s]years?[-\s]olds?\b", re.IGNORECASE)
# A span of years naming a term of office ("by the end of the 2021-26 Senedd term"): releases say
# "the next Senedd term", not the span.
_TERM_OF = re.compile(r"\s+(?:(?:Senedd|Assembly|parliamentary|council)\s+)?(?:term|parliament)\b", re.IGNORECASE)
# A name in capitals ("PISA", "GCSEs"), read after a blank, where _NAMED needs a word before it.
_CAPITALS = re.compile(r"[A-Z]{2,}s?\b")
# Which of an organisation's bodies, said beside its name: "the UK-wide NAHT", "NAHT's UK conference".
_SCOPE = re.compile(r"UK(?:-wide)?|Wales-wide|national", re.IGNORECASE)
_NAMED = re.compile(r"(?<=[\w,;:’'\"”)]\s)[A-Z][\w’'-]*|[£$€]?\d[\d.,]*(?:[-–/]\d+)?(?:%|[a-z]{1,2}\b)?")


# Words for whom a sum is given each of, one as good as another: "per child", "per pupil", "per head".
PER_PERSON = frozenset(stem(w) for w in ("child", "children", "pupil", "learner", "student", "kid", "head", "capita",
                                         "person", "people"))


@dataclass(frozen=True)
class TermGroup:
    """A stem of the question and the release words that count as it."""

    stem: str
    variants: tuple[str, ...]
    core: bool  # names the topic (not a framing word like "say")
    unheard: bool = False  # the corpus never uses the stem: its variants count in full for it
    answers: bool = False  # says what is asked for ("reason" of "Why …?"): in full when quoting, not a topic


@dataclass(frozen=True)
class Question:
    """An analysed question.

    Attributes:
        text: The question as asked.
        groups: Its stems with their expansions; the speaker's name and the
            words saying when left out.
        speakers: The organisations whose statements it asks about (speaker.py),
            the likeliest first.
        time: When it is about (timeframe.py).
        terms: Search terms for BM25 (see `search_terms`).
        analysed: Its stems in order, the same words left out.
        left_out: Spans of the text that name the speakers and the time.
        organisations: Spans of the text that name other organisations (topic words, but
            not names a release must hold: a release from one need not spell it out).
        speakers_firm: False when the speakers only did what is asked about ("How much
            did X promise?"): other releases may report it (speaker.Speakers.firm).
        indexed: Its initialisms that the corpus writes as such ("raac"), each with the stems
            of the name the corpus spells it out as, if any ("addit", "learn", "need" for "aln"):
            a release about one writes it one way or the other (set by the engine).
        named_in: Of the names its subject holds (`subject_names`), those the corpus uses, each
            with the documents that hold it (set by the engine).
        for_year_in: For each thing it names by the year it is for (`for_year`), the documents
            naming it so (set by the engine).
        unheard_speakers: The names in capitals it asks what they said that are no organisation
            of the corpus's ("What did the WLGA say …?": speaker.unheard_speakers).
        spelt_speaker: For such a name the corpus only spells out ("Welsh Local Government
            Association"), the stems of that name: no organisation of the corpus's, it speaks only in
            the releases that name it (set by acronyms.spell_out).
    """

    text: str
    groups: tuple[TermGroup, ...]
    speakers: tuple[str, ...] = ()
    time: TimeFrame = TimeFrame()
    terms: tuple[str, ...] = ()
    analysed: tuple[str, ...] = ()
    left_out: tuple[tuple[int, int], ...] = ()
    organisations: tuple[tuple[int, int], ...] = ()
    speakers_firm: bool = True
    indexed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    named_in: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = ()
    for_year_in: tuple[frozenset[str], ...] = ()
    unheard_speakers: tuple[str, ...] = ()
    spelt_speaker: tuple[str, ...] = ()

    # Needed for quoting only, so worked out on first use.
    @cached_property
    def expects(self) -> str | None:
        """The kind of answer asked for ("date", "number", "name"), if any."""
        return expected_type(self.text)

    @cached_property
    def yes_or_no(self) -> bool:
        """Whether it asks yes or no ("Did heads vote to strike?")."""
        return asks_yes_or_no(self.text)

    @cached_property
    def comparison(self) -> bool:
        """Whether it asks yes or no of a comparison ("Are there more classroom assistants than teachers?")."""
        return asks_comparison(self.text)

    @cached_property
    def share(self) -> bool:
        """Whether it asks for a percentage or proportion ("What proportion of heads …?")."""
        return asks_share(self.text)

    @cached_property
    def per_unit(self) -> frozenset[str]:
        """For a sum asked for each of something ("How much per meal …?"), the stems that name it
        (with the words that count as it: "child", "pupil"), else none."""
        variants = {g.stem: g.variants for g in self.groups}
        units = {v for word in rate_unit(self.text) for v in variants.get(stem(word), (stem(word),))}
        # for each child, a sum is given per pupil, per learner or per head
        return frozenset(units | PER_PERSON if not units.isdisjoint(PER_PERSON) else units)

    @cached_property
    def school(self) -> bool:
        """Whether it asks which school ("Which school in Maesteg did …?"): a place by its name."""
        return self.expects == "place" and asks_school(self.text)

    @cached_property
    def venue(self) -> bool:
        """Whether it asks which venue ("Which venue in Llandudno hosted …?"): a place by its name, not a town."""
        return self.expects == "place" and asks_venue(self.text)

    @cached_property
    def participants(self) -> bool:
        """Whether it asks how many took part or answered ("How many members took part?")."""
        return asks_participants(self.text)

    @cached_property
    def membership(self) -> bool:
        """Whether it asks how many members an organisation has ("How many members does UCAC have?")."""
        return self.expects == "number" and asks_membership(self.text)

    @cached_property
    def answering(self) -> frozenset[str]:
        """For a count of those who answered, the stems of who they are, with the words that count
        as them ("How many parents responded?": parents, families, carers); else none."""
        variants = {g.stem: g.variants for g in self.groups}
        return frozenset(v for word in answering_who(self.text) for v in variants.get(stem(word), (stem(word),)))

    @cached_property
    def costing(self) -> bool:
        """Whether it asks what something costs ("What is the total cost of the award?", "How much
        will X cost?"): a sum given beside a word for its cost."""
        return self.money and bool(_ASKS_COST.search(self.text))

    @cached_property
    def money(self) -> bool:
        """Whether it asks for a sum of money ("How much did the academy cost?")."""
        return asks_money(self.text)

    @cached_property
    def person_speaking(self) -> tuple[str, ...]:
        """For "What did Kirsty Williams say about …?", the stems of the person's name, named in
        two or three capitalised words (organisations left out: "What did NAHT Cymru say …?")."""
        m = _PERSON_SAID.match(blank(self.text, (*self.left_out, *self.organisations)))
        return tuple(analyse(m.group("name"))) if m else ()

    @cached_property
    def funding(self) -> bool:
        """Whether it asks for a sum of funding ("How much was set aside for …?", sums.asks_funding)."""
        return self.money and asks_funding(self.text)

    @cached_property
    def deadline(self) -> bool:
        """Whether it asks for a closing date ("When was the deadline for responses?")."""
        return self.expects == "date" and asks_deadline(self.text)

    @cached_property
    def starting(self) -> bool:
        """Whether it asks for a starting date ("On what date did the action short of strike begin?")."""
        return self.expects == "date" and not self.deadline and asks_start(self.text)

    def gives_bound(self, sentence: str) -> bool:
        """Whether `sentence` gives the closing date asked for ("The consultation closes on 12
        February 2024") or the starting date ("From Monday 17 April 2023, members will …"): either
        may share no word with the question."""
        return gives_deadline(sentence) if self.deadline else self.starting and gives_start(sentence)

    @cached_property
    def title(self) -> bool:
        """Whether it asks what something is called ("What name did X give its manifesto?")."""
        return asks_title(self.text)

    @cached_property
    def focus(self) -> frozenset[str]:
        """The stem of what a question counts ("How many *pupils* …"), with the words that count as it."""
        return self._counting(figure_focus(self.text) if self.expects == "number" else ())

    @cached_property
    def focus_head(self) -> frozenset[str]:
        """For a count of something named in more than one word, the stem of its last word with the
        words that count as it ("How many attendance *fines* …?": fines, penalties); else none."""
        return self._counting(counted_heads(self.text) if self.expects == "number" else ())

    def _counting(self, counted: Sequence[str]) -> frozenset[str]:
        """The stems of the folded words `counted`, with the words that count as them."""
        variants = {g.stem: g.variants for g in self.groups}
        # (a particle read with its word is none of it: "ones" of "little ones", whose first word
        # stands for the children)
        _, particles, renamed = phrasal(self.text)
        particles -= variants.keys()
        stems = [renamed.get(stem(word), stem(word)) for word in counted if stem(word) not in particles]
        words = {v for s in stems for v in variants.get(s, (s,))}
        # and what releases call those ("youngsters": pupils, whom exam releases call candidates),
        # not the question's other words ("deputy heads … a headship": the headship is no head)
        return frozenset({*words, *(x for v in words for x in EXPANSIONS.get(v, ()) if x not in variants)})

    @cached_property
    def counted_kind(self) -> tuple[tuple[str, ...], ...]:
        """For a figure of something named in more than one word ("How many *female* heads …?",
        "… *Welsh-medium* primary schools"), the variants of each word before the last: which of
        the thing is counted."""
        # (not the words for taking part: "How many people *took* part in the survey?")
        counted = figure_focus(self.text) if self.expects == "number" and not self.participants else ()
        variants = {g.stem: g.variants for g in self.groups if g.core and not g.unheard}
        named = [variants[stem(w)] for w in counted
                 if w in self.words and stem(w) in variants and w not in CHANGE_WORDS]
        return tuple(named[:-1])

    @cached_property
    def scored_in(self) -> tuple[tuple[str, ...], ...]:
        """For a score asked for, the variants of each word of what it is of ("What did Wales
        score in *creative thinking*?") and of which of those who scored ("What did *Welsh-medium*
        pupils score …?")."""
        variants = {g.stem: g.variants for g in self.groups if g.core and not g.unheard}
        return tuple(variants[stem(w)] for w in (*score_subject(self.text), *score_holders(self.text))
                     if stem(w) in variants)

    @cached_property
    def score_of(self) -> frozenset[str]:
        """For a score asked for, the stems of what it is of ("reading" of "What was Wales's PISA
        reading score?"), with the words that count as them: its figure stands beside them."""
        variants = {g.stem: g.variants for g in self.groups if g.core}
        return frozenset(v for w in score_subject(self.text) for v in variants.get(stem(w), (stem(w),)))

    @cached_property
    def role(self) -> frozenset[str]:
        """The stems of the role whose holder a "Who was …?" asks for ("president"), with the
        words that count as them."""
        held = role_focus(self.text) if self.expects == "name" else ()
        variants = {g.stem: g.variants for g in self.groups}
        return frozenset(v for word in held for v in variants.get(stem(word), (stem(word),)))

    def offered_by(self, sentence: str, context: str = "", surveyed: bool = False) -> bool:
        """Whether `sentence` offers the kind of answer asked for; for a figure of something
        ("How many pupils …?"), a figure in a sentence that names it ("1,200 pupils", not
        "£6.5m for attendance"), or, for an item of a list, whose introducing paragraph
        (`context`) names it, or, when its release surveyed what is counted (`surveyed`), a
        share of those it asked ("62 per cent had considered leaving")."""
        if not offers(sentence, self.expects, self.words, self.school):
            return False
        if self.venue and not gives_venue(sentence, self.words):
            return False  # "Which venue in Llandudno …?" is not answered by "will hold it in Llandudno"
        if self.expects == "date" and asks_when_to_happen(self.text) and dates_called_for(sentence):
            return False  # "When will …?" is not answered by when someone wants it
        if self.participants and not gives_participants(sentence, self.text, self.words):
            return False  # "How many took part?" is a count, not "82 per cent of those who took part"
        if self.answering and self.answering.isdisjoint(analyse(sentence)) and not names_members(sentence):
            # "How many parents responded?" is not "The consultation received 16,000 responses" (a
            # union's members are whoever it represents: "a survey of 312 members", of school leaders)
            return False
        if self.membership and not (gives_membership(sentence) or figure_beside(sentence, self.focus | _MEMBERSHIP)
                                    and speaks_of_members(sentence) and not gives_share(sentence)):
            return False  # "How many members does UCAC have?" is not "Members of UCAC … 50 per cent threshold"
        if self.money and not gives_money(sentence):
            return False  # "How much did the academy cost?" is not answered by "since 2014" or "412 schools"
        if self.costing and not gives_cost(sentence):
            return False  # "What is the total cost of the award?" is not answered by "a starting salary of £33,636"
        if self.score_of and not self.focus and not figure_beside(sentence, self.score_of):
            return False  # "What was the reading score?" is not "the mathematics score fell to 466"
        if self.per_unit and not gives_rate(sentence, self.per_unit):
            return False  # "How much per meal …?" is not answered by "£25m of capital funding"
        if self.share and not gives_share(sentence):
            return False  # "What proportion …?" is not answered by "One teacher in Wrexham said"
        if self.voted_for and not set(self.voted_for) & set(analyse(sentence)):
            return False  # a turnout, or the share voting for something else, answers another question
        if self.contrasts and names_other(analyse(sentence), self.contrasts, sentence):
            return False  # "£97 million" for primary free school meals, asked about secondary schools
        # (those who voted for something are counted by the share of the voters who did: "Of NEU
        # members in Wales who voted, 92.28 per cent backed strike action" for "How many teachers
        # voted to walk out?")
        stems = [*analyse(sentence), *analyse(context)]
        # (what a thing of more than one word is: "attendance was 88.3 per cent" counts no attendance fines)
        return not self.focus or names_counted(sentence, self.focus, stems, self.share) and (
            not self.focus_head or not self.focus_head.isdisjoint(stems)) \
            or (surveyed and gives_respondents_share(sentence)) \
            or bool(self.voted_for) and gives_voters_share(sentence, self.text)

    def surveyed_share(self, sentence: str) -> bool:
        """Whether `sentence` gives a share of those a survey asked that answers the count asked
        for: one speaking of a topic word of the question other than who is counted or the survey's
        own ("67% said they had considered leaving" for "How many teachers were thinking of
        quitting?"), in what the share is said of (not "released during the conference", for "How
        many delegates attended the conference?"). Not for a sum, a turnout, a rise or a count of
        those who answered."""
        if not self.focus or "much" in self.words or not counts_surveyed(self.focus) or self.participants \
                or not gives_respondents_share(sentence):
            return False
        present = set(analyse(respondents_said(sentence)))
        return any(g.core and g.stem not in (*self.focus, *SURVEY_WORDS) and not present.isdisjoint(g.variants)
                   for g in self.groups)

    @cached_property
    def contrasts(self) -> dict[str, str]:
        """Its stems with a pair that rules them out ("secondary": "primary"; contrast.py)."""
        return contrasted(self.analysed)

    @cached_property
    def voted_for(self) -> tuple[str, ...]:
        """For a figure of those who voted for something ("What share voted to accept the
        offer?", "… voted for strike action?", "… voted yes?"), the stems a sentence giving it
        holds: the word for what was voted for, with the words that count as it, or the words
        for voting yes ("backed", "in favour"). Empty for other questions."""
        m = _VOTED_FOR.search(self.text) if self.expects == "number" else None
        if not m:
            return ()
        if m.group("yes"):
            return _VOTED_YES
        word = stem(fold(m.group("verb") or m.group("what")))
        if word in STOPWORDS:
            return ()
        # and the words it counts as ("strike" for "industrial action", as "industrial" counts for "strike")
        said = (w for w, others in EXPANSIONS.items() if word in others)
        return tuple(dict.fromkeys((*self.variants(word), *EXPANSIONS.get(word, ()), *said)))

    @cached_property
    def qualifiers(self) -> tuple[tuple[str, ...], ...]:
        """For a figure of something, the variants of each other topic word, names and figures
        left out: what says which of it is counted ("physically assaulted" of "How many
        teachers in Wales were physically assaulted?"; "1,380 teachers in Wales" were surveyed).
        The words naming a survey say how it was counted, not which ("in NASUWT's 2025 survey"), nor do
        the words of answertype.UNQUALIFYING or a year's digits ("2018-19")."""
        if not self.focus:
            return ()
        names, figures = self.specifics
        skip = {*self.focus, *names, *figures, *SURVEY_WORDS, *UNQUALIFYING}
        return tuple(g.variants for g in self.groups if g.core and g.stem not in skip and not g.stem.isdigit())

    @cached_property
    def words(self) -> frozenset[str]:
        """The question's folded words (to tell new information from its own)."""
        return frozenset(words(self.text))

    @cached_property
    def bigrams(self) -> frozenset[tuple[str, str]]:
        """Adjacent pairs of its stems, for phrase matches."""
        return frozenset(zip(self.analysed, self.analysed[1:]))

    @cached_property
    def mentioned(self) -> frozenset[str]:
        """The stems of the other organisations it names ("the Welsh Government" in "What does
        UCAC want from the Welsh Government?")."""
        return frozenset(t for a, b in self.organisations for t in analyse(self.text[a:b]))

    @cached_property
    def subject(self) -> tuple[TermGroup, ...]:
        """For "What did X say about Y?", the topic words of Y (with the words that count as
        them): what a release must speak of to say anything about it. Empty for other questions."""
        m = _SAID_ABOUT.search(self.text)
        if not m:
            return ()
        y = blank(self.text, self.left_out)[m.start("y"):]
        # (not where it was said: "… about school banding *in its 2013 annual report*")
        said_in = _SAID_IN_OWN.search(y)
        of_y = set(analyse(y[:said_in.start()] if said_in and said_in.start() else y))
        return tuple(g for g in self.groups if g.core and g.stem in of_y)

    @cached_property
    def _said_of(self) -> tuple[str, int] | None:
        """For "What did X say about Y?", the question with the organisations it names and the
        words saying who and when blanked, and where Y starts in it; None for other questions."""
        m = _SAID_ABOUT.search(self.text)
        return (blank(self.text, (*self.left_out, *self.organisations)), m.start("y")) if m else None

    @cached_property
    def subject_names(self) -> tuple[tuple[str, ...], ...]:
        """For "What did X say about Y?", the names of two or more words in Y ("the Welsh
        Language Education Bill"), as indexed terms in order; the organisations it names left out."""
        if self._said_of is None:
            return ()
        of_y, start = self._said_of
        found = (_without_title(tuple(analyse(part))) for n in _NAME_RUN.finditer(of_y, start)
                 for part in _POSSESSIVE.split(n.group()))
        # (A run repeating its word is no name: "made in Wales for Wales".)
        return tuple(dict.fromkeys(terms for terms in found if len(set(terms)) == len(terms) >= 2))

    @cached_property
    def subject_periods(self) -> tuple[tuple[str, str], ...]:
        """For "What did X say about Y?", each period Y names by what it is of ("the proposed
        changes to the *school year*", "the *school day*"), as the stems of the two words; the
        organisations it names left out. Every release speaks of years and schools: only the
        two together say what Y is."""
        if self._said_of is None:
            return ()
        of_y, start = self._said_of
        core = {g.stem for g in self.groups if g.core}
        said = [None if w in STOPWORDS else stem(w) for w in words(of_y[start:])]
        return tuple(dict.fromkeys((a, b) for a, b in zip(said, said[1:])
                                   if b in _PERIODS and a in core and a not in _PERIODS and not in_figure(a)))

    @cached_property
    def for_year(self) -> tuple[tuple[tuple[str, ...], tuple[int, int]], ...]:
        """Each thing it names by the year it is for ("the draft budget for 2023-24"), as the stems
        of its words and the span's years (year_named.named_for_year); none when it asks what was
        still to come ("When was the Final Budget for 2015-16 due to be published?")."""
        return () if asks_what_was_to_come(self.text) else named_for_year(self.text)

    @cached_property
    def asked(self) -> frozenset[str]:
        """The stems of all its words and the words that count as them."""
        return frozenset(v for g in self.groups for v in g.variants)

    @cached_property
    def topic_stems(self) -> frozenset[str]:
        """The stems of its topic words and the words that count as them."""
        return frozenset(v for g in self.groups if g.core for v in g.variants)

    @cached_property
    def specifics(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The names and the figures the question asks about, as indexed terms: capitalised
        words inside it ("Ceredigion", "Bryn Derw") and tokens with digits ("2016-17" as one
        term "2016_17", "£12m"), its speaker and time left out."""
        names: list[str] = []
        figures: list[str] = []
        for m in self._named:
            word = m.group()
            if fold(word) in STOPWORDS or fold(word) in DATE_WORDS:
                continue  # a month or a feast dates something ("by June 2022"): it names nothing
            if _SCOPE.fullmatch(word) and self.beside_speaker(m.start(), m.end()):
                continue  # "the UK-wide NAHT", "NAHT's UK conference": which of the speaker's bodies
            if "-" in word and not any(ch.isdigit() for ch in word):
                # Of "Welsh-speaking", "U-turn", "Pen-y-Bryn": the capitalised parts are names.
                word = " ".join(part for part in word.split("-") if len(part) > 1 and part[0].isupper())
                if not word:
                    continue
            terms = analyse(word) or [fold(word)]
            if _AGE.match(self.text, m.end()) or _TERM_OF.match(self.text, m.end()):
                continue  # "16-year-olds", "the 2021-26 Senedd term": not a figure a release must give
            figure = [t for t in terms if in_figure(t)]
            if figure and any(ch.isdigit() for ch in word):
                figures.append(figure_term(figure))  # "2026-27" whole: not 2026 and 27 anywhere
                names.extend(t for t in terms if not in_figure(t))  # "Covid" of "Covid-19"
            else:
                names.extend(terms)
        return tuple(dict.fromkeys(names)), tuple(dict.fromkeys(figures))

    @cached_property
    def _named(self) -> list[re.Match[str]]:
        """Its capitalised words and figures (_NAMED) outside the organisations' names and the words
        saying when; and a name in capitals right after the words saying when ("the 2015 PISA
        results"), which _NAMED misses where they are blanked. (Not a word only capitalised: "the
        2021 Senedd vote" is an election, said as much by "the Senedd election".)"""
        text = blank(self.text, (*self.left_out, *self.organisations))
        found = list(_NAMED.finditer(text))
        starts = {m.start() for m in found}
        after = (_CAPITALS.match(text, b + len(text[b:]) - len(text[b:].lstrip())) for _, b in self.time.spans)
        return sorted([*found, *(m for m in after if m and m.start() not in starts)], key=lambda m: m.start())

    def beside_speaker(self, start: int, end: int) -> bool:
        """Whether the text from `start` to `end` stands next to the speaker's name (a possessive
        or a space between them)."""
        return any(0 <= start - b <= 3 or 0 <= a - end <= 1 for a, b in self.left_out)

    @cached_property
    def counted_in(self) -> frozenset[str]:
        """For a figure of something in a place ("How many schools in Torfaen …?", "… members in
        Northern Ireland", "… members were based in Ceredigion"), of a place's council ("How
        much did the meals cost Powys council?"), at a school or hall named ("the attendance rate
        at Ysgol Gyfun Gŵyr") or at a rally held there ("the strike rally in Wrexham"), the place's
        name as indexed terms; not a place said of something else ("the conference in Birmingham")."""
        of_text = blank(self.text, (*self.left_out, *self.organisations))
        councils = [t for m in (*_COUNCIL.finditer(of_text), *_AT_NAMED_PLACE.finditer(of_text),
                                *_RALLY_IN.finditer(of_text))
                    for t in analyse(m.group(1))] if self.expects == "number" else []
        if not self.focus:
            return frozenset(councils)
        counted = self.focus | _TURNOUT_OF if "turnout" in self.focus else self.focus
        # (not what those counted took part in: "took part in the National Education Workforce Survey")
        return frozenset([*(t for m in _IN_PLACE.finditer(of_text) if stem(fold(m.group(1))) in counted
                            and fold(m.group(1)) not in _PART_IN for t in analyse(m.group(2))),
                          *(t for m in _BASED_IN.finditer(of_text) for t in analyse(m.group(1))), *councils])

    @cached_property
    def initialisms(self) -> frozenset[str]:
        """The names it writes in capitals ("GP", "INSET"; "IDPs", in the plural), as indexed terms: a
        release may spell them out or say them in other words."""
        return frozenset(t for m in self._named if _capitals(m.group()) for t in analyse(m.group()))

    @property
    def core(self) -> tuple[str, ...]:
        """Stems that name the topic: the corpus covers the question when a top
        passage contains (most of) these."""
        return tuple(g.stem for g in self.groups if g.core)

    def variants(self, stem: str) -> tuple[str, ...]:
        """A stem and the release words that count as it."""
        for g in self.groups:
            if g.stem == stem:
                return g.variants
        return (stem,)


def _capitals(word: str) -> bool:
    """Whether `word` is an initialism: two capitals or more, or their plural ("IDPs")."""
    letters = word[:-1] if len(word) > 2 and word.endswith("s") else word
    return len(letters) > 1 and letters.isalpha() and letters.isupper()


def search_terms(groups: tuple[TermGroup, ...]) -> tuple[str, ...]:
    """Search terms for BM25. Topic stems appear twice, so they weigh double
    against expansions and framing words (FTS5 sums its score per phrase); the
    expansions of a topic word the corpus never uses twice, in its place."""
    out: list[str] = []
    for g in groups:
        out.append(g.stem)
        if g.core:
            out.append(g.stem)
        out.extend(v for v in g.variants[1:] if v not in out)
        if g.core and g.unheard:
            out.extend(g.variants[1:])  # standing in for a topic word: its weight
    return tuple(out)


def says_period(text: str, period: tuple[str, str]) -> bool:
    """Whether `text` names `period` (Question.subject_periods) as such, its two words side by
    side ("the school year", "school-year"; not "schools this year")."""
    said = [stem(w) for w in words(text)]
    return any(pair == period for pair in zip(said, said[1:]))


def blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with the characters of `spans` replaced by spaces (offsets kept)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


# Who answered, in "How many people answered the survey?": the survey is the topic. ("Took part"
# stays: its words are the responses counted.)
_TAKING_PART = ("people", "persons", "individuals", "answered", "responded", "replied", "completed")
# What something costs: "What is the total cost of …?", "How much will X cost …?" (answertype.gives_cost).
_ASKS_COST = re.compile(r"\bwhat\s+(?:is|was|will\s+be|would\s+be)\s+the\s+(?:total\s+|full\s+|overall\s+)?cost\b"
                        r"|\bhow\s+much\s+(?:will|would|did|does|do)\b"
                        r"(?!.*\b(?:towards|for|to\s+(?:cover|meet))\s+the\s+costs?\b).*\bcost\b"
                        # (not a sum given "towards the cost of" something, handed over "for the cost of" it)
                        r"|" + WHAT_COST, re.IGNORECASE)
# A person asked what they said, by name: "What did Kirsty Williams say about …?"
_PERSON_SAID = re.compile(r"^\W*(?i:what|how)\s+(?i:did|does|do|has|had|have)\s+"
                          r"(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})\s+"
                          r"(?:say|said|tell|told|think|warn|claim|argue|want|call|describe|mean)\b")
# The words for the members a membership counts ("composed of 50 members", "total membership was 11.4 million").
_MEMBERSHIP = frozenset(("member", "membership"))
# "Which city hosted the conference?": asking where, hosting shapes the question (a release says
# where an event was without saying it was hosted: "The conference, held at …"). ("Held" is kept:
# "the NFL Experience was held at the Moscone Center" is found by it.)
_HOSTING = ("host", "hosts", "hosted", "hosting", "stage", "staged")
# A body described by where it is ("the heads' union in Wales"), and "take place" asked where.
_BODY_IN = re.compile(r"\b(?:union|association|body|federation|organisation|inspectorate|regulator)s?['’]?\s+"
                      r"(?:in|for)\s+([A-Z][a-z]+)\b")
# A body described beside its name: "the heads' union NAHT", "UCAC, the Welsh-medium teachers' union".
_DESCRIBED_BEFORE = re.compile(r"\bthe\s+((?:[\w-]+\s+)?[\w-]+)['’]s?\s+(?:union|association|federation)\s*$",
                               re.IGNORECASE)
_DESCRIBED_AFTER = re.compile(r"\s*,?\s*the\s+((?:[\w-]+\s+)?[\w-]+)['’]s?\s+(?:union|association|federation)\b",
                              re.IGNORECASE)
_TAKE_PLACE = re.compile(r"\bt(?:ake|akes|ook|aken|aking)\s+place\b", re.IGNORECASE)
# "…, published in January 2018?", "the report released by Estyn": publishing said of when or by
# whom shapes the question (a release need not say it was published).
_PUBLISHED = re.compile(r"\b(?:published|released|issued|unveiled)\s*$", re.IGNORECASE)


# A name in capitals, in the plural or not ("GCSEs", "PRU"): stemming leaves the "s" on.
_ACRONYM = re.compile(r"\b([A-Z]{2,})(s?)\b")


def acronym_numbers(text: str) -> dict[str, tuple[str, ...]]:
    """For each name in capitals in `text`, its stem and the stem of its other number: "GCSEs"
    asks of releases writing "GCSE" too, and "PRU" of those writing "PRUs"."""
    out: dict[str, tuple[str, ...]] = {}
    for m in _ACRONYM.finditer(text):
        one = fold(m.group(1))
        said, other = (one + "s", one) if m.group(2) else (one, one + "s")
        out[stem(said)] = (stem(other),)
    return out


def parse_question(text: str, *, speakers: Sequence[str] = (), leave_out: Sequence[tuple[int, int]] = (),
                   time: TimeFrame = TimeFrame(), reasons: bool = True) -> Question:
    """Analyse `text` into search terms and topic words.

    Args:
        text: The question.
        speakers: The organisations it asks about (see speaker.find_speakers).
        leave_out: Spans that are neither search terms nor topic: where it
            names its speakers, and the words that say when.
        time: When it is about.
        reasons: Whether "Why …?" also searches for the words releases give reasons in ("the main
            reason"); not in an undated corpus (abstracts), whose texts explain throughout.

    Returns:
        The analysed question.
    """
    body = blank(text, leave_out)
    analysed = analyse(body)
    stems = list(dict.fromkeys(analysed))
    shaping = {stem(w) for w in _WH.findall(fold(body)) if w in _WH_FOLLOWERS}
    shaping |= {stem(w) for w in _HEDGE.findall(fold(body))}
    if _WHO_NAMED.search(fold(body)):  # "Who was named as X's successor?": named to it, no topic word
        shaping.add(stem("named"))
    shaping |= {stem(w) for m in _WH_PLACE.finditer(fold(body)) for w in m.group().split()[1:]}
    if asks_participants(body):  # "How many people answered the survey?": the survey is the topic
        shaping |= {stem(w) for w in _TAKING_PART}
    # "the heads' union in Wales": where the body is says who, not what (its releases need not name Wales)
    shaping |= {stem(fold(m.group(1))) for m in _BODY_IN.finditer(text)}
    if expected_type(body) == "place":
        shaping |= {stem(w) for w in _HOSTING}
        if _TAKE_PLACE.search(body):  # "Where did the conference take place?": it was held
            shaping |= {stem("take"), stem("place")}
    shaping |= {stem(m.group().split()[0]) for a, _ in leave_out if (m := _PUBLISHED.search(text[:a]))}
    # "the heads' union NAHT", "NAHT, the heads' union,": what the body named beside it is says who, not what
    shaping |= {stem(fold(w)) for a, b in leave_out for m in (_DESCRIBED_BEFORE.search(text[:a]),
                                                              _DESCRIBED_AFTER.match(text[b:])) if m
                for w in re.split(r"[\s-]+", m.group(1))}
    phrases, particles, renamed = phrasal(body)
    stems = list(dict.fromkeys(renamed.get(t, t) for t in stems if t not in particles))
    numbers = acronym_numbers(body)
    # A phrasal verb's words replace the verb's own everyday ones: "kicked out" is excluded, not assaulted.
    groups = tuple(
        TermGroup(t, tuple(dict.fromkeys((t, *numbers.get(t, ()),
                                          *(e for e in phrases.get(t) or EXPANSIONS.get(t, ()) if e not in stems)))),
                  t not in FRAMING and t not in shaping)
        for t in stems
    )
    if reasons and _WHY.match(body) and not any(g.stem in _REASONS for g in groups):
        # "Why are kids skipping school?": a release giving the reasons says so ("the main reason")
        groups = (*groups, TermGroup(_REASONS[0], _REASONS, False, answers=True))
    if _HOW_OLD.search(body) and not any(g.stem == _AGE_STEM for g in groups):
        groups = (*groups, TermGroup(_AGE_STEM, (_AGE_STEM,), False, answers=True))
    if figure_focus(body) == (_TURNOUT,) and not any(g.stem == _TURNOUT for g in groups):
        # "What proportion of members sent back their papers?": a release gives its turnout
        groups = (*groups, TermGroup(_TURNOUT, (_TURNOUT,), False, answers=True))
    return Question(text=text, groups=groups, speakers=tuple(speakers), time=time, terms=search_terms(groups),
                    analysed=tuple(analysed), left_out=tuple(sorted(leave_out)))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition counts once), or limit + 1 beyond `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


_WORD = re.compile(r"[^\W\d_]+")
_LONG_STOPWORDS = tuple(w for w in STOPWORDS if len(w) >= 3)


@lru_cache(maxsize=20_000)
def misspelt_stopword(word: str) -> bool:
    """True for a short word one edit from a function word ("waht", "teh")."""
    return 3 <= len(word) <= 5 and any(
        edit_distance(word, w, 1) <= 1 for w in _LONG_STOPWORDS if abs(len(w) - len(word)) <= 1)


def nearest_term(stem: str, candidates: Sequence[tuple[str, int]]) -> str | None:
    """The corpus term nearest a misspelt stem: one edit away (two from seven letters
    on), the commonest on ties; None when nothing is that near."""
    limit = 2 if len(stem) >= 7 else 1
    near = [(d, -df, term) for term, df in candidates if (d := edit_distance(stem, term, limit)) <= limit]
    return min(near)[2] if near else None


def respell(question: Question, unknown: set[str], nearest: Callable[[str], str | None],
            everyday: Callable[[str], bool] = lambda word: False) -> Question:
    """Read misspelt words as the nearest words of the corpus ("gaurentee" -> "guarantee").

    Only words absent from the corpus are touched: an everyday word with the
    releases' words for it ("bunking" off: attendance, absence) is not a
    misspelling, and those words stand in for it in full (`TermGroup.unheard`);
    a misspelt function word ("waht") is dropped; one of five letters or more
    becomes its nearest corpus word (see `nearest_term`), unless it is an everyday
    English word and the nearest is not just its other spelling ("behavior",
    "behaviour"): "starving" is not a misspelling of "start"; nor is a name in capitals one
    of an everyday word ("UNISON" is not "union"). A word with no
    near match, or an everyday one, stays as it is, so an off-topic word still
    counts against coverage (and a model's neighbours may find the corpus's words for it).

    Args:
        question: The analysed question.
        unknown: Its stems that occur nowhere in the corpus.
        nearest: The corpus term nearest a stem, or None.
        everyday: Whether a word as written (folded) is in everyday English use (english.is_everyday).

    Returns:
        The question with corrected stems (or itself when nothing changed).
    """
    changed = False
    groups = []
    written: dict[str, set[str]] = {}
    for word in _WORD.findall(fold(question.text)):
        written.setdefault(stem(word), set()).add(word)
    for g in question.groups:
        if g.stem in unknown and len(g.variants) > 1:
            # An everyday word the releases never use ("bunking" off): its equivalents stand in for it.
            g = replace(g, unheard=True)
            changed = True
        elif g.stem in unknown and misspelt_stopword(g.stem):
            changed = True  # a misspelt function word ("waht", "teh"): no topic
            continue
        elif g.stem in unknown and len(g.stem) >= 5 and g.stem.isalpha():
            term = nearest(g.stem)
            said = written.get(g.stem, set())
            if term is not None and any(everyday(w) for w in said) \
                    and term not in {stem(v) for w in said for v in other_spellings(w)}:
                term = None  # "starving" is not "start" (but "behavior" is the corpus's "behaviour")
            if term is not None and g.stem in question.initialisms and everyday(term):
                term = None  # a name in capitals is no everyday word: "UNISON" is not "union" ("DATNET" is "Datanet")
            if term is not None:
                g = TermGroup(term, (term, *(v for v in g.variants[1:] if v != term)), g.core)
                changed = True
        groups.append(g)
    if not changed:
        return question
    new_groups = tuple(groups)
    return replace(question, groups=new_groups, terms=search_terms(new_groups))


def time_as_topic(question: Question) -> Question:
    """The question with the words saying when read as words to search for, not as a window
    ("… at 31 March 2013?" asked of releases of any time: one giving the figure at that date)."""
    said = tuple(dict.fromkeys(t for a, b in question.time.spans for t in analyse(question.text[a:b])))
    have = {g.stem for g in question.groups}
    groups = (*question.groups, *(TermGroup(t, (t,), True) for t in said if t not in have))
    spans = set(question.time.spans)
    return replace(question, groups=groups, terms=search_terms(groups), time=TimeFrame(),
                   left_out=tuple(x for x in question.left_out if x not in spans))


def read_question(text: str, directory: "Directory", today: "dt.date", *,
                  known: Callable[[str], bool] | None = None, dated: bool = True) -> tuple[Question, list[str]]:
    """Read a question against a corpus: when, who is asked about, and the topic.

    Args:
        text: The question.
        directory: The corpus's organisations.
        today: What relative times ("last year") count from.
        known: Whether a word occurs in the corpus (to read a misspelt acronym as a near one).
        dated: Whether the corpus's releases have dates; in an undated corpus (abstracts,
            encyclopaedia paragraphs) "in 1990" is what a text is about, not a window.

    Returns:
        The analysed question, and notes for the reader (an organisation assumed
        for a misspelt name).
    """
    from .speaker import find_speakers, unheard_speakers
    from .timeframe import read_time, with_award_winter, with_exams_autumn

    frame = with_award_winter(read_time(text, today), text) if dated else TimeFrame()
    mentions = directory.find(blank(text, frame.spans), known=known)
    speakers = find_speakers(text, mentions)
    notes = [f"read “{m.respelt}” as {' / '.join(m.orgs)}" for m in mentions if m.respelt]
    question = parse_question(text, speakers=speakers.orgs, leave_out=(*speakers.spans, *frame.spans), time=frame,
                              reasons=dated)
    if question.expects is None and not question.yes_or_no:
        # "What did ASCL say about scrapping the 2021 exams?": said from the autumn before (not a
        # figure or a date of them, which a release of another time answers only when it names it)
        question = replace(question, time=with_exams_autumn(frame, text))
    return replace(question, organisations=tuple((m.start, m.end) for m in speakers.mentioned),
                   speakers_firm=speakers.firm, unheard_speakers=unheard_speakers(text, mentions)), notes
