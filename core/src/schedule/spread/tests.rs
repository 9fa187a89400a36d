use super::*;
use crate::model::recurrence::Weekday;
use crate::schedule::holidays::ClosedDays;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
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
    }
}

#[test]
fn ten_people_added_on_a_monday_are_due_two_a_day_that_week() {
    let closed = ClosedDays::default();
    let week = Weekday::WORKDAYS;
    let working = WorkingDays {
        weekdays: &week,
        closed: &closed,
    };
    // Monday 23 November 2026.
    let added = d(2026, 11, 23);
    let newcomers: Vec<(Newcomer, usize)> = (0..10)
        .map(|i| {
            (
                Newcomer {
                    person_id: i + 1,
                    added_on: added,
                    cadence_days: 14,
                },
                i as usize,
            )
        })
        .collect();
    let first = first_dues(&newcomers, &working);
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
    );
    assert_eq!(daily[&1], d(2026, 11, 24));
}

#[test]
fn five_due_on_one_day_with_room_for_three_propose_the_next_working_days() {
    let closed = ClosedDays::default();
    let week = Weekday::WORKDAYS;
    let working = WorkingDays {
        weekdays: &week,
        closed: &closed,
    };
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
        let week = Weekday::WORKDAYS;
        let working = WorkingDays { weekdays: &week, closed: &closed };
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
}
