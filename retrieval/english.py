"""Whether a word is in everyday English use: a question's word the corpus never uses
is respelt as the nearest corpus word ("gaurentee" -> "guarantee", "unionization" ->
"unionisation", "Bismark" -> "Bismarck") only when it is not one. "starving" is not a
misspelling of "start", nor "hosted" of "hust", nor "protest" of "protect": an everyday
word the releases do not use is a paraphrase, not a typo.

The word list is pyspellchecker's English word frequencies (drawn from film and TV
subtitles: the words people ask in), loaded once, the first time a question has a
word to respell.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

# A word seen at least this many times in the list's counts is in everyday use. Below it are
# names, technical words and spelling variants ("septicemia" 63, "Bismark" 50, "Proctor" 336),
# which a corpus may spell its own way; above it, "youngster" (1,764), "starving" (12,748).
EVERYDAY_COUNT = 1000


@lru_cache(maxsize=1)
def _counts() -> dict[str, int]:
    """pyspellchecker's English word counts ({} when the package is missing: no word is everyday)."""
    try:
        data = resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    return json.loads(gzip.decompress(data).decode("utf-8"))


def is_everyday(word: str) -> bool:
    """Whether `word` (any case) is an English word in everyday use."""
    return _counts().get(word.lower(), 0) >= EVERYDAY_COUNT


# British and American spellings of one word.
_SPELLINGS = (("our", "or"), ("ise", "ize"), ("isa", "iza"), ("yse", "yze"), ("ll", "l"), ("ae", "e"),
              ("oe", "e"), ("tre", "ter"), ("ence", "ense"), ("ogue", "og"), ("mme", "m"))


def other_spellings(word: str) -> set[str]:
    """`word` with one British spelling made American or the other way round ("behavior":
    "behaviour"; "center": "centre"; "program": "programme"; "defense": "defence")."""
    out = set()
    for a, b in _SPELLINGS:
        for old, new in ((a, b), (b, a)):
            start = word.find(old)
            while start >= 0:
                out.add(word[:start] + new + word[start + len(old):])
                start = word.find(old, start + 1)
    out.discard(word)
    return out
