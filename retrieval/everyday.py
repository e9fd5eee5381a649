"""Everyday words for what press releases say in their own words.

People ask about "heads", "money" and teachers being "hit"; releases write
"headteachers", "funding" and "assaulted". A question word in this table
counts a release's words for the same thing as variants of it (at half a
word's weight when quoting, found by BM25, counted for coverage). It holds
the common register of public-sector and education press releases, not the
words of any one collection, and phrasal verbs by verb and particle ("put
off", "walk out": their particles are stopwords); the model's word
neighbours (neighbours.py) find the rest when there is a model.
"""

from __future__ import annotations

from .analysis import stem, words

# everyday word -> the words releases use for it (single words, stemmed when read:
# one entry covers "head" and "heads", "quit" and "quitting")
EVERYDAY: dict[str, tuple[str, ...]] = {
    # people
    "head": ("headteacher", "headship", "principal", "leaders"),
    "headmaster": ("headteacher", "principal"),
    "headmistress": ("headteacher", "principal"),
    "kids": ("children", "pupils", "learners"),
    "children": ("pupils", "learners"),
    "youngsters": ("children", "pupils", "learners", "young"),
    "teenagers": ("secondary", "young", "adolescents"),
    "students": ("pupils", "learners", "candidates"),
    "pupils": ("learners", "candidates"),
    "tutors": ("lecturers", "teachers"),
    "helpers": ("assistants", "support"),
    "boss": ("employer", "employers", "leader", "headteacher", "headship"),
    "staff": ("workforce", "employees"),
    "workers": ("staff", "workforce", "employees"),
    "parents": ("families", "carers"),
    "mums": ("parents", "families", "carers"),
    "dads": ("parents", "families", "carers"),
    "grown-ups": ("adults", "adult"),
    "toddlers": ("nursery", "early", "youngest"),
    "inspectors": ("inspectorate", "inspection"),
    "watchdog": ("inspectorate", "regulator"),
    # peoples: a release names the country ("English school leaders": "in England")
    "english": ("england",),
    "welsh": ("wales",),
    "scottish": ("scotland",),
    "irish": ("ireland",),
    "british": ("britain",),
    # the platforms people name for what releases call social media
    "facebook": ("social", "online", "media"),
    "twitter": ("social", "online", "media"),
    "instagram": ("social", "online", "media"),
    "tiktok": ("social", "online", "media"),
    "snapchat": ("social", "online", "media"),
    "whatsapp": ("social", "online", "messages", "messaging"),
    # money and pay
    "cash": ("funding", "fund", "investment"),
    "money": ("funding", "fund", "budget", "finance"),
    "poor": ("disadvantaged", "deprivation", "poverty"),
    "poorer": ("disadvantaged", "deprivation", "poverty"),
    "hike": ("increase", "rise", "uplift"),
    "wage": ("pay", "salary", "earnings"),
    "salary": ("pay", "earnings"),
    "raise": ("increase", "uplift"),
    "rise": ("increase", "uplift"),
    "cuts": ("reduction", "reductions", "shortfall"),
    "red": ("deficit", "deficits", "overspend"),
    "enough": ("sufficient", "adequate", "insufficient", "inadequate", "underfunded", "underfunding"),
    "cheap": ("cost", "affordable", "value"),
    "bills": ("costs", "cost"),
    "savings": ("reserves", "balances"),
    "rainy": ("reserves", "balances"),
    "electricity": ("energy", "fuel"),
    "ladder": ("scale", "range", "progression"),
    "broke": ("deficit", "deficits", "shortfall"),
    "skint": ("deficit", "shortfall", "hardship"),
    "bonus": ("payment", "incentive", "incentives"),
    "wallets": ("money", "pocket", "pockets"),
    "purses": ("money", "pocket", "pockets"),
    "packet": ("pay", "salary", "earnings"),
    "fatter": ("rise", "increase", "higher"),
    "hole": ("gap", "shortfall", "deficit"),
    "radiators": ("heating", "heat", "energy"),
    "gas": ("energy", "heating", "fuel"),
    "grub": ("food", "meals"),
    "starving": ("hungry", "hunger", "food"),
    "tummies": ("hungry", "hunger", "food"),
    # work and action
    "led": ("leader", "director", "president", "secretary", "chair"),
    "chaired": ("chair", "chairman", "chairwoman", "chairperson"),
    "quit": ("leave", "leaving", "resign", "resignation"),
    "sacked": ("dismissed", "redundancy", "redundancies"),
    "fired": ("dismissed", "redundancy", "redundancies"),
    "jobs": ("posts", "roles", "redundancies", "vacancies"),
    "deal": ("offer", "award", "settlement", "agreement"),
    "help": ("support", "assist"),
    "better": ("improve", "improvement", "improved"),
    "walkout": ("strike", "industrial"),
    "walk": ("strike", "industrial"),
    "hiring": ("recruitment", "recruit", "appoint"),
    "applying": ("applications", "applicants", "recruitment"),
    "vote": ("ballot", "voted"),
    "ballot": ("vote", "voted", "voting"),
    "strike": ("industrial", "walkout"),
    "poll": ("survey", "ballot"),
    "questionnaire": ("survey",),
    "overworked": ("workload", "hours"),
    "stress": ("wellbeing", "workload", "pressure"),
    "burnout": ("wellbeing", "workload", "exhaustion"),
    "swamped": ("workload", "pressure", "overwhelmed"),
    "paperwork": ("bureaucracy", "administration", "workload"),
    "admin": ("bureaucracy", "administration"),
    "forms": ("paperwork", "bureaucracy", "administration"),
    "knackered": ("exhaustion", "exhausted", "wellbeing", "workload"),
    "exhausted": ("exhaustion", "wellbeing", "workload"),
    "burnt": ("burnout", "exhaustion", "wellbeing"),
    "jittery": ("anxiety", "anxious", "concern", "concerns"),
    "nervous": ("anxiety", "anxious", "concern", "concerns"),
    "worried": ("concern", "concerns", "concerned", "anxiety"),
    "headache": ("challenge", "problem", "concern"),
    "edge": ("anxious", "anxiety", "stress"),
    "fancy": ("want", "intend", "interested", "consider"),
    "brass": ("senior", "leaders", "chief"),
    "moaning": ("complain", "complaints", "concerns"),
    "rid": ("cut", "cuts", "remove", "reduce", "redundancies"),
    # harm
    "hit": ("assaulted", "assault", "violence", "physical"),
    "thumped": ("assaulted", "assault", "violence", "physical"),
    "hurt": ("injured", "injury", "injuries", "assaulted"),
    "punched": ("assaulted", "assault", "violence", "physical"),
    "kicked": ("assaulted", "assault", "violence", "physical"),
    "attacked": ("assaulted", "assault", "violence"),
    "beaten": ("assaulted", "assault", "violence", "physical"),
    "abused": ("abuse", "assaulted", "violence"),
    "violent": ("violence", "assault", "aggression"),
    "bullied": ("bullying", "harassment"),
    "online": ("social", "internet", "digital"),
    # school life
    "truancy": ("attendance", "absence"),
    "special": ("additional", "aln", "sen"),
    "lockdown": ("pandemic", "covid", "closure", "closures"),
    "covid": ("pandemic", "coronavirus"),
    "truanting": ("attendance", "absence"),
    "skipping": ("attendance", "absence"),
    "exams": ("examinations", "qualifications", "assessment"),
    "tests": ("assessment", "assessments", "examinations"),
    "grades": ("results", "attainment"),
    "sick": ("sickness", "illness", "absence"),
    "anxious": ("anxiety", "mental", "wellbeing"),
    "older": ("ageing", "age", "aged"),
    "queuing": ("waiting", "wait", "delays"),
    "empty": ("surplus", "vacant", "unfilled"),
    "crumbling": ("disrepair", "condition", "maintenance", "repair", "dilapidated"),
    "leaky": ("leaking", "leaks", "repair", "repairs", "condition"),
    "fix": ("repair", "repairs", "maintenance"),
    "shake-up": ("reform", "reforms", "changes", "overhaul"),
    "specialists": ("specialist", "psychologists", "therapists"),
    "dinners": ("meals", "food"),
    "bus": ("transport", "travel"),
    "cab": ("taxi", "transport"),
    "ferry": ("transport", "travel"),
    "doctor": ("gp", "medical"),
    "lunches": ("meals", "food"),
    "phones": ("mobile", "devices"),
    "break": ("holiday", "holidays"),
    # government and change
    "plans": ("proposals", "proposal", "proposed"),
    "council": ("authority", "authorities"),
    "ministers": ("government", "minister"),
    "scrap": ("abolish", "remove", "end", "withdraw", "withdrawn"),
    "shut": ("closure", "closed", "close"),
    "axe": ("cut", "abolish", "end"),
    "ditch": ("abolish", "drop", "end"),
    "delay": ("postpone", "pause", "defer"),
    "postpone": ("delay", "pause", "defer"),
    "limit": ("cap", "restrict", "ceiling"),
    "lose": ("reduce", "reduced", "reduction", "shorten", "cut"),
}

# Phrasal verbs: (verb, particle) -> the words releases use. Their particles are stopwords
# ("off", "out", "on"), so without this the verb alone ("put") is all that is searched; a
# particle that is not ("part" of "take part") is read with its verb, not as a topic.
PHRASAL: dict[tuple[str, str], tuple[str, ...]] = {
    ("put", "off"): ("delay", "postpone", "defer", "pause"),
    ("hold", "off"): ("delay", "postpone", "pause"),
    ("bunk", "off"): ("attendance", "absence", "truancy"),
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
    ("cut", "back"): ("reduce", "reduction", "reductions"),
    ("step", "down"): ("resign", "retire", "leave"),
    ("sign", "up"): ("enrol", "register", "join"),
    ("set", "up"): ("establish", "create", "launch"),
    ("bring", "in"): ("introduce", "introduction"),
    ("fall", "behind"): ("gap", "attainment", "behind"),
    ("pay", "out"): ("spend", "spending", "cost"),
    ("pack", "in"): ("leave", "leaving", "quit", "resign"),
    ("jack", "in"): ("leave", "leaving", "quit", "resign"),
    ("beat", "up"): ("assaulted", "assault", "violence", "physical"),
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
}

_PHRASAL: dict[tuple[str, str], tuple[str, ...]] = {(stem(v), p): tuple(map(stem, ws)) for (v, p), ws in PHRASAL.items()}
_PARTICLES = frozenset(p for _, p in PHRASAL)


def phrasal(text: str) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """{verb stem: release stems} for the phrasal verbs of `text` ("put off", "put it off",
    "walking out", "took part"): the particle follows the verb or the word after it; and
    the stems of the particles read with their verb that would otherwise be topic words
    ("part")."""
    ws = words(text)
    out: dict[str, tuple[str, ...]] = {}
    taken: set[str] = set()
    for i, w in enumerate(ws):
        for particle in (p for p in ws[i + 1:i + 3] if p in _PARTICLES):
            found = _PHRASAL.get((stem(w), particle))
            if found:
                out[stem(w)] = tuple(dict.fromkeys((*out.get(stem(w), ()), *found)))
                taken.add(stem(particle))
    return out, frozenset(taken)
