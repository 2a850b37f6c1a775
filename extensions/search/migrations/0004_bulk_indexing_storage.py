"""PostgreSQL only (a no-op elsewhere): how the rows that indexing writes
are stored, for cheaper writes (measured per 1,000 acts, in the server's
CPU; docs/architecture.md has the whole account).

- The vocabulary gets room on each page for the new version of its rows
  (fillfactor 50). Indexing a batch adds to the weight of most of the words
  already there; `weight` is in no index, so with room on the page the
  update is HOT (heap-only): no new entry in the trigram index and the two
  btrees, and the old version is pruned with the page. 0.24 → 0.12 s.
- The large columns of the index entries (the body vector and the body's
  plain text, a few kilobytes an act) are compressed with lz4 rather than
  pglz: 0.1 s less to write 1,000 entries, faster to read back (a search
  detoasts body vectors to rank them), some 5 % larger. Skipped where the
  server was built without lz4.

Both apply to rows written from now on: nothing is rewritten."""
from django.db import migrations

from extensions.search.migration_operations import postgresql_only

FORWARDS = [
    "ALTER TABLE parvis_search_word SET (fillfactor = 50)",
    """
    DO $$ BEGIN
        ALTER TABLE wagtailsearch_indexentry
            ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN body_text SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'no lz4 in this PostgreSQL: the index entries stay compressed with pglz';
    END $$
    """,
]

BACKWARDS = [
    "ALTER TABLE parvis_search_word RESET (fillfactor)",
    """
    ALTER TABLE wagtailsearch_indexentry
        ALTER COLUMN body SET COMPRESSION default, ALTER COLUMN body_text SET COMPRESSION default
    """,
]


class Migration(migrations.Migration):
    dependencies = [("parvis_search", "0003_vocabulary_and_synonyms")]

    operations = [postgresql_only(FORWARDS, BACKWARDS)]
