"""Paragraph passages: numbering as a reader counts, exact offsets, bounded length."""

from __future__ import annotations

from retrieval.loaders import load_corpus
from retrieval.passages import split_document
from retrieval.schema import Document
from retrieval.sentences import sentence_spans

from .conftest import SEED_CORPUS


def doc(text: str, title: str = "Headline") -> Document:
    return Document(doc_id="d", path="d.md", title=title, text=text)


def test_seed_paragraphs_are_numbered_as_a_reader_counts() -> None:
    docs = {d.source: d for d in load_corpus([SEED_CORPUS]).documents}
    ascl = split_document(docs["ASCL Cymru"])
    naht = split_document(docs["NAHT Cymru"])
    # The ASCL headline and dateline are not paragraphs; the body has ten.
    assert [p.paragraph for p in ascl] == list(range(1, 11))
    assert ascl[0].text.startswith("ASCL Cymru will challenge the Welsh government")
    # NAHT: one paragraph per line; "Notes to Editors" (a heading) and the
    # "First published" dateline are not counted.
    assert len(naht) == 20
    assert naht[5].paragraph == 6 and naht[5].text.startswith("It says: ‘Congress calls on Welsh Government")
    assert naht[-1].text.startswith("Congress calls on Welsh Government to amend the ALN code")
    assert not any(p.text == "Notes to Editors" for p in naht)


def test_offsets_point_into_the_document() -> None:
    for d in load_corpus([SEED_CORPUS]).documents:
        for p in split_document(d):
            assert d.text[p.start:p.end] == p.text
            assert (p.title, p.source, p.date) == (d.title, d.source, d.date)


def test_blank_line_paragraphs_keep_wrapped_lines_together() -> None:
    text = "Headline\n\nFirst paragraph wraps\nonto a second line.\n\nSecond paragraph.\n"
    ps = split_document(doc(text))
    assert [(p.paragraph, p.text) for p in ps] == [
        (1, "First paragraph wraps\nonto a second line."), (2, "Second paragraph.")]


def test_list_items_are_paragraphs() -> None:
    text = "Intro sentence here.\n\n- first demand is funding.\n- second demand is staff.\n"
    ps = split_document(doc(text))
    assert [p.text for p in ps] == ["Intro sentence here.", "- first demand is funding.", "- second demand is staff."]


def test_long_paragraph_is_split_at_sentences_with_one_number() -> None:
    sentence = "The council said it would spend more money on schools this year than last. "
    text = "Intro.\n\n" + sentence * 40 + "\n\nAfter.\n"
    ps = split_document(doc(text), max_chars=300)
    long_parts = [p for p in ps if p.paragraph == 2]
    assert len(long_parts) > 5
    assert [p.part for p in long_parts] == list(range(1, len(long_parts) + 1))
    assert all(len(p.text) <= 300 for p in long_parts)
    assert all(p.text.endswith(".") for p in long_parts)
    assert ps[-1].paragraph == 3 and ps[-1].text == "After."
    # The parts cover the paragraph exactly, in order.
    assert " ".join(p.text for p in long_parts) == (sentence * 40).strip()


def test_trailing_fragment_is_merged() -> None:
    text = "A" * 10 + ". " + ("Word " * 50).strip() + ". Tiny end."
    ps = split_document(doc("Intro.\n\n" + text), max_chars=200)
    assert ps[-1].text.endswith("Tiny end.") and len(ps[-1].text) > 20


def test_sentence_with_no_punctuation_is_cut_at_spaces() -> None:
    text = "Intro.\n\n" + " ".join(["word"] * 400)
    ps = split_document(doc(text), max_chars=200)
    assert all(len(p.text) <= 200 for p in ps)
    assert sum(p.text.count("word") for p in ps) == 400


def test_sentence_spans_respect_abbreviations_and_quotes() -> None:
    text = "Dr. Smith met Mr. Jones at 3 p.m. on Monday. He said: “It works.” Then he left!"
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == ["Dr. Smith met Mr. Jones at 3 p.m. on Monday.", "He said: “It works.”", "Then he left!"]


def test_each_item_of_a_list_is_a_sentence_without_its_bullet() -> None:
    text = ("The survey found that:\n- 78% said banding had damaged morale\n- only 12% said it had helped. "
            "Few did.\n1. 64% wanted it scrapped\n2) Costs rose by 5 - 3 per cent")
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == ["The survey found that:", "78% said banding had damaged morale", "only 12% said it had helped.",
                     "Few did.", "64% wanted it scrapped", "Costs rose by 5 - 3 per cent"]
    assert [text[a:b] for a, b in sentence_spans(text, text.index("- only"))][0] == "only 12% said it had helped."


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    text = ("Experimental investigation of the aerodynamics of a wing in a\n"
            "slipstream was carried out at two speeds and the results are\n"
            "compared with theory.\n"
            "A second study measured the boundary layer on a flat plate at\n"
            "high speed and found transition earlier than expected by the\n"
            "earlier work.\n")
    ps = split_document(doc(text))
    assert [p.paragraph for p in ps] == [1, 2]
    assert ps[0].text.endswith("compared with theory.") and ps[1].text.startswith("A second study")
    assert "\n" in ps[0].text  # offsets keep the original line breaks


def test_one_paragraph_per_line_is_kept() -> None:
    text = "First paragraph sentence.\nSecond paragraph sentence.\nThird paragraph sentence.\nFourth one.\n"
    assert [p.text for p in split_document(doc(text))] == [
        "First paragraph sentence.", "Second paragraph sentence.", "Third paragraph sentence.", "Fourth one."]


def test_a_short_paragraph_without_a_full_stop_is_kept() -> None:
    text = ("Council confirms new funding\n\nCardiff, 3 February 2025\n\n"
            "The council has confirmed a new grant for primary schools.\n\n"
            "Twenty primary schools will share five million pounds over two years\n\n"
            "Notes to Editors\n\n"
            "The grant is paid from April.\n\nENDS\n")
    ps = split_document(doc(text, title="Council confirms new funding"))
    # The headline, the dateline, a section heading and the end mark are not paragraphs; all else is.
    assert [(p.paragraph, p.text) for p in ps] == [
        (1, "The council has confirmed a new grant for primary schools."),
        (2, "Twenty primary schools will share five million pounds over two years"),
        (3, "The grant is paid from April."),
    ]


def test_one_paragraph_per_line_keeps_short_lines() -> None:
    text = ("Council confirms new funding\nThe council has confirmed a new grant.\n"
            "Twenty primary schools will share five million pounds over two years\nKey facts\n"
            "Background\nThe grant is paid from April.\n")
    ps = split_document(doc(text, title="Council confirms new funding"))
    assert [p.text for p in ps] == ["The council has confirmed a new grant.",
                                    "Twenty primary schools will share five million pounds over two years",
                                    "Key facts", "The grant is paid from April."]
