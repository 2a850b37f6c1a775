"""Staff roles manage public documents in the admin, never those of a
restricted collection (a private space's drive, the élus' working papers)."""
import pytest

from pages.roles import public_collection
from tests.factories import ArchiveDocumentFactory


@pytest.fixture
def staff_document(db):
    return ArchiveDocumentFactory(title="Guide des associations", collection=public_collection())


@pytest.mark.parametrize("role", ["redaction", "agent"])
def test_staff_list_public_documents_only(client_as, role, staff_document, private_document):
    html = client_as(role).get("/admin/documents/").content.decode()
    assert staff_document.title in html
    assert private_document.title not in html


@pytest.mark.parametrize("role", ["redaction", "agent"])
def test_staff_cannot_open_a_private_document_in_the_admin(client_as, role, private_document):
    response = client_as(role).get(f"/admin/documents/edit/{private_document.pk}/")
    assert response.status_code in (302, 403)
    assert private_document.title not in response.content.decode()


def test_a_superuser_still_manages_everything(client_as, private_document):
    assert private_document.title in client_as("superuser").get("/admin/documents/").content.decode()
