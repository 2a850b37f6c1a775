"""French analysis and facets for the search servers (OpenSearch,
Elasticsearch), shared by their backends.

modelsearch maps text with the language-neutral "standard" analyzer and
searches autocomplete fields with it too (no accent folding). Here every text
field is analysed in French: elision ("l'école" -> "école"), lower case,
French stop words, accent folding, light French stemmer; autocomplete keeps
edge n-grams but folds accents and elisions on both sides.

The catch-all field has a second analysis, its words unstemmed, folded and
as written (WORDS_FIELD): the stemmer makes « délibération » « delib »,
which no typo of the word is near. The node's term suggester proposes
corrections from it, with their accents, and fuzzy matching (the search
that found nothing, made tolerant) compares with it: the search servers
need no vocabulary table. Both read every document, private ones too: the
engine offers a correction or fuzzy results only as the visitor's own
filtered search finds them (see spelling_correction).

A search page costs one round trip to the node: for each searchable type,
the first page of hits, the exact count and the facets (aggregations) in
one answer, from the node's request cache when nothing changed since
(ServerResultsMixin, backend.prefetch)."""
import re
from collections import OrderedDict
from copy import deepcopy

from modelsearch.query import And, Boost, Fuzzy, Not, Or, PlainText
from modelsearch.utils import deep_update

from ..analysis import fold
from .protocol import BackendProtocol, ResultsProtocol

ELISION_ARTICLES = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]

FRENCH_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "parvis_elision": {"type": "elision", "articles_case": True, "articles": ELISION_ARTICLES},
                "parvis_french_stop": {"type": "stop", "stopwords": "_french_"},
                "parvis_french_stemmer": {"type": "stemmer", "language": "light_french"},
                # Both « délibération » and « deliberation »: the folded form
                # for matching typos, the original for showing a correction.
                "parvis_folding": {"type": "asciifolding", "preserve_original": True},
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
                "parvis_words": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "parvis_elision", "parvis_french_stop", "parvis_folding"],
                },
            },
        }
    }
}


WORDS_FIELD = "_all_text.words"
# Typos rarely touch a word's first letter; requiring it keeps the node's
# term enumeration (and noise) small. AUTO: no edit up to 2 letters, one up
# to 5, two beyond.
FUZZY = {"fuzziness": "AUTO", "prefix_length": 1}
SUGGESTER = {"field": WORDS_FIELD, "suggest_mode": "missing", "sort": "score", "max_edits": 2,
             "prefix_length": 1, "min_word_length": 4, "size": 1}
# The accented forms of a folded word: the accent may be on its first letter.
ACCENTED = {"suggest_mode": "always", "prefix_length": 0, "size": 10}
# An elided article before a word (« l’urbanisem »): kept as typed.
ELIDED = re.compile(r"^\w+['’]")


class FrenchMappingMixin:
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "parvis_autocomplete_search"}

    def get_mapping(self):
        mapping = super().get_mapping()
        _analyse_in_french(mapping["properties"])
        mapping["properties"]["_all_text"]["fields"] = {"words": {"type": "text", "analyzer": "parvis_words"}}
        return mapping


def _analyse_in_french(properties):
    for field in properties.values():
        if field.get("type") == "text" and "analyzer" not in field:
            field["analyzer"] = "parvis_french"
        if "properties" in field:
            _analyse_in_french(field["properties"])


class FuzzyQueryCompilerMixin:
    """Fuzzy queries (modelsearch's Fuzzy) on the folded words, whatever
    the fields: the stemmed ones hide the word a typo is near."""

    def _compile_fuzzy_query(self, query, fields):
        return {"match": {WORDS_FIELD: {"query": query.query_string, "operator": query.operator, **FUZZY}}}

    def _join_and_compile_queries(self, query, fields, boost=1.0):
        if _has_fuzzy(query):
            fields = fields[:1]  # one field is compared: no copy per boosted field
        return super()._join_and_compile_queries(query, fields, boost)


def _has_fuzzy(query):
    if isinstance(query, Fuzzy):
        return True
    children = getattr(query, "subqueries", None) or [getattr(query, "subquery", None)]
    return any(child is not None and _has_fuzzy(child) for child in children)


def typo_tolerant(query):
    """`query` (a string, or synonyms' And/Or) with each plain-text part
    made fuzzy, every word required as in the exact search."""
    if isinstance(query, str):
        return Fuzzy(query, operator="and")
    if isinstance(query, PlainText):
        return Fuzzy(query.query_string, operator=query.operator)
    if isinstance(query, (And, Or)):
        return type(query)([typo_tolerant(child) for child in query.subqueries])
    if isinstance(query, Boost):
        return Boost(typo_tolerant(query.subquery), query.boost)
    if isinstance(query, Not):
        return Not(typo_tolerant(query.subquery))
    return query


EMPTY_ANSWER = {"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}


class ServerResultsMixin:
    """What the search page needs of one type in one request: the hits of
    the first page (more when a later page asks), the exact count and the
    facets announced by with_facets(), through the node's request cache
    (invalidated by every refresh that changes the index). A filter that
    allows no value (`space__in=[]`: a visitor who sees no space) sends
    nothing."""

    WINDOW = 10  # hits fetched with the count: the first page

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._facets = {}
        self._answers = {}  # size -> answer, shared by slices and clones

    def _clone(self):
        new = super()._clone()
        new._facets, new._answers = self._facets, self._answers
        return new

    def with_facets(self, facets):
        """These results, their facets ({name: (kind, field)}) fetched with
        the hits and the count."""
        new = self._clone()
        new._facets, new._answers = dict(facets), {}
        return new

    def _aggregations(self, facets):
        compiler = self.query_compiler
        aggregations = {}
        for name, (kind, field) in facets.items():
            column = compiler.mapping.get_field_column_name(compiler._get_filterable_field(field))
            if kind == "year":
                aggregations[name] = {"date_histogram": {"field": column, "calendar_interval": "year",
                                                         "min_doc_count": 1, "format": "yyyy",
                                                         "time_zone": "Europe/Paris"}}
            else:
                aggregations[name] = {"terms": {"field": column, "size": 200}}
        return aggregations

    def request(self, size, facets):
        """(index, body) of the request for the first `size` hits, the
        count and `facets`, or None when the filters allow nothing."""
        body = self._get_es_body(for_count=not size)
        if _allows_nothing(body["query"].get("bool", {}).get("filter")):
            return None
        body.update({"size": size, "track_total_hits": True, "_source": False})
        if size:
            body[self.fields_param_name] = ["pk"]
        if facets:
            body["aggregations"] = self._aggregations(facets)
        return self.backend.get_index_for_model(self.query_compiler.queryset.model).name, body

    def _ask(self, size, facets):
        request = self.request(size, facets)
        if request is None:
            return EMPTY_ANSWER
        index, body = request
        return self._backend_do_search(body, index=index, request_cache=True)

    def first_page_request(self):
        """(index, body) of what _answer() would ask first, or None when it
        has its answer (a filter allowing nothing is answered at once)."""
        if not self._answers:
            request = self.request(self.WINDOW, self._facets)
            if request is not None:
                return request
            self._answers[self.WINDOW] = EMPTY_ANSWER
        return None

    def take_answer(self, answer):
        self._answers[self.WINDOW] = answer

    def _answer(self, stop):
        """The node's answer holding the hits up to `stop`."""
        for size, answer in self._answers.items():
            if size >= stop:
                return answer
        size = max(stop, self.WINDOW)
        self._answers[size] = self._ask(size, self._facets)
        return self._answers[size]

    def _do_count(self):
        count = self._answer(0)["hits"]["total"]["value"] - self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)

    def _do_search(self):
        if self.stop is None:  # every hit: modelsearch's scroll
            return super()._do_search()
        return self._get_results_from_hits(self._answer(self.stop)["hits"]["hits"][self.start : self.stop])

    def facet_counts(self, facets):
        """{name: {value: count}} over the same query and filters as the
        hits: from their answer when announced, else in a request of its own."""
        known = facets.keys() <= self._facets.keys()
        answer = self._answer(0) if known else self._ask(0, facets)
        aggregations = answer.get("aggregations", {})
        return {
            name: OrderedDict(
                (int(bucket["key_as_string"]) if kind == "year" else bucket["key"], bucket["doc_count"])
                for bucket in aggregations.get(name, {}).get("buckets", [])
            )
            for name, (kind, _field) in facets.items()
        }


def _allows_nothing(filters):
    """True when the filters require a value among none."""
    if isinstance(filters, dict):
        filters = [filters]
    for item in filters or []:
        terms = item.get("terms")
        if terms is not None and not any(terms.values()):
            return True
        if _allows_nothing(item.get("bool", {}).get("must")):
            return True
    return False


class FrenchServerBackendMixin(BackendProtocol):
    typo_tolerant = staticmethod(typo_tolerant)  # the engine's fuzzy fallback (engine.Search.tolerant)

    @classmethod
    def french_settings(cls, base_settings):
        return deep_update(deepcopy(base_settings), FRENCH_ANALYSIS)

    def _search_body(self, body, **params):
        if self.use_new_elasticsearch_api:
            return self.es.search(**body, **params)
        return self.es.search(body=body, **params)

    def prefetch(self, results):
        """The first page, count and facets of
        each of `results` in one round trip (_msearch). A search the node
        fails is left to ask again alone, and so to raise."""
        asked = [(each, each.first_page_request()) for each in results]
        asked = [(each, request) for each, request in asked if request is not None]
        if len(asked) < 2:
            return  # one request either way
        lines = []
        for _each, (index, body) in asked:
            lines += [{"index": index, "request_cache": True}, body]
        if self.use_new_elasticsearch_api:
            answers = self.es.msearch(searches=lines)["responses"]
        else:
            answers = self.es.msearch(body=lines)["responses"]
        for (each, _request), answer in zip(asked, answers):
            if "error" not in answer:
                each.take_answer(answer)

    def _suggest(self, indexes, suggesters):
        answer = self._search_body({"size": 0, "suggest": suggesters}, index=indexes, ignore_unavailable=True)
        return answer.get("suggest", {})

    def spelling_correction(self, query, models):
        """`query` with each word no document of `models` holds replaced by
        the one the node's term suggester finds closest (fewest edits, then
        most frequent), or None when no word changes. Private documents'
        words are candidates: the caller offers the correction only when
        the corrected search finds what the visitor may see."""
        indexes = ",".join(sorted({self.get_index_for_model(model).name for model in models}))
        best = {}  # by offset: a word typed with accents has a folded twin
        for entry in self._suggest(indexes, {"words": {"text": query, "term": SUGGESTER}}).get("words", []):
            for option in entry["options"]:
                start, end = entry["offset"], entry["offset"] + entry["length"]
                rank = (option["score"], not option["text"].isascii())
                if start not in best or rank > best[start][0]:
                    best[start] = (rank, end, option["text"])
        if not best:
            return None
        shown = self._with_accents(indexes, {word for _rank, _end, word in best.values()})
        out, cursor = [], 0
        for start, (_rank, end, word) in sorted(best.items()):
            elided = ELIDED.match(query[start:end])  # « l’urbanisem »: the article stays
            out += [query[cursor : start + (elided.end() if elided else 0)], shown.get(word, word)]
            cursor = end
        return "".join(out) + query[cursor:]

    def _with_accents(self, indexes, words):
        """{folded word: the form the documents write}, for the words
        without accents among `words`: the folded words keep their
        original beside them, found by the suggester within two edits
        (« deliberation » → « délibération »); else the word stays."""
        plain = sorted(word for word in words if word.isascii())
        if not plain:
            return {}
        asked = {f"w{number}": {"text": word, "term": {**SUGGESTER, **ACCENTED}} for number, word in enumerate(plain)}
        shown = {}
        for name, entries in self._suggest(indexes, asked).items():
            word = asked[name]["text"]
            options = [option["text"] for entry in entries for option in entry["options"]]
            shown[word] = next((option for option in options if fold(option) == word), word)
        return shown


def shared_client(client_class):
    """The vendor's client class, made to give one client (one pool of
    kept-alive connections) per configuration and process: modelsearch
    builds a backend for each search, and so a client, which opened a new
    connection to the node for every page."""
    clients = {}

    def client(hosts, **options):
        key = repr((hosts, sorted(options.items())))
        if key not in clients:
            clients[key] = client_class(hosts=hosts, **options)
        return clients[key]

    return staticmethod(client)


def french_backend(backend, mapping, query_compiler, autocomplete_compiler, results):
    """The French variant of one of modelsearch's search-server backends
    (OpenSearch, Elasticsearch): its mapping analyses text in French, its
    searches may be fuzzy, its results come with their count and facets in
    one request, its client is shared. The vendors' classes
    differ only by name."""
    french_mapping = type(f"French{mapping.__name__}", (FrenchMappingMixin, mapping), {})
    return type(
        f"French{backend.__name__}",
        (FrenchServerBackendMixin, backend),
        {
            "mapping_class": french_mapping,
            "query_compiler_class": type(
                f"French{query_compiler.__name__}", (FuzzyQueryCompilerMixin, query_compiler),
                {"mapping_class": french_mapping},
            ),
            "autocomplete_query_compiler_class": type(
                f"French{autocomplete_compiler.__name__}", (autocomplete_compiler,), {"mapping_class": french_mapping}
            ),
            "results_class": type(f"French{results.__name__}", (ServerResultsMixin, ResultsProtocol, results), {}),
            "client_class": shared_client(backend.client_class),
            "settings": FrenchServerBackendMixin.french_settings(backend.settings),
        },
    )
