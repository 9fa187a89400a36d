//! The reminder engine on a fake clock: every `now` is passed in, nothing sleeps.

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::model::recurrence::{End, Recurrence, Repeat};
use crate::model::{Channel, CheckInDraft, RhythmDraft};
use crate::testing::{person, person_talked, sthlm, sthlm_at as at};

fn rhythm(
    store: &mut Store,
    title: &str,
    days: &[Weekday],
    time: &str,
    minutes: i64,
    leads: Option<Vec<i64>>,
) {
    let draft = RhythmDraft {
        lead_minutes: leads,
        ..crate::testing::weekly(
            RhythmKind::OfficeHours,
            title,
            "2026-01-05",
            days,
            time,
            minutes,
        )
    };
    crate::service::rhythms::create(store, &draft, sthlm(), at(2026, 1, 1, 8, 0)).unwrap();
}

fn tick_at(store: &mut Store, now: DateTime<Utc>) -> Tick {
    tick(store, now, sthlm(), Lang::En).unwrap()
}

/// Ticks every minute over [from, to) and returns (time, notification) pairs.
fn run(
    store: &mut Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, Notification)> {
    let mut out = Vec::new();
    let mut now = from;
    while now < to {
        for n in tick_at(store, now).notifications {
            out.push((now, n));
        }
        now += Duration::minutes(1);
    }
    out
}

const ALL_DAYS: [Weekday; 7] = Weekday::ALL;

#[test]
fn a_meeting_reminds_ten_minutes_before_and_at_the_start_once_each() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(&mut s, "Office hours", &[Weekday::Thu], "10:00", 60, None);
    let fired = run(&mut s, at(2026, 11, 26, 9, 0), at(2026, 11, 26, 12, 0));
    let titles: Vec<(DateTime<Utc>, &str)> =
        fired.iter().map(|(t, n)| (*t, n.title.as_str())).collect();
    assert_eq!(
        titles,
        [
            (at(2026, 11, 26, 9, 50), "Office hours starts in 10 minutes"),
            (at(2026, 11, 26, 10, 0), "Office hours starts now"),
        ]
    );
    assert_eq!(fired[0].1.body, "10:00–11:00");
    assert!(fired[0].1.key.is_some());
}

#[test]
fn the_scheduler_is_told_when_to_wake() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(&mut s, "Office hours", &[Weekday::Thu], "10:00", 60, None);
    let t = tick_at(&mut s, at(2026, 11, 26, 9, 0));
    assert_eq!(t.next_wake, Some(at(2026, 11, 26, 9, 50)));
    let t = tick_at(&mut s, at(2026, 11, 26, 9, 50));
    assert_eq!(t.notifications.len(), 1);
    assert_eq!(t.next_wake, Some(at(2026, 11, 26, 10, 0)));
}

#[test]
fn a_tick_says_how_long_its_answer_holds_and_the_tray_how_long_it_reads_the_same() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(&mut s, "Office hours", &[Weekday::Thu], "10:00", 60, None);
    // Before the meeting: until its first reminder.
    let t = tick_at(&mut s, at(2026, 11, 26, 9, 30));
    assert_eq!(t.quiet_until, at(2026, 11, 26, 9, 50));
    // In the evening: never longer than an hour, whatever is next.
    let t = tick_at(&mut s, at(2026, 11, 26, 20, 0));
    assert_eq!(t.quiet_until, at(2026, 11, 26, 21, 0));
    // Late: until the new day.
    let t = tick_at(&mut s, at(2026, 11, 26, 23, 40));
    assert_eq!(t.quiet_until, at(2026, 11, 27, 0, 0));
    // The tray lists the meeting until it ends, and the day changes at midnight.
    let (_, until) =
        tray_state_until(&s, at(2026, 11, 26, 10, 5), sthlm(), Lang::En, None).unwrap();
    assert_eq!(until, at(2026, 11, 26, 11, 0));
    let (_, until) =
        tray_state_until(&s, at(2026, 11, 26, 12, 0), sthlm(), Lang::En, None).unwrap();
    assert_eq!(until, at(2026, 11, 27, 0, 0));
    // A check-in held by working hours at night: until they begin or the day turns.
    person(&mut s, "Fatima Hassan", at(2024, 6, 3, 10, 0));
    let t = tick_at(&mut s, at(2026, 11, 27, 7, 30));
    assert!(t.notifications.is_empty() && t.held.len() == 1, "{t:?}");
    assert_eq!(t.quiet_until, at(2026, 11, 27, 8, 0));
    assert_eq!(
        tick_at(&mut s, at(2026, 11, 27, 8, 0)).notifications.len(),
        1
    );
}

#[test]
fn the_next_day_begins_where_the_clocks_say_it_does() {
    use chrono::TimeZone;
    let utc = |d, h, m| Utc.with_ymd_and_hms(2026, 9, d, h, m, 0).unwrap();
    // Chile springs forward at midnight: 5 September 23:30 (-04) is followed by 6 September
    // 01:00 (-03), half an hour later.
    let santiago = chrono_tz::America::Santiago;
    assert_eq!(span(utc(6, 3, 30), santiago, 1).1, utc(6, 4, 0));
    assert_eq!(span(utc(6, 3, 30), sthlm(), 1).1, utc(6, 22, 0));
}

#[test]
fn a_suspend_gives_one_summary_and_nothing_more_on_the_next_tick() {
    let mut s = Store::open_in_memory().unwrap();
    person_talked(&mut s, "Anna", at(2026, 11, 12, 9, 0)); // due today (14 days)
    rhythm(&mut s, "Workshop", &[Weekday::Thu], "10:00", 180, None);
    rhythm(&mut s, "Stand-up", &[Weekday::Thu], "10:00", 15, None);
    assert!(tick_at(&mut s, at(2026, 11, 26, 8, 30))
        .notifications
        .is_empty());
    // The lid closes at 08:30 and opens at 11:30: nothing ran in between.
    let woke = tick_at(&mut s, at(2026, 11, 26, 11, 30));
    assert_eq!(woke.notifications.len(), 1, "{:?}", woke.notifications);
    let summary = &woke.notifications[0];
    assert_eq!(summary.title, "While you were away: 3 reminders");
    assert_eq!(summary.key, None);
    assert!(
        summary.body.contains("Check-in with Anna is due"),
        "{}",
        summary.body
    );
    assert_eq!(woke.missed.len(), 2, "the stand-up ended while away");
    assert!(tick_at(&mut s, at(2026, 11, 26, 11, 31))
        .notifications
        .is_empty());
    let missed = missed(&s).unwrap();
    assert_eq!(
        missed,
        [MissedReminder {
            title: "Stand-up".into(),
            at: at(2026, 11, 26, 10, 0)
        }]
    );
}

#[test]
fn fifty_overdue_check_ins_after_three_days_away_are_one_summary() {
    // They fell due on Tuesday while the app was closed from Monday morning to Thursday.
    let mut s = Store::open_in_memory().unwrap();
    for i in 0..50 {
        person_talked(&mut s, &format!("Person {i:02}"), at(2026, 11, 10, 9, 0));
    }
    assert!(tick_at(&mut s, at(2026, 11, 23, 7, 0))
        .notifications
        .is_empty());
    let woke = tick_at(&mut s, at(2026, 11, 26, 9, 5));
    assert_eq!(woke.notifications.len(), 1);
    assert_eq!(
        woke.notifications[0].title,
        "While you were away: 50 reminders"
    );
    assert!(
        woke.notifications[0].body.ends_with("and 47 more"),
        "{}",
        woke.notifications[0].body
    );
    assert!(tick_at(&mut s, at(2026, 11, 26, 9, 6))
        .notifications
        .is_empty());
}

#[test]
fn dst_nights_in_stockholm_fire_each_reminder_once_at_the_right_local_time() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(
        &mut s,
        "Night shift",
        &ALL_DAYS,
        "02:30",
        30,
        Some(vec![10, 0]),
    );
    for (from, to) in [
        (at(2026, 3, 28, 22, 0), at(2026, 3, 29, 6, 0)),
        (at(2026, 10, 24, 22, 0), at(2026, 10, 25, 6, 0)),
    ] {
        let fired = run(&mut s, from, to);
        let times: Vec<String> = fired
            .iter()
            .map(|(t, n)| format!("{} {}", t.format("%H:%MZ"), n.title))
            .collect();
        if from.month() == 3 {
            // 02:30 does not exist: it moves forward by the gap to 03:30 CEST = 01:30Z.
            assert_eq!(
                times,
                [
                    "01:20Z Night shift starts in 10 minutes",
                    "01:30Z Night shift starts now"
                ]
            );
        } else {
            // 02:30 happens twice: the first (CEST, 00:30Z) counts.
            assert_eq!(
                times,
                [
                    "00:20Z Night shift starts in 10 minutes",
                    "00:30Z Night shift starts now"
                ]
            );
        }
    }
}

#[test]
fn a_clock_set_back_two_hours_refires_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(&mut s, "Office hours", &[Weekday::Thu], "10:00", 60, None);
    let first = run(&mut s, at(2026, 11, 26, 9, 0), at(2026, 11, 26, 11, 30));
    assert_eq!(first.len(), 2);
    let again = run(&mut s, at(2026, 11, 26, 9, 30), at(2026, 11, 26, 11, 30));
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn two_instances_racing_fire_a_reminder_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_dir(dir.path()).unwrap();
    let mut b = Store::open_dir(dir.path()).unwrap();
    rhythm(&mut a, "Office hours", &[Weekday::Thu], "10:00", 60, None);
    let now = at(2026, 11, 26, 10, 0);
    tick_at(&mut a, at(2026, 11, 26, 9, 59));
    let total = tick_at(&mut a, now).notifications.len() + tick_at(&mut b, now).notifications.len();
    assert_eq!(
        total, 1,
        "one of them fires 'starts now' (the 10-min one was late-summarised or fired)"
    );
}

#[test]
fn a_pause_holds_reminders_and_delivers_them_after_never_dropped() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(&mut s, "Office hours", &[Weekday::Thu], "10:00", 60, None);
    let nine = at(2026, 11, 26, 9, 0);
    pause(&mut s, at(2026, 11, 26, 10, 30), nine).unwrap();
    let during = run(&mut s, nine, at(2026, 11, 26, 10, 30));
    assert!(during.is_empty());
    assert_eq!(tick_at(&mut s, at(2026, 11, 26, 10, 29)).held.len(), 2);
    assert_eq!(
        tick_at(&mut s, at(2026, 11, 26, 10, 10)).next_wake,
        Some(at(2026, 11, 26, 10, 30))
    );
    let after = tick_at(&mut s, at(2026, 11, 26, 10, 30));
    assert_eq!(after.notifications.len(), 1);
    // Held by a pause while the app ran: late, but nobody was away.
    assert_eq!(after.notifications[0].title, "2 reminders");
    let err = pause(&mut s, nine, at(2026, 11, 26, 10, 31)).unwrap_err();
    assert_eq!(err.field(), Some("until"));
}

#[test]
fn resume_ends_a_pause_at_once() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(&mut s, "Office hours", &[Weekday::Thu], "10:00", 60, None);
    pause(&mut s, at(2026, 11, 27, 8, 0), at(2026, 11, 26, 9, 0)).unwrap();
    assert!(tick_at(&mut s, at(2026, 11, 26, 9, 50))
        .notifications
        .is_empty());
    resume(&mut s).unwrap();
    assert_eq!(
        tick_at(&mut s, at(2026, 11, 26, 9, 51)).notifications.len(),
        1
    );
}

#[test]
fn a_check_in_due_on_a_saturday_is_announced_on_monday_morning() {
    let mut s = Store::open_in_memory().unwrap();
    // Added Saturday 14 Nov, due Saturday 28 Nov.
    person(&mut s, "Anna", at(2026, 11, 14, 12, 0));
    let saturday = at(2026, 11, 28, 9, 0);
    let t = tick_at(&mut s, saturday);
    assert!(t.notifications.is_empty());
    assert_eq!(t.next_wake, Some(at(2026, 11, 30, 8, 0)));
    let fired = run(&mut s, at(2026, 11, 30, 7, 55), at(2026, 11, 30, 8, 5));
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].0, at(2026, 11, 30, 8, 0));
    assert_eq!(fired[0].1.title, "Check-in with Anna is overdue");
}

#[test]
fn a_check_in_due_today_is_announced_at_the_planning_time_once() {
    let mut s = Store::open_in_memory().unwrap();
    // Added on Wednesday, never met: the first check-in falls due on Thursday.
    let anna = person(&mut s, "Anna", at(2026, 11, 25, 12, 0));
    let fired = run(&mut s, at(2026, 11, 26, 7, 0), at(2026, 11, 26, 17, 0));
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].0, at(2026, 11, 26, 9, 0));
    assert_eq!(fired[0].1.title, "Check-in with Anna is due today");
    assert_eq!(fired[0].1.body, "Added 1 day ago, no check-in yet");
    assert_eq!(
        fired[0].1.key.map(|key| key.to_string()),
        Some(format!("checkin:{anna}:2026-11-26"))
    );
}

#[test]
fn snooze_brings_it_back_in_ten_minutes_and_done_never_records_a_check_in() {
    let mut s = Store::open_in_memory().unwrap();
    person_talked(&mut s, "Anna", at(2026, 11, 12, 12, 0));
    let fired = tick_at(&mut s, at(2026, 11, 26, 9, 0));
    let key = fired.notifications[0].key.unwrap();
    snooze(&mut s, &key, at(2026, 11, 26, 9, 1)).unwrap();
    let again = run(&mut s, at(2026, 11, 26, 9, 2), at(2026, 11, 26, 9, 30));
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].0, at(2026, 11, 26, 9, 11));
    // An old banner's button, pressed twice: the conversation has not happened, so nothing
    // is recorded and Anna is still due.
    done(&mut s, &key, at(2026, 11, 26, 9, 12), sthlm()).unwrap();
    done(&mut s, &key, at(2026, 11, 26, 9, 13), sthlm()).unwrap();
    let agenda = crate::service::agenda::agenda(&s, at(2026, 11, 26, 9, 13), sthlm(), 7).unwrap();
    assert_eq!(agenda.days[0].checkins.len(), 1, "still due today");
    assert!(run(&mut s, at(2026, 11, 26, 9, 13), at(2026, 11, 26, 17, 0)).is_empty());
    for bad in ["", "drop table", "occ:", "checkin:x:y"] {
        let refused = bad.parse::<ReminderKey>().unwrap_err();
        assert_eq!(refused.key, "error.invalid.reminder", "{bad}");
    }
}

#[test]
fn done_before_a_meeting_silences_it_and_done_after_the_start_holds_it() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(&mut s, "Office hours", &[Weekday::Thu], "10:00", 60, None);
    let t = tick_at(&mut s, at(2026, 11, 26, 9, 50));
    let key = t.notifications[0].key.unwrap();
    done(&mut s, &key, at(2026, 11, 26, 9, 51), sthlm()).unwrap();
    assert!(
        tick_at(&mut s, at(2026, 11, 26, 10, 0))
            .notifications
            .is_empty(),
        "no 'starts now'"
    );
    let agenda = crate::service::agenda::agenda(&s, at(2026, 11, 26, 10, 1), sthlm(), 1).unwrap();
    assert_eq!(
        agenda.days[0].occurrences[0].status,
        crate::model::MarkStatus::Planned
    );
    tick_at(&mut s, at(2026, 12, 3, 9, 50));
    let next_week = tick_at(&mut s, at(2026, 12, 3, 10, 0));
    let key = next_week.notifications.last().unwrap().key.unwrap();
    done(&mut s, &key, at(2026, 12, 3, 10, 2), sthlm()).unwrap();
    let agenda = crate::service::agenda::agenda(&s, at(2026, 12, 3, 10, 3), sthlm(), 1).unwrap();
    assert_eq!(
        agenda.days[0].occurrences[0].status,
        crate::model::MarkStatus::Held
    );
}

#[test]
fn hidden_names_and_no_private_text_in_notifications() {
    let mut s = Store::open_in_memory().unwrap();
    let anna = person(&mut s, "Anna Lindqvist", at(2026, 11, 1, 12, 0));
    crate::service::checkins::log(
        &mut s,
        &CheckInDraft {
            person_id: anna,
            held_on: "2026-11-12".into(),
            minutes: None,
            channel: Channel::Phone,
            note: Some("SENTINEL-NOTE-7731".into()),
        },
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        at(2026, 11, 12, 12, 0),
    )
    .unwrap();
    let d = crate::model::RhythmDraft {
        kind: RhythmKind::OneOnOne,
        title: "1:1 with Anna Lindqvist".into(),
        group_id: None,
        person_id: Some(anna),
        // Friday, the day after her check-in falls due: a 1:1 on that day would stand for
        // the check-in, and its reminder would not come.
        start_date: "2026-11-27".into(),
        start_time: "10:00".into(),
        duration_minutes: 30,
        timezone: None,
        recurrence: Recurrence {
            repeat: Repeat::Weekly {
                interval: 1,
                weekdays: vec![Weekday::Fri],
            },
            end: End::Never,
        },
        lead_minutes: None,
    };
    crate::service::rhythms::create(&mut s, &d, sthlm(), at(2026, 11, 1, 8, 0)).unwrap();
    let draft = ReminderSettingsDraft {
        planning_time: "09:00".into(),
        work_days: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        work_start: "08:00".into(),
        work_end: "17:00".into(),
        hide_names: true,
    };
    set_settings(&mut s, &draft).unwrap();
    let fired = run(&mut s, at(2026, 11, 26, 8, 0), at(2026, 11, 27, 10, 30));
    let texts: Vec<String> = fired
        .iter()
        .map(|(_, n)| format!("{} / {}", n.title, n.body))
        .collect();
    assert_eq!(
        texts,
        [
            "A check-in is due / 14 days since the last check-in",
            "A check-in starts in 10 minutes / 10:00–10:30",
            "A check-in starts now / 10:00–10:30",
        ]
    );
    assert!(texts
        .iter()
        .all(|t| !t.contains("Anna") && !t.contains("SENTINEL")));
    let tray = tray_state(&s, at(2026, 11, 26, 10, 40), sthlm(), Lang::En, None).unwrap();
    assert!(
        tray.next.iter().all(|l| !l.label.contains("Anna")),
        "{:?}",
        tray.next
    );
}

#[test]
fn bad_settings_are_refused_and_change_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let good = ReminderSettingsDraft {
        planning_time: "09:00".into(),
        work_days: vec![Weekday::Mon],
        work_start: "08:00".into(),
        work_end: "17:00".into(),
        hide_names: false,
    };
    for (draft, field) in [
        (
            ReminderSettingsDraft {
                work_end: "07:00".into(),
                ..good.clone()
            },
            "workEnd",
        ),
        (
            ReminderSettingsDraft {
                work_days: vec![],
                ..good.clone()
            },
            "workDays",
        ),
        (
            ReminderSettingsDraft {
                planning_time: "9".into(),
                ..good.clone()
            },
            "planningTime",
        ),
    ] {
        assert_eq!(
            set_settings(&mut s, &draft).unwrap_err().field(),
            Some(field)
        );
    }
    assert_eq!(settings(&s).unwrap(), ReminderSettings::default());
}

#[test]
fn the_tray_counts_due_check_ins_and_lists_the_next_three_things() {
    let mut s = Store::open_in_memory().unwrap();
    person(&mut s, "Anna", at(2026, 11, 1, 12, 0));
    rhythm(
        &mut s,
        "Office hours",
        &[Weekday::Thu, Weekday::Fri],
        "13:00",
        60,
        None,
    );
    let tray = tray_state(&s, at(2026, 11, 26, 10, 0), sthlm(), Lang::Sv, None).unwrap();
    assert_eq!(tray.due, 1);
    let labels: Vec<&str> = tray.next.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Dags för avstämning med Anna",
            "13:00 Office hours",
            "fre 13:00 Office hours"
        ]
    );
    assert!(tray.next[0].person_id.is_some() && tray.next[1].person_id.is_none());
}

#[test]
fn pauses_for_an_hour_or_until_tomorrow_morning() {
    let mut s = Store::open_in_memory().unwrap();
    let now = at(2026, 11, 26, 15, 10);
    let hour = pause_for(&mut s, "hour", now, sthlm()).unwrap();
    assert_eq!(hour.paused_until, Some(at(2026, 11, 26, 16, 10)));
    let tomorrow = pause_for(&mut s, "tomorrow", now, sthlm()).unwrap();
    assert_eq!(tomorrow.paused_until, Some(at(2026, 11, 27, 8, 0)));
    let err = pause_for(&mut s, "forever", now, sthlm()).unwrap_err();
    assert_eq!(err.field(), Some("length"));
    assert_eq!(
        settings(&s).unwrap().paused_until,
        Some(at(2026, 11, 27, 8, 0))
    );
}

#[test]
fn an_unanswered_idea_reminds_once_to_report_back() {
    let mut s = Store::open_in_memory().unwrap();
    let draft = crate::model::IdeaDraft {
        title: "Walking meetings".into(),
        description: None,
        suggested_by: None,
        suggested_on: Some("2026-11-12".into()),
        status: None,
    };
    let idea = crate::service::ideas::add(
        &mut s,
        &draft,
        NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
        at(2026, 11, 12, 9, 0),
    )
    .unwrap();
    let fired = run(&mut s, at(2026, 11, 26, 7, 0), at(2026, 11, 26, 12, 0));
    let texts: Vec<(DateTime<Utc>, String)> = fired
        .iter()
        .map(|(t, n)| (*t, format!("{} / {}", n.title, n.body)))
        .collect();
    assert_eq!(
        texts,
        [(at(2026, 11, 26, 9, 0), "Report back on: Walking meetings / Suggested 14 days ago and still waiting for your answer".to_owned())]
    );
    crate::service::ideas::respond(
        &mut s,
        idea.id,
        "Let's try in spring",
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    )
    .unwrap();
    assert!(run(&mut s, at(2026, 11, 27, 8, 0), at(2026, 11, 27, 10, 0)).is_empty());
    let key = fired[0].1.key.unwrap();
    done(&mut s, &key, at(2026, 11, 27, 10, 0), sthlm()).unwrap();
}

// ---- Regressions found by trying the reminders as a new user would (issue #9) ----

#[test]
fn a_person_not_met_for_two_years_is_notified_once_not_every_minute() {
    let mut s = Store::open_in_memory().unwrap();
    // Added in June 2024, never met (back from a long parental leave).
    person(&mut s, "Fatima Hassan", at(2024, 6, 3, 10, 0));
    let fired = run(&mut s, at(2026, 11, 26, 8, 0), at(2026, 11, 26, 12, 0));
    assert_eq!(fired.len(), 1, "{fired:?}");
    assert_eq!(fired[0].1.title, "Check-in with Fatima Hassan is overdue");
    assert_eq!(fired[0].1.body, "Added 906 days ago, no check-in yet");
    // A restart a month later does not bring it back either.
    assert!(run(&mut s, at(2026, 12, 28, 8, 0), at(2026, 12, 28, 9, 0)).is_empty());
}

#[test]
fn pause_until_tomorrow_morning_ends_at_the_next_working_day() {
    let mut s = Store::open_in_memory().unwrap();
    // Friday 27 Nov 2026 evening and Saturday: Monday 30 Nov at the start of working hours.
    for now in [at(2026, 11, 27, 18, 0), at(2026, 11, 28, 10, 0)] {
        let paused = pause_for(&mut s, "tomorrow", now, sthlm()).unwrap();
        assert_eq!(paused.paused_until, Some(at(2026, 11, 30, 8, 0)), "{now}");
    }
}

#[test]
fn check_ins_due_in_the_same_minute_arrive_as_one_notification() {
    let mut s = Store::open_in_memory().unwrap();
    let mut ids = Vec::new();
    for i in 0..60 {
        ids.push(person_talked(
            &mut s,
            &format!("Person {i:02}"),
            at(2026, 11, 12, 8, 0),
        ));
    }
    let fired = run(&mut s, at(2026, 11, 26, 8, 0), at(2026, 11, 26, 17, 0));
    assert_eq!(fired.len(), 1, "{fired:?}");
    let (when, n) = &fired[0];
    assert_eq!(*when, at(2026, 11, 26, 9, 0));
    assert_eq!(n.title, "60 check-ins due");
    assert!(n.body.ends_with("and 57 more"), "{}", n.body);
    assert_eq!(n.keys.len(), 60, "Snooze postpones all of them");
    let first = n.body.lines().next().unwrap();
    let opened = n
        .person_id
        .and_then(|id| ids.iter().position(|i| *i == id))
        .unwrap();
    assert_eq!(
        first,
        format!("Check-in with Person {opened:02} is due"),
        "Start check-in opens the first one named"
    );
}

#[test]
fn missed_meetings_stay_listed_until_dismissed_not_only_today() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(
        &mut s,
        "Night shift handover",
        &[Weekday::Wed],
        "23:00",
        30,
        None,
    );
    tick_at(&mut s, at(2026, 11, 25, 20, 0));
    // The laptop sleeps from Wednesday evening until Friday morning.
    let woke = tick_at(&mut s, at(2026, 11, 27, 8, 0));
    assert_eq!(woke.missed.len(), 2);
    let listed = missed(&s).unwrap();
    assert_eq!(listed.len(), 1, "one line per meeting: {listed:?}");
    assert_eq!(listed[0].title, "Night shift handover");
    // Still there on Monday, and on the Monday after that: the manager has not looked yet.
    // (The app is closed in between, so the two Wednesdays after are missed too.)
    tick_at(&mut s, at(2026, 11, 30, 9, 0));
    tick_at(&mut s, at(2026, 12, 14, 9, 0));
    let listed = missed(&s).unwrap();
    assert!(
        listed.iter().any(|m| m.at == at(2026, 11, 25, 23, 0)),
        "{listed:?}"
    );
    assert!(dismiss_missed(&mut s, at(2026, 12, 14, 9, 1)).unwrap() >= 2);
    assert!(missed(&s).unwrap().is_empty());
    // Dismissing does not make anything fire again.
    assert!(tick_at(&mut s, at(2026, 12, 14, 9, 2))
        .notifications
        .iter()
        .all(|n| !n.title.contains("handover") && !n.body.contains("handover")));
}

#[test]
fn a_notification_the_desktop_could_not_show_is_listed_not_lost() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(
        &mut s,
        "Office hours",
        &[Weekday::Thu],
        "10:00",
        60,
        Some(vec![10]),
    );
    let t = tick_at(&mut s, at(2026, 11, 26, 9, 50));
    assert_eq!(t.notifications.len(), 1);
    assert_eq!(undelivered(&mut s, &t.notifications[0].keys).unwrap(), 1);
    // Reported twice, or for a key that never fired: nothing more changes.
    assert_eq!(undelivered(&mut s, &t.notifications[0].keys).unwrap(), 0);
    let never_fired: ReminderKey = "occ:1@2026-11-26T10:00:5".parse().unwrap();
    assert_eq!(undelivered(&mut s, &[never_fired]).unwrap(), 0);
    let listed = missed(&s).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].title, "Office hours");
    // Not retried as a second banner.
    assert!(run(&mut s, at(2026, 11, 26, 9, 51), at(2026, 11, 26, 10, 30)).is_empty());
}

#[test]
fn a_meeting_moved_after_its_first_reminder_reminds_again_at_the_new_time_once() {
    let mut s = Store::open_in_memory().unwrap();
    rhythm(
        &mut s,
        "Office hours",
        &[Weekday::Thu],
        "10:00",
        60,
        Some(vec![60, 0]),
    );
    let early = run(&mut s, at(2026, 11, 26, 8, 0), at(2026, 11, 26, 9, 30));
    assert_eq!(early.len(), 1, "an hour before: {early:?}");
    let agenda = crate::service::agenda::agenda(&s, at(2026, 11, 26, 9, 30), sthlm(), 1).unwrap();
    let id = agenda.days[0].occurrences[0].id.clone();
    crate::service::rhythms::move_occurrence(&mut s, &id, "2026-11-26", "14:00").unwrap();
    let later: Vec<(DateTime<Utc>, String)> =
        run(&mut s, at(2026, 11, 26, 9, 30), at(2026, 11, 26, 15, 0))
            .into_iter()
            .map(|(t, n)| (t, n.title))
            .collect();
    assert_eq!(
        later,
        [
            (
                at(2026, 11, 26, 13, 0),
                "Office hours starts in 1 hour".to_owned()
            ),
            (
                at(2026, 11, 26, 14, 0),
                "Office hours starts now".to_owned()
            ),
        ]
    );
}

/// Fills the in-memory database to its last page: the next write fails with SQLITE_FULL,
/// as on a full disk.
fn fill_disk(store: &Store) {
    let pages: i64 = store
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .conn()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
}

#[test]
fn a_full_disk_is_named_in_both_languages_and_no_reminder_is_lost() {
    let mut s = crate::testing::store();
    // 1 200 people due the same morning: recording their reminders needs new pages.
    for n in 0..1200 {
        person(&mut s, &format!("Person {n}"), at(2026, 10, 1, 9, 0));
    }
    let monday = at(2026, 11, 30, 9, 0);
    fill_disk(&s);

    let error = tick(&mut s, monday, sthlm(), Lang::En).unwrap_err();
    assert_eq!(error.storage(), Some(Storage::DiskFull), "{error}");
    assert_eq!(
        error.message(Lang::En),
        "The disk is full, so Närvaro cannot save. Free some space on the disk."
    );
    assert_eq!(
        error.message(Lang::Sv),
        "Disken är full, så Närvaro kan inte spara. Frigör utrymme på disken."
    );
    let failing = Failing::of(&error);
    assert_eq!(
        failing.trouble(Lang::Sv).title,
        "Påminnelser sparas inte: disken är full"
    );
    assert!(failing
        .trouble(Lang::En)
        .detail
        .ends_with("nothing that falls due meanwhile is lost."));
    let tray = tray_state(&s, monday, sthlm(), Lang::En, Some(failing)).unwrap();
    assert_eq!(
        tray.trouble.as_deref(),
        Some("Reminders are not being saved: the disk is full")
    );

    // Room again a minute later: the held reminders arrive, once, as one notification.
    s.conn()
        .pragma_update(None, "max_page_count", 1_073_741_823)
        .unwrap();
    let later = tick_at(&mut s, monday + Duration::minutes(1));
    assert_eq!(later.notifications.len(), 1);
    assert_eq!(later.notifications[0].keys.len(), 1200);
    assert!(tick_at(&mut s, monday + Duration::minutes(2))
        .notifications
        .is_empty());
}

#[test]
fn a_data_file_held_by_another_program_is_named_busy() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    person(&mut s, "Anna Lind", at(2026, 10, 1, 9, 0));
    s.conn()
        .busy_timeout(std::time::Duration::from_millis(1))
        .unwrap();
    let other = Store::open_dir(dir.path()).unwrap();
    other.conn().execute_batch("BEGIN EXCLUSIVE").unwrap();

    let monday = at(2026, 11, 30, 9, 0);
    let error = tick(&mut s, monday, sthlm(), Lang::En).unwrap_err();
    assert_eq!(error.storage(), Some(Storage::Busy), "{error}");
    assert!(error
        .message(Lang::Sv)
        .starts_with("Ett annat program använder datafilen"));
    assert_eq!(
        Failing::of(&error).trouble(Lang::En).title,
        "Reminders are not being saved: the data file is busy"
    );

    other.conn().execute_batch("ROLLBACK").unwrap();
    assert_eq!(tick_at(&mut s, monday).notifications.len(), 1);
}

#[test]
fn other_database_failures_keep_the_generic_text() {
    let error = crate::Error::Db(rusqlite::Error::QueryReturnedNoRows);
    assert_eq!(error.storage(), None);
    assert_eq!(
        Failing::of(&error).trouble(Lang::En).title,
        "Reminders are not being saved"
    );
}

#[test]
fn overdue_check_ins_released_together_while_the_app_runs_are_check_ins_due_not_while_away() {
    // Found end to end: three people logged as last met 2 years, 20 and 5 days ago, held
    // by working hours that excluded today; the manager widens them and the burst came
    // titled "While you were away" although the app had been running all along.
    let mut s = crate::testing::store();
    let monday = at(2026, 11, 30, 9, 0);
    assert!(tick_at(&mut s, monday - Duration::minutes(1))
        .notifications
        .is_empty());
    person(&mut s, "Greta Sund", at(2024, 11, 1, 9, 0));
    person(&mut s, "Hugo Falk", at(2026, 10, 1, 9, 0));
    person(&mut s, "Ines Berg", at(2026, 9, 1, 9, 0));
    let burst = tick_at(&mut s, monday);
    assert_eq!(burst.notifications.len(), 1);
    assert_eq!(burst.notifications[0].title, "3 check-ins due");
    assert_eq!(burst.notifications[0].keys.len(), 3);
}

/// A meeting reminder carries the link *Join* opens: the rhythm's own; for a 1:1 series
/// without one, the person's room; none for a meeting without a link, a check-in or a
/// summary of several.
#[test]
fn a_meeting_reminder_carries_its_link_and_a_one_on_one_falls_back_to_the_persons() {
    let mut s = crate::testing::store();
    let made = at(2026, 1, 1, 8, 0);
    let weekly_at = |kind, title: &str, person_id, time: &str| RhythmDraft {
        kind,
        title: title.into(),
        group_id: None,
        person_id,
        start_date: "2026-01-05".into(),
        start_time: time.into(),
        duration_minutes: 30,
        timezone: Some("Europe/Stockholm".into()),
        recurrence: Recurrence {
            repeat: Repeat::Weekly {
                interval: 1,
                weekdays: vec![Weekday::Thu],
            },
            end: End::Never,
        },
        lead_minutes: Some(vec![0]),
    };
    let sofia = person_talked(&mut s, "Sofia Ek", made);
    // Sofia's 1:1 today stands for her overdue check-in (only the meeting reminds); Bo has
    // none, so his check-in reminds, without a link.
    person_talked(&mut s, "Bo Lund", made);
    let room = "https://meet.jit.si/Sofia?a=1&b=2";
    crate::service::people::set_meeting_link(&mut s, sofia, Some(room)).unwrap();
    let rhythms = [
        (
            RhythmKind::OneOnOne,
            "1:1 Sofia",
            Some(sofia),
            "09:00",
            None,
        ),
        (
            RhythmKind::OneOnOne,
            "1:1 Sofia, own room",
            Some(sofia),
            "10:00",
            Some("https://zoom.us/j/123"),
        ),
        (
            RhythmKind::OfficeHours,
            "Öppen tid",
            None,
            "11:00",
            Some("https://teams.microsoft.com/l/meetup-join/x"),
        ),
        (RhythmKind::SocialBreak, "Fika", None, "12:00", None),
        (
            RhythmKind::OfficeHours,
            "Samma tid A",
            None,
            "13:00",
            Some(room),
        ),
        (
            RhythmKind::OfficeHours,
            "Samma tid B",
            None,
            "13:00",
            Some(room),
        ),
    ];
    for (kind, title, person_id, time, link) in rhythms {
        let r = crate::service::rhythms::create(
            &mut s,
            &weekly_at(kind, title, person_id, time),
            sthlm(),
            made,
        )
        .unwrap();
        if let Some(link) = link {
            crate::service::rhythms::set_meeting_link(&mut s, r.id, Some(link)).unwrap();
        }
    }
    let fired = run(&mut s, at(2026, 11, 26, 8, 55), at(2026, 11, 26, 13, 5));
    let links: Vec<(&str, Option<&str>)> = fired
        .iter()
        .map(|(_, n)| (n.title.as_str(), n.meeting_link.as_deref()))
        .collect();
    assert_eq!(
        links,
        [
            ("Check-in with Bo Lund is overdue", None),
            ("1:1 Sofia starts now", Some(room)),
            (
                "1:1 Sofia, own room starts now",
                Some("https://zoom.us/j/123")
            ),
            (
                "Öppen tid starts now",
                Some("https://teams.microsoft.com/l/meetup-join/x")
            ),
            ("Fika starts now", None),
            // Two meetings at once are one summary: no single link to join.
            ("2 reminders", None),
        ]
    );
    // The occurrences say the same, for *Join* in Today and Week.
    let agenda = crate::service::agenda::agenda(&s, at(2026, 11, 26, 8, 0), sthlm(), 1).unwrap();
    let shown: Vec<(&str, Option<&str>)> = agenda.days[0]
        .occurrences
        .iter()
        .map(|o| (&*o.title, o.meeting_link.as_deref()))
        .collect();
    assert_eq!(shown[0], ("1:1 Sofia", Some(room)));
    assert_eq!(
        shown[1],
        ("1:1 Sofia, own room", Some("https://zoom.us/j/123"))
    );
    assert_eq!(shown[3], ("Fika", None));

    // The person's room gone: the series has no link, and a check-in reminder never had one.
    crate::service::people::set_meeting_link(&mut s, sofia, None).unwrap();
    let fired = run(&mut s, at(2026, 12, 3, 8, 55), at(2026, 12, 3, 9, 5));
    let series: Vec<_> = fired
        .iter()
        .filter(|(_, n)| n.title == "1:1 Sofia starts now")
        .collect();
    assert_eq!(series.len(), 1, "{fired:?}");
    assert_eq!(series[0].1.meeting_link, None);
}

/// A 1:1 with someone on the day their check-in is due is that check-in: the due row names
/// it, and only the meeting reminds. Skipped, the check-in's own reminder comes back.
#[test]
fn a_one_on_one_on_the_due_day_stands_for_the_check_in_until_it_is_skipped() {
    let mut s = Store::open_in_memory().unwrap();
    // Both last talked Monday 16 November: due Monday 30 November (every 14 days).
    let anna = person_talked(&mut s, "Anna", at(2026, 11, 16, 9, 0));
    let bo = person_talked(&mut s, "Bo", at(2026, 11, 16, 9, 0));
    let draft = RhythmDraft {
        person_id: Some(anna),
        ..crate::testing::weekly(
            RhythmKind::OneOnOne,
            "1:1 Anna",
            "2026-11-02",
            &[Weekday::Mon],
            "10:00",
            30,
        )
    };
    crate::service::rhythms::create(&mut s, &draft, sthlm(), at(2026, 11, 1, 8, 0)).unwrap();

    let sunday = at(2026, 11, 29, 12, 0);
    let week = crate::service::agenda::agenda(&s, sunday, sthlm(), 8).unwrap();
    let monday = &week.days[1];
    let meeting = |id| {
        monday
            .checkins
            .iter()
            .find(|c| c.person_id == id)
            .map(|c| c.one_on_one.clone())
    };
    let anna_meets = meeting(anna).unwrap().expect("Anna's 1:1 on her due day");
    assert_eq!(anna_meets.start, at(2026, 11, 30, 10, 0));
    assert_eq!(anna_meets.occurrence_id, monday.occurrences[0].id);
    assert_eq!(meeting(bo), Some(None));
    // `narvaro agenda` names it on her line, as the window does.
    let text = crate::service::agenda::render_text(&week, Lang::En, sthlm());
    let line_of = |name: &str| {
        text.lines()
            .find(|l| l.contains(&format!("Check-in due: {name}:")))
            .map(str::to_owned)
    };
    assert!(
        line_of("Anna").is_some_and(|l| l.contains(" · Fixed check-in at ")),
        "{text}"
    );
    assert!(
        line_of("Bo").is_some_and(|l| !l.contains("Fixed check-in")),
        "{text}"
    );
    // Her 1:1 the Monday after is not on her due day: nothing is named on the week before.
    assert!(week.days[0].checkins.is_empty());

    // Monday: Bo's check-in reminder at 09:00; for Anna, only her 1:1's reminders.
    let fired = run(&mut s, sunday, at(2026, 11, 30, 10, 1));
    let keys: Vec<(DateTime<Utc>, String)> = fired
        .iter()
        .flat_map(|(t, n)| n.keys.iter().map(move |k| (*t, k.to_string())))
        .collect();
    let checkins: Vec<&(DateTime<Utc>, String)> = keys
        .iter()
        .filter(|(_, k)| k.starts_with("checkin:"))
        .collect();
    assert_eq!(
        checkins,
        [&(at(2026, 11, 30, 9, 0), format!("checkin:{bo}:2026-11-30"))]
    );
    assert_eq!(
        keys.iter().filter(|(_, k)| k.starts_with("occ:")).count(),
        2,
        "{keys:?}"
    );

    // Monday's 1:1 passed and nobody marked it (marked held, it would log the check-in):
    // on Tuesday she is overdue with no 1:1 that day, and her check-in's reminder comes once,
    // at the planning time, as on a due day.
    let later = run(&mut s, at(2026, 11, 30, 10, 1), at(2026, 12, 1, 9, 1));
    let anna_key = format!("checkin:{anna}:2026-11-30");
    let told: Vec<DateTime<Utc>> = later
        .iter()
        .filter(|(_, n)| n.keys.iter().any(|k| k.to_string() == anna_key))
        .map(|(t, _)| *t)
        .collect();
    assert_eq!(told, [at(2026, 12, 1, 9, 0)]);

    // Still overdue the Monday after, her 1:1 that day is named, until it is skipped.
    let next_monday = at(2026, 12, 7, 8, 0);
    let named = |s: &Store| {
        let agenda = crate::service::agenda::agenda(s, next_monday, sthlm(), 1).unwrap();
        let row = agenda.overdue.iter().find(|c| c.person_id == anna).cloned();
        row.expect("Anna overdue").one_on_one.map(|m| m.start)
    };
    assert_eq!(named(&s), Some(at(2026, 12, 7, 10, 0)));
    let skip_id = format!("{}@2026-12-07T10:00", monday.occurrences[0].rhythm_id);
    crate::service::rhythms::skip(&mut s, &skip_id, None).unwrap();
    assert_eq!(named(&s), None);
}
