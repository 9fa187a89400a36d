use super::*;
use crate::i18n::Lang;
use crate::model::AwayReason;
use crate::testing::{person, sthlm_at};

fn draft(person_id: i64, from: &str, to: &str, reason: &str) -> AwayDraft {
    AwayDraft {
        person_id,
        from: from.into(),
        to: to.into(),
        reason: reason.into(),
    }
}

#[test]
fn periods_are_added_listed_and_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let anna = person(&mut store, "Anna", sthlm_at(2026, 1, 5, 9, 0));
    let leave = add(
        &mut store,
        &draft(anna, "2026-06-10", "2026-08-30", "parental_leave"),
    )
    .unwrap();
    assert_eq!(leave.reason, AwayReason::ParentalLeave);
    let sick = add(
        &mut store,
        &draft(anna, "2026-03-02", "2026-03-04", "sick_leave"),
    )
    .unwrap();
    let listed: Vec<_> = list(&store, anna).unwrap().iter().map(|a| a.id).collect();
    assert_eq!(listed, [sick.id, leave.id]);
    remove(&mut store, sick.id).unwrap();
    assert_eq!(list(&store, anna).unwrap(), std::slice::from_ref(&leave));
    assert_eq!(
        current(&store, crate::testing::date(2026, 8, 30)).unwrap(),
        [leave]
    );
    assert!(current(&store, crate::testing::date(2026, 8, 31))
        .unwrap()
        .is_empty());
}

#[test]
fn bad_input_is_refused_with_a_translated_reason_and_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let anna = person(&mut store, "Anna", sthlm_at(2026, 1, 5, 9, 0));
    add(
        &mut store,
        &draft(anna, "2026-06-10", "2026-06-20", "vacation"),
    )
    .unwrap();
    let cases = [
        (
            draft(anna, "2026-06-10", "2026-06-01", "vacation"),
            "Den sista dagen",
        ),
        (
            draft(anna, "2026-06-21", "2026-06-22", "illness"),
            "anledning",
        ),
        (draft(anna, "juni", "2026-06-22", "vacation"), "datum"),
        (draft(anna, "2026-06-15", "2026-06-25", "vacation"), "Anna"),
        (
            draft(999, "2026-07-01", "2026-07-02", "vacation"),
            "finns inte",
        ),
        (draft(-1, "2026-07-01", "2026-07-02", "vacation"), ""),
    ];
    for (input, says) in cases {
        let err = add(&mut store, &input).unwrap_err();
        assert!(
            err.message(Lang::Sv).contains(says),
            "{input:?}: {}",
            err.message(Lang::Sv)
        );
        assert!(!err.message(Lang::En).is_empty());
    }
    assert_eq!(list(&store, anna).unwrap().len(), 1);
    assert!(matches!(
        remove(&mut store, 999),
        Err(Error::NotFound { what: "away", .. })
    ));
    assert!(matches!(list(&store, 999), Err(Error::NotFound { .. })));
    assert_eq!(list(&store, anna).unwrap().len(), 1);
}

#[test]
fn erasing_a_person_takes_their_away_periods() {
    let mut store = Store::open_in_memory().unwrap();
    let anna = person(&mut store, "Anna", sthlm_at(2026, 1, 5, 9, 0));
    add(
        &mut store,
        &draft(anna, "2026-06-10", "2026-06-20", "sick_leave"),
    )
    .unwrap();
    store
        .write(|tx| {
            crate::store::privacy::erase(tx, anna, crate::model::privacy::IdeaChoice::Erase)
        })
        .unwrap();
    let left: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM away", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

/// Today, seen through the agenda and the reminder tick: someone on leave is neither due
/// nor overdue, is listed as away, gets no reminder, and is due (welcome back) on return.
#[test]
fn a_person_on_leave_is_not_due_gets_no_reminder_and_is_welcomed_back() {
    use crate::service::{agenda, reminders};
    use crate::testing::{person_talked, sthlm};
    let mut store = Store::open_in_memory().unwrap();
    // Both last talked on Thursday 12 November: due Thursday 26 November.
    let anna = person_talked(&mut store, "Anna", sthlm_at(2026, 11, 12, 9, 0));
    person_talked(&mut store, "Bo", sthlm_at(2026, 11, 12, 9, 0));
    add(
        &mut store,
        &draft(anna, "2026-11-23", "2026-12-04", "parental_leave"),
    )
    .unwrap();
    let now = sthlm_at(2026, 11, 26, 9, 0);
    let today = agenda::agenda(&store, now, sthlm(), 14).unwrap();
    let due_today: Vec<_> = today.days[0]
        .checkins
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(due_today, ["Bo"]);
    assert!(today.overdue.is_empty());
    assert_eq!(today.away.len(), 1);
    assert_eq!(
        today.away[0].away_until,
        Some(crate::testing::date(2026, 12, 4))
    );
    // Back Saturday 5 December: due Monday 7 December, as a welcome back.
    let monday = today
        .days
        .iter()
        .find(|d| d.date == crate::testing::date(2026, 12, 7))
        .unwrap();
    assert!(monday
        .checkins
        .iter()
        .any(|c| c.name == "Anna" && c.welcome_back));
    let tick = reminders::tick(&mut store, now, sthlm(), Lang::En).unwrap();
    let told: Vec<_> = tick
        .notifications
        .iter()
        .flat_map(|n| n.person_id)
        .collect();
    assert_eq!(told, [anna + 1], "only Bo is reminded");
    // On the day she is back, her reminder comes; she is not overdue.
    let back = sthlm_at(2026, 12, 7, 9, 0);
    let tick = reminders::tick(&mut store, back, sthlm(), Lang::En).unwrap();
    assert_eq!(tick.notifications.len(), 1);
    assert_eq!(tick.notifications[0].person_id, Some(anna));
    let agenda = agenda::agenda(&store, back, sthlm(), 1).unwrap();
    assert!(agenda.overdue.iter().all(|c| c.person_id != anna));
}

/// Someone added without a last talk is due within the first week, not a cadence later:
/// Today never calls a team "heard" while it holds someone never met.
#[test]
fn a_new_person_is_due_within_the_first_week_and_a_told_last_talk_counts() {
    use crate::model::{NewPerson, PersonDraft};
    use crate::service::{agenda, people};
    use crate::testing::sthlm;
    let mut store = Store::open_in_memory().unwrap();
    // Monday 23 November 2026, 09:00: four people added together.
    let added = sthlm_at(2026, 11, 23, 9, 0);
    let today = crate::testing::date(2026, 11, 23);
    for name in ["A", "B", "C", "D"] {
        let new = NewPerson {
            draft: PersonDraft {
                name: name.into(),
                ..PersonDraft::default()
            },
            last_talked: None,
        };
        people::add_new(&mut store, &new, today, added).unwrap();
    }
    let week = agenda::agenda(&store, added, sthlm(), 7).unwrap();
    let per_day: Vec<usize> = week.days.iter().map(|d| d.checkins.len()).collect();
    // Staggered Tuesday to Friday, one each; nothing at the weekend.
    assert_eq!(per_day, [0, 1, 1, 1, 1, 0, 0]);
    // A last talk in the future is refused and adds no one.
    let bad = NewPerson {
        draft: PersonDraft {
            name: "E".into(),
            ..PersonDraft::default()
        },
        last_talked: Some("2026-11-24".into()),
    };
    let err = people::add_new(&mut store, &bad, today, added).unwrap_err();
    assert_eq!(err.field(), Some("lastTalked"));
    assert_eq!(err.message(Lang::Sv), "Datumet kan inte ligga i framtiden.");
    let told = NewPerson {
        last_talked: Some("2026-11-02".into()),
        ..bad
    };
    let e = people::add_new(&mut store, &told, today, added).unwrap();
    assert_eq!(e.last_talked_on, Some(crate::testing::date(2026, 11, 2)));
    assert_eq!(people::list(&store).unwrap().len(), 5);
    // Last talked 2 November + 14 days: overdue since Monday 16 November.
    let today_view = agenda::agenda(&store, added, sthlm(), 1).unwrap();
    assert_eq!(today_view.overdue.len(), 1);
    assert_eq!(today_view.overdue[0].days_overdue, 7);
}

/// The calendar setting: checked whole, saved whole; a holiday or day off moves due dates.
#[test]
fn calendar_settings_are_checked_whole_and_move_due_dates() {
    use crate::service::agenda;
    use crate::service::settings::{calendar, set_calendar, CalendarSettingsDraft};
    use crate::testing::{person_talked, sthlm};
    let mut store = Store::open_in_memory().unwrap();
    let before = calendar(&store).unwrap();
    assert_eq!(before.max_per_day, 3);
    let ok = CalendarSettingsDraft {
        holidays: "sweden".into(),
        days_off: vec!["2026-11-26".into(), "2026-11-26".into()],
        max_per_day: 4,
    };
    for (draft, field) in [
        (
            CalendarSettingsDraft {
                holidays: "mars".into(),
                ..ok.clone()
            },
            "holidays",
        ),
        (
            CalendarSettingsDraft {
                days_off: vec!["26/11".into()],
                ..ok.clone()
            },
            "daysOff",
        ),
        (
            CalendarSettingsDraft {
                max_per_day: 0,
                ..ok.clone()
            },
            "maxPerDay",
        ),
        (
            CalendarSettingsDraft {
                max_per_day: 51,
                ..ok.clone()
            },
            "maxPerDay",
        ),
        (
            CalendarSettingsDraft {
                days_off: vec!["2026-01-01".into(); 367],
                ..ok.clone()
            },
            "daysOff",
        ),
    ] {
        let err = set_calendar(&mut store, &draft).unwrap_err();
        assert_eq!(err.field(), Some(field));
        assert!(!err.message(Lang::Sv).is_empty() && !err.message(Lang::En).is_empty());
        assert_eq!(calendar(&store).unwrap(), before, "nothing changed");
    }
    let saved = set_calendar(&mut store, &ok).unwrap();
    assert_eq!(saved.days_off, [crate::testing::date(2026, 11, 26)]);
    // Due Thursday 26 November, the manager's day off: Friday.
    person_talked(&mut store, "Anna", sthlm_at(2026, 11, 12, 9, 0));
    let week = agenda::agenda(&store, sthlm_at(2026, 11, 26, 9, 0), sthlm(), 2).unwrap();
    assert!(week.days[0].checkins.is_empty());
    assert_eq!(week.days[1].checkins[0].name, "Anna");
}

/// DST weeks: a leave ending the Saturday before the clocks go back (25 October 2026) and a
/// due date on the Sunday they go forward (29 March 2026) both land on Monday, and the
/// reminder comes at 09:00 local time — 08:00 UTC in winter, 07:00 UTC in summer.
#[test]
fn due_dates_and_reminders_in_dst_weeks_keep_local_time() {
    use crate::service::reminders;
    use crate::testing::{person_talked, sthlm};
    let mut store = Store::open_in_memory().unwrap();
    // Last talked Sunday 15 March: due Sunday 29 March (clocks forward) → Monday 30 March.
    let spring = person_talked(&mut store, "Vår", sthlm_at(2026, 3, 15, 12, 0));
    let tick = |store: &mut Store, at| reminders::tick(store, at, sthlm(), Lang::En).unwrap();
    assert!(tick(&mut store, sthlm_at(2026, 3, 29, 9, 0))
        .notifications
        .is_empty());
    assert!(tick(&mut store, sthlm_at(2026, 3, 30, 8, 59))
        .notifications
        .is_empty());
    let monday = tick(&mut store, sthlm_at(2026, 3, 30, 9, 0));
    assert_eq!(monday.notifications[0].person_id, Some(spring));
    assert_eq!(
        sthlm_at(2026, 3, 30, 9, 0).to_rfc3339(),
        "2026-03-30T07:00:00+00:00"
    );

    // Away 12–24 October; back Sunday 25 October (clocks back) → Monday 26 October.
    let autumn = person_talked(&mut store, "Höst", sthlm_at(2026, 10, 5, 12, 0));
    add(
        &mut store,
        &draft(autumn, "2026-10-12", "2026-10-24", "vacation"),
    )
    .unwrap();
    let quiet = tick(&mut store, sthlm_at(2026, 10, 19, 9, 0));
    assert!(quiet
        .notifications
        .iter()
        .all(|n| n.person_id != Some(autumn)));
    assert!(tick(&mut store, sthlm_at(2026, 10, 25, 9, 0))
        .notifications
        .is_empty());
    let back = tick(&mut store, sthlm_at(2026, 10, 26, 9, 0));
    assert_eq!(back.notifications[0].person_id, Some(autumn));
    assert_eq!(
        sthlm_at(2026, 10, 26, 9, 0).to_rfc3339(),
        "2026-10-26T08:00:00+00:00"
    );
}
