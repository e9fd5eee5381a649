"""Phrasal verbs and short idioms for what press releases say in one word.

"Put off" is a delay and "jacking it in" is leaving, but a phrasal verb's
particle ("off", "out", "in") is a stopword, so the verb alone ("put") is
all a search would see. This table reads the verb with its particle (next to
it or one word on: "put it off") and gives the words releases use, which
replace the verb's own everyday ones (everyday.py): "kicked out" is
excluded, not assaulted.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from .analysis import stem, words

# Phrasal verbs: (verb, particle) -> the words releases use. Their particles are stopwords
# ("off", "out", "on"), so without this the verb alone ("put") is all that is searched; a
# particle that is not ("part" of "take part") is read with its verb, not as a topic.
PHRASAL: dict[tuple[str, str], tuple[str, ...]] = {
    ("put", "off"): ("delay", "postpone", "defer", "pause"),
    ("wait", "ages"): ("long", "delay", "delays", "months", "term"),  # waiting ages for an assessment
    ("take", "ages"): ("long", "delay", "delays", "months", "slow"),
    ("hold", "off"): ("delay", "postpone", "pause"),
    ("bunk", "off"): ("attendance", "absence", "truancy"),
    ("stay", "off"): ("attendance", "absence", "absent", "missed", "missing"),  # staying off school
    ("stay", "away"): ("attendance", "absence", "absent"),
    ("skive", "off"): ("attendance", "absence", "truancy"),
    ("lay", "off"): ("redundancy", "redundancies", "dismissed"),
    ("walk", "out"): ("strike", "industrial"),
    ("drop", "out"): ("leave", "leaving", "dropout"),
    ("run", "out"): ("expire", "end", "temporary"),
    ("miss", "out"): ("lose", "losing", "excluded"),
    ("kick", "out"): ("excluded", "exclusion", "exclusions", "expelled"),
    ("throw", "out"): ("excluded", "exclusion", "exclusions", "expelled"),
    ("take", "on"): ("recruit", "recruitment", "enrol", "employ"),
    ("turn", "away"): ("refuse", "reject", "turning"),
    ("turn", "up"): ("attendance", "attend", "attending", "arriving", "arrive"),  # pupils turning up to school
    ("turn", "to"): ("use", "using", "rely", "relying"),  # turning to drink
    ("show", "up"): ("attendance", "attend", "attending"),
    ("cut", "back"): ("reduce", "reduction", "reductions"),
    ("step", "down"): ("resign", "retire", "leave"),
    ("sign", "up"): ("enrol", "register", "join", "recruit", "recruitment", "applications"),
    ("back", "down"): ("reverse", "u-turn", "concede", "concession", "withdraw"),  # ministers backing down
    ("go", "up"): ("rise", "rises", "increase", "increased", "higher"),  # costs going up
    ("went", "up"): ("rise", "rose", "increase", "increased", "higher"),
    ("gone", "up"): ("rise", "risen", "increase", "increased", "higher"),
    ("go", "back"): ("return", "returned", "reopen", "reopened", "reopening"),  # schools going back
    ("went", "back"): ("return", "returned", "reopen", "reopened", "reopening"),
    ("come", "back"): ("return", "returned", "reopen", "reopened", "reopening"),
    ("came", "back"): ("return", "returned", "reopen", "reopened", "reopening"),
    ("due", "back"): ("return", "returned", "reopen", "reopened", "reopening"),  # pupils due back in school
    ("brand", "new"): ("newly", "qualified", "starting", "new"),  # a brand-new teacher
    ("set", "up"): ("establish", "create", "launch", "founded", "formed"),
    ("start", "out"): ("launch", "launched", "began", "founded", "formed"),  # a union starting out
    ("kick", "off"): ("launch", "launched", "begin", "start"),
    ("bring", "in"): ("introduce", "introduction"),
    ("come", "in"): ("introduce", "introduction", "implementation", "start", "received"),  # responses coming in
    ("came", "in"): ("introduce", "introduction", "implementation", "start", "received"),
    ("fall", "behind"): ("gap", "attainment", "behind"),
    ("pay", "out"): ("spend", "spending", "cost"),
    ("put", "aside"): ("allocate", "allocated", "committed", "funding", "provide", "earmarked"),  # money put aside
    # put into practice, into special measures; money put into something
    ("put", "into"): ("implement", "implementation", "placed", "place", "invest", "investment"),
    ("pack", "in"): ("leave", "leaving", "quit", "resign"),
    ("charge", "of"): ("lead", "leading", "leader", "leaders", "leadership", "headteacher", "headship"),
    ("head", "teacher"): ("headteacher", "headteachers", "headship", "principal", "leaders"),  # two words for one
    ("head", "teachers"): ("headteacher", "headteachers", "headship", "principal", "leaders"),
    ("classroom", "assistant"): ("assistant", "assistants", "support", "staff"),
    ("classroom", "assistants"): ("assistant", "assistants", "support", "staff"),
    ("teaching", "assistant"): ("assistant", "assistants", "support", "staff"),
    ("teaching", "assistants"): ("assistant", "assistants", "support", "staff"),
    ("older", "kids"): ("secondary", "teenagers", "older"),  # not older teachers' age: secondary pupils
    ("older", "pupils"): ("secondary", "teenagers", "older"),
    ("older", "children"): ("secondary", "teenagers", "older"),
    ("long", "holidays"): ("summer", "holidays", "holiday"),  # the long holidays are the summer's
    ("long", "holiday"): ("summer", "holidays", "holiday"),
    ("high", "schools"): ("secondary", "schools", "school"),  # high schools are secondary schools
    ("high", "school"): ("secondary", "schools", "school"),
    ("go", "ahead"): ("proceed", "introduce", "introduced", "implement", "implemented", "change", "changes"),
    ("went", "ahead"): ("proceeded", "introduced", "implemented", "change", "changes"),
    ("without", "paying"): ("free", "universal"),
    ("without", "charge"): ("free", "universal"),
    ("take", "home"): ("pay", "salary", "salaries", "earnings", "income"),
    ("traffic", "light"): ("colour", "coded", "coding", "categorisation", "category", "rating", "ratings"),
    ("international", "tests"): ("pisa", "international", "oecd"),
    ("international", "test"): ("pisa", "international", "oecd"),
    ("covid", "hit"): ("covid", "pandemic", "coronavirus", "lockdown"),  # it struck: no one was hit
    ("pandemic", "hit"): ("pandemic", "covid", "coronavirus", "lockdown"),
    ("coronavirus", "hit"): ("coronavirus", "covid", "pandemic", "lockdown"),
    ("jack", "in"): ("leave", "leaving", "quit", "resign"),
    ("beat", "up"): ("assaulted", "assault", "violence", "physical"),
    ("hard", "time"): ("abuse", "abused", "abusive", "pressure", "criticism", "hostile"),
    ("write", "down"): ("record", "recorded", "report", "reported"),
    ("give", "up"): ("leave", "leaving", "quit"),
    ("stick", "around"): ("stay", "remain", "retain", "retention"),
    ("pick", "on"): ("bullied", "bullying", "harassment"),
    ("slag", "off"): ("abusive", "abuse", "criticism", "criticised"),
    ("kit", "out"): ("uniform", "equipment"),
    ("sort", "out"): ("address", "resolve", "tackle", "fix"),
    ("hold", "of"): ("recruit", "recruiting", "recruitment", "find", "appoint"),
    # a noun for particle: it names no topic of its own ("How many took part in the survey?")
    ("take", "part"): ("respond", "responded", "respondents", "responses", "completed", "participated",
                       "participants"),
    ("took", "part"): ("respond", "responded", "respondents", "responses", "completed", "participated",
                       "participants"),
    # money
    ("fork", "out"): ("spend", "spending", "pay", "cost"),
    ("shell", "out"): ("spend", "spending", "pay", "cost"),
    ("splash", "out"): ("spend", "spending", "investment"),
    ("cough", "up"): ("pay", "contribute", "fund"),
    ("stump", "up"): ("pay", "contribute", "fund", "provide"),
    ("chip", "in"): ("contribute", "contribution", "donate"),
    ("eat", "into"): ("reduce", "erode", "deplete"),
    ("set", "aside"): ("allocate", "allocated", "earmark", "ringfence"),
    ("top", "up"): ("supplement", "additional", "uplift", "increase"),
    ("bump", "up"): ("increase", "raise", "uplift"),
    ("drive", "up"): ("increase", "increased", "rising", "causes"),  # what is driving up workload
    ("bail", "out"): ("rescue", "emergency", "support"),
    ("prop", "up"): ("subsidise", "support", "sustain"),
    ("scrape", "by"): ("hardship", "struggling", "poverty"),
    ("dry", "up"): ("end", "withdrawn", "shortage"),
    ("pay", "back"): ("repay", "repayment", "reimburse"),
    ("claw", "back"): ("recover", "recoup", "reclaim", "clawback"),
    ("rack", "up"): ("accumulate", "incur", "deficit", "debt"),
    ("write", "off"): ("cancel", "cancelled", "waive"),
    ("hand", "out"): ("distribute", "provide", "allocate", "issue"),
    ("dish", "out"): ("distribute", "allocate", "award", "issue"),
    ("cut", "down"): ("reduce", "reduction", "reducing"),
    ("cut", "off"): ("withdraw", "withdrawn", "stop", "suspend"),
    ("lay", "on"): ("provide", "provision", "arrange"),
    # numbers going up and down
    ("shoot", "up"): ("increase", "surge", "rise", "soar"),
    ("tail", "off"): ("decline", "decrease", "fall"),
    ("pile", "up"): ("backlog", "accumulate", "mount"),
    ("run", "short"): ("shortage", "shortfall", "insufficient"),  # fixed idiom
    ("run", "low"): ("depleted", "shortage", "dwindling"),  # fixed idiom
    ("ran", "out"): ("exhausted", "expired", "shortage"),
    ("run", "down"): ("depleted", "deplete", "reduced", "decline"),  # running down reserves
    ("use", "up"): ("deplete", "depleted", "exhausted", "reserves"),
    ("mount", "up"): ("accumulate", "increase", "backlog"),
    ("creep", "up"): ("increase", "rising", "gradual"),
    ("shot", "up"): ("increase", "surge", "rise", "soar"),
    ("level", "off"): ("stabilise", "plateau", "stabilised"),
    ("bring", "down"): ("reduce", "lower", "reduction"),
    ("brought", "down"): ("reduce", "lower", "reduction"),
    # harm and behaviour
    ("knock", "about"): ("assaulted", "assault", "violence", "physical"),
    ("knock", "around"): ("assaulted", "assault", "violence", "physical"),
    ("rough", "up"): ("assaulted", "assault", "violence", "physical"),
    ("lash", "out"): ("aggression", "violence", "violent", "assault"),
    ("gang", "up"): ("bullying", "bullied", "harassment"),
    ("push", "around"): ("bullying", "intimidation", "bullied"),
    ("mess", "about"): ("disruptive", "disruption", "misbehaviour"),
    ("mess", "around"): ("disruptive", "disruption", "misbehaviour"),
    ("muck", "about"): ("disruptive", "disruption", "misbehaviour"),
    ("play", "up"): ("misbehaviour", "disruptive", "behaviour"),
    ("boot", "out"): ("excluded", "exclusion", "expelled"),
    ("chuck", "out"): ("excluded", "exclusion", "expelled"),
    ("tell", "off"): ("reprimand", "discipline", "sanction", "sanctions"),
    ("told", "off"): ("reprimand", "discipline", "sanction", "sanctions"),
    # work, staffing, leaving, health and morale
    ("stand", "in"): ("cover", "supply", "acting", "temporary"),  # stand in for a teacher
    ("step", "in"): ("intervene", "intervention", "support"),
    ("stand", "down"): ("resign", "retire", "leave"),
    ("stood", "in"): ("cover", "supply", "acting", "temporary"),  # "stood" does not stem to "stand"
    ("stood", "down"): ("resign", "retire", "leave"),
    ("bow", "out"): ("retire", "retirement", "resign", "leave"),
    # who takes over from someone succeeds them: "will be succeeded by", "will take up post"
    ("take", "over"): ("succeed", "succeeded", "successor", "replace", "replaced", "post"),
    ("took", "over"): ("succeed", "succeeded", "successor", "replace", "replaced", "post"),
    ("walk", "away"): ("leave", "leaving", "quit"),
    ("chuck", "in"): ("quit", "resign", "leave", "leaving"),
    ("hand", "in"): ("resign", "resignation", "submit", "submitted"),  # hand in notice
    ("stay", "on"): ("remain", "continue", "retention"),
    ("top", "job"): ("headship", "headteacher", "leadership"),  # fixed idiom: the head's post
    ("top", "jobs"): ("headship", "headteacher", "leadership"),
    ("come", "forward"): ("applicants", "applications", "apply", "applied"),  # nobody suitable came forward
    ("came", "forward"): ("applicants", "applications", "apply", "applied"),
    ("little", "ones"): ("children", "pupils", "infants", "reception", "nursery"),  # fixed idiom: young children
    ("hold", "onto"): ("retain", "retention", "keep"),
    ("hand", "over"): ("transfer", "handover", "transition"),
    ("fed", "up"): ("frustrated", "frustration", "dissatisfied", "morale"),
    ("cheesed", "off"): ("frustrated", "dissatisfied", "morale"),
    ("snow", "under"): ("workload", "overwhelmed", "pressure"),
    ("worn", "out"): ("exhausted", "exhaustion", "fatigue", "burnout"),
    ("burn", "out"): ("burnout", "exhaustion", "exhausted"),
    ("down", "tools"): ("strike", "industrial", "walkout"),  # fixed idiom
    ("team", "up"): ("partnership", "collaborate", "collaboration", "partner"),
    ("join", "up"): ("integrated", "coordinated", "collaboration"),  # joined-up working
    ("cover", "for"): ("supply", "substitute", "absence", "cover"),
    ("took", "on"): ("recruit", "recruitment", "enrol", "employ"),
    ("laid", "off"): ("redundancy", "redundancies", "dismissed"),
    ("let", "go"): ("redundancy", "redundancies", "redundant", "dismissed"),  # let staff go
    ("balance", "books"): ("budget", "budgets", "deficit", "balanced"),  # fixed idiom
    ("gave", "up"): ("leave", "leaving", "quit"),
    ("buy", "in"): ("procure", "procurement", "commission", "outsourced"),
    ("bought", "in"): ("procure", "procurement", "commission", "outsourced"),
    ("farm", "out"): ("outsource", "outsourced", "contracted"),
    ("sell", "off"): ("disposal", "sale", "privatisation"),
    ("sold", "off"): ("disposal", "sale", "privatisation"),
    ("wipe", "out"): ("exhausted", "exhaustion", "fatigue"),
    ("wear", "down"): ("exhausted", "fatigue", "attrition", "erode"),
    ("grind", "down"): ("exhausted", "attrition", "demoralised"),
    ("stress", "out"): ("anxiety", "stress", "pressure", "wellbeing"),
    ("buckle", "under"): ("strain", "pressure", "collapse"),
    # government, policy, time and regulation
    ("call", "off"): ("cancel", "cancelled", "suspend", "suspended"),
    ("step", "up"): ("increase", "intensify", "strengthen"),
    ("ramp", "up"): ("increase", "expand", "accelerate"),
    ("shake", "up"): ("reform", "reforms", "changes", "overhaul"),  # a shake-up
    ("shaken", "up"): ("reform", "reforms", "changes", "overhaul"),  # "if the holidays get shaken up"
    ("wrap", "up"): ("conclude", "concluded", "complete", "completed", "close", "closed", "resolve"),
    ("line", "up"): ("appointed", "appoint", "named", "successor", "succeed"),  # lined up to take over
    # money and work
    ("ends", "meet"): ("income", "afford", "supplement", "living", "hardship"),  # making ends meet
    ("second", "jobs"): ("additional", "extra", "paid", "work"),  # "additional paid work outside school"
    ("second", "job"): ("additional", "extra", "paid", "work"),
    ("shook", "up"): ("reform", "reforms", "changes", "overhaul"),
    ("shuffle", "around"): ("change", "changes", "reform", "restructure", "structure"),  # the holidays shuffled
    ("shuffle", "round"): ("change", "changes", "reform", "restructure", "structure"),
    ("crack", "down"): ("crackdown", "tackle", "enforcement"),
    ("clamp", "down"): ("crackdown", "tackle", "enforcement", "restrict"),
    ("roll", "out"): ("implement", "implementation", "introduce", "launch"),
    ("roll", "back"): ("reverse", "withdraw", "reduce"),
    ("bring", "back"): ("reintroduce", "reinstate", "restore"),
    ("phase", "out"): ("withdraw", "withdrawal", "abolish", "end"),
    ("wind", "down"): ("close", "closure", "end"),
    ("scale", "back"): ("reduce", "reduction", "cut"),
    ("water", "down"): ("weaken", "dilute", "diluted"),
    ("rein", "in"): ("curb", "restrict", "control", "limit"),
    ("pull", "out"): ("withdraw", "withdrawal", "withdrawn"),
    ("opt", "out"): ("withdraw", "withdrawal", "exemption"),
    ("rule", "out"): ("exclude", "reject", "rejected"),
    ("speed", "up"): ("accelerate", "expedite", "faster"),
    ("draw", "up"): ("develop", "prepare", "draft"),
    ("look", "into"): ("investigate", "review", "examine", "consider"),
    ("weigh", "up"): ("consider", "assess", "evaluate"),
    ("mull", "over"): ("consider", "consideration", "review"),
    ("turn", "around"): ("improve", "improvement", "recovery"),  # turn around a struggling school
    ("iron", "out"): ("resolve", "address", "fix"),
    ("thrash", "out"): ("negotiate", "agree", "agreement"),
    ("hammer", "out"): ("negotiate", "agree", "agreement"),
    ("tear", "down"): ("demolish", "demolition", "rebuild"),
    ("fall", "apart"): ("disrepair", "dilapidated", "deteriorating", "collapse"),  # fixed idiom
    ("strike", "off"): ("removed", "register", "deregistered", "prohibition"),
    ("struck", "off"): ("removed", "register", "deregistered", "prohibition"),
    ("stamp", "out"): ("eradicate", "eliminate", "tackle"),
    ("root", "out"): ("eradicate", "eliminate", "tackle", "identify"),
    ("blow", "whistle"): ("whistleblowing", "disclosure", "whistleblower"),  # fixed idiom
    ("blew", "whistle"): ("whistleblowing", "disclosure", "whistleblower"),
    ("drag", "on"): ("protracted", "prolonged", "ongoing", "delay"),
    ("push", "back"): ("delay", "postpone", "defer"),
    ("held", "off"): ("delay", "postpone", "pause"),
    ("hold", "back"): ("hinder", "withhold", "impede"),
    ("held", "back"): ("hinder", "withhold", "impede"),
    ("bring", "forward"): ("accelerate", "advance", "earlier"),
    ("brought", "forward"): ("accelerate", "advance", "earlier"),
    ("brought", "in"): ("introduce", "introduction"),
    ("brought", "back"): ("reintroduce", "reinstate", "restore"),
    ("drew", "up"): ("develop", "prepare", "draft"),
    ("rush", "through"): ("hasty", "expedited", "accelerated"),
    ("push", "through"): ("impose", "implement", "force"),
    ("force", "through"): ("impose", "imposed", "implement"),
    ("do", "away"): ("abolish", "remove", "end"),  # do away with
    ("phase", "in"): ("introduce", "gradual", "transition", "implementation"),
    ("ease", "off"): ("relax", "reduce", "lessen"),
    ("tighten", "up"): ("strengthen", "stricter", "tighten"),
    ("vote", "down"): ("reject", "rejected", "defeat"),
    ("vote", "through"): ("approve", "approved", "pass"),
    ("cave", "in"): ("concede", "concession", "capitulate"),
    ("give", "in"): ("concede", "concession", "capitulate"),
    ("gave", "in"): ("concede", "concession", "capitulate"),
    ("spoke", "out"): ("raise", "voice", "criticised"),
    # agreement, complaint, blame and judgements
    ("thumbs", "up"): ("approve", "approval", "endorse", "welcome"),
    ("thumbs", "down"): ("reject", "rejection", "oppose"),
    ("turn", "down"): ("reject", "rejected", "refuse", "decline"),
    ("knock", "back"): ("reject", "rejected", "refused"),
    ("hit", "out"): ("criticised", "criticism", "condemned"),  # hit out at: criticism, not assault
    ("fob", "off"): ("dismissed", "ignored", "inadequate"),
    ("brush", "off"): ("dismissed", "ignored", "rejected"),
    ("own", "up"): ("admit", "acknowledge", "responsibility"),
    ("cover", "up"): ("conceal", "concealment", "transparency"),
    ("speak", "out"): ("raise", "voice", "whistleblowing"),
    ("stand", "up"): ("advocate", "defend", "champion"),  # stand up for
    ("sound", "out"): ("consult", "consultation", "survey"),
    ("fall", "out"): ("dispute", "disagreement", "conflict"),
    ("bust", "up"): ("dispute", "disagreement", "conflict"),
    ("let", "down"): ("failed", "failure", "disappointed"),
    ("lose", "out"): ("disadvantaged", "losing", "excluded"),
    ("left", "behind"): ("disadvantaged", "gap", "excluded"),
    ("leave", "behind"): ("disadvantaged", "gap", "excluded"),
    ("slip", "through"): ("overlooked", "missed", "unnoticed", "gaps"),
    ("look", "after"): ("care", "support", "safeguarding", "wellbeing"),
    ("fall", "short"): ("inadequate", "insufficient", "shortfall"),  # fixed idiom
    ("fell", "short"): ("inadequate", "insufficient", "shortfall"),
    ("measure", "up"): ("meet", "standards", "adequate"),
    ("rip", "off"): ("overcharging", "excessive", "exploitation"),
    ("cut", "corners"): ("substandard", "compromise", "compromised"),  # fixed idiom
    ("skimp", "on"): ("underinvestment", "cuts", "economise"),
    # exams and results
    ("mark", "down"): ("downgrade", "lower", "downgraded"),
    ("knock", "down"): ("downgrade", "lower", "reduce", "demolish"),
    ("dumb", "down"): ("standards", "lowering", "rigour", "diluted"),
    ("scrape", "through"): ("pass", "narrowly", "borderline"),
    # buildings and the environment
    ("pull", "down"): ("demolish", "demolition", "demolished"),
    ("spruce", "up"): ("refurbish", "refurbishment", "renovate", "improve"),
    ("patch", "up"): ("repair", "repairs", "temporary", "maintenance"),
    ("fall", "down"): ("disrepair", "dilapidated", "collapse"),
    ("throw", "away"): ("waste", "wasted", "discarded"),
    # children, families and inclusion
    ("act", "out"): ("dysregulated", "behaviour", "disruptive", "challenging"),
    ("fit", "in"): ("belonging", "inclusion", "integrate"),
    ("shut", "out"): ("excluded", "exclusion", "barrier"),
    ("fell", "behind"): ("gap", "attainment", "behind"),
    ("fell", "apart"): ("disrepair", "dilapidated", "deteriorating", "collapse"),
    ("fall", "through"): ("overlooked", "missed", "unnoticed", "gaps"),  # through the cracks
    ("fell", "through"): ("overlooked", "missed", "unnoticed", "gaps"),
}

_PHRASAL: dict[tuple[str, str], tuple[str, ...]] = {(stem(v), p): tuple(map(stem, ws)) for (v, p), ws in PHRASAL.items()}
# The words read as a verb's particle ("off", "out", "in", and "part" of "take part").
_PARTICLES = frozenset(p for _, p in PHRASAL)
# Nouns of two words whose first word alone names something else: "classroom assistants" are
# no classroom, "little ones" nothing little. The first word releases use stands for both. (Not
# "teaching assistants": teaching staff, whom releases count beside teachers.)
_COMPOUNDS = frozenset((stem(v), p) for v, p in (
    ("classroom", "assistant"), ("classroom", "assistants"), ("traffic", "light"), ("top", "job"), ("second", "job"),
    ("second", "jobs"), ("little", "ones"), ("top", "jobs"), ("older", "kids"), ("older", "pupils"),
    ("older", "children"), ("long", "holidays"), ("long", "holiday"), ("high", "schools"), ("high", "school"),
))


def verb_particles(ws: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(verb, particle) positions of the phrasal verbs in the folded words `ws` ("put off",
    "put it off"): the particle follows the verb or the word after it."""
    for i, w in enumerate(ws):
        for j in range(i + 1, min(i + 3, len(ws))):
            if ws[j] in _PARTICLES and (stem(w), ws[j]) in _PHRASAL:
                yield i, j


def phrasal(text: str) -> tuple[dict[str, tuple[str, ...]], frozenset[str], dict[str, str]]:
    """{verb stem: release stems} for the phrasal verbs of `text` ("put off", "put it off",
    "walking out", "took part"); the stems of the particles read with their verb that
    would otherwise be topic words ("part"); and {first stem: release stem} for the nouns of
    two words whose first word is none of them ("classroom" of "classroom assistants"): their
    release stems are listed under the first release stem instead ("assist")."""
    ws = words(text)
    out: dict[str, tuple[str, ...]] = {}
    taken: set[str] = set()
    renamed: dict[str, str] = {}
    for i, j in verb_particles(ws):
        verb = stem(ws[i])
        release = _PHRASAL[(verb, ws[j])]
        if (verb, ws[j]) in _COMPOUNDS:
            renamed[verb] = release[0]
            verb = release[0]
        out[verb] = tuple(dict.fromkeys((*out.get(verb, ()), *release)))
        taken.add(stem(ws[j]))
    return out, frozenset(taken - set(renamed.values())), renamed
