"""Filters, ordering and pagination of the lists, and the clear French 400
that names the parameter when a value does not parse."""
import datetime

import pytest
from django.utils import timezone

from library.models import ArchiveDocument
from tests.factories import (
    ArchiveDocumentFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def documents(db):
    urbanisme = ThemeFactory(name="Urbanisme", slug="urbanisme")
    ArchiveDocumentFactory(title="PLU 2019", act_date=datetime.date(2019, 5, 2), themes=[urbanisme])
    ArchiveDocumentFactory(title="Arrêté de voirie", kind=ArchiveDocument.Kind.ARRETE,
                           act_date=datetime.date(2023, 7, 1))
    ArchiveDocumentFactory(title="Budget 2024", act_date=datetime.date(2024, 3, 14), reference="DEL-2024-042")


@pytest.mark.parametrize("params, expected", [
    ({"kind": "arrete"}, ["Arrêté de voirie"]),
    ({"kind": ["arrete", "deliberation"], "ordering": "act_date"}, ["PLU 2019", "Arrêté de voirie", "Budget 2024"]),
    ({"year": 2019}, ["PLU 2019"]),
    ({"act_date_after": "2023-07-01", "act_date_before": "2024-03-14", "ordering": "-act_date"},
     ["Budget 2024", "Arrêté de voirie"]),
    ({"theme": "urbanisme"}, ["PLU 2019"]),
    ({"reference": "DEL-2024-042"}, ["Budget 2024"]),
    ({"ordering": "title"}, ["Arrêté de voirie", "Budget 2024", "PLU 2019"]),
])
def test_document_filters_and_ordering(documents, client, params, expected):
    assert titles(client.get("/api/v1/documents/", params)) == expected


def test_news_and_event_filters(home_page, client):
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Rentrée 2024", date=datetime.date(2024, 9, 2), tags=["école"])
    NewsPageFactory(parent=news, title="Vœux 2025", date=datetime.date(2025, 1, 6))
    agenda = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=agenda, title="Demain", days=1)
    EventPageFactory(parent=agenda, title="Dans un mois", days=30)
    assert titles(client.get("/api/v1/news/", {"year": 2024})) == ["Rentrée 2024"]
    assert titles(client.get("/api/v1/news/", {"tag": "école"})) == ["Rentrée 2024"]
    assert titles(client.get("/api/v1/news/", {"date_after": "2025-01-01"})) == ["Vœux 2025"]
    in_two_weeks = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    assert titles(client.get("/api/v1/events/", {"start_after": in_two_weeks})) == ["Dans un mois"]
    assert titles(client.get("/api/v1/events/", {"ordering": "-start"})) == ["Dans un mois", "Demain"]


def test_pages_and_page_size(documents, client):
    first = client.get("/api/v1/documents/", {"page_size": 2, "ordering": "title"}).json()
    assert first["count"] == 3
    assert [d["title"] for d in first["results"]] == ["Arrêté de voirie", "Budget 2024"]
    second = client.get(first["next"]).json()
    assert [d["title"] for d in second["results"]] == ["PLU 2019"]


@pytest.mark.parametrize("endpoint, params, field", [
    ("documents", {"year": "deux mille"}, "year"),
    ("documents", {"year": 99999}, "year"),
    ("documents", {"kind": "loi"}, "kind"),
    ("documents", {"act_date_after": "2024-13-45"}, "act_date_after"),
    ("documents", {"act_date_before": "2024-02-30"}, "act_date_before"),
    ("documents", {"theme": "pas un slug"}, "theme"),
    ("documents", {"ordering": "text"}, "ordering"),
    ("documents", {"ordering": "--title"}, "ordering"),
    ("documents", {"page": 0}, "page"),
    ("documents", {"page_size": 101}, "page_size"),
    ("documents", {"page_size": "beaucoup"}, "page_size"),
    ("documents", {"year": ""}, "year"),
    ("news", {"date_after": "hier"}, "date_after"),
    ("events", {"start_before": "demain"}, "start_before"),
    ("contest-entries", {"contest": "x"}, "contest"),
    ("contest-entries", {"category": 10**30}, "category"),
    ("publications", {"space": -1}, "space"),
])
def test_bad_values_get_a_french_400_naming_the_parameter(db, home_page, client, endpoint, params, field):
    response = client.get(f"/api/v1/{endpoint}/", params)
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    message = " ".join(errors[field])
    assert any(word in message for word in ("Saisissez", "Sélectionnez", "Choisissez", "Donnez", "inconnu",
                                             "n’existe pas", "supérieur", "inférieur", "ne doit contenir")), message


def test_an_unknown_id_is_a_json_404(db, client):
    for url in ("/api/v1/documents/123456/", "/api/v1/documents/99999999999999999999999/",
                "/api/v1/documents/abc/", "/api/v1/documents/0/", "/api/v1/documents/007/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Non trouvé."}, url


def test_a_page_after_the_last_is_a_404(documents, client):
    response = client.get("/api/v1/documents/", {"page": 99})
    assert response.status_code == 404
    assert response.json() == {"detail": "Cette page n’existe pas."}


def test_a_theme_no_document_has_finds_nothing(documents, client):
    response = client.get("/api/v1/documents/", {"theme": "inconnu"})
    assert response.status_code == 200 and response.json()["count"] == 0


def test_the_api_is_read_only(documents, client_as):
    client = client_as("superuser")
    document = ArchiveDocument.objects.first()
    assert client.post("/api/v1/documents/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v1/documents/{document.pk}/").status_code == 405
    assert ArchiveDocument.objects.count() == 3
