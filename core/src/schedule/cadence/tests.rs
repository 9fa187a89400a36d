use super::*;
use crate::model::recurrence::Weekday;
use crate::schedule::holidays::{ClosedDays, HolidayCalendar};
use crate::testing::away;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const WEEK: [Weekday; 5] = Weekday::WORKDAYS;

/// Every day a working day: the plain cadence, as before calendars.
fn open() -> ClosedDays {
    ClosedDays {
        calendar: HolidayCalendar::None,
        ..ClosedDays::default()
    }
}

fn input<'a>(last: Option<NaiveDate>, away: &'a [&'a Away]) -> CadenceInput<'a> {
    CadenceInput {
        person_id: 1,
        name: "Anna",
        cadence_days: 14,
        checkin_minutes: 20,
        added_on: d(2026, 11, 1),
        last_held: last,
        last_talked: None,
        first_due: None,
        away,
    }
}

#[test]
fn never_held_counts_from_when_the_person_was_added() {
    let closed = open();
    let all = WorkingDays {
        weekdays: &Weekday::ALL,
        closed: &closed,
    };
    let s = status(&input(None, &[]), &all, d(2026, 11, 17));
    assert_eq!(s.due_on, d(2026, 11, 15));
    assert_eq!((s.days_since, s.days_overdue), (16, 2));
}

#[test]
fn holding_a_check_in_resets_the_cadence() {
    let closed = open();
    let all = WorkingDays {
        weekdays: &Weekday::ALL,
        closed: &closed,
    };
    let s = status(&input(Some(d(2026, 11, 16)), &[]), &all, d(2026, 11, 17));
    assert_eq!(s.due_on, d(2026, 11, 30));
    assert_eq!((s.days_since, s.days_overdue), (1, 0));
}

#[test]
fn a_due_day_on_a_weekend_or_holiday_moves_to_the_next_working_day() {
    let closed = ClosedDays::default();
    let working = WorkingDays {
        weekdays: &WEEK,
        closed: &closed,
    };
    // Last held Thu 10 Dec 2026 + 14 = Thu 24 Dec (julafton) → Mon 28 Dec.
    let s = status(
        &input(Some(d(2026, 12, 10)), &[]),
        &working,
        d(2026, 12, 29),
    );
    assert_eq!(s.due_on, d(2026, 12, 28));
    // Overdue counts from the moved day, days since from the last talk.
    assert_eq!((s.days_overdue, s.days_since), (1, 19));
    // Sunday 5 April 2026 is påskdagen, Monday annandag påsk: Tuesday.
    let s = status(&input(Some(d(2026, 3, 22)), &[]), &working, d(2026, 3, 30));
    assert_eq!(s.due_on, d(2026, 4, 7));
}

#[test]
fn nothing_is_due_while_away_and_the_return_day_brings_a_welcome_back() {
    let closed = ClosedDays::default();
    let working = WorkingDays {
        weekdays: &WEEK,
        closed: &closed,
    };
    // Due Mon 1 June 2026; parental leave from 10 June to 30 August (a Sunday).
    let leave = away(d(2026, 6, 10), d(2026, 8, 30));
    let periods = [&leave];
    let last = Some(d(2026, 5, 18));
    // Before the leave: overdue as usual.
    let before = status(&input(last, &periods), &working, d(2026, 6, 5));
    assert_eq!((before.due_on, before.days_overdue), (d(2026, 6, 1), 4));
    assert!(!before.welcome_back && before.away_until.is_none());
    // During it: not due, not overdue; due on the return day.
    let during = status(&input(last, &periods), &working, d(2026, 7, 1));
    assert_eq!(during.away_until, Some(d(2026, 8, 30)));
    assert_eq!((during.due_on, during.days_overdue), (d(2026, 8, 31), 0));
    assert!(during.welcome_back);
    // On return: due today, not overdue.
    let back = status(&input(last, &periods), &working, d(2026, 8, 31));
    assert_eq!(
        (back.due_on, back.days_overdue, back.away_until),
        (d(2026, 8, 31), 0, None)
    );
    // A check-in held on return ends it: the cadence runs from there.
    let held = status(
        &input(Some(d(2026, 8, 31)), &periods),
        &working,
        d(2026, 9, 1),
    );
    assert_eq!(held.due_on, d(2026, 9, 14));
    assert!(!held.welcome_back);
}

#[test]
fn a_due_day_inside_an_upcoming_leave_moves_to_its_return() {
    let closed = ClosedDays::default();
    let working = WorkingDays {
        weekdays: &WEEK,
        closed: &closed,
    };
    let leave = away(d(2026, 6, 10), d(2026, 6, 20));
    let periods = [&leave];
    // Due Fri 12 June, seen on 1 June: the leave has not begun, the due date moves anyway.
    let s = status(
        &input(Some(d(2026, 5, 29)), &periods),
        &working,
        d(2026, 6, 1),
    );
    // Back Sunday 21 June → Monday 22 June.
    assert_eq!(s.due_on, d(2026, 6, 22));
    assert!(s.welcome_back && s.away_until.is_none());
}

#[test]
fn a_leave_spanning_christmas_returns_after_the_holidays() {
    let closed = ClosedDays::default();
    let working = WorkingDays {
        weekdays: &WEEK,
        closed: &closed,
    };
    // Sick leave 14–23 December 2026: back on julafton, which is closed, then juldagen,
    // annandag jul (Saturday), Sunday: Monday 28 December.
    let leave = away(d(2026, 12, 14), d(2026, 12, 23));
    let periods = [&leave];
    let s = status(
        &input(Some(d(2026, 12, 7)), &periods),
        &working,
        d(2026, 12, 15),
    );
    assert_eq!(
        (s.due_on, s.away_until),
        (d(2026, 12, 28), Some(d(2026, 12, 23)))
    );
    // Two leaves back to back across the holidays, with a day off of the manager's own.
    let mut own = ClosedDays::default();
    own.days_off.insert(d(2026, 12, 28));
    let working = WorkingDays {
        weekdays: &WEEK,
        closed: &own,
    };
    let second = Away {
        id: 2,
        ..away(d(2026, 12, 29), d(2027, 1, 5))
    };
    let periods = [&leave, &second];
    let s = status(
        &input(Some(d(2026, 12, 7)), &periods),
        &working,
        d(2026, 12, 15),
    );
    // 28th is the manager's day off, 29 Dec – 5 Jan away, 6 Jan trettondedag jul: Thu 7 Jan.
    assert_eq!(s.due_on, d(2027, 1, 7));
}

#[test]
fn a_last_talk_counts_like_a_held_check_in_and_a_first_week_date_is_used_otherwise() {
    let closed = open();
    let all = WorkingDays {
        weekdays: &Weekday::ALL,
        closed: &closed,
    };
    let told = CadenceInput {
        last_talked: Some(d(2026, 10, 20)),
        ..input(None, &[])
    };
    let s = status(&told, &all, d(2026, 11, 2));
    assert_eq!(
        (s.due_on, s.days_since, s.last_held),
        (d(2026, 11, 3), 13, Some(d(2026, 10, 20)))
    );
    let first = CadenceInput {
        first_due: Some(d(2026, 11, 4)),
        ..input(None, &[])
    };
    let s = status(&first, &all, d(2026, 11, 2));
    assert_eq!(
        (s.due_on, s.days_since, s.last_held),
        (d(2026, 11, 4), 1, None)
    );
}

fn closed_days() -> impl Strategy<Value = ClosedDays> {
    (
        prop_oneof![Just(HolidayCalendar::Sweden), Just(HolidayCalendar::None)],
        prop::collection::btree_set(0i64..4500, 0..40),
    )
        .prop_map(|(calendar, offs)| ClosedDays {
            calendar,
            days_off: offs
                .into_iter()
                .map(|o| d(2024, 1, 1) + Duration::days(o))
                .collect(),
        })
}

fn weekdays() -> impl Strategy<Value = Vec<Weekday>> {
    prop::sample::subsequence(Weekday::ALL.to_vec(), 1..=7)
}

fn periods() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((0i64..4500, 0i64..200), 0..5)
}

proptest! {
    /// Over 2024–2036: a due date is never on a closed day nor inside an away period, never
    /// before the regular date unless a leave pulled it to a return day, nothing is overdue
    /// while away, and the day someone returns is never overdue.
    #[test]
    fn a_due_date_rests_on_a_working_day_outside_any_leave(
        last in 0i64..4400, cadence in 1u16..=365, today in 0i64..4500,
        closed in closed_days(), weekdays in weekdays(), spans in periods(),
    ) {
        let base = d(2024, 1, 1);
        let mut list: Vec<Away> = Vec::new();
        for (i, (from, len)) in spans.iter().enumerate() {
            let a = Away { id: i as i64 + 1, ..away(base + Duration::days(*from), base + Duration::days(from + len)) };
            // The service refuses overlaps; so does this generator.
            if list.iter().all(|b| b.to < a.from || b.from > a.to) {
                list.push(a);
            }
        }
        let refs: Vec<&Away> = list.iter().collect();
        let working = WorkingDays { weekdays: &weekdays, closed: &closed };
        let last = base + Duration::days(last);
        let today = base + Duration::days(today);
        let s = status(&CadenceInput { cadence_days: cadence, ..input(Some(last), &refs) }, &working, today);
        prop_assert!(working.is_working_day(s.due_on), "{} closed", s.due_on);
        prop_assert!(!list.iter().any(|a| a.covers(s.due_on)), "{} inside a leave", s.due_on);
        let regular = last + Duration::days(cadence.into());
        prop_assert!(s.due_on >= regular || s.welcome_back);
        if let Some(until) = s.away_until {
            prop_assert_eq!(s.days_overdue, 0);
            prop_assert!(s.due_on > until && until >= today);
        }
        if list.iter().any(|a| a.return_day() == today && a.to >= last) {
            prop_assert_eq!(s.days_overdue, 0);
        }
        prop_assert_eq!(s.days_overdue > 0, today > s.due_on && s.away_until.is_none());
    }
}
