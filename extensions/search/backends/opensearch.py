"""OpenSearch 2.x/3.x with French analysis (see servers.py)."""
from modelsearch.backends.opensearch2 import (
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchQueryCompiler,
    OpenSearch2SearchResults,
)

from .servers import FrenchMappingMixin, FrenchServerBackendMixin, ServerFacetsMixin


class FrenchOpenSearchMapping(FrenchMappingMixin, OpenSearch2Mapping):
    pass


class FrenchOpenSearchQueryCompiler(OpenSearch2SearchQueryCompiler):
    mapping_class = FrenchOpenSearchMapping


class FrenchOpenSearchAutocompleteQueryCompiler(OpenSearch2AutocompleteQueryCompiler):
    mapping_class = FrenchOpenSearchMapping


class FrenchOpenSearchResults(ServerFacetsMixin, OpenSearch2SearchResults):
    pass


class FrenchOpenSearchBackend(FrenchServerBackendMixin, OpenSearch2SearchBackend):
    mapping_class = FrenchOpenSearchMapping
    query_compiler_class = FrenchOpenSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchOpenSearchAutocompleteQueryCompiler
    results_class = FrenchOpenSearchResults
    settings = FrenchServerBackendMixin.french_settings(OpenSearch2SearchBackend.settings)


SearchBackend = FrenchOpenSearchBackend
