"""PostgreSQL only (a no-op elsewhere): the French text search
configurations and the GIN index the search backend relies on
(extensions/search/backends/postgres.py says why each is there)."""
from django.db import migrations

from extensions.search.migration_operations import postgresql_only

FORWARDS = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'parvis_french') THEN
        CREATE TEXT SEARCH CONFIGURATION parvis_french (COPY = french);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'parvis_simple') THEN
        CREATE TEXT SEARCH CONFIGURATION parvis_simple (COPY = simple);
    END IF;
END $$;
ALTER TEXT SEARCH CONFIGURATION parvis_french
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, french_stem;
ALTER TEXT SEARCH CONFIGURATION parvis_simple
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
-- modelsearch filters on title || body, which its own indexes do not cover.
CREATE INDEX IF NOT EXISTS parvis_search_document_gin
    ON wagtailsearch_indexentry USING gin ((title || body));
"""

BACKWARDS = """
DROP INDEX IF EXISTS parvis_search_document_gin;
DROP TEXT SEARCH CONFIGURATION IF EXISTS parvis_french;
DROP TEXT SEARCH CONFIGURATION IF EXISTS parvis_simple;
"""


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [postgresql_only(FORWARDS, BACKWARDS)]
