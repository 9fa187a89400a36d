//! Concrete dates: DST transitions in the zones our users live in, and the rule shapes that
//! RFC 5545 libraries (rrule included) have got wrong before.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::*;

const STOCKHOLM: Tz = chrono_tz::Europe::Stockholm;
const NEW_YORK: Tz = chrono_tz::America::New_York;
const SYDNEY: Tz = chrono_tz::Australia::Sydney;
const KOLKATA: Tz = chrono_tz::Asia::Kolkata;

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn weekly(interval: u16, weekdays: &[Weekday], end: End) -> Recurrence {
    Recurrence {
        repeat: Repeat::Weekly {
            interval,
            weekdays: weekdays.to_vec(),
        },
        end,
    }
}

fn series(start: &str, tz: Tz, recurrence: Recurrence) -> Series {
    Series {
        start: local(start),
        tz,
        recurrence,
    }
}

fn originals(occurrences: &[Occurrence]) -> Vec<String> {
    occurrences
        .iter()
        .map(|o| o.original.format("%Y-%m-%d %H:%M").to_string())
        .collect()
}

fn starts_utc(occurrences: &[Occurrence]) -> Vec<String> {
    occurrences
        .iter()
        .map(|o| {
            o.start
                .with_timezone(&Utc)
                .format("%Y-%m-%dT%H:%MZ")
                .to_string()
        })
        .collect()
}

/// All occurrences of a series that ends within a few years.
fn all(series: &Series) -> Vec<Occurrence> {
    series.occurrences_between(utc("2000-01-01T00:00:00Z"), utc("2040-01-01T00:00:00Z"))
}

// --- resolve_local -------------------------------------------------------------------------

#[test]
fn resolve_local_stockholm_spring_forward_moves_by_the_gap() {
    // 2026-03-29 02:00 CET → 03:00 CEST: 02:30 does not exist.
    let dt = resolve_local(local("2026-03-29 02:30"), STOCKHOLM);
    assert_eq!(dt.naive_local(), local("2026-03-29 03:30"));
    assert_eq!(dt.with_timezone(&Utc), utc("2026-03-29T01:30:00Z"));
    // The edges of the gap: 02:00 is gone, 03:00 exists.
    assert_eq!(
        resolve_local(local("2026-03-29 02:00"), STOCKHOLM).naive_local(),
        local("2026-03-29 03:00")
    );
    assert_eq!(
        resolve_local(local("2026-03-29 03:00"), STOCKHOLM).with_timezone(&Utc),
        utc("2026-03-29T01:00:00Z")
    );
}

#[test]
fn resolve_local_stockholm_fall_back_takes_the_first() {
    // 2026-10-25 03:00 CEST → 02:00 CET: 02:30 happens twice; the first is CEST.
    let dt = resolve_local(local("2026-10-25 02:30"), STOCKHOLM);
    assert_eq!(dt.with_timezone(&Utc), utc("2026-10-25T00:30:00Z"));
    assert_eq!(dt.naive_local(), local("2026-10-25 02:30"));
}

#[test]
fn resolve_local_new_york() {
    // 2026-03-08 02:00 EST → 03:00 EDT.
    let gap = resolve_local(local("2026-03-08 02:30"), NEW_YORK);
    assert_eq!(gap.with_timezone(&Utc), utc("2026-03-08T07:30:00Z"));
    assert_eq!(gap.naive_local(), local("2026-03-08 03:30"));
    // 2026-11-01 02:00 EDT → 01:00 EST: 01:30 twice, the first is EDT (UTC-4).
    let overlap = resolve_local(local("2026-11-01 01:30"), NEW_YORK);
    assert_eq!(overlap.with_timezone(&Utc), utc("2026-11-01T05:30:00Z"));
}

#[test]
fn resolve_local_sydney() {
    // 2026-04-05 03:00 AEDT → 02:00 AEST: 02:30 twice, the first is AEDT (UTC+11).
    let overlap = resolve_local(local("2026-04-05 02:30"), SYDNEY);
    assert_eq!(overlap.with_timezone(&Utc), utc("2026-04-04T15:30:00Z"));
    // 2026-10-04 02:00 AEST → 03:00 AEDT.
    let gap = resolve_local(local("2026-10-04 02:30"), SYDNEY);
    assert_eq!(gap.with_timezone(&Utc), utc("2026-10-03T16:30:00Z"));
    assert_eq!(gap.naive_local(), local("2026-10-04 03:30"));
}

#[test]
fn resolve_local_kolkata_has_no_transitions() {
    for s in ["2026-03-29 02:30", "2026-10-25 02:30", "2026-03-08 02:30"] {
        let dt = resolve_local(local(s), KOLKATA);
        assert_eq!(dt.naive_local(), local(s));
        assert_eq!(
            dt.with_timezone(&Utc).naive_utc(),
            local(s) - TimeDelta::minutes(330)
        );
    }
}

#[test]
fn resolve_local_survives_a_skipped_day_and_the_ends_of_time() {
    // Samoa skipped 2011-12-30 entirely: the gap is a day long.
    let apia = chrono_tz::Pacific::Apia;
    let dt = resolve_local(local("2011-12-30 09:00"), apia);
    assert_eq!(dt.naive_local(), local("2011-12-31 09:00"));
    for tz in [STOCKHOLM, SYDNEY, apia, Tz::UTC] {
        let _ = resolve_local(NaiveDateTime::MAX, tz).naive_local();
        let _ = resolve_local(NaiveDateTime::MIN, tz).naive_local();
    }
}

#[test]
fn parse_tz_accepts_iana_names_only() {
    assert_eq!(parse_tz("Europe/Stockholm"), Ok(STOCKHOLM));
    assert_eq!(parse_tz("UTC"), Ok(Tz::UTC));
    let err = parse_tz("Europe/Narnia").unwrap_err();
    assert_eq!((err.field, err.key), ("timezone", "error.invalid.timezone"));
    assert_eq!(err.args, vec![("value", "Europe/Narnia".to_string())]);
    let long = "x".repeat(500) + "\n";
    let err = parse_tz(&long).unwrap_err();
    assert_eq!(err.args[0].1, "x".repeat(64));
}

// --- expansion across DST ------------------------------------------------------------------

#[test]
fn weekly_0900_stockholm_stays_0900_local_across_both_transitions() {
    let s = series(
        "2026-03-16 09:00",
        STOCKHOLM,
        weekly(1, &[Weekday::Mon], End::Never),
    );
    let spring = s.occurrences_between(utc("2026-03-16T00:00:00Z"), utc("2026-04-07T00:00:00Z"));
    assert_eq!(
        starts_utc(&spring),
        [
            "2026-03-16T08:00Z",
            "2026-03-23T08:00Z",
            "2026-03-30T07:00Z",
            "2026-04-06T07:00Z"
        ]
    );
    assert!(spring.iter().all(|o| o.start.naive_local() == o.original));

    let autumn = s.occurrences_between(utc("2026-10-19T00:00:00Z"), utc("2026-11-03T00:00:00Z"));
    assert_eq!(
        starts_utc(&autumn),
        [
            "2026-10-19T07:00Z",
            "2026-10-26T08:00Z",
            "2026-11-02T08:00Z"
        ]
    );
}

#[test]
fn daily_at_0230_stockholm_moves_only_on_the_missing_night() {
    let s = series(
        "2026-03-26 02:30",
        STOCKHOLM,
        Recurrence {
            repeat: Repeat::DailyWorkdays,
            end: End::Never,
        },
    );
    // 2026-03-27 Fri, 03-30 Mon, 03-31 Tue. No workday at the gap (a Sunday), so use a weekly
    // Sunday rule for that below.
    let got = s.occurrences_between(utc("2026-03-26T00:00:00Z"), utc("2026-04-01T00:00:00Z"));
    assert_eq!(
        starts_utc(&got),
        [
            "2026-03-26T01:30Z",
            "2026-03-27T01:30Z",
            "2026-03-30T00:30Z",
            "2026-03-31T00:30Z"
        ]
    );

    let sunday = series(
        "2026-03-22 02:30",
        STOCKHOLM,
        weekly(1, &[Weekday::Sun], End::Never),
    );
    let got = sunday.occurrences_between(utc("2026-03-22T00:00:00Z"), utc("2026-04-06T00:00:00Z"));
    assert_eq!(
        originals(&got),
        ["2026-03-22 02:30", "2026-03-29 02:30", "2026-04-05 02:30"]
    );
    assert_eq!(
        starts_utc(&got),
        [
            "2026-03-22T01:30Z",
            "2026-03-29T01:30Z",
            "2026-04-05T00:30Z"
        ]
    );
    // The original stays the rule's wall-clock time (the id), the start moved by the gap.
    assert_eq!(got[1].start.naive_local(), local("2026-03-29 03:30"));

    let fall = series(
        "2026-10-18 02:30",
        STOCKHOLM,
        weekly(1, &[Weekday::Sun], End::Never),
    );
    let got = fall.occurrences_between(utc("2026-10-18T00:00:00Z"), utc("2026-11-02T00:00:00Z"));
    assert_eq!(
        starts_utc(&got),
        [
            "2026-10-18T00:30Z",
            "2026-10-25T00:30Z",
            "2026-11-01T01:30Z"
        ]
    );
}

#[test]
fn new_york_and_sydney_keep_local_time() {
    let ny = series(
        "2026-03-01 02:30",
        NEW_YORK,
        weekly(1, &[Weekday::Sun], End::Count { count: 3 }),
    );
    assert_eq!(
        starts_utc(&all(&ny)),
        [
            "2026-03-01T07:30Z",
            "2026-03-08T07:30Z",
            "2026-03-15T06:30Z"
        ]
    );
    let ny_fall = series(
        "2026-10-25 01:30",
        NEW_YORK,
        weekly(1, &[Weekday::Sun], End::Count { count: 3 }),
    );
    assert_eq!(
        starts_utc(&all(&ny_fall)),
        [
            "2026-10-25T05:30Z",
            "2026-11-01T05:30Z",
            "2026-11-08T06:30Z"
        ]
    );

    let syd = series(
        "2026-03-29 02:30",
        SYDNEY,
        weekly(1, &[Weekday::Sun], End::Count { count: 3 }),
    );
    assert_eq!(
        starts_utc(&all(&syd)),
        [
            "2026-03-28T15:30Z",
            "2026-04-04T15:30Z",
            "2026-04-11T16:30Z"
        ]
    );
    let syd_spring = series(
        "2026-09-27 02:30",
        SYDNEY,
        weekly(1, &[Weekday::Sun], End::Count { count: 3 }),
    );
    assert_eq!(
        starts_utc(&all(&syd_spring)),
        [
            "2026-09-26T16:30Z",
            "2026-10-03T16:30Z",
            "2026-10-10T15:30Z"
        ]
    );
}

#[test]
fn a_gap_at_midnight_keeps_its_occurrence() {
    // Santiago springs forward at midnight (2026-09-06 00:00 → 01:00). rrule 0.14 given the
    // zoned DTSTART drops the 00:30 occurrence that night: it falls back to "midnight plus the
    // time of day", and midnight does not exist either. Floating expansion keeps it, moved
    // forward by the gap.
    let santiago = chrono_tz::America::Santiago;
    let s = series(
        "2026-08-30 00:30",
        santiago,
        weekly(1, &[Weekday::Sun], End::Count { count: 3 }),
    );
    let got = all(&s);
    assert_eq!(
        originals(&got),
        ["2026-08-30 00:30", "2026-09-06 00:30", "2026-09-13 00:30"]
    );
    assert_eq!(
        starts_utc(&got),
        [
            "2026-08-30T04:30Z",
            "2026-09-06T04:30Z",
            "2026-09-13T03:30Z"
        ]
    );
    assert_eq!(got[1].start.naive_local(), local("2026-09-06 01:30"));
}

#[test]
fn kolkata_workdays_are_always_0330_utc() {
    let s = series(
        "2026-01-01 09:00",
        KOLKATA,
        Recurrence {
            repeat: Repeat::DailyWorkdays,
            end: End::Never,
        },
    );
    let got = s.occurrences_between(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    assert_eq!(got.len(), 261);
    assert!(got
        .iter()
        .all(|o| o.start.with_timezone(&Utc).format("%H:%M").to_string() == "03:30"));
    assert!(got
        .iter()
        .all(|o| o.original.weekday().num_days_from_monday() < 5));
}

// --- rule shapes ---------------------------------------------------------------------------

#[test]
fn weekly_interval_two_keeps_the_phase_of_the_start_week() {
    // Wednesday start, Monday and Friday every other week: the start week's Monday is before
    // the start, its Friday is the first occurrence; then two weeks on.
    let s = series(
        "2026-01-07 10:00",
        STOCKHOLM,
        weekly(2, &[Weekday::Fri, Weekday::Mon], End::Count { count: 5 }),
    );
    assert_eq!(
        originals(&all(&s)),
        [
            "2026-01-09 10:00",
            "2026-01-19 10:00",
            "2026-01-23 10:00",
            "2026-02-02 10:00",
            "2026-02-06 10:00"
        ]
    );
}

#[test]
fn normalized_moves_a_tuesday_start_to_the_rules_monday_in_phase() {
    let s = series(
        "2026-01-06 09:00",
        STOCKHOLM,
        weekly(
            2,
            &[Weekday::Wed, Weekday::Mon, Weekday::Mon],
            End::Count { count: 3 },
        ),
    );
    let n = s.normalized().unwrap();
    // Wednesday of the start week is the first real occurrence.
    assert_eq!(n.start, local("2026-01-07 09:00"));
    assert_eq!(
        n.recurrence.repeat,
        Repeat::Weekly {
            interval: 2,
            weekdays: vec![Weekday::Mon, Weekday::Wed]
        }
    );
    assert_eq!(all(&n), all(&s));

    let monday_only = series(
        "2026-01-06 09:00",
        STOCKHOLM,
        weekly(2, &[Weekday::Mon], End::Never),
    );
    // Monday 2026-01-05 is before the start; the next in phase is two weeks later.
    assert_eq!(
        monday_only.normalized().unwrap().start,
        local("2026-01-19 09:00")
    );
}

#[test]
fn count_does_not_count_a_start_that_is_not_an_occurrence() {
    let s = series(
        "2026-01-06 09:00",
        STOCKHOLM,
        weekly(1, &[Weekday::Mon], End::Count { count: 2 }),
    );
    assert_eq!(
        originals(&all(&s)),
        ["2026-01-12 09:00", "2026-01-19 09:00"]
    );
    assert_eq!(s.last(), Some(local("2026-01-19 09:00")));
}

#[test]
fn count_is_counted_from_the_start_even_for_a_late_window() {
    let s = series(
        "2026-01-05 09:00",
        STOCKHOLM,
        weekly(1, &[Weekday::Mon], End::Count { count: 10 }),
    );
    let late = s.occurrences_between(utc("2026-03-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    assert_eq!(originals(&late), ["2026-03-02 09:00", "2026-03-09 09:00"]);
    assert!(s
        .occurrences_between(utc("2026-03-10T00:00:00Z"), utc("2030-01-01T00:00:00Z"))
        .is_empty());
}

#[test]
fn monthly_on_the_31st_skips_short_months() {
    let s = series(
        "2026-01-31 08:00",
        STOCKHOLM,
        Recurrence {
            repeat: Repeat::MonthlyOnDay {
                interval: 1,
                day: 31,
            },
            end: End::Until {
                date: date("2026-12-31"),
            },
        },
    );
    assert_eq!(
        originals(&all(&s)),
        [
            "2026-01-31 08:00",
            "2026-03-31 08:00",
            "2026-05-31 08:00",
            "2026-07-31 08:00",
            "2026-08-31 08:00",
            "2026-10-31 08:00",
            "2026-12-31 08:00"
        ]
    );
    assert_eq!(s.last(), Some(local("2026-12-31 08:00")));
}

#[test]
fn monthly_on_the_29th_of_february_only_in_leap_years() {
    let s = series(
        "2024-02-29 12:00",
        Tz::UTC,
        Recurrence {
            repeat: Repeat::MonthlyOnDay {
                interval: 12,
                day: 29,
            },
            end: End::Count { count: 3 },
        },
    );
    assert_eq!(
        originals(&all(&s)),
        ["2024-02-29 12:00", "2028-02-29 12:00", "2032-02-29 12:00"]
    );
}

#[test]
fn last_monday_every_other_month_across_new_year() {
    // fmeringdal/rust-rrule#104: wrong months after crossing a year with BYDAY=-1MO;INTERVAL=2.
    let s = series(
        "2023-10-30 14:00",
        Tz::UTC,
        Recurrence {
            repeat: Repeat::MonthlyOnWeekday {
                interval: 2,
                nth: -1,
                weekday: Weekday::Mon,
            },
            end: End::Count { count: 4 },
        },
    );
    assert_eq!(
        originals(&all(&s)),
        [
            "2023-10-30 14:00",
            "2023-12-25 14:00",
            "2024-02-26 14:00",
            "2024-04-29 14:00"
        ]
    );
}

#[test]
fn second_tuesday_and_fourth_friday() {
    let s = series(
        "2026-01-01 13:00",
        STOCKHOLM,
        Recurrence {
            repeat: Repeat::MonthlyOnWeekday {
                interval: 1,
                nth: 2,
                weekday: Weekday::Tue,
            },
            end: End::Count { count: 3 },
        },
    );
    assert_eq!(
        originals(&all(&s)),
        ["2026-01-13 13:00", "2026-02-10 13:00", "2026-03-10 13:00"]
    );
    let s = series(
        "2026-01-01 13:00",
        STOCKHOLM,
        Recurrence {
            repeat: Repeat::MonthlyOnWeekday {
                interval: 3,
                nth: 4,
                weekday: Weekday::Fri,
            },
            end: End::Count { count: 3 },
        },
    );
    assert_eq!(
        originals(&all(&s)),
        ["2026-01-23 13:00", "2026-04-24 13:00", "2026-07-24 13:00"]
    );
}

#[test]
fn until_includes_the_whole_until_date_in_local_time() {
    // 23:30 local on the until date is after 22:59:59Z, the UTC form of the end of that day:
    // the comparison must be local.
    let s = series(
        "2026-12-07 23:30",
        STOCKHOLM,
        weekly(
            1,
            &[Weekday::Mon],
            End::Until {
                date: date("2026-12-14"),
            },
        ),
    );
    assert_eq!(
        originals(&all(&s)),
        ["2026-12-07 23:30", "2026-12-14 23:30"]
    );
    assert_eq!(s.last(), Some(local("2026-12-14 23:30")));
}

#[test]
fn skipping_ahead_ten_years_matches_expanding_from_the_start() {
    let s = series(
        "2016-02-03 09:15",
        STOCKHOLM,
        weekly(3, &[Weekday::Tue, Weekday::Wed, Weekday::Sat], End::Never),
    );
    let from = utc("2026-03-20T00:00:00Z");
    let to = utc("2026-06-20T00:00:00Z");
    let fast = s.occurrences_between(from, to);
    let slow: Vec<Occurrence> = s
        .occurrences_between(utc("2016-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"))
        .into_iter()
        .filter(|o| o.start >= from && o.start < to)
        .collect();
    assert!(!fast.is_empty());
    assert_eq!(fast, slow);
}

#[test]
fn produces_accepts_occurrences_only() {
    let s = series(
        "2026-01-05 09:00",
        STOCKHOLM,
        weekly(2, &[Weekday::Mon], End::Count { count: 3 }),
    );
    assert!(s.produces(local("2026-01-05 09:00")));
    assert!(s.produces(local("2026-02-02 09:00")));
    assert!(!s.produces(local("2026-01-12 09:00")), "off-phase week");
    assert!(!s.produces(local("2026-01-05 09:01")), "wrong time");
    assert!(!s.produces(local("2025-12-22 09:00")), "before the start");
    assert!(!s.produces(local("2026-02-16 09:00")), "after the count");
    assert!(!s.produces(NaiveDateTime::MAX));
}

#[test]
fn last_is_none_for_never_and_for_a_rule_that_yields_nothing() {
    let s = series(
        "2026-01-05 09:00",
        STOCKHOLM,
        weekly(1, &[Weekday::Mon], End::Never),
    );
    assert_eq!(s.last(), None);
    let nothing = series(
        "2026-01-06 09:00",
        STOCKHOLM,
        weekly(
            1,
            &[Weekday::Mon],
            End::Until {
                date: date("2026-01-10"),
            },
        ),
    );
    assert_eq!(nothing.last(), None);
    assert_eq!(nothing.normalized(), None);
    // A long series: the look back from the until date must not need the whole history.
    let long = series(
        "2016-01-31 09:00",
        STOCKHOLM,
        Recurrence {
            repeat: Repeat::MonthlyOnDay {
                interval: 5,
                day: 31,
            },
            end: End::Until {
                date: date("2036-01-01"),
            },
        },
    );
    let expected = all(&long).last().map(|o| o.original);
    assert!(expected.is_some());
    assert_eq!(long.last(), expected);
}

// --- validation ----------------------------------------------------------------------------

fn check(rule: Recurrence, start: &str) -> Result<(), (&'static str, &'static str)> {
    rule.validate(date(start)).map_err(|e| (e.field, e.key))
}

#[test]
fn validate_names_the_field_at_fault() {
    let start = "2026-01-05";
    assert_eq!(check(weekly(1, &[Weekday::Mon], End::Never), start), Ok(()));
    // Unsorted and repeated weekdays are harmless; normalized() cleans them up.
    assert_eq!(
        check(
            weekly(1, &[Weekday::Fri, Weekday::Mon, Weekday::Fri], End::Never),
            start
        ),
        Ok(())
    );
    assert_eq!(
        check(weekly(1, &[], End::Never), start),
        Err(("weekdays", "error.invalid.weekdays"))
    );
    for interval in [0, 100, u16::MAX] {
        assert_eq!(
            check(weekly(interval, &[Weekday::Mon], End::Never), start),
            Err(("interval", "error.invalid.interval"))
        );
    }
    assert_eq!(
        check(weekly(99, &[Weekday::Mon], End::Never), start),
        Ok(())
    );
    for day in [0, 32, 255] {
        let rule = Recurrence {
            repeat: Repeat::MonthlyOnDay { interval: 1, day },
            end: End::Never,
        };
        assert_eq!(check(rule, start), Err(("day", "error.invalid.day")));
    }
    for nth in [0, 5, -2, i8::MIN] {
        let rule = Recurrence {
            repeat: Repeat::MonthlyOnWeekday {
                interval: 1,
                nth,
                weekday: Weekday::Mon,
            },
            end: End::Never,
        };
        assert_eq!(check(rule, start), Err(("nth", "error.invalid.nth")));
    }
    assert_eq!(
        check(
            weekly(
                1,
                &[Weekday::Mon],
                End::Until {
                    date: date("2026-01-04")
                }
            ),
            start
        ),
        Err(("until", "error.invalid.until"))
    );
    assert_eq!(
        check(
            weekly(
                1,
                &[Weekday::Mon],
                End::Until {
                    date: date("2026-01-05")
                }
            ),
            start
        ),
        Ok(())
    );
    for count in [0, 1001] {
        assert_eq!(
            check(weekly(1, &[Weekday::Mon], End::Count { count }), start),
            Err(("count", "error.invalid.count"))
        );
    }
    let err = weekly(1, &[Weekday::Mon], End::Count { count: 0 })
        .validate(date(start))
        .unwrap_err();
    assert_eq!(err.args, vec![("max", "1000".to_string())]);
}

#[test]
fn validate_refuses_a_rule_that_never_occurs() {
    // April, June, ... every 12 months: never a 31st.
    let rule = Recurrence {
        repeat: Repeat::MonthlyOnDay {
            interval: 12,
            day: 31,
        },
        end: End::Never,
    };
    assert_eq!(
        check(rule.clone(), "2026-04-01"),
        Err(("recurrence", "error.invalid.no_occurrences"))
    );
    assert_eq!(check(rule, "2026-01-01"), Ok(()));
    // Every 8 years in February from a year ≡ 1 (mod 4): never a leap year.
    let feb29 = Recurrence {
        repeat: Repeat::MonthlyOnDay {
            interval: 96,
            day: 29,
        },
        end: End::Never,
    };
    assert_eq!(
        check(feb29, "2025-02-01"),
        Err(("recurrence", "error.invalid.no_occurrences"))
    );
    // Ends before the first Monday.
    assert_eq!(
        check(
            weekly(
                1,
                &[Weekday::Mon],
                End::Until {
                    date: date("2026-01-10")
                }
            ),
            "2026-01-06"
        ),
        Err(("recurrence", "error.invalid.no_occurrences"))
    );
}

#[test]
fn unvalidated_rules_yield_nothing_rather_than_panic() {
    let bad = [
        weekly(1, &[], End::Never),
        weekly(0, &[Weekday::Mon], End::Never),
        weekly(1, &[Weekday::Mon], End::Count { count: 0 }),
        weekly(1, &[Weekday::Mon], End::Count { count: u32::MAX }),
        Recurrence {
            repeat: Repeat::MonthlyOnDay {
                interval: 1,
                day: 0,
            },
            end: End::Never,
        },
        Recurrence {
            repeat: Repeat::MonthlyOnWeekday {
                interval: 1,
                nth: 5,
                weekday: Weekday::Mon,
            },
            end: End::Never,
        },
    ];
    for rule in bad {
        let s = series("2026-01-05 09:00", STOCKHOLM, rule);
        assert!(all(&s).is_empty());
        assert_eq!(s.normalized(), None);
        assert_eq!(s.last(), None);
        assert!(!s.produces(local("2026-01-05 09:00")));
    }
}

#[test]
fn extreme_starts_and_windows_do_not_panic() {
    let rule = Recurrence {
        repeat: Repeat::MonthlyOnDay {
            interval: 99,
            day: 31,
        },
        end: End::Never,
    };
    for start in [
        NaiveDateTime::MIN,
        NaiveDateTime::MAX,
        local("0001-01-01 00:00"),
        local("9999-12-31 23:59"),
    ] {
        let s = Series {
            start,
            tz: SYDNEY,
            recurrence: rule.clone(),
        };
        let _ = s.occurrences_between(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
        let _ = s.normalized();
        let _ = s.last();
        let _ = s.produces(start);
    }
    // The last supported day still resolves.
    let s = series(
        "9999-12-27 09:00",
        SYDNEY,
        weekly(1, &[Weekday::Mon, Weekday::Fri], End::Never),
    );
    let got = s.occurrences_between(utc("9999-12-01T00:00:00Z"), DateTime::<Utc>::MAX_UTC);
    assert_eq!(originals(&got), ["9999-12-27 09:00", "9999-12-31 09:00"]);
}

// --- RRULE text ----------------------------------------------------------------------------

#[test]
fn to_rrule_writes_rfc_5545() {
    let rule = weekly(
        2,
        &[Weekday::Wed, Weekday::Mon],
        End::Until {
            date: date("2026-12-31"),
        },
    );
    assert_eq!(
        rule.to_rrule(STOCKHOLM),
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261231T225959Z"
    );
    // Summer: 23:59:59 CEST is 21:59:59Z.
    let rule = weekly(
        1,
        &[Weekday::Fri],
        End::Until {
            date: date("2026-07-31"),
        },
    );
    assert_eq!(
        rule.to_rrule(STOCKHOLM),
        "FREQ=WEEKLY;BYDAY=FR;UNTIL=20260731T215959Z"
    );
    let rule = Recurrence {
        repeat: Repeat::MonthlyOnWeekday {
            interval: 1,
            nth: -1,
            weekday: Weekday::Fri,
        },
        end: End::Count { count: 12 },
    };
    assert_eq!(rule.to_rrule(STOCKHOLM), "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12");
    let rule = Recurrence {
        repeat: Repeat::MonthlyOnDay {
            interval: 3,
            day: 15,
        },
        end: End::Never,
    };
    assert_eq!(
        rule.to_rrule(NEW_YORK),
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15"
    );
    let rule = Recurrence {
        repeat: Repeat::DailyWorkdays,
        end: End::Never,
    };
    assert_eq!(rule.to_rrule(NEW_YORK), "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR");
}

#[test]
fn to_rrule_is_accepted_by_the_rrule_crate_with_the_same_dates() {
    // A cross-check of our text against the crate's own parser, in a zone-free setting.
    let rule = weekly(2, &[Weekday::Mon, Weekday::Thu], End::Count { count: 6 });
    let text = format!("DTSTART:20260105T090000Z\nRRULE:{}", rule.to_rrule(Tz::UTC));
    let set: rrule::RRuleSet = text.parse().unwrap();
    let theirs: Vec<NaiveDateTime> = set.all(100).dates.iter().map(|d| d.naive_utc()).collect();
    let s = series("2026-01-05 09:00", Tz::UTC, rule);
    let ours: Vec<NaiveDateTime> = all(&s).iter().map(|o| o.original).collect();
    assert_eq!(ours, theirs);
}

#[test]
fn from_rrule_reads_back_and_tolerates_harmless_variants() {
    let tz = STOCKHOLM;
    let read = |s: &str| Recurrence::from_rrule(s, tz);
    assert_eq!(
        read("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261231T225959Z"),
        Ok(weekly(
            2,
            &[Weekday::Mon, Weekday::Wed],
            End::Until {
                date: date("2026-12-31")
            }
        ))
    );
    assert_eq!(
        read("rrule:freq=weekly;byday=we,mo;interval=1;wkst=mo;"),
        Ok(weekly(1, &[Weekday::Mon, Weekday::Wed], End::Never))
    );
    // A tzdata change that moved the offset by an hour still reads as the same date.
    for until in [
        "20261231T235959Z",
        "20261231T215959Z",
        "20261231",
        "20261231T235959",
    ] {
        assert_eq!(
            read(&format!("FREQ=WEEKLY;BYDAY=MO;UNTIL={until}")),
            Ok(weekly(
                1,
                &[Weekday::Mon],
                End::Until {
                    date: date("2026-12-31")
                }
            )),
            "{until}"
        );
    }
    assert_eq!(
        read("FREQ=MONTHLY;BYDAY=+2TU;COUNT=5"),
        Ok(Recurrence {
            repeat: Repeat::MonthlyOnWeekday {
                interval: 1,
                nth: 2,
                weekday: Weekday::Tue
            },
            end: End::Count { count: 5 }
        })
    );
    assert_eq!(
        read("FREQ=DAILY;BYDAY=FR,TH,WE,TU,MO"),
        Ok(Recurrence {
            repeat: Repeat::DailyWorkdays,
            end: End::Never
        })
    );
}

#[test]
fn from_rrule_refuses_what_we_do_not_support() {
    for text in [
        "",
        "RRULE:",
        "garbage",
        "FREQ=YEARLY",
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;BYDAY=",
        "FREQ=WEEKLY;BYDAY=1MO",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;BYDAY=MO;BYMONTHDAY=3",
        "FREQ=WEEKLY;BYDAY=MO;WKST=SU",
        "FREQ=WEEKLY;BYDAY=MO;FREQ=WEEKLY",
        "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9",
        "FREQ=WEEKLY;BYDAY=MO;INTERVAL=0",
        "FREQ=WEEKLY;BYDAY=MO;INTERVAL=100",
        "FREQ=WEEKLY;BYDAY=MO;INTERVAL=-1",
        "FREQ=WEEKLY;BYDAY=MO;INTERVAL=99999999999",
        "FREQ=WEEKLY;BYDAY=MO;COUNT=0",
        "FREQ=WEEKLY;BYDAY=MO;COUNT=1001",
        "FREQ=WEEKLY;BYDAY=MO;COUNT=3;UNTIL=20261231T225959Z",
        "FREQ=WEEKLY;BYDAY=MO;UNTIL=2026",
        "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261340T225959Z",
        "FREQ=MONTHLY",
        "FREQ=MONTHLY;BYMONTHDAY=0",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYMONTHDAY=1,15",
        "FREQ=MONTHLY;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=5MO",
        "FREQ=MONTHLY;BYDAY=-2MO",
        "FREQ=MONTHLY;BYDAY=1MO,3MO",
        "FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=1",
        "FREQ=DAILY",
        "FREQ=DAILY;BYDAY=MO,TU",
        "FREQ=DAILY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR,SA",
        "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T225959Zjunk",
        "FREQ=WEEKLY;BYDAY=ÅÄ",
    ] {
        let err = Recurrence::from_rrule(text, STOCKHOLM).unwrap_err();
        assert_eq!(
            (err.field, err.key),
            ("recurrence", "error.invalid.rrule"),
            "{text}"
        );
    }
}

#[test]
fn json_shape_is_what_the_ui_sends() {
    let rule = Recurrence {
        repeat: Repeat::MonthlyOnWeekday {
            interval: 2,
            nth: -1,
            weekday: Weekday::Fri,
        },
        end: End::Until {
            date: date("2026-12-31"),
        },
    };
    let json = serde_json::to_value(&rule).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "repeat": {"freq": "monthlyOnWeekday", "interval": 2, "nth": -1, "weekday": "fri"},
            "end": {"kind": "until", "date": "2026-12-31"}
        })
    );
    let back: Recurrence = serde_json::from_value(json).unwrap();
    assert_eq!(back, rule);
    let weekly: Recurrence = serde_json::from_str(
        r#"{"repeat":{"freq":"weekly","interval":1,"weekdays":["mon","thu"]},"end":{"kind":"count","count":4}}"#,
    )
    .unwrap();
    assert_eq!(
        weekly,
        self::weekly(1, &[Weekday::Mon, Weekday::Thu], End::Count { count: 4 })
    );
    let daily: Recurrence =
        serde_json::from_str(r#"{"repeat":{"freq":"dailyWorkdays"},"end":{"kind":"never"}}"#)
            .unwrap();
    assert_eq!(daily.repeat, Repeat::DailyWorkdays);
    let monthly: Repeat =
        serde_json::from_str(r#"{"freq":"monthlyOnDay","interval":1,"day":15}"#).unwrap();
    assert_eq!(
        monthly,
        Repeat::MonthlyOnDay {
            interval: 1,
            day: 15
        }
    );
}

#[test]
fn catalogue_has_every_key_this_module_uses() {
    let en: std::collections::HashMap<String, String> =
        serde_json::from_str(include_str!("../../../i18n/en.json")).unwrap();
    let sv: std::collections::HashMap<String, String> =
        serde_json::from_str(include_str!("../../../i18n/sv.json")).unwrap();
    for key in [
        "error.invalid.interval",
        "error.invalid.weekdays",
        "error.invalid.day",
        "error.invalid.nth",
        "error.invalid.until",
        "error.invalid.count",
        "error.invalid.rrule",
        "error.invalid.timezone",
        "error.invalid.no_occurrences",
    ] {
        assert!(en.contains_key(key), "en lacks {key}");
        assert!(sv.contains_key(key), "sv lacks {key}");
    }
}
