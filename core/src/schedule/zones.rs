//! A zone's history as data: the offset in force at an instant, every change of offset in a
//! stretch of years, and the yearly day rules ("last Sunday of March") its onsets follow —
//! what the .ics writer needs to spell a VTIMEZONE that matches chrono-tz to the second.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};

/// The offset in force over a stretch of time, as a VTIMEZONE tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// Seconds east of UTC.
    pub(crate) total: i32,
    /// The daylight-saving part of `total` (negative in Europe/Dublin's winter).
    pub(crate) dst: i32,
    pub(crate) name: String,
}

pub(crate) fn offset_at(tz: Tz, utc_seconds: i64) -> TzOffset {
    let utc = DateTime::from_timestamp(utc_seconds, 0)
        .unwrap_or_default()
        .naive_utc();
    tz.offset_from_utc_datetime(&utc)
}

pub(crate) fn span_at(tz: Tz, utc_seconds: i64) -> Span {
    let offset = offset_at(tz, utc_seconds);
    let total = offset.fix().local_minus_utc();
    let dst = i32::try_from(offset.dst_offset().num_seconds()).unwrap_or(0);
    let name = offset
        .abbreviation()
        .map_or_else(|| numeric_name(total), str::to_owned);
    Span { total, dst, name }
}

/// tzdata's name for an offset without an abbreviation: "+03", "+0530".
pub(crate) fn numeric_name(total: i32) -> String {
    let sign = if total < 0 { '-' } else { '+' };
    let (h, m) = (total.abs() / 3600, total.abs() % 3600 / 60);
    if m == 0 {
        format!("{sign}{h:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Transition {
    /// The first second (UTC, Unix time) of the new offset.
    pub(crate) at: i64,
    pub(crate) from: Span,
    pub(crate) to: Span,
}

impl Transition {
    /// The onset as a VTIMEZONE's DTSTART gives it: local time in the offset before.
    pub(crate) fn local(&self) -> NaiveDateTime {
        DateTime::from_timestamp(self.at + i64::from(self.from.total), 0)
            .unwrap_or_default()
            .naive_utc()
    }

    pub(crate) fn utc(&self) -> NaiveDateTime {
        DateTime::from_timestamp(self.at, 0)
            .unwrap_or_default()
            .naive_utc()
    }

    /// Summer time starts (also Dublin's, where winter is the negative DST); a change of
    /// standard offset is STANDARD.
    pub(crate) fn daylight(&self) -> bool {
        if self.to.dst == self.from.dst {
            self.to.dst > 0
        } else {
            self.to.dst > self.from.dst
        }
    }
}

pub(crate) fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN)
        .and_utc()
        .timestamp()
}

/// Every change of offset, DST part or name in [from, to), found by sampling every six hours
/// (no zone changes twice within that) and bisecting to the second.
pub(crate) fn transitions(tz: Tz, from: i64, to: i64) -> Vec<Transition> {
    const STEP: i64 = 6 * 3600;
    let mut out = Vec::new();
    let mut t = from;
    // TzOffset compares offset, DST part and name, without building a Span each time.
    let mut offset = offset_at(tz, t);
    while t < to {
        let next = (t + STEP).min(to);
        if offset_at(tz, next) == offset {
            t = next;
            continue;
        }
        let (mut lo, mut hi) = (t, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if offset_at(tz, mid) == offset {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        out.push(Transition {
            at: hi,
            from: span_at(tz, lo),
            to: span_at(tz, hi),
        });
        t = hi;
        offset = offset_at(tz, hi);
    }
    out
}

/// A yearly pattern for the day of an onset within its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayRule {
    /// The last such weekday (BYDAY=-1SU).
    Last(chrono::Weekday),
    /// The nth such weekday, 1..=5 (BYDAY=2SU).
    Nth(u32, chrono::Weekday),
    /// A fixed day of the month (BYMONTHDAY=22).
    Day(u32),
}

pub(crate) fn days_in_month(date: NaiveDate) -> u32 {
    let first = date.with_day(1).unwrap_or(date);
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| u32::try_from((next - first).num_days()).ok())
        .unwrap_or(31)
}

/// Every pattern the date fits, most natural first (Outlook understands the weekday ones).
pub(crate) fn day_rules(date: NaiveDate) -> Vec<DayRule> {
    let (day, weekday) = (date.day(), date.weekday());
    let mut rules = Vec::with_capacity(3);
    if day + 7 > days_in_month(date) {
        rules.push(DayRule::Last(weekday));
    }
    rules.push(DayRule::Nth((day - 1) / 7 + 1, weekday));
    rules.push(DayRule::Day(day));
    rules
}

/// Onsets of one kind that a single yearly rule generates: one a year, same month, same
/// local time, a day rule they all fit.
pub(crate) struct Run {
    pub(crate) onsets: Vec<Transition>,
    pub(crate) rules: Vec<DayRule>,
}

impl Run {
    pub(crate) fn accepts(&self, next: &Transition) -> Option<Vec<DayRule>> {
        let last = self.onsets.last()?.local();
        let local = next.local();
        let fits = local.year() == last.year() + 1
            && local.month() == last.month()
            && local.time() == last.time();
        if !fits {
            return None;
        }
        let candidates = day_rules(local.date());
        let common: Vec<DayRule> = self
            .rules
            .iter()
            .copied()
            .filter(|r| candidates.contains(r))
            .collect();
        (!common.is_empty()).then_some(common)
    }
}
