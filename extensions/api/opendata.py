"""Open data files of a site, filterable by year (`?annee=2025`): its
public agenda as an iCalendar feed and as JSON, and its published
deliberations in the SCDL "Délibérations" schema (CSV). Open data is public
data only: nothing restricted appears, whoever asks, so the files may be
cached and shared."""
import datetime
import io
import logging
from html import unescape

from django import forms
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import conditional_page, require_GET
from drf_spectacular.utils import OpenApiParameter, extend_schema
from icalendar import Event
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from core import ical
from pages.models import EventPage

from .filters import MAX_YEAR, MIN_YEAR, YearField
from .scdl import SCHEMA_URL, ScdlError, write_csv
from .serializers import AgendaSerializer
from .views import refuse_empty_parameters

logger = logging.getLogger(__name__)
YEAR_PARAMETER = "annee"


class YearForm(forms.Form):
    annee = YearField(required=False)


def requested_year(request):
    """(year or None, error message or None) from `?annee=`."""
    form = YearForm(request.GET)
    if not form.is_valid():
        return None, " ".join(form.errors[YEAR_PARAMETER])
    return form.cleaned_data[YEAR_PARAMETER], None


def public_events(request, year=None):
    """The site's live, unrestricted events: those of `year`, or without a
    year those not over before the 1st of January of the current year."""
    events = EventPage.objects.live().public().prefetch_related("themes").order_by("start", "pk")
    site = Site.find_for_request(request)
    if site is not None:
        events = events.descendant_of(site.root_page)
    if year is not None:
        return events.filter(start__year=year)
    return events.filter(end__date__gte=datetime.date(timezone.localdate().year, 1, 1))


def site_name(request):
    site = Site.find_for_request(request)
    return site.site_name if site else ""


def bad_year(message):
    """The 400 of the text files (the JSON one is the API's)."""
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def calendar_for(request, events):
    """The iCalendar bytes of `events` (core.ical: local times with the
    Europe/Paris rules, a UID on the event's own site, not the host asked)."""
    items = []
    for page in events:
        event = Event()
        event.add("uid", ical.uid("evenement", page))
        event.add("dtstamp", page.last_published_at or page.first_published_at or timezone.now())
        event.add("dtstart", ical.local(page.start))
        event.add("dtend", ical.local(page.end))
        event.add("summary", page.title)
        location = ", ".join(part for part in (page.location_name, page.address) if part)
        if location:
            event.add("location", location)
        if page.intro:
            event.add("description", unescape(strip_tags(page.intro)))
        event.add("url", page.get_full_url(request))
        items.append(event)
    name = site_name(request)
    return ical.calendar(items, "PUBLISH", _("Agenda of %(site)s") % {"site": name},
                         _("The public events of %(site)s, as open data.") % {"site": name})


def file_name(request, year, extension):
    return f"agenda-{slugify(site_name(request)) or 'site'}{f'-{year}' if year else ''}.{extension}"


@require_GET
@conditional_page
def agenda_ics(request):
    year, error = requested_year(request)
    if error:
        return bad_year(error)
    response = HttpResponse(
        calendar_for(request, public_events(request, year)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{file_name(request, year, "ics")}"'
    return response


class AgendaView(APIView):
    """The public agenda as JSON, in the OpenAPI schema of the API (its
    `Agenda` component) though it is open data: nobody is identified
    (whoever asks gets the same public file), the API's rate limits apply."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="opendata_agenda", tags=["donnees"], auth=[], responses=AgendaSerializer,
        parameters=[OpenApiParameter(YEAR_PARAMETER, {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                                     description=gettext_lazy("Only the events that start this year."))],
        description=gettext_lazy("Open data: the public events of the site's agenda, the same for everyone "
                                 "(also as iCalendar at /donnees/agenda.ics)."),
    )
    def get(self, request):
        refuse_empty_parameters(request)
        year, error = requested_year(request)
        if error:
            raise ValidationError({YEAR_PARAMETER: [error]})
        agenda = {"site": site_name(request), "year": year, "events": public_events(request, year)}
        response = Response(AgendaSerializer(agenda, context={"request": request}).data)
        response["Content-Disposition"] = f'inline; filename="{file_name(request, year, "json")}"'
        return response


@require_GET
@conditional_page
def deliberations_csv(request):
    """The site's published deliberations (acts online, never a closed
    sitting), one row each, as extensions.deliberations.opendata gives them."""
    from extensions.deliberations.opendata import scdl_rows

    year, error = requested_year(request)
    if error:
        return bad_year(error)
    out = io.StringIO()
    try:
        write_csv(scdl_rows(site=Site.find_for_request(request), year=year), out)
    except ScdlError as refusal:
        # A data problem for the staff to fix (e.g. the site's SIRET is
        # missing): a clear answer, not a file the schema would refuse.
        logger.error("SCDL export refused: %s", refusal)
        message = _("The export of the deliberations is unavailable: %(reason)s") % {"reason": refusal}
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = file_name(request, year, "csv").replace("agenda-", "deliberations-", 1)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # The schema the file follows (RFC 8288), for validators and harvesters.
    response["Link"] = f'<{SCHEMA_URL}>; rel="describedby"; type="application/schema+json"'
    return response
