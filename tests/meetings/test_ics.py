"""The meetings' calendars as other software reads them (RFC 5545 rules on
the bytes, icalendar and vobject): the invitation at the right time across
a daylight-saving change; every version of a convocation (REQUEST, then a
changed document, then CANCEL) updates ONE event (same UID, higher
SEQUENCE) and says its METHOD in its MIME type; the UID names the meeting's
own site whatever host served it; private feeds are never cached."""
import datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.urls import reverse

from extensions.meetings import convocations, ics
from extensions.meetings.models import FeedToken, Recipient
from tests.core.ical import parse
from tests.core.mime import parsed
from tests.factories import install_home_page

from .factories import MeetingIndexPageFactory, MeetingPageFactory
from .test_public_feed import FEED, convene

PARIS = ZoneInfo("Europe/Paris")
ORGANIZER = "mairie@parvis.localhost"


def test_the_time_is_right_across_a_daylight_saving_change(meeting_index, council, elus):
    # Clocks go back on 25 October 2026: a meeting on the 27th at 18:30 is
    # 17:30 UTC (it was 16:30 UTC the week before).
    start = datetime.datetime(2026, 10, 27, 18, 30, tzinfo=PARIS)
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, start=start)
    recipient = Recipient(meeting=meeting, name="Anne Conseil", email="anne@parvis.localhost")
    calendar, other = parse(ics.invitation(meeting, recipient, 3, ORGANIZER))
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    dtstart = event.decoded("DTSTART")
    assert str(dtstart.tzinfo) == "Europe/Paris"
    assert dtstart.astimezone(datetime.timezone.utc).hour == 17
    assert other.vevent.dtstart.value.astimezone(datetime.timezone.utc).hour == 17
    assert event.decoded("DTEND") - dtstart == datetime.timedelta(hours=2)
    assert event["SEQUENCE"] == 3
    assert "Point n° 1" in str(event["DESCRIPTION"])
    summer = MeetingPageFactory(parent=meeting_index, instance=council,
                                start=datetime.datetime(2026, 10, 20, 18, 30, tzinfo=PARIS))
    _, other = parse(ics.invitation(summer, recipient, 1, ORGANIZER))
    assert other.vevent.dtstart.value.astimezone(datetime.timezone.utc).hour == 16


def invitations(message):
    """The calendars of a convocation e-mail read back from its raw MIME:
    the alternative part and the attachment, each checked by both parsers
    and with its METHOD equal to the MIME type's method parameter."""
    raw = parsed(message)
    parts = [part for part in raw.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 2 and parts[1].get_filename() == "convocation.ics"
    calendars = []
    for part in parts:
        assert part.get_content_charset() == "utf-8"
        calendar, other = parse(part.get_payload(decode=True))
        assert calendar["METHOD"] == other.method.value == part.get_param("method")
        calendars.append(calendar)
    assert calendars[0].to_ical() == calendars[1].to_ical()
    return calendars[0]


def test_every_version_updates_one_event(convoked, agent, elus, django_capture_on_commit_callbacks):
    anne = elus[0].email
    versions = [next(m for m in mail.outbox if m.to == [anne])]
    # A changed document: the members get version 2.
    item = convoked.agenda_items.first()
    item.title = "Budget annexe, version rectifiée"
    item.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert convocations.refresh(convoked, agent).version == 2
    versions.append(next(m for m in mail.outbox if m.to == [anne]))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        convocations.cancel(convoked, agent)
    versions.append(next(m for m in mail.outbox if m.to == [anne]))

    events = [invitations(message).walk("VEVENT")[0] for message in versions]
    assert [str(e["UID"]) for e in events] == [f"seance-{convoked.pk}@localhost"] * 3
    assert [e["SEQUENCE"] for e in events] == [1, 2, 3]
    assert [e["STATUS"] for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert "version rectifiée" in str(events[1]["DESCRIPTION"])
    for event, message in zip(events, versions):
        assert event["ORGANIZER"] == f"mailto:{parsed(message)['From'].addresses[0].addr_spec}"
        assert event["ATTENDEE"] == f"mailto:{anne}"


def test_the_uid_names_the_meetings_site_not_the_host_asked(client, meeting, agent,
                                                             django_capture_on_commit_callbacks, settings):
    convene(meeting, agent, django_capture_on_commit_callbacks)
    settings.ALLOWED_HOSTS = ["*"]
    uid = f"seance-{meeting.pk}@localhost"
    for host in ("localhost", "127.0.0.1", "proxy.example.org"):
        calendar, _ = parse(client.get(FEED, HTTP_HOST=host).content)
        assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [uid]
    assert uid in mail.outbox[0].alternatives[1][0]


def test_the_interco_meetings_carry_the_interco_host(client, council, elus, agent,
                                                     django_capture_on_commit_callbacks):
    interco = install_home_page(hostname="interco.localhost", theme="interco", title="Interco", slug="interco")
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=interco), instance=council)
    convene(meeting, agent, django_capture_on_commit_callbacks)
    calendar, _ = parse(client.get(FEED, HTTP_HOST="interco.localhost").content)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"seance-{meeting.pk}@interco.localhost"
    assert str(event["URL"]).startswith("http://interco.localhost/")


def test_the_public_feed_is_named_and_may_be_cached(client, meeting, agent, django_capture_on_commit_callbacks):
    convene(meeting, agent, django_capture_on_commit_callbacks)
    response = client.get(FEED)
    calendar, _ = parse(response.content)
    site_name = meeting.get_site().site_name
    assert calendar["X-WR-CALNAME"] == f"Séances – {site_name or 'localhost'}"
    assert "séances publiques" in calendar["X-WR-CALDESC"]
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_private_feed_is_never_stored(client, convoked, elus):
    raw = FeedToken.issue(elus[0])
    response = client.get(reverse("meetings:private_feed", args=[raw]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    calendar, _ = parse(response.content)
    assert calendar["X-WR-CALNAME"].startswith("Mes séances")
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [convoked.title]


def test_a_meetings_own_ics_is_the_same_event(client, convoked, elus):
    client.force_login(elus[0])
    response = client.get(convoked.url + "ical/")
    assert response["Cache-Control"] == "private, no-store"
    calendar, _ = parse(response.content)
    [event] = calendar.walk("VEVENT")
    assert (str(event["UID"]), event["SEQUENCE"]) == (f"seance-{convoked.pk}@localhost", 1)
