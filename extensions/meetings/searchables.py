"""Meetings in the site's search (extensions.search registry): public
convened meetings for everyone, private ones and meetings in preparation
only for those access.py lets see them (members of the instance, staff)."""
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from extensions.search.registry import Result, SearchableType, indexed_text, register

from .access import visible_meetings
from .pages import MeetingPage


def visible_for(request):
    """The meetings of the requested site (another site's séance is that
    site's to show) the visitor may see. By page path: a search server
    applies `path` (a FilterField of every page) to its count as to its
    hits, while it drops a filter on the id (the count then told of meetings
    nobody may see). The paths are a subquery: the database backends run it
    within the search's own statements, a search server once per request
    (and asks nothing when it is empty)."""
    meetings = visible_meetings(request.user)
    site = Site.find_for_request(request)
    if site is not None:
        meetings = meetings.descendant_of(site.root_page, inclusive=True)
    # With their instance: present_meetings() shows its name.
    return MeetingPage.objects.filter(path__in=meetings.values_list("path", flat=True)).select_related("instance")


def present_meetings(meetings, request):
    return [
        Result(
            obj=meeting,
            title=meeting.title,
            url=meeting.get_url(request) or "",
            type_label=str(_("Meeting")),
            date=meeting.start,
            details=[meeting.instance.name, meeting.place],
            text=indexed_text(meeting),
        )
        for meeting in meetings
    ]


register(
    SearchableType(
        key="meetings",
        label=_("Meetings"),
        model=MeetingPage,
        visible=visible_for,
        present=present_meetings,
        date_field="start",
        order=25,
    )
)
