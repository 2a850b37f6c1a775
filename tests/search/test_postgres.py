"""PostgreSQL: the French configurations exist, the matching expression is
indexed and the index is used, even for a word found everywhere."""
import pytest
from django.db import connection

from extensions.search.engine import Search, SearchParams
from extensions.search.registry import get_type
from tests.factories import ArchiveDocumentFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_french_configuration_stems_and_ignores_accents(db):
    assert scalar("SELECT to_tsvector('parvis_french', 'Délibérations des écoles')::text") == "'deliber':1 'ecol':3"
    assert scalar("SELECT to_tsquery('parvis_simple', 'délib:*')::text") == "'delib':*"


def test_searches_filter_on_the_indexed_expression(search_backend, home_page, request_as):
    ArchiveDocumentFactory(title="Délibération", summary="Le conseil municipal délibère.")
    results = Search(request_as("anonymous"), SearchParams(query="conseil")).results_for(get_type("documents"))
    compiler = results.query_compiler
    sql = str(compiler.matches(compiler.get_config(search_backend)).query)
    assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql

    def explain():
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ "
                           "to_tsquery('parvis_french', 'conseil')")
            return "\n".join(row[0] for row in cursor.fetchall())

    assert "parvis_search_document_gin" in results.with_index_plan(explain)
