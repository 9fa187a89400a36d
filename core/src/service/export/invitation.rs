//! A booked check-in as an RFC 5546 invitation: one VEVENT with METHOD:REQUEST, the manager
//! as ORGANIZER and the person as ATTENDEE, in the zone it was booked in (with its
//! VTIMEZONE), that a mail or calendar program offers to send or add. Booking the same
//! person again keeps the UID and raises SEQUENCE, so the calendar updates the event.
//!
//! Line folding, TEXT escaping and the VTIMEZONE are the calendar export's (`ics`).

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use super::ics::{stamp, text, write_vtimezone, Lines, Zone, PRODID};
use crate::i18n::{t, Lang};
use crate::model::Booking;

/// Who takes part, as the invitation names them.
pub struct Parties<'a> {
    pub organizer_name: Option<&'a str>,
    pub organizer_email: &'a str,
    pub person_name: &'a str,
    pub person_email: &'a str,
    /// The person's video-meeting room, if any: LOCATION and URL.
    pub meeting_link: Option<&'a str>,
}

/// The invitation for `booking`, its SUMMARY in `lang`, stamped `now`.
pub fn invitation(
    booking: &Booking,
    tz: Tz,
    parties: &Parties<'_>,
    lang: Lang,
    now: DateTime<Utc>,
) -> String {
    let zone = Zone::of(tz);
    let start = booking.start.with_timezone(&tz);
    let end = booking.end().with_timezone(&tz);
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!("PRODID:{PRODID}"));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:REQUEST");
    if let Zone::Named(tz) = zone {
        // A year either side: every onset around the meeting is spelled out.
        write_vtimezone(&mut out, tz, start.year() - 1, end.year() + 1);
    }
    out.line("BEGIN:VEVENT");
    out.line(&format!("UID:{}", booking.uid));
    out.line(&format!("SEQUENCE:{}", booking.sequence));
    out.line(&format!("DTSTAMP:{}Z", stamp(now.naive_utc())));
    out.line(&zone.property("DTSTART", start.naive_local()));
    out.line(&zone.property("DTEND", end.naive_local()));
    let summary = t(lang, "booking.summary", &[("name", parties.person_name)]);
    out.line(&format!("SUMMARY:{}", text(&summary)));
    let organizer_cn = parties
        .organizer_name
        .map(|name| format!(";CN={}", param(name)))
        .unwrap_or_default();
    out.line(&format!(
        "ORGANIZER{organizer_cn}:mailto:{}",
        parties.organizer_email
    ));
    out.line(&format!(
        "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{}",
        param(parties.person_name),
        parties.person_email
    ));
    if let Some(link) = parties.meeting_link {
        out.line(&format!("LOCATION:{}", text(link)));
        out.line(&format!("URL:{link}"));
    }
    out.line("STATUS:CONFIRMED");
    out.line("TRANSP:OPAQUE");
    out.line("END:VEVENT");
    out.line("END:VCALENDAR");
    out.text
}

/// A parameter value (RFC 5545 §3.1): always quoted, so commas, colons and semicolons in a
/// name are safe; a double quote cannot be written at all and control characters are not
/// allowed, so both are dropped.
fn param(value: &str) -> String {
    let inner: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{inner}\"")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn booking() -> Booking {
        Booking {
            id: 1,
            person_id: 7,
            start: Utc.with_ymd_and_hms(2026, 3, 30, 12, 30, 0).unwrap(),
            timezone: "Europe/Stockholm".into(),
            minutes: 20,
            uid: "booking-7-1@narvaro.local".into(),
            sequence: 2,
            created_at: Utc.with_ymd_and_hms(2026, 3, 27, 8, 0, 0).unwrap(),
        }
    }

    #[test]
    fn an_invitation_is_a_request_from_the_manager_to_the_person() {
        let ics = invitation(
            &booking(),
            chrono_tz::Europe::Stockholm,
            &Parties {
                organizer_name: Some("Maria \"M\" Chef, enhet 3"),
                organizer_email: "maria@example.se",
                person_name: "Anna Lind",
                person_email: "anna@example.se",
                meeting_link: Some("https://meet.example.se/anna,1"),
            },
            Lang::Sv,
            Utc.with_ymd_and_hms(2026, 3, 27, 8, 0, 0).unwrap(),
        );
        let unfolded = ics.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").collect();
        for expected in [
            "METHOD:REQUEST",
            "UID:booking-7-1@narvaro.local",
            "SEQUENCE:2",
            "DTSTAMP:20260327T080000Z",
            "DTSTART;TZID=Europe/Stockholm:20260330T143000",
            "DTEND;TZID=Europe/Stockholm:20260330T145000",
            "SUMMARY:Avstämning med Anna Lind",
            "ORGANIZER;CN=\"Maria M Chef, enhet 3\":mailto:maria@example.se",
            "ATTENDEE;CN=\"Anna Lind\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:anna@example.se",
            "LOCATION:https://meet.example.se/anna\\,1",
            "URL:https://meet.example.se/anna,1",
            "STATUS:CONFIRMED",
            "TZID:Europe/Stockholm",
        ] {
            assert!(lines.contains(&expected), "{expected} missing in\n{unfolded}");
        }
        assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 1);
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }
}
