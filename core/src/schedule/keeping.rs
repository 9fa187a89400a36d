//! How long the manager's data is kept: when a backup is due, which backups the rotation
//! keeps, and where retention cuts off. Pure functions of (dates, now).

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Months, NaiveDate, TimeDelta, Utc};

/// How many daily copies, and then weekly ones, are kept.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
/// An automatic backup is taken when the newest is older than this.
pub const INTERVAL: TimeDelta = TimeDelta::hours(24);

/// Whether an automatic backup is due at `now`, the newest regular one taken at `newest`:
/// none yet, a day old, or from the future (a clock set back must not stop backups for
/// months).
pub fn backup_due(newest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match newest {
        None => true,
        Some(at) => now - at >= INTERVAL || at > now + TimeDelta::minutes(5),
    }
}

/// Which of `taken` (any order) the rotation keeps: the newest of each of the 7 newest
/// days, then the newest of each of the 4 newest ISO weeks older than those days.
pub fn to_keep(taken: &[DateTime<Utc>]) -> BTreeSet<DateTime<Utc>> {
    let mut newest_first: Vec<DateTime<Utc>> = taken.to_vec();
    newest_first.sort_by(|a, b| b.cmp(a));
    let mut keep = BTreeSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for at in newest_first {
        let day = at.date_naive();
        if days.len() < KEEP_DAILY && !days.contains(&day) {
            days.push(day);
            keep.insert(at);
            continue;
        }
        if days.contains(&day) {
            continue;
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if weeks.len() < KEEP_WEEKLY && !weeks.contains(&week) {
            // A week partly covered by the daily copies still gets its own weekly one.
            weeks.push(week);
            keep.insert(at);
        }
    }
    keep
}

/// The first day retention keeps at `today` for `months` months: notes and pulses of
/// check-ins held before it go. None past the calendar's start.
pub fn kept_from(today: NaiveDate, months: u16) -> Option<NaiveDate> {
    today.checked_sub_months(Months::new(months.into()))
}

/// The moment before which an archived person is erased, `months` months before `now`.
pub fn archived_before(now: DateTime<Utc>, months: u16) -> Option<DateTime<Utc>> {
    now.checked_sub_months(Months::new(months.into()))
}
