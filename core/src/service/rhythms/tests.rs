use chrono::{Duration, NaiveDate, TimeZone, Timelike};

use super::*;
use crate::error::ErrorKind;
use crate::i18n::Lang;
use crate::model::recurrence::{End, Recurrence, Repeat, Weekday};
use crate::model::{CheckInDraft, GroupDraft};
use crate::testing::thursday::now;
use crate::testing::{person_every, sthlm};

fn weekly(days: &[Weekday]) -> Recurrence {
    Recurrence {
        repeat: Repeat::Weekly {
            interval: 1,
            weekdays: days.to_vec(),
        },
        end: End::Never,
    }
}

fn draft(kind: RhythmKind, title: &str, date: &str, time: &str, days: &[Weekday]) -> RhythmDraft {
    RhythmDraft {
        kind,
        title: title.into(),
        group_id: None,
        person_id: None,
        start_date: date.into(),
        start_time: time.into(),
        duration_minutes: 60,
        timezone: Some("Europe/Stockholm".into()),
        recurrence: weekly(days),
        lead_minutes: None,
    }
}

fn office_hours() -> RhythmDraft {
    draft(
        RhythmKind::OfficeHours,
        "Öppen tid",
        "2026-03-04",
        "09:00",
        &[Weekday::Wed],
    )
}

fn occurrences_on(
    store: &Store,
    at: DateTime<Utc>,
    days: u32,
) -> Vec<crate::schedule::agenda::OccurrenceView> {
    let agenda = crate::service::agenda::agenda(store, at, sthlm(), days).unwrap();
    agenda
        .days
        .into_iter()
        .flat_map(|d| d.occurrences)
        .collect()
}

#[test]
fn office_hours_stay_at_nine_local_in_summer_and_winter() {
    let mut s = Store::open_in_memory().unwrap();
    let r = create(&mut s, &office_hours(), sthlm(), now()).unwrap();
    assert_eq!(r.lead_minutes, vec![10, 0]);
    let summer = Utc.with_ymd_and_hms(2026, 6, 1, 6, 0, 0).unwrap();
    for at in [summer, now()] {
        let occ = occurrences_on(&s, at, 7);
        assert_eq!(occ.len(), 1);
        let local = occ[0].start.with_timezone(&sthlm());
        assert_eq!((local.hour(), local.minute()), (9, 0));
    }
    assert_eq!(
        occurrences_on(&s, summer, 7)[0].start.hour(),
        7,
        "09:00 CEST is 07:00Z"
    );
    assert_eq!(
        occurrences_on(&s, now(), 7)[0].start.hour(),
        8,
        "09:00 CET is 08:00Z"
    );
}

#[test]
fn a_start_that_misses_the_rule_is_moved_to_the_first_occurrence() {
    let mut s = Store::open_in_memory().unwrap();
    // 2026-03-03 is a Tuesday; the rule says Wednesdays.
    let mut d = office_hours();
    d.start_date = "2026-03-03".into();
    let r = create(&mut s, &d, sthlm(), now()).unwrap();
    assert_eq!(r.start.date(), NaiveDate::from_ymd_opt(2026, 3, 4).unwrap());
}

#[test]
fn invalid_rhythms_are_refused_and_nothing_is_stored() {
    let mut s = Store::open_in_memory().unwrap();
    let mut cases: Vec<(RhythmDraft, &str)> = Vec::new();
    let mut d = office_hours();
    d.recurrence = weekly(&[]);
    cases.push((d, "weekdays"));
    let mut d = office_hours();
    d.recurrence.repeat = Repeat::Weekly {
        interval: 0,
        weekdays: vec![Weekday::Wed],
    };
    cases.push((d, "interval"));
    let mut d = office_hours();
    d.recurrence.end = End::Until {
        date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    };
    cases.push((d, "until"));
    let mut d = office_hours();
    d.timezone = Some("Europe/Atlantis".into());
    cases.push((d, "timezone"));
    for minutes in [0, -5, 24 * 60 + 1] {
        let mut d = office_hours();
        d.duration_minutes = minutes;
        cases.push((d, "durationMinutes"));
    }
    for lead in [-1, 7 * 24 * 60 + 1] {
        let mut d = office_hours();
        d.lead_minutes = Some(vec![10, lead]);
        cases.push((d, "leadMinutes"));
    }
    let mut d = office_hours();
    d.title = "  ".into();
    cases.push((d, "title"));
    let mut d = office_hours();
    d.start_time = "25:00".into();
    cases.push((d, "startTime"));
    let mut d = office_hours();
    d.start_date = "4 mars".into();
    cases.push((d, "startDate"));
    let mut d = office_hours();
    d.kind = RhythmKind::GroupMeeting;
    cases.push((d, "groupId"));
    let mut d = office_hours();
    d.kind = RhythmKind::OneOnOne;
    cases.push((d, "personId"));
    for (d, field) in cases {
        let err = create(&mut s, &d, sthlm(), now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{field}: {err}");
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(
            !err.message(Lang::Sv).starts_with("error."),
            "{field} untranslated"
        );
    }
    assert!(list(&s).unwrap().is_empty());
}

#[test]
fn unknown_groups_and_people_are_not_found() {
    let mut s = Store::open_in_memory().unwrap();
    let mut d = office_hours();
    d.kind = RhythmKind::GroupMeeting;
    d.group_id = Some(77);
    assert_eq!(
        create(&mut s, &d, sthlm(), now()).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let mut d = office_hours();
    d.kind = RhythmKind::OneOnOne;
    d.person_id = Some(77);
    assert_eq!(
        create(&mut s, &d, sthlm(), now()).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert!(list(&s).unwrap().is_empty());
}

#[test]
fn held_skipped_and_moved_change_only_their_occurrence() {
    let mut s = Store::open_in_memory().unwrap();
    let mut d = draft(
        RhythmKind::SocialBreak,
        "Fika",
        "2026-11-02",
        "15:00",
        &[Weekday::Mon, Weekday::Fri],
    );
    d.duration_minutes = 20;
    let r = create(&mut s, &d, sthlm(), now()).unwrap();
    assert_eq!(r.lead_minutes, vec![5]);
    let week = occurrences_on(&s, now(), 14);
    let ids: Vec<String> = week.iter().map(|o| o.id.clone()).collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    mark_held(&mut s, &ids[0], now() + Duration::days(14)).unwrap();
    skip(&mut s, &ids[1], Some("  Julledigt  ")).unwrap();
    move_occurrence(&mut s, &ids[2], "2026-12-08", "14:30").unwrap();
    let after = occurrences_on(&s, now(), 14);
    assert_eq!(after.len(), 4);
    let by_id = |id: &str| after.iter().find(|o| o.id == id).unwrap().clone();
    assert_eq!(by_id(&ids[0]).status, MarkStatus::Held);
    let skipped = by_id(&ids[1]);
    assert_eq!(
        (skipped.status, skipped.reason.as_deref()),
        (MarkStatus::Skipped, Some("Julledigt"))
    );
    let moved = by_id(&ids[2]);
    assert_eq!(moved.start.with_timezone(&sthlm()).hour(), 14);
    assert_eq!(moved.moved_from, Some(week[2].start));
    assert_eq!(by_id(&ids[3]), week[3], "the untouched one is unchanged");
    reset(&mut s, &ids[1]).unwrap();
    assert_eq!(
        occurrences_on(&s, now(), 14)
            .iter()
            .find(|o| o.id == ids[1])
            .unwrap()
            .status,
        MarkStatus::Planned
    );
}

#[test]
fn marks_on_occurrences_the_rule_never_makes_are_refused() {
    let mut s = Store::open_in_memory().unwrap();
    let r = create(&mut s, &office_hours(), sthlm(), now()).unwrap();
    // A Thursday, not a Wednesday.
    let bogus = format!("{}@2026-11-26T09:00", r.id);
    assert_eq!(
        mark_held(&mut s, &bogus, now()).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        skip(&mut s, "999@2026-11-25T09:00", None)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        skip(&mut s, "junk", None).unwrap_err().kind(),
        ErrorKind::Invalid
    );
    let ok = format!("{}@2026-11-25T09:00", r.id);
    let err = move_occurrence(&mut s, &ok, "2026-11-31", "09:00").unwrap_err();
    assert_eq!(err.field(), Some("date"));
    assert!(crate::store::rhythms::all_marks(s.conn())
        .unwrap()
        .is_empty());
}

#[test]
fn a_held_one_on_one_resets_the_cadence_and_skipping_it_undoes_that() {
    let mut s = Store::open_in_memory().unwrap();
    let sofia = person_every(&mut s, "Sofia", Some(7), now() - Duration::days(30));
    let mut d = draft(
        RhythmKind::OneOnOne,
        "1:1 Sofia",
        "2026-11-02",
        "14:00",
        &[Weekday::Mon],
    );
    d.person_id = Some(sofia);
    let r = create(&mut s, &d, sthlm(), now()).unwrap();
    let agenda = crate::service::agenda::agenda(&s, now(), sthlm(), 7).unwrap();
    assert_eq!(agenda.overdue.len(), 1, "never held, added 30 days ago");
    let monday = format!("{}@2026-11-23T14:00", r.id);
    mark_held(&mut s, &monday, now()).unwrap();
    mark_held(&mut s, &monday, now()).unwrap();
    let agenda = crate::service::agenda::agenda(&s, now(), sthlm(), 7).unwrap();
    assert!(agenda.overdue.is_empty());
    assert_eq!(
        crate::service::checkins::for_person(&s, sofia)
            .unwrap()
            .len(),
        1,
        "held twice is one check-in"
    );
    let due = agenda.days.iter().flat_map(|d| &d.checkins).next().unwrap();
    assert_eq!(due.due_on, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    skip(&mut s, &monday, None).unwrap();
    assert!(crate::service::checkins::for_person(&s, sofia)
        .unwrap()
        .is_empty());
}

#[test]
fn logging_a_check_in_resets_the_cadence_but_not_from_the_future() {
    let mut s = Store::open_in_memory().unwrap();
    let anna = person_every(&mut s, "Anna", Some(14), now() - Duration::days(30));
    let today = now().with_timezone(&sthlm()).date_naive();
    let log = |s: &mut Store, date: &str| {
        crate::service::checkins::log(
            s,
            &CheckInDraft {
                person_id: anna,
                held_on: date.into(),
                minutes: None,
                channel: Channel::Phone,
                note: None,
            },
            today,
            now(),
        )
    };
    assert_eq!(
        crate::service::agenda::agenda(&s, now(), sthlm(), 7)
            .unwrap()
            .overdue
            .len(),
        1
    );
    let err = log(&mut s, "2026-11-27").unwrap_err();
    assert_eq!(err.field(), Some("heldOn"));
    let held = log(&mut s, "2026-11-26").unwrap();
    assert_eq!(held.minutes, 20);
    let agenda = crate::service::agenda::agenda(&s, now(), sthlm(), 30).unwrap();
    assert!(agenda.overdue.is_empty());
    let due: Vec<_> = agenda.days.iter().flat_map(|d| &d.checkins).collect();
    assert_eq!(
        due[0].due_on,
        NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
    );
}

#[test]
fn archived_people_have_nothing_due() {
    let mut s = Store::open_in_memory().unwrap();
    let bo = person_every(&mut s, "Bo", Some(7), now() - Duration::days(30));
    let mut d = draft(
        RhythmKind::OneOnOne,
        "1:1 Bo",
        "2026-11-02",
        "14:00",
        &[Weekday::Fri],
    );
    d.person_id = Some(bo);
    create(&mut s, &d, sthlm(), now()).unwrap();
    crate::service::people::archive(&mut s, bo, now()).unwrap();
    let agenda = crate::service::agenda::agenda(&s, now(), sthlm(), 7).unwrap();
    assert!(agenda.overdue.is_empty());
    assert!(agenda
        .days
        .iter()
        .all(|d| d.checkins.is_empty() && d.occurrences.is_empty()));
}

#[test]
fn editing_the_whole_series_keeps_marks_it_still_produces() {
    let mut s = Store::open_in_memory().unwrap();
    let r = create(&mut s, &office_hours(), sthlm(), now()).unwrap();
    let wed = format!("{}@2026-11-25T09:00", r.id);
    skip(&mut s, &wed, None).unwrap();
    let mut d = office_hours();
    d.title = "Öppen tid (Teams)".into();
    d.duration_minutes = 90;
    update(&mut s, r.id, &d, sthlm()).unwrap();
    let marks = crate::store::rhythms::all_marks(s.conn()).unwrap();
    assert_eq!(marks.len(), 1, "same rule: the skip stays");
    d.start_time = "10:00".into();
    update(&mut s, r.id, &d, sthlm()).unwrap();
    assert!(
        crate::store::rhythms::all_marks(s.conn())
            .unwrap()
            .is_empty(),
        "09:00 no longer occurs"
    );
}

#[test]
fn editing_from_a_date_splits_the_series_and_keeps_the_past() {
    let mut s = Store::open_in_memory().unwrap();
    let r = create(&mut s, &office_hours(), sthlm(), now()).unwrap();
    let past = format!("{}@2026-11-18T09:00", r.id);
    mark_held(&mut s, &past, now()).unwrap();
    let future = format!("{}@2026-12-09T09:00", r.id);
    skip(&mut s, &future, None).unwrap();
    let mut d = office_hours();
    d.start_date = "2026-12-01".into();
    d.recurrence = weekly(&[Weekday::Wed]);
    d.title = "Öppen tid, ny".into();
    let new = update_from(&mut s, r.id, "2026-12-01", &d, sthlm(), now()).unwrap();
    assert_ne!(new.id, r.id);
    let old = get(&s, r.id).unwrap();
    assert_eq!(
        old.recurrence.end,
        End::Until {
            date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        }
    );
    let marks = crate::store::rhythms::all_marks(s.conn()).unwrap();
    let held_past = marks
        .values()
        .find(|m| m.status == MarkStatus::Held)
        .unwrap();
    assert_eq!(held_past.rhythm_id, r.id);
    let skipped = marks
        .values()
        .find(|m| m.status == MarkStatus::Skipped)
        .unwrap();
    assert_eq!(
        skipped.rhythm_id, new.id,
        "the future skip follows the new series"
    );
    let titles: Vec<String> = occurrences_on(&s, now() - Duration::days(7), 21)
        .into_iter()
        .map(|o| o.title.to_string())
        .collect();
    assert_eq!(titles, ["Öppen tid", "Öppen tid, ny", "Öppen tid, ny"]);
    let mut early = d.clone();
    early.start_date = "2026-11-20".into();
    let err = update_from(&mut s, new.id, "2026-12-20", &early, sthlm(), now()).unwrap_err();
    assert_eq!(err.field(), Some("startDate"));
}

#[test]
fn groups_are_created_renamed_filled_and_guarded() {
    let mut s = Store::open_in_memory().unwrap();
    let g = crate::service::groups::create(
        &mut s,
        &GroupDraft {
            name: "Handläggning".into(),
        },
        now(),
    )
    .unwrap();
    let err = crate::service::groups::create(
        &mut s,
        &GroupDraft {
            name: "handläggning ".into(),
        },
        now(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let anna = person_every(&mut s, "Anna", Some(14), now() - Duration::days(30));
    let bo = person_every(&mut s, "Bo", Some(14), now() - Duration::days(30));
    crate::service::groups::add_member(&mut s, g.id, bo).unwrap();
    let g2 = crate::service::groups::add_member(&mut s, g.id, anna).unwrap();
    assert_eq!(g2.member_ids, vec![anna, bo]);
    crate::service::people::archive(&mut s, bo, now()).unwrap();
    let ceci = person_every(&mut s, "Ceci", Some(14), now() - Duration::days(30));
    crate::service::people::archive(&mut s, ceci, now()).unwrap();
    assert_eq!(
        crate::service::groups::add_member(&mut s, g.id, ceci)
            .unwrap_err()
            .field(),
        Some("personId")
    );
    let g3 = crate::service::groups::remove_member(&mut s, g.id, bo).unwrap();
    assert_eq!(g3.member_ids, vec![anna]);
    let renamed = crate::service::groups::rename(
        &mut s,
        g.id,
        &GroupDraft {
            name: "Handläggning Syd".into(),
        },
    )
    .unwrap();
    assert_eq!(renamed.name, "Handläggning Syd");
    let mut d = office_hours();
    d.kind = RhythmKind::GroupMeeting;
    d.group_id = Some(g.id);
    create(&mut s, &d, sthlm(), now()).unwrap();
    let err = crate::service::groups::delete(&mut s, g.id).unwrap_err();
    assert_eq!(err.message(Lang::Sv), "Handläggning Syd har fortfarande rytmer. Ta bort dem eller ge dem en annan arbetsgrupp först.");
    let empty =
        crate::service::groups::create(&mut s, &GroupDraft { name: "Tom".into() }, now()).unwrap();
    crate::service::groups::delete(&mut s, empty.id).unwrap();
    assert_eq!(crate::service::groups::list(&s).unwrap().len(), 1);
}

#[test]
fn deleting_a_rhythm_removes_its_occurrences() {
    let mut s = Store::open_in_memory().unwrap();
    let r = create(&mut s, &office_hours(), sthlm(), now()).unwrap();
    delete(&mut s, r.id).unwrap();
    assert!(occurrences_on(&s, now(), 7).is_empty());
    assert_eq!(
        delete(&mut s, r.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn an_occurrence_cannot_be_held_before_it_starts() {
    let mut s = Store::open_in_memory().unwrap();
    let sofia = person_every(&mut s, "Sofia", Some(7), now() - Duration::days(30));
    let mut d = draft(
        RhythmKind::OneOnOne,
        "1:1 Sofia",
        "2026-11-02",
        "14:00",
        &[Weekday::Mon],
    );
    d.person_id = Some(sofia);
    let r = create(&mut s, &d, sthlm(), now()).unwrap();
    let next_monday = format!("{}@2026-11-30T14:00", r.id);
    let err = mark_held(&mut s, &next_monday, now()).unwrap_err();
    assert_eq!(err.field(), Some("occurrence"));
    assert!(crate::service::checkins::for_person(&s, sofia)
        .unwrap()
        .is_empty());
    assert!(crate::store::rhythms::all_marks(s.conn())
        .unwrap()
        .is_empty());
}

/// The control-character rule titles have holds at every door of a rhythm: the draft (new,
/// edited, edited from a date) and the reason for skipping one occurrence.
#[test]
fn control_characters_are_refused_at_every_rhythm_door_and_nothing_changes() {
    let mut s = Store::open_in_memory().unwrap();
    let fika = create(&mut s, &office_hours(), sthlm(), now()).unwrap();
    let occurrence = occurrences_on(&s, now(), 7)[0].id.clone();
    let before = (list(&s).unwrap(), occurrences_on(&s, now(), 7));
    let refused = |err: crate::Error| {
        assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
        assert_eq!(
            err.message(Lang::Sv),
            crate::i18n::t(Lang::Sv, "error.invalid.control_chars", &[])
        );
    };
    let bell = office_hours_titled("Öppen\u{7}tid");
    refused(create(&mut s, &bell, sthlm(), now()).unwrap_err());
    refused(update(&mut s, fika.id, &bell, sthlm()).unwrap_err());
    refused(update_from(&mut s, fika.id, "2026-12-01", &bell, sthlm(), now()).unwrap_err());
    refused(skip(&mut s, &occurrence, Some("Jul\u{1b}[31mledigt")).unwrap_err());
    refused(skip(&mut s, &occurrence, Some("Jul\nledigt")).unwrap_err());
    assert_eq!((list(&s).unwrap(), occurrences_on(&s, now(), 7)), before);
}

fn office_hours_titled(title: &str) -> RhythmDraft {
    RhythmDraft {
        title: title.into(),
        ..office_hours()
    }
}

#[test]
fn a_meeting_link_is_kept_shown_on_occurrences_and_carried_into_a_split_series() {
    let mut s = Store::open_in_memory().unwrap();
    let r = create(&mut s, &office_hours(), sthlm(), now()).unwrap();
    assert_eq!(r.meeting_link, None);
    for (bad, key) in [
        ("http://zoom.us/j/1", "error.invalid.link_https"),
        ("https://", "error.invalid.link_host"),
    ] {
        let err = set_meeting_link(&mut s, r.id, Some(bad)).unwrap_err();
        assert_eq!(err.field(), Some("meetingLink"));
        assert!(matches!(&err, Error::Invalid(i) if i.key == key), "{bad}");
        assert!(!err.message(Lang::Sv).contains("error."));
    }
    assert_eq!(get(&s, r.id).unwrap().meeting_link, None);
    let link = "https://meet.jit.si/NarvaroOppenTid";
    let r = set_meeting_link(&mut s, r.id, Some(&format!("  {link} "))).unwrap();
    assert_eq!(r.meeting_link.as_deref(), Some(link));
    let seen = occurrences_on(&s, now(), 14);
    assert!(!seen.is_empty());
    assert!(seen.iter().all(|o| o.meeting_link.as_deref() == Some(link)));

    let mut later = office_hours();
    later.start_time = "10:00".into();
    later.start_date = "2026-12-02".into();
    let new = update_from(&mut s, r.id, "2026-12-01", &later, sthlm(), now()).unwrap();
    assert_ne!(new.id, r.id);
    assert_eq!(new.meeting_link.as_deref(), Some(link));

    let cleared = set_meeting_link(&mut s, r.id, Some("")).unwrap();
    assert_eq!(cleared.meeting_link, None);
    assert_eq!(
        set_meeting_link(&mut s, 999, Some(link))
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
}
