"""Putting an answer together, after the store reads: the model work and the wording.

`judge` ranks the retrieved hits (re-ranking them when asked; a later release
saying what was decided first, asked what is to happen: later_decision.py), scores their
sentences (with the model's similarity when there is one; a "…, said:" line
read as the speech it introduces: speech.py; for a question asking for a
figure or a date, also the sentences of the leading release's other
paragraphs that give one: answer_scan.py), measures the evidence and
decides. `compose` turns that into an `Answer`: quotes, the
newest first when an organisation's statements on a topic are asked for
(others' releases when it is asked only what the organisation did and its
own do not say); or a refusal that says why, quoting the nearest releases
when none in the time asked about covers the question. `broad_answer`
answers "What did X ask for?" and "What does X want from Y?". Nothing here
holds a lock, so the bot's answer threads run it side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Sequence

from .analysis import analyse
from .answertype import figure_of
from .answer_scan import (answered_by_share, asks_outright, lacking, lead_ins, named_everywhere, place_terms,
                          scan_release, whole_release)
from .broad import ASKED_OF_READ, RELEASES, asked_of, broad_quotes, calls_on
from .dates import human
from .decide import Decision, decide
from .evidence import NAME_DEPTH, Evidence, common, gather, subject_holding_first, year_holding_first
from .quoting import (Order, Sentence, best_first, lift_figures, make_quotes, score_sentences, speaks_of_all,
                      with_companions)
from .later_decision import asks_where_it_stands, decision_first
from .outcome import asks_outcome, outcome_first, reacts_to_outcome
from .other_time import (ahead_of_it, led_by, names, of_topic, release_reports, reporting, reports_from, reports_window,
                         short, topic_words, window_named)
from .ranker import Filters, Ranking, Retrieved, idf_terms, rank, release_terms
from .question import time_as_topic
from .recency import naming_first, nearest_to, newest_first, on_topic, wants_newest
from .schema import Answer
from .speech import quote_speeches, speech_lines

if TYPE_CHECKING:
    import datetime as dt
    import re

    import numpy as np

    from .embeddings import Encoder
    from .generation import Generation
    from .organisations import Directory
    from .question import Question, TermGroup
    from .ranker import Reranker
    from .schema import Passage
    from .settings import Settings
    from .timeframe import TimeFrame


@dataclass
class Prepared:
    """A question made ready for retrieval (Engine._prepare): shared by `answer` and `search`."""

    text: str
    notes: list[str]
    gen: "Generation"
    filters: Filters
    question: "Question"
    encoder: "Encoder | None"
    vector: "np.ndarray | None"
    asked_window: bool = False  # the date window comes from the question's words, not from flags
    asked_speakers: bool = False  # the sources are the question's speakers, not --source


@dataclass
class Asking:
    """What composing one answer needs of the engine.

    Attributes:
        settings: The settings.
        reranker: The cross-encoder, if any.
        k: How many passages to consider (None: settings.k).
        read: Runs store reads in one consistent snapshot of the current generation.
        retrieve: Stage one again with other filters (for the nearest releases), and optionally
            the question read another way.
    """

    settings: "Settings"
    reranker: "Reranker | None"
    k: int | None
    read: Callable[[Callable[["Generation"], Any]], Any]
    retrieve: Callable[..., Retrieved] = field(repr=False)  # (filters, question=None: the one asked)


def similarity_to(encoder: "Encoder | None", vector: "np.ndarray | None") -> "Callable[[list[str]], np.ndarray] | None":
    """Cosine similarity of texts to the question's embedding (None without a model)."""
    if encoder is None or vector is None:
        return None
    return lambda texts: encoder.encode(texts) @ vector


@dataclass
class Judged:
    """The ranking, its scored sentences, the evidence and the decision."""

    ranking: Ranking
    sentences: list[Sentence]
    evidence: Evidence
    decision: Decision


def judge(p: Prepared, retrieved: Retrieved, asking: Asking) -> Judged:
    """Rank the retrieved hits, score their sentences, and decide whether they answer."""
    question = p.question
    ranking = rank(question, retrieved, asking.settings, reranker=asking.reranker, k=asking.k)
    similarity = similarity_to(p.encoder, p.vector)
    lead = Lead([], ranking.idf)
    dated = bool(ranking.hits) and ranking.hits[0].passage.doc_id in ranking.doc_dates  # a press release
    holding_year = subject_holding_first(question, year_holding_first(question, ranking)) if dated else ranking
    # (the release holding the year asked about, put first, is quoted first too)
    year_led = holding_year.hits[:1] != ranking.hits[:1]
    ranking = holding_year
    topical = ranking  # (a decision put first may share few words with the question)
    if dated and asks_where_it_stands(question):
        ranking = decision_first(question, ranking, retrieved.hits, lambda docs: asking.read(
            lambda gen: {d: gen.store.passages_of_document(d) for d in docs}),
            lambda docs: asking.read(lambda gen: release_terms(gen.store, docs)))
    # (A place, a holder or a survey's share is looked for in the whole of a dated release only.)
    if asks_outright(question) and ranking.hits and (
            dated or not (whole_release(question) or answered_by_share(question))):
        lead = asking.read(lambda gen: rest_of_lead(gen, question, ranking))
    rest, idf = lead.rest, lead.idf
    sentences = score_sentences(question, ranking.hits, idf, similarity=similarity, events=dated)
    if lead.leadins:  # the hits' list items, read with the sentence introducing their list
        sentences = [replace(s, context=lead.leadins[s.hit.passage.passage_id])
                     if s.hit.passage.passage_id in lead.leadins else s for s in sentences]
    sentences = with_speeches(question, ranking, sentences, asking, similarity)
    if year_led:
        sentences = led_by(sentences, [s for s in sentences if s.hit.passage.doc_id == ranking.hits[0].passage.doc_id])
    scanned: list[Sentence] = []
    if rest:
        top = max((s.lexical for s in sentences), default=0.0)
        after = max((s.rank for s in sentences), default=0) + 1  # ranks past the hits' and speeches'
        scanned = scan_release(question, rest, idf, first_rank=after, top=top, similarity=similarity,
                               leadins=lead.leadins)
        first = ranking.hits[0].passage.doc_id
        if lead.following and not any(s.hit.passage.doc_id == first and figure_of(s.text, question.focus, s.context)
                                      for s in sentences + scanned):
            # (only the best giving the count, of a release whose sentences found speak of all the question)
            more = scan_release(question, lead.following, idf, first_rank=after + len(rest), top=top,
                                similarity=similarity)
            scanned += sorted((s for s in more if figure_of(s.text, question.focus, s.context)
                               and speaks_of_all(question, sentences + more, s)), key=lambda s: -s.score)[:1]
    # (a figure of what is counted, or a sum of funding asked for, is judged lifted)
    figure_judged = dated and question.expects == "number" and bool(question.focus or question.funding
                                                                    or question.costing)
    if figure_judged:
        lifted = lift_figures(question, sentences + scanned)
        sentences, scanned = lifted[:len(sentences)], lifted[len(sentences):]
    # The decision rests on the passages found, and on a figure of what is counted where the
    # rest of the leading release gives one ("the turnout of 42.6 per cent"), or a sum of funding
    # asked for ("£200 million over three years to fund the roll-out"), or a place or a holder
    # asked for ("closed Ysgol David Hughes in Menai Bridge and …"); any figure there would say
    # too little.
    judged = sentences + scanned if question.focus or question.funding or question.costing \
        or asks_outcome(question.text) or whole_release(question) else sentences
    evidence = gather(question, ranking, judged)
    if topical is not ranking:  # the decision put first, or the release on the topic, whichever covers it better
        def answers(e: Evidence) -> tuple[bool, float]:
            d = decide(e, dense=p.vector is not None, expects=question.expects)
            return d.answer, d.probability
        evidence = max(evidence, gather(question, topical, judged), key=answers)
    if dated and (question.expects in ("number", "date", "subject", "grade") or question.title) \
            and not question.focus and not figure_judged:
        # "How much did X commit to …?", "What was the closing date …?": a sum or a date the leading
        # release gives leads the quotes, once the passages found have been judged to answer without it.
        lifted = lift_figures(question, sentences + scanned)
        sentences, scanned = lifted[:len(sentences)], lifted[len(sentences):]
    if rest and whole_release(question):  # (rest: the whole leading release, a dated one)
        # (or the best sentence found, whatever its release: "Rallies will be held in Cardiff, Swansea,
        # Wrexham and Aberystwyth", a week after the release announcing the strike)
        best = [max(sentences, key=lambda s: s.score).text] if sentences else []
        evidence = replace(evidence, **lacking(question, [x.text for x in rest], lead.everywhere, best))
    sentences += scanned
    if dated and (question.expects == "number" or question.yes_or_no and question.expects is None):
        sentences = with_companions(question, sentences)
    if not ranking.hits:
        decision = Decision(False, 0.0, "no passage matches the question")
    elif not question.core:
        decision = Decision(False, 0.0, "the question names no topic to look for")
    else:
        decision = decide(evidence, dense=p.vector is not None, expects=question.expects)
    return Judged(ranking, sentences, evidence, decision)


@dataclass(frozen=True)
class Lead:
    """The leading release read for the answer asked for: its paragraphs to scan, the term
    weights to score them with, and (for a place) the place terms the corpus names everywhere."""

    rest: list["Passage"]
    idf: dict[str, float]
    everywhere: frozenset[str] = frozenset()
    leadins: dict[int, str] = field(default_factory=dict)  # answer_scan.lead_ins of the release
    # For a count, the next leading releases' paragraphs, read when the leading one gives none of it
    following: list["Passage"] = field(default_factory=list)


# The leading releases read for how something turned out, or who held a role.
NEXT_RELEASES = 3


def rest_of_lead(gen: "Generation", question: "Question", ranking: Ranking) -> Lead:
    """The leading release's paragraphs to scan for the answer asked for (answer_scan.py), and
    the term weights to score them with: all its paragraphs for a place or a role's holder
    (answer_scan.whole_release), and for a place, also how rare the places named in them and
    in the hits are. For how something turned out, or who held a role, the next of the leading
    releases (NEXT_RELEASES) are read too: for a role, those naming what it is of."""
    lead = ranking.hits[0].passage.doc_id
    passages = gen.store.passages_of_document(lead)
    leadins = lead_ins(passages)

    def and_next(holding: Sequence["TermGroup"] = ()) -> list["Passage"]:
        """With the next of the leading releases' passages (those holding a word of each of `holding`)."""
        others = list(dict.fromkeys(h.passage.doc_id for h in ranking.hits[:NAME_DEPTH]))[1:NEXT_RELEASES]
        read = [gen.store.passages_of_document(d) for d in others]
        return [*passages, *(x for ps in read if all(not {t for x in ps for t in analyse(x.text)}.isdisjoint(
            g.variants) for g in holding) for x in ps)]

    if not whole_release(question):
        found = {h.passage.passage_id for h in ranking.hits}
        # How something turned out may be said by the next of the leading releases ("The union has
        # announced four days of strike action", below the Government's offer): theirs are read too;
        # so may a count the leading release does not give ("The review makes 68 recommendations", in
        # the Government's release below a union's response to it).
        outcome, counting = asks_outcome(question.text), bool(question.focus) and question.expects == "number"
        read = and_next() if outcome or counting else passages
        following = read[len(passages):] if counting else []
        return Lead([x for x in (read if outcome else passages) if x.passage_id not in found], ranking.idf,
                    leadins=leadins, following=[x for x in following if x.passage_id not in found])
    if question.expects != "place":
        # So may who held a role ("The IWPRB, chaired by Dr Helen Price, …", below the pay award), in a
        # release naming what the role is of (the question's telling words: not another body's chair).
        of = [g for g in question.groups if g.core and not common(g.stem, ranking.idf) and g.stem not in question.role]
        return Lead(and_next(of) if question.role else passages, ranking.idf, leadins=leadins)
    if question.venue:
        # A venue may be named by the next of the leading releases ("at the Telford International Centre"),
        # the leading one naming only the town ("NAHT's annual conference takes place in Telford"): one naming
        # the places the question names ("Which venue in Llandudno …?").
        passages = and_next([g for g in question.groups if g.stem in question.specifics[0]])
    named = sorted(place_terms(question, [x.text for x in (*passages, *(h.passage for h in ranking.hits))]))
    n, freqs = gen.store.passage_count(), gen.store.doc_freqs(named)
    return Lead(passages, {**idf_terms(n, freqs, named), **ranking.idf}, named_everywhere(n, freqs), leadins)


def with_speeches(question: "Question", ranking: Ranking, sentences: list[Sentence], asking: Asking,
                  similarity: "Callable[[list[str]], np.ndarray] | None") -> list[Sentence]:
    """The sentences to quote, with the speech a passage's last line introduces read in
    place of that line (speech.py)."""
    lines = speech_lines(sentences)
    if not lines or question.expects in ("name", "place"):
        return sentences

    def read(gen: "Generation") -> dict[int, "Passage"]:
        releases = {doc: gen.store.passages_of_document(doc) for doc in {s.hit.passage.doc_id for s in lines}}
        after: dict[int, "Passage"] = {}
        for line in lines:
            before = line.hit.passage
            nxt = next((x for x in releases[before.doc_id] if x.start >= before.end), None)
            if nxt is not None:
                after[line.rank] = nxt
        return after

    following = asking.read(read)
    top = max((s.lexical for s in sentences), default=0.0)
    return quote_speeches(question, sentences, following, ranking.idf, first_rank=len(ranking.hits),
                          top=top, similarity=similarity)


def compose(question: str, p: Prepared, retrieved: Retrieved, asking: Asking) -> Answer:
    """The answer to a question with a topic, from its retrieved passages."""
    if p.question.unheard_speakers:  # "What did the WLGA say …?": the corpus never names them
        who = " or ".join(p.question.unheard_speakers)
        return Answer(question=question, answered=False, notes=tuple(p.notes),
                      reason=f"no release is from or mentions {who}",
                      explanation=f"No release in the collection is from {who} or mentions it.")
    judged = judge(p, retrieved, asking)
    if judged.decision.answer:
        return answered(question, p, judged, asking, list(p.notes))
    if p.asked_speakers and not p.question.speakers_firm:
        # "How much did X promise …?": X's releases do not say, but another's may report it.
        anyone = judge(p, asking.retrieve(replace(p.filters, sources=())), asking)
        if anyone.decision.answer:
            others = replace(p.filters, sources=())
            return answered(question, p, anyone, asking, [
                *unsearched(p),
                f"no release from {' and '.join(p.filters.sources)} covers that; quoting other releases",
                *([searched_note(others, p.question)] if others.active else [])])
    # (or none naming what the question names: "Who was president of NAHT Cymru when the union met in
    # Liverpool?", of a branch whose releases never name Liverpool)
    unnamed = bool(retrieved.hits) and bool(judged.evidence.rare_name_missing)
    parents = parents_of(p) if p.asked_speakers and (not retrieved.hits or unnamed) else ()
    if parents:
        # "What did NAHT Cymru delegates say … in 2016?": no release of the branch then, but its
        # people speak in its parent's releases too; a sentence naming the branch says where it was,
        # or what it had ("NAHT Cymru president Hywel Roberts … told the conference").
        family = replace(p.filters, sources=(*p.filters.sources, *parents))
        wider = judge(p, asking.retrieve(family), asking)
        if wider.decision.answer and (p.question.expects != "place" and not unnamed
                                      or branch_said(wider, p.filters.sources, p.gen.directory)):
            when = " covers that" if unnamed else f" {p.question.time.phrase}" if p.asked_window else ""
            return answered(question, p, wider, asking, [
                *unsearched(p), f"no release from {' and '.join(p.filters.sources)}{when}; quoting "
                f"{' and '.join(parents)}", searched_note(family, p.question)])
    common: dict[str, Any] = dict(question=question, passages=tuple(judged.ranking.hits),
                                  confidence=judged.decision.probability, evidence=judged.evidence.as_dict())
    reason, explanation = judged.decision.reason, ""
    if not retrieved.hits:
        reason, explanation = nothing_found(p, asking)
    nearby: list = []
    if p.asked_window:
        # Nothing in the time asked about: the nearest releases that do cover it, said as such.
        other = judge(p, asking.retrieve(replace(p.filters, since=None, until=None)), asking)
        named = window_named(p.question.time, p.question.text)
        reporting = reported_elsewhere(p, other, named, asking) if named else None
        quoting_others: list[str] = []
        if reporting is None and named and p.asked_speakers and not p.question.speakers_firm:
            # "How much did the Government put towards the cost of the September 2025 pay rise?": another's
            # release of another time may report the speaker's deed ("had confirmed additional funding of
            # £41m", in a union's release of July 2025).
            anyone = replace(p, filters=replace(p.filters, sources=()))
            reporting = reported_elsewhere(anyone, judge(anyone, asking.retrieve(
                replace(anyone.filters, since=None, until=None)), asking), named, asking)
            quoting_others = [f"no release from {' and '.join(p.filters.sources)} covers that; quoting other releases"]
        if reporting is not None and named:
            # "How many … in January 2015?": a release of another time gives the figure for that one.
            t = p.question.time
            note = (f"no release since {human(t.since)} covers that; quoting an earlier one that speaks of the "
                    "months before it" if t.rolling and t.since else
                    f"no release {t.phrase} covers that; quoting one from another time that speaks of {t.label}")
            near = reports_from(t)
            naming = frozenset(s.hit.passage.doc_id for s in reporting.sentences if named.search(s.text) and (
                s.hit.passage.date is None or near(s.hit.passage.date)))
            return answered(question, p, reporting, asking, [*unsearched(p), *quoting_others, note],
                            order=naming_first(named, near=near, releases=naming))
        who = f"from {' and '.join(p.filters.sources)} " if p.filters.sources else ""
        if other.decision.answer and p.question.time.current and all(
                h.passage.date is not None and h.passage.date < p.filters.since for h in other.ranking.hits[:1]):
            # "What share … this year?": nothing yet this year; the latest before it is what is asked about.
            return answered(question, p, other, asking, [
                *unsearched(p), f"no release {who}{p.question.time.phrase} covers that yet; quoting the latest"],
                order=newest_first(on_topic(p.question, other.ranking)))
        if other.decision.answer:
            nearby = make_quotes(p.question, other.sentences, other.ranking.idf, max_quotes=3,
                                 order=nearest_to(p.filters.since, p.filters.until))
            reason = f"no release {who}{p.question.time.phrase} covers that"
            explanation = (explanation.rstrip(".") + "; the nearest that cover it:" if explanation
                           else f"No release {who}{p.question.time.phrase} covers that; the nearest that do:")
    return Answer(answered=False, notes=tuple(p.notes), reason=reason, explanation=explanation,
                  nearby=tuple(nearby), **common)


def answered(question: str, p: Prepared, judged: Judged, asking: Asking, notes: list[str],
             order: "Order | None" = None) -> Answer:
    """The answer quoting what `judged` found (its decision was to answer), in `order` (default:
    one reporting how something turned out first when that, or what was said of it, is asked, the
    newest first when an organisation's statements are, the soonest first when what it said after
    an event is, else the best first)."""
    if order is None and (asks_outcome(p.question.text) or reacts_to_outcome(p.question.text)):
        order = outcome_first
    newest = order is None and wants_newest(p.question)
    soonest = order is None and p.question.time.soonest and bool(p.question.speakers)
    topical: dict[str, dt.date] = on_topic(p.question, judged.ranking) if newest or soonest else {}
    quotes = make_quotes(p.question, judged.sentences, judged.ranking.idf, max_quotes=asking.settings.max_quotes,
                         order=order or (newest_first(topical, earliest=soonest) if newest or soonest
                                         else best_first))
    more = len(set(topical) - {q.citation.doc_id for q in quotes}) if newest else 0
    if more:
        notes.append(f"{more} more release{'s' if more > 1 else ''} on this; add a year to the question to see one")
    return Answer(answered=bool(quotes), quotes=tuple(quotes), notes=tuple(notes),
                  reason="" if quotes else "no sentence of the best passages answers it", question=question,
                  passages=tuple(judged.ranking.hits), confidence=judged.decision.probability,
                  evidence=judged.evidence.as_dict())


def broad_answer(question: str, p: Prepared, asking: Asking) -> Answer | None:
    """What an organisation says or asks for: its newest releases, one or two calls each;
    asked what it wants of another, its newest releases calling on that one (None when none
    does: the question is then answered as any other).

    When the time asked about holds none of its releases, the releases
    nearest that time are quoted instead, as such.
    """
    f = p.filters
    of = asked_of(p.question)

    def read(gen: "Generation") -> tuple[list[list["Passage"]], int]:
        if of:
            ids = gen.store.newest(f.sources, f.since, f.until, limit=ASKED_OF_READ)
            calling = [ps for ps in (gen.store.passages_of_document(d) for d in ids) if calls_on(ps, of)]
            return calling[:RELEASES], len(calling)
        ids = gen.store.newest(f.sources, f.since, f.until, limit=RELEASES)
        if not ids and p.asked_window:
            ids = gen.store.closest(f.sources, f.since, f.until, limit=RELEASES)
        total = gen.store.date_range(f.sources, f.since, f.until)[0]
        return [gen.store.passages_of_document(d) for d in ids], total

    releases, total = asking.read(read)
    if of and not releases:
        return None
    quotes, hits = broad_quotes(p.question, releases, similarity_to(p.encoder, p.vector),
                                max_quotes=asking.settings.max_quotes)
    notes = list(p.notes)
    common: dict[str, Any] = dict(question=question, passages=tuple(hits[:asking.k or asking.settings.k]),
                                  by_release=True)
    if not total:
        _, explanation = nothing_found(p, asking)
        if quotes:
            explanation = explanation.rstrip(".") + "; the nearest:"
        return Answer(answered=False, notes=tuple(notes), reason=explanation, explanation=explanation,
                      nearby=tuple(quotes), **common)
    if total > len(releases):
        notes.append(f"the {len(releases)} newest of {total} releases searched; name a topic or a year for others")
    return Answer(answered=bool(quotes), quotes=tuple(quotes), notes=tuple(notes),
                  reason="" if quotes else "the releases searched have no text to quote", **common)


def reported_elsewhere(p: Prepared, other: Judged, named: "re.Pattern[str]", asking: Asking) -> Judged | None:
    """What answers for the time asked about from a release of another time (`other`: the
    question asked of any time), or None: one of its best sentences, or its leading release,
    names the time; or a release found with the time's own words searched for does ("School
    reserves stood at £59.4m at 31 March 2013", in a release of 2014; "the 2012 PISA tests"). For
    a person asked about by name, a sentence naming the time names them too."""
    topic = topic_words(p.question, other.ranking.idf)
    found = reporting_release(p, other, named, asking, topic)
    person = set(p.question.person_speaking)
    # "What did Kirsty Williams say about the 2021 pay award?": her words then, not a union's on the 2021 round
    return found if found is None or not person or any(
        names(named, s.text) and person <= set(analyse(s.text)) for s in found.sentences) else None


def reporting_release(p: Prepared, other: Judged, named: "re.Pattern[str]", asking: Asking,
                      topic: frozenset[str]) -> Judged | None:
    """What reports on the time asked about, whoever spoke (reported_elsewhere)."""
    t = p.question.time
    reports = reporting(p.question, other.sentences, named, topic) if other.decision.answer else []
    if reports:
        return replace(other, sentences=led_by(other.sentences, reports))
    before = ahead_of_it(p.question)
    if other.decision.answer and leading_report(other, t, named, asking, p.question, topic, before=before):
        return other
    dated = time_as_topic(p.question)
    again = judge(replace(p, question=dated), asking.retrieve(replace(p.filters, since=None, until=None), dated),
                  asking)
    # (A year searched for puts any sentence naming it first: "in autumn 2024" of another topic.
    # Its release must say so, and be near it.)
    return again if again.decision.answer and ((short(t) and reports_window(p.question, again.sentences, named, topic))
                                               or leading_report(again, t, named, asking, p.question, topic,
                                                                 before=before)) else None


def leading_report(judged: Judged, t: "TimeFrame", named: "re.Pattern[str]", asking: Asking, question: "Question",
                   topic: frozenset[str] = frozenset(), *, before: bool = True) -> bool:
    """Whether the leading release, issued near the time asked about, names it anywhere
    (other_time.release_reports); or another of the leading releases (those of the NAME_DEPTH
    leading passages, where quotes come from), issued near after it, names it in a sentence
    found: "The 2012 PISA tests …" in a release of December 2013, second to one of 2016
    comparing with 2012. For a score `question` asks for, that release's sentences found
    give it: one naming the time ("The results of the 2018 PISA tests show …") with no reading
    score reports none, whatever another release gives ("480 in reading", of 2012)."""
    assert t.until is not None

    def giving(doc: str) -> bool:
        return not question.score_of or any(
            s.hit.passage.doc_id == doc and question.offered_by(s.text, s.context) for s in judged.sentences)

    first = judged.ranking.hits[0].passage
    texts = [x.text for x in asking.read(lambda gen: gen.store.passages_of_document(first.doc_id))]
    if release_reports(texts, first.date, t, named, topic, before=before) and giving(first.doc_id):
        return True
    after = {h.passage.doc_id for h in judged.ranking.hits[:NAME_DEPTH]
             if h.passage.date is not None and h.passage.date > t.until and reports_from(t)(h.passage.date)}
    return any(s.hit.passage.doc_id in after and names(named, s.text) and of_topic(f"{s.context} {s.text}", topic)
               and giving(s.hit.passage.doc_id) for s in judged.sentences)


def unsearched(p: Prepared) -> list[str]:
    """The question's notes but the one saying what was searched (an answer from a wider search says its own)."""
    return [n for n in p.notes if not n.startswith("searched releases")]


def parents_of(p: Prepared) -> tuple[str, ...]:
    """The bodies whose branches the question's speakers are, not among them already."""
    orgs = p.gen.directory.orgs
    parents = (orgs[s].parent for s in p.filters.sources if s in orgs)
    return tuple(dict.fromkeys(x for x in parents if x and x not in p.filters.sources))


def branch_said(judged: Judged, branches: Sequence[str], directory: "Directory") -> bool:
    """Whether the best sentence of `judged`, from a parent's release, names one of the
    `branches` asked about by a name of its own (`directory`): where a branch's event was ("NAHT
    Cymru president Gareth Jones, headteacher of a primary school in Pembrokeshire"), not where the
    parent's own was ("at its annual conference at the ACC Liverpool", of NAHT, asked where NAHT
    Cymru held its conference)."""
    best = max(judged.sentences, key=lambda s: s.score, default=None)
    return best is not None and any(m.how != "family" and m.orgs[0] in branches for m in directory.find(best.text))


def nothing_found(p: Prepared, asking: Asking) -> tuple[str, str]:
    """Why no passage matched (the reason), and, when the filters leave no release at all,
    that explanation for the reader, naming them and the dates there are."""
    f = p.filters
    if not f.active:
        return "no passage matches the question", ""
    n, _, _ = asking.read(lambda gen: gen.store.date_range(f.sources, f.since, f.until))
    if n:
        return "no passage of the releases searched matches the question", ""
    _, first, last = asking.read(lambda gen: gen.store.date_range(f.sources))
    who = f"from {' and '.join(f.sources)} " if f.sources else ""
    when = p.question.time.phrase if p.asked_window else (
        f"between {human(f.since)} and {human(f.until)}" if f.since and f.until else window_label(f.since, f.until))
    if not (first and last):
        span = f"the releases {who or 'in the corpus '}are undated"
    elif first == last:
        span = f"the releases {who or 'in the corpus '}are all dated {human(first)}"
    else:
        span = f"the releases {who or 'in the corpus '}run from {human(first)} to {human(last)}"
    explanation = f"There are no releases {who}{when}; {span}."
    return explanation, explanation


def searched_note(filters: Filters, question: "Question") -> str:
    """"searched releases from NAHT Cymru, December 2019"."""
    parts = []
    if filters.sources:
        parts.append("from " + " and ".join(filters.sources))
    if filters.since or filters.until:
        parts.append(question.time.label if question.time.window and (filters.since, filters.until) == (
            question.time.since, question.time.until) else window_label(filters.since, filters.until))
    return "searched releases " + ", ".join(parts)


def window_label(since: "dt.date | None", until: "dt.date | None") -> str:
    if since and until:
        return f"{human(since)} to {human(until)}"
    return f"since {human(since)}" if since else f"up to {human(until)}"
