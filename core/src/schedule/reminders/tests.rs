use super::*;
use crate::testing::{date, sthlm, sthlm_at as local};

#[test]
fn working_hours_are_weekdays_eight_to_five_by_default() {
    let s = ReminderSettings::default();
    assert!(s.in_working_hours(local(2026, 11, 26, 8, 0), sthlm()));
    assert!(!s.in_working_hours(local(2026, 11, 26, 17, 0), sthlm()));
    assert!(
        !s.in_working_hours(local(2026, 11, 28, 10, 0), sthlm()),
        "Saturday"
    );
    assert_eq!(
        s.next_working_moment(local(2026, 11, 27, 18, 0), sthlm()),
        Some(local(2026, 11, 30, 8, 0)),
        "Friday evening → Monday morning"
    );
    assert_eq!(
        s.until_tomorrow_morning(local(2026, 11, 26, 15, 0), sthlm()),
        local(2026, 11, 27, 8, 0)
    );
}

#[test]
fn no_working_day_means_no_working_moment() {
    let s = ReminderSettings {
        work_days: vec![],
        ..ReminderSettings::default()
    };
    assert_eq!(
        s.next_working_moment(local(2026, 11, 26, 8, 0), sthlm()),
        None
    );
}

/// Keys exactly as earlier versions wrote them to reminder_log and reminder_snooze: they
/// must keep parsing, and print back the same.
#[test]
fn reminder_keys_read_and_write_todays_stored_format() {
    let examples = [
        (
            "checkin:12:2026-11-26",
            ReminderKey::CheckIn {
                person_id: 12,
                due_on: date(2026, 11, 26),
            },
        ),
        (
            "occ:3@2026-12-04T09:00:10",
            ReminderKey::Occurrence {
                occurrence: OccurrenceRef::parse("3@2026-12-04T09:00").unwrap(),
                moved_to: None,
                lead_minutes: 10,
            },
        ),
        (
            "occ:3@2026-12-04T09:00>2026-12-04T13:30:10",
            ReminderKey::Occurrence {
                occurrence: OccurrenceRef::parse("3@2026-12-04T09:00").unwrap(),
                moved_to: Some(date(2026, 12, 4).and_hms_opt(13, 30, 0).unwrap()),
                lead_minutes: 10,
            },
        ),
        (
            "occ:3@2026-12-04T09:00:0",
            ReminderKey::Occurrence {
                occurrence: OccurrenceRef::parse("3@2026-12-04T09:00").unwrap(),
                moved_to: None,
                lead_minutes: 0,
            },
        ),
        (
            "idea:7:2026-01-05",
            ReminderKey::ReportBack {
                idea_id: 7,
                due_on: date(2026, 1, 5),
            },
        ),
    ];
    for (text, key) in examples {
        assert_eq!(text.parse::<ReminderKey>().unwrap(), key, "{text}");
        assert_eq!(key.to_string(), text);
    }
}

#[test]
fn a_bad_reminder_key_is_a_typed_error_not_a_panic() {
    let long = format!("checkin:1:{}", "9".repeat(200));
    for bad in [
        "",
        "drop table",
        "checkin:",
        "checkin:x:y",
        "checkin:12",
        "checkin:0:2026-11-26",
        "checkin:-4:2026-11-26",
        "checkin:12:2026-13-01",
        "checkin:12:2026-11-26\n",
        "idea:7",
        "idea:7:tomorrow",
        "occ:",
        "occ:nonsense",
        "occ:3@2026-12-04T09:00",
        "occ:3@2026-12-04T09:00:-5",
        "occ:3@2026-12-04T09:00:x",
        "occ:x@2026-12-04T09:00:10",
        "Checkin:12:2026-11-26",
        long.as_str(),
    ] {
        let refused = bad.parse::<ReminderKey>().unwrap_err();
        assert_eq!(
            (refused.field, refused.key),
            ("key", "error.invalid.reminder"),
            "{bad:?}"
        );
    }
}

#[test]
fn an_occurrences_reminders_share_its_event_whatever_the_lead() {
    let at = |lead_minutes| ReminderKey::Occurrence {
        occurrence: OccurrenceRef::parse("3@2026-12-04T09:00").unwrap(),
        moved_to: None,
        lead_minutes,
    };
    assert_eq!(at(10).event(), at(0).event());
    assert_ne!(at(10), at(0));
}

fn any_key() -> impl proptest::strategy::Strategy<Value = ReminderKey> {
    use proptest::prelude::*;
    let day = (0i64..40_000).prop_map(|n| date(1970, 1, 1) + Duration::days(n));
    let minute = 0i64..(40_000 * 1440);
    prop_oneof![
        (1i64..=i64::MAX, day.clone())
            .prop_map(|(person_id, due_on)| ReminderKey::CheckIn { person_id, due_on }),
        (
            1i64..=i64::MAX,
            minute.clone(),
            proptest::option::of(minute),
            any::<u32>()
        )
            .prop_map(|(rhythm_id, m, moved, lead_minutes)| {
                let epoch = date(1970, 1, 1).and_time(NaiveTime::MIN);
                ReminderKey::Occurrence {
                    occurrence: OccurrenceRef {
                        rhythm_id,
                        original: epoch + Duration::minutes(m),
                    },
                    moved_to: moved.map(|m| epoch + Duration::minutes(m)),
                    lead_minutes,
                }
            }),
        (1i64..=i64::MAX, day)
            .prop_map(|(idea_id, due_on)| ReminderKey::ReportBack { idea_id, due_on }),
    ]
}

proptest::proptest! {
    #[test]
    fn every_reminder_key_reads_back_as_itself(key in any_key()) {
        proptest::prop_assert_eq!(key.to_string().parse::<ReminderKey>(), Ok(key));
    }
}
