"""Calendar data of meetings (RFC 5545, with the icalendar package): the
invitation attached to each convocation (METHOD:REQUEST, SEQUENCE raised
with each version, METHOD:CANCEL when cancelled) and the feeds
(METHOD:PUBLISH). Times carry TZID=Europe/Paris with its VTIMEZONE, so a
meeting after a daylight-saving change shows at the right hour."""
from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

DEFAULT_DURATION = timedelta(hours=2)


def _uid(meeting):
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "parvis"
    return f"meeting-{meeting.pk}@{host}"


def _local(moment):
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def event(meeting, sequence=0, cancelled=False, url="", attendee=None, with_agenda=True, organizer=""):
    """The VEVENT of `meeting`; `with_agenda` puts the ordre du jour's
    titles in the description (never the notes nor the documents);
    `organizer`: the address the invitation comes from."""
    item = Event()
    item.add("uid", _uid(meeting))
    item.add("sequence", sequence)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", _local(meeting.start))
    item.add("dtend", _local(meeting.end or meeting.start + DEFAULT_DURATION))
    item.add("summary", meeting.title)
    item.add("location", ", ".join(part for part in (meeting.place, meeting.address) if part))
    if with_agenda:
        lines = [f"{n}. {agenda_item.title}" for n, agenda_item in enumerate(meeting.agenda_items.all(), start=1)]
        item.add("description", "\n".join(lines))
    if url:
        item.add("url", url)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    sender = vCalAddress(f"mailto:{organizer or _address(settings.DEFAULT_FROM_EMAIL)}")
    sender.params["cn"] = meeting.instance.signatory or meeting.instance.name
    item.add("organizer", sender)
    if attendee:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params.update({"cn": attendee.name, "role": "REQ-PARTICIPANT", "rsvp": "FALSE"})
        item.add("attendee", address)
    return item


def _address(from_email):
    """The bare address of "Name <address>"."""
    return from_email.rpartition("<")[2].rstrip(">").strip()


def calendar(events, method):
    cal = Calendar()
    cal.add("prodid", "-//Parvis//Séances//FR")
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for item in events:
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def invitation(meeting, recipient, version, cancelled=False, url="", organizer=""):
    """The .ics of one convocation version for one recipient, from the
    address of `organizer` (the e-mail's sender)."""
    method = "CANCEL" if cancelled else "REQUEST"
    return calendar([event(meeting, version, cancelled, url, attendee=recipient, organizer=organizer)], method)


def feed(meetings, url_for, with_agenda=lambda meeting: True):
    """A feed of `meetings` (already filtered for who asks); the ordre du
    jour of those for which `with_agenda(meeting)` holds."""
    return calendar(
        [event(m, getattr(m, "sequence", None) or 0, m.state == m.State.CANCELLED, url_for(m),
               with_agenda=with_agenda(m))
         for m in meetings],
        "PUBLISH",
    )
