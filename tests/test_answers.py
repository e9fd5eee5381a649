"""Answers on the seed corpus: the right release, several quotes, declines, filters, fidelity."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval import BadFilter, BadQuestion, Engine
from retrieval.sentences import normalise_space

from .conftest import SEED_CORPUS

NAHT_TITLE = "NAHT Cymru warns children with additional learning needs in Wales are being failed and calls for urgent funding"


def quoted_pieces(text: str) -> list[str]:
    return [p.strip() for p in text.split("…") if p.strip()]


def assert_verbatim(engine: Engine, answer) -> None:  # noqa: ANN001
    texts = {d.doc_id: normalise_space(d.text) for d in engine.documents()}
    for quote in answer.quotes:
        for piece in quoted_pieces(quote.text):
            assert piece in texts[quote.citation.doc_id], piece
        doc = next(d for d in engine.documents() if d.doc_id == quote.citation.doc_id)
        for start, end in quote.spans:
            assert normalise_space(doc.text[start:end]) in quote.text


def test_naht_question_brings_the_three_calls(seed_engine: Engine) -> None:
    answer = seed_engine.answer("what did NAHT Cymru ask for?")
    assert answer.answered
    assert {c.source for c in answer.citations} == {"NAHT Cymru"}
    assert all(c.date == dt.date(2024, 5, 21) and c.title == NAHT_TITLE for c in answer.citations)
    text = " ".join(q.text for q in answer.quotes)
    assert "calls for an urgent injection of funding" in text
    assert "amend the ALN code" in text
    assert "double places on the Cardiff Educational and Child Psychologist (ECP) training course" in text
    # The motion repeated under "Notes to Editors" is quoted once, from the body (paragraph 6).
    assert text.count("amend the ALN code") == 1
    paragraphs = {c.paragraph for c in answer.citations}
    assert 6 in paragraphs and 20 not in paragraphs
    assert answer.notes == ("searched releases from NAHT Cymru",)
    assert_verbatim(seed_engine, answer)


def test_markers_number_sources_in_order(seed_engine: Engine) -> None:
    answer = seed_engine.answer("what did NAHT Cymru ask for?")
    assert [q.citation.n for q in answer.quotes] == list(range(1, len(answer.quotes) + 1))
    assert [c.n for c in answer.citations] == list(range(1, len(answer.quotes) + 1))


def test_devolving_decision_making_quotes_ascl(seed_engine: Engine) -> None:
    answer = seed_engine.answer("Who wants decision-making devolved to schools?")
    assert answer.answered
    assert answer.quotes[0].citation.source == "ASCL Cymru"
    assert answer.quotes[0].citation.date == dt.date(2014, 11, 27)
    assert any("devolve more decision" in q.text for q in answer.quotes)
    assert_verbatim(seed_engine, answer)


def test_organisation_acronym_steers(seed_engine: Engine) -> None:
    answer = seed_engine.answer("what does ascl think about investment?")
    assert answer.answered and {c.source for c in answer.citations} == {"ASCL Cymru"}
    assert any("Without investment the risk of failure is great." in q.text for q in answer.quotes)


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "How is Wales doing in the football World Cup?",
        "Which school in Wales has the best rugby team?",
        "What's the weather forecast for Cardiff schools tomorrow?",
        "How do I reset my password?",
        "Tell me about the Welsh school holidays in Spain",
        "What did NAHT Cymru say about climate change and electric cars?",
        "what did they say?",
    ],
)
def test_off_topic_questions_are_declined(seed_engine: Engine, question: str) -> None:
    answer = seed_engine.answer(question)
    assert not answer.answered, [q.text for q in answer.quotes]
    assert answer.quotes == () and answer.reason


def test_filters(seed_engine: Engine) -> None:
    assert not seed_engine.answer("devolve decision-making", since="2020").answered
    answer = seed_engine.answer("devolve decision-making", until="2015-01")
    assert answer.answered and {c.source for c in answer.citations} == {"ASCL Cymru"}
    answer = seed_engine.answer("school leaders", sources=["naht"])
    assert answer.answered and {c.source for c in answer.citations} == {"NAHT Cymru"}
    with pytest.raises(BadFilter, match="no releases from 'Unison' in the corpus; organisations: ASCL Cymru, NAHT Cymru"):
        seed_engine.answer("pay", sources=["Unison"])
    with pytest.raises(BadFilter, match="not a date"):
        seed_engine.answer("pay", since="last week")
    with pytest.raises(BadFilter, match="later than"):
        seed_engine.answer("pay", since="2024", until="2020")


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "\x00"])
def test_empty_question(seed_engine: Engine, question: str) -> None:
    with pytest.raises(BadQuestion, match="the question is empty"):
        seed_engine.answer(question)


def test_overlong_question_is_cut_with_a_note(seed_engine: Engine) -> None:
    answer = seed_engine.answer("what did NAHT Cymru ask for? " + "padding " * 500)
    assert answer.notes[0].startswith("the question was cut to its first 1,99")
    assert answer.question.startswith("what did NAHT Cymru ask for?")


def test_json_shape(seed_engine: Engine) -> None:
    data = seed_engine.answer("what did NAHT Cymru ask for?", k=3).to_json()
    assert set(data) >= {"question", "answered", "quotes", "passages"}
    assert len(data["passages"]) == 3
    assert set(data["quotes"][0]["citation"]) == {"n", "doc_id", "title", "source", "date", "paragraph", "path", "url"}
    assert data["quotes"][0]["citation"]["date"] == "2024-05-21"
    assert set(data["passages"][0]) >= {"doc_id", "paragraph", "text", "score"}


def test_fake_corpus_answers(tmp_path, fake_corpus) -> None:  # noqa: ANN001
    from retrieval import Settings

    engine = Engine(Settings(corpus=(fake_corpus,), index_dir=tmp_path / "i", model="none"), encoder=None)
    engine.index()
    answer = engine.answer("What did the Example Teachers Union demand?")
    assert answer.answered and answer.quotes[0].citation.source == "Example Teachers Union"
    assert "fully funded pay rise of 8 per cent" in answer.quotes[0].text
    answer = engine.answer("when do the libraries reopen?")
    assert answer.quotes[0].citation.title == "Council reopens libraries after refurbishment"
    assert answer.quotes[0].citation.date == dt.date(2021, 6, 30)
    meals = engine.answer("how much do free school meals cost?")
    assert meals.quotes[0].citation.url == "https://example.org/news/school-meals"
    assert any("12 million pounds" in q.text for q in meals.quotes)


_WORDS: list[str] = []


def corpus_words() -> list[str]:
    if not _WORDS:
        text = " ".join(p.read_text(encoding="utf-8") for p in SEED_CORPUS.glob("*.md"))
        _WORDS.extend(sorted(set(re.findall(r"[A-Za-z’'-]+", text))))
    return _WORDS


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_quote_is_verbatim(seed_engine: Engine, data: st.DataObject) -> None:
    words = data.draw(st.lists(st.one_of(st.sampled_from(corpus_words()), st.text(min_size=1, max_size=8)),
                               min_size=1, max_size=12))
    question = " ".join(words)
    if not normalise_space(question):
        return
    try:
        answer = seed_engine.answer(question, k=data.draw(st.integers(1, 12)))
    except BadQuestion:
        assert not "".join(ch for ch in normalise_space(question) if ch.isprintable()).strip()
        return
    assert answer.answered == bool(answer.quotes)
    assert_verbatim(seed_engine, answer)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what did NAHT Cymru say about psychologsts?", "shortage of educational and child psychologists"),
        ("waht did ASCL say about devolvng decison-making?", "devolve more decision making to schools"),
        ("who is Laura Doell?", "Laura Doel, NAHT Cymru national secretary"),
    ],
)
def test_misspellings_are_read_as_corpus_words(seed_engine: Engine, question: str, expected: str) -> None:
    answer = seed_engine.answer(question)
    assert answer.answered and any(expected in q.text for q in answer.quotes)


def test_respelling_can_be_turned_off(seed_settings) -> None:  # noqa: ANN001
    import dataclasses

    engine = Engine(dataclasses.replace(seed_settings, respell=False), encoder=None)
    engine.index()
    assert not engine.answer("what did NAHT Cymru say about psychologsts?").answered


def test_edit_distance() -> None:
    from retrieval.question import edit_distance, nearest_term

    assert edit_distance("psychologst", "psychologist", 2) == 1
    assert edit_distance("waht", "what", 1) == 1  # a transposition is one edit
    assert edit_distance("football", "foot", 2) == 3  # beyond the limit: limit + 1
    assert nearest_term("fundng", [("fund", 9), ("funding", 3), ("fending", 1)]) == "funding"
    assert nearest_term("weather", [("whether", 5), ("leather", 2)]) == "leather"
    assert nearest_term("zzzzz", [("fund", 9)]) is None
