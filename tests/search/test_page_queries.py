"""The search page runs a fixed number of queries whatever it finds (issue
19): one or a dozen documents and pages, the facets and excerpts with them;
a type that finds nothing costs no facet query and no page of results."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArchiveDocumentFactory, StandardPageFactory
from tests.html import visible_text

pytestmark = pytest.mark.backends("database")

# With the database backend (the read transaction's statements left out):
# the restrictions of pages (1) and of collections (2: a signed-out visitor's
# without their groups), the synonyms (1), the first matches of every type
# (PostgreSQL: 1 for all; SQLite: one per type with visible objects, 5), the
# results of pages and documents (2), their facets (PostgreSQL: one
# statement for both types; SQLite: one per facet, 3), the specific pages (1; the library page is cached per
# site), the pinned results (1), the search recorded once the page is sent
# (3: tests run tasks at once; production queues one row).
SEARCH_QUERIES = {"postgresql": 13, "sqlite": 19}
# The read transaction's own statements (a savepoint inside a test's
# transaction, and PostgreSQL's plan settings) are not counted.
TRANSACTION = ("BEGIN", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT", "SELECT set_config(")


def page_queries(client, query):
    params = {"q": query, "sort": "date"}
    client.get("/recherche/", params)  # what the first requests of a process cache
    client.get("/recherche/", params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/recherche/", params)
    assert response.status_code == 200
    statements = [q["sql"] for q in captured.captured_queries]
    return [sql for sql in statements if not sql.startswith(TRANSACTION)], visible_text(response)


@pytest.mark.parametrize("size", [1, 12])
def test_the_search_page(search_backend, home_page, library_page, client, size):
    # Newest first: the page, then documents (both types on the first page).
    StandardPageFactory(parent=home_page, title="Menus de la cantine")
    for number in range(size):
        ArchiveDocumentFactory(title=f"Tarifs de la cantine {number}", act_date=datetime.date(2010 + number, 6, 1),
                               summary="Le conseil fixe le prix du repas.")
    statements, text = page_queries(client, "cantine")
    assert f"{size + 1} résultats" in text and "Menus de la cantine" in text
    assert len(statements) == SEARCH_QUERIES[connection.vendor], "\n".join(statements)
