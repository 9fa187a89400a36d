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
    println!(
        "  people          {:6.3}",
        fastest(runs, || people::all(conn))?
    );
    println!(
        "  last check-ins  {:6.3}",
        fastest(runs, || checkins::last_held(conn))?
    );
    println!(
        "  groups          {:6.3}",
        fastest(runs, || groups::all(conn))?
    );
    println!(
        "  rhythms         {:6.3}",
        fastest(runs, || rhythms::all(conn))?
    );
    println!(
        "  marks (90 days) {:6.3}",
        fastest(runs, || rhythms::marks_between(conn, lo, hi))?
    );
    println!(
        "  agenda, 7 days  {:6.3}",
        fastest(runs, || agenda::agenda(&store, now, tz, 7))?
    );
    println!(
        "  agenda, 90 days {:6.3}",
        fastest(runs, || agenda::agenda(&store, now, tz, 90))?
    );
    Ok(())
}
