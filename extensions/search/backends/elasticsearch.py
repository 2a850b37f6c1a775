"""Elasticsearch 8.x/9.x with French analysis (see servers.py), through the
8.x client (the 9.x client refuses an 8.x server)."""
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)

from .servers import french_backend

SearchBackend = french_backend(
    Elasticsearch8SearchBackend,
    Elasticsearch8Mapping,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8SearchResults,
)
