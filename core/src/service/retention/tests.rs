use chrono::{NaiveDate, TimeDelta};

use super::*;
use crate::model::checkin::{FinishCheckIn, PulseDraft};
use crate::model::Channel;
use crate::service::{checkins, people};
use crate::testing::{self, date};

fn finish(store: &mut Store, person: i64, held: NaiveDate, note: &str, mood: i64) {
    let draft = FinishCheckIn {
        person_id: person,
        held_on: held.to_string(),
        minutes: Some(20),
        channel: Channel::Video,
        note: Some(note.into()),
        pulse: PulseDraft {
            mood: Some(mood),
            ..PulseDraft::default()
        },
        prompts: Vec::new(),
        done_followups: Vec::new(),
        new_followups: Vec::new(),
    };
    checkins::finish(store, &draft, held, testing::now()).unwrap();
}

#[test]
fn nothing_is_deleted_until_the_manager_chooses() {
    let mut store = testing::store();
    let anna = testing::person(&mut store, "Anna", testing::now() - TimeDelta::days(2000));
    finish(&mut store, anna, date(2020, 1, 10), "long ago", 2);
    let cleaned = apply(&mut store, date(2026, 11, 28), testing::now()).unwrap();
    assert_eq!((cleaned.notes, cleaned.pulses, cleaned.people), (0, 0, 0));
    assert_eq!(get(&store).unwrap().last, Some(cleaned));
    let kept = checkins::for_person(&store, anna).unwrap();
    assert_eq!(kept[0].note.as_deref(), Some("long ago"));
}

#[test]
fn notes_and_pulses_older_than_the_chosen_months_go_and_the_checkin_stays() {
    let mut store = testing::store();
    let anna = testing::person(&mut store, "Anna", testing::now() - TimeDelta::days(2000));
    let today = date(2026, 11, 28);
    // 12 months back is 2025-11-28: the day before goes, that day itself stays.
    finish(&mut store, anna, date(2025, 11, 27), "old note", 2);
    finish(&mut store, anna, date(2025, 11, 28), "a year ago today", 3);
    finish(&mut store, anna, date(2026, 11, 1), "recent", 4);
    set(
        &mut store,
        RetentionSettings {
            notes_months: Some(12),
            archived_months: None,
        },
    )
    .unwrap();

    let cleaned = apply(&mut store, today, testing::now()).unwrap();

    assert_eq!((cleaned.notes, cleaned.pulses, cleaned.people), (1, 1, 0));
    let mut held = checkins::for_person(&store, anna).unwrap();
    held.sort_by_key(|c| c.held_on);
    assert_eq!(held.len(), 3, "the check-ins themselves stay");
    assert_eq!(held[0].note, None);
    assert_eq!(held[0].pulse.mood, None);
    assert_eq!(held[1].note.as_deref(), Some("a year ago today"));
    assert_eq!(held[2].pulse.mood, Some(4));
    // Once a day: cleaned today, not due again until tomorrow.
    assert!(!due(&store, today).unwrap());
    assert!(due(&store, today + TimeDelta::days(1)).unwrap());
    let again = apply(&mut store, today, testing::now()).unwrap();
    assert_eq!((again.notes, again.pulses), (0, 0));
}

#[test]
fn people_archived_longer_than_chosen_are_erased() {
    let mut store = testing::store();
    let now = testing::now();
    let long_gone = testing::person(&mut store, "Long Gone", now - TimeDelta::days(900));
    let recently = testing::person(&mut store, "Recently Left", now - TimeDelta::days(900));
    let active = testing::person(&mut store, "Still Here", now - TimeDelta::days(900));
    finish(
        &mut store,
        long_gone,
        date(2024, 1, 10),
        "about Long Gone",
        3,
    );
    people::archive(&mut store, long_gone, now - TimeDelta::days(400)).unwrap();
    people::archive(&mut store, recently, now - TimeDelta::days(100)).unwrap();
    set(
        &mut store,
        RetentionSettings {
            notes_months: None,
            archived_months: Some(12),
        },
    )
    .unwrap();

    let cleaned = apply(&mut store, testing::today(), now).unwrap();

    assert_eq!(cleaned.people, 1);
    let left: Vec<i64> = people::list(&store).unwrap().iter().map(|p| p.id).collect();
    assert_eq!(left, [recently, active]);
    assert_eq!(checkins::for_person(&store, long_gone).unwrap(), []);
}

#[test]
fn a_choice_not_offered_is_refused_and_nothing_changes() {
    let mut store = testing::store();
    for (notes, archived) in [(Some(7), None), (None, Some(0)), (Some(12), Some(1000))] {
        let err = set(
            &mut store,
            RetentionSettings {
                notes_months: notes,
                archived_months: archived,
            },
        )
        .unwrap_err();
        assert!(err.message(crate::Lang::En).contains("months"), "{err:?}");
        assert!(err.message(crate::Lang::Sv).contains("månader"), "{err:?}");
        assert_eq!(get(&store).unwrap().settings, RetentionSettings::default());
    }
}
