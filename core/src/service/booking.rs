//! Booking a check-in: the suggested time (the next free slot from the due date), booking it
//! as an invitation (.ics) from the manager to the person, and cancelling it.
//!
//! When a booking ends (see `model::booking`): when a check-in with the person is held on
//! or after the day it was booked (`store::checkins::insert`), when cancelled, or a day
//! after its end. Booking a person again while their booking is live replaces it with the
//! same UID and SEQUENCE + 1, so the calendar updates the event; after it ended, a new
//! booking is a new event.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Invalid, Result};
use crate::i18n::Lang;
use crate::model::{check_id, Away, Booking, Person, PersonId};
use crate::schedule::agenda::{AgendaData, Names};
use crate::schedule::booking::{next_free_slot, rhythm_busy, round_up, Busy, SlotRules};
use crate::schedule::holidays::SEARCH_DAYS;
use crate::schedule::recurrence::resolve_local;
use crate::service::export::invitation::{invitation, Parties};
use crate::store::{away, bookings as table, checkins, people, rhythms, Store};

/// The free-slot search looks this far at a time, reading only the occurrences it needs.
const CHUNK_DAYS: i64 = 28;

/// What the *Book…* dialog opens with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingSuggestion {
    pub person_id: PersonId,
    pub name: String,
    /// The suggested start, and the same as the form's fields in the manager's zone.
    pub start: DateTime<Utc>,
    /// "YYYY-MM-DD"
    pub date: String,
    /// "HH:MM"
    pub time: String,
    pub minutes: u16,
    /// The booking this one would replace, if any.
    pub current: Option<Booking>,
}

/// What the *Book…* dialog sends, untrusted: a wall-clock time in the manager's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingDraft {
    /// "YYYY-MM-DD"
    pub date: String,
    /// "HH:MM"
    pub time: String,
}

/// A booking made, with its invitation to open or save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub booking: Booking,
    pub ics: String,
    /// A file name without the person's name: `booking-<person>-<n>.ics`.
    pub file_name: String,
}

/// The name an invitation file for this booking gets. Erasing the person removes the files
/// that start with `invitation_prefix`.
pub fn invitation_file_name(booking: &Booking) -> String {
    format!(
        "{}{}-{}.ics",
        invitation_prefix(booking.person_id),
        booking.created_at.timestamp(),
        booking.sequence
    )
}

pub fn invitation_prefix(person: PersonId) -> String {
    format!("booking-{person}-")
}

/// The folder inside the data folder that invitations to open are written to.
pub const INVITATIONS_DIR: &str = "invitations";

fn active_person(conn: &rusqlite::Connection, id: PersonId) -> Result<Person> {
    check_id(id, "personId")?;
    let person = people::get(conn, id)?.ok_or(Error::NotFound { what: "person", id })?;
    if !person.is_active() {
        return Err(Error::Conflict {
            key: "error.conflict.booking_archived",
            args: vec![("name", person.name)],
        });
    }
    Ok(person)
}

/// The default time for a check-in with `person`: the next free slot from now (rounded up
/// to the quarter hour), or from their due date when that is later.
pub fn suggest(
    store: &Store,
    person: PersonId,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<BookingSuggestion> {
    let conn = store.conn();
    let who = active_person(conn, person)?;
    let settings = crate::service::reminders::settings(store)?;
    let all_away = away::all(conn)?;
    let today = now.with_timezone(&tz).date_naive();
    let due_on = due_on(store, &who, &all_away, &settings, tz, today)?;
    let due_start = resolve_local(due_on.and_time(NaiveTime::MIN), tz).with_timezone(&Utc);
    let from = round_up(now).max(due_start);
    let theirs: Vec<&Away> = all_away.iter().filter(|a| a.person_id == person).collect();
    let everyone = people::all(conn)?;
    let groups = crate::store::groups::all(conn)?;
    let names = Names::new(&everyone, &groups);
    let all_rhythms = rhythms::all(conn)?;
    let others: Vec<Busy> = table::starting_after(conn, now - Duration::days(2))?
        .into_iter()
        .filter(|b| b.person_id != person && b.is_live(now))
        .map(|b| (b.start, b.end()))
        .collect();
    let mut start = None;
    let mut chunk_from = from;
    for _ in 0..(SEARCH_DAYS / CHUNK_DAYS + 1) {
        let chunk_to = chunk_from + Duration::days(CHUNK_DAYS);
        let (lo, hi) = crate::schedule::agenda::local_bounds(
            chunk_from - Duration::days(1),
            chunk_to + Duration::days(1),
        );
        let marks = rhythms::marks_between(conn, lo, hi)?;
        let mut busy = rhythm_busy(
            &all_rhythms,
            &marks,
            &names,
            chunk_from,
            chunk_to + Duration::days(1),
        );
        busy.extend(others.iter().copied());
        let rules = SlotRules {
            settings: &settings,
            tz,
            away: &theirs,
            busy: &busy,
            minutes: who.checkin_minutes,
        };
        start = next_free_slot(&rules, chunk_from, chunk_to);
        if start.is_some() {
            break;
        }
        chunk_from = chunk_to;
    }
    let start = start.ok_or_else(|| Error::Conflict {
        key: "error.conflict.booking_no_time",
        args: vec![("name", who.name.clone())],
    })?;
    let local = start.with_timezone(&tz);
    Ok(BookingSuggestion {
        person_id: person,
        name: who.name,
        start,
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        minutes: who.checkin_minutes,
        current: table::of_person(conn, person)?.filter(|b| b.is_live(now)),
    })
}

/// The person's due date as the agenda has it (cadence, away, closed days).
fn due_on(
    store: &Store,
    person: &Person,
    all_away: &[Away],
    settings: &crate::schedule::reminders::ReminderSettings,
    tz: Tz,
    today: NaiveDate,
) -> Result<NaiveDate> {
    let conn = store.conn();
    let everyone = people::all(conn)?;
    let last_held: HashMap<_, _> = checkins::last_held(conn)?.into_iter().collect();
    let data = AgendaData {
        people: &everyone,
        last_held: &last_held,
        groups: &[],
        rhythms: &[],
        marks: &HashMap::new(),
        away: all_away,
        working: settings.working_days(),
        max_per_day: u16::MAX,
    };
    Ok(data
        .due_statuses(tz, today)
        .into_iter()
        .find(|d| d.person_id == person.id)
        .map_or(today, |d| d.due_on))
}

/// Books a check-in with `person` at the draft's time (in `tz`, the manager's zone) and
/// returns the invitation. Refused, changing nothing: an unknown or archived person, a time
/// that is not a time or already past, a day the person is away, and — named so the manager
/// knows what to fill in — a missing e-mail of the manager (Settings) or of the person.
pub fn book(
    store: &mut Store,
    person: PersonId,
    draft: &BookingDraft,
    now: DateTime<Utc>,
    tz: Tz,
    lang: Lang,
) -> Result<Invitation> {
    let date = crate::model::text::date(draft.date.trim(), "date")?;
    let time = crate::model::text::time(draft.time.trim(), "time")?;
    let start = resolve_local(date.and_time(time), tz).with_timezone(&Utc);
    store.write(|tx| {
        let who = active_person(tx, person)?;
        let manager = crate::service::settings::manager_in(tx)?;
        let Some(organizer) = manager.email.as_deref() else {
            return Err(Invalid::new("managerEmail", "error.invalid.booking_manager_email").into());
        };
        let Some(attendee) = who.email.as_deref() else {
            return Err(Invalid::new("email", "error.invalid.booking_person_email")
                .with("name", &who.name)
                .into());
        };
        if start < now {
            return Err(Invalid::new("time", "error.invalid.booking_past").into());
        }
        if away::overlaps(tx, person, date, date)? {
            return Err(Invalid::new("date", "error.invalid.booking_away")
                .with("name", &who.name)
                .into());
        }
        let (uid, sequence) = match table::of_person(tx, person)? {
            Some(live) if live.is_live(now) => (live.uid, live.sequence.saturating_add(1)),
            _ => (
                format!(
                    "{}{}@narvaro.local",
                    invitation_prefix(person),
                    now.timestamp_millis()
                ),
                0,
            ),
        };
        let mut booking = Booking {
            id: 0,
            person_id: person,
            start,
            timezone: tz.name().to_owned(),
            minutes: who.checkin_minutes,
            uid,
            sequence,
            created_at: now,
        };
        booking.id = table::put(tx, &booking)?;
        let ics = invitation(
            &booking,
            tz,
            &Parties {
                organizer_name: manager.name.as_deref(),
                organizer_email: organizer,
                person_name: &who.name,
                person_email: attendee,
                meeting_link: who.meeting_link.as_deref(),
            },
            lang,
            now,
        );
        Ok(Invitation {
            file_name: invitation_file_name(&booking),
            booking,
            ics,
        })
    })
}

/// Cancels the person's booking. Refused when there is none.
pub fn cancel(store: &mut Store, person: PersonId) -> Result<()> {
    check_id(person, "personId")?;
    store.write(|tx| {
        let who = people::get(tx, person)?.ok_or(Error::NotFound {
            what: "person",
            id: person,
        })?;
        if !table::delete_of_person(tx, person)? {
            return Err(Error::Conflict {
                key: "error.conflict.booking_none",
                args: vec![("name", who.name)],
            });
        }
        Ok(())
    })
}

/// The person's live booking, if any.
pub fn of_person(store: &Store, person: PersonId, now: DateTime<Utc>) -> Result<Option<Booking>> {
    check_id(person, "personId")?;
    Ok(table::of_person(store.conn(), person)?.filter(|b| b.is_live(now)))
}

#[cfg(test)]
mod tests;
