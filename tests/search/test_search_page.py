"""The search page and its endpoint: results with excerpts, facets, sorting,
pagination, pinned results, the most searched queries, and clear French
messages for bad input."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import urlencode
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.factories import ArchiveDocumentFactory, StandardPageFactory
from tests.html import links, visible_text


@pytest.fixture
def canteen(search_backend, home_page, library_page, refresh):
    for year in range(2010, 2022):
        ArchiveDocumentFactory(title=f"Tarifs de la cantine {year}", act_date=datetime.date(year, 6, 1),
                               summary="Le conseil fixe le prix du repas.")
    refresh()


def test_results_have_highlighted_titles_excerpts_and_links(canteen, client, library_page):
    response = client.get("/recherche/", {"q": "cantines", "sort": "date"})
    assert response.status_code == 200
    assert "12 résultats pour « cantines »" in visible_text(response) or "12 results" in visible_text(response)
    html = response.content.decode()
    assert "Tarifs de la <mark>cantine</mark> 2021" in html
    assert response["X-Robots-Tag"] == "noindex"
    assert any(link.startswith(library_page.url + "document/") for link in links(response))


def test_pagination_and_sorting(canteen, client):
    first = client.get("/recherche/", {"q": "cantine", "sort": "date"})
    second = client.get("/recherche/", {"q": "cantine", "sort": "date", "page": 2})
    assert visible_text(first).index("Tarifs de la cantine 2021") < visible_text(first).index("Tarifs de la cantine 2020")
    assert "Tarifs de la cantine 2011" in visible_text(second)
    assert "Tarifs de la cantine 2021" not in visible_text(second)


def test_facet_links_filter_and_show_counts(canteen, client):
    response = client.get("/recherche/", {"q": "cantine"})
    year_link = "?" + urlencode({"q": "cantine", "year": 2015})
    assert year_link in links(response)
    filtered = client.get("/recherche/" + year_link)
    assert "Tarifs de la cantine 2015" in visible_text(filtered)
    assert "Tarifs de la cantine 2016" not in visible_text(filtered)


def test_the_first_page_of_a_search_counts_as_a_hit(canteen, client):
    client.get("/recherche/", {"q": "Cantine"})
    client.get("/recherche/", {"q": "cantine", "page": 2})
    assert Query.get("cantine").hits == 1


def test_pinned_results_come_first_unless_private(search_backend, home_page, client):
    public = StandardPageFactory(parent=home_page, title="Inscriptions scolaires")
    query = Query.get("cantine")
    SearchPromotion.objects.create(query=query, page=public, description="Tout pour inscrire son enfant.")
    response = client.get("/recherche/", {"q": "cantine"})
    assert "Inscriptions scolaires" in visible_text(response)
    assert "Tout pour inscrire son enfant." in visible_text(response)


@pytest.mark.parametrize("params", [{"q": "x" * 201}, {"q": "cantine", "year": "deux mille"},
                                    {"q": "cantine", "page": "999"}, {"q": "cantine", "type": "inconnu"},
                                    {"q": "cantine", "space": "urbanisme"}])
def test_bad_input_gets_a_french_message(search_backend, home_page, client, params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    assert "La recherche n’a pas pu être lancée" in visible_text(response) or "could not be run" in visible_text(response)


def test_autocomplete_endpoint(canteen, client):
    data = client.get("/recherche/suggestions/", {"q": "cant"}).json()
    assert data["query"] == "cant"
    assert len(data["results"]) == 8
    assert {"title", "url", "type"} <= set(data["results"][0])
    assert client.get("/recherche/suggestions/", {"q": "c"}).json()["results"] == []
    assert client.get("/recherche/suggestions/", {"q": "c" * 300}).status_code == 400


def test_an_empty_search_shows_the_form_only(search_backend, home_page, client):
    response = client.get("/recherche/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def search_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/recherche/", params).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_search_page_costs_a_fixed_number_of_queries_in_one_transaction(search_backend, home_page,
                                                                               library_page, refresh, client):
    """Whatever the number of results: the count, the page of results, the
    facets, the excerpts and the page around them (the query log is a task).
    Sorted by date, the pages (published today) come first, then acts."""
    for number in range(2):
        ArchiveDocumentFactory(title=f"Menu de la cantine {number}", act_date=datetime.date(2020 + number, 1, 1))
        StandardPageFactory(parent=home_page, title=f"La cantine {number}")
    refresh()
    for _warm_up in range(2):  # caches: site, settings (created on the first), navigation, content types
        search_queries(client, {"q": "cantine", "sort": "date"})
    few = search_queries(client, {"q": "cantine", "sort": "date"})
    for number in range(2, 30):
        ArchiveDocumentFactory(title=f"Menu de la cantine {number}", act_date=datetime.date(1990 + number, 1, 1))
    refresh()
    search_queries(client, {"q": "cantine", "sort": "date"})  # the navigation, rebuilt after publications
    many = search_queries(client, {"q": "cantine", "sort": "date"})
    assert len(many) == len(few) <= 40, "\n".join(sorted(set(many) ^ set(few)))
    # One read transaction (a savepoint inside the test's own) at most.
    assert len([sql for sql in many if sql.startswith("SAVEPOINT")]) <= 1
