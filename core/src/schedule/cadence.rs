//! Rolling cadence: when a person's next check-in is due, counted from the last one held,
//! moved off days away, holidays and days off; and the same shape of rule for an idea
//! waiting for the manager's report back.
//!
//! The rule, in order (`status`):
//! 1. The regular due date: the last held check-in + cadence. Never held: the day the
//!    manager said, on adding the person, they last talked + cadence; without that, the
//!    person's first-week date (`spread::first_dues`: within a week of being added,
//!    staggered), not a whole cadence later.
//! 2. Welcome back: an away period that has begun by today and ends on or after the last
//!    time they talked replaces the due date with its return day (the day after it ends).
//!    So nobody is due while away, whatever was due before the leave is not "overdue" on
//!    return, and the return day always brings a check-in — earlier than the regular one
//!    if that lies further ahead.
//! 3. Never on a closed day: a due date on a holiday, the manager's own day off or a
//!    weekday the manager does not work moves to the next working day; one that lands
//!    inside an (upcoming) away period moves to its return day; repeated until it rests.
//!
//! "Overdue" counts calendar days from that moved due date (due Saturday → Monday; on
//! Tuesday it is one day overdue), and never while the person is away. "Days since" is
//! always the plain count from the last talk (held, told, or the day added): it is a fact
//! about the team, not about the calendar.

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::holidays::WorkingDays;
use crate::model::{Away, PersonId};

/// A person whose check-in is due (or overdue) on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueCheckIn {
    pub person_id: PersonId,
    pub name: String,
    pub cadence_days: u16,
    pub checkin_minutes: u16,
    /// The last held check-in, or the last talk the manager told of when adding the
    /// person; none if they never talked.
    pub last_held: Option<NaiveDate>,
    pub due_on: NaiveDate,
    /// Days since the last check-in (or since the person was added, if never held), as of
    /// the agenda's today: "16 days since the last check-in".
    pub days_since: i64,
    /// How many days past due as of today; 0 when due today or later, and while away.
    pub days_overdue: i64,
    /// Due because the person is back from an away period: "welcome back".
    pub welcome_back: bool,
    /// Set while the person is away today: the last day away. Nothing is due until then.
    pub away_until: Option<NaiveDate>,
    /// More check-ins fall due on `due_on` than the manager wants in a day: this later
    /// working day (at most `SPREAD_DAYS` after `due_on`) is proposed instead. A
    /// suggestion only: the due date and its reminder stay until a check-in is held.
    pub suggested_on: Option<NaiveDate>,
    /// The time booked for it, when the manager booked one (`schedule::booking::attach`).
    pub booked: Option<crate::model::Booked>,
    /// A 1:1 with them on the day it is due (today, when overdue): that meeting is the
    /// check-in, so the row names it instead of offering to book one, and the check-in's
    /// reminder gives way to the meeting's (`AgendaData::due_statuses`).
    pub one_on_one: Option<OneOnOneMeeting>,
}

/// A planned occurrence of a 1:1 series, as a due check-in names it: "1:1 Mon 30 Nov 10:00".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OneOnOneMeeting {
    /// The occurrence's id, as the day's list has it ("12@2026-11-30T10:00").
    pub occurrence_id: String,
    pub start: chrono::DateTime<chrono::Utc>,
}

/// The regular due date: last held (or last talked) + cadence; never: added + cadence.
pub fn due_on(last_held: Option<NaiveDate>, added_on: NaiveDate, cadence_days: u16) -> NaiveDate {
    let from = last_held.unwrap_or(added_on);
    from.checked_add_signed(Duration::days(cadence_days.into()))
        .unwrap_or(NaiveDate::MAX)
}

pub struct CadenceInput<'a> {
    pub person_id: PersonId,
    pub name: &'a str,
    pub cadence_days: u16,
    pub checkin_minutes: u16,
    pub added_on: NaiveDate,
    pub last_held: Option<NaiveDate>,
    /// When the manager, adding the person, said they last talked.
    pub last_talked: Option<NaiveDate>,
    /// Never talked to: the first-week due date `spread::first_dues` chose; none: added +
    /// cadence.
    pub first_due: Option<NaiveDate>,
    /// This person's away periods, in any order.
    pub away: &'a [&'a Away],
}

pub fn status(input: &CadenceInput<'_>, working: &WorkingDays<'_>, today: NaiveDate) -> DueCheckIn {
    let talked = input.last_held.or(input.last_talked);
    let since = talked.unwrap_or(input.added_on);
    let mut due = match (talked, input.first_due) {
        (Some(last), _) => due_on(Some(last), input.added_on, input.cadence_days),
        (None, Some(first)) => first,
        (None, None) => due_on(None, input.added_on, input.cadence_days),
    };
    let mut welcome_back = false;
    if let Some(leave) = input
        .away
        .iter()
        .filter(|a| a.from <= today && a.to >= since)
        .max_by_key(|a| a.to)
    {
        due = leave.return_day();
        welcome_back = true;
    }
    // Each round either rests or jumps past one away period, so this ends; the bound is
    // for a calendar with no working day, where `next_working_day` stays put.
    for _ in 0..=input.away.len() {
        let moved = working.next_working_day(due);
        match input.away.iter().find(|a| a.covers(moved)) {
            Some(leave) if leave.return_day() > moved => {
                due = leave.return_day();
                welcome_back = true;
            }
            _ => {
                due = moved;
                break;
            }
        }
    }
    let away_until = input
        .away
        .iter()
        .filter(|a| a.covers(today))
        .map(|a| a.to)
        .max();
    DueCheckIn {
        person_id: input.person_id,
        name: input.name.to_owned(),
        cadence_days: input.cadence_days,
        checkin_minutes: input.checkin_minutes,
        last_held: talked,
        due_on: due,
        days_since: (today - since).num_days().max(0),
        days_overdue: if away_until.is_some() {
            0
        } else {
            (today - due).num_days().max(0)
        },
        welcome_back,
        away_until,
        suggested_on: None,
        booked: None,
        one_on_one: None,
    }
}

/// When an idea suggested on `suggested_on` is due a report back (`wait_days` later), and
/// how many days it has waited by `today`; none while it is not yet due.
pub fn report_back_due(
    suggested_on: NaiveDate,
    wait_days: u16,
    today: NaiveDate,
) -> Option<(NaiveDate, i64)> {
    let due_on = suggested_on.checked_add_signed(Duration::days(wait_days.into()))?;
    (due_on <= today).then(|| (due_on, (today - suggested_on).num_days()))
}

#[cfg(test)]
mod tests;
