"""modelsearch's PostgreSQL backend with what it lacks for a French archive,
and bounded work per query whatever the size of the archive (measured at
100,000 acts: docs/architecture.md).

- Text search configurations (migration 0001): French with unaccent
  ("parvis_french", stemming), and an unaccented, unstemmed one for
  autocomplete ("parvis_simple": "delib" finds "délibération").
- The document vector: modelsearch filters on title || body, which its own
  GIN indexes (on title and on body apart) do not cover. Migration 0002
  indexes parvis_search_document(content_type, title, body): that vector
  plus a term naming the entry's content type, so that the one GIN index
  answers "these words in entries of this type" by itself. The function is
  declared as costly as it is (it detoasts the whole body vector: 1.3 s to
  test a word on 100,000 acts), so that PostgreSQL does not test the words
  row by row when the index answers.
- Matches are found from the index side: the entries the GIN index gives,
  looked up among the visible objects by integer primary key (modelsearch
  joins from the objects on a text cast of the id, which no index serves
  that way). Only the first COUNT_LIMIT + 1 are fetched:
  * up to COUNT_LIMIT matches, everything is exact: the count, the facets,
    and the ranking (all of them ranked with modelsearch's formula);
  * beyond, the search page says "more than COUNT_LIMIT" (bounded_count())
    and the facets count those first matches, as lower bounds: counting
    them all means reading and joining every match (over 140 ms for a word
    found in 100,000 acts, with the best plan), which count() still does
    for other callers (Wagtail's admin). Ranking every match costs more
    still (stock modelsearch: 1.4 s), so only candidates are ranked: the
    best titles of the type (titles weigh far more than body text; ranked
    on the small title vectors stored inline, among the TITLE_WINDOW last
    indexed whose titles match) and the newest matches.
    Body-only matches outside these come after, newest first (for a word
    found in thousands of acts, recency is the better order).
"""
import json
from contextlib import contextmanager

import psycopg
from django.core.exceptions import EmptyResultSet
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, router, transaction
from django.db.models import BigIntegerField, Count, F, Func, IntegerField, Lookup, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, ExtractYear
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.index import AutocompleteField
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from ..vocabulary import record_words
from .protocol import BackendProtocol, ResultsProtocol

SEARCH_CONFIG = "parvis_french"
AUTOCOMPLETE_CONFIG = "parvis_simple"
# Matches of a type counted, faceted and ranked exactly (the search page
# shows 50 pages of 10 at most).
COUNT_LIMIT = 1000
# Beyond it, candidates ranked from each of the two sources (best titles,
# newest matches); and the suggestions ranked.
RANK_WINDOW = 200
# The matching titles the best are chosen from, the last indexed first.
TITLE_WINDOW = 1000


class DocumentVector(Func):
    """The document vector of an index entry, as the GIN index of migration
    0002 has it: title || body, plus a term naming its content type."""

    function = "parvis_search_document"
    output_field = SearchVectorField()

    def __init__(self, prefix=""):
        super().__init__(F(f"{prefix}content_type"), F(f"{prefix}title"), F(f"{prefix}body"))


class AnyOf(Lookup):
    """lhs = ANY(rhs), rhs an array: one parameter for a list, where `__in`
    has one per item (psycopg takes milliseconds to place 1,000 of them)."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def pk_in(pks):
    """pk = ANY(pks), the integers sent as one array literal: a list value
    would have Django prepare each of a thousand items as a field value."""
    literal = "{%s}" % ",".join(str(int(pk)) for pk in pks)
    return AnyOf(F("pk"), RawSQL("%s::bigint[]", (literal,), output_field=ArrayField(BigIntegerField())))


def integer_pk(model):
    """True when the model's primary key is an integer (directly or through
    a parent link), so that index entries can be joined on it as integers."""
    pk = model._meta.pk
    return isinstance(pk.target_field if pk.is_relation else pk, IntegerField)


def negates(query):
    """True when `query` (a modelsearch query) negates something."""
    if isinstance(query, Not):
        return True
    return any(negates(sub) for sub in getattr(query, "subqueries", [getattr(query, "subquery", None)]) if sub)


class BoundedRankingMixin:
    """Filters on an indexed vector, counts a bounded number of matches and
    ranks only the candidates that can reach the requested page (see the
    module docstring)."""

    _first_matches = None

    def _plain(self):
        """True for the queries this compiler bounds; others go the stock way."""
        query = self.query
        if isinstance(query, MatchAll) or (isinstance(query, Not) and isinstance(query.subquery, MatchAll)):
            return False
        return self.fields is None and not isinstance(query, Fuzzy) and integer_pk(self.queryset.model)

    def match_vector(self, prefix="index_entries__"):
        """The vector matched, from the index entries behind `prefix`."""
        raise NotImplementedError

    def matches(self, config):
        """Every visible match, joined to its index entry (to rank it)."""
        search_query = self.build_tsquery(self.query, config=config)
        return self.queryset.annotate(_vector_=self.match_vector()).filter(_vector_=search_query)

    def entry_matches_sql(self, config):
        """(sql, params) of the pks (object_pk) of every visible match.
        Raises EmptyResultSet when nothing is visible (as the ORM does)."""
        raise NotImplementedError

    def first_matches_sql(self, config):
        """(sql, params) of the first limit() + 1 matches, in no order: what
        counts, facets and (for a small set) ranking work on."""
        sql, params = self.entry_matches_sql(config)
        return f"{sql} LIMIT {self.limit() + 1}", params

    def content_types(self):
        return get_descendants_content_types_pks(self.queryset.model)

    def limit(self):
        """How many matches are counted, and ranked all together."""
        return COUNT_LIMIT

    def first_matches(self, config):
        """The pks of the first matches (first_matches_sql()). Kept on the
        compiler, which the sliced copies of a result set share, unless the
        backend fetched them already with other types' (prefetch())."""
        if self._first_matches is None:
            try:
                sql, params = self.first_matches_sql(config)
            except EmptyResultSet:
                self._first_matches = []
                return self._first_matches
            with connections[self.queryset.db].cursor() as cursor:
                cursor.execute(sql, params)
                self._first_matches = [row[0] for row in cursor.fetchall()]
        return self._first_matches

    def candidate_sets(self, matches, config, window):
        """Querysets of pks, each at most `window` long, to rank."""
        return [matches.order_by("-pk").values("pk")[:window]]

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self._plain():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        found = self.first_matches(config)
        if not found:
            return self.queryset.none()
        every_match_found = len(found) <= self.limit()
        if not self.order_by_relevance:
            matches = self.queryset.filter(pk_in(found)) if every_match_found else self.matches(config)
            return self._apply_ordering_and_scoring(matches, F("pk"), start, stop, score_field)
        rank = self._build_rank_expression(self.get_search_vectors(None), config)
        if every_match_found:  # rank them all (found: matches already): exact
            return self._apply_ordering_and_scoring(self.queryset.filter(pk_in(found)), rank, start, stop, score_field)
        matches = self.matches(config)
        window = max(RANK_WINDOW, stop or 0)
        first, *others = self.candidate_sets(matches, config, window)
        # One union: PostgreSQL then knows the candidates are a few hundred
        # (an OR of IN clauses reads as most of the table) and looks them up.
        candidates = first.union(*others) if others else first
        # Every candidate matches (the best titles match, hence their whole
        # document, when no word is negated): testing the document vector
        # again would detoast each body once more than ranking it does.
        ranked = matches if negates(self.query) else self.queryset
        ranked = self._apply_ordering_and_scoring(ranked.filter(pk__in=candidates), rank, 0, None, score_field)
        if stop is not None and stop <= window:
            return ranked[start:stop]
        # A deep page: the ranked candidates first, then the other matches, newest first.
        head = list(ranked)
        rest = matches.exclude(pk__in=[obj.pk for obj in head]).order_by("-pk")
        if stop is not None:
            rest = rest[: max(stop - len(head), 0)]
        return (head + list(rest))[start:stop]


class FrenchPostgresSearchQueryCompiler(BoundedRankingMixin, PostgresSearchQueryCompiler):
    def match_vector(self, prefix="index_entries__"):
        return DocumentVector(prefix)

    def matches(self, config):
        """As the mixin's, testing the title, then the body, before the
        document vector: when no word is negated, a title or a body that
        matches makes a document that matches, and testing either costs a
        sixth of building the document vector (which only entries whose
        words are split between title and body then need)."""
        if negates(self.query):
            return super().matches(config)
        search_query = self.build_tsquery(self.query, config=config)
        # Annotated in one call, the three share one join to the entries
        # (a filter on index_entries__title would join them again).
        return self.queryset.annotate(
            _title_=F("index_entries__title"), _body_=F("index_entries__body"), _vector_=self.match_vector()
        ).filter(Q(_title_=search_query) | Q(_body_=search_query) | Q(_vector_=search_query))

    def entry_matches_sql(self, config):
        """The index gives the entries, each looked up among the visible
        objects by its integer primary key: counting the first ones stops
        early, unlike joining from the objects, which can only join on text.
        Written as SQL: built through the ORM, it cost more Python time
        (1.4 ms a type) than PostgreSQL took to answer for most types."""
        query = IndexEntry._default_manager.all().query
        words = self.build_tsquery(self.query, config=config).resolve_expression(query)
        words, words_params = query.get_compiler(self.queryset.db).compile(words)
        condition, condition_params = self.match_condition(words, words_params)
        visible, visible_params = self.queryset.order_by().values("pk").query.sql_with_params()
        sql = (
            f"SELECT e.object_id::bigint AS object_pk FROM {IndexEntry._meta.db_table} e"
            f" WHERE {condition} AND e.object_id::bigint IN ({visible})"
        )
        return sql, (*condition_params, *visible_params)

    def match_condition(self, words, words_params):
        """SQL testing the index entry `e` against `words` (the SQL of the
        tsquery, with `words_params`), and its params."""
        # The type as a term of the indexed vector: the GIN index answers
        # alone, for a type of ten entries as for one of a hundred thousand
        # (through modelsearch's btree index on the type, PostgreSQL would test
        # the words on every entry of a large type, detoasting every body).
        # Two conditions on the one index (GIN combines them): words & types
        # would match every entry of the type when the words are all stop words.
        document = "parvis_search_document(e.content_type_id, e.title, e.body)"
        types = " | ".join(f"'#{pk}'" for pk in self.content_types())
        return f"{document} @@ {words} AND {document} @@ %s::tsquery", (*words_params, types)

    def candidate_sets(self, matches, config, window):
        return [self.best_titles(config, window), *super().candidate_sets(matches, config, window)]

    def best_titles(self, config, window):
        """The pks of the `window` objects of this type whose titles score
        best among the TITLE_WINDOW last indexed whose titles match, whoever
        may see them (the final ranking keeps the visible ones): exact when
        fewer titles match. Ranked on the index entries alone, whose title
        vectors are small and stored inline: no body is read, no object
        table joined. A word found in a fifth of 100,000 titles no longer
        has every one of them read and ranked (19 ms): PostgreSQL walks the
        entries from the newest until it has TITLE_WINDOW (1 ms), or, for a
        word in few titles, takes them from the title index."""
        title_query = self.build_tsquery(self.query, config=config)
        recent = (
            IndexEntry._default_manager.filter(content_type_id__in=self.content_types(), title=title_query)
            .order_by("-pk")
            .values("pk")[:TITLE_WINDOW]
        )
        score = self.build_tsrank(F("title"), self.query, config=config) * F("title_norm")
        return (
            IndexEntry._default_manager.filter(pk__in=recent)
            .annotate(object_pk=Cast("object_id", BigIntegerField()))
            .order_by(score.desc(), "-object_pk")
            .values("object_pk")[:window]
        )


class FrenchPostgresAutocompleteQueryCompiler(BoundedRankingMixin, PostgresAutocompleteQueryCompiler):
    def get_config(self, backend):
        return AUTOCOMPLETE_CONFIG

    def match_vector(self, prefix="index_entries__"):
        return F(f"{prefix}autocomplete")

    def limit(self):
        # Suggestions show no count: finding more than can be ranked is useless.
        return RANK_WINDOW

    def candidate_sets(self, matches, config, window):
        # The newest matching entries, whoever may see them (the ranking keeps
        # the visible ones), from the index side: PostgreSQL has no statistics
        # for a prefix, and may guess a join from the objects that reads them
        # all. Plus the visible matches already found, so that there are
        # suggestions even when the newest are all private.
        entries = self.matching_entries(IndexEntry._default_manager.all(), config)
        newest = entries.annotate(object_pk=Cast("object_id", BigIntegerField())).order_by("-object_pk")
        found = self.queryset.order_by().filter(pk_in(self.first_matches(config))).values("pk")
        return [newest.values("object_pk")[:window], found]

    def matching_entries(self, entries, config):
        # Autocomplete vectors are small and stored inline: testing them row
        # by row is cheap, whichever index PostgreSQL reads.
        words = self.build_tsquery(self.query, config=config)
        return entries.filter(content_type_id__in=self.content_types(), autocomplete=words)

    def entry_matches_sql(self, config):
        matches = (
            self.matching_entries(IndexEntry._default_manager.all(), config)
            .annotate(object_pk=Cast("object_id", BigIntegerField()))
            .filter(object_pk__in=self.queryset.order_by().values("pk"))
            .values("object_pk")
        )
        return matches.query.sql_with_params()


# For the transaction of a search query (with_plan_settings() says why).
PLAN_SETTINGS = "SELECT " + ", ".join(
    f"set_config('{name}', '{value}', true)"
    for name, value in {"enable_seqscan": "off", "jit": "off", "max_parallel_workers_per_gather": "0"}.items()
)


@contextmanager
def plan_session(alias):
    """Runs what it wraps (which only reads) with PLAN_SETTINGS, in a
    transaction or savepoint rolled back at the end so that they never
    outlive it; nested sessions share the outer one, so that a whole search
    request (its counts, pages and facets) is one transaction:
    - no sequential scans: reading the GIN index costs more up front than
      a scan that stops at the first matches, and PostgreSQL charges both
      for testing the words on each row returned, which the index does
      not do (it cannot tell);
    - no JIT: costs that include the document vector are large, and would
      have queries of a few milliseconds compiled for hundreds;
    - no parallel workers: every query here is bounded, and starting
      workers costs more (10 to 20 ms measured) than they save."""
    connection = connections[alias]
    if getattr(connection, "parvis_plan_session", False):
        yield
        return
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute(PLAN_SETTINGS)
        connection.parvis_plan_session = True
        try:
            yield
        finally:
            connection.parvis_plan_session = False
            transaction.set_rollback(True, using=alias)


def each_part_rows(db, statements, column):
    """{number: [value, …]}: `column` (SQL over each statement's rows,
    aliased `part`) of every statement of `statements` ({number: (sql,
    params)}), in one UNION ALL run in a plan session: what would be one
    round trip and one plan per searchable type."""
    if not statements:
        return {}
    parts, params = [], []
    for number, (sql, part_params) in statements.items():
        parts.append(f"(SELECT {number} AS part_number, {column} FROM ({sql}) AS part)")
        params += part_params
    found = {number: [] for number in statements}
    with plan_session(db), connections[db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, value in cursor.fetchall():
            found[number].append(value)
    return found


class FrenchPostgresSearchResults(ResultsProtocol, PostgresSearchResults):
    """Bounded counts and facets for the queries the compiler bounds."""

    supports_facet = True

    def with_plan_settings(self, run):
        """Runs `run` (which only reads) in a plan session (see below)."""
        with plan_session(self.query_compiler.queryset.db):
            return run()

    def _bounded(self):
        compiler = self.query_compiler
        return isinstance(compiler, BoundedRankingMixin) and compiler._plain()

    def _config(self):
        return self.query_compiler.get_config(self.backend)

    def _do_search(self):
        return self.with_plan_settings(super()._do_search)

    def _first_matches(self):
        compiler = self.query_compiler
        if compiler._first_matches is None:
            self.with_plan_settings(lambda: compiler.first_matches(self._config()))
        return compiler._first_matches

    def _do_count(self):
        """The exact count (modelsearch's contract, which Wagtail's admin
        relies on): cheap up to the limit, a join of every match beyond."""
        if not self._bounded():
            return self.with_plan_settings(super()._do_count)
        count, exact = self.bounded_count()
        if exact:
            return count
        try:
            sql, params = self.query_compiler.entry_matches_sql(self._config())
        except EmptyResultSet:
            return 0

        def count():
            with connections[self.query_compiler.queryset.db].cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM ({sql}) AS matches", params)
                return cursor.fetchone()[0]

        return self.with_plan_settings(count)

    def bounded_count(self):
        """(count, exact): the count up to the compiler's limit(), and
        whether there are no more (what the search page shows: "more than
        1,000 results" costs a fraction of counting 100,000)."""
        if not self._bounded():
            return self.count(), True
        limit = self.query_compiler.limit()
        found = len(self._first_matches())
        return min(found, limit), found <= limit

    def facet_counts(self, facets):
        """{name: {value: count}} for facets given as {name: (kind, field)},
        kind being "year" (of a date) or "terms": one grouped query over the
        first limit() matches (all of them when bounded_count() is exact)."""
        rows = self.facet_rows(facets)
        return summed_facets([] if rows is None else self.with_plan_settings(lambda: list(rows)), facets)

    def facet_rows(self, facets):
        """The grouped query of facet_counts(), or None when there is
        nothing to count (no statement for a type without matches)."""
        compiler = self.query_compiler
        if self._bounded():
            found = self._first_matches()[: compiler.limit()]
            if not found:
                return None
            matches = pk_in(found)
        else:
            every_match = compiler.search(self._config(), None, None, backend=self.backend)
            matches = Q(pk__in=every_match.order_by().values("pk"))
        values = {
            f"_{name}": ExtractYear(field) if kind == "year" else F(field) for name, (kind, field) in facets.items()
        }
        model = compiler.queryset.model
        return model._base_manager.filter(matches).values(**values).annotate(_count_=Count("pk")).order_by()


def summed_facets(rows, facets):
    """{name: {value: count}} from grouped rows (facet_rows())."""
    counts = {name: {} for name in facets}
    for row in rows:
        for name, found in counts.items():
            value = row[f"_{name}"]
            if value is not None:
                found[value] = found.get(value, 0) + row["_count_"]
    return counts


class EntryTexts(ObjectIndexer):
    """An object's texts for its index entry, in one pass over its search
    fields (modelsearch's ObjectIndexer makes five, and builds a Django
    expression per vector): by column, each column's texts by weight."""

    def texts(self):
        """{column: {weight: [text, …]}}, plus the plain texts of the title
        and the body as modelsearch keeps them (every text, in field order)."""
        columns = {"title": {}, "body": {}, "autocomplete": {}, "title_text": [], "body_text": []}
        for search_field in self.search_fields:
            for field, weight, value in self.prepare_field(self.obj, search_field):
                value = value.strip()
                if not value:
                    continue
                if isinstance(field, AutocompleteField):
                    column = "autocomplete"
                else:
                    column = "title" if field.field_name == "title" else "body"
                columns[column].setdefault(weight, []).append(value)
                if column != "autocomplete":
                    columns[f"{column}_text"].append(value)
        return columns


# One statement per batch (FrenchPostgresIndex.add_items): the texts go in as
# arrays, one per column and weight, and PostgreSQL builds the vectors and
# the title norms (modelsearch's lavg / ld, the average title length over
# the entries with a title, these included) as it inserts: no second write
# of the rows to set the norms.
WRITE_ENTRIES = """
WITH item AS (
    SELECT item.object_id, item.title_text, item.body_text,
           {title} AS title, {autocomplete} AS autocomplete, {body} AS body
    FROM unnest({arrays}) AS item({names})
), average AS (
    SELECT avg(length) AS length FROM (
        SELECT length(title) FROM {entries}
        WHERE length(title) > 0 AND NOT (content_type_id = %(content_type)s AND object_id = ANY(%(object_id)b::text[]))
        UNION ALL
        SELECT length(title) FROM item WHERE length(title) > 0
    ) AS lengths(length)
)
INSERT INTO {entries} (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
SELECT %(content_type)s, item.object_id, item.title, item.autocomplete, item.body,
       CASE WHEN length(item.title) > 0 THEN average.length / length(item.title) ELSE 1.0 END,
       item.title_text, item.body_text
FROM item, average
ON CONFLICT (content_type_id, object_id) DO UPDATE SET
    title = EXCLUDED.title, title_norm = EXCLUDED.title_norm, autocomplete = EXCLUDED.autocomplete,
    body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
"""


def vector_sql(sources, config):
    """The SQL of a column's vector from `sources` ({weight: the name of
    the array of its texts}): one vector per weight, in the order the weights first come
    among the fields (as modelsearch chains one vector per field; texts of
    one weight are joined, which gives the same lexemes, weights and, but
    for stop words at a field's end, positions)."""
    if not sources:
        return "''::tsvector"
    return " || ".join(
        f"setweight(to_tsvector(%({config})s::regconfig, item.{source}), '{weight}')"
        for weight, source in sources.items()
    )


class FrenchPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Indexes `objs` with one statement (WRITE_ENTRIES), and adds their
        words to the vocabulary with another (vocabulary.record_words): the
        two sent in a pipeline, in one transaction, Python counting the words
        while PostgreSQL builds the vectors."""
        if not model.get_search_fields() or not objs:
            return
        texts = [EntryTexts(obj, self.backend) for obj in objs]
        columns = [indexer.texts() for indexer in texts]
        params = {
            "content_type": get_content_type_pk(model),
            "object_id": [indexer.id for indexer in texts],
            "title_text": [" ".join(item["title_text"]) for item in columns],
            "body_text": [" ".join(item["body_text"]) for item in columns],
            "config": self.backend.config,
            "autocomplete_config": self.backend.autocomplete_config,
        }
        vectors = {}
        for column in ("title", "body", "autocomplete"):
            sources = {}
            for weight in dict.fromkeys(weight for item in columns for weight in item[column]):
                name = f"{column}_{weight}"
                params[name] = [" ".join(item[column].get(weight, ())) for item in columns]
                # A column of one weight: its texts are its plain text, sent once.
                if params[name] == params.get(f"{column}_text"):
                    name = f"{column}_text"
                    del params[f"{column}_{weight}"]
                sources[weight] = name
            config = "autocomplete_config" if column == "autocomplete" else "config"
            vectors[column] = vector_sql(sources, config)
        names = [name for name in params if name not in ("content_type", "config", "autocomplete_config")]
        sql = WRITE_ENTRIES.format(
            entries=IndexEntry._meta.db_table,
            # Binary: no quoting of 5 MB of text for 1,000 acts, nor parsing it back.
            arrays=", ".join(f"%({name})b::text[]" for name in names),
            names=", ".join(names),
            **vectors,
        )
        connection = self.write_connection
        connection.ensure_connection()
        # Bound by the server (Django's cursors would quote every text into
        # the statement); pipelined: the first statement is sent, not waited
        # for, and Python counts the words while PostgreSQL builds the vectors.
        with connection.connection.pipeline(), psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, params)
            record_words(cursor, params["title_text"] + params["body_text"])


class FrenchPostgresSearchBackend(BackendProtocol, PostgresSearchBackend):
    index_class = FrenchPostgresIndex
    query_compiler_class = FrenchPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchPostgresAutocompleteQueryCompiler
    results_class = FrenchPostgresSearchResults
    is_database = True

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or SEARCH_CONFIG
        self.autocomplete_config = AUTOCOMPLETE_CONFIG

    def read_session(self):
        """One transaction for every query of a search (plan_session)."""
        return plan_session(router.db_for_read(IndexEntry))

    def prefetch(self, results):
        """The first matches of every type of a search in one statement:
        a round trip and a statement to plan per type cost more than most
        types' matches (a few pages, a few meetings) take to find."""
        pending = [
            each.query_compiler
            for each in results
            if isinstance(each, FrenchPostgresSearchResults)
            and each._bounded()
            and each.query_compiler._first_matches is None
        ]
        if len(pending) < 2:
            return  # one statement either way
        statements = {}
        for number, compiler in enumerate(pending):
            try:
                statements[number] = compiler.first_matches_sql(compiler.get_config(self))
            except EmptyResultSet:
                pass  # nothing visible: no match
        found = each_part_rows(pending[0].queryset.db, statements, "part.object_pk")
        for number, compiler in enumerate(pending):
            compiler._first_matches = found.get(number, [])

    def count_facets(self, asked):
        """Every type's facets in one statement: each type's grouped rows
        (facet_rows()) as JSON, which keeps their values' types, in a UNION
        ALL (one statement per type cost a round trip and a plan each)."""
        statements = {}
        for number, (results, facets) in enumerate(asked):
            rows = results.facet_rows(facets)
            if rows is not None:
                statements[number] = rows.query.sql_with_params()
        db = asked[0][0].query_compiler.queryset.db if asked else None
        found = each_part_rows(db, statements, "row_to_json(part)::text")
        grouped = {number: [json.loads(row) for row in rows] for number, rows in found.items()}
        return [summed_facets(grouped.get(number, []), facets) for number, (_results, facets) in enumerate(asked)]
