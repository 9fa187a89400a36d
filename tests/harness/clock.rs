//! This machine's calendar and clock in its own zone, read through the C library as the app's
//! WebView reads it, so that a test can type the dates and times a person here would.
//! (chrono::Local would do the same, but this crate does not depend on chrono, and adding it
//! would change the workspace's Cargo.lock for no gain.)
//!
//! The app takes its zone from `TZ` when that names a zone, else from the system's
//! (/etc/localtime), and so does the C library: they agree, except for a `TZ` that is a POSIX
//! rule ("CET-1CEST"), which only the C library reads. [`check_zone`] refuses that.

use std::mem::MaybeUninit;
use std::path::Path;

use anyhow::{ensure, Result};

/// A day on the local calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// "2026-11-27", as the editor's date fields and the views' data-date read it.
    pub iso: String,
    /// Day of the month.
    pub day: u32,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: usize,
}

/// A whole minute on the local clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minute {
    pub day: Day,
    /// "09:05", as the editor's time fields read it (texts: see `us_clock`).
    pub hhmm: String,
    /// Seconds since the Unix epoch.
    pub epoch: i64,
}

/// Fails when the app and this clock could disagree on the zone: a `TZ` that is not the name
/// of a zone (a POSIX rule, or a typo) is read by the C library and ignored by the app.
pub fn check_zone() -> Result<()> {
    if let Some(tz) = std::env::var("TZ").ok().filter(|tz| !tz.is_empty()) {
        let name = tz.trim_start_matches(':');
        ensure!(
            !name.starts_with('/') && Path::new("/usr/share/zoneinfo").join(name).is_file(),
            "TZ={tz} names no zone in /usr/share/zoneinfo: the app would ignore it and use the \
             system's zone while this test used TZ; unset TZ or set it to a zone name"
        );
    }
    Ok(())
}

/// The local time now.
pub fn now() -> libc::tm {
    // SAFETY: time(NULL) only returns the time; localtime_r fills the tm it is given
    // and returns null only for a time it cannot represent, which now is not.
    unsafe {
        let t = libc::time(std::ptr::null_mut());
        let mut tm = MaybeUninit::<libc::tm>::zeroed();
        let filled = libc::localtime_r(&t, tm.as_mut_ptr());
        assert!(!filled.is_null(), "localtime_r could not read the clock");
        tm.assume_init()
    }
}

/// Normalises `tm` (mktime carries overflowing fields into the next ones) and returns the
/// moment it names in seconds since the epoch.
// time_t is i64 here, but not on every target.
#[allow(clippy::useless_conversion)]
fn normalise(tm: &mut libc::tm, what: &str) -> i64 {
    tm.tm_isdst = -1;
    // SAFETY: mktime reads and normalises the tm it is given, nothing else.
    let t = unsafe { libc::mktime(tm) };
    assert!(t != -1, "mktime could not compute {what}");
    i64::from(t)
}

fn day_of(tm: &libc::tm) -> Day {
    Day {
        iso: format!(
            "{:04}-{:02}-{:02}",
            tm.tm_year + 1900,
            tm.tm_mon + 1,
            tm.tm_mday
        ),
        day: u32::try_from(tm.tm_mday).unwrap_or(0),
        weekday: usize::try_from((tm.tm_wday + 6) % 7).unwrap_or(0),
    }
}

/// The day `days` after the day of `now` (at noon no change to or from summer time can move
/// the date).
pub fn day_after(now: &libc::tm, days: i32) -> Day {
    let mut tm = *now;
    tm.tm_mday += days;
    tm.tm_hour = 12;
    tm.tm_min = 0;
    tm.tm_sec = 0;
    normalise(&mut tm, &format!("the date {days} days from now"));
    day_of(&tm)
}

/// The same day of the month `years` after the day of `now` (before it, when negative): two
/// years before 28 Nov 2026 is 28 Nov 2024. A 29 February with no counterpart becomes 1 March.
pub fn years_after(now: &libc::tm, years: i32) -> Day {
    let mut tm = *now;
    tm.tm_year += years;
    tm.tm_hour = 12;
    tm.tm_min = 0;
    tm.tm_sec = 0;
    normalise(&mut tm, &format!("the date {years} years from now"));
    day_of(&tm)
}

/// The whole minute `minutes` after the start of the minute of `now`: with 2, a start time
/// that is between one and two minutes away.
pub fn minute_after(now: &libc::tm, minutes: i32) -> Minute {
    let mut tm = *now;
    tm.tm_min += minutes;
    tm.tm_sec = 0;
    let epoch = normalise(&mut tm, &format!("the time {minutes} minutes from now"));
    Minute {
        day: day_of(&tm),
        hhmm: format!("{:02}:{:02}", tm.tm_hour, tm.tm_min),
        epoch,
    }
}

impl Minute {
    /// The time as an en-US clock writes it ("8:26 AM"): how the app, started with
    /// LANG=en_US.UTF-8 by the harness, writes times in notifications and the tray.
    pub fn us_clock(&self) -> String {
        let (hour, minute) = self.hhmm.split_once(':').unwrap_or(("0", "00"));
        let hour: u32 = hour.parse().unwrap_or(0);
        let (twelve, half) = match hour {
            0 => (12, "AM"),
            1..=11 => (hour, "AM"),
            12 => (12, "PM"),
            _ => (hour - 12, "PM"),
        };
        format!("{twelve}:{minute} {half}")
    }
}

/// Seconds from `now` until the next local midnight (a day with a change of summer time
/// is off by an hour, which only makes a wait for midnight a little early or late).
pub fn seconds_to_midnight(now: &libc::tm) -> i64 {
    let since = i64::from(now.tm_hour) * 3600 + i64::from(now.tm_min) * 60 + i64::from(now.tm_sec);
    24 * 3600 - since
}

/// Waits, when fewer than `margin_s` seconds are left of today, until just after midnight,
/// so that a test which needs one day for its whole length does not see it change halfway;
/// returns the local time after any wait.
pub async fn settled_day(margin_s: i64) -> libc::tm {
    let now = now();
    let left = seconds_to_midnight(&now);
    if left >= margin_s {
        return now;
    }
    eprintln!("e2e: {left} s to local midnight; waiting for the new day before starting");
    tokio::time::sleep(std::time::Duration::from_secs((left + 5).unsigned_abs())).await;
    self::now()
}
