use super::*;
use crate::model::recurrence::Weekday;
use crate::schedule::holidays::ClosedDays;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Monday to Friday, with `closed` days off.
fn weekdays_only(closed: &ClosedDays) -> WorkingDays<'_> {
    WorkingDays {
        weekdays: &Weekday::WORKDAYS,
        closed,
    }
}

fn due(id: i64, name: &str, on: NaiveDate, since: i64) -> DueCheckIn {
    DueCheckIn {
        person_id: id,
        name: name.into(),
        cadence_days: 14,
        checkin_minutes: 20,
        last_held: None,
        due_on: on,
        days_since: since,
        days_overdue: 0,
        welcome_back: false,
        away_until: None,
        suggested_on: None,
        booked: None,
        one_on_one: None,
    }
}

#[test]
fn ten_people_added_on_a_monday_are_due_two_a_day_that_week() {
    let closed = ClosedDays::default();
    let working = weekdays_only(&closed);
    // Monday 23 November 2026.
    let added = d(2026, 11, 23);
    let first = first_dues(&newcomers(10, added, 14), &working, 3);
    let mut per_day: HashMap<NaiveDate, usize> = HashMap::new();
    for date in first.values() {
        *per_day.entry(*date).or_default() += 1;
        assert!(*date > added && *date <= added + Duration::days(FIRST_WEEK_DAYS));
        assert!(working.is_working_day(*date));
    }
    // Tue–Fri and the next Monday, two each.
    assert_eq!(per_day.len(), 5);
    assert!(per_day.values().all(|n| *n == 2), "{per_day:?}");
    // A daily cadence is never later than a day.
    let daily = first_dues(
        &[(
            Newcomer {
                person_id: 1,
                added_on: added,
                cadence_days: 1,
            },
            4,
        )],
        &working,
        3,
    );
    assert_eq!(daily[&1], d(2026, 11, 24));
}

fn newcomers(n: usize, added: NaiveDate, cadence_days: u16) -> Vec<(Newcomer, usize)> {
    (0..n)
        .map(|i| {
            (
                Newcomer {
                    person_id: i as i64 + 1,
                    added_on: added,
                    cadence_days,
                },
                i,
            )
        })
        .collect()
}

#[test]
fn a_team_of_thirty_five_imported_at_once_keeps_to_three_first_check_ins_a_day() {
    let closed = ClosedDays::default();
    let working = weekdays_only(&closed);
    // Monday 23 November 2026, every 21 days, at most three a day.
    let added = d(2026, 11, 23);
    let first = first_dues(&newcomers(35, added, 21), &working, 3);
    let mut per_day: HashMap<NaiveDate, usize> = HashMap::new();
    for date in first.values() {
        *per_day.entry(*date).or_default() += 1;
        assert!(working.is_working_day(*date), "{date}");
    }
    assert!(per_day.values().all(|n| *n <= 3), "{per_day:?}");
    // Tue 24 Nov to Mon 30 Nov hold the first fifteen, three a day; the other twenty follow
    // on the next seven working days, Tue 1 Dec to Wed 9 Dec.
    let mut days: Vec<_> = per_day.into_iter().collect();
    days.sort();
    let expected: Vec<(NaiveDate, usize)> = [24, 25, 26, 27, 30]
        .into_iter()
        .map(|day| (d(2026, 11, day), 3))
        .chain(
            [1, 2, 3, 4, 7, 8]
                .into_iter()
                .map(|day| (d(2026, 12, day), 3)),
        )
        .chain([(d(2026, 12, 9), 2)])
        .collect();
    assert_eq!(days, expected);
    // The first added are met in the first week; the last added last.
    assert!((1..=15).all(|id| first[&id] <= d(2026, 11, 30)));
    assert_eq!(first[&35], d(2026, 12, 9));

    // A short cadence still wins: every 7 days, nobody later than a week after being added.
    let weekly = first_dues(&newcomers(35, added, 7), &working, 3);
    assert!(
        weekly.values().all(|date| *date <= d(2026, 11, 30)),
        "{weekly:?}"
    );
}

#[test]
fn five_due_on_one_day_with_room_for_three_propose_the_next_working_days() {
    let closed = ClosedDays::default();
    let working = weekdays_only(&closed);
    let people = |on| {
        vec![
            due(1, "Anna", on, 20),
            due(2, "Bo", on, 14),
            due(3, "Cecilia", on, 30),
            due(4, "David", on, 15),
            due(5, "Lars", on, 16),
        ]
    };
    // Monday 4 May 2026; Tuesday already has two due, Wednesday none.
    let (mon, tue, wed) = (d(2026, 5, 4), d(2026, 5, 5), d(2026, 5, 6));
    let mut day = people(mon);
    let all: Vec<NaiveDate> = [mon; 5].into_iter().chain([tue; 2]).collect();
    let moves = spread(&mut [(mon, &mut day)], &all, &HashMap::new(), &working, 3);
    // Cecilia (30 days), Anna (20) and Lars (16) have waited longest and keep Monday.
    let mv = |id, name: &str, to| SpreadMove {
        person_id: id,
        name: name.into(),
        from: mon,
        to,
    };
    assert_eq!(moves, vec![mv(4, "David", tue), mv(2, "Bo", wed)]);
    assert_eq!(day[3].suggested_on, Some(tue));
    assert_eq!(day[0].suggested_on, None);

    // Thursday 30 April: Friday is första maj, then the weekend; Monday is four days on,
    // past the limit. Nobody is proposed anywhere.
    let thu = d(2026, 4, 30);
    let mut day = people(thu);
    let moves = spread(
        &mut [(thu, &mut day)],
        &[thu; 5],
        &HashMap::new(),
        &working,
        3,
    );
    assert!(moves.is_empty());
}

proptest! {
    /// Whatever the load: a proposal is a working day, after the due day and at most
    /// `SPREAD_DAYS` after it, never on a day the person is away, and no day receives
    /// proposals beyond the limit.
    #[test]
    fn proposals_are_bounded_working_days_with_room(
        loads in prop::collection::vec(0usize..9, 14), cap in 1u16..5, start in 0i64..4000,
        away_person in 0i64..9, away_from in 0i64..14,
    ) {
        let closed = ClosedDays::default();
        let working = weekdays_only(&closed);
        let first = d(2024, 1, 1) + Duration::days(start);
        let mut days: Vec<(NaiveDate, Vec<DueCheckIn>)> = loads
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let date = first + Duration::days(i as i64);
                (date, (0..*n).map(|k| due(k as i64 + 1 + 10 * i as i64, "X", date, k as i64)).collect())
            })
            .collect();
        let all: Vec<NaiveDate> = days.iter().flat_map(|(d, v)| v.iter().map(|_| *d)).collect();
        let leave = Away {
            id: 1, person_id: away_person, from: first + Duration::days(away_from),
            to: first + Duration::days(away_from + 2), reason: crate::model::AwayReason::Vacation,
        };
        let mut away = HashMap::new();
        away.insert(away_person, vec![&leave]);
        let mut per_day: Vec<(NaiveDate, &mut Vec<DueCheckIn>)> =
            days.iter_mut().map(|(d, v)| (*d, v)).collect();
        let moves = spread(&mut per_day, &all, &away, &working, cap);
        let mut received: HashMap<NaiveDate, usize> = HashMap::new();
        for m in &moves {
            prop_assert!(m.to > m.from && (m.to - m.from).num_days() <= SPREAD_DAYS);
            prop_assert!(working.is_working_day(m.to));
            prop_assert!(!(m.person_id == away_person && leave.covers(m.to)));
            *received.entry(m.to).or_default() += 1;
        }
        for (date, n) in received {
            let already = all.iter().filter(|d| **d == date).count();
            let left = moves.iter().filter(|m| m.from == date).count();
            prop_assert!(already - left + n <= usize::from(cap), "{date}");
        }
    }
    /// People added together: every first date is after the day of adding, no later than
    /// added + cadence, a working day unless the cadence's own date holds it, no day but the
    /// cadence's holds more than the limit, and adding more people that day never moves the
    /// dates of those added before them.
    #[test]
    fn first_check_ins_keep_to_the_limit_and_stay_put(
        n in 1usize..80, more in 1usize..20, cap in 1u16..6, cadence in 1u16..60,
        start in 0i64..4000, holiday in 0i64..20,
    ) {
        let added = d(2024, 1, 1) + Duration::days(start);
        let closed = ClosedDays { days_off: [added + Duration::days(holiday)].into(), ..ClosedDays::default() };
        let working = weekdays_only(&closed);
        let by_cadence = added + Duration::days(cadence.into());
        let first = first_dues(&newcomers(n, added, cadence), &working, cap);
        let mut per_day: HashMap<NaiveDate, usize> = HashMap::new();
        for date in first.values() {
            prop_assert!(*date > added && *date <= by_cadence, "{date}");
            if *date != by_cadence {
                prop_assert!(working.is_working_day(*date), "{date}");
                *per_day.entry(*date).or_default() += 1;
            }
        }
        prop_assert!(per_day.values().all(|k| *k <= usize::from(cap)), "{per_day:?}");
        let later = first_dues(&newcomers(n + more, added, cadence), &working, cap);
        for (id, date) in &first {
            prop_assert_eq!(later[id], *date);
        }
    }
}
