"""Reading an iCalendar file as other people's software does: the RFC 5545
rules checked on the bytes, then two independent parsers (icalendar, which
wrote it, and vobject, which did not) that must agree on every event."""
import re

import vobject
from icalendar import Calendar

PROPERTY_NAME = re.compile(rb"^[A-Z0-9-]+[;:]")


def assert_rfc5545_lines(data):
    """CRLF line ends only; content lines folded at 75 octets (3.1) without
    cutting a UTF-8 character; a DTSTAMP and a UID in every VEVENT."""
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold inside a character would not decode
        assert line[:1] in (b" ", b"\t") or PROPERTY_NAME.match(line), line
    unfolded = re.sub(rb"\r\n[ \t]", b"", data).split(b"\r\n")
    events = b"\n".join(unfolded).split(b"BEGIN:VEVENT")[1:]
    for event in events:
        assert re.search(rb"^DTSTAMP:\d{8}T\d{6}Z$", event, re.M), event
        assert re.search(rb"^UID:\S+$", event, re.M), event
    return unfolded


def parse(data):
    """(icalendar's Calendar, vobject's) of `data`, after the line rules;
    both parsers read the same events, at the same instants."""
    assert_rfc5545_lines(data)
    first = Calendar.from_ical(data)
    second = vobject.readOne(data.decode("utf-8"))
    events = first.walk("VEVENT")
    others = getattr(second, "vevent_list", [])
    assert [str(e["UID"]) for e in events] == [e.uid.value for e in others]
    assert [e.decoded("DTSTART") for e in events] == [e.dtstart.value for e in others]
    assert [str(e["SUMMARY"]) for e in events] == [e.summary.value for e in others]
    return first, second
