"""The PDF documents of every app.

`render_pdf` (WeasyPrint): the PUBLIC documents (acts, public procès-verbal,
list of deliberations, the register's closing sheet and tables) are
HTML/CSS templates extending
core/pdf/base.html, rendered as PDF/A-3a — archival, and tagged, so screen
readers follow the structure — also identified as PDF/UA-1 in their XMP
metadata (see docs/architecture.md, « PDF »), in French, with a title and
an author, DejaVu fonts embedded (bundled in fonts/ with their licence).

`Document` (fpdf2): the working documents that are not published (the
attestation of sending, the demo's agenda files):

    doc = Document(title="Attestation d'envoi")
    doc.paragraph("…")
    doc.table(["Membre", "Envoi"], rows, widths=[60, 40])
    data = doc.output()  # bytes"""
from pathlib import Path
from xml.etree import ElementTree

from django.template.loader import render_to_string
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
# PDF/A-3 level a (tagged, Unicode) is what WeasyPrint writes; PDF/UA-1 is
# declared beside it in the same XMP packet (WeasyPrint writes one variant's
# identification), with the extension schema that PDF/A asks for any
# property outside its own (ISO 19005-2, 6.6.2.3).
PDF_VARIANT = "pdf/a-3a"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFUA_EXTENSION = Path(__file__).resolve().parent / "pdfua.xmp"
# PDF/A names the prefixes of its extension schema, not only their URIs.
for _prefix, _uri in {"pdfuaid": PDFUAID, "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
                      "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
                      "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#"}.items():
    ElementTree.register_namespace(_prefix, _uri)


def render_pdf(template, context, *, title, author, lang="fr-FR", subtitle=""):
    """The bytes of a tagged PDF/A-3a and PDF/UA-1 document drawn from
    `template`, which extends core/pdf/base.html; `title` is its heading,
    its metadata title and its running footer, `author` the collectivity."""
    from weasyprint import HTML  # Pango is loaded on first use, not at startup

    html = render_to_string(template, {**context, "title": title, "subtitle": subtitle, "author": author,
                                       "lang": lang})
    document = HTML(string=html, base_url=f"{FONTS}/").render(pdf_variant=PDF_VARIANT)
    document.metadata.generate_rdf_metadata = _declaring_pdfua(document.metadata.generate_rdf_metadata)
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def _declaring_pdfua(generate):
    """WeasyPrint's XMP generator, with pdfuaid:part="1" added to the
    identification and the extension schema describing it."""
    def generate_rdf_metadata(variant, version, conformance):
        rdf = ElementTree.fromstring(generate(variant, version, conformance))
        rdf.find(f"{{{RDF}}}Description").set(f"{{{PDFUAID}}}part", "1")
        rdf.append(ElementTree.parse(PDFUA_EXTENSION).getroot())
        return ElementTree.tostring(rdf, encoding="utf-8")
    return generate_rdf_metadata


class Document(FPDF):
    """An A4 document with a running footer « page n / total »."""

    def __init__(self, title, subtitle=""):
        super().__init__(format="A4")
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("Parvis")
        self.set_auto_page_break(auto=True, margin=18)
        self.alias_nb_pages()
        self.add_page()
        self.set_font(FAMILY, "B", 15)
        self.multi_cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.set_font(FAMILY, "", 10)
            self.multi_cell(0, 5, subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)
    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 6, f"{self.title} — page {self.page_no()} / {{nb}}", align="C")

    def heading(self, text):
        self.ln(2)
        self.set_font(FAMILY, "B", 11)
        self.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text, size=9):
        self.set_font(FAMILY, "", size)
        self.multi_cell(0, 4.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def table(self, headings, rows, widths=None, size=7.5):
        """A table whose columns share the page width (or take `widths`, in mm)."""
        self.set_font(FAMILY, "", size)
        with super().table(col_widths=widths, text_align="LEFT", line_height=3.8, first_row_as_headings=True) as t:
            for cells in [headings, *rows]:
                row = t.row()
                for value in cells:
                    row.cell("" if value is None else str(value))
        self.ln(2)

    def output(self):
        return bytes(super().output())
