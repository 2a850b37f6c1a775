"""Filters of the API's lists, built on django-filter: a value that does not
parse becomes a 400 naming the parameter (in French), never a crash.

Dates are compared as dates (`__date` on date-times, in Europe/Paris, done
by the database), so no value can overflow a conversion in Python and any
calendar date is accepted; years (turned into date-time bounds) and ids are
bounded. Each filter states its constraints in the OpenAPI schema
(`extend_schema_field`), so that what the schema allows is what answers
200, and what it forbids answers 400."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from extensions.commissions.models import Publication
from extensions.deliberations.models import Deliberation
from extensions.meetings.pages import MeetingPage
from extensions.participation.models import Entry
from library.models import ArchiveDocument
from pages.models import EventPage, NewsPage

MIN_YEAR, MAX_YEAR = 1800, 2200
MAX_ID = 2**63 - 1
# No NUL character (Django's forms refuse it) in free text.
TEXT = {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[^\\x00]*$"}


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


@extend_schema_field({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR})
class YearFilter(django_filters.NumberFilter):
    field_class = YearField

    def __init__(self, field_name, **kwargs):
        super().__init__(field_name=field_name, lookup_expr="year", label=_("Year"), **kwargs)


class DateFilter(django_filters.DateFilter):
    """A date bound, compared as a date: `after` and `before` include the
    day they name."""

    field_class = forms.DateField

    def __init__(self, field_name, lookup_expr, label, on_datetime=False, **kwargs):
        if on_datetime:
            lookup_expr = f"date__{lookup_expr}"
        super().__init__(field_name=field_name, lookup_expr=lookup_expr, label=label, **kwargs)


def after(field_name, on_datetime=False):
    return DateFilter(field_name, "gte", _("On or after this day (YYYY-MM-DD)"), on_datetime)


def before(field_name, on_datetime=False):
    return DateFilter(field_name, "lte", _("On or before this day (YYYY-MM-DD)"), on_datetime)


class IdField(forms.IntegerField):
    """An id the databases can compare (64-bit)."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    field_class = IdField


@extend_schema_field({"type": "string", "maxLength": 100, "pattern": "^[-a-zA-Z0-9_]+$"})
class SlugFilter(django_filters.CharFilter):
    """A slug: one that names no theme finds nothing, like any other value."""

    field_class = forms.SlugField


@extend_schema_field(TEXT)
class TextFilter(django_filters.CharFilter):
    pass


def theme_filter(field_name="themes__slug"):
    return SlugFilter(field_name=field_name, label=_("Theme (slug)"), max_length=100)


class NewsFilter(django_filters.FilterSet):
    date_after = after("date")
    date_before = before("date")
    year = YearFilter("date")
    theme = theme_filter()
    tag = TextFilter(field_name="tags__name", label=_("Tag"), max_length=100)

    class Meta:
        model = NewsPage
        fields = []


class EventFilter(django_filters.FilterSet):
    start_after = after("start", on_datetime=True)
    start_before = before("start", on_datetime=True)
    year = YearFilter("start")
    theme = theme_filter()

    class Meta:
        model = EventPage
        fields = []


class DocumentFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ArchiveDocument.Kind.choices, label=_("Kind of act"))
    act_date_after = after("act_date")
    act_date_before = before("act_date")
    year = YearFilter("act_date")
    theme = theme_filter()
    reference = TextFilter(label=_("Reference"), max_length=100)

    class Meta:
        model = ArchiveDocument
        fields = []


class EntryFilter(django_filters.FilterSet):
    contest = IdFilter(field_name="contest_id", label=_("Contest id"))
    category = IdFilter(field_name="category_id", label=_("Category id"))

    class Meta:
        model = Entry
        fields = []


class PublicationFilter(django_filters.FilterSet):
    space = IdFilter(field_name="space_id", label=_("Space id"))
    published_after = after("published_at", on_datetime=True)
    published_before = before("published_at", on_datetime=True)
    year = YearFilter("published_at")

    class Meta:
        model = Publication
        fields = []


class MeetingFilter(django_filters.FilterSet):
    instance = IdFilter(field_name="instance_id", label=_("Instance id"))
    start_after = after("start", on_datetime=True)
    start_before = before("start", on_datetime=True)
    year = YearFilter("start")

    class Meta:
        model = MeetingPage
        fields = []


class DeliberationFilter(django_filters.FilterSet):
    year = YearFilter("seance__meeting__start")
    date_after = after("seance__meeting__start", on_datetime=True)
    date_before = before("seance__meeting__start", on_datetime=True)
    instance = IdFilter(field_name="seance__meeting__instance", label=_("Instance id"))
    meeting = IdFilter(field_name="seance__meeting", label=_("Meeting id"))
    matiere = TextFilter(field_name="matiere_code", label=_("Subject code (ACTES nomenclature)"), max_length=100)
    outcome = django_filters.ChoiceFilter(choices=Deliberation.Outcome.choices, label=_("Result"))

    class Meta:
        model = Deliberation
        fields = []
