"""The organisations of a corpus and every way a question may name them.

Each organisation is a `source` of the corpus ("School Leaders Union Cymru
(SLU Cymru)", "NAHT Cymru"). Its names are learned from the corpus itself:
the source string and its parts ("Full Name (ACRONYM)"), the expansions
releases give ("National Association of Head Teachers (NAHT)", or without
brackets: "the National Education Union Cymru said" for NEU Cymru) and the
descriptions they use of themselves ("school leaders' union NAHT Cymru",
"Estyn, the education and training inspectorate", "CAC is the only
education union in Wales …"), in their first lines or their notes to
editors. An organisation whose name is another's plus a word or two
("NAHT Cymru" beside "NAHT") is that one's branch: a bare acronym or the
parent's name written as a description ("the school leaders' union") covers
the body and its branches, the parent's proper name ("the School Leaders
Union") the parent, and the branch's full name only the branch.

`Directory.find` returns the organisations a question names, where, and
how; misspelt acronyms ("NHAT") are read as the nearest one, and said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Sequence

from .analysis import STOPWORDS, fold
from .question import edit_distance
from .represented import Represented, from_name, learn

_TOKEN = re.compile(r"[^\W_]+")
# Nouns that end a description of an organisation ("the school leaders' union").
_HEADS = ("union", "unions", "inspectorate", "association", "federation", "network", "body", "organisation",
          "organization", "council", "government", "department", "regulator", "agency", "commission", "charity",
          "group", "society", "institute", "trust", "board", "authority", "ministry", "office", "college",
          "confederation", "alliance", "forum", "partnership", "coalition", "campaign")
_DESCRIPTION = r"((?:[a-z][\w’'-]*\s+){0,4}(?:" + "|".join(_HEADS) + r"))"
# The end of a description: not a possessive ("X is a member of the Welsh Government's
# curriculum group" does not describe X as a government).
_DESCRIBED = r"\b(?![’']s\b)"
# Heads too general to name anyone on their own ("the union", "the council").
_GENERIC_ALONE = frozenset(("union", "unions", "body", "group", "organisation", "organization", "society", "trust",
                            "board", "office", "college", "campaign", "forum", "partnership", "coalition", "alliance",
                            "council", "association", "charity", "institute", "authority", "network", "federation"))
# How a name names, most specific first.
_HOW_ORDER = ("branch", "name", "family")
# Region words that say a question is about where a branch is ("Cymru" branches are Welsh).
_REGIONS = {
    "cymru": ("cymru", "wales", "welsh"), "wales": ("cymru", "wales", "welsh"),
    "scotland": ("scotland", "scottish", "alba"), "alba": ("scotland", "scottish", "alba"),
    "england": ("england", "english"), "ireland": ("ireland", "irish"), "ni": ("northern", "ireland", "irish"),
}


# The countries a body's name may end in ("… for Wales"), which a question leaves out.
_COUNTRIES = frozenset(("wales", "england", "scotland", "cymru"))
# Capitalised words, with the small words names hold ("Association of School and College Leaders").
_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the)\s+)*[A-Z][\w’'-]*)*")
_CONNECTORS = frozenset(("of", "for", "and", "the"))
# What stands between a name and a description of it set beside it ("UCAC, the …", "… union NAHT").
_APPOSED = re.compile(r"\s*,?\s*")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@dataclass
class Organisation:
    """One organisation of the corpus.

    Attributes:
        name: Its source string, as stored with its releases.
        forms: Token sequences that name it exactly (full names, acronyms, expansions).
        descriptions: Token sequences of descriptions releases give of it.
        acronyms: Its all-capital short names, folded ("naht").
        spelt_out: Its acronyms spelt out in its releases ("national education union"):
            names for the acronym, covering the body and its branches as it does.
        parent: The organisation it is a branch of, if any.
        qualifier: What its name adds to its parent's ("cymru").
        branches: Its branches.
    """

    name: str
    forms: set[tuple[str, ...]] = field(default_factory=set)
    descriptions: set[tuple[str, ...]] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    spelt_out: set[tuple[str, ...]] = field(default_factory=set)
    parent: str | None = None
    qualifier: tuple[str, ...] = ()
    branches: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """Organisations named at one place of a question.

    Attributes:
        start, end: Character span in the question.
        orgs: The organisations it covers, the likeliest first.
        how: "name" (an organisation's own name), "branch" (the full name of a
            branch) or "family" (a bare acronym, or a vaguer name or description:
            the body and its branches).
        respelt: The word as typed when it was read as a near acronym ("NHAT"), else "".
        described: Named only by how its releases describe it ("the teachers' union"), which
            a reader may mean of another.
    """

    start: int
    end: int
    orgs: tuple[str, ...]
    how: str
    respelt: str = ""
    described: bool = False


def _split_source(source: str) -> list[str]:
    """"Full Name (ACRO)" -> ["Full Name (ACRO)", "Full Name", "ACRO"]; a name given in two
    languages, "Colegau Cymru / CollegesWales", is each of them too."""
    out = [source]
    for name in (part.strip() for part in source.split(" / ")) if " / " in source else ():
        out.append(name)
    for name in list(out):
        m = re.fullmatch(r"\s*(.+?)\s*\(\s*([^()]+?)\s*\)\s*", name)
        if m:
            out += [m.group(1), m.group(2)]
    return list(dict.fromkeys(n for n in out if n))


def _strip_leading_stopwords(words: list[str]) -> tuple[str, ...]:
    i = 0
    while i < len(words) and words[i] in STOPWORDS:
        i += 1
    return tuple(words[i:])


def _lists(words: tuple[str, ...]) -> bool:
    """Whether a description's words go on to another thing ("uk government and the unions"),
    not one thing ("education and training inspectorate")."""
    return any(a in ("and", "or") and b in ("the", "a", "an") for a, b in zip(words, words[1:]))


def _initials(name: str) -> str:
    """The initials of a name of three or more capitalised words, connectors left out
    ("wlga" for "Welsh Local Government Association"), else ""."""
    words = [w for w in _TOKEN.findall(name) if w.casefold() not in _CONNECTORS]
    if len(words) < 3 or not all(w[0].isupper() and not w.isupper() for w in words):
        return ""
    return "".join(w[0] for w in words).casefold()


def _acronyms(text: str) -> set[str]:
    return {w.casefold() for w in _TOKEN.findall(text) if len(w) >= 2 and w.isupper() and w.isalpha()}


class Directory:
    """Every organisation of a corpus, and the names a question may use for them.

    Args:
        sources: The organisations (distinct `source` values).
        texts: (source, opening text) of releases, to learn expansions and descriptions from.
    """

    def __init__(self, sources: Sequence[str], texts: Iterable[tuple[str, str]] = ()) -> None:
        self.orgs: dict[str, Organisation] = {}
        for source in sources:
            org = Organisation(source)
            for part in _split_source(source):
                if tokens(part):
                    org.forms.add(tuple(tokens(part)))
                org.acronyms |= _acronyms(part)
            self.orgs[source] = org
        self._add_unplaced()
        self._add_initials()
        self._link_branches()
        self.represented = Represented()
        self._learn(texts)
        for org in self.orgs.values():
            for words in (*org.forms, *org.descriptions):
                if not org.acronyms.intersection(words):  # "head teachers", not "head teachers naht"
                    from_name(self.represented, org.parent or org.name, words)
        self._index()

    # -- building -----------------------------------------------------------------

    def _add_unplaced(self) -> None:
        """A name ending in the country it serves, without it ("the Children's Commissioner" for the
        Children's Commissioner for Wales), unless another organisation has that name."""
        taken = {f for o in self.orgs.values() for f in o.forms}
        found: dict[tuple[str, ...], list[Organisation]] = {}
        for org in self.orgs.values():
            for form in list(org.forms):
                if len(form) >= 4 and form[-2] in ("for", "of", "in") and form[-1] in _COUNTRIES:
                    found.setdefault(form[:-2], []).append(org)
        for form, orgs in found.items():
            if form not in taken and len(orgs) == 1:
                orgs[0].forms.add(form)

    def _add_initials(self) -> None:
        """A long name's initials for an organisation given none ("WLGA" for the Welsh Local
        Government Association), unless they are another organisation's name or short name."""
        taken = {a for o in self.orgs.values() for a in o.acronyms} | {
            f[0] for o in self.orgs.values() for f in o.forms if len(f) == 1}
        found: dict[str, list[Organisation]] = {}
        for org in self.orgs.values():
            if org.acronyms:
                continue
            for part in _split_source(org.name):
                initials = _initials(part)
                if initials and initials not in taken:
                    found.setdefault(initials, []).append(org)
        for initials, orgs in found.items():
            if len(orgs) == 1:  # (two names with the same initials: they name neither)
                orgs[0].acronyms.add(initials)

    def _link_branches(self) -> None:
        for org in self.orgs.values():
            for other in self.orgs.values():
                if other is org or org.parent:
                    continue
                for mine in org.forms:
                    hit = next((f for f in other.forms if 0 < len(mine) - len(f) <= 2 and mine[:len(f)] == f), None)
                    if hit is not None:
                        org.parent, org.qualifier = other.name, mine[len(hit):]
                        other.branches.append(org.name)
                        break

    def _learn(self, texts: Iterable[tuple[str, str]]) -> None:
        """Expansions ("Full Name (ACRO)") and descriptions ("the ... union NAME") from release text."""
        patterns: dict[str, list[re.Pattern[str] | None]] = {}
        names: dict[str, list[str]] = {}
        for org in self.orgs.values():
            names[org.name] = sorted({" ".join(f) for f in org.forms}, key=len, reverse=True)
            alt = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names[org.name])
            short = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names[org.name] if len(n.split()) <= 3)
            patterns[org.name] = [
                # "National Association of Head Teachers (NAHT)": capitalised words, then a short name in brackets.
                re.compile(r"((?:[A-Z][\w’'-]*\s+)(?:(?:of|for|and|the|[A-Z][\w’'-]*)\s+){0,8}[A-Z][\w’'-]*)"
                           r"\s*\(\s*(?i:" + short + r")\s*\)") if short else None,
                re.compile(r"(?<![\w’'])(?:the\s+)?" + _DESCRIPTION + r"\s+(?:" + alt + r")\b", re.IGNORECASE),
                # "UCAC, the Welsh-medium education union, …", not a list: "the Welsh Government, the UK
                # Government and the profession".
                re.compile(r"(?:" + alt + r"),\s+the\s+" + _DESCRIPTION + _DESCRIBED + r"(?!\s+(?:and|or)\b)",
                           re.IGNORECASE),
                # "CAC is the only education union in Wales …", "NAHT Cymru represents …" is not one.
                re.compile(r"(?:" + alt + r")\s+is\s+(?:the|a|an)\s+" + _DESCRIPTION + _DESCRIBED, re.IGNORECASE),
            ]
        for source, text in texts:
            org = self.orgs.get(source)
            if org is None:
                continue
            self._learn_spelt_out(org, text)
            learn(self.represented, org.parent or org.name, names[source], text)
            expand, before, after, being = patterns[source]
            if expand is not None:
                for m in expand.finditer(text):
                    form = _strip_leading_stopwords(tokens(m.group(1)))
                    if len(form) >= 2:
                        org.forms.add(form)
            for pattern in (before, after, being):
                for m in pattern.finditer(text):
                    words = _strip_leading_stopwords(tokens(m.group(1)))
                    if words and not (len(words) == 1 and words[0] in _GENERIC_ALONE) \
                            and not _lists(words) and not self._names_another(org, words):
                        org.descriptions.add(words)

    def _names_another(self, org: Organisation, words: tuple[str, ...]) -> bool:
        """Whether `words` hold the name of an organisation outside `org`'s family ("a member of
        the Welsh Government group" is no description of a union)."""
        family = {org.name, *org.branches, *((org.parent,) if org.parent else ())}
        return any(words[i:i + len(form)] == form for other in self.orgs.values() if other.name not in family
                   for form in other.forms for i in range(len(words) - len(form) + 1))

    def _learn_spelt_out(self, org: Organisation, text: str) -> None:
        """Its acronym spelt out in its own releases without brackets ("the National Education
        Union Cymru said" for NEU Cymru): capitalised words whose initials are the acronym. With
        the rest of its name after them ("Cymru") they are its full name; alone, they name what
        the bare acronym names (the body, its parent for a branch, and the branches)."""
        for m in _CAPITALISED_RUN.finditer(text):
            words = tokens(m.group())
            content = [i for i, w in enumerate(words) if w not in _CONNECTORS]
            for acro in org.acronyms:
                if len(acro) < 3 or len(content) < len(acro):
                    continue
                if "".join(words[i][0] for i in content[:len(acro)]) != acro:
                    continue
                last = content[len(acro) - 1] + 1
                spelt, rest = tuple(words[content[0]:last]), tuple(words[last:])
                name = tokens(org.name)
                after = tuple(name[name.index(acro) + 1:]) if acro in name else ()
                if after and rest[:len(after)] == after:
                    org.forms.add(spelt + after)
                owner = self.orgs[org.parent] if org.parent else org
                if not any(spelt in o.forms for o in self.orgs.values()):  # not already a name
                    owner.spelt_out.add(spelt)

    def family(self, name: str) -> tuple[str, ...]:
        """The organisation and its branches."""
        return (name, *self.orgs[name].branches)

    def _index(self) -> None:
        """Token sequences -> (organisations, how), ambiguous descriptions and suffixes dropped."""
        entries: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        named: set[tuple[str, ...]] = set()  # sequences some organisation's name gives, not only a description

        def put(seq: tuple[str, ...], org: str, how: str, description: bool = False) -> None:
            entries.setdefault(seq, set()).add((org, how))
            if not description:
                named.add(seq)

        heads: set[tuple[str, ...]] = set()

        for org in self.orgs.values():
            # A parent's full name is the parent; its acronym, or a vaguer name, the family.
            how = "branch" if org.parent else "name"
            vague = "family" if org.branches else how
            for form in org.forms:
                put(form, org.name, vague if len(form) == 1 and form[0] in org.acronyms else how)
                if len(form) >= 2:
                    put(("".join(form),), org.name, how)  # typed as one word ("ColegauCymru")
                # A long name's tail names it too ("support staff union"), if nothing else ends so;
                # so does the noun ending a name ("the government", "the inspectorate"), unless
                # too general to name anyone alone ("the union", "the council") ...
                for i in range(1, len(form) - 1):
                    if len(form) - i >= 2:
                        put(form[i:], org.name, vague + "?")
                # ... or the noun before its "for"/"of" ("the department": Department for Education Wales).
                ofs = [j for j, w in enumerate(form) if w in ("for", "of") and j >= 1]
                for head in {form[-1:], *([form[ofs[0] - 1:ofs[0]]] if ofs else [])}:
                    if len(form) >= 2 and head[0] in _HEADS and head[0] not in _GENERIC_ALONE:
                        put(head, org.name, vague + "?")
                        heads.add(head)
            for acro in org.acronyms:
                put((acro,), org.name, vague)
            for spelt in org.spelt_out:
                put(spelt, org.name, vague)
            for desc in org.descriptions:
                for i in range(len(desc)):
                    if len(desc) - i >= 2 or desc[-1] not in _GENERIC_ALONE:
                        put(desc[i:], org.name, vague + "?" if i else vague, description=True)
        self._entries: dict[tuple[str, ...], tuple[tuple[str, ...], str]] = {}
        for seq, owners in entries.items():
            exact = {(o, h) for o, h in owners if not h.endswith("?")}
            pick = exact or owners
            orgs = {o for o, _ in pick}
            roots = {self.orgs[o].parent or o for o in orgs}
            if len(roots) != 1:
                continue  # names organisations of different families: says nothing
            if len(orgs) > 1:  # a parent and its branches share it: the family
                root = roots.pop()
                self._entries[seq] = (self.family(root), "family")
            else:
                org = orgs.pop()
                # Named several ways (a full name that is also its acronym spelt out): the most
                # specific way, so that the reading never depends on set order.
                how = min((h.rstrip("?") for o, h in pick if o == org), key=_HOW_ORDER.index)
                self._entries[seq] = ((org,) if how != "family" else self.family(org), how)
        self._described = {seq for seq in self._entries if seq not in named}
        # A name's last noun alone names it only after "the": not "the UK government", "local government".
        self._after_the = {seq for seq in heads if seq in self._entries}
        self._longest = max((len(s) for s in self._entries), default=0)
        self._acronym_list = sorted({(a, o.name) for o in self.orgs.values() for a in o.acronyms})

    # -- reading a question ---------------------------------------------------------------

    def find(self, text: str, known: "Callable[[str], bool] | None" = None) -> list[Mention]:
        """The organisations `text` names, in order.

        Args:
            text: The question.
            known: Whether a folded word occurs in the corpus; a capitalised word
                that does not and is one edit from an acronym ("NHAT") is read as it.

        Returns:
            The mentions, each with the organisations it covers, the likeliest first.
        """
        spans = [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]
        words = [w for _, _, w in spans]
        out: list[Mention] = []
        taken: set[int] = set()
        i = 0
        while i < len(words):
            found = None
            for n in range(min(self._longest, len(words) - i), 0, -1):
                seq = tuple(words[i:i + n])
                entry = self._entries.get(seq)
                if entry is None and n > 1:
                    entry = self._entries.get(("".join(seq),))  # one word typed apart ("Colegau Cymru")
                if seq in self._after_the and (i == 0 or words[i - 1] != "the"):
                    entry = None
                if entry is not None and (n > 1 or self._plausible(text, spans[i])):
                    found = (n, entry, "")
                    break
            if found is None and known is not None:
                near = self._near_acronym(words[i], text[spans[i][0]:spans[i][1]], known)
                if near is not None:
                    # the longest name it begins ("NHAT Cymru" -> "naht cymru")
                    n = next(n for n in range(min(self._longest, len(words) - i), 0, -1)
                             if (near, *words[i + 1:i + n]) in self._entries)
                    found = (n, self._entries[(near, *words[i + 1:i + n])], text[spans[i][0]:spans[i][1]])
            if found is None:
                i += 1
                continue
            n, (orgs, how), respelt = found
            end = i + n
            if how == "name" and self.orgs[orgs[0]].branches and not any(
                    text[a:a + 1].isupper() for a, _, w in spans[i:end] if w not in STOPWORDS):
                # A parent's name in lower case describes rather than names it ("the school
                # leaders' union"): like its acronym, it covers the body and its branches.
                orgs, how = self.family(orgs[0]), "family"
            # "NAHT" followed by a branch's qualifier is the branch, even when typed apart.
            if how == "family":
                for branch in orgs[1:]:
                    q = self.orgs[branch].qualifier
                    if tuple(words[end:end + len(q)]) == q:
                        orgs, how, end = (branch,), "branch", end + len(q)
                        break
            described = tuple(words[i:i + n]) in self._described
            out.append(Mention(spans[i][0], spans[end - 1][1], orgs, how, respelt, described))
            taken.update(range(i, end))
            i = end
        # "the heads' union": the family whose members they are, as its releases say (represented.py);
        # not beside a name it describes ("the heads' union NAHT Cymru", "UCAC, the teachers' union").
        for start, end, root in self.represented.find(text):
            if not any(m.start < end and start < m.end or m.end <= start and _APPOSED.fullmatch(text[m.end:start])
                       or end <= m.start and _APPOSED.fullmatch(text[end:m.start]) for m in out):
                out.append(Mention(start, end, self.family(root), "family", "", True))
                taken.update(j for j, (a, b, _) in enumerate(spans) if start <= a and b <= end)
        out.sort(key=lambda m: m.start)
        # A family's branch comes first when the question, outside the names, is about its region.
        rest = {w for j, w in enumerate(words) if j not in taken}
        return [replace(m, orgs=self._order_family(m.orgs, rest)) if m.how == "family" else m for m in out]

    def _plausible(self, text: str, span: tuple[int, int, str]) -> bool:
        """A one-word name typed in lower case must not be an ordinary function word."""
        return span[2] not in STOPWORDS or text[span[0]:span[1]].isupper()

    def _near_acronym(self, word: str, typed: str, known: "Callable[[str], bool]") -> str | None:
        if len(word) < 3 or word in STOPWORDS or not word.isalpha() or known(word):
            return None
        if not typed.isupper() and not typed[:1].isupper():
            return None
        near = sorted((edit_distance(word, a, 1), a) for a, _ in self._acronym_list
                      if abs(len(a) - len(word)) <= 1)
        near = [a for d, a in near if d <= 1]
        return near[0] if len(set(near)) == 1 else None

    def _order_family(self, orgs: tuple[str, ...], present: set[str]) -> tuple[str, ...]:
        """The parent first, unless the question is about where a branch is ("... in Wales")."""
        for branch in orgs[1:]:
            q = self.orgs[branch].qualifier
            region = set(_REGIONS.get(q[-1], q)) if q else set()
            if region & present:
                return (branch, *[o for o in orgs if o != branch])
        return orgs

    def names_of(self, name: str) -> list[str]:
        """Every token sequence that names `name` exactly (for tests and `citebot status`)."""
        return sorted(" ".join(f) for f in self.orgs[name].forms)
