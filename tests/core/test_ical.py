"""core.ical: a calendar that other software reads at the right hour, for
as long as the rules of summer time stay those of the EU (no list of dates
ending in 2038), with the RFC 5545 line rules."""
import datetime

from icalendar import Event

from core import ical

from .ical import parse

UTC = datetime.timezone.utc


def calendar_of(*starts, summary="Séance"):
    events = []
    for n, start in enumerate(starts):
        event = Event()
        event.add("uid", f"seance-{n}@commune.localhost")
        event.add("dtstamp", datetime.datetime(2026, 12, 5, tzinfo=UTC))
        event.add("dtstart", ical.local(start))
        event.add("summary", summary)
        events.append(event)
    return ical.calendar(events, "PUBLISH", "Séances – Saint-Aurèle", "Les séances publiques")


def test_the_timezone_is_two_yearly_rules():
    data = calendar_of(datetime.datetime(2027, 1, 1, tzinfo=UTC))
    [zone] = parse(data)[0].walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"
    rules = {c.name: c["RRULE"].to_ical().decode() for c in zone.subcomponents}
    assert rules == {"DAYLIGHT": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "STANDARD": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"}
    assert b"RDATE" not in data


def test_both_parsers_read_the_right_instant_after_2038():
    # 18 h 30 in Paris: 16:30 UTC in summer, 17:30 UTC in winter, also in
    # 2040, read through the VTIMEZONE by vobject (dateutil's rules).
    summer = datetime.datetime(2040, 7, 3, 16, 30, tzinfo=UTC)
    winter = datetime.datetime(2040, 12, 4, 17, 30, tzinfo=UTC)
    # The day of the change: 29 October 2040 is the day after the last Sunday.
    after_change = datetime.datetime(2040, 10, 29, 17, 30, tzinfo=UTC)
    _, other = parse(calendar_of(summer, winter, after_change))
    starts = [event.dtstart.value for event in other.vevent_list]
    assert [s.strftime("%H:%M%z") for s in starts] == ["18:30+0200", "18:30+0100", "18:30+0100"]
    assert starts == [summer, winter, after_change]


def test_the_calendar_is_named_and_described():
    calendar, other = parse(calendar_of(datetime.datetime(2027, 1, 1, tzinfo=UTC)))
    assert calendar["X-WR-CALNAME"] == calendar["NAME"] == "Séances – Saint-Aurèle"
    assert calendar["X-WR-CALDESC"] == calendar["DESCRIPTION"] == "Les séances publiques"
    assert other.x_wr_calname.value == "Séances – Saint-Aurèle"


def test_long_french_lines_fold_between_characters():
    summary = "Délibération « très » longue sur l’éclairage public – " * 5
    calendar, other = parse(calendar_of(datetime.datetime(2027, 1, 1, tzinfo=UTC), summary=summary))
    assert other.vevent.summary.value == summary
