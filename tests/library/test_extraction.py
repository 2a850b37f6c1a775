"""Text extraction: each supported format gives its words; a broken,
encrypted or text-less file is recorded as a failure with its reason, and
replacing a file extracts again."""
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from fpdf import FPDF
from PIL import Image as PILImage

from library.extraction import ExtractionError, extract_text
from library.models import ArchiveDocument, ExtractionStatus
from tests.factories import make_docx, make_odt

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def make_pdf(text, encrypt=False, image_only=False):
    pdf = FPDF()
    pdf.add_page()
    if image_only:
        buffer = io.BytesIO()
        PILImage.new("RGB", (200, 100), "white").save(buffer, format="PNG")
        pdf.image(buffer, x=10, y=10, w=100)
    else:
        pdf.add_font("DejaVu", fname=FONT)
        pdf.set_font("DejaVu", size=12)
        pdf.multi_cell(0, 8, text)
    if encrypt:
        pdf.set_encryption(owner_password="maire", user_password="secret")
    return bytes(pdf.output())


def test_pdf_text_with_accents():
    text = extract_text(make_pdf("Délibération sur la cantine scolaire de l’école."), "acte.pdf")
    assert "Délibération sur la cantine scolaire" in text


def test_odt_text():
    text = extract_text(make_odt("Procès-verbal", "Le conseil approuve le budget primitif."), "pv.odt")
    assert "Procès-verbal" in text and "budget primitif" in text


def test_docx_text():
    assert "plan local d'urbanisme" in extract_text(make_docx("Révision du plan local d'urbanisme"), "a.docx")


def test_rtf_text_with_escapes():
    rtf = rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\f0 Arr\'eat\'e9 de voirie\par Travaux \u233?t\'e9\par}"
    text = extract_text(rtf, "arrete.rtf")
    assert "Arrêté de voirie" in text
    assert "Travaux été" in text
    assert "Arial" not in text


def test_rtf_in_its_declared_code_page():
    assert extract_text(rb"{\rtf1\ansi\ansicpg1251 \'c0\'e1\'e2}", "a.rtf") == "\u0410\u0431\u0432"


def test_a_damaged_rtf_says_so():
    with pytest.raises(ExtractionError) as error:
        extract_text(rb"{\rtf1 D\u99999999?bat}", "pv.rtf")
    assert str(error.value) == "Le fichier RTF est endommagé."


def test_html_text_without_scripts():
    html = b"<html><head><title>x</title><script>var a=1;</script></head><body><p>Ordre du jour</p></body></html>"
    assert extract_text(html, "page.html") == "Ordre du jour"


def test_txt_in_windows_encoding():
    assert extract_text("Compte rendu de la réunion".encode("cp1252"), "cr.txt") == "Compte rendu de la réunion"


@pytest.mark.parametrize(
    "data, filename, reason",
    [
        (b"%PDF-1.4 garbage", "broken.pdf", "endommagé"),
        (make_pdf("secret", encrypt=True), "locked.pdf", "mot de passe"),
        (make_pdf("", image_only=True), "scan.pdf", "aucun texte"),
        (b"not a zip", "broken.odt", "endommagé"),
        (b"plain", "archive.xyz", "non pris en charge"),
    ],
    ids=["broken-pdf", "encrypted-pdf", "scanned-pdf", "broken-odt", "unknown-format"],
)
def test_failures_say_why_in_french(data, filename, reason):
    with pytest.raises(ExtractionError) as error:
        extract_text(data, filename)
    assert reason in str(error.value)


@pytest.mark.django_db
def test_upload_extracts_in_a_task_and_stores_the_text(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = ArchiveDocument.objects.create(
            title="Délibération cantine", file=ContentFile(make_pdf("Tarifs de la cantine scolaire"), name="d.pdf")
        )
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.DONE
    assert "cantine scolaire" in document.text
    assert document.file_hash == document.extracted_file_hash


@pytest.mark.django_db
def test_a_failure_is_recorded_not_raised(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = ArchiveDocument.objects.create(
            title="Scan", file=ContentFile(make_pdf("", image_only=True), name="scan.pdf")
        )
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.FAILED
    assert "aucun texte" in document.extraction_error
    assert document.text == ""


@pytest.mark.django_db
def test_replacing_the_file_extracts_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = ArchiveDocument.objects.create(
            title="Arrêté", file=ContentFile(make_pdf("Ancien texte"), name="a.pdf")
        )
    document.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(make_pdf("Nouveau texte du stationnement"), name="b.pdf")
        document.file_hash = ""
        document._set_document_file_metadata()
        document.save()
    document.refresh_from_db()
    assert "stationnement" in document.text
    assert "Ancien" not in document.text


@pytest.mark.django_db
def test_command_reextracts_with_progress():
    document = ArchiveDocument.objects.create(title="Rapport", file=ContentFile(make_odt("Rapport", "Voirie"), name="r.odt"))
    out = io.StringIO()
    call_command("extract_documents", stdout=out)
    document.refresh_from_db()
    assert "Voirie" in document.text
    assert "1/1" in out.getvalue() and "1 document(s) traité(s), 0 échec(s)." in out.getvalue()


@pytest.mark.django_db
def test_command_rejects_unknown_ids():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="introuvables : 999"):
        call_command("extract_documents", "999")
