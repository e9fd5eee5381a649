"""PDFs for the tests: a minimal one written by hand, and laid-out releases made with reportlab."""

from __future__ import annotations

import io
from typing import Sequence
from xml.sax.saxutils import escape


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines` (Latin-1 text) in Helvetica."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def release_pdf(headline: str, paragraphs: Sequence[str], *, dateline: str | None = None, columns: int = 1,
                header: str | None = None, footer: str | None = None, indent: float = 0, space_after: float = 6,
                justify: bool = False, font_size: float = 10, title: str | None = None) -> bytes:
    """A release laid out as word processors and design tools do, with reportlab.

    Args:
        headline: Set large and bold above the text (across all columns).
        paragraphs: The body (plain text), wrapped to the column width.
        dateline: A line in body type under the headline.
        columns: Text columns per page.
        header: Drawn at the top of every page.
        footer: Drawn at the bottom of every page; "{page}" becomes the page number.
        indent: First-line indent of every paragraph, in points.
        space_after: Space after every paragraph, in points (0: none).
        justify: Justify the text instead of leaving the right edge ragged.
        font_size: Body type size in points.
        title: The document information title (reportlab writes "(anonymous)" without one).

    Returns:
        The PDF's bytes.
    """
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=font_size, leading=font_size * 1.25,
                          firstLineIndent=indent, spaceBefore=0, spaceAfter=space_after,
                          alignment=TA_JUSTIFY if justify else TA_LEFT)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2.5 * cm,
                          bottomMargin=2.5 * cm, **({"title": title} if title else {}))
    gap = 0.8 * cm
    width = (doc.width - gap * (columns - 1)) / columns
    head = Paragraph(escape(headline), styles["Title"])
    _, head_height = head.wrap(doc.width, doc.height)
    head_height += styles["Title"].spaceAfter + styles["Title"].spaceBefore
    if dateline:
        date_par = Paragraph(escape(dateline), body)
        head_height += date_par.wrap(doc.width, doc.height)[1] + space_after
    head_height += 12 + 6  # the frame's own padding, and room to spare

    def decorate(canvas, document) -> None:  # noqa: ANN001 - reportlab's types
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if header:
            canvas.drawString(doc.leftMargin, A4[1] - 1.5 * cm, header)
        if footer:
            canvas.drawString(doc.leftMargin, 1.5 * cm, footer.format(page=document.page))
        canvas.restoreState()

    def frames(top_reserved: float) -> list:
        return [Frame(doc.leftMargin + i * (width + gap), doc.bottomMargin, width, doc.height - top_reserved,
                      id=f"column{i}") for i in range(columns)]

    first = PageTemplate(id="first", frames=[Frame(doc.leftMargin, doc.bottomMargin + doc.height - head_height,
                                                   doc.width, head_height, id="masthead")] + frames(head_height),
                         onPage=decorate)
    later = PageTemplate(id="later", frames=frames(0), onPage=decorate)
    doc.addPageTemplates([first, later])
    story: list = [NextPageTemplate("later"), head]
    if dateline:
        story.append(date_par)
    story.append(FrameBreak())
    story += [Paragraph(escape(p), body) for p in paragraphs]
    doc.build(story)
    return buffer.getvalue()
