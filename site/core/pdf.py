"""The PDF document base of every app (attestation of sending in
extensions.meetings; procès-verbal, register and acts in
extensions.deliberations):
A4, French text in DejaVu Sans (bundled in fonts/ with its licence, so a
machine without the Debian font still renders accents and « »), a title,
paragraphs and tables.

    doc = Document(title="Attestation d'envoi")
    doc.paragraph("…")
    doc.table(["Membre", "Envoi"], rows, widths=[60, 40])
    data = doc.output()  # bytes"""
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


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
