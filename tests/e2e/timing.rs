//! The UI's own timing of its views (issue 16; ui/src/lib/perf.ts): a click on a sidebar link
//! leaves a `view:<id>` measure in the page's Performance timeline once that view's data is
//! drawn and a frame has passed, and the first Today after start leaves one from the page's
//! start and a line in the app's log. The test checks that the marks are there for every
//! view, not how long they took; `views_at_scale` (ignored: a benchmark, run by `cargo xtask
//! ui-bench`) times Today, Team, Week, Insights and Work on teams of 10, 60 and 500 people
//! and prints the table of BENCHMARKS.md.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, ensure, Context, Result};
use narvaro_e2e::{run, wait_until, App, Check, WAIT};
use serde_json::Value;

/// One `view:<id>` measure as the page holds it.
#[derive(Debug, Clone)]
struct Measure {
    view: String,
    total: f64,
    fetch: f64,
    dom: f64,
    frame: f64,
    loads: u64,
    cause: String,
}

const READ_MEASURES: &str = "return performance.getEntriesByType('measure')
    .filter((m) => m.name.startsWith('view:'))
    .map((m) => ({ name: m.name, duration: m.duration, detail: m.detail }));";

async fn measures(app: &App) -> Result<Vec<Measure>> {
    let answer = app
        .client()?
        .execute(READ_MEASURES, vec![])
        .await
        .context("could not read the page's measures")?;
    let list = answer
        .as_array()
        .with_context(|| format!("the measures script returned {answer}"))?;
    list.iter()
        .map(|m| {
            let detail = m.get("detail").filter(|d| d.is_object()).with_context(|| {
                format!("a measure without its detail (what the wait was made of): {m}")
            })?;
            let number = |key: &str| detail.get(key).and_then(Value::as_f64);
            let name = m.get("name").and_then(Value::as_str).unwrap_or_default();
            Ok(Measure {
                view: name.trim_start_matches("view:").to_owned(),
                total: m
                    .get("duration")
                    .and_then(Value::as_f64)
                    .context("duration")?,
                fetch: number("fetch").context("detail.fetch")?,
                dom: number("dom").context("detail.dom")?,
                frame: number("frame").context("detail.frame")?,
                loads: detail
                    .get("loads")
                    .and_then(Value::as_u64)
                    .context("detail.loads")?,
                cause: detail
                    .get("cause")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            })
        })
        .collect()
}

/// Milliseconds from each click to the last row of the view's long lists (`view-complete:`),
/// by view.
async fn completes(app: &App) -> Result<BTreeMap<String, Vec<f64>>> {
    let answer = app
        .client()?
        .execute(
            "return performance.getEntriesByType('measure')
                .filter((m) => m.name.startsWith('view-complete:'))
                .map((m) => [m.name.slice('view-complete:'.length), m.duration]);",
            vec![],
        )
        .await
        .context("could not read the page's complete measures")?;
    let mut out: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for pair in answer.as_array().into_iter().flatten() {
        if let (Some(view), Some(ms)) = (pair[0].as_str(), pair[1].as_f64()) {
            out.entry(view.to_owned()).or_default().push(ms);
        }
    }
    Ok(out)
}

fn count(all: &[Measure], view: &str) -> usize {
    all.iter().filter(|m| m.view == view).count()
}

/// Clicks the sidebar link `label` and waits until the page has recorded one more measure
/// of `view`; returns that measure.
async fn switch_to(app: &App, label: &str, view: &str) -> Result<Measure> {
    let before = count(&measures(app).await?, view);
    app.click_button(label).await?;
    wait_until(
        &format!("the {view} view records its time after a click on {label:?}"),
        WAIT * 4,
        async || {
            let all = measures(app).await?;
            let mine: Vec<&Measure> = all.iter().filter(|m| m.view == view).collect();
            Ok(match mine.get(before) {
                Some(m) => Check::Done((*m).clone()),
                None => Check::Waiting(format!(
                    "{} measures of {view}; all: {:?}",
                    mine.len(),
                    all.iter().map(|m| &m.view).collect::<Vec<_>>()
                )),
            })
        },
    )
    .await
}

/// The first Today after start, measured from the page's start.
async fn start_measure(app: &App) -> Result<Measure> {
    wait_until(
        "the first Today records its time from the start",
        WAIT * 4,
        async || {
            let all = measures(app).await?;
            Ok(
                match all.iter().find(|m| m.view == "today" && m.cause == "start") {
                    Some(m) => Check::Done(m.clone()),
                    None => Check::Waiting(format!("measures: {all:?}")),
                },
            )
        },
    )
    .await
}

/// (sidebar label, view id) in the order the benchmark switches through them.
const ROUND: [(&str, &str); 5] = [
    ("Team", "team"),
    ("Week", "week"),
    ("Insights", "insights"),
    ("Work", "work"),
    ("Today", "today"),
];

#[tokio::test(flavor = "multi_thread")]
async fn every_view_records_how_long_it_took() -> Result<()> {
    run("every_view_records_how_long_it_took", async |app| {
        let first = start_measure(app).await?;
        ensure!(
            first.total > 0.0 && first.loads >= 1,
            "the first Today's measure should span its loads: {first:?}"
        );
        // Today's data was asked for before the page's script had loaded (ui/src/api/early.ts),
        // and every answer asked for so was used: none is left for a later call to take.
        let early = app
            .client()?
            .execute(
                "const m = performance.getEntriesByName('early-calls')[0]; return m ? m.detail : null;",
                vec![],
            )
            .await
            .context("could not read the early-calls mark")?;
        let taken = early.get("taken").and_then(Value::as_u64).unwrap_or(0);
        let unused = early.get("unused").and_then(Value::as_array);
        ensure!(
            taken >= 7 && unused.is_some_and(Vec::is_empty),
            "app_info and Today's six loads should have been answered early and all used: {early}"
        );
        let others = [
            ("Rhythms", "rhythms"),
            ("Ideas", "ideas"),
            ("Settings", "settings"),
        ];
        for (label, view) in others.iter().chain(ROUND.iter()) {
            let m = switch_to(app, label, view).await?;
            ensure!(
                m.cause == "click" && m.total > 0.0 && m.total >= m.frame,
                "{view}: a measure from the click to the frame after the draw, got {m:?}"
            );
            if *view != "settings" {
                ensure!(
                    m.loads >= 1,
                    "{view}: the measure should wait for the view's data, got {m:?}"
                );
            }
        }
        // The shell logged the first Today once, for scripts/bench-app.sh.
        let log = app.log_path().to_owned();
        wait_until("the app logs the first rendered Today", WAIT, async || {
            let text = fs::read_to_string(&log).unwrap_or_default();
            let lines = text.matches("first Today rendered").count();
            Ok(match lines {
                1 => Check::Done(()),
                n => Check::Waiting(format!("{n} such lines in {}", log.display())),
            })
        })
        .await?;
        Ok(())
    })
    .await
}

/// Where `cargo xtask ui-bench` put the teams: folders `people-<n>`, each with a narvaro.db.
fn fixture_dirs() -> Result<Vec<(usize, PathBuf)>> {
    let Some(root) = std::env::var_os("NARVARO_UI_BENCH_DATA") else {
        bail!(
            "NARVARO_UI_BENCH_DATA is not set: run `cargo xtask ui-bench`, which makes the \
             teams and sets it"
        );
    };
    let mut dirs = Vec::new();
    for entry in fs::read_dir(&root).with_context(|| format!("reading {root:?}"))? {
        let path = entry?.path();
        let size = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("people-"))
            .and_then(|n| n.parse::<usize>().ok());
        if let Some(size) = size {
            if path.join("narvaro.db").is_file() {
                dirs.push((size, path));
            }
        }
    }
    dirs.sort();
    ensure!(!dirs.is_empty(), "no people-<n>/narvaro.db under {root:?}");
    Ok(dirs)
}

fn copy_team(from: &Path, to: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = to.join(format!("narvaro.db{suffix}"));
        if file.exists() {
            fs::remove_file(&file).with_context(|| format!("removing {}", file.display()))?;
        }
    }
    fs::copy(from.join("narvaro.db"), to.join("narvaro.db"))
        .with_context(|| format!("copying the team from {}", from.display()))?;
    Ok(())
}

/// The commands Today, Team, Week, Insights and Work call, with the arguments they use.
const PAYLOADS: [(&str, &str); 16] = [
    ("agenda", r#"{"days": 8}"#),
    ("week_agenda", r#"{"offset": 0}"#),
    ("list_people", "{}"),
    ("list_rhythms", "{}"),
    ("list_groups", "{}"),
    ("current_away", "{}"),
    ("followups_due", "{}"),
    ("report_back_due", "{}"),
    ("missed_reminders", "{}"),
    ("reminder_preferences", "{}"),
    ("insights", r#"{"days": 90}"#),
    ("list_assignments", "{}"),
    ("division_of_work", "{}"),
    ("list_rounds", "{}"),
    ("teamwork_settings", "{}"),
    ("sample_team_loaded", "{}"),
];

/// Calls `command` five times from the page, one after the other: the median milliseconds
/// from invoke to the parsed answer, and the answer's size as JSON.
const TIME_COMMAND: &str = "const [command, args, done] = arguments;
    const invoke = window.__TAURI_INTERNALS__.invoke;
    (async () => {
      const times = [];
      let size = 0;
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        const answer = await invoke(command, args);
        times.push(performance.now() - start);
        size = JSON.stringify(answer).length;
      }
      times.sort((a, b) => a - b);
      done({ ms: times[2], bytes: size });
    })().catch((e) => done({ error: String(e) }));";

/// (command, median ms, JSON bytes) for each of `PAYLOADS`.
async fn payloads(app: &App) -> Result<Vec<(String, f64, u64)>> {
    let mut out = Vec::new();
    for (command, args) in PAYLOADS {
        let args: Value = serde_json::from_str(args)?;
        let answer = app
            .client()?
            .execute_async(TIME_COMMAND, vec![command.into(), args])
            .await
            .with_context(|| format!("timing {command}"))?;
        if let Some(error) = answer.get("error") {
            bail!("{command} failed: {error}");
        }
        out.push((
            command.to_owned(),
            answer.get("ms").and_then(Value::as_f64).unwrap_or(f64::NAN),
            answer.get("bytes").and_then(Value::as_u64).unwrap_or(0),
        ));
    }
    Ok(out)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: `cargo xtask ui-bench` (BENCHMARKS.md, Views at scale)"]
async fn views_at_scale() -> Result<()> {
    let rounds: usize = std::env::var("NARVARO_UI_BENCH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(7);
    type Run = (
        Measure,
        BTreeMap<String, Vec<Measure>>,
        Vec<(String, f64, u64)>,
        BTreeMap<String, Vec<f64>>,
    );
    let mut table: Vec<(usize, Run)> = Vec::new();
    for (size, dir) in fixture_dirs()? {
        let mut result = None;
        run(&format!("views_at_scale_{size}"), async |app| {
            app.restart_after(|data| copy_team(&dir, data)).await?;
            let first = start_measure(app).await?;
            let mut by_view: BTreeMap<String, Vec<Measure>> = BTreeMap::new();
            for _ in 0..rounds {
                for (label, view) in ROUND {
                    let m = switch_to(app, label, view).await?;
                    by_view.entry(view.to_owned()).or_default().push(m);
                }
            }
            let sizes = payloads(app).await?;
            let complete = completes(app).await?;
            result = Some((first, by_view, sizes, complete));
            Ok(())
        })
        .await?;
        table.push((size, result.context("the run recorded nothing")?));
    }
    println!(
        "\nViews at scale: ms from the click to the first frame with the view's data \
         ({rounds} rounds; median of fetch / DOM / frame in brackets; complete: to the last \
         row of long lists)"
    );
    println!(
        "{:>7} {:>9} {:>22} {:>8} {:>17}",
        "people", "view", "median (fetch/dom/frame)", "max", "complete med/max"
    );
    for (size, (first, by_view, _, complete)) in &table {
        for (view, list) in by_view {
            let part = |f: fn(&Measure) -> f64| median(&mut list.iter().map(f).collect::<Vec<_>>());
            let max = list.iter().map(|m| m.total).fold(0.0, f64::max);
            let mut done = complete.get(view).cloned().unwrap_or_default();
            let done_max = done.iter().copied().fold(0.0, f64::max);
            println!(
                "{size:>7} {view:>9} {:>7.0} ({:>3.0}/{:>3.0}/{:>3.0}) {max:>8.0} {:>8.0}/{done_max:<8.0}",
                part(|m| m.total),
                part(|m| m.fetch),
                part(|m| m.dom),
                part(|m| m.frame),
                median(&mut done),
            );
        }
        println!(
            "{size:>7} {:>9} {:>7.0} ({:>3.0}/{:>3.0}/{:>3.0})   (page start to first Today)",
            "start", first.total, first.fetch, first.dom, first.frame
        );
    }
    println!("\nWhat the views fetch: median ms of 5 calls from the page, and JSON bytes");
    for (size, (_, _, sizes, _)) in &table {
        for (command, ms, bytes) in sizes {
            println!("{size:>7} {command:>22} {ms:>7.1} ms {bytes:>9} B");
        }
    }
    Ok(())
}
