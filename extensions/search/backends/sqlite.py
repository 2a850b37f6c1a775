"""modelsearch's SQLite FTS5 backend made French: FTS5's tokenizer knows no
French, so the text is analysed in Python (extensions.search.analysis:
elisions, stop words, accents, light stemming) before it is indexed, and
queries go through the same analysis. Titles weigh five times the body."""
from copy import copy

from django.db.models import FloatField, Func
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from ..analysis import ELISIONS, analyse, analysed_text, fold, folded_text, tokens
from .. import vocabulary
from .facets import DatabaseFacetsMixin
from .protocol import BackendProtocol, ResultsProtocol


class FrenchSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """Stores the analysed text of `objs` (modelsearch stores it raw),
        and their words in the vocabulary."""
        if not model.get_search_fields() or not objs:
            return
        rows = {}
        for obj in objs:
            indexer = ObjectIndexer(obj, self.backend)
            rows[indexer.id] = {
                "title": analysed_text(indexer.title),
                "body": analysed_text(indexer.body),
                "autocomplete": folded_text(indexer.autocomplete),
            }
        content_type_pk = get_content_type_pk(model)
        entries = self.entries.filter(content_type_id=content_type_pk)
        existing = set(entries.filter(object_id__in=rows).values_list("object_id", flat=True))
        for object_id in existing:
            entries.filter(object_id=object_id).update(**rows[object_id])
        self.entries.bulk_create(
            [
                self.entries.model(content_type_id=content_type_pk, object_id=object_id, **row)
                for object_id, row in rows.items()
                if object_id not in existing
            ]
        )
        self._refresh_title_norms()
        vocabulary.record(objs)


class WeightedBM25(Func):
    """bm25() with a weight per FTS5 column (autocomplete, body, title: the
    order of the virtual table); lower is better."""

    output_field = FloatField()
    weights = (0.0, 1.0, 5.0)

    def as_sql(self, compiler, connection, **extra):
        from modelsearch.backends.database.sqlite.query import SQLiteFTSIndexEntry

        table = SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, {', '.join(map(str, self.weights))})", []


class FrenchQueryMixin:
    """Analyses the words of the query as the index was analysed."""

    def query_terms(self, text):
        return analyse(text)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            terms = self.query_terms(query.query_string)
            if not terms:
                return None
            query = PlainText(" ".join(terms), operator=query.operator)
        elif isinstance(query, Phrase):
            terms = self.query_terms(query.query_string)
            if not terms:
                return None
            query = Phrase(" ".join(terms))
        elif isinstance(query, (And, Or)):
            parts = [part for part in query.subqueries if self.build_search_query_content(part, config)]
            if not parts:
                return None
            query = type(query)(parts)
        return super().build_search_query_content(query, config=config)

    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()

    def search(self, config, start, stop, score_field=None):
        if self.build_search_query_content(self.query, config) is None and self._is_text_query():
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)

    def _is_text_query(self):
        return isinstance(self.query, (PlainText, Phrase, And, Or))

    def matches(self, config):
        """Every match, in no particular order (for counts and facets)."""
        unranked = copy(self)
        unranked.order_by_relevance = False
        return unranked.search(config, None, None)


class FrenchSQLiteSearchQueryCompiler(FrenchQueryMixin, SQLiteSearchQueryCompiler):
    pass


class FrenchSQLiteAutocompleteQueryCompiler(FrenchQueryMixin, SQLiteAutocompleteQueryCompiler):
    def query_terms(self, text):
        """Folded, not stemmed: a prefix must stay a prefix of the word."""
        words = (fold(word) for _start, _end, word in tokens(text))
        return [word for word in words if word not in ELISIONS]


class FrenchSQLiteSearchResults(DatabaseFacetsMixin, ResultsProtocol, SQLiteSearchResults):
    def matching_queryset(self):
        compiler = self.query_compiler
        return compiler.matches(compiler.get_config(self.backend))


class FrenchSQLiteSearchBackend(BackendProtocol, SQLiteSearchBackend):
    index_class = FrenchSQLiteIndex
    query_compiler_class = FrenchSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchSQLiteAutocompleteQueryCompiler
    results_class = FrenchSQLiteSearchResults
    higher_score_is_better = False
    is_database = True
