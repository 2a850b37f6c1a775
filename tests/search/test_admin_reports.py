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


CHOOSER_URLS = ["/admin/searchpicks/queries/chooser/", "/admin/searchpicks/queries/chooser/results/?q=urba"]


@pytest.mark.parametrize("url", CHOOSER_URLS)
@pytest.mark.parametrize("role, allowed", [("redaction", True), ("superuser", True), ("agent", False), ("jury", False)])
def test_only_those_who_pin_results_open_the_query_chooser(db, client, users, client_as, url, role, allowed):
    from extensions.participation.roles import jury_group
    from tests.factories import UserFactory

    Query.get("urbanisme secret").add_hit()
    if role == "jury":
        juror = UserFactory(username="jure")
        juror.groups.add(jury_group())
        client.force_login(juror)
    else:
        client_as(role)
    response = client.get(url)
    assert ("urbanisme secret" in response.content.decode()) is allowed
    assert (response.status_code == 200) is allowed
