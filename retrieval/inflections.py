"""Irregular forms of a word, which stemming does not bring together.

"What has the union said about the loss of teaching assistants?" is answered
by "schools have lost around 1,100 teaching assistant posts". A stemmer
reduces "losing" to "lose" but leaves "lost" and "loss" apart, so each form of
a family here counts as the others (as an everyday word's release words do:
question.EXPANSIONS). Only families whose forms keep one meaning in press
releases are listed: "left" (a side), "found" (to set up), "mean" (an
average), "break" (a holiday) and "struck" (a deal) are left out.
"""

from __future__ import annotations

FAMILIES: tuple[tuple[str, ...], ...] = (
    ("lose", "lost", "loss", "losses"),
    ("rise", "rose", "risen"),
    ("fall", "fell", "fallen"),
    ("grow", "grew", "grown", "growth"),
    ("pay", "paid"),
    ("spend", "spent"),
    ("buy", "bought"),
    ("sell", "sold"),
    ("teach", "taught"),
    ("think", "thought"),
    ("bring", "brought"),
    ("seek", "sought"),
    ("fight", "fought"),
    ("hold", "held"),
    ("keep", "kept"),
    ("choose", "chose", "chosen", "choice"),
    ("speak", "spoke", "spoken", "speech"),
    ("write", "wrote", "written"),
    ("begin", "began", "begun"),
    ("win", "won"),
    ("send", "sent"),
    ("build", "built"),
    ("tell", "told"),
    ("freeze", "froze", "frozen"),
    ("feel", "felt"),
    ("hear", "heard"),
    ("sit", "sat"),
    ("stand", "stood"),
    ("understand", "understood"),
    ("lead", "led"),
    ("feed", "fed"),
    ("give", "gave", "given"),
    ("take", "took", "taken"),
    ("drive", "drove", "driven"),
    ("know", "knew", "known"),
    ("forbid", "forbade", "forbidden"),
    ("withdraw", "withdrew", "withdrawn"),
    ("undertake", "undertook", "undertaken"),
    ("overtake", "overtook", "overtaken"),
    ("die", "dead", "death"),
    ("sleep", "slept"),
    ("leave", "leaving", "leavers"),
)

# A verb and the noun made from it, which stemming leaves apart too ("devolved", "devolution":
# "What did the union say about pay being devolved?" is answered by "the devolution of pay").
# Only pairs that keep one meaning in press releases: "resolve" (a conference's resolution),
# "produce" (a product), "include" (inclusion, of learners), "admit" (school admissions), "oppose"
# (the opposition parties), "succeed" (Successful Futures), "qualified" (qualifications),
# "register" (the registration fee, not the register) and "pay" (money to pay for something, not a
# payment) are left out.
DERIVED: tuple[tuple[str, ...], ...] = (
    ("devolve", "devolved", "devolution"),
    ("reduce", "reduced", "reduction", "reductions"),
    ("decide", "decided", "decision", "decisions"),
    ("introduce", "introduced", "introduction"),
    ("exclude", "excluded", "exclusion", "exclusions"),
    ("extend", "extended", "extension"),
    ("expand", "expanded", "expansion"),
    ("suspend", "suspended", "suspension"),
    ("intervene", "intervention", "interventions"),
    ("retain", "retained", "retention"),
    ("deliver", "delivered", "delivery"),
    ("fail", "failed", "failure", "failures"),
    ("absent", "absence", "absences"),
    ("submit", "submitted", "submission", "submissions"),
    ("conclude", "concluded", "conclusion"),
    ("describe", "described", "description"),
    ("behave", "behaving", "behaviour", "behaviours"),
    ("violent", "violence"),
    ("threaten", "threatened", "threat", "threats"),
    ("injure", "injured", "injury", "injuries"),
    ("close", "closed", "closure", "closures"),
    ("expel", "expelled", "expulsion", "expulsions"),
    ("anxious", "anxiety"),
    ("vacant", "vacancy", "vacancies"),
    ("intend", "intended", "intention", "intentions"),
    ("respond", "responded", "response", "responses"),
    ("react", "reacted", "reaction"),
    ("agree", "agreed", "agreement"),
    ("criticise", "criticised", "criticism"),
)

# word -> the other forms of its family
IRREGULAR: dict[str, tuple[str, ...]] = {}
for _family in (*FAMILIES, *DERIVED):
    for _word in _family:
        IRREGULAR[_word] = tuple(dict.fromkeys((*IRREGULAR.get(_word, ()), *(w for w in _family if w != _word))))
