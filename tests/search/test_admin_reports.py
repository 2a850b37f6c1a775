"""Staff see the documents whose text could not be extracted, with the
reason; the Rédaction sees the most searched queries."""
import pytest
from wagtail.contrib.search_promotions.models import Query

from library.models import ExtractionStatus
from pages.roles import public_collection
from tests.factories import ArchiveDocumentFactory
from tests.html import visible_text


@pytest.fixture
def failed_document(db):
    # Staff manage the public collection's documents (see pages/roles.py).
    document = ArchiveDocumentFactory(title="Scan illisible", collection=public_collection())
    type(document).objects.filter(pk=document.pk).update(
        extraction_status=ExtractionStatus.FAILED, extraction_error="Le fichier ne contient aucun texte."
    )
    return document


@pytest.mark.parametrize("role, allowed", [("redaction", True), ("agent", True), ("superuser", True),
                                           ("elu", False), ("externe", False)])
def test_extraction_failures_report(failed_document, client_as, role, allowed):
    response = client_as(role).get("/admin/recherche/extraction/")
    if allowed:
        assert response.status_code == 200
        assert "Scan illisible" in visible_text(response)
        assert "Le fichier ne contient aucun texte." in visible_text(response)
    else:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("role, allowed", [("redaction", True), ("superuser", True), ("agent", False)])
def test_most_searched_queries(db, client_as, role, allowed):
    Query.get("plan local d'urbanisme").add_hit()
    response = client_as(role).get("/admin/recherche/termes/")
    assert (response.status_code == 200) is allowed
    if allowed:
        assert "plan local d'urbanisme" in visible_text(response)
