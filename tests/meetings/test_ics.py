"""The invitation parses with icalendar, at the right time across a
daylight-saving change, with its SEQUENCE raised by each version."""
import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from extensions.meetings import ics
from extensions.meetings.models import Recipient

from .factories import MeetingPageFactory

PARIS = ZoneInfo("Europe/Paris")


def test_the_time_is_right_across_a_daylight_saving_change(meeting_index, council, elus):
    # Clocks go back on 25 October 2026: a meeting on the 27th at 18:30 is
    # 17:30 UTC (it was 16:30 UTC the week before).
    start = datetime.datetime(2026, 10, 27, 18, 30, tzinfo=PARIS)
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, start=start)
    recipient = Recipient(meeting=meeting, name="Anne Conseil", email="anne@parvis.localhost")
    calendar = Calendar.from_ical(ics.invitation(meeting, recipient, version=3))
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    dtstart = event.decoded("DTSTART")
    assert str(dtstart.tzinfo) == "Europe/Paris"
    assert dtstart.astimezone(datetime.timezone.utc).hour == 17
    assert event.decoded("DTEND") - dtstart == datetime.timedelta(hours=2)
    assert event["SEQUENCE"] == 3
    assert "Point n° 1" in str(event["DESCRIPTION"])
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
    summer = MeetingPageFactory(parent=meeting_index, instance=council,
                                start=datetime.datetime(2026, 10, 20, 18, 30, tzinfo=PARIS))
    [event] = Calendar.from_ical(ics.invitation(summer, recipient, version=1)).walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(datetime.timezone.utc).hour == 16


def test_a_cancellation_is_a_cancel(meeting, elus):
    recipient = Recipient(meeting=meeting, name="Anne", email="anne@parvis.localhost")
    calendar = Calendar.from_ical(ics.invitation(meeting, recipient, version=2, cancelled=True))
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
