"""Loaders against realistic layouts: the exact paragraphs and metadata of each.

PDFs are laid out with reportlab (tests/pdfgen.py) as word processors and
design tools lay out releases; the HTML and text fixtures are in
tests/fixtures/releases/.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from retrieval.loaders import load_file
from retrieval.passages import split_document
from retrieval.schema import Document

from .pdfgen import release_pdf
from .release_texts import DATELINE, HEADLINE, PARAGRAPHS

FIXTURES = Path(__file__).parent / "fixtures" / "releases"


def _load(tmp_path: Path, name: str, data: bytes | None = None) -> Document:
    path = tmp_path / name
    if data is None:
        shutil.copy(FIXTURES / name, path)
    else:
        path.write_bytes(data)
    [doc] = load_file(path)
    return doc


def _paragraphs(doc: Document) -> list[str]:
    return [p.text for p in split_document(doc)]


@pytest.mark.parametrize("layout", [
    {},  # ragged right, space between paragraphs
    {"justify": True, "indent": 14, "space_after": 0},  # justified, indented first lines, no space between
])
def test_pdf_with_wrapped_paragraphs(tmp_path: Path, layout: dict) -> None:
    doc = _load(tmp_path, "release.pdf", release_pdf(HEADLINE, PARAGRAPHS, dateline=DATELINE, font_size=11,
                                                     **layout))
    assert (doc.title, doc.date, doc.source, doc.url) == (HEADLINE, dt.date(2025, 3, 12), None, None)
    assert _paragraphs(doc) == PARAGRAPHS


@pytest.mark.parametrize("layout", [
    {"font_size": 10},  # fills most of two columns on one page
    {"font_size": 14},  # runs onto a second page; paragraphs go on across columns and pages
    {"font_size": 12, "justify": True, "indent": 12, "space_after": 0},
])
def test_two_column_pdf(tmp_path: Path, layout: dict) -> None:
    doc = _load(tmp_path, "release.pdf", release_pdf(HEADLINE, PARAGRAPHS, dateline=DATELINE, columns=2, **layout))
    assert (doc.title, doc.date) == (HEADLINE, dt.date(2025, 3, 12))
    assert _paragraphs(doc) == PARAGRAPHS


@pytest.mark.parametrize("columns", [1, 2])
def test_pdf_with_a_header_and_footer_on_every_page(tmp_path: Path, columns: int) -> None:
    pdf = release_pdf(HEADLINE, PARAGRAPHS, dateline=DATELINE, columns=columns, font_size=16,
                      header="Example County Council — Press Office", footer="Page {page}",
                      title="Five-year plan for school buildings")
    doc = _load(tmp_path, "release.pdf", pdf)
    assert (doc.title, doc.date) == ("Five-year plan for school buildings", dt.date(2025, 3, 12))
    assert "Press Office" not in doc.text and "Page 1" not in doc.text and "Page 2" not in doc.text
    # The document's own title differs from the headline, so the headline counts as a paragraph.
    assert _paragraphs(doc) == [HEADLINE, *PARAGRAPHS]


def test_word_exported_html(tmp_path: Path) -> None:
    doc = _load(tmp_path, "word-export.html")
    assert (doc.title, doc.date, doc.source, doc.url) == (
        "Union welcomes inspection reform", dt.date(2025, 3, 3), None, None)
    assert _paragraphs(doc) == [
        "The Example Teachers Union has welcomed the inspection reforms announced today by the education minister, "
        "which replace single-word judgements with a written report on each school.",
        "General secretary Jane Roe said: “This is a change our members have campaigned for over many years. "
        "A single word can never describe the work of a whole school.”",
        "The new reports will be piloted in forty schools from September",
        "· Inspectors will spend three days in each school instead of two.",
        "· Parents will be asked for their views before every inspection.",
        "The Example Teachers Union represents 30,000 teachers and head teachers in Wales.",
    ]


def test_text_with_a_dateline_and_no_front_matter(tmp_path: Path) -> None:
    doc = _load(tmp_path, "dateline.txt")
    assert (doc.title, doc.date, doc.source) == ("Council reopens libraries after refurbishment", dt.date(2021, 6, 30),
                                                 None)
    assert _paragraphs(doc) == [
        "All six branch libraries reopen on Monday with longer opening hours and new\n"
        "study spaces for pupils revising for examinations.",
        "Councillor Sam Lee said the refurbishment was finished on time and under\n"
        "budget, and thanked library staff for their patience.",
        "Libraries will open until eight in the evening on weekdays",
    ]


def test_welsh_and_english_on_one_page_keeps_both(tmp_path: Path) -> None:
    doc = _load(tmp_path, "bilingual.html")
    assert (doc.title, doc.date, doc.source) == (
        "Cyngor yn agor ysgol newydd | Council opens new school", dt.date(2025, 9, 1),
        "Cyngor Sir Enghraifft | Example County Council")
    assert _paragraphs(doc) == [
        "Mae Cyngor Sir Enghraifft wedi agor ysgol gynradd newydd ym Mhentref Enghraifft, a fydd yn dysgu dau gant o "
        "ddisgyblion trwy gyfrwng y Gymraeg.",
        "Dywedodd y Cynghorydd Siân Jones: “Mae hwn yn ddiwrnod gwych i’r pentref ac i addysg Gymraeg yn y sir.”",
        "Bydd yr ysgol yn agor ei drysau i rieni ddydd Sadwrn",
        "Example County Council has opened a new primary school in Example Village, which will teach two hundred "
        "pupils through the medium of Welsh.",
        "Councillor Siân Jones said: “This is a great day for the village and for Welsh-medium education in the "
        "county.”",
        "The school will open its doors to parents on Saturday",
    ]
