"""Elasticsearch 8.x/9.x with French analysis (see servers.py), through the
8.x client (the 9.x client refuses an 8.x server)."""
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)

from .servers import FrenchMappingMixin, FrenchServerBackendMixin, ServerFacetsMixin


class FrenchElasticsearchMapping(FrenchMappingMixin, Elasticsearch8Mapping):
    pass


class FrenchElasticsearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = FrenchElasticsearchMapping


class FrenchElasticsearchAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = FrenchElasticsearchMapping


class FrenchElasticsearchResults(ServerFacetsMixin, Elasticsearch8SearchResults):
    pass


class FrenchElasticsearchBackend(FrenchServerBackendMixin, Elasticsearch8SearchBackend):
    mapping_class = FrenchElasticsearchMapping
    query_compiler_class = FrenchElasticsearchQueryCompiler
    autocomplete_query_compiler_class = FrenchElasticsearchAutocompleteQueryCompiler
    results_class = FrenchElasticsearchResults
    settings = FrenchServerBackendMixin.french_settings(Elasticsearch8SearchBackend.settings)


SearchBackend = FrenchElasticsearchBackend
