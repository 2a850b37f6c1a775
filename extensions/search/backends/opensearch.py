"""OpenSearch 2.x/3.x with French analysis (see servers.py)."""
from modelsearch.backends.opensearch2 import (
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchQueryCompiler,
    OpenSearch2SearchResults,
)

from .servers import french_backend

SearchBackend = french_backend(
    OpenSearch2SearchBackend,
    OpenSearch2Mapping,
    OpenSearch2SearchQueryCompiler,
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2SearchResults,
)
