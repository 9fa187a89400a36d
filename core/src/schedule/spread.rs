//! Keeping the manager's days humane: "at most N check-ins a day".
//!
//! Two rules live here:
//! - **First check-ins.** Someone just added, with no last talk given, is due within their
//!   first week — not a whole cadence later, so Today never calls a team "heard" while it
//!   holds someone never met. People added on the same day are staggered over the working
//!   days of that week, in the order they were added, round robin (ten people on a
//!   Monday: two a day), and never later than added + cadence. The week holds at most N of
//!   them a day: a team imported at once (35 people, three a day) fills the first week's
//!   days to N and goes on, N a day, over the working days after it.
//! - **Spreading.** When more than N check-ins fall due on one day, the ones beyond N are
//!   *proposed* for a later working day with room, at most `SPREAD_DAYS` after their due
//!   date, never on a day the person is away. Whoever has waited longest keeps the day
//!   (welcome-backs first). It is a suggestion shown beside the due rows — "Spread: Lars
//!   on Tue, Anna on Wed" — and changes nothing: due dates, "overdue" and reminders stay
//!   as the cadence says. A manager sees where there is room and books accordingly; no
//!   hidden state moves people around behind their back.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::cadence::DueCheckIn;
use super::holidays::WorkingDays;
use crate::model::{Away, PersonId};

/// A proposal never moves a check-in more than this many days past its due date.
pub const SPREAD_DAYS: i64 = 3;
/// The first check-in falls within this many days of being added.
pub const FIRST_WEEK_DAYS: i64 = 7;
/// "At most N check-ins a day" unless the manager sets it.
pub const DEFAULT_MAX_PER_DAY: u16 = 3;
pub const MAX_PER_DAY: std::ops::RangeInclusive<i64> = 1..=50;

/// One proposed move: "Lars Persson: Tue 1 Dec instead of Mon 30 Nov".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpreadMove {
    pub person_id: PersonId,
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Someone who may need a first-week date: never held, no last talk given.
#[derive(Debug, Clone, Copy)]
pub struct Newcomer {
    pub person_id: PersonId,
    pub added_on: NaiveDate,
    pub cadence_days: u16,
}

/// The first-week due dates of `newcomers` (see the module's doc). `added_together` counts,
/// per day, everyone added that day before each newcomer — passed in as the newcomer's
/// position — so a later check-in with someone else, or someone added later the same day,
/// never shifts anyone's date. `max_per_day` caps how many positions share a day.
pub fn first_dues(
    newcomers: &[(Newcomer, usize)],
    working: &WorkingDays<'_>,
    max_per_day: u16,
) -> HashMap<PersonId, NaiveDate> {
    let cap = usize::from(max_per_day.max(1));
    let mut weeks: HashMap<NaiveDate, FirstDays> = HashMap::new();
    newcomers
        .iter()
        .map(|(n, position)| {
            let by_cadence = n
                .added_on
                .checked_add_signed(Duration::days(n.cadence_days.into()))
                .unwrap_or(n.added_on);
            let days = weeks
                .entry(n.added_on)
                .or_insert_with(|| FirstDays::new(working, n.added_on));
            let week = days.week;
            let slot = if week == 0 {
                Some(by_cadence)
            } else if *position < week * cap {
                // Round robin over the first week: the first `week` people one a day, and
                // so on, so a small team is spread evenly rather than piled on its first days.
                days.nth(working, position % week)
            } else {
                // The week is full: the rest follow, `cap` a day, on the working days after it.
                days.nth(working, week + (position - week * cap) / cap)
            };
            (n.person_id, slot.unwrap_or(by_cadence).min(by_cadence))
        })
        .collect()
}

/// The working days after one day of adding people, found as far as they are asked for.
struct FirstDays {
    added_on: NaiveDate,
    /// How many of `days` lie in the first week.
    week: usize,
    days: Vec<NaiveDate>,
}

impl FirstDays {
    fn new(working: &WorkingDays<'_>, added_on: NaiveDate) -> Self {
        let days = working.working_days_after(added_on, FIRST_WEEK_DAYS);
        Self {
            added_on,
            week: days.len(),
            days,
        }
    }

    /// The `n`th working day after the day of adding (0: the first); none when the calendar
    /// has no further working day within `next_working_day`'s reach.
    fn nth(&mut self, working: &WorkingDays<'_>, n: usize) -> Option<NaiveDate> {
        let mut from = self.days.last().copied().unwrap_or(self.added_on);
        while self.days.len() <= n {
            let day = working.next_working_day(from.succ_opt()?);
            if !working.is_working_day(day) {
                return None;
            }
            self.days.push(day);
            from = day;
        }
        self.days.get(n).copied()
    }
}

/// Proposes later days for the check-ins beyond `max_per_day` on each of `days` (the
/// agenda's days from today on). `all` is every due check-in (for the load of days outside
/// the window); `away` each person's periods. Sets `suggested_on` on the moved entries of
/// `per_day` and returns the moves in day order.
pub fn spread(
    per_day: &mut [(NaiveDate, &mut Vec<DueCheckIn>)],
    all: &[NaiveDate],
    away: &HashMap<PersonId, Vec<&Away>>,
    working: &WorkingDays<'_>,
    max_per_day: u16,
) -> Vec<SpreadMove> {
    let cap = usize::from(max_per_day.max(1));
    let mut load: HashMap<NaiveDate, usize> = HashMap::new();
    for d in all {
        *load.entry(*d).or_default() += 1;
    }
    let mut moves = Vec::new();
    for (date, due) in per_day.iter_mut() {
        if due.len() <= cap {
            continue;
        }
        let mut order: Vec<usize> = (0..due.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&due[a], &due[b]);
            b.welcome_back
                .cmp(&a.welcome_back)
                .then(b.days_since.cmp(&a.days_since))
                .then(a.name.cmp(&b.name))
        });
        for &i in order.iter().skip(cap) {
            let entry = &mut due[i];
            let periods = away.get(&entry.person_id);
            let target = (1..=SPREAD_DAYS)
                .filter_map(|k| date.checked_add_signed(Duration::days(k)))
                .find(|d| {
                    working.is_working_day(*d)
                        && load.get(d).copied().unwrap_or(0) < cap
                        && !periods.is_some_and(|p| p.iter().any(|a| a.covers(*d)))
                });
            if let Some(to) = target {
                *load.entry(to).or_default() += 1;
                if let Some(n) = load.get_mut(date) {
                    *n = n.saturating_sub(1);
                }
                entry.suggested_on = Some(to);
                moves.push(SpreadMove {
                    person_id: entry.person_id,
                    name: entry.name.clone(),
                    from: *date,
                    to,
                });
            }
        }
    }
    moves
}

#[cfg(test)]
mod tests;
