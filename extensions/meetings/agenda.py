"""Public convened meetings in the site's public agenda (pages.EventIndexPage),
with their ordre du jour: a section the agenda page adds through its
"agenda_sections" hook. Two queries whatever the number of meetings."""
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from .access import public_meetings
from .pages import AgendaItem

PAST_LIMIT = 20


def agenda_meetings(site, past=False):
    """The public convened meetings of `site`, soonest first (or the
    latest past ones)."""
    meetings = public_meetings().select_related("instance").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("sort_order"))
    )
    if site is not None:
        meetings = meetings.descendant_of(site.root_page)
    now = timezone.now()
    if past:
        return list(meetings.filter(start__lt=now).order_by("-start")[:PAST_LIMIT])
    return list(meetings.filter(start__gte=now).order_by("start"))


def agenda_section(request, agenda_page, past):
    meetings = agenda_meetings(Site.find_for_request(request), past)
    if not meetings:
        return ""
    return render_to_string("meetings/includes/agenda_section.html", {"meetings": meetings, "past": past},
                            request=request)
