"""modelsearch's PostgreSQL backend with what it lacks for a French archive:

- a French configuration with unaccent ("parvis_french", stemming) and an
  unaccented, unstemmed one for autocomplete ("parvis_simple": "delib" finds
  "délibération"), both created by migration 0001 of this app;
- a GIN index on `title || body`, the expression it filters on (its own
  indexes cover title and body apart); and, as the planner cannot see that
  evaluating it means reading every body (1.3 s at 100,000 documents against
  50 ms through the index for a word found everywhere), searches run with
  sequential scans disabled for their transaction;
- ranking bounded to what can reach the requested page: stock modelsearch
  ranks every match (about 1.4 s for a frequent word at 100,000 documents).
  Titles weigh far more than body text, so the candidates are the matches
  with the best title scores plus the newest matches; only those are ranked
  with the full formula. When there are fewer matches than the window, this
  is exact; beyond it, body-only matches outside the window come after, newest
  first (for a word found in thousands of acts, recency is the better order).
"""
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db import connections, transaction
from django.db.models import F, Q
from django.db.models.expressions import CombinedExpression
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not

from .facets import DatabaseFacetsMixin

SEARCH_CONFIG = "parvis_french"
AUTOCOMPLETE_CONFIG = "parvis_simple"
# Candidates ranked with the full formula, from each of the two sources.
RANK_WINDOW = 200


class BoundedRankingMixin:
    """Filters on an indexed vector, then ranks only the candidates that can
    reach the requested page (see the module docstring)."""

    def _plain(self):
        """True for the queries this compiler bounds; others go the stock way."""
        query = self.query
        if isinstance(query, MatchAll) or (isinstance(query, Not) and isinstance(query.subquery, MatchAll)):
            return False
        return self.fields is None and not isinstance(query, Fuzzy)

    def match_vector(self):
        raise NotImplementedError

    def candidate_sets(self, matches, config, window):
        """Querysets of pks, each at most `window` long, to rank."""
        return [matches.order_by("-pk").values("pk")[:window]]

    def matches(self, config):
        """The queryset of every match, unordered (for counts and facets)."""
        search_query = self.build_tsquery(self.query, config=config)
        return self.queryset.annotate(_vector_=self.match_vector()).filter(_vector_=search_query)

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self._plain():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        matches = self.matches(config)
        if not self.order_by_relevance:
            return self._apply_ordering_and_scoring(matches, F("pk"), start, stop, score_field)
        window = max(RANK_WINDOW, stop or 0)
        candidates = Q()
        for pks in self.candidate_sets(matches, config, window):
            candidates |= Q(pk__in=pks)
        rank = self._build_rank_expression(self.get_search_vectors(None), config)
        ranked = self._apply_ordering_and_scoring(matches.filter(candidates), rank, 0, None, score_field)
        if stop is not None and stop <= window:
            return ranked[start:stop]
        # A deep page: the ranked candidates first, then the other matches, newest first.
        head = list(ranked)
        rest = matches.exclude(pk__in=[obj.pk for obj in head]).order_by("-pk")
        if stop is not None:
            rest = rest[: max(stop - len(head), 0)]
        return (head + list(rest))[start:stop]


class FrenchPostgresSearchQueryCompiler(BoundedRankingMixin, PostgresSearchQueryCompiler):
    def match_vector(self):
        # The expression of the parvis_search_document_gin index.
        return CombinedExpression(F("index_entries__title"), "||", F("index_entries__body"),
                                  output_field=SearchVectorField())

    def candidate_sets(self, matches, config, window):
        """The best titles (title vectors are small and stored inline, so
        cheap to rank), plus the newest matches."""
        title_query = self.build_tsquery(self.query, config=config)
        title_rank = SearchRank(F("index_entries__title"), title_query, weights=self.sql_weights)
        best_titles = (
            matches.annotate(_title_=F("index_entries__title"))
            .filter(_title_=title_query)
            .order_by((title_rank * F("index_entries__title_norm")).desc(), "-pk")
            .values("pk")[:window]
        )
        return [best_titles, *super().candidate_sets(matches, config, window)]


class FrenchPostgresAutocompleteQueryCompiler(BoundedRankingMixin, PostgresAutocompleteQueryCompiler):
    def get_config(self, backend):
        return AUTOCOMPLETE_CONFIG

    def match_vector(self):
        return F("index_entries__autocomplete")


class FrenchPostgresSearchResults(DatabaseFacetsMixin, PostgresSearchResults):
    def with_index_plan(self, run):
        """Runs `run` in a transaction without sequential scans (see above)."""
        connection = connections[self.query_compiler.queryset.db]
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                # Disabling a plan makes costs huge, which would trigger JIT
                # compilation (hundreds of milliseconds) for a query of a few.
                cursor.execute("SET LOCAL jit = off")
            return run()

    def _do_search(self):
        return self.with_index_plan(super()._do_search)

    def _do_count(self):
        compiler = self.query_compiler
        if isinstance(compiler, BoundedRankingMixin) and compiler._plain():
            return self.with_index_plan(lambda: compiler.matches(compiler.get_config(self.backend)).count())
        return super()._do_count()

    def matching_queryset(self):
        compiler = self.query_compiler
        return compiler.matches(compiler.get_config(self.backend))

    def facet_counts(self, facets):
        return self.with_index_plan(lambda: DatabaseFacetsMixin.facet_counts(self, facets))


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = FrenchPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchPostgresAutocompleteQueryCompiler
    results_class = FrenchPostgresSearchResults
    higher_score_is_better = True
    is_database = True

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or SEARCH_CONFIG
        self.autocomplete_config = AUTOCOMPLETE_CONFIG

