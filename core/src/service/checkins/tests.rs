use chrono::Duration;

use super::*;
use crate::model::{Channel, FollowUpOwner, PersonDraft};
use crate::testing::sthlm;
use crate::testing::thursday::{now, today};

fn setup() -> (Store, PersonId) {
    let mut s = Store::open_in_memory().unwrap();
    let draft = PersonDraft {
        name: "Anna Lind".into(),
        cadence_days: Some(14),
        ..PersonDraft::default()
    };
    let id = crate::service::people::add(&mut s, &draft, now() - Duration::days(40))
        .unwrap()
        .id;
    (s, id)
}

fn finish_with(person: PersonId, held_on: &str, prompts: Vec<String>) -> FinishCheckIn {
    FinishCheckIn {
        person_id: person,
        held_on: held_on.into(),
        minutes: None,
        channel: Channel::Video,
        note: Some("Trött efter flytten, vill ha färre möten.".into()),
        pulse: PulseDraft {
            mood: Some(3),
            workload: Some(4),
            balance: Some(2),
            moves: Some(true),
        },
        prompts,
        done_followups: vec![],
        new_followups: vec![FollowUpDraft {
            text: "Se över mötesschemat".into(),
            owner: FollowUpOwner::Manager,
            due_on: Some("2026-12-01".into()),
        }],
    }
}

fn ids(prompts: &[PromptView]) -> Vec<String> {
    prompts.iter().map(|p| p.id.clone()).collect()
}

#[test]
fn a_first_check_in_offers_the_guides_first_three_questions() {
    let (s, anna) = setup();
    let ctx = context(&s, anna, Lang::Sv, today()).unwrap();
    let texts: Vec<&str> = ctx.prompts.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Hur har du det?",
            "Hur går det att jobba hemma?",
            "Kommer du ut något och rör på dig?"
        ]
    );
    assert!(ctx.open_followups.is_empty() && ctx.last_pulse.is_none() && ctx.draft.is_none());
}

#[test]
fn finishing_records_everything_resets_the_cadence_and_rotates_the_questions() {
    let (mut s, anna) = setup();
    let first = context(&s, anna, Lang::En, today()).unwrap();
    let held = finish(
        &mut s,
        &finish_with(anna, "2026-11-26", ids(&first.prompts)),
        today(),
        now(),
    )
    .unwrap();
    assert_eq!(held.pulse.mood, Some(3));
    assert_eq!(held.minutes, 20);
    let agenda = crate::service::agenda::agenda(&s, now(), sthlm(), 1).unwrap();
    assert!(agenda.overdue.is_empty(), "held today: no longer due");
    let second = context(&s, anna, Lang::En, today()).unwrap();
    assert!(
        ids(&second.prompts)
            .iter()
            .all(|p| !ids(&first.prompts).contains(p)),
        "new questions"
    );
    assert_eq!(second.open_followups.len(), 1);
    assert_eq!(second.open_followups[0].text, "Se över mötesschemat");
    assert_eq!(second.last_pulse, Some((today(), held.pulse)));
    // Tick the follow-up off in the next check-in: it is done, and a new one carries forward.
    let mut next = finish_with(anna, "2026-11-26", ids(&second.prompts));
    next.done_followups = vec![second.open_followups[0].id];
    finish(&mut s, &next, today(), now()).unwrap();
    let third = context(&s, anna, Lang::En, today()).unwrap();
    assert_eq!(third.open_followups.len(), 1);
    assert_ne!(third.open_followups[0].id, second.open_followups[0].id);
}

#[test]
fn the_rotation_is_deterministic_and_never_repeats_back_to_back() {
    let candidates: Vec<PromptView> = BUILTIN_PROMPTS
        .iter()
        .map(|n| builtin_view(n, Lang::En))
        .collect();
    let mut used: HashMap<String, NaiveDate> = HashMap::new();
    let mut previous: Vec<String> = Vec::new();
    for k in 0..12 {
        let picked = pick_prompts(&candidates, &used, k);
        assert_eq!(picked, pick_prompts(&candidates, &used, k), "deterministic");
        assert_eq!(picked.len(), 3);
        assert!(
            ids(&picked).iter().all(|p| !previous.contains(p)),
            "round {k}: {picked:?} after {previous:?}"
        );
        for p in &picked {
            used.insert(p.id.clone(), today() + Duration::days(k as i64));
        }
        previous = ids(&picked);
    }
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let (mut s, anna) = setup();
    context(&s, anna, Lang::En, today()).unwrap();
    save_draft(&mut s, anna, &serde_json::json!({"note": "halfway"}), now()).unwrap();
    let cases: Vec<(FinishCheckIn, &str)> = vec![
        (
            FinishCheckIn {
                pulse: PulseDraft {
                    mood: Some(6),
                    ..PulseDraft::default()
                },
                ..finish_with(anna, "2026-11-26", vec![])
            },
            "mood",
        ),
        (
            FinishCheckIn {
                pulse: PulseDraft {
                    balance: Some(0),
                    ..PulseDraft::default()
                },
                ..finish_with(anna, "2026-11-26", vec![])
            },
            "balance",
        ),
        (
            FinishCheckIn {
                note: Some("x".repeat(20_001)),
                ..finish_with(anna, "2026-11-26", vec![])
            },
            "note",
        ),
        (finish_with(anna, "2026-11-27", vec![]), "heldOn"),
        (finish_with(anna, "26/11", vec![]), "heldOn"),
        (
            FinishCheckIn {
                minutes: Some(2),
                ..finish_with(anna, "2026-11-26", vec![])
            },
            "minutes",
        ),
        (
            FinishCheckIn {
                new_followups: vec![FollowUpDraft {
                    text: " ".into(),
                    owner: FollowUpOwner::Person,
                    due_on: None,
                }],
                ..finish_with(anna, "2026-11-26", vec![])
            },
            "newFollowups",
        ),
    ];
    for (draft, field) in cases {
        let err = finish(&mut s, &draft, today(), now()).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(!err.message(Lang::Sv).starts_with("error."));
    }
    let unknown = FinishCheckIn {
        done_followups: vec![999],
        ..finish_with(anna, "2026-11-26", vec![])
    };
    assert_eq!(
        finish(&mut s, &unknown, today(), now()).unwrap_err().kind(),
        crate::ErrorKind::NotFound
    );
    let nobody = finish_with(4242, "2026-11-26", vec![]);
    assert_eq!(
        finish(&mut s, &nobody, today(), now()).unwrap_err().kind(),
        crate::ErrorKind::NotFound
    );
    assert!(crate::service::checkins::for_person(&s, anna)
        .unwrap()
        .is_empty());
    assert!(table::followups_of(s.conn(), anna).unwrap().is_empty());
    assert_eq!(
        context(&s, anna, Lang::En, today()).unwrap().draft,
        Some(serde_json::json!({"note": "halfway"})),
        "the draft is kept"
    );
}

#[test]
fn a_draft_survives_closing_the_database_and_goes_when_finished() {
    let dir = tempfile::tempdir().unwrap();
    let anna = {
        let mut s = Store::open_dir(dir.path()).unwrap();
        let id = crate::service::people::add(
            &mut s,
            &PersonDraft {
                name: "Anna".into(),
                ..PersonDraft::default()
            },
            now(),
        )
        .unwrap()
        .id;
        save_draft(
            &mut s,
            id,
            &serde_json::json!({"note": "Pratade om semestern", "mood": 4}),
            now(),
        )
        .unwrap();
        id
    };
    let mut s = Store::open_dir(dir.path()).unwrap();
    let ctx = context(&s, anna, Lang::En, today()).unwrap();
    assert_eq!(ctx.draft.unwrap()["note"], "Pratade om semestern");
    assert_eq!(
        save_draft(&mut s, anna, &serde_json::json!("text"), now())
            .unwrap_err()
            .field(),
        Some("draft")
    );
    let huge = serde_json::json!({"note": "x".repeat(300_000)});
    assert_eq!(
        save_draft(&mut s, anna, &huge, now()).unwrap_err().field(),
        Some("draft")
    );
    finish(
        &mut s,
        &finish_with(anna, "2026-11-26", vec![]),
        today(),
        now(),
    )
    .unwrap();
    assert!(context(&s, anna, Lang::En, today())
        .unwrap()
        .draft
        .is_none());
}

#[test]
fn own_prompts_are_offered_until_retired_and_stay_in_history() {
    let (mut s, anna) = setup();
    // Use up the guide's questions first, so the own one is next.
    for _ in 0..3 {
        let ctx = context(&s, anna, Lang::En, today()).unwrap();
        finish(
            &mut s,
            &finish_with(anna, "2026-11-20", ids(&ctx.prompts)),
            today(),
            now(),
        )
        .unwrap();
    }
    let own = add_prompt(&mut s, "Vad har du lärt dig den här veckan?", now()).unwrap();
    assert!(ids(&context(&s, anna, Lang::En, today()).unwrap().prompts)
        .contains(&format!("own:{}", own.id)));
    let ctx = context(&s, anna, Lang::En, today()).unwrap();
    finish(
        &mut s,
        &finish_with(anna, "2026-11-25", ids(&ctx.prompts)),
        today(),
        now(),
    )
    .unwrap();
    retire_prompt(&mut s, own.id, true, now()).unwrap();
    for _ in 0..4 {
        let ctx = context(&s, anna, Lang::En, today()).unwrap();
        assert!(!ids(&ctx.prompts).contains(&format!("own:{}", own.id)));
        finish(
            &mut s,
            &finish_with(anna, "2026-11-26", ids(&ctx.prompts)),
            today(),
            now(),
        )
        .unwrap();
    }
    let tl = timeline(&s, anna, now(), sthlm(), Lang::En).unwrap();
    let asked: Vec<&str> = tl
        .checkins
        .iter()
        .flat_map(|c| &c.prompts)
        .map(|p| p.text.as_str())
        .collect();
    assert!(asked.contains(&"Vad har du lärt dig den här veckan?"));
    assert_eq!(
        add_prompt(&mut s, "  ", now()).unwrap_err().field(),
        Some("text")
    );
    assert_eq!(
        edit_prompt(&mut s, 77, "x").unwrap_err().kind(),
        crate::ErrorKind::NotFound
    );
}

#[test]
fn the_timeline_lists_check_ins_pulses_follow_ups_and_occurrences() {
    let (mut s, anna) = setup();
    for (day, mood) in [("2026-11-05", 2), ("2026-11-12", 3), ("2026-11-19", 4)] {
        let mut f = finish_with(anna, day, vec![]);
        f.pulse.mood = Some(mood);
        finish(&mut s, &f, today(), now()).unwrap();
    }
    let plain = FinishCheckIn {
        pulse: PulseDraft::default(),
        ..finish_with(anna, "2026-11-21", vec![])
    };
    finish(&mut s, &plain, today(), now()).unwrap();
    let draft = crate::model::RhythmDraft {
        kind: crate::model::RhythmKind::OneOnOne,
        title: "1:1 Anna".into(),
        group_id: None,
        person_id: Some(anna),
        start_date: "2026-11-02".into(),
        start_time: "14:00".into(),
        duration_minutes: 30,
        timezone: None,
        recurrence: crate::model::recurrence::Recurrence {
            repeat: crate::model::recurrence::Repeat::Weekly {
                interval: 1,
                weekdays: vec![crate::model::recurrence::Weekday::Mon],
            },
            end: crate::model::recurrence::End::Never,
        },
        lead_minutes: None,
    };
    let r = crate::service::rhythms::create(&mut s, &draft, sthlm(), now() - Duration::days(30))
        .unwrap();
    crate::service::rhythms::mark_held(&mut s, &format!("{}@2026-11-23T14:00", r.id), now())
        .unwrap();
    let tl = timeline(&s, anna, now(), sthlm(), Lang::En).unwrap();
    let dates: Vec<String> = tl
        .checkins
        .iter()
        .map(|c| c.checkin.held_on.to_string())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-11-23",
            "2026-11-21",
            "2026-11-19",
            "2026-11-12",
            "2026-11-05"
        ]
    );
    let moods: Vec<Option<u8>> = tl.pulses.iter().map(|p| p.pulse.mood).collect();
    assert_eq!(
        moods,
        [Some(2), Some(3), Some(4)],
        "oldest first, check-ins without a pulse left out"
    );
    assert_eq!(tl.pulses_before, 0);
    assert_eq!(tl.followups.len(), 4);
    assert_eq!(tl.checkins[2].followups.len(), 1);
    let statuses: Vec<(String, MarkStatus)> = tl
        .occurrences
        .iter()
        .map(|o| (o.id.clone(), o.status))
        .collect();
    assert_eq!(
        statuses[0],
        (format!("{}@2026-11-23T14:00", r.id), MarkStatus::Held)
    );
}

#[test]
fn editing_and_deleting_entries() {
    let (mut s, anna) = setup();
    let held = finish(
        &mut s,
        &finish_with(anna, "2026-11-20", vec![]),
        today(),
        now(),
    )
    .unwrap();
    let edit = CheckInEdit {
        held_on: "2026-11-19".into(),
        minutes: 30,
        channel: Channel::Phone,
        note: None,
        pulse: PulseDraft {
            mood: Some(5),
            ..PulseDraft::default()
        },
    };
    let edited = edit_checkin(&mut s, held.id, &edit, today()).unwrap();
    assert_eq!(
        (
            edited.minutes,
            edited.note.clone(),
            edited.pulse.mood,
            edited.pulse.workload
        ),
        (30, None, Some(5), None)
    );
    let bad = CheckInEdit {
        minutes: 500,
        ..edit.clone()
    };
    assert_eq!(
        edit_checkin(&mut s, held.id, &bad, today())
            .unwrap_err()
            .field(),
        Some("minutes")
    );
    let f = table::followups_of(s.conn(), anna).unwrap()[0].clone();
    let done = set_followup_done(&mut s, f.id, true, today()).unwrap();
    assert_eq!(done.done_on, Some(today()));
    let changed = edit_followup(
        &mut s,
        f.id,
        &FollowUpDraft {
            text: "Nytt schema".into(),
            owner: FollowUpOwner::Person,
            due_on: None,
        },
    )
    .unwrap();
    assert_eq!(
        (changed.text.as_str(), changed.owner),
        ("Nytt schema", FollowUpOwner::Person)
    );
    delete_followup(&mut s, f.id).unwrap();
    crate::service::checkins::delete(&mut s, held.id).unwrap();
    assert!(timeline(&s, anna, now(), sthlm(), Lang::En)
        .unwrap()
        .checkins
        .is_empty());
}

#[test]
fn follow_ups_due_show_until_done_and_rest_with_archived_people() {
    let (mut s, anna) = setup();
    finish(
        &mut s,
        &finish_with(anna, "2026-11-20", vec![]),
        today(),
        now(),
    )
    .unwrap();
    let due = followups_due(&s, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).unwrap();
    assert_eq!(due.len(), 1);
    assert!(
        followups_due(&s, today()).unwrap().is_empty(),
        "due on 1 December"
    );
    crate::service::people::archive(&mut s, anna, now()).unwrap();
    assert!(
        followups_due(&s, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn notes_and_pulses_never_reach_the_logs_or_notifications() {
    crate::testing::logs::install();
    let (mut s, anna) = setup();
    // The positive control: notification texts come from the catalogue, which logs a key
    // it lacks; that line must reach the capture, or the absence below proves nothing.
    t(Lang::En, "notification.no_such_key", &[]);
    let sentinel = "SENTINEL-7731-private";
    let mut f = finish_with(anna, "2026-11-12", vec![]);
    f.note = Some(sentinel.into());
    finish(&mut s, &f, today(), now()).unwrap();
    // Bad input too: errors are logged and must not echo the note either.
    let mut bad = finish_with(anna, "2026-11-30", vec![]);
    bad.note = Some(sentinel.into());
    let err = finish(&mut s, &bad, today(), now()).unwrap_err();
    assert!(!err.to_string().contains(sentinel));
    let mut notified = Vec::new();
    let mut t = now() - Duration::days(1);
    while t < now() + Duration::days(2) {
        for n in crate::service::reminders::tick(&mut s, t, sthlm(), Lang::En)
            .unwrap()
            .notifications
        {
            notified.push(format!("{} {}", n.title, n.body));
        }
        t += Duration::minutes(30);
    }
    assert!(
        !notified.is_empty(),
        "the check-in came due and was announced"
    );
    assert!(notified
        .iter()
        .all(|n| !n.contains(sentinel) && !n.contains("mood")));
    let mine = crate::testing::logs::of_this_thread();
    assert!(
        mine.iter()
            .any(|line| line.contains("missing catalogue key notification.no_such_key")),
        "the positive control reached the capture: {mine:?}"
    );
    let leaked: Vec<String> = crate::testing::logs::all()
        .into_iter()
        .filter(|line| line.contains(sentinel))
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
}

/// Follow-ups and own questions are one-line texts: control characters are refused at each
/// of their doors, with the translated message, and nothing is written.
#[test]
fn control_characters_are_refused_in_follow_ups_and_questions_and_nothing_changes() {
    let (mut s, anna) = setup();
    let held = finish(
        &mut s,
        &finish_with(anna, "2026-11-20", vec![]),
        today(),
        now(),
    )
    .unwrap();
    let prompt = add_prompt(&mut s, "Hur mår familjen?", now()).unwrap();
    let before = (
        table::followups_of(s.conn(), anna).unwrap(),
        own_prompts(&s).unwrap(),
        crate::service::checkins::for_person(&s, anna).unwrap(),
    );
    let refused = |err: crate::Error| {
        assert_eq!(err.kind(), crate::ErrorKind::Invalid, "{err}");
        assert_eq!(
            err.message(Lang::Sv),
            t(Lang::Sv, "error.invalid.control_chars", &[])
        );
    };
    let bell = FollowUpDraft {
        text: "Boka\u{7} om".into(),
        owner: FollowUpOwner::Manager,
        due_on: None,
    };
    let newline = FollowUpDraft {
        text: "Boka\nom".into(),
        ..bell.clone()
    };
    let finishing = FinishCheckIn {
        new_followups: vec![bell.clone()],
        ..finish_with(anna, "2026-11-26", vec![])
    };
    refused(finish(&mut s, &finishing, today(), now()).unwrap_err());
    refused(add_followup(&mut s, anna, &bell, now()).unwrap_err());
    refused(add_followup(&mut s, anna, &newline, now()).unwrap_err());
    let existing = before.0[0].id;
    refused(edit_followup(&mut s, existing, &bell).unwrap_err());
    refused(add_prompt(&mut s, "Hur\u{0} mår du?", now()).unwrap_err());
    refused(edit_prompt(&mut s, prompt.id, "Hur\u{1b} mår du?").unwrap_err());
    assert_eq!(
        (
            table::followups_of(s.conn(), anna).unwrap(),
            own_prompts(&s).unwrap(),
            crate::service::checkins::for_person(&s, anna).unwrap(),
        ),
        before
    );
    assert_eq!(before.2.len(), 1, "only the check-in {} is held", held.id);
}

#[test]
fn the_check_in_shows_the_persons_assignments_and_flags_one_they_are_alone_on() {
    use crate::model::AssignmentDraft;
    use crate::service::assignments;
    let (mut s, anna) = setup();
    let bo = crate::testing::person(&mut s, "Bo", now() - Duration::days(40));
    let draft = |title: &str, owners: Vec<i64>, board: Option<i64>| AssignmentDraft {
        title: title.into(),
        owner_ids: owners,
        sounding_board_id: board,
        ..AssignmentDraft::default()
    };
    assignments::create(&mut s, &draft("Budget", vec![anna], None), today(), now()).unwrap();
    assignments::create(
        &mut s,
        &draft("Intranät", vec![anna, bo], None),
        today(),
        now(),
    )
    .unwrap();
    assignments::create(
        &mut s,
        &draft("Rekrytering", vec![bo], Some(anna)),
        today(),
        now(),
    )
    .unwrap();
    let work = context(&s, anna, Lang::Sv, today()).unwrap().work;
    let owns: Vec<_> = work
        .owns
        .iter()
        .map(|w| (w.title.as_str(), w.alone))
        .collect();
    assert_eq!(owns, [("Budget", true), ("Intranät", false)]);
    let boards: Vec<_> = work
        .sounding_board_for
        .iter()
        .map(|w| (w.title.as_str(), w.alone))
        .collect();
    assert_eq!(boards, [("Rekrytering", false)]);
    let cia = crate::testing::person(&mut s, "Cia", now());
    let none = context(&s, cia, Lang::Sv, today()).unwrap().work;
    assert!(none.owns.is_empty() && none.sounding_board_for.is_empty());
}

/// Three years of check-ins every fortnight: the chart holds the year up to the latest pulse
/// (a pulse exactly a year before it included), and says how many came before.
#[test]
fn the_pulse_chart_holds_the_year_up_to_the_latest_pulse() {
    let mut s = Store::open_in_memory().unwrap();
    let draft = PersonDraft {
        name: "Åsa Öberg".into(),
        cadence_days: Some(14),
        ..PersonDraft::default()
    };
    let asa = crate::service::people::add(&mut s, &draft, now() - Duration::days(4 * 365))
        .unwrap()
        .id;
    let latest = today() - Duration::days(10);
    let days: Vec<NaiveDate> = (0..80)
        .rev()
        .map(|i| latest - Duration::days(i * 14))
        .collect();
    let with_pulse = |day: &NaiveDate| *day != latest - Duration::days(14);
    for day in &days {
        let mut f = finish_with(asa, &day.to_string(), vec![]);
        f.new_followups.clear();
        if !with_pulse(day) {
            f.pulse = PulseDraft::default();
        }
        finish(&mut s, &f, today(), now()).unwrap();
    }
    // One exactly a year before the latest, which the chart keeps.
    let year_before = latest - Duration::days(PULSE_CHART_DAYS);
    finish(
        &mut s,
        &finish_with(asa, &year_before.to_string(), vec![]),
        today(),
        now(),
    )
    .unwrap();

    let tl = timeline(&s, asa, now(), sthlm(), Lang::En).unwrap();
    let shown: Vec<NaiveDate> = tl.pulses.iter().map(|p| p.date).collect();
    assert_eq!(shown.last(), Some(&latest), "the latest pulse is drawn");
    assert_eq!(
        shown.first(),
        Some(&year_before),
        "a pulse a year before it is drawn too"
    );
    assert!(
        shown.windows(2).all(|w| w[0] <= w[1]),
        "oldest first: {shown:?}"
    );
    let in_year = days
        .iter()
        .filter(|d| **d >= year_before && with_pulse(d))
        .count();
    assert_eq!(shown.len(), in_year + 1);
    let older = days.iter().filter(|d| **d < year_before).count();
    assert_eq!(tl.pulses_before as usize, older);
    assert_eq!(
        tl.checkins.len(),
        days.len() + 1,
        "every check-in is still listed"
    );
}
