"""How questions open: the words before a question's own ("In 2018, …", "Roughly how many …"),
and the openings asking what a figure changed to or what a rise was, which several readers of the
question share (answertype.py, sums.py, roles.py)."""

from __future__ import annotations

# The start of a question, a preposition or joining word allowed first ("By how much …", "And when …").
# Words hedging a count ("Roughly how many …").
HEDGES = ("roughly", "approximately", "about", "around", "nearly", "almost", "exactly", "precisely")
# Where a question's own words start: after an opening phrase of time or source ("In 2018, what
# share …", "According to Estyn, how many …", "By 2017, how many …"), a joining word and a hedge
# ("Roughly how many …").
QUESTION_START = (r"^\W*(?:(?:back\s+)?(?:in|during|according\s+to|by|as\s+of|since)\s+"
                  r"(?:(?!what\b|how\b|which\b)[^,?]){1,60},\s*)?"
                  r"(?:(?:by|in|on|at|for|to|from|until|till|between|during|after|before|and|so|then|but)\s+)?"
                  r"(?:(?:" + "|".join(HEDGES) + r")\s+)?")

# "What pay rise did teachers get?", "What teachers' pay award did the Government announce?": a figure.
WHAT_RISE = (r"\bwhat\s+(?:[^\W\d_]+['’]?\s+){0,2}(?:rise|increase|award|uplift)\s+"
              r"(?:did|does|do|will|would|was|were|has|have|is)\b")

# "What did the starting salary go up to?", "What has attendance fallen to?": a figure.
WHAT_CHANGED_TO = (r"\bwhat\s+(?:did|does|do|will|would|has|have|had|was|were|is)\s+"
                    r"(?:(?!say\b|said\b|think\b|make\b|respond|react)[\w'’-]+\s+){1,10}?"
                    r"(?:rise|risen|rose|go(?:ne)?\s+up|went\s+up|increased?|fall(?:en)?|fell|drop(?:ped)?|"
                    r"climb(?:ed)?|grow|grew|grown|jump(?:ed)?|come\s+down|came\s+down|went\s+down)\s+to\b")

# "What did the starting salary for a new teacher become in September 2020?", "What became the minimum pay
# for a newly qualified teacher …?": a sum or a figure it came to. (Not "What became of the plans?")
_FIGURED = r"(?:salary|salaries|pay|wages?|fees?|rate|budget|figure|total|allowance|grant|score|turnout)\b"
WHAT_BECAME = (r"\bwhat\s+(?:did|does|do|will|would|has|have|had)\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}?"
               + _FIGURED + r"(?:\s+[\w'’-]+){0,8}?\s+(?:become|became|reach|reached|stand\s+at|amount\s+to)\b"
               r"|\bwhat\s+(?:became|becomes|will\s+become)\s+(?:the\s+|its\s+|their\s+)"
               r"(?:[\w'’-]+\s+){0,3}?" + _FIGURED)

# "How strongly did teachers vote to walk out?": by what share.
HOW_STRONGLY = r"\bhow\s+(?:strongly|heavily|decisively|overwhelmingly|solidly)\s+(?:did|do|does|had|have|has)\b"

# "What did the union reckon the award would cost?", "What did the scheme cost?": a sum.
WHAT_COST = (r"^\W*what\b[^?]*?\b(?:would|will|could|might|to)\s+(?:it\s+|this\s+|that\s+|they\s+)?cost\b"
             r"|^\W*what\s+(?:did|does|do|will|would)\s+(?:(?!say\b|said\b|think\b|about\b)[\w'’-]+\s+){1,8}cost\b")
