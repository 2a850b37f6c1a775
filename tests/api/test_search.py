"""The API's search is the search page's engine with its permission
filter: the same results and counts for the same person, nothing private
to anyone else, and a French 400 for bad parameters."""
import pytest

from tests.api.conftest import ROLES, SEES_ELUS, SEES_URBANISME
from tests.factories import ArchiveDocumentFactory

pytestmark = pytest.mark.django_db

WORD = "zorglubine"


@pytest.fixture
def planted(content, elus_collection, urbanisme):
    ArchiveDocumentFactory(title=f"Rapport {WORD} public", summary=f"Le {WORD} expliqué.")
    ArchiveDocumentFactory(title=f"Note {WORD} confidentielle", collection=elus_collection)
    content.publication.title = f"Dossier {WORD} de la commission"
    content.publication.save()


def expected(role):
    titles = {f"Rapport {WORD} public"}
    if role in SEES_ELUS:
        titles.add(f"Note {WORD} confidentielle")
    if role in SEES_URBANISME:
        titles.add(f"Dossier {WORD} de la commission")
    return titles


@pytest.mark.parametrize("role", ROLES)
def test_results_counts_and_facets_show_only_what_the_role_may_see(planted, api_as, role):
    response = api_as(role).get("/api/v1/search/", {"q": WORD})
    assert response.status_code == 200
    data = response.json()
    assert {r["title"] for r in data["results"]} == expected(role)
    assert data["count"] == len(expected(role))
    types = {v["value"]: v["count"] for f in data["facets"] if f["name"] == "type" for v in f["values"]}
    assert sum(types.values()) == len(expected(role))
    assert ("publications" in types) == (role in SEES_URBANISME)
    assert response["Cache-Control"] == "private, no-cache"


def test_results_say_their_type_and_link_and_mark_the_words(planted, api_as):
    data = api_as("elu_member").get("/api/v1/search/", {"q": WORD, "type": "publications"}).json()
    [result] = data["results"]
    assert result["type"] == "publications"
    assert result["url"].startswith("http://testserver/espaces/")
    assert f"<mark>{WORD}</mark>" in api_as("anonymous").get(
        "/api/v1/search/", {"q": WORD}).json()["results"][0]["excerpt"]


@pytest.mark.parametrize("params, field", [
    ({}, "q"), ({"q": " "}, "q"), ({"q": "x" * 201}, "q"), ({"q": WORD, "year": "an"}, "year"),
    ({"q": WORD, "type": "inconnu"}, "type"), ({"q": WORD, "page": 51}, "page"),
    ({"q": WORD, "space": "urbanisme"}, "space"), ({"q": WORD, "sort": "hasard"}, "sort"),
])
def test_bad_parameters_get_a_french_400_naming_them(planted, client, params, field):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert list(response.json()) == [field]
