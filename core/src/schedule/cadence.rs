//! Rolling cadence: when a person's next check-in is due, counted from the last one held;
//! and the same shape of rule for an idea waiting for the manager's report back.

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::model::PersonId;

/// A person whose check-in is due (or overdue) on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueCheckIn {
    pub person_id: PersonId,
    pub name: String,
    pub cadence_days: u16,
    pub checkin_minutes: u16,
    /// The last held check-in; none if there never was one.
    pub last_held: Option<NaiveDate>,
    pub due_on: NaiveDate,
    /// Days since the last check-in (or since the person was added, if never held), as of
    /// the agenda's today: "16 days since the last check-in".
    pub days_since: i64,
    /// How many days past due as of today; 0 when due today or later.
    pub days_overdue: i64,
}

/// Due = last held + cadence; never held: added + cadence. Holding any check-in resets it.
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
}

pub fn status(input: &CadenceInput<'_>, today: NaiveDate) -> DueCheckIn {
    let due = due_on(input.last_held, input.added_on, input.cadence_days);
    let since = input.last_held.unwrap_or(input.added_on);
    DueCheckIn {
        person_id: input.person_id,
        name: input.name.to_owned(),
        cadence_days: input.cadence_days,
        checkin_minutes: input.checkin_minutes,
        last_held: input.last_held,
        due_on: due,
        days_since: (today - since).num_days().max(0),
        days_overdue: (today - due).num_days().max(0),
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn input(last: Option<NaiveDate>) -> CadenceInput<'static> {
        CadenceInput {
            person_id: 1,
            name: "Anna",
            cadence_days: 14,
            checkin_minutes: 20,
            added_on: d(2026, 11, 1),
            last_held: last,
        }
    }

    #[test]
    fn never_held_counts_from_when_the_person_was_added() {
        let s = status(&input(None), d(2026, 11, 17));
        assert_eq!(s.due_on, d(2026, 11, 15));
        assert_eq!((s.days_since, s.days_overdue), (16, 2));
    }

    #[test]
    fn holding_a_check_in_resets_the_cadence() {
        let s = status(&input(Some(d(2026, 11, 16))), d(2026, 11, 17));
        assert_eq!(s.due_on, d(2026, 11, 30));
        assert_eq!((s.days_since, s.days_overdue), (1, 0));
    }

    proptest! {
        #[test]
        fn due_is_never_before_the_last_check_in_and_exactly_cadence_after(
            last in 0i64..4000, cadence in 1u16..=365, today in 0i64..4000
        ) {
            let base = d(2024, 1, 1);
            let last = base + Duration::days(last);
            let today = base + Duration::days(today);
            let s = status(&CadenceInput { cadence_days: cadence, last_held: Some(last), ..input(None) }, today);
            prop_assert_eq!((s.due_on - last).num_days(), i64::from(cadence));
            prop_assert_eq!(s.days_overdue > 0, today > s.due_on);
        }
    }
}
