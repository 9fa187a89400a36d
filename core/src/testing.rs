//! Shared test fixtures — the zone, the clock and small factories — so tests stand on the
//! same ground instead of each file keeping its own copy. Compiled for core's own tests and,
//! through the `testing` feature, for the tests of other crates; never in the app.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::model::recurrence::{End, Recurrence, Repeat, Weekday};
use crate::model::{Away, AwayReason, PersonDraft, PersonId, RhythmDraft, RhythmKind};
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

/// Person 1 away on vacation from `from` to `to`, both days included.
pub fn away(from: NaiveDate, to: NaiveDate) -> Away {
    Away {
        id: 1,
        person_id: 1,
        from,
        to,
        reason: AwayReason::Vacation,
    }
}

/// The form's draft of a weekly rhythm for everyone, in Stockholm, from `start_date` at
/// `time` on `days`, `minutes` long, with the default reminder leads.
pub fn weekly(
    kind: RhythmKind,
    title: &str,
    start_date: &str,
    days: &[Weekday],
    time: &str,
    minutes: i64,
) -> RhythmDraft {
    RhythmDraft {
        kind,
        title: title.into(),
        group_id: None,
        person_id: None,
        start_date: start_date.into(),
        start_time: time.into(),
        duration_minutes: minutes,
        timezone: Some("Europe/Stockholm".into()),
        recurrence: Recurrence {
            repeat: Repeat::Weekly {
                interval: 1,
                weekdays: days.to_vec(),
            },
            end: End::Never,
        },
        lead_minutes: None,
    }
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
    crate::service::people::add(store, &draft, added)
        .expect("a valid person")
        .id
}

/// Adds someone the manager says they last talked with on the day added (in Stockholm), so
/// their first check-in falls due a cadence later, not within the first week.
pub fn person_talked(store: &mut Store, name: &str, added: DateTime<Utc>) -> PersonId {
    let new = crate::model::NewPerson {
        draft: PersonDraft {
            name: name.into(),
            ..PersonDraft::default()
        },
        last_talked: Some(added.with_timezone(&sthlm()).date_naive().to_string()),
    };
    let today = added.with_timezone(&sthlm()).date_naive();
    crate::service::people::add_new(store, &new, today, added)
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

/// Every log record of the test process, tagged with the thread that wrote it, for tests
/// that prove something never reaches the log. `install` makes the capture the process's
/// logger or fails loudly: a test that cannot see the log must not pass.
pub mod logs {
    use std::sync::{Mutex, OnceLock};
    use std::thread::{self, ThreadId};

    struct Capture;

    fn lines() -> &'static Mutex<Vec<(ThreadId, String)>> {
        static LINES: OnceLock<Mutex<Vec<(ThreadId, String)>>> = OnceLock::new();
        LINES.get_or_init(|| Mutex::new(Vec::new()))
    }

    impl log::Log for Capture {
        fn enabled(&self, _: &log::Metadata<'_>) -> bool {
            true
        }
        fn log(&self, record: &log::Record<'_>) {
            let line = format!("{} {}: {}", record.level(), record.target(), record.args());
            if let Ok(mut lines) = lines().lock() {
                lines.push((thread::current().id(), line));
            }
        }
        fn flush(&self) {}
    }

    /// Installs the capture (once per process) at the most verbose level.
    pub fn install() {
        static CAPTURE: Capture = Capture;
        static INSTALLED: OnceLock<bool> = OnceLock::new();
        let installed = *INSTALLED.get_or_init(|| log::set_logger(&CAPTURE).is_ok());
        assert!(installed, "another logger was installed first");
        log::set_max_level(log::LevelFilter::Trace);
    }

    /// What this thread logged so far.
    pub fn of_this_thread() -> Vec<String> {
        let me = thread::current().id();
        lines()
            .lock()
            .expect("the log capture")
            .iter()
            .filter(|(thread, _)| *thread == me)
            .map(|(_, line)| line.clone())
            .collect()
    }

    /// What any thread logged so far.
    pub fn all() -> Vec<String> {
        lines()
            .lock()
            .expect("the log capture")
            .iter()
            .map(|(_, line)| line.clone())
            .collect()
    }
}
