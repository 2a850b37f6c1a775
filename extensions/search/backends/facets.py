"""Facet counts computed by the database for the database backends: one
GROUP BY per facet over the matches (a year, or a field's values)."""
from django.db.models import Count, F
from django.db.models.functions import ExtractYear


class DatabaseFacetsMixin:
    """For results classes whose `matching_queryset()` returns every match."""

    def matching_queryset(self):
        raise NotImplementedError

    def facet_counts(self, facets):
        """{name: {value: count}} for facets given as {name: (kind, field)},
        kind being "year" (of a date) or "terms" (the field's values)."""
        matches = self.matching_queryset().order_by()
        counts = {}
        for name, (kind, field) in facets.items():
            value = ExtractYear(field) if kind == "year" else F(field)
            rows = matches.annotate(_facet_=value).values("_facet_").annotate(_count_=Count("pk", distinct=True))
            counts[name] = {row["_facet_"]: row["_count_"] for row in rows if row["_facet_"] is not None}
        return counts
