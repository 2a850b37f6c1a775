"""iCalendar (RFC 5545) of every app, built one way with the icalendar
package: the meetings' invitations and feeds, the open data agenda.

Times are local times of Europe/Paris (TZID) with one VTIMEZONE written as
its rules, like the zone files of Outlook and of tzurl.org: summer time
from the last Sunday of March to the last Sunday of October (EU rule since
1996). A list of dates computed from the tz database (what icalendar's
add_missing_timezones writes) stops in 2038, and some clients then read a
meeting of 2039 one hour off.

A UID names the object, not the address it was asked from: « seance-12@ »
or « evenement-44@ » the host of the object's own Wagtail site, so a
calendar that subscribed to the feed, or received the invitation, keeps one
event through every re-send, whatever host (or proxy) served it."""
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard

from core.mail import site_of

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Parvis//Parvis//FR"


def uid(kind, page):
    """The UID of `page` as a `kind` (seance, evenement): its id at the
    host of its site (read from Wagtail's cached site root paths, no query
    per event in a feed); the default site's for a page of no site."""
    parts = page.get_url_parts()
    host = urlsplit(parts[1]).hostname if parts else site_of(None).hostname
    return f"{kind}-{page.pk}@{host}"


def local(moment):
    """`moment` (aware) as a time of Europe/Paris, written with its TZID."""
    return moment.astimezone(PARIS)


def _change(component, start, offset_from, offset_to, name, month):
    change = component()
    change.add("dtstart", start)
    change.add("tzoffsetfrom", timedelta(hours=offset_from))
    change.add("tzoffsetto", timedelta(hours=offset_to))
    change.add("tzname", name)
    change.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
    return change


def paris_timezone():
    """The VTIMEZONE of Europe/Paris, as two yearly rules."""
    zone = Timezone()
    zone.add("tzid", "Europe/Paris")
    zone.add_component(_change(TimezoneDaylight, datetime(1970, 3, 29, 2), 1, 2, "CEST", 3))
    zone.add_component(_change(TimezoneStandard, datetime(1970, 10, 25, 3), 2, 1, "CET", 10))
    return zone


def calendar(events, method, name, description=""):
    """The bytes of a VCALENDAR of `events` (VEVENTs whose times come from
    local()) for `method` (PUBLISH for a feed, REQUEST or CANCEL for an
    invitation), named `name` for the reader's list of calendars (RFC 7986
    NAME and the X-WR-CALNAME most clients read)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    if description:
        cal.add("description", description)
        cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add_component(paris_timezone())
    for event in events:
        cal.add_component(event)
    return cal.to_ical()
