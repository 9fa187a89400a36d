use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Sweden's public holidays and customary days off, 2024–2035, as the almanac publishes
/// them (month-day): nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk,
/// första maj, Kristi himmelsfärdsdag, pingstdagen, nationaldagen, midsommarafton,
/// midsommardagen, alla helgons dag, julafton, juldagen, annandag jul, nyårsafton.
#[rustfmt::skip]
const SWEDEN: &[(i32, [&str; 16])] = &[
        (2024, ["01-01", "01-06", "03-29", "03-31", "04-01", "05-01", "05-09", "05-19", "06-06", "06-21", "06-22", "11-02", "12-24", "12-25", "12-26", "12-31"]),
        (2025, ["01-01", "01-06", "04-18", "04-20", "04-21", "05-01", "05-29", "06-06", "06-08", "06-20", "06-21", "11-01", "12-24", "12-25", "12-26", "12-31"]),
        (2026, ["01-01", "01-06", "04-03", "04-05", "04-06", "05-01", "05-14", "05-24", "06-06", "06-19", "06-20", "10-31", "12-24", "12-25", "12-26", "12-31"]),
        (2027, ["01-01", "01-06", "03-26", "03-28", "03-29", "05-01", "05-06", "05-16", "06-06", "06-25", "06-26", "11-06", "12-24", "12-25", "12-26", "12-31"]),
        (2028, ["01-01", "01-06", "04-14", "04-16", "04-17", "05-01", "05-25", "06-04", "06-06", "06-23", "06-24", "11-04", "12-24", "12-25", "12-26", "12-31"]),
        (2029, ["01-01", "01-06", "03-30", "04-01", "04-02", "05-01", "05-10", "05-20", "06-06", "06-22", "06-23", "11-03", "12-24", "12-25", "12-26", "12-31"]),
        (2030, ["01-01", "01-06", "04-19", "04-21", "04-22", "05-01", "05-30", "06-06", "06-09", "06-21", "06-22", "11-02", "12-24", "12-25", "12-26", "12-31"]),
        (2031, ["01-01", "01-06", "04-11", "04-13", "04-14", "05-01", "05-22", "06-01", "06-06", "06-20", "06-21", "11-01", "12-24", "12-25", "12-26", "12-31"]),
        (2032, ["01-01", "01-06", "03-26", "03-28", "03-29", "05-01", "05-06", "05-16", "06-06", "06-25", "06-26", "11-06", "12-24", "12-25", "12-26", "12-31"]),
        (2033, ["01-01", "01-06", "04-15", "04-17", "04-18", "05-01", "05-26", "06-05", "06-06", "06-24", "06-25", "11-05", "12-24", "12-25", "12-26", "12-31"]),
        (2034, ["01-01", "01-06", "04-07", "04-09", "04-10", "05-01", "05-18", "05-28", "06-06", "06-23", "06-24", "11-04", "12-24", "12-25", "12-26", "12-31"]),
        (2035, ["01-01", "01-06", "03-23", "03-25", "03-26", "05-01", "05-03", "05-13", "06-06", "06-22", "06-23", "11-03", "12-24", "12-25", "12-26", "12-31"]),
];

#[test]
fn swedish_holidays_2024_to_2035_match_the_published_table() {
    for (year, dates) in SWEDEN {
        let listed: Vec<String> = HolidayCalendar::Sweden
            .holidays_in(*year)
            .iter()
            .map(|h| h.date.format("%m-%d").to_string())
            .collect();
        assert_eq!(listed, dates.to_vec(), "{year}");
        // And the day-by-day test agrees with the list, for every day of the year.
        let mut day = d(*year, 1, 1);
        while day.year() == *year {
            let expected = dates.contains(&day.format("%m-%d").to_string().as_str());
            assert_eq!(HolidayCalendar::Sweden.is_holiday(day), expected, "{day}");
            day = day.succ_opt().unwrap();
        }
    }
}

#[test]
fn easter_sunday_matches_the_published_dates() {
    let published = [
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2028, 4, 16),
        (2029, 4, 1),
        (2030, 4, 21),
        (2031, 4, 13),
        (2032, 3, 28),
        (2033, 4, 17),
        (2034, 4, 9),
        (2035, 3, 25),
    ];
    for (y, m, day) in published {
        assert_eq!(easter_sunday(y), Some(d(y, m, day)));
    }
}

#[test]
fn no_calendar_has_no_holidays_and_codes_round_trip() {
    assert!(HolidayCalendar::None.holidays_in(2026).is_empty());
    assert!(!HolidayCalendar::None.is_holiday(d(2026, 12, 24)));
    for c in HolidayCalendar::ALL {
        assert_eq!(HolidayCalendar::from_code(c.code()), Some(c));
    }
    assert_eq!(HolidayCalendar::from_code("norway"), None);
}

#[test]
fn a_due_day_in_the_christmas_week_moves_past_holidays_weekend_and_own_days_off() {
    let weekdays = Weekday::WORKDAYS;
    let mut closed = ClosedDays::default();
    let working = WorkingDays {
        weekdays: &weekdays,
        closed: &closed,
    };
    // Thursday 24 December 2026 (julafton), Friday juldagen, weekend: Monday the 28th.
    assert_eq!(working.next_working_day(d(2026, 12, 24)), d(2026, 12, 28));
    closed.days_off.extend([d(2026, 12, 28), d(2026, 12, 29)]);
    let working = WorkingDays {
        weekdays: &weekdays,
        closed: &closed,
    };
    assert_eq!(working.next_working_day(d(2026, 12, 24)), d(2026, 12, 30));
    // Midsommarafton 2026 is Friday 19 June: Monday 22 June.
    assert_eq!(working.next_working_day(d(2026, 6, 19)), d(2026, 6, 22));
    // No weekday worked: the date itself, not a loop without end.
    let none = WorkingDays {
        weekdays: &[],
        closed: &closed,
    };
    assert_eq!(none.next_working_day(d(2026, 6, 19)), d(2026, 6, 19));
}

proptest! {
    /// Over 2000–2100: each year lists its 16 days, all in that year (two may coincide:
    /// Kristi himmelsfärd fell on 1 May in 2008, pingstdagen falls on 6 June in 2049); the next working day is never closed, never
    /// before the date, and never more than two weeks later with the default week.
    #[test]
    fn holidays_are_well_formed_and_next_working_day_is_open(year in 2000i32..2100, offset in 0i64..366) {
        let days = HolidayCalendar::Sweden.holidays_in(year);
        prop_assert_eq!(days.len(), 16);
        let distinct: BTreeSet<_> = days.iter().map(|h| h.date).collect();
        prop_assert!(distinct.len() >= 15);
        prop_assert!(days.iter().all(|h| h.date.year() == year && HolidayCalendar::Sweden.is_holiday(h.date)));
        let closed = ClosedDays::default();
        let weekdays = Weekday::WORKDAYS;
        let working = WorkingDays { weekdays: &weekdays, closed: &closed };
        let date = d(year, 1, 1) + Duration::days(offset);
        let next = working.next_working_day(date);
        prop_assert!(next >= date && (next - date).num_days() <= 14);
        prop_assert!(working.is_working_day(next));
        prop_assert!(!HolidayCalendar::Sweden.is_holiday(next));
    }
}

/// Every holiday any calendar lists, in any year, has its name in both catalogues: Week and
/// Today show it ("Midsommarafton", "Midsummer Eve"), so a missing key would show as a key.
#[test]
fn every_holiday_has_a_name_in_both_catalogues() {
    use crate::i18n::{keys, t, Lang};
    let mut named = std::collections::BTreeSet::new();
    for calendar in HolidayCalendar::ALL {
        for year in 1990..=2100 {
            for holiday in calendar.holidays_in(year) {
                named.insert(holiday.key);
            }
        }
    }
    assert_eq!(named.len(), 16, "{named:?}");
    for lang in [Lang::En, Lang::Sv] {
        let catalogue = keys(lang);
        for key in &named {
            assert!(catalogue.contains(key), "{key} has no name in {lang:?}");
            let name = t(lang, key, &[]);
            assert!(
                !name.is_empty() && name != *key,
                "{key} in {lang:?}: {name:?}"
            );
        }
    }
    assert_eq!(
        t(Lang::Sv, "holiday.se.midsommarafton", &[]),
        "Midsommarafton"
    );
    assert_eq!(t(Lang::En, "holiday.se.juldagen", &[]), "Christmas Day");
}

#[test]
fn a_closed_day_is_named_by_its_holiday_before_an_own_day_off() {
    let mut closed = ClosedDays::default();
    closed.days_off.extend([d(2026, 12, 25), d(2026, 12, 28)]);
    let holiday = |key: &str| {
        Some(Closed::Holiday {
            name_key: key.to_owned(),
        })
    };
    assert_eq!(
        closed.why(d(2026, 6, 19)),
        holiday("holiday.se.midsommarafton")
    );
    assert_eq!(closed.why(d(2026, 12, 25)), holiday("holiday.se.juldagen"));
    assert_eq!(closed.why(d(2026, 12, 28)), Some(Closed::DayOff));
    assert_eq!(closed.why(d(2026, 12, 29)), None);
    // Whatever the date, `why` and `is_closed` agree.
    let mut day = d(2026, 1, 1);
    while day.year() == 2026 {
        assert_eq!(closed.why(day).is_some(), closed.is_closed(day), "{day}");
        day += Duration::days(1);
    }
    closed.calendar = HolidayCalendar::None;
    assert_eq!(closed.why(d(2026, 6, 19)), None);
    assert_eq!(closed.why(d(2026, 12, 25)), Some(Closed::DayOff));
}
