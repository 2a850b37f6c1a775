"""PostgreSQL only (a no-op elsewhere): Wagtail's GIN index on the body
vector of the index entries (wagtailsearch 0006, `wagtailsear_body_90c85d_gin`)
answers none of our queries — words are found through the document vector's
index (migration 0002), and the body is only tested on candidates already
found — yet every act indexed paid for it: some 600 entries an act, 0.1 s
of the server's CPU per 1,000 acts (an eighth of writing them), a sixth of
the table's size.

It is replaced by an index of the same name and definition that holds no
row (its predicate is false), rather than dropped: a later Wagtail
migration that removes it (DROP INDEX IF EXISTS), renames it, or alters the
column still finds it, and one that recreates it just brings the cost back.
Built CONCURRENTLY, like 0002's, so that a live site keeps writing."""
from django.db import migrations

from extensions.search.migration_operations import postgresql_only

INDEX = "wagtailsear_body_90c85d_gin"

FORWARDS = [
    f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}",
    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin (body) WHERE false",
]

BACKWARDS = [
    f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}",
    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin (body)",
]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("parvis_search", "0004_bulk_indexing_storage")]

    operations = [postgresql_only(FORWARDS, BACKWARDS)]
