"""Property: a release made of paragraphs, written as .md, .txt, .html or .pdf and loaded
back, keeps every sentence of every paragraph, in order (whitespace aside), in its text and
in its passages."""

from __future__ import annotations

import html
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from retrieval.loaders import load_file
from retrieval.passages import split_document
from retrieval.sentences import normalise_space

from .pdfgen import release_pdf

HEADLINE = "Council publishes its annual report"
WORDS = ("the council school schools pupils teachers union funding budget money year said would will new "
         "county primary secondary staff parents plan buildings minister education report cabinet members "
         "week today further support work héad café naïve don’t well-known “quoted” 'single' extra, more; "
         "however, Llandudno Wales Cymru Example Roe Jones").split()


def _sentence(words: list[str], end: str) -> str:
    text = " ".join(words)
    return text[0].upper() + text[1:] + end


sentences = st.builds(_sentence, st.lists(st.sampled_from(WORDS), min_size=3, max_size=30),
                      st.sampled_from([".", ".", ".", "!", "?"]))
# A paragraph: sentences; a one-sentence paragraph may lack its full stop (written as a sentence:
# a short line in title case, "Key Facts", is a heading, and headings are not paragraphs).
paragraphs = st.one_of(
    st.lists(sentences, min_size=1, max_size=4).map(" ".join),
    st.builds(lambda first, rest: _sentence([first, "will", *rest], ""), st.sampled_from(WORDS),
              st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)),
)
releases = st.lists(paragraphs, min_size=1, max_size=7, unique=True)


def _write(folder: Path, kind: str, paras: list[str], layout: dict) -> Path:
    path = folder / f"release{kind}"
    if kind == ".md":
        path.write_text(f"---\ntitle: {HEADLINE}\n---\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    elif kind == ".txt":
        path.write_text(HEADLINE + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    elif kind == ".html":
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
        path.write_text(f"<html><head><title>{HEADLINE}</title></head><body><nav>Home | News</nav><article>"
                        f"<h1>{HEADLINE}</h1>\n{body}</article><footer>Contact us</footer></body></html>",
                        encoding="utf-8")
    else:
        path.write_bytes(release_pdf(HEADLINE, paras, **layout))
    return path


def _in_order(needles: list[str], haystack: str) -> list[str]:
    """The needles not found in `haystack` after the previous one (whitespace collapsed)."""
    missing, pos = [], 0
    for needle in needles:
        at = haystack.find(normalise_space(needle), pos)
        if at < 0:
            missing.append(needle)
        else:
            pos = at + len(normalise_space(needle))
    return missing


def _check(tmp_path: Path, kind: str, paras: list[str], layout: dict | None = None) -> None:
    [doc] = load_file(_write(tmp_path, kind, paras, layout or {}))
    text = normalise_space(doc.text)
    assert _in_order(paras, text) == [], doc.text
    passages = normalise_space(" ".join(p.text for p in split_document(doc)))
    assert _in_order(paras, passages) == [], [p.text for p in split_document(doc)]
    assert doc.title == HEADLINE


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paras=releases, kind=st.sampled_from([".md", ".txt", ".html"]))
def test_text_and_html_keep_every_sentence(tmp_path: Path, paras: list[str], kind: str) -> None:
    _check(tmp_path, kind, paras)


layouts = st.fixed_dictionaries({
    "columns": st.sampled_from([1, 1, 2]),
    "indent": st.sampled_from([0, 0, 12, 18]),
    "space_after": st.sampled_from([0, 6, 12]),
    "justify": st.booleans(),
    "font_size": st.sampled_from([9, 10, 11, 12]),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paras=st.lists(paragraphs, min_size=1, max_size=12), layout=layouts)
# A justified paragraph alone in the left column: its word spaces line up like a gutter.
@example(paras=["The council council council council council council council schools members."],
         layout={"columns": 2, "indent": 0, "space_after": 0, "justify": True, "font_size": 12})
@example(paras=["The the the.", "The the the council council well-known."],
         layout={"columns": 2, "indent": 12, "space_after": 0, "justify": True, "font_size": 12})
# A justified line in two pieces whose word space lines up with another's: a strip a space wide.
@example(paras=["The will the", "The will the the the council schools council",
                "Council will school funding will work council"],
         layout={"columns": 2, "indent": 12, "space_after": 0, "justify": True, "font_size": 11})
def test_pdf_keeps_every_sentence_whatever_the_layout(tmp_path: Path, paras: list[str], layout: dict) -> None:
    _check(tmp_path, ".pdf", paras, layout)
