//! Property tests over random rules, zones and starts, checked against a day-by-day oracle
//! written from the rule's plain-language meaning and against the `rrule` crate expanding
//! from the series' start, so a bug in our engine or in its skipping ahead cannot hide
//! behind agreement with itself.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::*;

const ZONES: [Tz; 5] = [
    chrono_tz::Europe::Stockholm,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Sydney,
    chrono_tz::Asia::Kolkata,
    Tz::UTC,
];

/// 96 cases keep `cargo test` quick; `PROPTEST_CASES=20000` runs a deep search.
fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_some() {
        default
    } else {
        ProptestConfig {
            cases: 96,
            ..default
        }
    }
}

fn arb_weekday() -> impl Strategy<Value = Weekday> {
    (0usize..7).prop_map(|i| Weekday::ALL[i])
}

fn arb_repeat() -> impl Strategy<Value = Repeat> {
    prop_oneof![
        // Any non-empty set, in any order and possibly repeated, as a form might send it.
        (1u16..=4, prop::collection::vec(arb_weekday(), 1..6))
            .prop_map(|(interval, weekdays)| Repeat::Weekly { interval, weekdays }),
        (1u16..=4, 1u8..=31).prop_map(|(interval, day)| Repeat::MonthlyOnDay { interval, day }),
        (
            1u16..=4,
            prop::sample::select(vec![1i8, 2, 3, 4, -1]),
            arb_weekday()
        )
            .prop_map(|(interval, nth, weekday)| Repeat::MonthlyOnWeekday {
                interval,
                nth,
                weekday
            }),
        Just(Repeat::DailyWorkdays),
    ]
}

fn arb_time() -> impl Strategy<Value = NaiveTime> {
    prop_oneof![
        // The DST hours deserve more than their 1/24 share.
        (2u32..3, 0u32..60),
        (1u32..4, prop::sample::select(vec![0u32, 30])),
        (0u32..24, prop::sample::select(vec![0u32, 15, 30, 45])),
    ]
    .prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

fn arb_start() -> impl Strategy<Value = NaiveDateTime> {
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    (0i64..7 * 365, arb_time())
        .prop_map(move |(days, time)| (first + Duration::days(days)).and_time(time))
}

prop_compose! {
    fn arb_series()(
        zone in 0usize..ZONES.len(),
        start in arb_start(),
        repeat in arb_repeat(),
        end_kind in 0u8..3,
        until_days in 0i64..500,
        count in 1u32..=30,
    ) -> Series {
        let end = match end_kind {
            0 => End::Never,
            1 => End::Until { date: start.date() + Duration::days(until_days) },
            _ => End::Count { count },
        };
        Series { start, tz: ZONES[zone], recurrence: Recurrence { repeat, end } }
    }
}

fn days_in_month(date: NaiveDate) -> u32 {
    super::days_in_month(date.year(), date.month())
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    month_index(b) - month_index(a)
}

/// Whether the rule, read literally, puts an occurrence on `date` (phase counted from the
/// start's week or month).
fn oracle_on(series: &Series, date: NaiveDate) -> bool {
    let start = series.start.date();
    let weekday = Weekday::from(date.weekday());
    match &series.recurrence.repeat {
        Repeat::Weekly { interval, weekdays } => {
            let weeks = (monday_of(date).unwrap() - monday_of(start).unwrap()).num_days() / 7;
            weekdays.contains(&weekday) && weeks % i64::from(*interval) == 0
        }
        Repeat::MonthlyOnDay { interval, day } => {
            date.day() == u32::from(*day) && months_between(start, date) % i64::from(*interval) == 0
        }
        Repeat::MonthlyOnWeekday {
            interval,
            nth,
            weekday: wanted,
        } => {
            let position_ok = if *nth > 0 {
                (date.day() - 1) / 7 + 1 == u32::try_from(*nth).unwrap()
            } else {
                date.day() + 7 > days_in_month(date)
            };
            weekday == *wanted
                && position_ok
                && months_between(start, date) % i64::from(*interval) == 0
        }
        Repeat::DailyWorkdays => !matches!(weekday, Weekday::Sat | Weekday::Sun),
    }
}

/// Every original from the start up to (not including) `until_local`, by walking the days.
fn oracle(series: &Series, until_local: NaiveDateTime) -> Vec<NaiveDateTime> {
    let mut out = Vec::new();
    let time = series.start.time();
    let mut date = series.start.date();
    loop {
        let at = date.and_time(time);
        if at >= until_local {
            break;
        }
        if let End::Until { date: last } = series.recurrence.end {
            if date > last {
                break;
            }
        }
        if let End::Count { count } = series.recurrence.end {
            if out.len() >= count as usize {
                break;
            }
        }
        if oracle_on(series, date) {
            out.push(at);
        }
        date = date.succ_opt().unwrap();
    }
    out
}

fn instant(series: &Series, local: NaiveDateTime) -> DateTime<Utc> {
    resolve_local(local, series.tz).with_timezone(&Utc)
}

/// The same series expanded by `rrule` from its very start, without skipping ahead.
fn from_start_unskipped(series: &Series, hi: NaiveDateTime) -> Vec<NaiveDateTime> {
    let set = series
        .rrule()
        .build(floating(series.start))
        .unwrap()
        .limit();
    let mut out = Vec::new();
    for dt in &set {
        let local = dt.naive_utc();
        if local >= hi {
            break;
        }
        out.push(local);
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn matches_the_oracle_with_local_times_and_bounds(series in arb_series()) {
        let horizon = series.start + Duration::days(3 * 366);
        let expected = oracle(&series, horizon);
        let got = series.occurrences_between(
            instant(&series, series.start) - Duration::hours(1),
            instant(&series, horizon) - Duration::days(2),
        );
        let originals: Vec<NaiveDateTime> = got.iter().map(|o| o.original).collect();
        let expected: Vec<NaiveDateTime> = expected
            .into_iter()
            .filter(|l| instant(&series, *l) < instant(&series, horizon) - Duration::days(2))
            .collect();
        prop_assert_eq!(&originals, &expected);

        for pair in got.windows(2) {
            prop_assert!(pair[0].start < pair[1].start, "not strictly increasing: {:?}", pair);
            prop_assert!(pair[0].original < pair[1].original);
        }
        for o in &got {
            prop_assert_eq!(o.original.time(), series.start.time());
            prop_assert!(o.original >= series.start);
            match series.tz.from_local_datetime(&o.original) {
                LocalResult::Single(dt) => prop_assert_eq!(o.start, dt),
                LocalResult::Ambiguous(first, _) => prop_assert_eq!(o.start, first),
                LocalResult::None => {
                    // The documented gap shift: later on the wall clock by at most the gap.
                    let shift = o.start.naive_local() - o.original;
                    prop_assert!(shift > Duration::zero() && shift <= Duration::hours(1), "{:?}", o);
                }
            }
            match &series.recurrence.repeat {
                Repeat::Weekly { weekdays, .. } => {
                    prop_assert!(weekdays.contains(&o.original.weekday().into()));
                }
                Repeat::MonthlyOnDay { day, .. } => {
                    prop_assert_eq!(o.original.day(), u32::from(*day));
                }
                Repeat::MonthlyOnWeekday { weekday, .. } => {
                    prop_assert_eq!(Weekday::from(o.original.weekday()), *weekday);
                }
                Repeat::DailyWorkdays => {
                    prop_assert!(o.original.weekday().num_days_from_monday() < 5);
                }
            }
        }
        match series.recurrence.end {
            End::Until { date } => prop_assert!(got.iter().all(|o| o.original.date() <= date)),
            End::Count { count } => prop_assert!(got.len() <= count as usize),
            End::Never => {}
        }
    }

    #[test]
    fn adjacent_windows_add_up(
        series in arb_series(),
        a_days in 0i64..200,
        ab_hours in 0i64..24 * 120,
        bc_hours in 0i64..24 * 120,
    ) {
        let a = instant(&series, series.start) - Duration::days(30) + Duration::days(a_days);
        let b = a + Duration::hours(ab_hours);
        let c = b + Duration::hours(bc_hours);
        let mut joined = series.occurrences_between(a, b);
        joined.extend(series.occurrences_between(b, c));
        prop_assert_eq!(joined, series.occurrences_between(a, c));
    }

    #[test]
    fn skipping_ahead_equals_expanding_from_the_start(
        series in arb_series(),
        years_later in 1i64..12,
        window_days in prop::sample::select(vec![1i64, 7, 90]),
        offset_hours in 0i64..24 * 7,
    ) {
        let from = instant(&series, series.start) + Duration::days(365 * years_later)
            + Duration::hours(offset_hours);
        let to = from + Duration::days(window_days);
        let fast = series.occurrences_between(from, to);
        let hi = to.naive_utc() + Duration::days(2);
        let slow: Vec<NaiveDateTime> = from_start_unskipped(&series, hi)
            .into_iter()
            .filter(|l| match series.recurrence.end {
                End::Until { date } => l.date() <= date,
                _ => true,
            })
            .take(match series.recurrence.end {
                End::Count { count } => count as usize,
                _ => usize::MAX,
            })
            .filter(|l| {
                let at = instant(&series, *l);
                at >= from && at < to
            })
            .collect();
        let fast: Vec<NaiveDateTime> = fast.iter().map(|o| o.original).collect();
        prop_assert_eq!(&fast, &slow);
        // And the oracle agrees for the windows it can afford to walk.
        if series.recurrence.end == End::Never && years_later <= 4 {
            let oracle: Vec<NaiveDateTime> = oracle(&series, hi)
                .into_iter()
                .filter(|l| {
                    let at = instant(&series, *l);
                    at >= from && at < to
                })
                .collect();
            prop_assert_eq!(&fast, &oracle);
        }
    }

    #[test]
    fn rrule_text_round_trips(series in arb_series()) {
        let canonical = series.recurrence.canonical();
        let text = series.recurrence.to_rrule(series.tz);
        prop_assert_eq!(Recurrence::from_rrule(&text, series.tz), Ok(canonical.clone()));
        prop_assert_eq!(canonical.to_rrule(series.tz), text);
    }

    #[test]
    fn normalized_starts_on_an_occurrence_and_changes_nothing_else(series in arb_series()) {
        let window = |s: &Series| {
            s.occurrences_between(
                instant(s, series.start) - Duration::days(1),
                instant(s, series.start) + Duration::days(800),
            )
        };
        match series.normalized() {
            None => prop_assert!(window(&series).is_empty()),
            Some(n) => {
                prop_assert!(n.start >= series.start);
                prop_assert!(n.produces(n.start));
                prop_assert!(series.produces(n.start));
                prop_assert_eq!(window(&n), window(&series));
                prop_assert_eq!(n.last(), series.last());
                prop_assert_eq!(n.normalized(), Some(n.clone()));
            }
        }
    }

    #[test]
    fn produces_and_last_agree_with_the_expansion(series in arb_series(), probe_days in 0i64..400) {
        let horizon = series.start + Duration::days(3 * 366);
        let all = oracle(&series, horizon);
        for original in all.iter().take(20) {
            prop_assert!(series.produces(*original));
        }
        let probe = series.start + Duration::days(probe_days);
        prop_assert_eq!(series.produces(probe), all.contains(&probe));
        prop_assert!(!series.produces(probe + Duration::minutes(1)));
        match series.recurrence.end {
            End::Never => prop_assert_eq!(series.last(), None),
            // Until is at most 500 days on and Count at most 30 occurrences, so the
            // three-year oracle has them all, except every-4-months Count rules.
            End::Until { .. } => prop_assert_eq!(series.last(), all.last().copied()),
            End::Count { count } if all.len() == count as usize => {
                prop_assert_eq!(series.last(), all.last().copied());
            }
            End::Count { .. } => {}
        }
        prop_assert_eq!(
            series.recurrence.validate(series.start.date()).is_ok(),
            series.normalized().is_some()
        );
    }

    #[test]
    fn from_rrule_never_panics(text in "\\PC{0,80}", tz in 0usize..ZONES.len()) {
        let _ = Recurrence::from_rrule(&text, ZONES[tz]);
    }

    #[test]
    fn from_rrule_never_panics_on_near_misses(
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=DAILY", "FREQ=YEARLY", "INTERVAL=2",
                "INTERVAL=0", "INTERVAL=65536", "BYDAY=MO,TU", "BYDAY=-1FR", "BYDAY=127MO",
                "BYDAY=-128SU", "BYDAY=9999999TU", "BYDAY=MO,TU,WE,TH,FR", "BYMONTHDAY=31",
                "BYMONTHDAY=300", "COUNT=4", "COUNT=4294967296", "UNTIL=20261231T225959Z",
                "UNTIL=99991231T235959Z", "UNTIL=00000101T000000Z", "UNTIL=-0010101T000000",
                "UNTIL=20260229", "WKST=MO", "=", ";", "BYDAY=", "X",
            ]),
            0..6,
        ),
        tz in 0usize..ZONES.len(),
    ) {
        let text = parts.join(";");
        if let Ok(rule) = Recurrence::from_rrule(&text, ZONES[tz]) {
            prop_assert!(rule.validate_shape().is_ok());
        }
    }

    #[test]
    fn arbitrary_series_never_panic(
        start_secs in -70_000_000_000i64..260_000_000_000i64,
        tz in 0usize..ZONES.len(),
        interval in prop::sample::select(vec![0u16, 1, 2, 99, 100, u16::MAX]),
        day in prop::sample::select(vec![0u8, 1, 28, 29, 30, 31, 32, u8::MAX]),
        nth in prop::sample::select(vec![i8::MIN, -2, -1, 0, 1, 4, 5, i8::MAX]),
        kind in 0u8..4,
        end in prop::sample::select(vec![
            End::Never,
            End::Count { count: 0 },
            End::Count { count: 3 },
            End::Count { count: u32::MAX },
            End::Until { date: NaiveDate::MIN },
            End::Until { date: NaiveDate::MAX },
        ]),
        window_start in -70_000_000_000i64..260_000_000_000i64,
    ) {
        let repeat = match kind {
            0 => Repeat::Weekly { interval, weekdays: vec![Weekday::Sun, Weekday::Mon] },
            1 => Repeat::MonthlyOnDay { interval, day },
            2 => Repeat::MonthlyOnWeekday { interval, nth, weekday: Weekday::Wed },
            _ => Repeat::DailyWorkdays,
        };
        let start = DateTime::from_timestamp(start_secs, 0).unwrap().naive_utc();
        let series = Series { start, tz: ZONES[tz], recurrence: Recurrence { repeat, end } };
        let from = DateTime::from_timestamp(window_start, 0).unwrap();
        let _ = series.occurrences_between(from, from + Duration::days(40));
        let _ = series.normalized();
        let _ = series.produces(start);
        let _ = series.last();
        let _ = series.recurrence.validate(start.date());
        let _ = series.recurrence.to_rrule(series.tz);
        let _ = resolve_local(start, series.tz);
    }
}
