"""Meetings in the site's search (extensions.search registry): public
convened meetings for everyone, private ones and meetings in preparation
only for those access.py lets see them (members of the instance, staff)."""
from django.utils.translation import gettext_lazy as _

from extensions.search.registry import Result, SearchableType, indexed_text, register

from .access import visible_meetings
from .pages import MeetingPage


def visible_for(request):
    """By page id: the search backends filter on FilterFields, no joins."""
    ids = list(visible_meetings(request.user).values_list("pk", flat=True))
    # An empty `pk__in` is dropped from a search server's count query (the
    # count then told of meetings nobody may see): say "nothing" outright.
    return MeetingPage.objects.filter(pk__in=ids) if ids else MeetingPage.objects.none()


def present_meetings(meetings, request):
    by_id = MeetingPage.objects.select_related("instance").in_bulk([m.pk for m in meetings])
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
        for meeting in (by_id[m.pk] for m in meetings)
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
