use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;

use super::*;
use crate::error::ErrorKind;
use crate::model::checkin::{CheckInDraft, FinishCheckIn, FollowUpDraft, PulseDraft};
use crate::model::recurrence::{End, Recurrence, Repeat, Weekday};
use crate::model::{Channel, FollowUpOwner, IdeaDraft, Pulse, RhythmDraft};
use crate::service::{checkins, ideas, people, rhythms as rhythm_service};
use crate::testing::{date, now, person, sthlm, store, today};

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// Today (Friday 2026-11-27) minus `n` days, as the form sends a date.
fn ago(n: i64) -> String {
    (today() - days(n)).to_string()
}

fn hold(s: &mut Store, who: PersonId, days_ago: i64, minutes: i64) {
    checkins::log(
        s,
        &CheckInDraft {
            person_id: who,
            held_on: ago(days_ago),
            minutes: Some(minutes),
            channel: Channel::Video,
            note: None,
        },
        today(),
        now(),
    )
    .unwrap();
}

fn hold_with_pulse(s: &mut Store, who: PersonId, days_ago: i64, pulse: PulseDraft) {
    checkins::finish(
        s,
        &FinishCheckIn {
            person_id: who,
            held_on: ago(days_ago),
            minutes: None,
            channel: Channel::Phone,
            note: None,
            pulse,
            prompts: vec![],
            done_followups: vec![],
            new_followups: vec![],
        },
        today(),
        now(),
    )
    .unwrap();
}

fn of(i: &Insights, name: &str) -> Attention {
    i.attention.iter().find(|a| a.name == name).unwrap().clone()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// A small team over 90 days (30 August to 27 November), figures worked out by hand:
///
/// | who     | on team     | held | minutes | weight | prorated |
/// |---------|-------------|------|---------|--------|----------|
/// | Anna    | 200 days    | 6    | 6 × 30  | 1      | 6        |
/// | Bo      | 200 days    | 4    | 4 × 20  | 1      | 4        |
/// | Cecilia | 30 days     | 1    | 20      | 30/90  | 3        |
/// | David   | 200 days    | 1    | 10      | 1      | 1        |
///
/// Median of 1, 3, 4, 6 is 3.5; half of it 1.75: David (1) is well below, Cecilia (3) not.
/// Minutes 180 + 80 + 20 + 10 = 290. Weights sum to 10/3, so the equal shares are 0.3, 0.3,
/// 0.1 and 0.3. Eva is archived and counts nowhere, though she had check-ins.
#[test]
fn attention_is_fair_prorated_and_least_heard_first() {
    let mut s = store();
    let long_ago = now() - days(200);
    let anna = person(&mut s, "Anna", long_ago);
    let bo = person(&mut s, "Bo", long_ago);
    let cecilia = person(&mut s, "Cecilia", now() - days(30));
    let david = person(&mut s, "David", long_ago);
    let eva = person(&mut s, "Eva", long_ago);
    for d in [1, 15, 30, 45, 60, 89] {
        hold(&mut s, anna, d, 30);
    }
    // Bo's first is on the period's first day; the one the day before is outside it.
    for d in [3, 20, 40, 89] {
        hold(&mut s, bo, d, 20);
    }
    hold(&mut s, bo, 90, 20);
    hold(&mut s, cecilia, 10, 20);
    hold(&mut s, david, 70, 10);
    hold(&mut s, eva, 5, 60);
    people::archive(&mut s, eva, now()).unwrap();

    let i = insights(&s, today(), sthlm(), 90).unwrap();
    assert_eq!((i.from, i.today, i.days), (date(2026, 8, 30), today(), 90));
    assert_eq!(i.team_size, 4);
    let order: Vec<&str> = i.attention.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(order, ["David", "Cecilia", "Bo", "Anna"]);
    assert!(close(i.median_held, 3.5), "{}", i.median_held);
    assert_eq!(i.total_minutes, 290);

    let a = of(&i, "Anna");
    assert_eq!((a.held, a.minutes, a.days_on_team), (6, 180, 90));
    assert!(close(a.share, 180.0 / 290.0) && close(a.equal_share, 0.3));
    assert_eq!((a.last_held, a.days_since), (Some(today() - days(1)), 1));
    let b = of(&i, "Bo");
    assert_eq!((b.held, b.minutes), (4, 80));
    assert_eq!(b.last_held, Some(today() - days(3)));
    let c = of(&i, "Cecilia");
    assert_eq!((c.held, c.days_on_team), (1, 30));
    assert!(close(c.weight, 1.0 / 3.0) && close(c.prorated_held, 3.0));
    assert!(close(c.equal_share, 0.1));
    assert!(!c.well_below);
    let d = of(&i, "David");
    assert!(d.well_below && close(d.prorated_held, 1.0));
    assert_eq!((d.days_since, d.cadence_days, d.overdue), (70, 14, true));
    assert!(!a.well_below && !b.well_below);
    let shares: f64 = i.attention.iter().map(|a| a.share).sum();
    let equal: f64 = i.attention.iter().map(|a| a.equal_share).sum();
    assert!(close(shares, 1.0) && close(equal, 1.0));

    // The sentence the view and the CLI put first.
    assert_eq!(
        well_below_text(&d, &i, Lang::En),
        "David: 1 check-in in 90 days, team median 3.5"
    );
    assert_eq!(
        well_below_text(&d, &i, Lang::Sv),
        "David: 1 avstämning på 90 dagar, medianen är 3,5"
    );
}

/// "Well below" is strictly under half the median, and only when the median is at least 1.
#[test]
fn well_below_fires_under_half_the_median_and_not_at_it() {
    let mut s = store();
    let long_ago = now() - days(400);
    let names = ["Ada", "Bea", "Cid"];
    let ids: Vec<_> = names.iter().map(|n| person(&mut s, n, long_ago)).collect();
    // 2, 4, 4 in 30 days: median 4, half 2: Ada at exactly 2 is not flagged.
    for (who, n) in ids.iter().zip([2, 4, 4]) {
        for k in 0..n {
            hold(&mut s, *who, 1 + k * 5, 20);
        }
    }
    let i = insights(&s, today(), sthlm(), 30).unwrap();
    assert!(close(i.median_held, 4.0));
    assert!(i.attention.iter().all(|a| !a.well_below));
    // One fewer for Ada: 1 < 2.
    let first = checkins::for_person(&s, ids[0]).unwrap()[0].id;
    checkins::delete(&mut s, first).unwrap();
    let i = insights(&s, today(), sthlm(), 30).unwrap();
    assert_eq!(i.attention[0].name, "Ada");
    assert!(i.attention[0].well_below);
    assert_eq!(i.attention.iter().filter(|a| a.well_below).count(), 1);

    // A quiet team (median under 1) singles nobody out: 0, 0, 1.
    let mut s = store();
    let ids: Vec<_> = names.iter().map(|n| person(&mut s, n, long_ago)).collect();
    hold(&mut s, ids[2], 3, 20);
    let i = insights(&s, today(), sthlm(), 30).unwrap();
    assert!(close(i.median_held, 0.0));
    assert!(i.attention.iter().all(|a| !a.well_below));
    // Never held: days since count from the day they were added.
    assert_eq!(i.attention[0].last_held, None);
    assert_eq!(i.attention[0].days_since, 400);
}

#[test]
fn a_team_of_one_and_an_empty_team_work() {
    let s = store();
    let i = insights(&s, today(), sthlm(), 30).unwrap();
    assert_eq!((i.team_size, i.attention.len(), i.total_minutes), (0, 0, 0));
    assert!(close(i.median_held, 0.0));
    assert!(render_text(&i, Lang::Sv).contains("Inga medarbetare än"));

    let mut s = store();
    let solo = person(&mut s, "Solo", now() - days(10));
    hold(&mut s, solo, 2, 25);
    let i = insights(&s, today(), sthlm(), 365).unwrap();
    let only = &i.attention[0];
    assert_eq!((only.held, only.minutes, only.days_on_team), (1, 25, 10));
    assert!(close(only.share, 1.0) && close(only.equal_share, 1.0));
    assert!(close(only.prorated_held, 36.5) && !only.well_below);
}

#[test]
fn the_period_is_checked_with_a_translated_error() {
    let s = store();
    for bad in [0, -1, 3651, i64::MAX] {
        let err = insights(&s, today(), sthlm(), bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{bad}");
        assert_eq!(err.field(), Some("days"));
        assert_eq!(
            err.message(Lang::En),
            "The period must be a whole number of days from 1 to 3650."
        );
        assert_eq!(
            err.message(Lang::Sv),
            "Perioden ska vara ett helt antal dagar, från 1 till 3650."
        );
    }
    for good in [1, 30, 90, 365, 3650] {
        assert_eq!(
            insights(&s, today(), sthlm(), good).unwrap().days,
            good as u32
        );
    }
}

fn point(days_ago: i64, mood: Option<u8>, workload: Option<u8>, moves: Option<bool>) -> PulsePoint {
    PulsePoint {
        date: today() - days(days_ago),
        pulse: Pulse {
            mood,
            workload,
            balance: None,
            moves,
        },
    }
}

fn kinds(pulses: &[PulsePoint], added_days_ago: i64) -> Vec<SignalKind> {
    signals_of(pulses, today() - days(added_days_ago), today())
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

/// Each signal at its threshold and just short of it (pulses newest first).
#[test]
fn each_signal_fires_at_its_threshold_and_not_short_of_it() {
    use SignalKind::*;
    let fine = point(1, Some(3), Some(3), Some(true));
    // Low mood: ≤ 2 at the last two.
    assert_eq!(
        kinds(
            &[point(1, Some(2), None, None), point(9, Some(2), None, None)],
            30
        ),
        [LowMood]
    );
    assert_eq!(
        kinds(
            &[
                point(1, Some(1), None, None),
                point(9, Some(2), None, None),
                fine
            ],
            30
        ),
        [LowMood]
    );
    assert!(kinds(
        &[point(1, Some(3), None, None), point(9, Some(1), None, None)],
        30
    )
    .is_empty());
    assert!(kinds(
        &[point(1, Some(2), None, None), point(9, Some(3), None, None)],
        30
    )
    .is_empty());
    assert!(kinds(&[point(1, Some(1), None, None)], 30).is_empty());
    // A pulse without a mood breaks the run.
    assert!(kinds(
        &[
            point(1, Some(1), None, None),
            point(5, None, Some(3), None),
            point(9, Some(1), None, None)
        ],
        30
    )
    .is_empty());
    // Workload 5 twice in a row.
    assert_eq!(
        kinds(
            &[point(1, None, Some(5), None), point(9, None, Some(5), None)],
            30
        ),
        [HeavyWorkload]
    );
    assert!(kinds(
        &[point(1, None, Some(5), None), point(9, None, Some(4), None)],
        30
    )
    .is_empty());
    assert!(kinds(
        &[point(1, None, Some(4), None), point(9, None, Some(5), None)],
        30
    )
    .is_empty());
    // Not moving three times in a row.
    let out = |d| point(d, None, None, Some(false));
    assert_eq!(kinds(&[out(1), out(5), out(9)], 30), [NotMoving]);
    assert!(kinds(&[out(1), out(5)], 30).is_empty());
    assert!(kinds(&[out(1), out(5), point(9, None, None, Some(true))], 30).is_empty());
    assert!(kinds(&[point(1, None, None, Some(true)), out(5), out(9)], 30).is_empty());
    // No pulse for 90 days: from the latest pulse, or from being added when there is none.
    assert_eq!(kinds(&[point(90, Some(4), None, None)], 400), [NoPulse]);
    assert!(kinds(&[point(89, Some(4), None, None)], 400).is_empty());
    assert_eq!(kinds(&[], 90), [NoPulse]);
    assert!(kinds(&[], 89).is_empty());
    assert_eq!(
        signals_of(&[], today() - days(120), today()),
        [(NoPulse, 120)]
    );
    // Several at once.
    let bad = |d| point(d, Some(1), Some(5), Some(false));
    assert_eq!(
        kinds(&[bad(95), bad(100), bad(110)], 400),
        [LowMood, HeavyWorkload, NotMoving, NoPulse]
    );
}

/// Through the store: signals carry the person, come by kind then name, and the
/// distribution counts each person at their latest pulse.
#[test]
fn signals_and_the_distribution_come_from_the_latest_pulses() {
    let mut s = store();
    let long_ago = now() - days(200);
    let bea = person(&mut s, "Bea", long_ago);
    let ada = person(&mut s, "Ada", long_ago);
    let cid = person(&mut s, "Cid", long_ago);
    let _new = person(&mut s, "Dan", now() - days(5));
    let low = PulseDraft {
        mood: Some(2),
        workload: Some(3),
        balance: Some(4),
        moves: Some(true),
    };
    // Bea: low twice (the second outside a 30-day period: signals look past the period).
    hold_with_pulse(&mut s, bea, 40, low);
    hold_with_pulse(&mut s, bea, 3, low);
    // Ada: low twice, then a check-in without a pulse: the run still stands.
    hold_with_pulse(
        &mut s,
        ada,
        20,
        PulseDraft {
            mood: Some(1),
            ..low
        },
    );
    hold_with_pulse(
        &mut s,
        ada,
        10,
        PulseDraft {
            mood: Some(2),
            workload: Some(5),
            ..low
        },
    );
    hold(&mut s, ada, 2, 20);
    // Cid: one pulse 100 days ago.
    hold_with_pulse(
        &mut s,
        cid,
        100,
        PulseDraft {
            mood: Some(5),
            moves: Some(false),
            ..low
        },
    );

    let i = insights(&s, today(), sthlm(), 30).unwrap();
    let signals: Vec<(&str, SignalKind)> = i
        .pulse
        .signals
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(
        signals,
        [
            ("Ada", SignalKind::LowMood),
            ("Bea", SignalKind::LowMood),
            ("Cid", SignalKind::NoPulse)
        ]
    );
    assert_eq!(i.pulse.signals[0].person_id, ada);
    assert_eq!(i.pulse.signals[2].days, 100);
    assert_eq!(
        signal_text(&i.pulse.signals[2], Lang::Sv),
        "Cid: inget mående på 100 dagar"
    );
    assert_eq!(
        signal_text(&i.pulse.signals[0], Lang::En),
        "Ada: mood 2 or lower at the last two check-ins"
    );

    // Latest pulses: Ada 2, Bea 2, Cid 5, Dan none.
    let d = &i.pulse.distribution;
    assert_eq!(d.mood.counts, [0, 2, 0, 0, 1]);
    assert_eq!(d.mood.without, 1);
    assert_eq!(d.workload.counts, [0, 0, 2, 0, 1]);
    assert_eq!(
        d.workload.counts.iter().sum::<u32>() + d.workload.without,
        4
    );
    assert_eq!((d.moves_yes, d.moves_no, d.moves_without), (2, 1, 1));

    // Trend lines: every active person by name, the period's pulses oldest first.
    let names: Vec<_> = i.pulse.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ada", "Bea", "Cid", "Dan"]);
    let ada_points: Vec<_> = i.pulse.people[0].points.iter().map(|p| p.0).collect();
    assert_eq!(ada_points, [today() - days(20), today() - days(10)]);
    // Sent as [date, mood, workload, balance, moves], which the view's trend lines read.
    let latest = i.pulse.people[0].points[1];
    assert_eq!(
        serde_json::to_value(latest).unwrap(),
        serde_json::json!([
            (today() - days(10)).to_string(),
            latest.1,
            latest.2,
            latest.3,
            latest.4
        ])
    );
    assert_eq!(latest.1, Some(2));
    assert_eq!(i.pulse.people[1].points.len(), 1);
    assert!(i.pulse.people[2].points.is_empty());
}

fn office_hours(start: &str) -> RhythmDraft {
    RhythmDraft {
        kind: RhythmKind::OfficeHours,
        title: "Öppen tid".into(),
        group_id: None,
        person_id: None,
        start_date: start.into(),
        start_time: "10:00".into(),
        duration_minutes: 60,
        timezone: Some("Europe/Stockholm".into()),
        recurrence: Recurrence {
            repeat: Repeat::Weekly {
                interval: 1,
                weekdays: vec![Weekday::Mon, Weekday::Thu],
            },
            end: End::Never,
        },
        lead_minutes: None,
    }
}

/// 30 days from Thursday 29 October to Friday 27 November: office hours on Mondays and
/// Thursdays occur on 29 Oct, 2, 5, 9, 12, 16, 19, 23 and 26 Nov: nine. One is held, two
/// skipped; 26 Nov is moved out (to 30 Nov) and 26 Oct moved in (to 30 Oct): nine planned.
/// Follow-ups and ideas: hand-counted below.
#[test]
fn the_rhythm_kept_counts_occurrences_follow_ups_and_ideas() {
    let mut s = store();
    let tz = sthlm();
    let began: DateTime<Utc> = now() - days(60);
    let r = rhythm_service::create(&mut s, &office_hours("2026-10-01"), tz, began).unwrap();
    let id = |d: &str| format!("{}@{d}T10:00", r.id);
    rhythm_service::mark_held(&mut s, &id("2026-11-02"), now()).unwrap();
    rhythm_service::skip(&mut s, &id("2026-11-05"), None).unwrap();
    rhythm_service::skip(&mut s, &id("2026-11-09"), Some("sjuk")).unwrap();
    rhythm_service::move_occurrence(&mut s, &id("2026-11-26"), "2026-11-30", "10:00").unwrap();
    rhythm_service::move_occurrence(&mut s, &id("2026-10-26"), "2026-10-30", "10:00").unwrap();

    let anna = person(&mut s, "Anna", began);
    let agree = |s: &mut Store, days_ago: i64, texts: &[&str]| {
        checkins::finish(
            s,
            &FinishCheckIn {
                person_id: anna,
                held_on: ago(days_ago),
                minutes: None,
                channel: Channel::Video,
                note: None,
                pulse: PulseDraft::default(),
                prompts: vec![],
                done_followups: vec![],
                new_followups: texts
                    .iter()
                    .map(|t| FollowUpDraft {
                        text: (*t).into(),
                        owner: FollowUpOwner::Person,
                        due_on: None,
                    })
                    .collect(),
            },
            today(),
            now() - days(days_ago),
        )
        .unwrap();
        crate::store::checkins::followups_of(s.conn(), anna).unwrap()
    };
    // Agreed 40 days ago (outside), then three 20 days ago: one done after 2 days, one
    // after 6, one open. Median of 2 and 6: 4.
    agree(&mut s, 40, &["Old"]);
    let all = agree(&mut s, 20, &["A", "B", "C"]);
    let by = |t: &str| all.iter().find(|f| f.text == t).unwrap().id;
    checkins::set_followup_done(&mut s, by("A"), true, today() - days(18)).unwrap();
    checkins::set_followup_done(&mut s, by("B"), true, today() - days(14)).unwrap();
    checkins::set_followup_done(&mut s, by("Old"), true, today() - days(1)).unwrap();

    // Ideas: one from before the period (answered), two in it: one answered after 7 days.
    let idea = |s: &mut Store, title: &str, days_ago: i64| {
        ideas::add(
            s,
            &IdeaDraft {
                title: title.into(),
                suggested_on: Some(ago(days_ago)),
                ..IdeaDraft::default()
            },
            today(),
            now(),
        )
        .unwrap()
        .id
    };
    let old = idea(&mut s, "Old", 45);
    ideas::respond(&mut s, old, "Yes", today() - days(40)).unwrap();
    let answered = idea(&mut s, "Walks", 12);
    ideas::respond(&mut s, answered, "Yes", today() - days(5)).unwrap();
    idea(&mut s, "Fewer meetings", 3);

    let i = insights(&s, today(), tz, 30).unwrap();
    let kept = &i.rhythm;
    assert_eq!(
        kept.kinds,
        [
            KindKept {
                kind: RhythmKind::GroupMeeting,
                planned: 0,
                held: 0,
                skipped: 0,
                unmarked: 0
            },
            KindKept {
                kind: RhythmKind::OfficeHours,
                planned: 9,
                held: 1,
                skipped: 2,
                unmarked: 6
            },
            KindKept {
                kind: RhythmKind::SocialBreak,
                planned: 0,
                held: 0,
                skipped: 0,
                unmarked: 0
            },
        ]
    );
    assert_eq!((kept.followups.agreed, kept.followups.done), (3, 2));
    assert_eq!(kept.followups.median_days_to_done, Some(4.0));
    assert_eq!((kept.ideas.suggested, kept.ideas.answered), (2, 1));
    assert_eq!(kept.ideas.median_days_to_answer, Some(7.0));
    let text = render_text(&i, Lang::En);
    assert!(
        text.contains("Office hours: 1 held, 2 skipped, 6 not marked, of 9 planned"),
        "{text}"
    );
    assert!(
        text.contains("Follow-ups: 2 of 3 agreed are done, median 4 days to done"),
        "{text}"
    );
}

#[test]
fn the_median_of_even_and_odd_counts() {
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [3.0]), Some(3.0));
    assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
    assert_eq!(median(&mut [4.0, 1.0, 3.0, 6.0]), Some(3.5));
    assert_eq!(number(3.5, Lang::Sv), "3,5");
    assert_eq!(number(4.0, Lang::En), "4");
    assert_eq!(number(0.333, Lang::En), "0.3");
}

#[test]
fn the_csv_is_rfc_4180_with_a_translated_header() {
    let mut s = store();
    let long_ago = now() - days(200);
    let quoted = person(&mut s, "Berg, \"Bosse\"", long_ago);
    let anna = person(&mut s, "Anna", long_ago);
    hold(&mut s, anna, 3, 30);
    hold(&mut s, anna, 10, 30);
    hold(&mut s, quoted, 5, 20);
    let i = insights(&s, today(), sthlm(), 30).unwrap();
    let en = csv(&i, Lang::En);
    let lines: Vec<&str> = en.split("\r\n").collect();
    assert_eq!(
        lines,
        [
            "Name,Check-ins,Minutes,Last check-in,Days since,Cadence (days),Share of your check-in time (%),Equal share (%),Well below the median",
            "\"Berg, \"\"Bosse\"\"\",1,20,2026-11-22,5,14,25,50,no",
            "Anna,2,60,2026-11-24,3,14,75,50,no",
            "",
        ]
    );
    let sv = csv(&i, Lang::Sv);
    assert!(
        sv.starts_with("Namn,Avstämningar,Minuter,Senaste avstämning,"),
        "{sv}"
    );
    assert!(sv.ends_with("\r\n"));

    // One decimal, quoted in Swedish for its comma.
    hold(&mut s, anna, 12, 30);
    let i = insights(&s, today(), sthlm(), 30).unwrap();
    assert!(
        csv(&i, Lang::Sv).contains(",\"18,2\",50,nej\r\n"),
        "{}",
        csv(&i, Lang::Sv)
    );
    assert!(csv(&i, Lang::En).contains(",18.2,50,no\r\n"));
}

#[test]
fn the_text_names_the_least_heard_first_in_both_languages() {
    let mut s = store();
    let long_ago = now() - days(200);
    let karin = person(&mut s, "Karin Nilsson", long_ago);
    for name in ["Anna", "Bo", "Cecilia"] {
        let who = person(&mut s, name, long_ago);
        for d in [5, 20, 35, 50, 65] {
            hold(&mut s, who, d, 20);
        }
    }
    hold(&mut s, karin, 60, 20);
    let i = insights(&s, today(), sthlm(), 90).unwrap();
    let en = render_text(&i, Lang::En);
    let sv = render_text(&i, Lang::Sv);
    assert!(
        en.starts_with("Insights for 90 days up to Fri 27 November, 4 people\n\nAttention per person\n  ! Karin Nilsson: 1 check-in in 90 days, team median 5\n"),
        "{en}"
    );
    assert!(
        sv.contains("  ! Karin Nilsson: 1 avstämning på 90 dagar, medianen är 5\n"),
        "{sv}"
    );
    assert!(
        en.contains("Anna: 5 check-ins, 100 minutes, 5 days since the last check-in (every 14 days), 31.3% of your check-in time (equal share 25%)"),
        "{en}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Periods of `n` days laid end to end back from today cover every day once, so every
    /// held check-in of an active person is counted in exactly one of them, whatever the
    /// length, the history and whether the person joined later than their first check-in.
    #[test]
    fn every_held_check_in_is_counted_exactly_once(
        n in 1u32..45,
        history in proptest::collection::vec((0usize..3, 0i64..200), 0..40),
        added in proptest::collection::vec(0i64..260, 3),
    ) {
        let mut s = store();
        let ids: Vec<_> = added
            .iter()
            .enumerate()
            .map(|(k, d)| person(&mut s, &format!("P{k}"), now() - days(*d)))
            .collect();
        for (who, d) in &history {
            hold(&mut s, ids[*who], *d, 20);
        }
        let mut counted = [0u32; 3];
        let mut minutes = 0u32;
        let mut end = today();
        while end > today() - days(200) {
            let i = compute_for(&s, end, n);
            for row in &i.attention {
                let k = ids.iter().position(|id| *id == row.person_id).unwrap();
                counted[k] += row.held;
            }
            minutes += i.total_minutes;
            end -= days(i64::from(n));
        }
        for (k, id) in ids.iter().enumerate() {
            let expected = history.iter().filter(|(who, _)| *who == k).count() as u32;
            prop_assert_eq!(counted[k], expected, "person {}", id);
        }
        prop_assert_eq!(minutes, 20 * history.len() as u32);
    }
}

fn compute_for(s: &Store, end: NaiveDate, n: u32) -> Insights {
    insights(s, end, sthlm(), i64::from(n)).unwrap()
}
