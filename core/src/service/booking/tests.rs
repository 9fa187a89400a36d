use super::*;
use crate::model::recurrence::Weekday;
use crate::model::{Channel, CheckInDraft, PersonDraft, RhythmKind};
use crate::service::settings::{set_manager, ManagerSettings};
use crate::testing::{person_talked, sthlm, sthlm_at, store, weekly};

/// Someone with an e-mail, last talked 14 days before `now` (so due today).
fn anna(s: &mut Store, now: DateTime<Utc>) -> PersonId {
    let new = crate::model::NewPerson {
        draft: PersonDraft {
            name: "Anna Lind".into(),
            email: Some("anna@example.se".into()),
            ..PersonDraft::default()
        },
        last_talked: Some(
            (now - Duration::days(14))
                .with_timezone(&sthlm())
                .date_naive()
                .to_string(),
        ),
    };
    let today = now.with_timezone(&sthlm()).date_naive();
    crate::service::people::add_new(s, &new, today, now - Duration::days(20))
        .unwrap()
        .id
}

fn manager(s: &mut Store) {
    set_manager(
        s,
        &ManagerSettings {
            name: Some("Maria Chef".into()),
            email: Some("maria@example.se".into()),
        },
    )
    .unwrap();
}

fn draft(date: &str, time: &str) -> BookingDraft {
    BookingDraft {
        date: date.into(),
        time: time.into(),
    }
}

/// Books `person` at `date` `time` (Stockholm) in `lang`, as of `now`.
fn try_book(
    s: &mut Store,
    person: PersonId,
    date: &str,
    time: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Invitation> {
    book(s, person, &draft(date, time), now, sthlm(), lang)
}

/// Books `person` at `date` `time` (Stockholm), in English, as of `now`.
fn book_en(
    s: &mut Store,
    person: PersonId,
    date: &str,
    time: &str,
    now: DateTime<Utc>,
) -> Invitation {
    book(s, person, &draft(date, time), now, sthlm(), Lang::En).unwrap()
}

fn count(s: &Store) -> i64 {
    s.conn()
        .query_row("SELECT count(*) FROM booking", [], |r| r.get(0))
        .unwrap()
}

/// Thursday 26 November 2026, 09:07 in Stockholm.
fn thursday() -> DateTime<Utc> {
    sthlm_at(2026, 11, 26, 9, 7)
}

#[test]
fn the_suggestion_is_the_next_free_quarter_avoiding_the_team_s_rhythms() {
    let mut s = store();
    let now = thursday();
    let anna = anna(&mut s, now);
    // A daily stand-up 09:00–09:30 and a moved fika: the first free quarter is 09:30.
    let rhythm = |title: &str, time: &str, minutes: i64| {
        weekly(
            RhythmKind::SocialBreak,
            title,
            "2026-11-02",
            &Weekday::WORKDAYS,
            time,
            minutes,
        )
    };
    crate::service::rhythms::create(&mut s, &rhythm("Stand-up", "09:00", 30), sthlm(), now)
        .unwrap();
    let fika = crate::service::rhythms::create(&mut s, &rhythm("Fika", "15:00", 20), sthlm(), now)
        .unwrap();
    let got = suggest(&s, anna, now, sthlm()).unwrap();
    assert_eq!(got.start, sthlm_at(2026, 11, 26, 9, 30));
    assert_eq!(
        (got.date.as_str(), got.time.as_str()),
        ("2026-11-26", "09:30")
    );
    assert_eq!(got.minutes, 20);
    assert_eq!(got.current, None);

    // Today's fika moved to 09:30: the check-in goes after it.
    let id = format!("{}@2026-11-26T15:00", fika.id);
    crate::service::rhythms::move_occurrence(&mut s, &id, "2026-11-26", "09:30").unwrap();
    let got = suggest(&s, anna, now, sthlm()).unwrap();
    assert_eq!(got.start, sthlm_at(2026, 11, 26, 10, 0));
}

#[test]
fn the_suggestion_waits_for_the_due_date_and_for_other_bookings() {
    let mut s = store();
    manager(&mut s);
    let now = thursday();
    // Bo talked to today: due in 14 days, on Thursday 10 December.
    let bo = person_talked(&mut s, "Bo Berg", now);
    let got = suggest(&s, bo, now, sthlm()).unwrap();
    assert_eq!(got.start, sthlm_at(2026, 12, 10, 8, 0));

    // Anna is due today; Cecilia booked 09:15–09:35, so Anna gets 09:45 (after rounding).
    let anna = anna(&mut s, now);
    let cecilia = crate::service::people::add(
        &mut s,
        &PersonDraft {
            name: "Cecilia Ek".into(),
            email: Some("cecilia@example.se".into()),
            ..PersonDraft::default()
        },
        now,
    )
    .unwrap()
    .id;
    book_en(&mut s, cecilia, "2026-11-26", "09:15", now);
    let got = suggest(&s, anna, now, sthlm()).unwrap();
    assert_eq!(got.start, sthlm_at(2026, 11, 26, 9, 45));
}

#[test]
fn booking_refuses_without_either_e_mail_and_changes_nothing() {
    let mut s = store();
    let now = thursday();
    let anna = anna(&mut s, now);
    let err = try_book(&mut s, anna, "2026-11-27", "10:00", now, Lang::En).unwrap_err();
    assert_eq!(err.field(), Some("managerEmail"));
    assert!(
        err.message(Lang::En).contains("Settings"),
        "{}",
        err.message(Lang::En)
    );
    assert!(
        err.message(Lang::Sv).contains("Inställningar"),
        "{}",
        err.message(Lang::Sv)
    );
    assert_eq!(count(&s), 0);

    manager(&mut s);
    let nomail = crate::testing::person(&mut s, "Bo Berg", now);
    let err = try_book(&mut s, nomail, "2026-11-27", "10:00", now, Lang::Sv).unwrap_err();
    assert_eq!(err.field(), Some("email"));
    assert!(
        err.message(Lang::Sv).contains("Bo Berg"),
        "{}",
        err.message(Lang::Sv)
    );
    assert_eq!(count(&s), 0);

    // Bad times, the past, an unknown or archived person: refused, nothing stored.
    for (d, t, field) in [
        ("2026-13-01", "10:00", "date"),
        ("2026-11-27", "25:00", "time"),
        ("2026-11-26", "08:00", "time"),
    ] {
        let err = book(&mut s, anna, &draft(d, t), now, sthlm(), Lang::En).unwrap_err();
        assert_eq!(err.field(), Some(field), "{d} {t}");
    }
    let err = try_book(&mut s, 9999, "2026-11-27", "10:00", now, Lang::En).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
    assert!(matches!(
        suggest(&s, 0, now, sthlm()),
        Err(Error::Invalid(_))
    ));
    crate::service::people::archive(&mut s, anna, now).unwrap();
    let err = try_book(&mut s, anna, "2026-11-27", "10:00", now, Lang::En).unwrap_err();
    assert!(
        err.message(Lang::En).contains("Anna Lind"),
        "{}",
        err.message(Lang::En)
    );
    assert_eq!(count(&s), 0);
}

#[test]
fn booking_again_updates_the_same_event_until_a_check_in_is_held() {
    let mut s = store();
    manager(&mut s);
    let now = thursday();
    let anna = anna(&mut s, now);
    let first = book_en(&mut s, anna, "2026-11-27", "10:00", now);
    assert_eq!(first.booking.sequence, 0);
    assert!(first.ics.contains("SUMMARY:Check-in with Anna Lind\r\n"));
    assert!(first.file_name.starts_with(&format!("booking-{anna}-")));
    let later = now + Duration::minutes(5);
    let second = book_en(&mut s, anna, "2026-11-27", "13:15", later);
    assert_eq!(second.booking.uid, first.booking.uid);
    assert_eq!(second.booking.sequence, 1);
    assert!(second.ics.contains("SEQUENCE:1\r\n"));
    assert_ne!(second.file_name, first.file_name);
    assert_eq!(count(&s), 1);
    assert_eq!(
        of_person(&s, anna, later).unwrap().map(|b| b.start),
        Some(sthlm_at(2026, 11, 27, 13, 15))
    );

    // The agenda carries it: on the due row, and on its day at its time.
    let agenda = crate::service::agenda::agenda(&s, later, sthlm(), 8).unwrap();
    let due = agenda.days[0]
        .checkins
        .iter()
        .chain(&agenda.overdue)
        .find(|d| d.person_id == anna)
        .unwrap();
    assert_eq!(
        due.booked.as_ref().map(|b| b.start),
        Some(sthlm_at(2026, 11, 27, 13, 15))
    );
    assert_eq!(agenda.days[1].booked.len(), 1);
    assert_eq!(agenda.days[1].booked[0].end, sthlm_at(2026, 11, 27, 13, 35));
    assert!(agenda.days[0].booked.is_empty());

    // Holding the check-in ends it; the next booking is a new event.
    crate::service::checkins::log(
        &mut s,
        &CheckInDraft {
            person_id: anna,
            held_on: "2026-11-27".into(),
            minutes: None,
            channel: Channel::Video,
            note: None,
        },
        crate::testing::date(2026, 11, 27),
        sthlm_at(2026, 11, 27, 14, 0),
    )
    .unwrap();
    assert_eq!(count(&s), 0);
    let next = book(
        &mut s,
        anna,
        &draft("2026-12-10", "10:00"),
        sthlm_at(2026, 11, 27, 14, 0),
        sthlm(),
        Lang::En,
    )
    .unwrap();
    assert_ne!(next.booking.uid, first.booking.uid);
    assert_eq!(next.booking.sequence, 0);
}

#[test]
fn a_check_in_logged_for_an_earlier_day_keeps_the_booking_and_a_lapsed_one_starts_anew() {
    let mut s = store();
    manager(&mut s);
    let now = thursday();
    let anna = anna(&mut s, now);
    let first = book_en(&mut s, anna, "2026-11-27", "10:00", now);
    crate::service::checkins::log(
        &mut s,
        &CheckInDraft {
            person_id: anna,
            held_on: "2026-11-20".into(),
            minutes: None,
            channel: Channel::Phone,
            note: None,
        },
        crate::testing::date(2026, 11, 26),
        now,
    )
    .unwrap();
    assert_eq!(count(&s), 1);
    // Two days after it, never held: lapsed, not shown, and booking again is a new event.
    let after = sthlm_at(2026, 11, 29, 10, 0);
    assert_eq!(of_person(&s, anna, after).unwrap(), None);
    let agenda = crate::service::agenda::agenda(&s, after, sthlm(), 8).unwrap();
    assert!(agenda.days.iter().all(|d| d.booked.is_empty()));
    let again = book_en(&mut s, anna, "2026-11-30", "10:00", after);
    assert_ne!(again.booking.uid, first.booking.uid);
    assert_eq!(again.booking.sequence, 0);
}

#[test]
fn cancelling_removes_the_booking_and_a_second_cancel_is_refused() {
    let mut s = store();
    manager(&mut s);
    let now = thursday();
    let anna = anna(&mut s, now);
    book_en(&mut s, anna, "2026-11-27", "10:00", now);
    cancel(&mut s, anna).unwrap();
    assert_eq!(count(&s), 0);
    let err = cancel(&mut s, anna).unwrap_err();
    assert!(
        err.message(Lang::Sv).contains("Anna Lind"),
        "{}",
        err.message(Lang::Sv)
    );
    assert!(matches!(cancel(&mut s, 9999), Err(Error::NotFound { .. })));
}

#[test]
fn never_suggested_while_the_person_is_away_and_a_booking_then_is_refused() {
    let mut s = store();
    manager(&mut s);
    let now = thursday();
    let anna = anna(&mut s, now);
    // Away Friday 27 November to Tuesday 1 December: back Wednesday.
    crate::service::away::add(
        &mut s,
        &crate::model::AwayDraft {
            person_id: anna,
            from: "2026-11-27".into(),
            to: "2026-12-01".into(),
            reason: "vacation".into(),
        },
    )
    .unwrap();
    let late = sthlm_at(2026, 11, 26, 16, 50);
    let got = suggest(&s, anna, late, sthlm()).unwrap();
    assert_eq!(got.start, sthlm_at(2026, 12, 2, 8, 0));
    let err = try_book(&mut s, anna, "2026-11-30", "10:00", now, Lang::En).unwrap_err();
    assert_eq!(err.field(), Some("date"));
    assert_eq!(count(&s), 0);
}
