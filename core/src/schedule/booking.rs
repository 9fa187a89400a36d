//! Booking a check-in: the next free time for it, and where a booked check-in shows in the
//! agenda. Pure functions of (data, now).
//!
//! A free time (`next_free_slot`) starts on a quarter hour, no earlier than asked, on a
//! working day (a weekday the manager works, no holiday, no own day off) that the person is
//! not away, and lies wholly inside working hours; it overlaps no occurrence of Närvaro's
//! rhythms (as placed: moved ones where they went, skipped ones not at all) and no other
//! booking. Of those, the earliest.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;

use super::agenda::{placed, series_of, Agenda, Names};
use super::reminders::ReminderSettings;
use crate::model::{Away, Booked, Booking, MarkStatus, OccurrenceMark, Person, Rhythm, RhythmId};

/// Booked times start on the quarter hour.
pub const STEP_MINUTES: i64 = 15;

/// A span of time taken: [start, end).
pub type Busy = (DateTime<Utc>, DateTime<Utc>);

/// What decides whether a check-in of `minutes` can start at a moment.
pub struct SlotRules<'a> {
    /// Working days and hours, holidays and own days off.
    pub settings: &'a ReminderSettings,
    /// The manager's zone, in which working hours are read.
    pub tz: Tz,
    /// The person's away periods.
    pub away: &'a [&'a Away],
    /// Occurrences and other bookings, in any order.
    pub busy: &'a [Busy],
    pub minutes: u16,
}

impl SlotRules<'_> {
    fn length(&self) -> Duration {
        Duration::minutes(self.minutes.into())
    }

    /// The first busy span that overlaps a check-in starting at `at`, by latest end.
    fn clash(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let end = at + self.length();
        self.busy
            .iter()
            .filter(|(s, e)| *s < end && *e > at)
            .map(|(_, e)| *e)
            .max()
    }

    /// Inside working hours on a working day the person is not away, whatever is busy.
    pub fn in_hours(&self, at: DateTime<Utc>) -> bool {
        let local = at.with_timezone(&self.tz).naive_local();
        let end = (at + self.length()).with_timezone(&self.tz).naive_local();
        let day = local.date();
        self.settings.is_work_day(day)
            && !self.away.iter().any(|a| a.covers(day))
            && local.time() >= self.settings.work_start
            && end.date() == day
            && end.time() <= self.settings.work_end
    }

    /// A check-in can start at `at`: in hours, on the quarter hour, nothing busy.
    pub fn fits(&self, at: DateTime<Utc>) -> bool {
        on_quarter(at) && self.in_hours(at) && self.clash(at).is_none()
    }
}

fn on_quarter(at: DateTime<Utc>) -> bool {
    at.second() == 0 && at.nanosecond() == 0 && i64::from(at.minute()) % STEP_MINUTES == 0
}

/// `at`, or the next quarter hour after it. Quarter hours are the same in UTC and in every
/// zone in use today (offsets are whole quarters).
pub fn round_up(at: DateTime<Utc>) -> DateTime<Utc> {
    let step = STEP_MINUTES * 60;
    let secs = at.timestamp();
    let exact = at.timestamp_subsec_nanos() == 0 && secs.rem_euclid(step) == 0;
    if exact {
        return at;
    }
    let next = secs - secs.rem_euclid(step) + step;
    DateTime::from_timestamp(next, 0).unwrap_or(at)
}

/// The earliest start at or after `from` and before `until` where `rules` fit, on the
/// quarter hour; none in that span.
pub fn next_free_slot(
    rules: &SlotRules<'_>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let step = Duration::minutes(STEP_MINUTES);
    let tz = rules.tz;
    let mut day = from.with_timezone(&tz).date_naive();
    loop {
        let midnight = super::recurrence::resolve_local(day.and_time(chrono::NaiveTime::MIN), tz)
            .with_timezone(&Utc);
        if midnight >= until {
            return None;
        }
        let next_day = day.succ_opt()?;
        if rules.settings.is_work_day(day) && !rules.away.iter().any(|a| a.covers(day)) {
            let open = opening(rules, day);
            let close =
                super::recurrence::resolve_local(next_day.and_time(chrono::NaiveTime::MIN), tz)
                    .with_timezone(&Utc);
            let mut at = round_up(from.max(open));
            while at < until && at < close {
                if let Some(end) = rules.clash(at) {
                    // Every start before that end overlaps it too.
                    at = round_up(end.max(at + step));
                } else if rules.in_hours(at) {
                    return Some(at);
                } else {
                    at += step;
                }
            }
        }
        day = next_day;
    }
}

/// The first quarter hour of `day` whose wall-clock time is the start of working hours or
/// later. When that time does not exist (the clocks skip it), the first moment after the
/// skipped hour: 03:00 when 02:15 is missing, not 03:15 where `resolve_local` puts it.
fn opening(rules: &SlotRules<'_>, day: chrono::NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let wall = day.and_time(rules.settings.work_start);
    let mut open = super::recurrence::resolve_local(wall, rules.tz).with_timezone(&Utc);
    if rules.tz.from_local_datetime(&wall).earliest().is_none() {
        let step = Duration::minutes(STEP_MINUTES);
        loop {
            let earlier = (open - step).with_timezone(&rules.tz).naive_local();
            if earlier.date() != day || earlier.time() < rules.settings.work_start {
                break;
            }
            open -= step;
        }
    }
    open
}

/// The time Närvaro's rhythms take in [from, to): every occurrence as placed (moved ones
/// where they went), except skipped ones, of every rhythm that involves someone active.
pub fn rhythm_busy(
    rhythms: &[Rhythm],
    marks: &HashMap<(RhythmId, NaiveDateTime), OccurrenceMark>,
    names: &Names<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Busy> {
    // An occurrence that began before `from` may still be going on.
    let early = from - Duration::days(1);
    let mut out = Vec::new();
    for rhythm in rhythms.iter().filter(|r| names.involves_active(r)) {
        let Some(series) = series_of(rhythm) else {
            continue;
        };
        let length = Duration::minutes(rhythm.duration_minutes.into());
        for p in placed(rhythm, &series, marks, early, to) {
            if p.mark.is_some_and(|m| m.status == MarkStatus::Skipped) {
                continue;
            }
            let end = p.start + length;
            if end > from {
                out.push((p.start, end));
            }
        }
    }
    out
}

/// Marks each booked check-in in `agenda` with its booking, and lists each live booking of
/// an active person on the day it starts (in `local_tz`), in time order.
pub fn attach(
    agenda: &mut Agenda,
    bookings: &[Booking],
    people: &[Person],
    local_tz: Tz,
    now: DateTime<Utc>,
) {
    let names: HashMap<_, _> = people
        .iter()
        .filter(|p| p.is_active())
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let booked: HashMap<_, Booked> = bookings
        .iter()
        .filter(|b| b.is_live(now))
        .filter_map(|b| {
            let name = names.get(&b.person_id)?;
            Some((
                b.person_id,
                Booked {
                    person_id: b.person_id,
                    name: (*name).to_owned(),
                    start: b.start,
                    end: b.end(),
                    timezone: b.timezone.clone(),
                },
            ))
        })
        .collect();
    if booked.is_empty() {
        return;
    }
    let dues = agenda
        .overdue
        .iter_mut()
        .chain(agenda.away.iter_mut())
        .chain(agenda.days.iter_mut().flat_map(|d| d.checkins.iter_mut()));
    for due in dues {
        due.booked = booked.get(&due.person_id).cloned();
    }
    for b in booked.into_values() {
        let date = b.start.with_timezone(&local_tz).date_naive();
        if let Some(day) = agenda.days.iter_mut().find(|d| d.date == date) {
            day.booked.push(b);
        }
    }
    for day in &mut agenda.days {
        day.booked
            .sort_by(|a, b| a.start.cmp(&b.start).then(a.name.cmp(&b.name)));
    }
}

#[cfg(test)]
mod tests;
