"""What the search engine (engine.py) asks of a backend beyond modelsearch's
API, said once. Every Parvis backend inherits BackendProtocol, and its
results ResultsProtocol; each default is what a backend without that
capability does, and a backend that has it overrides it:

- PostgreSQL: one read transaction per search, counts bounded by a limit,
  every type's first matches in one statement, and their facets in another;
- SQLite: facets by the database, scores where lower is better;
- the search servers (OpenSearch, Elasticsearch): every type's first page,
  count and facets in one round trip, their own suggester and fuzzy
  matching."""
from contextlib import nullcontext

from .. import vocabulary


class BackendProtocol:
    # Whether a higher score ranks first (SQLite's bm25: lower is better).
    higher_score_is_better = True
    # Database backends order by an expression (undated objects last); the
    # search servers by a field name (they put missing values last).
    is_database = False

    def read_session(self):
        """A context around every query of one search (PostgreSQL: one
        transaction and its planner settings)."""
        return nullcontext()

    def prefetch(self, results):
        """Fetches what `results` (one per searchable type) will be asked,
        in one round trip where the backend can (the search servers)."""

    def count_facets(self, asked):
        """[{name: {value: count}}] for `asked`, a list of (results, facets
        as {name: (kind, field)}): in one statement where the backend can
        (PostgreSQL), else each results' own facet_counts()."""
        return [results.facet_counts(facets) for results, facets in asked]

    def spelling_correction(self, query, models):
        """`query` with its misspelt words corrected, or None: from the
        vocabulary of the index (the search servers use their suggester)."""
        return vocabulary.corrected(query)

    def typo_tolerant(self, query):
        """`query` (a string or modelsearch query) made typo-tolerant, or
        None where the backend has no fuzzy matching."""
        return None


class ResultsProtocol:
    def with_facets(self, facets):
        """These results, told which facets ({name: (kind, field)}) will be
        counted (the search servers fetch them with the hits)."""
        return self

    def bounded_count(self):
        """(count, exact): PostgreSQL counts cheaply up to a limit only."""
        return self.count(), True

    def facet_counts(self, facets):
        """{name: {value: count}} for facets given as {name: (kind, field)}:
        none where the backend cannot count them."""
        return {name: {} for name in facets}
