"""The library's filters (kind of act, year, theme, free text), built on
django-filter so that bad input becomes a form error, never a crash."""
import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from .models import ArchiveDocument, Theme


def year_choices(queryset):
    years = (
        queryset.exclude(act_date=None)
        .annotate(year=ExtractYear("act_date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return [(year, str(year)) for year in years]


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of act"), choices=ArchiveDocument.Kind.choices, empty_label=_("All kinds")
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="act_date", lookup_expr="year", empty_label=_("All years")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )

    class Meta:
        model = ArchiveDocument
        fields = ["q", "kind", "year", "theme"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = year_choices(self.queryset)

    def filter_text(self, queryset, name, value):
        words = value.split()[:10]
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(reference__icontains=word)
                | Q(text__icontains=word)
            )
        return queryset
