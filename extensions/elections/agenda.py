"""Elections in the site's public agenda (pages.EventIndexPage), through
its "agenda_sections" hook: the coming scrutins with their results page,
and, among past events, the archive of past elections. One query."""
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from .pages import ElectionResultsPage

PAST_LIMIT = 20


def agenda_elections(site, past=False):
    """The site's published results pages, the coming scrutins soonest
    first (today's included: results come in tonight), or the latest past
    ones."""
    pages = ElectionResultsPage.objects.live().public().select_related("scrutin")
    if site is not None:
        pages = pages.descendant_of(site.root_page)
    today = timezone.localdate()
    if past:
        return list(pages.filter(scrutin__day__lt=today).order_by("-scrutin__day", "-scrutin__round")[:PAST_LIMIT])
    return list(pages.filter(scrutin__day__gte=today).order_by("scrutin__day", "scrutin__round"))


def agenda_section(request, agenda_page, past):
    elections = agenda_elections(Site.find_for_request(request), past)
    if not elections:
        return ""
    return render_to_string("elections/includes/agenda_section.html", {"elections": elections, "past": past},
                            request=request)
