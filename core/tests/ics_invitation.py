#!/usr/bin/env python3
"""Reads a booked check-in's invitation the way a mail or calendar program would, for
core/tests/ics_interop.rs.

Usage: ics_invitation.py FILE [--vtimezone]

Prints one JSON object: the calendar's METHOD, and the one VEVENT's UID, SEQUENCE, SUMMARY,
ORGANIZER and ATTENDEE (address and parameters), LOCATION, URL, STATUS, DTSTART's TZID, and
its start and end as UTC instants ("2026-03-30T07:00:00Z"), as the `icalendar` package
resolves them. --vtimezone makes the TZID unknown to the tz database first, so that only the
file's VTIMEZONE gives the offsets (as in Outlook).
"""

import datetime
import json
import re
import sys

import icalendar

from ics_expand import rename_tzids

UTC = datetime.timezone.utc


def iso(value):
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        raise SystemExit(f"{value!r} is not a point in time")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def address(prop):
    params = {k.upper(): str(v) for k, v in prop.params.items()}
    return {"value": str(prop), "params": params}


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    if len(args) != 1 or flags - {"--vtimezone"}:
        raise SystemExit(__doc__)
    with open(args[0], "rb") as f:
        raw = f.read()
    if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
        raise SystemExit(f"{args[0]}: lines must end in CRLF")
    text = raw.decode("utf-8")
    if "--vtimezone" in flags:
        text = rename_tzids(text)
    calendar = icalendar.Calendar.from_ical(text)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    if len(events) != 1:
        raise SystemExit(f"{len(events)} events, expected one")
    event = events[0]
    attendees = event.get("ATTENDEE")
    if not isinstance(attendees, list):
        attendees = [attendees]
    out = {
        "method": str(calendar.get("METHOD")),
        "uid": str(event["UID"]),
        "sequence": int(event.get("SEQUENCE", 0)),
        "summary": str(event.get("SUMMARY", "")),
        "organizer": address(event["ORGANIZER"]),
        "attendees": [address(a) for a in attendees],
        "location": str(event.get("LOCATION", "")),
        "url": str(event.get("URL", "")),
        "status": str(event.get("STATUS", "")),
        "tzid": str(event["DTSTART"].params.get("TZID", "")),
        "start": iso(event["DTSTART"].dt),
        "end": iso(event["DTEND"].dt),
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
