//! The agenda for 7 and 90 days on a large team: 500 people, 200 rhythms, ten years of
//! held check-ins and about 500 occurrence marks; and the same team with only the last
//! year's check-ins, so that ten years over one year shows whether the cost grows with
//! history (it should not). Run: `cargo bench -p narvaro-core --bench agenda`.

mod fixture;

use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, Criterion};
use fixture::{team, YEARS};
use narvaro_core::service::agenda;

fn bench(c: &mut Criterion) {
    let tz: Tz = "Europe/Stockholm".parse().expect("zone");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 7, 0, 0)
        .single()
        .expect("now");
    let teams = [
        ("10 years", team(now, tz, YEARS, false)),
        ("1 year", team(now, tz, 1, false)),
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
