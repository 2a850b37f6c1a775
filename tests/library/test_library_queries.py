"""The library listing runs the same number of SQL queries whether the
archive holds 5 documents or 60: no query per document."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArchiveDocumentFactory, ThemeFactory
from tests.html import visible_text

MAX_QUERIES = 30  # a generous ceiling; the point is that it does not grow


def add_documents(count, themes, collection=None):
    extra = {"collection": collection} if collection else {}
    for n in range(count):
        ArchiveDocumentFactory(themes=themes[n % len(themes):][:2], **extra)


@pytest.mark.parametrize("role", ["anonymous", "elu"])
def test_listing_query_count_does_not_grow(
    client_as, library_page, elus_collection, role, django_assert_max_num_queries
):
    client = client_as(role)
    themes = [ThemeFactory() for _ in range(3)]
    add_documents(4, themes)
    add_documents(1, themes, elus_collection)
    client.get(library_page.url)  # warm caches (site root paths, templates)
    with CaptureQueriesContext(connection) as few:
        assert client.get(library_page.url).status_code == 200
    assert len(few) <= MAX_QUERIES, [q["sql"] for q in few.captured_queries]

    # Enough for a full first page (per_page, 20): every row of it is counted.
    add_documents(library_page.per_page, themes)
    add_documents(2, themes, elus_collection)
    with django_assert_max_num_queries(len(few)):
        response = client.get(library_page.url)
    assert response.status_code == 200
    # Every factory title ends so; a full first page is on screen.
    assert visible_text(response).count("relative au budget") == library_page.per_page
