"""The kinds of content the search page covers. Each app registers its own
(pages and documents here, in types.py; meetings, spaces and contests in
theirs) with the queryset of what a request may see, its facets and how a
result shows; the search page knows nothing else about them.

    from extensions.search.registry import Facet, SearchableType, register

    register(SearchableType(key="meetings", label=_("Meetings"), model=MeetingPage,
                            visible=visible_meetings, date_field="date", present=present_meeting))

`visible(request)` must return a queryset the search backends can filter:
only FilterFields of the model (ids, paths, flags), no joins; it may
select_related() what `present` reads (the results come from it)."""
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

from django.utils.translation import gettext_lazy as _
from modelsearch import index

# The facets the page shows, in order, with their headings; a type takes
# part in a facet by naming the FilterField that holds its values.
FACET_LABELS = {
    "type": _("Type"),
    "year": _("Year"),
    "kind": _("Kind of act"),
    "space": _("Space"),
}


@dataclass(frozen=True)
class Facet:
    field: str
    kind: str = "terms"  # or "year": the year of a date field
    labels: Optional[Mapping[Any, str]] = None  # value -> what to show

    def label(self, value):
        return str(self.labels.get(value, value)) if self.labels is not None else str(value)


@dataclass
class Result:
    """What a result shows, whatever its type."""

    obj: Any
    title: str
    url: str
    type_label: str
    date: Any = None
    details: list = field(default_factory=list)
    text: str = ""
    excerpt: str = ""


@dataclass(frozen=True)
class SearchableType:
    key: str
    label: str
    model: type
    visible: Callable  # request -> queryset of what request.user may see
    present: Callable  # (objects, request) -> [Result], in the same order
    date_field: str
    facets: Mapping[str, Facet] = field(default_factory=dict)
    order: int = 100

    def all_facets(self):
        return {"year": Facet(self.date_field, "year"), **self.facets}


_types = {}


def register(searchable_type):
    _types[searchable_type.key] = searchable_type
    return searchable_type


def searchable_types():
    return sorted(_types.values(), key=lambda t: (t.order, t.key))


def get_type(key):
    return _types.get(key)


def indexed_text(obj):
    """The text the index holds for `obj` besides its title, as plain text:
    what excerpts are cut from."""
    parts = []
    for search_field in obj.get_search_fields():
        if isinstance(search_field, index.SearchField) and search_field.field_name != "title":
            parts.append(_flatten(search_field.get_value(obj)))
    return "\n".join(part for part in parts if part)


def _flatten(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(_flatten(item) for item in value)
    return str(value)
