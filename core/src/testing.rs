//! Shared test fixtures — the zone, the clock and small factories — so tests stand on the
//! same ground instead of each file keeping its own copy. Compiled for core's own tests and,
//! through the `testing` feature, for the tests of other crates; never in the app.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::model::{PersonDraft, PersonId};
use crate::Store;

/// The zone the sample team lives in, with a summer-time switch to trip over.
pub fn sthlm() -> Tz {
    chrono_tz::Europe::Stockholm
}

/// A wall-clock time in Stockholm as an instant (the earlier one when the clock falls back).
pub fn sthlm_at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    sthlm()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .expect("a Stockholm wall-clock time")
        .with_timezone(&Utc)
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}

/// Friday 2026-11-27 08:30 UTC (09:30 in Stockholm, ISO week 48): the clock most tests
/// stand at.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 8, 30, 0)
        .single()
        .expect("a UTC time")
}

/// The manager's date at `now()`.
pub fn today() -> NaiveDate {
    date(2026, 11, 27)
}

/// An empty store in memory.
pub fn store() -> Store {
    Store::open_in_memory().expect("an in-memory store")
}

/// Adds someone with the form's defaults, as if added at `added`.
pub fn person(store: &mut Store, name: &str, added: DateTime<Utc>) -> PersonId {
    person_every(store, name, None, added)
}

/// Adds someone with a check-in cadence of `cadence_days` (the default when none).
pub fn person_every(
    store: &mut Store,
    name: &str,
    cadence_days: Option<i64>,
    added: DateTime<Utc>,
) -> PersonId {
    let draft = PersonDraft {
        name: name.into(),
        cadence_days,
        ..PersonDraft::default()
    };
    crate::people::add(store, &draft, added)
        .expect("a valid person")
        .id
}

/// The clock of the tests written around Thursday 2026-11-26, the day before `now()`.
pub mod thursday {
    use chrono::{DateTime, NaiveDate, Utc};

    /// Thursday 2026-11-26 08:00 in Stockholm.
    pub fn now() -> DateTime<Utc> {
        super::sthlm_at(2026, 11, 26, 8, 0)
    }

    pub fn today() -> NaiveDate {
        super::date(2026, 11, 26)
    }
}
