//! The agenda for 7 and 90 days on a large team: 500 people, 200 rhythms, ten years of
//! held check-ins and about 500 occurrence marks; and the same team with only the last
//! year's check-ins, so that ten years over one year shows whether the cost grows with
//! history (it should not). Run: `cargo bench -p narvaro-core --bench agenda`.

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, Criterion};
use narvaro_core::model::recurrence::{End, Recurrence, Repeat, Weekday};
use narvaro_core::model::{Channel, GroupDraft, PersonDraft, RhythmDraft, RhythmKind};
use narvaro_core::service::{agenda, groups, people, rhythms};
use narvaro_core::store::checkins;
use narvaro_core::Store;

const PEOPLE: usize = 500;
const RHYTHMS: usize = 200;
const YEARS: i64 = 10;

/// The team, its people and rhythms started `YEARS` ago, with held check-ins (every
/// person's cadence, from the start) kept for the last `history_years` only: teams that
/// differ in history alone, with the same last check-in per person.
fn team(now: chrono::DateTime<Utc>, tz: Tz, history_years: i64) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let start = now - Duration::days(365 * YEARS);
    let mut ids = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        let draft = PersonDraft {
            name: format!("Person {i:03}"),
            cadence_days: Some([7, 14, 21, 28][i % 4]),
            ..PersonDraft::default()
        };
        ids.push(people::add(&mut store, &draft, start).expect("person").id);
    }
    let today = now.with_timezone(&tz).date_naive();
    let kept_from = today - Duration::days(365 * history_years);
    store
        .write(|tx| {
            for (i, &id) in ids.iter().enumerate() {
                let cadence = [7, 14, 21, 28][i % 4];
                let mut day = start.date_naive();
                while day < today {
                    if day >= kept_from {
                        checkins::insert(tx, id, day, 20, Channel::Video, None, None, start)?;
                    }
                    day += Duration::days(cadence);
                }
            }
            Ok(())
        })
        .expect("check-ins");
    let mut group_ids = Vec::new();
    for g in 0..20 {
        let group = groups::create(
            &mut store,
            &GroupDraft {
                name: format!("Grupp {g}"),
            },
            start,
        )
        .expect("group");
        for &id in ids.iter().skip(g * 25).take(25) {
            groups::add_member(&mut store, group.id, id).expect("member");
        }
        group_ids.push(group.id);
    }
    let days = Weekday::ALL;
    for r in 0..RHYTHMS {
        let (kind, group_id, person_id) = match r % 4 {
            0 => (RhythmKind::GroupMeeting, Some(group_ids[r % 20]), None),
            1 => (RhythmKind::OfficeHours, None, None),
            2 => (RhythmKind::SocialBreak, None, None),
            _ => (RhythmKind::OneOnOne, None, Some(ids[r % PEOPLE])),
        };
        let repeat = match r % 5 {
            0 | 1 => Repeat::Weekly {
                interval: 1 + (r % 2) as u16,
                weekdays: vec![days[r % 5], days[(r + 2) % 5]],
            },
            2 => Repeat::MonthlyOnDay {
                interval: 1,
                day: 1 + (r % 28) as u8,
            },
            3 => Repeat::MonthlyOnWeekday {
                interval: 1,
                nth: -1,
                weekday: days[r % 5],
            },
            _ => Repeat::DailyWorkdays,
        };
        let draft = RhythmDraft {
            kind,
            title: format!("Rytm {r}"),
            group_id,
            person_id,
            start_date: start.date_naive().format("%Y-%m-%d").to_string(),
            start_time: format!("{:02}:{:02}", 8 + r % 9, (r % 4) * 15),
            duration_minutes: 30,
            timezone: Some(["Europe/Stockholm", "America/New_York", "Asia/Kolkata"][r % 3].into()),
            recurrence: Recurrence {
                repeat,
                end: End::Never,
            },
            lead_minutes: None,
        };
        let rhythm = rhythms::create(&mut store, &draft, tz, start).expect("rhythm");
        // Marks on the next weeks' occurrences, as a busy manager would have.
        let agenda = agenda::agenda(&store, now, tz, 14).expect("agenda");
        for view in agenda
            .days
            .iter()
            .flat_map(|d| &d.occurrences)
            .filter(|o| o.rhythm_id == rhythm.id)
            .take(5)
        {
            rhythms::skip(&mut store, &view.id, Some("bench")).expect("skip");
        }
    }
    store
}

fn bench(c: &mut Criterion) {
    let tz: Tz = "Europe/Stockholm".parse().expect("zone");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 7, 0, 0)
        .single()
        .expect("now");
    let teams = [
        ("10 years", team(now, tz, YEARS)),
        ("1 year", team(now, tz, 1)),
    ];
    // Only the old check-ins differ, so the agendas must be the same.
    assert_eq!(
        agenda::agenda(&teams[0].1, now, tz, 90).expect("agenda"),
        agenda::agenda(&teams[1].1, now, tz, 90).expect("agenda"),
    );
    for (label, store) in &teams {
        for days in [7, 90] {
            c.bench_function(
                &format!("agenda {days} days, 500 people, 200 rhythms, {label}"),
                |b| b.iter(|| agenda::agenda(store, now, tz, days).expect("agenda")),
            );
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
