//! Insights for 30, 90 and 365 days on the large team of the agenda bench (500 people,
//! 200 rhythms, ten years of held check-ins), every check-in with a pulse, the last year's
//! group meetings, office hours and fika marked held or skipped, and a year of follow-ups
//! and ideas. Issue 11 asks for at most 50 ms for 365 days.
//! Run: `cargo bench -p narvaro-core --bench insights`.

mod fixture;

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, Criterion};
use fixture::{team, PEOPLE, YEARS};
use narvaro_core::model::{FollowUpOwner, IdeaDraft, RhythmKind};
use narvaro_core::service::{agenda, ideas, insights, rhythms};
use narvaro_core::store::checkins;

fn bench(c: &mut Criterion) {
    let tz: Tz = "Europe/Stockholm".parse().expect("zone");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 7, 0, 0)
        .single()
        .expect("now");
    let today = now.with_timezone(&tz).date_naive();
    let mut store = team(now, tz, YEARS, true);

    // A year of rhythm history: two in three held, one in six skipped, the rest unmarked.
    let year_ago = now - Duration::days(365);
    let past = agenda::agenda(&store, year_ago, tz, 366).expect("agenda");
    let mut marked = 0;
    for (i, o) in past
        .days
        .iter()
        .flat_map(|d| &d.occurrences)
        .filter(|o| o.kind != RhythmKind::OneOnOne && o.end < now)
        .enumerate()
    {
        match i % 6 {
            0..=3 => rhythms::mark_held(&mut store, &o.id, now).expect("held"),
            4 => rhythms::skip(&mut store, &o.id, None).expect("skip"),
            _ => continue,
        }
        marked += 1;
    }
    // A year of follow-ups (four per person, half done) and ideas (two a week).
    store
        .write(|tx| {
            for i in 0..PEOPLE * 4 {
                let agreed = now - Duration::days((i % 365) as i64);
                let id = checkins::insert_followup(
                    tx,
                    (i % PEOPLE + 1) as i64,
                    None,
                    "Följ upp",
                    FollowUpOwner::Person,
                    None,
                    agreed,
                )?;
                if i % 2 == 0 {
                    let done = agreed.with_timezone(&tz).date_naive() + Duration::days(7);
                    checkins::set_followup_done(tx, id, Some(done.min(today)))?;
                }
            }
            Ok(())
        })
        .expect("follow-ups");
    for i in 0..104 {
        let idea = ideas::add(
            &mut store,
            &IdeaDraft {
                title: format!("Idé {i}"),
                suggested_on: Some((today - Duration::days(i * 3)).to_string()),
                ..IdeaDraft::default()
            },
            today,
            now,
        )
        .expect("idea");
        if i % 3 != 0 {
            ideas::respond(
                &mut store,
                idea.id,
                "Ja",
                today - Duration::days(i * 3 - i % 3),
            )
            .expect("answer");
        }
    }

    let year = insights::insights(&store, today, tz, 365).expect("insights");
    assert_eq!(year.team_size as usize, PEOPLE);
    let held: u32 = year.attention.iter().map(|a| a.held).sum();
    assert!(held > 10_000, "{held} check-ins in the year");
    let kept: u32 = year.rhythm.kinds.iter().map(|k| k.held + k.skipped).sum();
    assert!(
        kept as usize + 600 >= marked,
        "{kept} of {marked} marks counted"
    );
    assert!(year.rhythm.followups.agreed > 1000);

    for days in [30, 90, 365] {
        c.bench_function(
            &format!("insights {days} days, 500 people, 200 rhythms, 10 years"),
            |b| b.iter(|| insights::insights(&store, today, tz, days).expect("insights")),
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
