//! Recurring series (rhythms): RFC 5545 rules (the subset a rhythm can have: weekly on
//! weekdays, monthly on a day or an nth weekday, every workday; INTERVAL, UNTIL, COUNT)
//! expanded in floating local time, then placed on the time line of the series' IANA zone.
//!
//! The expansion is our own ([`Series::walk`]): it steps from period to period (week or
//! month) and computes each period's dates, so a window costs its own periods. It replaced
//! the `rrule` crate, which searched day sets per period and was a third of the agenda's
//! time (BENCHMARKS.md); the tests hold it against both a day-by-day reading of the rule
//! and `rrule` itself (`proptests.rs`).
//!
//! Why floating time: a zoned expansion does its own DST arithmetic, and `rrule`'s has known
//! bugs (fmeringdal/rust-rrule#109, #115: duplicated and skipped occurrences around
//! transitions; in 0.14 an occurrence in a gap at midnight, as in America/Santiago, is
//! silently dropped). The rule yields naive local starts, which only ever involve calendar
//! arithmetic, and we map each to an instant with [`resolve_local`], which follows
//! RFC 5545 §3.3.5 for gaps and overlaps.
//!
//! UNTIL is compared as a local date; COUNT is counted while iterating. A rule without
//! COUNT can be restarted at any in-phase week or month, which is how a query skips the years
//! before its window.

use std::fmt::Write as _;

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeDelta, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

use crate::error::Invalid;
use crate::model::recurrence::{End, Recurrence, Repeat, Weekday, COUNT_MAX, INTERVAL_MAX};

/// Years the engine expands in. chrono panics near its own limits (and `rrule`, which the
/// tests compare with, stops at ±10 000); a series outside this range yields nothing rather than risking either.
const MIN_YEAR: i32 = 1;
const MAX_YEAR: i32 = 9999;

/// The local end of an until date: RFC 5545 UNTIL is inclusive, and the user means "through
/// that day".
const END_OF_DAY: NaiveTime = match NaiveTime::from_hms_opt(23, 59, 59) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// A series as the engine sees it: local wall-clock start in its IANA zone, plus the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub start: NaiveDateTime,
    pub tz: Tz,
    pub recurrence: Recurrence,
}

/// One instance. `original` is the local wall-clock start the rule produced (stable id part);
/// `start` is that instant resolved in the zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub original: NaiveDateTime,
    pub start: DateTime<Tz>,
}

fn invalid_rrule() -> Invalid {
    Invalid::new("recurrence", "error.invalid.rrule")
}

impl Recurrence {
    /// Checks the rule against the series start date. Errors (field "recurrence", "interval",
    /// "weekdays", "day", "nth", "until", "count"): no weekdays, interval 0 or > 99, day outside
    /// 1..=31, nth not in {1,2,3,4,-1}, until before start, count 0 or > 1000, and (field
    /// "recurrence", key "error.invalid.no_occurrences") a rule that never produces an
    /// occurrence from that start, such as every 12 months on the 31st starting in April.
    ///
    /// Weekdays in any order or repeated are accepted (a form may send them in click order);
    /// [`Series::normalized`] stores them sorted and unique.
    pub fn validate(&self, start: NaiveDate) -> Result<(), Invalid> {
        self.validate_shape()?;
        match self.end {
            End::Until { date } if date < start => {
                return Err(Invalid::new("until", "error.invalid.until"));
            }
            _ => {}
        }
        let probe = Series {
            start: start.and_time(NaiveTime::MIN),
            tz: Tz::UTC,
            recurrence: self.clone(),
        };
        // Every occurrence has the start's time of day, so whether one exists does not depend
        // on the time: the date alone decides.
        if probe.normalized().is_none() {
            return Err(Invalid::new("recurrence", "error.invalid.no_occurrences"));
        }
        Ok(())
    }

    /// The rule cut to end the day before `from`: what remains of a series that is edited
    /// from that date on.
    pub fn ended_before(&self, from: NaiveDate) -> Recurrence {
        Recurrence {
            repeat: self.repeat.clone(),
            end: End::Until {
                date: from - TimeDelta::days(1),
            },
        }
    }

    /// The checks that need no start date; also the gate before anything is expanded.
    fn validate_shape(&self) -> Result<(), Invalid> {
        let interval = match &self.repeat {
            Repeat::Weekly { interval, .. }
            | Repeat::MonthlyOnDay { interval, .. }
            | Repeat::MonthlyOnWeekday { interval, .. } => *interval,
            Repeat::DailyWorkdays => 1,
        };
        if !(1..=INTERVAL_MAX).contains(&interval) {
            return Err(
                Invalid::new("interval", "error.invalid.interval").with("max", INTERVAL_MAX)
            );
        }
        match &self.repeat {
            Repeat::Weekly { weekdays, .. } if weekdays.is_empty() => {
                return Err(Invalid::new("weekdays", "error.invalid.weekdays"));
            }
            Repeat::MonthlyOnDay { day, .. } if !(1..=31).contains(day) => {
                return Err(Invalid::new("day", "error.invalid.day"));
            }
            Repeat::MonthlyOnWeekday { nth, .. } if !matches!(nth, 1..=4 | -1) => {
                return Err(Invalid::new("nth", "error.invalid.nth"));
            }
            _ => {}
        }
        if let End::Count { count } = self.end {
            if !(1..=COUNT_MAX).contains(&count) {
                return Err(Invalid::new("count", "error.invalid.count").with("max", COUNT_MAX));
            }
        }
        Ok(())
    }

    /// The same rule with weekdays sorted and without duplicates, so that equal rules compare
    /// equal and survive an RRULE round trip.
    pub fn canonical(&self) -> Recurrence {
        let mut rule = self.clone();
        if let Repeat::Weekly { weekdays, .. } = &mut rule.repeat {
            weekdays.sort_unstable();
            weekdays.dedup();
        }
        rule
    }

    /// The RFC 5545 RRULE value (without the "RRULE:" prefix), e.g.
    /// "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261231T225959Z". UNTIL is the end
    /// (23:59:59 local) of the until date, converted to UTC as RFC 5545 requires with a TZID'd
    /// DTSTART. Every-weekday is written as FREQ=DAILY so that it stays distinct from a weekly
    /// rule on Monday to Friday.
    pub fn to_rrule(&self, tz: Tz) -> String {
        let rule = self.canonical();
        let mut out = String::new();
        let interval_part = |out: &mut String, interval: u16| {
            if interval != 1 {
                let _ = write!(out, ";INTERVAL={interval}");
            }
        };
        match &rule.repeat {
            Repeat::Weekly { interval, weekdays } => {
                out.push_str("FREQ=WEEKLY");
                interval_part(&mut out, *interval);
                let days: Vec<&str> = weekdays.iter().map(|d| d.code()).collect();
                let _ = write!(out, ";BYDAY={}", days.join(","));
            }
            Repeat::MonthlyOnDay { interval, day } => {
                out.push_str("FREQ=MONTHLY");
                interval_part(&mut out, *interval);
                let _ = write!(out, ";BYMONTHDAY={day}");
            }
            Repeat::MonthlyOnWeekday {
                interval,
                nth,
                weekday,
            } => {
                out.push_str("FREQ=MONTHLY");
                interval_part(&mut out, *interval);
                let _ = write!(out, ";BYDAY={nth}{}", weekday.code());
            }
            Repeat::DailyWorkdays => out.push_str("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"),
        }
        match rule.end {
            End::Never => {}
            End::Until { date } => {
                let until = resolve_local(date.and_time(END_OF_DAY), tz).with_timezone(&Utc);
                let _ = write!(out, ";UNTIL={}", until.format("%Y%m%dT%H%M%SZ"));
            }
            End::Count { count } => {
                let _ = write!(out, ";COUNT={count}");
            }
        }
        out
    }

    /// Parses what [`Recurrence::to_rrule`] writes (the subset we support) back; anything else
    /// is an Invalid with key "error.invalid.rrule". Keys and values are case-insensitive, an
    /// "RRULE:" prefix, INTERVAL=1 and WKST=MO are tolerated.
    ///
    /// UNTIL maps to the local date whose end (midnight) is nearest to it. For what we write
    /// that is exactly the until date; the tolerance keeps stored rules readable when a tzdata
    /// update moves the zone's offset on that date by an hour or two. A date-only UNTIL
    /// (`20261231`) is read as that date.
    pub fn from_rrule(rrule: &str, tz: Tz) -> Result<Recurrence, Invalid> {
        let text = rrule.trim().to_ascii_uppercase();
        let text = text.strip_prefix("RRULE:").unwrap_or(&text);

        let mut freq = None;
        let mut interval = None;
        let mut by_day = None;
        let mut by_month_day = None;
        let mut until = None;
        let mut count = None;
        let mut wkst = None;
        for part in text.split(';').filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('=').ok_or_else(invalid_rrule)?;
            let slot_taken = match key {
                "FREQ" => freq.replace(value).is_some(),
                "INTERVAL" => interval.replace(value).is_some(),
                "BYDAY" => by_day.replace(value).is_some(),
                "BYMONTHDAY" => by_month_day.replace(value).is_some(),
                "UNTIL" => until.replace(value).is_some(),
                "COUNT" => count.replace(value).is_some(),
                "WKST" => wkst.replace(value).is_some(),
                _ => return Err(invalid_rrule()),
            };
            if slot_taken {
                return Err(invalid_rrule());
            }
        }

        // Another week start would change which weeks an INTERVAL>1 rule skips.
        if wkst.is_some_and(|w| w != "MO") {
            return Err(invalid_rrule());
        }
        let interval: u16 = match interval {
            None => 1,
            Some(v) => parse_digits(v).ok_or_else(invalid_rrule)?,
        };
        let by_day = by_day.map(parse_by_day).transpose()?;

        let repeat = match (freq, by_day, by_month_day) {
            (Some("WEEKLY"), Some(days), None) if !days.is_empty() => {
                let mut weekdays = Vec::with_capacity(days.len());
                for (nth, day) in days {
                    if nth.is_some() {
                        return Err(invalid_rrule());
                    }
                    weekdays.push(day);
                }
                Repeat::Weekly { interval, weekdays }
            }
            (Some("MONTHLY"), None, Some(day)) => Repeat::MonthlyOnDay {
                interval,
                day: parse_digits(day).ok_or_else(invalid_rrule)?,
            },
            (Some("MONTHLY"), Some(days), None) => match days.as_slice() {
                [(Some(nth), weekday)] => Repeat::MonthlyOnWeekday {
                    interval,
                    nth: *nth,
                    weekday: *weekday,
                },
                _ => return Err(invalid_rrule()),
            },
            (Some("DAILY"), Some(mut days), None) if interval == 1 => {
                days.sort_unstable();
                days.dedup();
                let workdays: Vec<_> = Weekday::ALL[..5].iter().map(|d| (None, *d)).collect();
                if days != workdays {
                    return Err(invalid_rrule());
                }
                Repeat::DailyWorkdays
            }
            _ => return Err(invalid_rrule()),
        };

        let end = match (until, count) {
            (None, None) => End::Never,
            (Some(until), None) => End::Until {
                date: parse_until(until, tz).ok_or_else(invalid_rrule)?,
            },
            (None, Some(count)) => End::Count {
                count: parse_digits(count).ok_or_else(invalid_rrule)?,
            },
            // RFC 5545: UNTIL and COUNT MUST NOT occur in the same rule.
            (Some(_), Some(_)) => return Err(invalid_rrule()),
        };

        let rule = Recurrence { repeat, end }.canonical();
        rule.validate_shape().map_err(|_| invalid_rrule())?;
        Ok(rule)
    }
}

/// Plain unsigned decimal digits, nothing else ("+3", " 3" and "" are refused).
fn parse_digits<T: std::str::FromStr>(value: &str) -> Option<T> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// "MO,WE" or "-1FR": weekdays with an optional ordinal.
fn parse_by_day(value: &str) -> Result<Vec<(Option<i8>, Weekday)>, Invalid> {
    value
        .split(',')
        .map(|item| {
            let split = item.len().checked_sub(2).ok_or_else(invalid_rrule)?;
            let (nth, code) = (item.get(..split), item.get(split..));
            let day = code
                .and_then(Weekday::from_code)
                .ok_or_else(invalid_rrule)?;
            let nth = match nth.ok_or_else(invalid_rrule)? {
                "" => None,
                n => {
                    let (negative, digits) = match n.strip_prefix('-') {
                        Some(rest) => (true, rest),
                        None => (false, n.strip_prefix('+').unwrap_or(n)),
                    };
                    let magnitude: i8 = parse_digits(digits).ok_or_else(invalid_rrule)?;
                    Some(if negative { -magnitude } else { magnitude })
                }
            };
            Ok((nth, day))
        })
        .collect()
}

/// UNTIL as a local date (see [`Recurrence::from_rrule`]).
fn parse_until(value: &str, tz: Tz) -> Option<NaiveDate> {
    if value.len() == 8 {
        return NaiveDate::parse_from_str(value, "%Y%m%d").ok();
    }
    let (text, utc) = match value.strip_suffix('Z') {
        Some(text) => (text, true),
        None => (value, false),
    };
    if text.len() != 15 {
        return None;
    }
    let parsed = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").ok()?;
    // Fifteen characters hold a four-digit year at most, far from chrono's limits.
    let local = if utc {
        Utc.from_utc_datetime(&parsed)
            .with_timezone(&tz)
            .naive_local()
    } else {
        parsed
    };
    // The date whose following midnight is nearest.
    let shifted = local.checked_add_signed(TimeDelta::hours(12))?;
    shifted.date().pred_opt()
}

/// Parses an IANA zone name ("Europe/Stockholm"); unknown → Invalid("timezone",
/// "error.invalid.timezone").
pub fn parse_tz(name: &str) -> Result<Tz, Invalid> {
    name.parse::<Tz>().map_err(|_| {
        // The name is echoed to the user; a pasted novel or control characters are not.
        let shown: String = name.chars().filter(|c| !c.is_control()).take(64).collect();
        Invalid::new("timezone", "error.invalid.timezone").with("value", shown)
    })
}

/// The instant for a local wall-clock time in `tz`: a time that does not exist (spring
/// forward) moves forward by the gap (02:30 on the Stockholm spring-forward night becomes
/// 03:30 CEST); an ambiguous one (fall back) takes the first (earlier) instant.
///
/// Times within two days of chrono's representable limits are clamped first, because
/// applying an offset there would overflow.
pub fn resolve_local(local: NaiveDateTime, tz: Tz) -> DateTime<Tz> {
    let local = clamp_representable(local);
    match tz.from_local_datetime(&local) {
        LocalResult::Single(dt) => dt,
        LocalResult::Ambiguous(a, b) => a.min(b),
        LocalResult::None => resolve_gap(local, tz),
    }
}

fn clamp_representable(local: NaiveDateTime) -> NaiveDateTime {
    let margin = TimeDelta::days(2);
    let lowest = NaiveDateTime::MIN
        .checked_add_signed(margin)
        .unwrap_or(NaiveDateTime::MIN);
    let highest = NaiveDateTime::MAX
        .checked_sub_signed(margin)
        .unwrap_or(NaiveDateTime::MAX);
    local.clamp(lowest, highest)
}

/// RFC 5545 §3.3.5: a local time in a gap "is interpreted using the UTC offset before the
/// gap", which is the same as moving it forward by the gap's length.
fn resolve_gap(local: NaiveDateTime, tz: Tz) -> DateTime<Tz> {
    // Step back a minute at a time to the last wall-clock time before the gap. Gaps are
    // usually an hour; the longest on record is a whole day (Pacific/Apia, 2011).
    for minutes in 1..=48 * 60 {
        let Some(probe) = local.checked_sub_signed(TimeDelta::minutes(minutes)) else {
            break;
        };
        if let Some(before) = tz.from_local_datetime(&probe).latest() {
            let offset = i64::from(before.offset().fix().local_minus_utc());
            if let Some(utc) = local.checked_sub_signed(TimeDelta::seconds(offset)) {
                return tz.from_utc_datetime(&utc);
            }
            break;
        }
    }
    // Unreachable for real zones; reading the time as UTC beats a panic.
    tz.from_utc_datetime(&local)
}

/// A local time as `rrule` should see it: labelled UTC, so it never applies DST.
#[cfg(test)]
fn floating(local: NaiveDateTime) -> DateTime<rrule::Tz> {
    rrule::Tz::UTC.from_utc_datetime(&local)
}

fn first_of_year(year: i32) -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(year, 1, 1).map(|d| d.and_time(NaiveTime::MIN))
}

/// The Monday of the week `date` falls in (weeks start on Monday, as in Sweden).
pub fn monday_of(date: NaiveDate) -> Option<NaiveDate> {
    date.checked_sub_signed(TimeDelta::days(
        date.weekday().num_days_from_monday().into(),
    ))
}

/// Months since year 0, so month differences are plain subtraction.
fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = first.and_then(|d| d.checked_add_months(Months::new(1)));
    match (first, next) {
        (Some(first), Some(next)) => u32::try_from((next - first).num_days()).unwrap_or(31),
        _ => 31,
    }
}

/// The wall-clock span `margin` wider on each side than [from, to) read as UTC, saturating at
/// the ends of time: where every local time that can resolve into [from, to) lies, for a
/// margin of two days or more.
pub fn widened(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    margin: TimeDelta,
) -> (NaiveDateTime, NaiveDateTime) {
    let lo = from
        .naive_utc()
        .checked_sub_signed(margin)
        .unwrap_or(NaiveDateTime::MIN);
    let hi = to
        .naive_utc()
        .checked_add_signed(margin)
        .unwrap_or(NaiveDateTime::MAX);
    (lo, hi)
}

impl Series {
    /// The start, whole seconds only: `rrule` works in seconds and would otherwise produce a
    /// first occurrence a fraction before the start, and drop it.
    fn start_seconds(&self) -> NaiveDateTime {
        self.start.with_nanosecond(0).unwrap_or(self.start)
    }

    /// Whether the engine can expand this series at all: a well-formed rule, a start in the
    /// supported years, and (for a day of month that not every month has) at least one
    /// month in the series that has it. Keeps the walk from stepping through ~100 000 periods
    /// without finding anything.
    fn expandable(&self) -> bool {
        let start = self.start_seconds();
        if !(MIN_YEAR..=MAX_YEAR).contains(&start.year())
            || self.recurrence.validate_shape().is_err()
        {
            return false;
        }
        match self.recurrence.repeat {
            Repeat::MonthlyOnDay { interval, day } if day > 28 => {
                // The Gregorian calendar repeats every 4800 months, so 4800 steps visit every
                // month this series will ever visit.
                let mut month = Some(start.date().with_day(1).unwrap_or(start.date()));
                for _ in 0..4800 {
                    let Some(m) = month.filter(|m| m.year() <= MAX_YEAR) else {
                        return false;
                    };
                    if days_in_month(m.year(), m.month()) >= u32::from(day) {
                        return true;
                    }
                    month = m.checked_add_months(Months::new(interval.into()));
                }
                false
            }
            _ => true,
        }
    }

    /// The rule for the `rrule` crate, which the tests hold the engine against, with every
    /// BYxxx part explicit so nothing is derived from DTSTART.
    #[cfg(test)]
    fn rrule(&self) -> rrule::RRule<rrule::Unvalidated> {
        use rrule::{Frequency, NWeekday, RRule};
        let every = |days: &[Weekday]| -> Vec<NWeekday> {
            days.iter().map(|d| NWeekday::Every((*d).into())).collect()
        };
        match &self.recurrence.repeat {
            Repeat::Weekly { interval, weekdays } => RRule::new(Frequency::Weekly)
                .interval(*interval)
                .by_weekday(every(weekdays)),
            Repeat::MonthlyOnDay { interval, day } => RRule::new(Frequency::Monthly)
                .interval(*interval)
                .by_month_day(vec![i8::try_from(*day).unwrap_or(i8::MAX)]),
            Repeat::MonthlyOnWeekday {
                interval,
                nth,
                weekday,
            } => RRule::new(Frequency::Monthly)
                .interval(*interval)
                .by_weekday(vec![NWeekday::Nth(i16::from(*nth), (*weekday).into())]),
            Repeat::DailyWorkdays => {
                RRule::new(Frequency::Daily).by_weekday(every(&Weekday::ALL[..5]))
            }
        }
    }

    /// Where to let `rrule` start so that it need not walk from a start years ago to `lo`:
    /// the beginning of the rule's period (its week or month) that contains `lo`, counted in
    /// whole INTERVALs from the start's period so the phase of INTERVAL>1 rules is kept.
    /// Every occurrence at or after `lo` is at or after the anchor. Only valid without COUNT.
    fn anchor(&self, start: NaiveDateTime, lo: NaiveDateTime) -> NaiveDateTime {
        if lo <= start {
            return start;
        }
        let date = match &self.recurrence.repeat {
            Repeat::Weekly { interval, .. } => {
                let (Some(week0), Some(week_lo)) = (monday_of(start.date()), monday_of(lo.date()))
                else {
                    return start;
                };
                let weeks = (week_lo - week0).num_days() / 7;
                let weeks = weeks - weeks.rem_euclid(i64::from(*interval));
                week0.checked_add_signed(TimeDelta::weeks(weeks))
            }
            Repeat::MonthlyOnDay { interval, .. } | Repeat::MonthlyOnWeekday { interval, .. } => {
                let months = month_index(lo.date()) - month_index(start.date());
                let months = months - months.rem_euclid(i64::from(*interval));
                let month0 = start.date().with_day(1);
                u32::try_from(months)
                    .ok()
                    .and_then(|m| month0?.checked_add_months(Months::new(m)))
            }
            Repeat::DailyWorkdays => Some(lo.date()),
        };
        date.map_or(start, |d| d.and_time(start.time()).max(start))
    }

    /// Hands `visit` every date the rule puts an occurrence on, in order, from the period
    /// (week or month, counted in whole INTERVALs from `first`'s) that holds `first`, until
    /// `visit` says stop or the periods pass `hi`. Periods are stepped, not searched: a weekly
    /// rule costs its weekdays per week, a monthly one a date computation per month.
    fn walk(&self, first: NaiveDate, hi: NaiveDateTime, mut visit: impl FnMut(NaiveDate) -> bool) {
        let past = |date: NaiveDate| date.and_time(NaiveTime::MIN) >= hi;
        match &self.recurrence.repeat {
            Repeat::Weekly { interval, weekdays } => {
                let mut offsets: Vec<u64> = weekdays
                    .iter()
                    .map(|d| u64::from(chrono::Weekday::from(*d).num_days_from_monday()))
                    .collect();
                offsets.sort_unstable();
                offsets.dedup();
                let step = TimeDelta::weeks(i64::from((*interval).max(1)));
                let mut monday = monday_of(first);
                while let Some(week) = monday.filter(|m| !offsets.is_empty() && !past(*m)) {
                    for &offset in &offsets {
                        match week.checked_add_days(Days::new(offset)) {
                            Some(date) if visit(date) => {}
                            _ => return,
                        }
                    }
                    monday = week.checked_add_signed(step);
                }
            }
            Repeat::DailyWorkdays => {
                let mut day = Some(first);
                while let Some(date) = day.filter(|d| !past(*d)) {
                    if date.weekday().num_days_from_monday() < 5 && !visit(date) {
                        return;
                    }
                    day = date.succ_opt();
                }
            }
            Repeat::MonthlyOnDay { interval, .. } | Repeat::MonthlyOnWeekday { interval, .. } => {
                let step = Months::new(u32::from((*interval).max(1)));
                let mut month = first.with_day(1);
                while let Some(m) = month.filter(|m| !past(*m)) {
                    if let Some(date) = self.day_in_month(m) {
                        if !visit(date) {
                            return;
                        }
                    }
                    month = m.checked_add_months(step);
                }
            }
        }
    }

    /// A monthly rule's date in the month that begins on `month`, if that month has one
    /// (no 31st in April, no fifth Monday in most months).
    fn day_in_month(&self, month: NaiveDate) -> Option<NaiveDate> {
        match &self.recurrence.repeat {
            Repeat::MonthlyOnDay { day, .. } => month.with_day(u32::from(*day)),
            Repeat::MonthlyOnWeekday { nth, weekday, .. } => {
                let wanted = chrono::Weekday::from(*weekday);
                if *nth > 0 {
                    let n = u8::try_from(*nth).ok()?;
                    NaiveDate::from_weekday_of_month_opt(month.year(), month.month(), wanted, n)
                } else {
                    let last = month.checked_add_months(Months::new(1))?.pred_opt()?;
                    let back = (7 + last.weekday().num_days_from_monday()
                        - wanted.num_days_from_monday())
                        % 7;
                    let weeks = u64::from(nth.unsigned_abs()).checked_sub(1)?;
                    let date = last.checked_sub_days(Days::new(u64::from(back) + 7 * weeks))?;
                    (date.month() == month.month()).then_some(date)
                }
            }
            Repeat::Weekly { .. } | Repeat::DailyWorkdays => None,
        }
    }

    /// The local starts (originals) the rule produces in [lo, hi), at most `limit` of them,
    /// in order. The one place that expands a rule.
    fn expand(&self, lo: NaiveDateTime, hi: NaiveDateTime, limit: usize) -> Vec<NaiveDateTime> {
        let mut out = Vec::new();
        if limit == 0 || !self.expandable() {
            return out;
        }
        let start = self.start_seconds();
        let mut hi = hi.min(first_of_year(MAX_YEAR + 1).unwrap_or(NaiveDateTime::MAX));
        if let End::Until { date } = self.recurrence.end {
            // Compared in local time: the whole until date is in, nothing after it.
            if let Some(after) = date.succ_opt() {
                hi = hi.min(after.and_time(NaiveTime::MIN));
            }
        }
        let lo = lo.max(start);
        if lo >= hi {
            return out;
        }
        // COUNT counts from the start, so only a rule without it may skip ahead.
        let (dt_start, mut remaining) = match self.recurrence.end {
            End::Count { count } => (start, Some(count)),
            _ => (self.anchor(start, lo), None),
        };
        let time = start.time();
        // Every candidate in order from the period holding `dt_start`; none before it (as
        // DTSTART in RFC 5545), none at or after `hi`.
        self.walk(dt_start.date(), hi, |date| {
            let local = date.and_time(time);
            if local < dt_start {
                return true;
            }
            if local >= hi || remaining == Some(0) {
                return false;
            }
            if let Some(r) = remaining.as_mut() {
                *r -= 1;
            }
            if local >= lo {
                out.push(local);
                if out.len() >= limit {
                    return false;
                }
            }
            true
        });
        out
    }

    /// The first occurrence on or after the series start: the UI's start date need not match
    /// the rule (a Tuesday start for a Monday rule), and RFC 5545 implementations disagree on
    /// whether such a DTSTART is an occurrence, so series are stored normalised to their first
    /// real occurrence, with weekdays sorted and unique. The rule's phase is kept (a
    /// fortnightly Monday rule started on a Tuesday moves to the Monday two weeks on). None if
    /// the rule yields nothing.
    pub fn normalized(&self) -> Option<Series> {
        let series = Series {
            start: self.start_seconds(),
            tz: self.tz,
            recurrence: self.recurrence.canonical(),
        };
        let first = *series.expand(series.start, NaiveDateTime::MAX, 1).first()?;
        Some(Series {
            start: first,
            ..series
        })
    }

    /// Occurrences whose resolved start lies in [from, to), in time order. Rules without COUNT
    /// skip ahead to the window, so the cost follows the window, not the series' age.
    pub fn occurrences_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
        if from >= to {
            return Vec::new();
        }
        // Local and UTC differ by less than a day in every zone (plus at most a day of gap),
        // so two days either side catch every local time that resolves into the window.
        let (lo, hi) = widened(from, to, TimeDelta::days(2));
        let mut occurrences: Vec<Occurrence> = self
            .expand(lo, hi, usize::MAX)
            .into_iter()
            .map(|original| Occurrence {
                original,
                start: resolve_local(original, self.tz),
            })
            .filter(|o| o.start >= from && o.start < to)
            .collect();
        // Already in order unless a zone skips a whole day onto the next occurrence.
        occurrences.sort_by_key(|o| (o.start, o.original));
        occurrences
    }

    /// Whether `original` is an occurrence the rule produces (used to validate ids sent by
    /// the UI).
    pub fn produces(&self, original: NaiveDateTime) -> bool {
        let Some(next) = original.checked_add_signed(TimeDelta::seconds(1)) else {
            return false;
        };
        self.expand(original, next, 1) == [original]
    }

    /// The last occurrence's original start, if the series ends (Until/Count); None for
    /// Never, and None if the rule yields nothing.
    pub fn last(&self) -> Option<NaiveDateTime> {
        match self.recurrence.end {
            End::Never => None,
            End::Count { count } => {
                let limit = usize::try_from(count).unwrap_or(usize::MAX);
                let all = self.expand(self.start_seconds(), NaiveDateTime::MAX, limit);
                all.last().copied()
            }
            End::Until { date } => {
                // Look back from the until date in growing windows: one period is usually
                // enough, and skipping ahead keeps each look cheap even for a long series.
                let end = date.succ_opt()?.and_time(NaiveTime::MIN);
                // Past the supported years nothing occurs; starting there keeps every look
                // cheap even for an until date in year 200 000.
                let end = end.min(first_of_year(MAX_YEAR + 1)?);
                let start = self.start_seconds();
                let mut span = TimeDelta::days(7 * (i64::from(self.period_weeks()) + 1));
                loop {
                    let lo = end
                        .checked_sub_signed(span)
                        .unwrap_or(NaiveDateTime::MIN)
                        .max(start);
                    if let Some(last) = self.expand(lo, end, usize::MAX).last() {
                        return Some(*last);
                    }
                    if lo <= start {
                        return None;
                    }
                    span = span.checked_mul(4)?;
                }
            }
        }
    }

    /// Roughly how many weeks one period of the rule spans.
    fn period_weeks(&self) -> u16 {
        match &self.recurrence.repeat {
            Repeat::Weekly { interval, .. } => *interval,
            // A month spans up to five weeks.
            Repeat::MonthlyOnDay { interval, .. } | Repeat::MonthlyOnWeekday { interval, .. } => {
                interval.saturating_mul(5)
            }
            Repeat::DailyWorkdays => 1,
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
