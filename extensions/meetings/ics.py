"""Calendar data of meetings (RFC 5545, built by core.ical): the invitation
attached to each convocation (METHOD:REQUEST, SEQUENCE = the convocation's
version, so each new version replaces the previous one in the member's
calendar; METHOD:CANCEL when cancelled) and the feeds (METHOD:PUBLISH).
A meeting's UID is « seance-<id>@<host of its site> » everywhere: the
invitation, the feeds and the meeting's own .ics update the same event."""
from datetime import timedelta

from django.utils import timezone
from icalendar import Event, vCalAddress

from core import ical

DEFAULT_DURATION = timedelta(hours=2)


def event(meeting, sequence=0, cancelled=False, url="", attendee=None, with_agenda=True, organizer=""):
    """The VEVENT of `meeting`; `with_agenda` puts the ordre du jour's
    titles in the description (never the notes nor the documents);
    `organizer`: the address the invitation comes from (the e-mail's
    sender), `attendee` the recipient it goes to."""
    item = Event()
    item.add("uid", ical.uid("seance", meeting))
    item.add("sequence", sequence)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", ical.local(meeting.start))
    item.add("dtend", ical.local(meeting.end or meeting.start + DEFAULT_DURATION))
    item.add("summary", meeting.title)
    item.add("location", ", ".join(part for part in (meeting.place, meeting.address) if part))
    if with_agenda:
        lines = [f"{n}. {agenda_item.title}" for n, agenda_item in enumerate(meeting.agenda_items.all(), start=1)]
        item.add("description", "\n".join(lines))
    if url:
        item.add("url", url)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if organizer:
        sender = vCalAddress(f"mailto:{organizer}")
        sender.params["cn"] = meeting.instance.signatory or meeting.instance.name
        item.add("organizer", sender)
    if attendee:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params.update({"cn": attendee.name, "role": "REQ-PARTICIPANT", "rsvp": "FALSE"})
        item.add("attendee", address)
    return item


def invitation(meeting, recipient, version, organizer, cancelled=False, url=""):
    """The .ics of one convocation version for one recipient, from the
    address `organizer` (the e-mail's sender): ORGANIZER and ATTENDEE are
    what makes a mail client show an invitation (RFC 5546)."""
    method = "CANCEL" if cancelled else "REQUEST"
    item = event(meeting, version, cancelled, url, attendee=recipient, organizer=organizer)
    return ical.calendar([item], method, meeting.title)


def meeting_calendar(meeting, sequence, url):
    """The .ics of one meeting, to add it to a calendar by hand."""
    cancelled = meeting.state == meeting.State.CANCELLED
    return ical.calendar([event(meeting, sequence, cancelled, url)], "PUBLISH", meeting.title)


def feed(meetings, url_for, name, description, with_agenda=lambda meeting: True):
    """A feed of `meetings` (already filtered for who asks); the ordre du
    jour of those for which `with_agenda(meeting)` holds."""
    return ical.calendar(
        [event(m, getattr(m, "sequence", None) or 0, m.state == m.State.CANCELLED, url_for(m),
               with_agenda=with_agenda(m))
         for m in meetings],
        "PUBLISH", name, description,
    )
