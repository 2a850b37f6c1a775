"""French analysis and facets for the search servers (OpenSearch,
Elasticsearch), shared by their backends.

modelsearch maps text with the language-neutral "standard" analyzer and
searches autocomplete fields with it too (no accent folding). Here every text
field is analysed in French: elision ("l'école" -> "école"), lower case,
French stop words, accent folding, light French stemmer; autocomplete keeps
edge n-grams but folds accents and elisions on both sides."""
from collections import OrderedDict
from copy import deepcopy

from modelsearch.utils import deep_update

from ..vocabulary import ServerVocabularyIndexMixin

ELISION_ARTICLES = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]

FRENCH_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "parvis_elision": {"type": "elision", "articles_case": True, "articles": ELISION_ARTICLES},
                "parvis_french_stop": {"type": "stop", "stopwords": "_french_"},
                "parvis_french_stemmer": {"type": "stemmer", "language": "light_french"},
            },
            "analyzer": {
                "parvis_french": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "parvis_elision", "parvis_french_stop", "asciifolding",
                               "parvis_french_stemmer"],
                },
                # modelsearch's own name: the index side of autocomplete fields.
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "parvis_elision", "asciifolding", "edgengram"],
                },
                "parvis_autocomplete_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "parvis_elision", "asciifolding"],
                },
            },
        }
    }
}


class FrenchMappingMixin:
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "parvis_autocomplete_search"}

    def get_mapping(self):
        mapping = super().get_mapping()
        _analyse_in_french(mapping["properties"])
        return mapping


def _analyse_in_french(properties):
    for field in properties.values():
        if field.get("type") == "text" and "analyzer" not in field:
            field["analyzer"] = "parvis_french"
        if "properties" in field:
            _analyse_in_french(field["properties"])


class ServerFacetsMixin:
    """facet_counts() in one request: a terms or yearly histogram
    aggregation per facet, over the same query and filters as the results."""

    def _aggregation(self, kind, column):
        if kind == "year":
            return {"date_histogram": {"field": column, "calendar_interval": "year", "min_doc_count": 1,
                                       "format": "yyyy", "time_zone": "Europe/Paris"}}
        return {"terms": {"field": column, "size": 200}}

    def facet_counts(self, facets):
        compiler = self.query_compiler
        body = self._get_es_body(for_count=True)
        body["aggregations"] = {
            name: self._aggregation(kind, compiler.mapping.get_field_column_name(compiler._get_filterable_field(field)))
            for name, (kind, field) in facets.items()
        }
        index = self.backend.get_index_for_model(compiler.queryset.model).name
        response = self._backend_do_search(body, index=index, size=0)
        return {
            name: OrderedDict(
                (int(bucket["key_as_string"]) if kind == "year" else bucket["key"], bucket["doc_count"])
                for bucket in response["aggregations"][name]["buckets"]
            )
            for name, (kind, _field) in facets.items()
        }


class FrenchServerBackendMixin:
    higher_score_is_better = True

    @classmethod
    def french_settings(cls, base_settings):
        return deep_update(deepcopy(base_settings), FRENCH_ANALYSIS)


def french_backend(backend, mapping, query_compiler, autocomplete_compiler, results):
    """The French variant of one of modelsearch's search-server backends
    (OpenSearch, Elasticsearch): its mapping analyses text in French, its
    results carry facet counts, its indexes fill the vocabulary. The vendors'
    classes differ only by name."""
    french_mapping = type(f"French{mapping.__name__}", (FrenchMappingMixin, mapping), {})
    return type(
        f"French{backend.__name__}",
        (FrenchServerBackendMixin, backend),
        {
            "mapping_class": french_mapping,
            "index_class": type(f"French{backend.index_class.__name__}", (ServerVocabularyIndexMixin, backend.index_class), {}),
            "query_compiler_class": type(
                f"French{query_compiler.__name__}", (query_compiler,), {"mapping_class": french_mapping}
            ),
            "autocomplete_query_compiler_class": type(
                f"French{autocomplete_compiler.__name__}", (autocomplete_compiler,), {"mapping_class": french_mapping}
            ),
            "results_class": type(f"French{results.__name__}", (ServerFacetsMixin, results), {}),
            "settings": FrenchServerBackendMixin.french_settings(backend.settings),
        },
    )
