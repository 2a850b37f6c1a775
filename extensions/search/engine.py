"""Runs one search over every registered searchable type: each type's
backend search over what the request may see, merged by relevance or date,
with counts, facets, excerpts and suggestions. The views only render."""
import heapq
import logging
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime, time
from itertools import islice
from typing import Optional

from django.db.models import F
from django.utils import timezone
from modelsearch.backends import get_search_backend

from .excerpts import excerpt, highlight
from .registry import FACET_LABELS, searchable_types
from .synonyms import expand, groups_for

logger = logging.getLogger(__name__)

FILTER_FACETS = ("year", "kind", "space")
MAX_PAGES = 50


def _server_errors():
    """What the search servers' clients raise when the server fails."""
    errors = []
    try:
        from opensearchpy.exceptions import TransportError as OpenSearchError

        errors.append(OpenSearchError)
    except ImportError:  # pragma: no cover - the client is a requirement
        pass
    try:
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        errors += [TransportError, ApiError]
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


SERVER_ERRORS = _server_errors()


@dataclass
class SearchParams:
    query: str
    type: str = ""
    year: Optional[int] = None
    kind: str = ""
    space: str = ""
    sort: str = "relevance"


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    active: bool = False
    url: str = ""
    at_least: bool = False  # count is a lower bound (see bounded_count() in backends/protocol.py)


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list = field(default_factory=list)


def _date_ordering(backend, date_field):
    # Undated objects last on every backend; only the database backends
    # take an expression (the search servers put missing values last).
    if backend.is_database:
        return F(date_field).desc(nulls_last=True)
    return f"-{date_field}"


def present_hits(hits, request):
    """Results for (type, object) hits, in the hits' order."""
    groups = {}
    for search_type, obj in hits:
        groups.setdefault(search_type.key, (search_type, []))[1].append(obj)
    shown = {}
    for search_type, objs in groups.values():
        for result in search_type.present(objs, request):
            shown[(search_type.key, result.obj.pk)] = result
    return [shown[(t.key, obj.pk)] for t, obj in hits if (t.key, obj.pk) in shown]


class Search:
    """One search for one request: `Search(request, params).page(n)`."""

    def __init__(self, request, params, backend=None):
        self.request = request
        self.params = params
        self.backend = backend or get_search_backend()
        self.types = searchable_types()
        self._results = {}

    @cached_property
    def expanded(self):
        """(what the backend searches, what excerpts highlight): the query
        with its synonyms (synonyms.py)."""
        return expand(self.params.query, groups_for(self.request))

    def session(self):
        """A context for every query of this search: the backend's read
        session (one transaction on PostgreSQL)."""
        return self.backend.read_session()

    def filtered(self, search_type, ignore=()):
        """The type's visible queryset with the facet filters, or None when a
        filter names a facet the type does not have (it cannot match)."""
        queryset = search_type.visible(self.request)
        facets = search_type.all_facets()
        for name in FILTER_FACETS:
            value = getattr(self.params, name)
            if name in ignore or value in (None, ""):
                continue
            facet = facets.get(name)
            if facet is None:
                return None
            lookup = f"{facet.field}__year" if facet.kind == "year" else facet.field
            queryset = queryset.filter(**{lookup: value})
        if self.params.sort == "date":
            queryset = queryset.order_by(_date_ordering(self.backend, search_type.date_field))
        return queryset

    def results_for(self, search_type):
        """The backend's results for one type (cached), or None."""
        if search_type.key not in self._results:
            queryset = self.filtered(search_type)
            if queryset is not None and queryset.query.is_empty():
                queryset = None  # nothing visible: no query, no count to leak
            self._results[search_type.key] = None if queryset is None else self.backend.search(
                self.expanded[0], queryset, operator="and", order_by_relevance=self.params.sort != "date"
            ).annotate_score("_score").with_facets(facet_fields(search_type))
        return self._results[search_type.key]

    def correction(self):
        """The query with its misspelt words corrected, or None: by the
        backend's own suggester (the search servers), else from the
        vocabulary of the index."""
        return self.backend.spelling_correction(self.params.query, [search_type.model for search_type in self.types])

    def tolerant(self):
        """This search with typo-tolerant matching where the backend has it
        (the search servers' fuzzy queries), else None."""
        query = self.backend.typo_tolerant(self.expanded[0])
        if query is None:
            return None
        other = Search(self.request, self.params, self.backend)
        other.expanded = (query, self.expanded[1])
        return other

    def active_types(self):
        return [t for t in self.types if not self.params.type or t.key == self.params.type]

    def merged(self):
        streams = [(t, self.results_for(t)) for t in self.active_types()]
        streams = [(t, r) for t, r in streams if r is not None]
        self.backend.prefetch([results for _type, results in streams])  # the servers: one round trip
        return MergedResults(streams, self._sort_key)

    def _sort_key(self, hit):
        search_type, obj = hit
        if self.params.sort == "date":
            value = getattr(obj, search_type.date_field, None)
            return (value is None, -_timestamp(value) if value is not None else 0)
        score = getattr(obj, "_score", None)
        if score is None:  # beyond the ranked window: after every ranked hit
            return float("inf")
        return -score if self.backend.higher_score_is_better else score

    def type_counts(self):
        counts = []
        for search_type in self.types:
            results = self.results_for(search_type)
            count, exact = results.bounded_count() if results is not None else (0, True)
            counts.append(
                FacetValue(search_type.key, str(search_type.label), count, self.params.type == search_type.key,
                           at_least=not exact)
            )
        return counts

    def facets(self):
        """Facet groups with counts over the current results."""
        groups = [FacetGroup("type", str(FACET_LABELS["type"]), [v for v in self.type_counts() if v.count])]
        totals = self._facet_totals()
        for name in FILTER_FACETS:
            values = [
                FacetValue(value, label, count, str(getattr(self.params, name)) == str(value), at_least=not exact)
                for (facet, value), (label, count, exact) in totals.items()
                if facet == name
            ]
            if values:
                ordered = sorted(values, key=lambda v: -int(v.value)) if name == "year" else sorted(values, key=lambda v: -v.count)
                groups.append(FacetGroup(name, str(FACET_LABELS[name]), ordered))
        return groups

    def _facet_totals(self):
        """{(facet, value): (label, count, exact)} over the active types,
        every type's counted by the backend at once."""
        counted = []  # (type, results, whether its counts are exact)
        for search_type in self.active_types():
            results = self.results_for(search_type)
            if results is None:
                continue
            count, exact = results.bounded_count()
            if count:  # nothing to count: no query
                counted.append((search_type, results, exact))
        every_count = self.backend.count_facets([(results, facet_fields(t)) for t, results, _exact in counted])
        totals = {}
        for (search_type, _results, exact), counts in zip(counted, every_count):
            facets = {name: f for name, f in search_type.all_facets().items() if name in FILTER_FACETS}
            for name, values in counts.items():
                for value, count in values.items():
                    label = facets[name].label(value)
                    key = (name, value)
                    _label, total, total_exact = totals.get(key, (label, 0, True))
                    totals[key] = (label, total + count, total_exact and exact)
        return totals

    def present(self, hits):
        """Results to show for (type, object) hits, with excerpts."""
        results = present_hits(hits, self.request)
        highlighted = self.expanded[1]
        for result in results:
            result.excerpt = excerpt(result.text, highlighted)
            result.title_html = highlight(result.title, highlighted)
        return results


class MergedResults:
    """The results of several types as one sequence, for a Paginator: each
    slice merges the types' own orders (each already sorted by the key)."""

    def __init__(self, streams, key):
        self.streams = streams
        self.key = key

    def count(self):
        return sum(results.bounded_count()[0] for _type, results in self.streams)

    @property
    def count_is_exact(self):
        return all(results.bounded_count()[1] for _type, results in self.streams)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("MergedResults only supports slices.")
        stop = key.stop
        # A type that found nothing builds no query (its count is known).
        iterables = [[(t, obj) for obj in results[:stop]] for t, results in self.streams if results.bounded_count()[0]]
        return list(islice(heapq.merge(*iterables, key=self.key), key.start, stop))


def facet_fields(search_type):
    """{name: (kind, field)} of the filter facets of `search_type`."""
    return {name: (f.kind, f.field) for name, f in search_type.all_facets().items() if name in FILTER_FACETS}


def _timestamp(value):
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time.min)).timestamp()
    return 0


def suggestions(request, query, limit=8, backend=None):
    """Autocomplete: the best title matches the request may see, as dicts."""
    backend = backend or get_search_backend()
    search = Search(request, SearchParams(query=query), backend)
    with search.session():  # one transaction for every type's suggestions
        streams = [
            (t, backend.autocomplete(query, t.visible(request)).annotate_score("_score")) for t in search.types
        ]
        backend.prefetch([results for _type, results in streams])
        hits = MergedResults(streams, search._sort_key)[0:limit]
    return [{"title": r.title, "url": r.url, "type": r.type_label} for r in present_hits(hits, request)]
