#!/usr/bin/env python3
"""Expands an .ics file the way another calendar would, for core/tests/ics_interop.rs.

Usage: ics_expand.py FILE FROM TO [--vtimezone]

FROM and TO are UTC instants in ISO 8601 ("2026-03-01T00:00:00Z"). Prints a JSON list of
{uid, start, end, summary, location, url}, start and end as UTC ISO
("2026-03-04T08:00:00Z"), location and url as the library reads them (TEXT unescaped,
folded lines joined) or null, for every
occurrence whose start lies in [FROM, TO), sorted by start then uid. Expansion is done by
the `icalendar` and `recurring-ical-events` packages, independent of Närvaro's own engine;
only the end is computed here, as start + duration in exact time (see below).

icalendar resolves a TZID that is an IANA name from its own tz database and ignores the
file's VTIMEZONE. --vtimezone renames every TZID first, so that only the VTIMEZONE
definitions give the offsets, as in clients that do not know IANA names (Outlook).
"""

import datetime
import json
import re
import sys

import icalendar
import recurring_ical_events

UTC = datetime.timezone.utc


def parse_utc(text):
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise SystemExit(f"{text}: give a UTC time, e.g. 2026-03-01T00:00:00Z")
    return value.astimezone(UTC)


def iso(value):
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rename_tzids(text):
    """Makes every TZID unknown to the tz database, keeping the VTIMEZONEs they name."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    unfolded = re.sub(r";TZID=([^:;]+)", r";TZID=Narvaro-Test/\1", unfolded)
    return re.sub(r"(?m)^TZID:(.*)$", r"TZID:Narvaro-Test/\1", unfolded)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    if len(args) != 3 or flags - {"--vtimezone"}:
        raise SystemExit(__doc__)
    path, start, end = args
    start, end = parse_utc(start), parse_utc(end)
    with open(path, "rb") as f:
        raw = f.read()
    if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
        raise SystemExit(f"{path}: lines must end in CRLF")
    text = raw.decode("utf-8")
    if "--vtimezone" in flags:
        text = rename_tzids(text)
    calendar = icalendar.Calendar.from_ical(text)

    # Look a day wider on both sides: the library returns what overlaps the window, we
    # want what starts in it.
    margin = datetime.timedelta(days=1)
    out = []
    for event in recurring_ical_events.of(calendar).between(start - margin, end + margin):
        begin = event["DTSTART"].dt
        if not isinstance(begin, datetime.datetime) or begin.tzinfo is None:
            raise SystemExit(f"{event['UID']}: start {begin!r} is not a point in time")
        finish = event["DTEND"].dt if "DTEND" in event else begin + event["DURATION"].dt
        # The library adds the duration on the wall clock (Python's arithmetic on aware
        # datetimes), so an hour that starts in the repeated hour of a fall-back night ends
        # two hours later. RFC 5545 §3.3.6 makes hours, minutes and seconds exact durations:
        # apply the length the library used to the start instant.
        length = finish.replace(tzinfo=None) - begin.replace(tzinfo=None)
        finish = begin.astimezone(UTC) + length
        if start <= begin.astimezone(UTC) < end:
            out.append(
                {
                    "uid": str(event["UID"]),
                    "start": iso(begin),
                    "end": iso(finish),
                    "summary": str(event.get("SUMMARY", "")),
                    "location": str(event["LOCATION"]) if "LOCATION" in event else None,
                    "url": str(event["URL"]) if "URL" in event else None,
                }
            )
    out.sort(key=lambda e: (e["start"], e["uid"]))
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
