"""The public PDFs (issue 16): the act, the public procès-verbal, the list
of deliberations (L2121-25) and the register's tables are tagged PDF/A-3a
declared PDF/UA-1, in French, with a title and an author, their fonts
embedded — checked by veraPDF, the PDF Association's validator
(scripts/verapdf.sh), and by reading the markers with pikepdf; the act's
first page is rendered by poppler's pdftoppm and compared to a reference
image. The act carries the signatures of L2121-23, and the procès-verbal's
signature block is never left alone at the foot of a page."""
import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageStat

from extensions.deliberations import listing, minutes, publication, register
from pages.site_settings import SiteIdentity

from .helpers import hold

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).parent / "reference" / "act-page-1.png"
# The mean difference of two renderings, 0–255 per pixel: a moved line or a
# lost heading is far above it; font hinting and anti-aliasing are below.
TOLERANCE = 2.0


@pytest.fixture
def pdfs(seance, secretary, members, act_index):
    identity = SiteIdentity.for_site(act_index.get_site())
    identity.name = "Commune de Saint-Aurèle"
    identity.save()
    held = hold(seance, secretary, members, votes={2: "contre"})
    act = held.deliberations.get(position=1)
    publication.pseudonymise(act, act.text.replace("Mme Dupont, 3 rue des Lilas", "Mme D."), secretary)
    act.refresh_from_db()
    return {
        "act": publication.act_pdf(act, *publication.author(act)),
        "proces-verbal": minutes.draft_pdf(held, public=True),
        "list": listing.list_pdf(held),
        "register": register.yearly_tables(held.meeting.instance, 2026),
        "closing-sheet": register.closing_sheet(held),
    }


def text_of(data):
    return "\n".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(data))


def test_every_public_pdf_carries_the_archive_and_accessibility_markers(pdfs):
    for kind, data in pdfs.items():
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert "/StructTreeRoot" in pdf.Root, kind
            assert pdf.Root.MarkInfo.Marked is True, kind
            assert str(pdf.Root.Lang) == "fr-FR", kind
            with pdf.open_metadata() as xmp:
                assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"], xmp["pdfuaid:part"]) == ("3", "A", "1"), kind
                assert xmp["dc:title"] == str(pdf.docinfo["/Title"]) != "", kind
            assert str(pdf.docinfo["/Author"]) == "Commune de Saint-Aurèle", kind  # the site's identity
            fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
            assert fonts and all(_embedded(font) for font in fonts), kind


def _embedded(font):
    descendants = font.get("/DescendantFonts")
    descriptor = (descendants[0] if descendants else font).FontDescriptor
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("flavour", ["3a", "ua1"])
def test_verapdf_accepts_every_public_pdf(pdfs, flavour, tmp_path):
    if not (ROOT / "var" / "verapdf" / ".complete").exists():
        pytest.skip("veraPDF is not installed: run scripts/verapdf.sh install")
    files = []
    for kind, data in pdfs.items():
        files.append(tmp_path / f"{kind}.pdf")
        files[-1].write_bytes(data)
    run = subprocess.run(["bash", str(ROOT / "scripts" / "verapdf.sh"), flavour, *map(str, files)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("PASS ") == len(files)


def test_the_act_is_signed_by_the_maire_and_the_secretary_and_tells_the_means_of_appeal(pdfs):
    text = " ".join(text_of(pdfs["act"]).split())
    assert "Délibération n° 2026-001" in text and "Mme D." in text and "Lilas" not in text
    assert "Signatures Maire Élu Arnaud Secrétaire de séance Élu Bernard" in text
    assert "tribunal administratif territorialement compétent dans un délai de deux mois" in text
    assert "Télérecours citoyens" in text and "www.telerecours.fr" in text


def test_the_signature_heading_is_never_alone_at_the_foot_of_a_page(seance, secretary, members, act_index):
    """A procès-verbal long enough to fill pages: whatever the length of
    the discussions, « Signatures » shares its page with the names."""
    held = hold(seance, secretary, members)
    for lines in (40, 47, 53, 60):
        held.proces_verbal.discussions = "\n".join(f"Intervention n° {n} sur le budget." for n in range(lines))
        held.proces_verbal.save()
        pdf = pypdfium2.PdfDocument(minutes.draft_pdf(held))
        page = next(p for p in pdf if "Signatures" in p.get_textpage().get_text_range())
        assert "Élu Bernard" in page.get_textpage().get_text_range(), lines


def test_the_act_renders_like_its_reference(pdfs, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing: run scripts/pdf-libraries.sh")
    source = tmp_path / "act.pdf"
    source.write_bytes(pdfs["act"])
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(tmp_path / "act")], check=True, timeout=60)
    rendered = Image.open(tmp_path / "act.png").convert("L")
    reference = Image.open(REFERENCE).convert("L")
    assert rendered.size == reference.size
    difference = ImageStat.Stat(ImageChops.difference(rendered, reference)).mean[0]
    assert difference < TOLERANCE, f"page 1 differs from {REFERENCE.name} by {difference:.2f}"
