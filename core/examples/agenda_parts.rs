//! The agenda benchmark's team (500 people, 200 rhythms, ten years of check-ins) timed part
//! by part: each query the agenda makes, then the whole agenda for 7 and 90 days. Each
//! figure is the fastest of N runs (300 by default), which a busy machine disturbs far less
//! than criterion's median; BENCHMARKS.md reports both.
//!
//!   cargo run --release -p narvaro-core --example agenda_parts [-- N]
//!
//! Not part of the app: a tool for benchmarks.

#[allow(dead_code)]
#[path = "../benches/fixture/mod.rs"]
mod fixture;

use std::error::Error;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use narvaro_core::schedule::agenda::{local_bounds, window};
use narvaro_core::service::agenda;
use narvaro_core::store::{checkins, groups, people, rhythms};

/// The fastest of `runs` calls of `f`, in milliseconds.
fn fastest<T, E>(runs: usize, mut f: impl FnMut() -> Result<T, E>) -> Result<f64, E> {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let started = Instant::now();
        std::hint::black_box(f()?);
        best = best.min(started.elapsed().as_secs_f64() * 1e3);
    }
    Ok(best)
}

/// One line of the report: what was timed and its fastest run.
fn line(label: &str, ms: f64) {
    println!("  {label:<15} {ms:6.3}");
}

fn main() -> Result<(), Box<dyn Error>> {
    let runs: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 300,
    };
    let tz: Tz = "Europe/Stockholm".parse()?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 7, 0, 0)
        .single()
        .ok_or("no such time")?;
    let store = fixture::team(now, tz, fixture::YEARS, false);
    let conn = store.conn();
    let (from, to) = window(now.with_timezone(&tz).date_naive(), 90, tz);
    let (lo, hi) = local_bounds(from, to);
    println!("fastest of {runs} runs, ms:");
    line("people", fastest(runs, || people::all(conn))?);
    line(
        "last check-ins",
        fastest(runs, || checkins::last_held(conn))?,
    );
    line("groups", fastest(runs, || groups::all(conn))?);
    line("rhythms", fastest(runs, || rhythms::all(conn))?);
    line(
        "marks (90 days)",
        fastest(runs, || rhythms::marks_between(conn, lo, hi))?,
    );
    line(
        "agenda, 7 days",
        fastest(runs, || agenda::agenda(&store, now, tz, 7))?,
    );
    line(
        "agenda, 90 days",
        fastest(runs, || agenda::agenda(&store, now, tz, 90))?,
    );
    Ok(())
}
