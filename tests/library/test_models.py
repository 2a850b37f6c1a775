"""The custom Image and Document models as editors meet them in the admin:
an image needs its alternative text; a document carries the metadata of an
administrative act."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.models import Collection

from library.models import ArchiveDocument, PublicImage
from tests.factories import ArchiveDocumentFactory, ThemeFactory, pdf_bytes
from tests.html import visible_text


def png_upload(name="mairie.png"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (12, 8), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def image_data(**extra):
    return {"title": "Façade de la mairie", "file": png_upload(), "collection": Collection.get_first_root_node().pk,
            "tags": "", "credit": "Service communication", "licence": "CC BY 4.0", **extra}


def test_image_without_alternative_text_is_refused(client_as):
    response = client_as("redaction").post(reverse("wagtailimages:add"), image_data())
    assert response.status_code == 200
    text = visible_text(response)
    assert "L'image ne peut être créée du fait d'erreurs." in text
    assert "Champ requis." in text
    assert not PublicImage.objects.exists()


def test_image_with_alternative_text_is_stored_with_credit_and_licence(client_as):
    response = client_as("redaction").post(
        reverse("wagtailimages:add"), image_data(description="La façade fleurie de la mairie")
    )
    assert response.status_code == 302
    image = PublicImage.objects.get()
    assert (image.description, image.credit, image.licence) == (
        "La façade fleurie de la mairie", "Service communication", "CC BY 4.0",
    )
    assert (image.width, image.height) == (12, 8)


def test_document_metadata_are_entered_in_the_admin(client_as):
    theme = ThemeFactory(name="Urbanisme", slug="urbanisme")
    response = client_as("redaction").post(
        reverse("wagtaildocs:add"),
        {
            "title": "Modification du PLU",
            "file": SimpleUploadedFile("plu.pdf", pdf_bytes("Modification simplifiée du PLU"), "application/pdf"),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "kind": ArchiveDocument.Kind.DELIBERATION,
            "act_date": "14/03/2024",
            "reference": "DEL-2024-012",
            "summary": "Le conseil approuve la modification simplifiée n° 2 du PLU.",
            "themes": [theme.pk],
        },
    )
    assert response.status_code == 302, visible_text(response)
    document = ArchiveDocument.objects.get()
    assert document.kind == ArchiveDocument.Kind.DELIBERATION
    assert document.act_date == datetime.date(2024, 3, 14)
    assert document.reference == "DEL-2024-012"
    assert list(document.themes.all()) == [theme]
    assert document.file_size > 0


def test_unknown_kind_of_act_is_refused(client_as):
    response = client_as("redaction").post(
        reverse("wagtaildocs:add"),
        {"title": "Acte", "file": SimpleUploadedFile("a.pdf", pdf_bytes("Acte"), "application/pdf"),
         "collection": Collection.get_first_root_node().pk, "kind": "decret"},
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in visible_text(response)
    assert not ArchiveDocument.objects.exists()


@pytest.mark.django_db
def test_year_and_format_of_a_document():
    dated = ArchiveDocumentFactory(act_date=datetime.date(2019, 7, 1))
    undated = ArchiveDocumentFactory(act_date=None)
    assert dated.year == 2019
    assert undated.year == undated.created_at.year
    assert dated.format_label == "PDF"


@pytest.mark.django_db
def test_documents_are_listed_newest_act_first():
    for year in (2021, 2024, 2022):
        ArchiveDocumentFactory(title=f"Acte {year}", act_date=datetime.date(year, 1, 1))
    assert [doc.title for doc in ArchiveDocument.objects.all()] == ["Acte 2024", "Acte 2022", "Acte 2021"]


def test_document_detail_shows_its_metadata(client, library_page):
    document = ArchiveDocumentFactory(
        title="Arrêté de voirie", kind=ArchiveDocument.Kind.ARRETE, reference="AR-2024-099",
        summary="Fermeture temporaire de la rue des Écoles.",
    )
    response = client.get(library_page.document_url(document))
    assert response.status_code == 200
    text = visible_text(response)
    for shown in ("Arrêté de voirie", "AR-2024-099", "Fermeture temporaire de la rue des Écoles."):
        assert shown in text
    assert "arrêté" in text.lower()
    assert document.url in response.content.decode()
