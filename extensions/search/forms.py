"""The search page's query string, validated: bad input gets a French
message and no search."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .engine import MAX_PAGES, SearchParams
from .registry import searchable_types

MAX_QUERY_LENGTH = 200


def facet_choices(name):
    choices = {}
    for search_type in searchable_types():
        facet = search_type.facets.get(name)
        if facet and facet.labels:
            choices.update({str(value): label for value, label in facet.labels.items()})
    return [("", "")] + sorted(choices.items())


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False)
    type = forms.ChoiceField(required=False)
    year = forms.IntegerField(required=False, min_value=1800, max_value=2200)
    kind = forms.ChoiceField(required=False)
    # A space id (the facet filters on space_id): text would crash the query.
    space = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    sort = forms.ChoiceField(
        required=False, choices=[("relevance", _("relevance")), ("date", _("date, newest first"))]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "")] + [(t.key, t.label) for t in searchable_types()]
        self.fields["kind"].choices = facet_choices("kind")

    def params(self):
        data = self.cleaned_data
        return SearchParams(
            query=data["q"], type=data["type"], year=data["year"], kind=data["kind"],
            space=data["space"] or "", sort=data["sort"] or "relevance",
        )
