use chrono::{NaiveTime, TimeZone};
use proptest::prelude::*;

use super::*;
use crate::model::recurrence::Weekday;
use crate::schedule::holidays::{ClosedDays, HolidayCalendar};
use crate::testing::{away, date, sthlm, sthlm_at};

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn settings(
    start: NaiveTime,
    end: NaiveTime,
    days: &[Weekday],
    closed: ClosedDays,
) -> ReminderSettings {
    ReminderSettings {
        work_days: days.to_vec(),
        work_start: start,
        work_end: end,
        closed,
        ..ReminderSettings::default()
    }
}

/// Every quarter hour from `from` (rounded up) to `until`, the first that fits.
fn brute_force(
    rules: &SlotRules<'_>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let mut at = round_up(from);
    while at < until {
        if rules.fits(at) {
            return Some(at);
        }
        at += Duration::minutes(STEP_MINUTES);
    }
    None
}

#[test]
fn rounds_up_to_the_quarter_hour() {
    let at = |h, m, s| Utc.with_ymd_and_hms(2026, 11, 27, h, m, s).unwrap();
    assert_eq!(round_up(at(8, 30, 0)), at(8, 30, 0));
    assert_eq!(round_up(at(8, 30, 1)), at(8, 45, 0));
    assert_eq!(round_up(at(8, 31, 0)), at(8, 45, 0));
    assert_eq!(
        round_up(at(23, 50, 0)),
        Utc.with_ymd_and_hms(2026, 11, 28, 0, 0, 0).unwrap()
    );
}

#[test]
fn the_first_free_quarter_after_a_meeting_on_a_working_day() {
    let s = settings(
        hm(8, 0),
        hm(17, 0),
        &Weekday::WORKDAYS,
        ClosedDays::default(),
    );
    // Friday 27 November 2026 09:37: a meeting 09:30–10:20, so 10:30; 20 minutes.
    let busy = [(
        sthlm_at(2026, 11, 27, 9, 30),
        sthlm_at(2026, 11, 27, 10, 20),
    )];
    let rules = SlotRules {
        settings: &s,
        tz: sthlm(),
        away: &[],
        busy: &busy,
        minutes: 20,
    };
    let from = sthlm_at(2026, 11, 27, 9, 37);
    let until = from + Duration::days(14);
    assert_eq!(
        next_free_slot(&rules, from, until),
        Some(sthlm_at(2026, 11, 27, 10, 30))
    );
    // At 16:50 nothing fits before 17:00: Monday morning (the weekend is no working day).
    let late = sthlm_at(2026, 11, 27, 16, 50);
    assert_eq!(
        next_free_slot(&rules, late, until),
        Some(sthlm_at(2026, 11, 30, 8, 0))
    );
}

#[test]
fn never_on_a_holiday_a_day_off_or_while_away() {
    let mut closed = ClosedDays {
        calendar: HolidayCalendar::Sweden,
        ..ClosedDays::default()
    };
    // Christmas Eve and Day are holidays; the manager is off on the 28th.
    closed.days_off.insert(date(2026, 12, 28));
    let s = settings(hm(8, 0), hm(17, 0), &Weekday::WORKDAYS, closed);
    // Away on the 29th.
    let gone = away(date(2026, 12, 29), date(2026, 12, 29));
    let periods = [&gone];
    let rules = SlotRules {
        settings: &s,
        tz: sthlm(),
        away: &periods,
        busy: &[],
        minutes: 30,
    };
    let from = sthlm_at(2026, 12, 23, 17, 0);
    let found = next_free_slot(&rules, from, from + Duration::days(30));
    // 24, 25 holidays (Thu, Fri), 26–27 weekend, 28 off, 29 away: Wednesday the 30th.
    assert_eq!(found, Some(sthlm_at(2026, 12, 30, 8, 0)));
}

/// The week the clocks go forward (Sunday 29 March 2026) and the week they go back (25
/// October 2026): working hours are local, so 09:00 is 08:00Z before and 07:00Z after the
/// spring change.
#[test]
fn working_hours_are_local_across_a_dst_week() {
    let s = settings(
        hm(9, 0),
        hm(17, 0),
        &Weekday::WORKDAYS,
        ClosedDays::default(),
    );
    let rules = SlotRules {
        settings: &s,
        tz: sthlm(),
        away: &[],
        busy: &[],
        minutes: 45,
    };
    let friday = sthlm_at(2026, 3, 27, 17, 0);
    let found = next_free_slot(&rules, friday, friday + Duration::days(7)).unwrap();
    assert_eq!(found, Utc.with_ymd_and_hms(2026, 3, 30, 7, 0, 0).unwrap());
    let friday = sthlm_at(2026, 10, 23, 17, 0);
    let found = next_free_slot(&rules, friday, friday + Duration::days(7)).unwrap();
    assert_eq!(found, Utc.with_ymd_and_hms(2026, 10, 26, 8, 0, 0).unwrap());

    // Working through the night of the change: a slot that would start in the missing hour
    // starts after it, and lengths are real minutes.
    let s = settings(hm(1, 0), hm(5, 0), &[Weekday::Sun], ClosedDays::default());
    let busy = [(sthlm_at(2026, 3, 29, 1, 0), sthlm_at(2026, 3, 29, 1, 45))];
    let rules = SlotRules {
        settings: &s,
        tz: sthlm(),
        away: &[],
        busy: &busy,
        minutes: 30,
    };
    let from = sthlm_at(2026, 3, 29, 0, 0);
    let found = next_free_slot(&rules, from, from + Duration::days(1)).unwrap();
    // 01:45 CET is 00:45Z; it ends at 03:15 CEST, inside the hours.
    assert_eq!(found, Utc.with_ymd_and_hms(2026, 3, 29, 0, 45, 0).unwrap());
    assert_eq!(
        brute_force(&rules, from, from + Duration::days(1)),
        Some(found)
    );
}

#[test]
fn nothing_when_no_day_is_a_working_day() {
    let s = settings(hm(8, 0), hm(17, 0), &[], ClosedDays::default());
    let rules = SlotRules {
        settings: &s,
        tz: sthlm(),
        away: &[],
        busy: &[],
        minutes: 20,
    };
    let from = sthlm_at(2026, 11, 27, 9, 0);
    assert_eq!(
        next_free_slot(&rules, from, from + Duration::days(60)),
        None
    );
}

fn weekdays() -> impl Strategy<Value = Vec<Weekday>> {
    proptest::sample::subsequence(Weekday::ALL.to_vec(), 1..=7)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Against brute force over small inputs, around both DST changes of 2026: the slot
    /// found never overlaps an occurrence or booking, lies inside working hours on a working
    /// day that is not closed and the person is not away, and is the earliest such.
    #[test]
    fn the_slot_is_the_earliest_that_fits(
        spring in any::<bool>(),
        offset_minutes in 0i64..(6 * 24 * 60),
        start_q in 0u32..(16 * 4),
        hours_q in 1u32..(12 * 4),
        days in weekdays(),
        off in proptest::collection::vec(0i64..12, 0..3),
        away_at in proptest::option::of((0i64..10, 0i64..3)),
        busy in proptest::collection::vec((0i64..(8 * 24 * 4), 1i64..(4 * 60)), 0..12),
        minutes in 5u16..150,
    ) {
        let base = if spring { sthlm_at(2026, 3, 25, 0, 0) } else { sthlm_at(2026, 10, 21, 0, 0) };
        let base_day = base.with_timezone(&sthlm()).date_naive();
        let from = base + Duration::minutes(offset_minutes);
        let until = base + Duration::days(9);
        let start = hm(start_q / 4, start_q % 4 * 15);
        let end_q = (start_q + hours_q).min(24 * 4 - 1);
        let end = hm(end_q / 4, end_q % 4 * 15);
        let closed = ClosedDays {
            calendar: HolidayCalendar::None,
            days_off: off.iter().map(|d| base_day + Duration::days(*d)).collect(),
        };
        let s = settings(start, end, &days, closed);
        let gone = away_at.map(|(at, len)| away(base_day + Duration::days(at), base_day + Duration::days(at + len)));
        let periods: Vec<&Away> = gone.iter().collect();
        let busy: Vec<Busy> = busy
            .iter()
            .map(|(q, len)| {
                let s = base + Duration::minutes(q * 15 + q % 7);
                (s, s + Duration::minutes(*len))
            })
            .collect();
        let rules = SlotRules { settings: &s, tz: sthlm(), away: &periods, busy: &busy, minutes };
        let found = next_free_slot(&rules, from, until);
        prop_assert_eq!(found, brute_force(&rules, from, until));
        if let Some(at) = found {
            let end_at = at + Duration::minutes(minutes.into());
            prop_assert!(at >= from && at < until);
            for (s, e) in &busy {
                prop_assert!(*e <= at || *s >= end_at, "{at} overlaps {s}–{e}");
            }
            let local = at.with_timezone(&sthlm()).naive_local();
            let local_end = end_at.with_timezone(&sthlm()).naive_local();
            prop_assert!(s.is_work_day(local.date()));
            prop_assert!(!periods.iter().any(|a| a.covers(local.date())));
            prop_assert!(local.time() >= start && local_end.date() == local.date() && local_end.time() <= end);
        }
    }
}
