"""ODT and DOCX documents of an ordre du jour get a PDF to read on a phone,
made at upload by a background task: kept in the original's collection
(same readers, moved with it), the original still downloadable, a download
of either recording the member's receipt of the original; a zip bomb or a
damaged file is refused without being inflated, with a French reason."""
import io
import zipfile

import pypdfium2
import pytest
from django.core.files.base import ContentFile

from core import office_pdf
from extensions.meetings import links
from extensions.meetings.documents import preparation_collection
from extensions.meetings.models import DocumentDownload, ReadingCopy
from library.models import ArchiveDocument
from tests.factories import make_docx, make_odt

from .conftest import recipient


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b"\0" * (office_pdf.MAX_UNCOMPRESSED_BYTES + 1))
    return buffer.getvalue()


def pdf_text(data):
    document = pypdfium2.PdfDocument(data)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def upload(meeting, name, data, django_capture_on_commit_callbacks, title="Projet de délibération"):
    """What an agent does: the file into « En préparation », then on an item."""
    document = ArchiveDocument(title=title, collection=preparation_collection(meeting.instance),
                               file=ContentFile(data, name=name))
    document._set_document_file_metadata()
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    item = meeting.agenda_items.all()[0]
    item.documents.append(("document", {"kind": "projet", "document": document}))
    item.save()
    return document


@pytest.mark.parametrize("name, data", [
    ("projet.odt", make_odt("Projet de délibération", "Le conseil approuve la cantine de l’école.")),
    ("projet.docx", make_docx("Le conseil approuve la cantine de l’école.")),
], ids=["odt", "docx"])  # named: the archives' bytes hold the time they were made, which xdist workers would not share
def test_an_office_document_gets_a_pdf_in_its_collection(meeting, name, data, django_capture_on_commit_callbacks):
    original = upload(meeting, name, data, django_capture_on_commit_callbacks)
    copy = ReadingCopy.objects.get(original=original)
    assert copy.error == "" and copy.pdf.collection_id == original.collection_id
    assert copy.pdf.title == "Projet de délibération (PDF à lire)"
    with copy.pdf.open_file() as fh:
        assert "la cantine de l’école" in pdf_text(fh.read())


def test_members_read_the_pdf_and_the_original_and_receipt_is_recorded(
        client, ready, agent, elus, django_capture_on_commit_callbacks):
    from extensions.meetings import convocations

    original = upload(ready, "projet.odt", make_odt("Projet", "Texte du projet."), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        convocations.send(ready, agent)
    copy = ReadingCopy.objects.select_related("pdf").get(original=original)
    original.refresh_from_db()
    assert copy.pdf.collection_id == original.collection_id == ready.instance.documents_collection_id
    anne = recipient(ready, elus[0])
    page = client.get(links.url_for(anne)).content.decode()
    pdf_url = f"{links.url_for(anne)}documents/{original.pk}/pdf/"
    assert pdf_url in page and f"{links.url_for(anne)}documents/{original.pk}/" in page
    response = client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert DocumentDownload.objects.filter(recipient=anne, document=original).count() == 1
    client.force_login(elus[1])
    assert client.get(f"{ready.url}documents/{original.pk}/pdf/").status_code == 200
    assert client.get(f"{ready.url}documents/{original.pk}/").status_code == 200
    bruno = recipient(ready, elus[1])
    assert DocumentDownload.objects.filter(recipient=bruno, document=original).count() == 1


def test_others_get_no_pdf(client, ready, users, django_capture_on_commit_callbacks):
    original = upload(ready, "projet.odt", make_odt("Projet", "Texte."), django_capture_on_commit_callbacks)
    client.force_login(users["elu"])  # an élu of no instance of this meeting
    assert client.get(f"{ready.url}documents/{original.pk}/pdf/").status_code == 404


def test_a_pdf_document_has_no_copy(meeting, annex):
    assert not ReadingCopy.objects.exists()


@pytest.mark.parametrize("data, reason", [
    (zip_bomb(), "trop volumineux"),
    (b"PK\x03\x04 pas vraiment une archive", "endommagé"),
], ids=["zip-bomb", "damaged"])
def test_a_bad_file_is_refused_with_its_reason(meeting, data, reason, django_capture_on_commit_callbacks):
    original = upload(meeting, "projet.docx", data, django_capture_on_commit_callbacks)
    copy = ReadingCopy.objects.get(original=original)
    assert copy.pdf is None and reason in copy.error


def test_a_new_file_makes_a_new_pdf_and_deleting_the_original_deletes_it(meeting, django_capture_on_commit_callbacks):
    original = upload(meeting, "projet.odt", make_odt("Projet", "Première version."),
                      django_capture_on_commit_callbacks)
    first = ReadingCopy.objects.get(original=original).pdf
    original.file = ContentFile(make_odt("Projet", "Seconde version."), name="projet.odt")
    original._set_document_file_metadata()
    with django_capture_on_commit_callbacks(execute=True):
        original.save()
    second = ReadingCopy.objects.get(original=original).pdf
    assert second.pk != first.pk and not ArchiveDocument.objects.filter(pk=first.pk).exists()
    with second.open_file() as fh:
        assert "Seconde version" in pdf_text(fh.read())
    original.delete()
    assert not ArchiveDocument.objects.filter(pk=second.pk).exists()


def test_the_archive_is_checked_before_it_is_read():
    with pytest.raises(office_pdf.ConversionError):
        office_pdf.to_pdf(zip_bomb(), "docx", "Bombe")
    with pytest.raises(office_pdf.ConversionError):
        office_pdf.to_pdf(b"%PDF-1.4", "pdf", "PDF")
