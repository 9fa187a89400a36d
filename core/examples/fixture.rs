//! Writes a team of the benches' kind into a data folder, for measuring the real app at
//! scale (BENCHMARKS.md, "Views at scale"): `size` people with ten years of held check-ins,
//! each with a pulse, a group per 25, two rhythms per five people, a year of marked
//! occurrences, follow-ups and ideas, and an assignment per five people.
//!
//!   cargo xtask fixture --people 500 --dir /tmp/team-500
//!   cargo run --release -p narvaro-core --example fixture -- --people 500 --dir /tmp/team-500
//!
//! Start the app on it with `narvaro --data-dir /tmp/team-500`. An existing database in the
//! folder is replaced. Not part of the app: a tool for benchmarks.

// The benches' fixture, whole; the app's data does without some of its parts.
#[allow(dead_code)]
#[path = "../benches/fixture/mod.rs"]
mod fixture;

use std::error::Error;
use std::path::PathBuf;
use std::time::Instant;

use chrono::Utc;
use chrono_tz::Tz;
use narvaro_core::model::AssignmentDraft;
use narvaro_core::service::assignments;
use narvaro_core::store::DB_FILE;

fn main() -> Result<(), Box<dyn Error>> {
    let mut size: Option<usize> = None;
    let mut dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--people" => size = args.next().and_then(|n| n.parse().ok()),
            "--dir" => dir = args.next().map(PathBuf::from),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let (Some(size), Some(dir)) = (size.filter(|n| (1..=5000).contains(n)), dir) else {
        return Err("usage: fixture --people N (1–5000) --dir FOLDER".into());
    };
    let started = Instant::now();
    let tz: Tz = "Europe/Stockholm".parse()?;
    let now = Utc::now();
    let today = now.with_timezone(&tz).date_naive();
    let mut store = fixture::team_of(size, now, tz, fixture::YEARS, true);
    let marked = fixture::year_of_history(&mut store, size, now, tz);
    // Work: an assignment per five people; every third one has a single owner and no
    // sounding board (shown as "alone").
    for a in 0..size.div_ceil(5) {
        let first = (a * 5 % size + 1) as i64;
        let second = ((a * 5 + 1) % size + 1) as i64;
        let owners = if a % 3 == 0 || size == 1 {
            vec![first]
        } else {
            vec![first, second]
        };
        let draft = AssignmentDraft {
            title: format!("Uppdrag {a}"),
            description: None,
            owner_ids: owners,
            sounding_board_id: None,
            status: None,
            last_discussed: None,
        };
        assignments::create(&mut store, &draft, today, now)?;
    }
    std::fs::create_dir_all(&dir)?;
    let db = dir.join(DB_FILE);
    for suffix in ["-wal", "-shm"] {
        let side = dir.join(format!("{DB_FILE}{suffix}"));
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    store.backup_to(&db)?;
    println!(
        "{size} people, {marked} marked occurrences: {} ({:.1} s)",
        db.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
