"""PostgreSQL only (a no-op elsewhere): the document vector of an index entry
(title || body, plus a term naming its content type) behind a function whose
declared cost is what evaluating it really costs, and the GIN index on that
function in place of 0001's index on title || body
(extensions/search/backends/postgres.py says why).

Not atomic: the index is built CONCURRENTLY, so a large index can be rebuilt
on a live site without locking out writes."""
from django.db import migrations

from extensions.search.migration_operations import postgresql_only

# Evaluating the vector detoasts the whole body vector: about 13 µs a row
# measured at 100,000 acts, some 1,000 times cpu_operator_cost. Declared so,
# and not inlinable (PL/pgSQL), the planner stops testing the words row by row
# when the GIN index answers. The type term ('#' and the content type id, which
# no text configuration can produce from a query) lets the same index answer
# "these words in entries of this type" alone.
FORWARDS = [
    """
    CREATE OR REPLACE FUNCTION parvis_search_document(content_type_id integer, title tsvector, body tsvector)
    RETURNS tsvector LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000
    AS $$ BEGIN RETURN title || body || array_to_tsvector(ARRAY['#' || content_type_id::text]); END $$
    """,
    """
    CREATE INDEX CONCURRENTLY IF NOT EXISTS parvis_search_document_vector_gin
    ON wagtailsearch_indexentry USING gin (parvis_search_document(content_type_id, title, body))
    """,
    "DROP INDEX CONCURRENTLY IF EXISTS parvis_search_document_gin",
]

BACKWARDS = [
    """
    CREATE INDEX CONCURRENTLY IF NOT EXISTS parvis_search_document_gin
    ON wagtailsearch_indexentry USING gin ((title || body))
    """,
    "DROP INDEX CONCURRENTLY IF EXISTS parvis_search_document_vector_gin",
    "DROP FUNCTION IF EXISTS parvis_search_document(integer, tsvector, tsvector)",
]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("parvis_search", "0001_postgres_french_search")]

    operations = [postgresql_only(FORWARDS, BACKWARDS)]
